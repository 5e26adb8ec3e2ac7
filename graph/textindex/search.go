package textindex

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/highlight/highlighter/html"
	"github.com/blevesearch/bleve/v2/search/query"
	bindex "github.com/blevesearch/bleve_index_api"
)

// Query is a search of the index.
type Query struct {
	// Text is the query, in the language [Parse] reads.
	Text string
	// Kinds, when not empty, limits the documents to those with one of
	// these tags.
	Kinds []string
	// First is how many hits to return at most; 0 means 20.
	First int
	// MinScore leaves out hits that score lower.
	MinScore float64
	// Complete makes the last word also match as a prefix, for name
	// completion as the user types ("Kush" finds Kushner), from its first
	// letter; a prefix that stands for more than [MaxExpansion] terms is
	// then left out rather than refused.
	Complete bool
	// Fields, when not empty, limits the search to these fields.
	Fields []string
	// Exclude lists the IDs of documents to leave out (withdrawn facts):
	// left out by the index, so that First hits still come back.
	Exclude []string
}

// Hit is a document that matches a query.
type Hit struct {
	// ID is the document's ID.
	ID string
	// Score says how well it matches; higher is better. Scores compare
	// hits of one query only.
	Score float64
	// Field is the best-ranked field that matched.
	Field string
	// Snippet is an extract of that field with the matched words marked
	// <mark>like this</mark>; the rest is HTML-escaped.
	Snippet string
	// Kinds are the document's tags.
	Kinds []string
}

// Search returns the documents that match q, best first. Errors wrap
// [ErrSyntax] or [ErrTooBroad] when the query is at fault.
//
// A search runs in passes, so that its cost follows the hits asked for
// rather than the documents that match: the query is scored over at most
// [MaxScored] matching documents (all of them, unless common words make it
// match more), without term vectors; the names and aliases that match are
// then found in full (they rank first, and are few), should the first
// pass have stopped early; and only the hits returned are read back with
// their stored tags and highlighted.
func (ix *Index) Search(ctx context.Context, q Query) ([]Hit, error) {
	terms, err := Parse(q.Text)
	if err != nil {
		return nil, err
	}
	first := q.First
	if first <= 0 {
		first = 20
	}
	r, err := ix.reader()
	if err != nil {
		return nil, err
	}
	defer r.Close()
	fields := ix.searched(q.Fields)
	bq, err := ix.build(r, terms, q, fields)
	if err != nil || bq == nil { // nil: only stop words, nothing can match
		return []Hit{}, err
	}
	top, complete, err := ix.collect(ctx, r, bq, first, MaxScored)
	if err != nil {
		return nil, err
	}
	if !complete {
		if heads := ix.headFields(fields); len(heads) > 0 && len(heads) < len(fields) {
			hq, err := ix.build(r, terms, q, heads)
			if err != nil {
				return nil, err
			}
			if hq != nil {
				// Every name and alias match, scored by the whole query.
				named, _, err := ix.collect(ctx, r, hq, first, 0)
				if err != nil {
					return nil, err
				}
				for _, id := range named {
					if !slices.Contains(top, id) {
						top = append(top, id)
					}
				}
			}
		}
	}
	return ix.finish(ctx, bq, top, first, q.MinScore)
}

// finish reads the hits ids back through the whole query bq, restricted to
// them: their scores, the tags stored with them, and the fields and words
// that matched, highlighted. Only these few documents are highlighted.
func (ix *Index) finish(ctx context.Context, bq query.Query, ids []string, first int, minScore float64) ([]Hit, error) {
	if len(ids) == 0 {
		return []Hit{}, nil
	}
	only := query.NewDocIDQuery(ids)
	only.SetBoost(0) // a filter: no part in the score
	req := bleve.NewSearchRequestOptions(query.NewBooleanQuery([]query.Query{bq, only}, nil, nil), first, 0, false)
	req.Fields = []string{kindField}
	req.Highlight = bleve.NewHighlightWithStyle(html.Name)
	for _, f := range ix.fields {
		req.Highlight.AddField(f.Name)
	}
	res, err := ix.b.SearchInContext(ctx, req)
	if err != nil {
		return nil, fmt.Errorf("search text index: %w", err)
	}
	out := make([]Hit, 0, len(res.Hits))
	for _, h := range res.Hits {
		if h.Score < minScore {
			continue
		}
		hit := Hit{ID: h.ID, Score: h.Score, Kinds: tags(h.Fields[kindField])}
		for _, f := range ix.fields {
			if len(h.Locations[f.Name]) > 0 && len(h.Fragments[f.Name]) > 0 {
				hit.Field, hit.Snippet = f.Name, h.Fragments[f.Name][0]
				break
			}
		}
		out = append(out, hit)
	}
	return out, nil
}

// searched returns the fields a search looks in: only, or every field.
func (ix *Index) searched(only []string) []Field {
	if len(only) == 0 {
		return ix.fields
	}
	var out []Field
	for _, f := range ix.fields {
		if slices.Contains(only, f.Name) {
			out = append(out, f)
		}
	}
	return out
}

// headFields returns those of fields that rank a hit first: the fields
// boosted at least [HeadBoost] (names and aliases).
func (ix *Index) headFields(fields []Field) []Field {
	var out []Field
	for _, f := range fields {
		if f.Boost >= HeadBoost {
			out = append(out, f)
		}
	}
	return out
}

