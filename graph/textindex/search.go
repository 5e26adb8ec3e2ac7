package textindex

import (
	"context"
	"fmt"
	"slices"

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
	// Exhaustive scores every match, which gives the exact ranking at a
	// cost that grows with the matches: for checking the bounded passes
	// of a search against (see [Index.best]), not for serving.
	Exhaustive bool
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
// rather than the documents that match (see [Index.best]); only the hits
// returned are read back with their stored tags and highlighted.
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
	words, err := ix.lookUp(r, terms, q.Complete)
	if err != nil {
		return nil, err
	}
	fields := ix.searched(q.Fields)
	bq := ix.build(words, q, fields, word.fieldQuery)
	if bq == nil { // only stop words, or words the index lacks
		return []Hit{}, nil
	}
	top, err := ix.best(ctx, r, words, q, fields, bq, first)
	if err != nil {
		return nil, err
	}
	return ix.finish(r, words, fields, top, q.MinScore)
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

// build returns the query of words: every word that is not left out
// matches (each through term), none of those left out does, and the
// document has one of q's kinds and is not excluded. A word term returns
// nil for is left out of it. It is nil when no word is left to match.
func (ix *Index) build(words []word, q Query, fields []Field, term func(word, []Field) query.Query) query.Query {
	var must, mustNot []query.Query
	for _, w := range words {
		switch tq := term(w, fields); {
		case tq == nil:
		case w.Not:
			mustNot = append(mustNot, tq)
		default:
			must = append(must, tq)
		}
	}
	if len(must) == 0 {
		return nil
	}
	if len(q.Kinds) > 0 {
		kinds := make([]query.Query, len(q.Kinds))
		for i, k := range q.Kinds {
			kinds[i] = termIn(kindField, k, 0) // a filter: no part in the score
		}
		must = append(must, query.NewDisjunctionQuery(kinds))
	}
	if len(q.Exclude) > 0 {
		mustNot = append(mustNot, query.NewDocIDQuery(q.Exclude))
	}
	return query.NewBooleanQuery(must, nil, mustNot)
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
