package textindex

import (
	"bytes"
	"container/heap"
	"context"
	"fmt"
	"slices"

	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	bindex "github.com/blevesearch/bleve_index_api"
)

// match is a document a query matched, and its score.
type match struct {
	id    bindex.IndexInternalID
	score float64
}

// collect runs bq and returns its best first matches, best first.
//
// It scores bq's matches in index order, at most limit of them (0: all).
// Should there be more, it also scores those of the documents later (found by later, and only
// then) that bq matches, by advancing bq to each: later's documents are
// then scored by the same query as the others, so their scores compare,
// and reaching them reads bq's posting lists without scoring what lies
// between. It scores without term vectors, which only the highlighting
// of the hits returned would need.
func (ix *Index) collect(ctx context.Context, r bindex.IndexReader, bq query.Query, first, limit int, later func() ([]bindex.IndexInternalID, error)) ([]match, error) {
	s, err := bq.Searcher(ctx, r, ix.m, search.SearcherOptions{})
	if err != nil {
		return nil, fmt.Errorf("search text index: %w", err)
	}
	defer s.Close()
	sctx := &search.SearchContext{
		DocumentMatchPool: search.NewDocumentMatchPool(s.DocumentMatchPoolSize()+first+1, 0),
		IndexReader:       r,
	}
	best := &matchHeap{first: first}
	var last bindex.IndexInternalID // the last match scored
	complete := false
	for n := 0; limit == 0 || n < limit; n++ {
		if n%1024 == 0 && ctx.Err() != nil {
			return nil, ctx.Err()
		}
		dm, err := s.Next(sctx)
		if err != nil {
			return nil, fmt.Errorf("search text index: %w", err)
		}
		if dm == nil {
			complete = true
			break
		}
		last = append(last[:0], dm.IndexInternalID...)
		best.keep(sctx, dm)
	}
	if !complete && later != nil && last != nil {
		ids, err := later()
		if err != nil {
			return nil, err
		}
		if err := best.advance(ctx, s, sctx, last, ids); err != nil {
			return nil, err
		}
	}
	return best.sorted(), nil
}

// matchHeap keeps the best first matches: a min-heap by score, whose root
// is the worst of them.
type matchHeap struct {
	first int
	dms   []*search.DocumentMatch
}

func (h *matchHeap) Len() int           { return len(h.dms) }
func (h *matchHeap) Less(i, j int) bool { return h.dms[i].Score < h.dms[j].Score }
func (h *matchHeap) Swap(i, j int)      { h.dms[i], h.dms[j] = h.dms[j], h.dms[i] }
func (h *matchHeap) Push(x any)         { h.dms = append(h.dms, x.(*search.DocumentMatch)) }
func (h *matchHeap) Pop() any {
	x := h.dms[len(h.dms)-1]
	h.dms = h.dms[:len(h.dms)-1]
	return x
}

// keep adds dm, when among the best first, and gives back to the pool
// whatever match that leaves out. The searcher reuses what the pool holds,
// so a match it has not given back must not be kept.
func (h *matchHeap) keep(sctx *search.SearchContext, dm *search.DocumentMatch) {
	switch {
	case len(h.dms) < h.first:
		heap.Push(h, dm)
	case dm.Score > h.dms[0].Score:
		sctx.DocumentMatchPool.Put(h.dms[0])
		h.dms[0] = dm
		heap.Fix(h, 0)
	default:
		sctx.DocumentMatchPool.Put(dm)
	}
}

// advance scores the documents ids that come after the match at, and that
// s matches, by advancing s to each in order.
func (h *matchHeap) advance(ctx context.Context, s search.Searcher, sctx *search.SearchContext, at bindex.IndexInternalID, ids []bindex.IndexInternalID) error {
	ids = slices.DeleteFunc(slices.Clone(ids), func(id bindex.IndexInternalID) bool { return bytes.Compare(id, at) <= 0 })
	slices.SortFunc(ids, func(a, b bindex.IndexInternalID) int { return bytes.Compare(a, b) })
	var cur *search.DocumentMatch // where s stands, past the last id looked for
	for _, id := range ids {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if cur == nil || bytes.Compare(cur.IndexInternalID, id) < 0 {
			if cur != nil {
				sctx.DocumentMatchPool.Put(cur)
			}
			dm, err := s.Advance(sctx, id)
			if err != nil {
				return fmt.Errorf("search text index: %w", err)
			}
			if dm == nil {
				return nil // no match from here on
			}
			cur = dm
		}
		if cur.IndexInternalID.Equals(id) {
			h.keep(sctx, cur)
			cur = nil
		}
	}
	return nil
}

// sorted returns the matches kept, best first.
func (h *matchHeap) sorted() []match {
	out := make([]match, len(h.dms))
	for i := len(out) - 1; i >= 0; i-- {
		dm := heap.Pop(h).(*search.DocumentMatch)
		out[i] = match{id: slices.Clone(dm.IndexInternalID), score: dm.Score}
	}
	return out
}
