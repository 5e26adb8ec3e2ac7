// Package doctext locates evidence in a source document's text: its
// paragraphs, the sentences of a paragraph, and spans given by Unicode code
// point offsets, each with the SHA-256 that pins it.
//
// A paragraph is a non-empty line of the file (headings count), numbered
// from 1. Offsets count code points into the whole file as written, end
// exclusive, so that they mean the same in every language a client uses.
package doctext

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// A Doc is a document's text, indexed for lookups by paragraph and by code
// point offset.
type Doc struct {
	text  string
	runes []rune
	paras []Paragraph
}

// Paragraph is one non-empty line of a document.
type Paragraph struct {
	N          int // 1-based
	Start, End int // code point offsets of the line, without its line break
}

// Span is a located stretch of a document.
type Span struct {
	Paragraph  int    // 1-based paragraph number
	Sentence   int    // 1-based sentence number within the paragraph
	Start, End int    // code point offsets into the document, end exclusive
	SHA256     string // lower-case hex SHA-256 of the span's UTF-8 text
}

// New indexes text. It fails on text that is not valid UTF-8.
func New(text string) (*Doc, error) {
	if !utf8.ValidString(text) {
		return nil, fmt.Errorf("document is not valid UTF-8")
	}
	d := &Doc{text: text, runes: []rune(text)}
	start := 0
	for i := 0; i <= len(d.runes); i++ {
		if i < len(d.runes) && d.runes[i] != '\n' {
			continue
		}
		end := i
		if end > start && d.runes[end-1] == '\r' {
			end--
		}
		if strings.TrimSpace(string(d.runes[start:end])) != "" {
			d.paras = append(d.paras, Paragraph{N: len(d.paras) + 1, Start: start, End: end})
		}
		start = i + 1
	}
	return d, nil
}

// Paragraphs returns the document's paragraphs in order.
func (d *Doc) Paragraphs() []Paragraph { return d.paras }

// ParagraphText returns the text of paragraph n, and false if there is none.
func (d *Doc) ParagraphText(n int) (string, bool) {
	if n < 1 || n > len(d.paras) {
		return "", false
	}
	p := d.paras[n-1]
	return string(d.runes[p.Start:p.End]), true
}

// Text returns the text between code point offsets start and end.
func (d *Doc) Text(start, end int) (string, error) {
	if start < 0 || end > len(d.runes) || start >= end {
		return "", fmt.Errorf("span %d-%d is outside the document's %d code points", start, end, len(d.runes))
	}
	return string(d.runes[start:end]), nil
}

// Locate describes the span between code point offsets start and end: the
// paragraph and sentence it starts in, and its hash. A span must lie within
// one paragraph.
func (d *Doc) Locate(start, end int) (Span, error) {
	text, err := d.Text(start, end)
	if err != nil {
		return Span{}, err
	}
	for _, p := range d.paras {
		if start < p.Start || start >= p.End {
			continue
		}
		if end > p.End {
			return Span{}, fmt.Errorf("span %d-%d runs past the end of paragraph %d (%d)", start, end, p.N, p.End)
		}
		sentence := 1
		for _, s := range Sentences(string(d.runes[p.Start:p.End])) {
			if start-p.Start >= s.Start {
				sentence = s.N
			}
		}
		return Span{Paragraph: p.N, Sentence: sentence, Start: start, End: end, SHA256: Hash(text)}, nil
	}
	return Span{}, fmt.Errorf("span %d-%d does not start in a paragraph", start, end)
}

// Find returns the code point offsets of every occurrence of quote in the
// document.
func (d *Doc) Find(quote string) [][2]int {
	var out [][2]int
	if quote == "" {
		return nil
	}
	n := utf8.RuneCountInString(quote)
	from := 0
	for {
		i := strings.Index(d.text[from:], quote)
		if i < 0 {
			return out
		}
		at := utf8.RuneCountInString(d.text[:from+i])
		out = append(out, [2]int{at, at + n})
		from += i + len(quote)
	}
}

// Hash returns the lower-case hex SHA-256 of s's UTF-8 bytes.
func Hash(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}

// Sentence is one sentence of a paragraph, by code point offsets into the
// paragraph.
type Sentence struct {
	N          int // 1-based
	Start, End int
}

// abbreviations end with a full stop that does not end a sentence.
var abbreviations = map[string]bool{
	"Mr.": true, "Mrs.": true, "Ms.": true, "Dr.": true, "Sir.": true, "St.": true,
	"U.S.": true, "U.K.": true, "U.N.": true, "E.U.": true, "vs.": true, "e.g.": true, "i.e.": true,
}

// Sentences splits a paragraph into sentences. A sentence ends at ".", "?"
// or "!" (after any closing quotes or brackets) followed by a space, unless
// the word ending there is a known abbreviation ("Mr.", "U.S.") or a single
// capital initial ("J.").
func Sentences(paragraph string) []Sentence {
	r := []rune(paragraph)
	var out []Sentence
	start := 0
	for i := 0; i < len(r); i++ {
		if r[i] != '.' && r[i] != '?' && r[i] != '!' {
			continue
		}
		j := i + 1
		for j < len(r) && strings.ContainsRune("\"'’”)]", r[j]) {
			j++
		}
		if j < len(r) && r[j] != ' ' {
			continue
		}
		if r[i] == '.' && isAbbreviation(r[start:i+1]) {
			continue
		}
		out = append(out, Sentence{N: len(out) + 1, Start: start, End: j})
		for j < len(r) && r[j] == ' ' {
			j++
		}
		start = j
		i = j - 1
	}
	if start < len(r) {
		out = append(out, Sentence{N: len(out) + 1, Start: start, End: len(r)})
	}
	return out
}

// isAbbreviation reports whether the last word of s (which ends in ".") is
// an abbreviation or an initial.
func isAbbreviation(s []rune) bool {
	k := len(s)
	for k > 0 && !unicode.IsSpace(s[k-1]) && s[k-1] != '(' && s[k-1] != '"' {
		k--
	}
	word := string(s[k:])
	if abbreviations[word] {
		return true
	}
	w := []rune(word)
	return len(w) == 2 && unicode.IsUpper(w[0])
}
