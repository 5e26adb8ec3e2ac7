package textindex

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/blevesearch/bleve/v2/search/query"
	bindex "github.com/blevesearch/bleve_index_api"
)

// word is one term of a query, looked up in the index's dictionary once,
// so that the queries of every pass of a search are built from the same
// expansions.
type word struct {
	Term
	// stems are the stemmed tokens of the term; empty when the analyzer
	// leaves nothing of it but its prefix form.
	stems []string
	// typos are the index terms within the word's fuzziness, looked for
	// only when the index lacks the word itself.
	typos []string
	// prefix, when set, is the folded start of the last token, which
	// matches every index term it begins.
	prefix string
	// lacks holds the fields that lack one of stems: the word's stems (or
	// phrase) cannot match there, and a search does not look.
	lacks map[string]bool
}

// lookUp analyses the terms of a query against r's dictionary. A term the
// analyzer leaves nothing of (stop words, punctuation) is left out. With
// complete, the last word that is neither a phrase nor left out also
// matches as a prefix ([Query.Complete]).
func (ix *Index) lookUp(r bindex.IndexReader, terms []Term, complete bool) ([]word, error) {
	last := -1
	if complete {
		for i, t := range terms {
			if !t.Not && !t.Phrase {
				last = i
			}
		}
	}
	words := make([]word, 0, len(terms))
	for i, t := range terms {
		w, ok, err := ix.lookUpWord(r, t, i == last)
		if err != nil {
			return nil, err
		}
		if ok {
			words = append(words, w)
		}
	}
	return words, nil
}

// lookUpWord analyses one term; ok is false when nothing of it can match.
func (ix *Index) lookUpWord(r bindex.IndexReader, t Term, complete bool) (w word, ok bool, err error) {
	w = word{Term: t, stems: ix.analyze(stemmed, t.Text)}
	folded := ix.analyze(folded, t.Text)
	if len(w.stems) == 0 && !(t.Prefix || complete) || len(folded) == 0 {
		return w, false, nil
	}
	// Typo-tolerant and prefix forms are expanded once, against the
	// dictionary of every word (termsField), rather than once per field.
	// A word the index holds is taken as meant: only a word it lacks
	// ("Kushnir") is looked for with typos. Besides, a common word's
	// near spellings are common too, and would multiply its cost.
	if n := fuzziness(t.Text); n > 0 && len(w.stems) == 1 && !t.Prefix && !t.Phrase && !ix.holds(r, w.stems[0]) {
		if fr, ok := r.(bindex.IndexReaderFuzzy); ok {
			// The first letter must match: typos there are rare, and the
			// automaton then walks a small part of the dictionary. Words
			// one edit away are looked for first, and two edits away
			// only when there are none: the closer spelling is the one
			// meant, and the two-edit automaton of a long word costs
			// milliseconds to build.
			first := string([]rune(w.stems[0])[:1])
			for edits := 1; edits <= n && len(w.typos) == 0; edits++ {
				terms, err := ix.expand(t.Text, func() (bindex.FieldDict, error) {
					return fr.FieldDictFuzzy(termsField, w.stems[0], edits, first)
				})
				if err != nil {
					return w, false, err
				}
				for _, term := range terms {
					if term != w.stems[0] {
						w.typos = append(w.typos, term)
					}
				}
			}
		}
	}
	if (t.Prefix || complete) && !t.Phrase {
		p := folded[len(folded)-1]
		if letters(p) > 0 && (!t.Prefix || letters(p) >= MinPrefix) {
			_, err := ix.expand(t.Text+"*", func() (bindex.FieldDict, error) {
				return r.FieldDictPrefix(termsField, []byte(p))
			})
			switch {
			case err == nil:
				w.prefix = p
			case errors.Is(err, ErrTooBroad) && !t.Prefix:
				// completion of a word barely begun: the word alone
			default:
				return w, false, err
			}
		}
	}
	if t.Prefix {
		w.stems = nil // the word matches as a prefix only
	}
	// A field that lacks a word costs a search a searcher that each match
	// must advance (a common word is in the summaries but in no name, say):
	// left out, the disjunction of the word's fields is two fields wide
	// instead of five.
	for _, f := range ix.fields {
		for _, s := range w.stems {
			if !ix.holdsIn(r, f.Name, s) {
				if w.lacks == nil {
					w.lacks = map[string]bool{}
				}
				w.lacks[f.Name] = true
				break
			}
		}
	}
	return w, len(w.stems) > 0 || len(w.typos) > 0 || w.prefix != "", nil
}

