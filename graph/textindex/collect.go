package textindex

import (
	"container/heap"
	"context"
	"fmt"

	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	bindex "github.com/blevesearch/bleve_index_api"
)

// MaxScored bounds the matching documents one search scores: a query of
// common words ("talks" in a million quads) matches a good part of the
// index, and scoring each would make its cost grow with the graph. Past
// it, the hits are the best of the first MaxScored matches in index order,
// with every name and alias match besides (see [Index.Search]).
const MaxScored = 4000

// HeadBoost is the least boost of the fields a search always reads in
// full, whatever [MaxScored] leaves out: names and aliases.
const HeadBoost = 8

// collect runs bq and returns the IDs of its best first matches, best
// first, scoring at most limit matches (0: all of them); complete reports
// whether it scored every match. It scores without term vectors, which
// only the highlighting of the hits returned needs.
func (ix *Index) collect(ctx context.Context, r bindex.IndexReader, bq query.Query, first, limit int) (ids []string, complete bool, err error) {
	s, err := bq.Searcher(ctx, r, ix.m, search.SearcherOptions{})
	if err != nil {
		return nil, false, fmt.Errorf("search text index: %w", err)
	}
	defer s.Close()
	sctx := &search.SearchContext{
		DocumentMatchPool: search.NewDocumentMatchPool(s.DocumentMatchPoolSize()+first+1, 0),
		IndexReader:       r,
	}
	best := &matchHeap{}
	for n := 0; ; n++ {
		if limit > 0 && n == limit {
			break
		}
		if n%1024 == 0 && ctx.Err() != nil {
			return nil, false, ctx.Err()
		}
		dm, err := s.Next(sctx)
		if err != nil {
			return nil, false, fmt.Errorf("search text index: %w", err)
		}
		if dm == nil {
			complete = true
			break
		}
		switch {
		case best.Len() < first:
			heap.Push(best, dm)
		case dm.Score > (*best)[0].Score:
			sctx.DocumentMatchPool.Put((*best)[0])
			(*best)[0] = dm
			heap.Fix(best, 0)
		default:
			sctx.DocumentMatchPool.Put(dm)
		}
	}
	ids = make([]string, best.Len())
	for i := len(ids) - 1; i >= 0; i-- {
		dm := heap.Pop(best).(*search.DocumentMatch)
		if ids[i], err = r.ExternalID(dm.IndexInternalID); err != nil {
			return nil, false, fmt.Errorf("read text index document ID: %w", err)
		}
	}
	return ids, complete, nil
}

// matchHeap is a min-heap of matches by score: its root is the worst of
// the best matches kept.
type matchHeap []*search.DocumentMatch

func (h matchHeap) Len() int           { return len(h) }
func (h matchHeap) Less(i, j int) bool { return h[i].Score < h[j].Score }
func (h matchHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *matchHeap) Push(x any)        { *h = append(*h, x.(*search.DocumentMatch)) }
func (h *matchHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}