// tags returns a stored field's values as strings.
func tags(v any) []string {
	switch v := v.(type) {
	case string:
		return []string{v}
	case []any:
		out := make([]string, 0, len(v))
		for _, x := range v {
			if s, ok := x.(string); ok {
				out = append(out, s)
			}
		}
		return out
	}
	return nil
}

// build turns parsed terms into a Bleve query, or nil when no term has a
// word the index could hold.
func (ix *Index) build(r bindex.IndexReader, terms []Term, q Query, fields []Field) (query.Query, error) {
	last := -1
	if q.Complete {
		for i, t := range terms {
			if !t.Not && !t.Phrase {
				last = i
			}
		}
	}
	var must, mustNot []query.Query
	for i, t := range terms {
		tq, err := ix.termQuery(r, t, i == last, fields)
		if err != nil {
			return nil, err
		}
		switch {
		case tq == nil:
		case t.Not:
			mustNot = append(mustNot, tq)
		default:
			must = append(must, tq)
		}
	}
	if len(must) == 0 {
		return nil, nil
	}
	if len(q.Kinds) > 0 {
		kinds := make([]query.Query, len(q.Kinds))
		for i, k := range q.Kinds {
			tq := query.NewTermQuery(k)
			tq.SetField(kindField)
			tq.SetBoost(0) // a filter: no part in the score
			kinds[i] = tq
		}
		must = append(must, query.NewDisjunctionQuery(kinds))
	}
	if len(q.Exclude) > 0 {
		mustNot = append(mustNot, query.NewDocIDQuery(q.Exclude))
	}
	bq := query.NewBooleanQuery(must, nil, mustNot)
	return bq, nil
}

// termQuery returns the query of one word or phrase over every field, or
// nil when the analyzer leaves nothing of it (stop words, punctuation).
func (ix *Index) termQuery(r bindex.IndexReader, t Term, complete bool, fields []Field) (query.Query, error) {
	stems := ix.analyze(stemmed, t.Text)
	words := ix.analyze(folded, t.Text)
	if len(stems) == 0 && !(t.Prefix || complete) || len(words) == 0 {
		return nil, nil
	}
	// Typo-tolerant and prefix forms are expanded once, against the
	// dictionary of every word (termsField), rather than once per field.
	// A word the index holds is taken as meant: only a word it lacks
	// ("Kushnir") is looked for with typos. Besides, a common word's
	// near spellings are common too, and would multiply its cost.
	var typos []string
	if n := fuzziness(t.Text); n > 0 && len(stems) == 1 && !t.Prefix && !t.Phrase && !ix.holds(r, stems[0]) {
		fr, ok := r.(bindex.IndexReaderFuzzy)
		if ok {
			// The first letter must match: typos there are rare, and the
			// automaton then walks a small part of the dictionary.
			first := string([]rune(stems[0])[:1])
			terms, err := ix.expand(t.Text, func() (bindex.FieldDict, error) {
				return fr.FieldDictFuzzy(termsField, stems[0], n, first)
			})
			if err != nil {
				return nil, err
			}
			for _, term := range terms {
				if term != stems[0] {
					typos = append(typos, term)
				}
			}
		}
	}
	prefix := ""
	if (t.Prefix || complete) && !t.Phrase {
		p := words[len(words)-1]
		if letters(p) > 0 && (!t.Prefix || letters(p) >= MinPrefix) {
			_, err := ix.expand(t.Text+"*", func() (bindex.FieldDict, error) {
				return r.FieldDictPrefix(termsField, []byte(p))
			})
			switch {
			case err == nil:
				prefix = p
			case errors.Is(err, ErrTooBroad) && !t.Prefix:
				// completion of a word barely begun: the word alone
			default:
				return nil, err
			}
		}
	}
	var alts []query.Query
	for _, f := range fields {
		boost := f.Boost
		if t.Phrase {
			pq := query.NewMatchPhraseQuery(t.Text)
			pq.SetField(f.Name)
			pq.Analyzer = stemmed
			pq.SetBoost(boost)
			alts = append(alts, pq)
			continue
		}
		if len(stems) > 0 && !t.Prefix {
			mq := query.NewMatchQuery(t.Text)
			mq.SetField(f.Name)
			mq.Analyzer = stemmed
			mq.SetOperator(query.MatchQueryOperatorAnd)
			mq.SetBoost(boost)
			alts = append(alts, mq)
		}
		for _, term := range typos {
			tq := query.NewTermQuery(term)
			tq.SetField(f.Name)
			tq.SetBoost(boost / 2)
			alts = append(alts, tq)
		}
		if prefix != "" {
			pq := query.NewPrefixQuery(prefix)
			pq.SetField(f.Name)
			pq.SetBoost(boost / 2)
			alts = append(alts, pq)
		}
	}
	if len(alts) == 0 {
		return nil, nil
	}
	return query.NewDisjunctionQuery(alts), nil
}

// holds reports whether some document has the term.
func (ix *Index) holds(r bindex.IndexReader, term string) bool {
	tfr, err := r.TermFieldReader(context.Background(), []byte(term), termsField, false, false, false)
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

// reader returns a reader of the index's current state.
func (ix *Index) reader() (bindex.IndexReader, error) {
	adv, err := ix.b.Advanced()
	if err != nil {
		return nil, fmt.Errorf("open text index: %w", err)
	}
	r, err := adv.Reader()
	if err != nil {
		return nil, fmt.Errorf("read text index: %w", err)
	}
	return r, nil
}
