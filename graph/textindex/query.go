package textindex

import (
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Limits of one query.
const (
	// MaxQueryBytes bounds the length of a query's text.
	MaxQueryBytes = 1000
	// MaxTerms bounds the words and phrases of a query.
	MaxTerms = 16
	// MaxExpansion bounds the index terms one typo-tolerant or prefix word
	// may stand for, in each field.
	MaxExpansion = 500
	// MinPrefix is the fewest letters a prefix word (word*) may have.
	MinPrefix = 2
	// MaxFuzzyRunes is the longest word that may have typos: the
	// automaton of a longer one grows past any use (no English word is
	// that long), so it matches exactly.
	MaxFuzzyRunes = 24
)

// Errors of a query, wrapped with what and where.
var (
	// ErrSyntax is a query that does not parse.
	ErrSyntax = errors.New("query syntax")
	// ErrTooBroad is a query that would expand to more index terms, or
	// have more terms, than the limits allow.
	ErrTooBroad = errors.New("query too broad")
)

// Term is one word or phrase of a parsed query.
type Term struct {
	// Text is the word or the phrase, as typed (without quotes, minus or
	// star).
	Text string
	// Phrase is set for a quoted phrase: its words must appear in order.
	Phrase bool
	// Prefix is set for word*: the word starts an indexed word.
	Prefix bool
	// Not is set for -word or -"phrase": documents matching it are left
	// out.
	Not bool
}

// Parse parses a query: words, all of which must match (each in its
// stemmed form, or with a typo or two in a long word); "quoted phrases",
// whose words must appear in order; a leading minus, which leaves out
// what matches a word or phrase; and a trailing star, which makes a word
// a prefix ("neg*" finds negotiations). Other punctuation is plain text:
// the analyzer drops it. Errors wrap [ErrSyntax] or [ErrTooBroad] and say
// where the problem is (a byte offset).
func Parse(text string) ([]Term, error) {
	if len(text) > MaxQueryBytes {
		return nil, fmt.Errorf("%w: the query is %d bytes long; at most %d", ErrTooBroad, len(text), MaxQueryBytes)
	}
	if !utf8.ValidString(text) {
		return nil, fmt.Errorf("%w: the query is not valid UTF-8", ErrSyntax)
	}
	var terms []Term
	i := 0
	for i < len(text) {
		r, size := utf8.DecodeRuneInString(text[i:])
		if unicode.IsSpace(r) {
			i += size
			continue
		}
		start := i
		t := Term{}
		if r == '-' {
			t.Not = true
			i++
			if i == len(text) || isSpace(text[i:]) {
				return nil, fmt.Errorf("%w at %d: a minus must be followed by the word or \"phrase\" to leave out", ErrSyntax, start)
			}
		}
		if text[i] == '"' {
			end := strings.IndexByte(text[i+1:], '"')
			if end < 0 {
				return nil, fmt.Errorf("%w at %d: unterminated quote (a phrase ends with \")", ErrSyntax, i)
			}
			t.Text, t.Phrase = text[i+1:i+1+end], true
			i += end + 2
			if strings.TrimSpace(t.Text) == "" {
				return nil, fmt.Errorf("%w at %d: empty phrase", ErrSyntax, start)
			}
		} else {
			end := i
			for end < len(text) {
				r, size := utf8.DecodeRuneInString(text[end:])
				if unicode.IsSpace(r) || r == '"' {
					break
				}
				end += size
			}
			word := text[i:end]
			i = end
			if star := strings.IndexByte(word, '*'); star >= 0 {
				if star != len(word)-1 {
					return nil, fmt.Errorf("%w at %d: a star may only end a word (%q)", ErrSyntax, start+star, word)
				}
				word = word[:star]
				if n := letters(word); n < MinPrefix {
					return nil, fmt.Errorf("%w at %d: a prefix needs at least %d letters before its star (%q)", ErrSyntax, start, MinPrefix, word+"*")
				}
				t.Prefix = true
			}
			t.Text = word
		}
		terms = append(terms, t)
		if len(terms) > MaxTerms {
			return nil, fmt.Errorf("%w: more than %d words and phrases", ErrTooBroad, MaxTerms)
		}
	}
	positive := false
	for _, t := range terms {
		positive = positive || !t.Not
	}
	if !positive {
		return nil, fmt.Errorf("%w: nothing to look for (give a word or phrase that is not left out)", ErrSyntax)
	}
	return terms, nil
}

func isSpace(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsSpace(r)
}

// letters counts the letters and digits of s.
func letters(s string) int {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			n++
		}
	}
	return n
}

// fuzziness is the typos a word may have and still match: none in a short
// word, where one edit makes another word, one from five letters, two
// from eight ("Kushnir" finds Kushner), and none again past
// [MaxFuzzyRunes]. A word matches with two typos only when nothing
// matches it with one.
func fuzziness(word string) int {
	switch n := utf8.RuneCountInString(word); {
	case n > MaxFuzzyRunes:
		return 0
	case n >= 8:
		return 2
	case n >= 5:
		return 1
	}
	return 0
}