// fieldQuery returns the query of w over fields, scored by each field's
// boost: its stems together in one field, or its phrase, or one of its
// typos or prefix terms at half the boost.
func (w word) fieldQuery(fields []Field) query.Query {
	var alts []query.Query
	for _, f := range fields {
		lacks := w.lacks[f.Name]
		if w.Phrase && !lacks {
			pq := query.NewMatchPhraseQuery(w.Text)
			pq.SetField(f.Name)
			pq.Analyzer = stemmed
			pq.SetBoost(f.Boost)
			alts = append(alts, pq)
		}
		if w.Phrase {
			continue
		}
		if len(w.stems) > 0 && !lacks {
			mq := query.NewMatchQuery(w.Text)
			mq.SetField(f.Name)
			mq.Analyzer = stemmed
			mq.SetOperator(query.MatchQueryOperatorAnd)
			mq.SetBoost(f.Boost)
			alts = append(alts, mq)
		}
		for _, term := range w.typos {
			alts = append(alts, termIn(f.Name, term, f.Boost/2))
		}
		if w.prefix != "" {
			pq := query.NewPrefixQuery(w.prefix)
			pq.SetField(f.Name)
			pq.SetBoost(f.Boost / 2)
			alts = append(alts, pq)
		}
	}
	return query.NewDisjunctionQuery(alts)
}

// termIn returns the query of one index term in one field.
func termIn(field, term string, boost float64) *query.TermQuery {
	tq := query.NewTermQuery(term)
	tq.SetField(field)
	tq.SetBoost(boost)
	return tq
}

// holds reports whether some document has the term.
func (ix *Index) holds(r bindex.IndexReader, term string) bool {
	return ix.holdsIn(r, termsField, term)
}

// holdsIn reports whether some document has the term in field.
func (ix *Index) holdsIn(r bindex.IndexReader, field, term string) bool {
	tfr, err := r.TermFieldReader(context.Background(), []byte(term), field, false, false, false)
	if err != nil {
		return false
	}
	defer tfr.Close()
	return tfr.Count() > 0
}

// expand returns the index terms a typo-tolerant or prefix word stands
// for, refusing a word that stands for more than [MaxExpansion].
func (ix *Index) expand(word string, dict func() (bindex.FieldDict, error)) ([]string, error) {
	d, err := dict()
	if err != nil {
		return nil, fmt.Errorf("expand %q in the text index: %w", short(word), err)
	}
	defer d.Close()
	var terms []string
	for {
		e, err := d.Next()
		if err != nil {
			return nil, fmt.Errorf("expand %q in the text index: %w", short(word), err)
		}
		if e == nil {
			return terms, nil
		}
		if len(terms) == MaxExpansion {
			return nil, fmt.Errorf("%w: %q matches more than %d words of the index (the limit); type more of the word", ErrTooBroad, short(word), MaxExpansion)
		}
		terms = append(terms, e.Term)
	}
}

// short returns s, cut to 40 bytes for an error message.
func short(s string) string {
	if len(s) <= 40 {
		return s
	}
	return strings.ToValidUTF8(s[:40], "") + "…"
}

// analyze returns the terms the named analyzer makes of text.
func (ix *Index) analyze(analyzer, text string) []string {
	a := ix.m.AnalyzerNamed(analyzer)
	if a == nil {
		return nil
	}
	var out []string
	for _, tok := range a.Analyze([]byte(text)) {
		out = append(out, string(tok.Term))
	}
	return out
}
