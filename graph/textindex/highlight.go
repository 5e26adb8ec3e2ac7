package textindex

import (
	"fmt"
	"html"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/char/asciifolding"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
	bindex "github.com/blevesearch/bleve_index_api"
)

// snippetBytes is about the longest snippet: a value longer than this is
// cut around its marked words.
const snippetBytes = 200

// finish reads the hits back: their IDs, the tags stored with them, and
// the best-ranked field that matched, highlighted. Only these few
// documents are read, and they are highlighted from their stored text by
// the query's words, without running the query again: doing that with
// term vectors cost more than the rest of most searches (2–4 ms at 1M
// quads), because the posting lists of common words are walked again to
// reach the hits.
func (ix *Index) finish(r bindex.IndexReader, words []word, fields []Field, top []match, minScore float64) ([]Hit, error) {
	m := ix.marker(words)
	out := make([]Hit, 0, len(top))
	for _, t := range top {
		if t.score < minScore {
			continue
		}
		id, err := r.ExternalID(t.id)
		if err != nil {
			return nil, fmt.Errorf("read text index document ID: %w", err)
		}
		doc, err := r.Document(id)
		if err != nil {
			return nil, fmt.Errorf("read text index document %s: %w", id, err)
		}
		hit := Hit{ID: id, Score: t.score}
		values := map[string][]string{}
		if doc != nil {
			doc.VisitFields(func(f bindex.Field) {
				values[f.Name()] = append(values[f.Name()], string(f.Value()))
			})
		}
		hit.Kinds = values[kindField]
		for _, f := range fields {
			if hit.Snippet = ix.highlight(m, values[f.Name]); hit.Snippet != "" {
				hit.Field = f.Name
				break
			}
		}
		out = append(out, hit)
	}
	return out, nil
}

// marker says which words of a text a query matched.
type marker struct {
	terms    map[string]bool // index terms: stems and typos
	prefixes []string
	phrases  [][]phraseTerm
}

// phraseTerm is a term of a phrase and its position after the first.
type phraseTerm struct {
	term string
	at   int
}

// marker returns the marker of the words a document must match (not those
// it must not).
func (ix *Index) marker(words []word) *marker {
	m := &marker{terms: map[string]bool{}}
	a := ix.m.AnalyzerNamed(stemmed)
	for _, w := range words {
		switch {
		case w.Not:
		case w.Phrase && a != nil:
			toks := a.Analyze([]byte(w.Text))
			var p []phraseTerm
			for _, t := range toks {
				p = append(p, phraseTerm{string(t.Term), t.Position - toks[0].Position})
			}
			if len(p) > 0 {
				m.phrases = append(m.phrases, p)
			}
		default:
			for _, s := range w.stems {
				m.terms[s] = true
			}
			for _, s := range w.typos {
				m.terms[s] = true
			}
			if w.prefix != "" {
				m.prefixes = append(m.prefixes, w.prefix)
			}
		}
	}
	return m
}

// highlight returns the snippet of the value of values with the most
// matched words, or "" when none has one.
func (ix *Index) highlight(m *marker, values []string) string {
	best, bestMarks := "", 0
	var bestToks []*analysis.Token
	for _, v := range values {
		toks := ix.tokens(v)
		marked := m.mark(toks)
		if n := len(marked); n > bestMarks {
			best, bestMarks, bestToks = v, n, marked
		}
	}
	if bestMarks == 0 {
		return ""
	}
	return snippet(best, bestToks)
}

// mark returns those of toks the query matched, in order.
func (m *marker) mark(toks []*analysis.Token) []*analysis.Token {
	var out []*analysis.Token
	at := map[int]*analysis.Token{}
	for _, t := range toks {
		at[t.Position] = t
	}
	marked := map[*analysis.Token]bool{}
	for _, t := range toks {
		term := string(t.Term)
		if m.terms[term] || slices.ContainsFunc(m.prefixes, func(p string) bool { return strings.HasPrefix(term, p) }) {
			marked[t] = true
		}
		for _, p := range m.phrases {
			if term != p[0].term {
				continue
			}
			found := true
			for _, pt := range p[1:] {
				if o := at[t.Position+pt.at]; o == nil || string(o.Term) != pt.term {
					found = false
					break
				}
			}
			if found {
				for _, pt := range p {
					marked[at[t.Position+pt.at]] = true
				}
			}
		}
	}
	for _, t := range toks {
		if marked[t] {
			out = append(out, t)
		}
	}
	return out
}

// tokens returns the stemmed tokens of v, with their offsets in v itself.
// The index's analyzer folds accents before it splits words, which
// changes the offsets of a text with accents (and costs more than the
// rest of the analysis): text without them is analysed without folding,
// which gives the same tokens, and the tokens of text with them are
// mapped back by position onto the words of v as written.
func (ix *Index) tokens(v string) []*analysis.Token {
	if isASCII(v) && ix.unfolded != nil {
		return ix.unfolded.Analyze([]byte(v))
	}
	a := ix.m.AnalyzerNamed(stemmed)
	if a == nil {
		return nil
	}
	toks := a.Analyze([]byte(v))
	folded := asciifolding.New().Filter([]byte(v))
	if len(folded) == len(v) {
		return toks
	}
	tk := unicode.NewUnicodeTokenizer()
	words, foldedWords := tk.Tokenize([]byte(v)), tk.Tokenize(folded)
	if len(words) != len(foldedWords) {
		return nil // cannot be mapped: left unmarked rather than marked wrong
	}
	for _, t := range toks {
		if t.Position < 1 || t.Position > len(words) {
			return nil
		}
		w := words[t.Position-1]
		t.Start, t.End = w.Start, w.End
	}
	return toks
}

// unfolded returns the analyzer of the text fields without its character
// filters, for text they leave as it is; nil if it is not of the kind.
func unfolded(a analysis.Analyzer) analysis.Analyzer {
	da, ok := a.(*analysis.DefaultAnalyzer)
	if !ok {
		return nil
	}
	c := *da
	c.CharFilters = nil
	return &c
}

// isASCII reports whether s is all ASCII.
func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// snippet returns v, or the part of it around its first marked words when
// it is long, HTML-escaped, with the words marked <mark>like this</mark>.
func snippet(v string, marked []*analysis.Token) string {
	from, to := 0, len(v)
	if len(v) > snippetBytes {
		// Start up to two words before the first marked word, so that
		// the snippet shows it in its sentence, and end at a space.
		first := marked[0].Start
		from = first
		for range 2 {
			if j := wordBefore(v, from); first-j <= snippetBytes/4 {
				from = j
			}
		}
		to = min(len(v), from+snippetBytes)
		if to < len(v) {
			if sp := strings.LastIndexByte(v[first:to], ' '); sp > 0 {
				to = first + sp
			}
			for to > from && !utf8.RuneStart(v[to]) {
				to--
			}
		}
	}
	var b strings.Builder
	if from > 0 {
		b.WriteString("…")
	}
	at := from
	for _, t := range marked {
		if t.Start < at || t.End > to {
			continue
		}
		b.WriteString(html.EscapeString(v[at:t.Start]))
		b.WriteString("<mark>")
		b.WriteString(html.EscapeString(v[t.Start:t.End]))
		b.WriteString("</mark>")
		at = t.End
	}
	b.WriteString(html.EscapeString(v[at:to]))
	if to < len(v) {
		b.WriteString("…")
	}
	return b.String()
}

// wordBefore returns the start of the word before the one at i in v.
func wordBefore(v string, i int) int {
	for i > 0 && v[i-1] == ' ' {
		i--
	}
	for i > 0 && v[i-1] != ' ' {
		i--
	}
	return i
}
