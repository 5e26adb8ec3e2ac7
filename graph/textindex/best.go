package textindex

import (
	"context"

	"github.com/blevesearch/bleve/v2/search/query"
	bindex "github.com/blevesearch/bleve_index_api"
)

// Bounds of a search.
const (
	// MaxScored bounds the matches a search scores in index order: a
	// query of common words ("talks" in a million quads) matches a good
	// part of the index, and scoring each would make its cost grow with
	// the graph. Past it, the hits are the best of the first MaxScored
	// matches and of the best matches in names and aliases (see
	// [Index.best]).
	MaxScored = 4000
	// HeadBoost is the least boost of the fields a search always reads
	// in full, whatever [MaxScored] leaves out: names and aliases.
	HeadBoost = 8
)

// best returns the best first documents bq matches, best first, with
// their scores.
//
// Scoring is what a search spends its time on, a few microseconds a
// match, so it scores the first [MaxScored] matches in index order. When
// there are more, the matches in names and aliases, which rank highest,
// may lie past them: the best first of those (looked for by the same
// words in the head fields alone, which hold few words) are then scored
// too, by bq, so that every score compares. Only body-text matches past
// the bound are left out, and [Query.Exhaustive] scores those too.
func (ix *Index) best(ctx context.Context, r bindex.IndexReader, words []word, q Query, fields []Field, bq query.Query, first int) ([]match, error) {
	if q.Exhaustive {
		top, err := ix.collect(ctx, r, bq, first, 0, nil)
		return top, err
	}
	heads := ix.headFields(fields)
	named := func() ([]bindex.IndexInternalID, error) {
		if len(heads) == 0 || len(heads) == len(fields) {
			return nil, nil // no head fields, or only: nothing more to look at
		}
		hq := ix.build(words, q, heads, word.fieldQuery)
		if hq == nil {
			return nil, nil
		}
		top, err := ix.collect(ctx, r, hq, first, 0, nil)
		ids := make([]bindex.IndexInternalID, len(top))
		for i, m := range top {
			ids[i] = m.id
		}
		return ids, err
	}
	top, err := ix.collect(ctx, r, bq, first, MaxScored, named)
	return top, err
}
