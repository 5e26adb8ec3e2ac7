package graph

import (
	"cmp"
	"context"
	"fmt"
	"slices"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/memstore"
	"github.com/cayleygraph/quad"
)

// The links of a hierarchy (skos:broader, partOf, a role's of) are few
// beside the other quads that name their objects: a hot topic is the
// object of thousands of positions' topic links and of three broader
// links. A kv store (bolt) reads only the links, from its (object,
// predicate, subject) index (see prefix.go). Cayley's memory store has an
// index per direction only, exact in size, so linksTo walks whichever is
// smaller for the level of the hierarchy at hand: the object indexes of
// the nodes of the level, or the predicate indexes of the links, keeping
// the quads whose object is one of the level's nodes. Either way the cost
// is that of the smaller index read, never that of the graph.

// linksTo calls fn(i, q) for every quad q whose object is objs[i] and
// whose predicate is one of preds, request by request, each in the
// order of the store's object index, as [Store.scan] does.
func (s *Store) linksTo(ctx context.Context, preds, objs []string, fn func(i int, q quad.Quad) error) error {
	reqs := make([]scanReq, len(objs))
	for i, o := range objs {
		reqs[i] = scanReq{quad.Object, quad.IRI(o)}
	}
	if _, ok := s.qs.(*memstore.QuadStore); !ok || len(preds) == 0 {
		return s.scan(ctx, nil, reqs, predFilter{keep: preds}, fn)
	}
	type hit struct {
		i int
		q quad.Quad
	}
	return readThen(&s.lock, plainRead, func(emit func(hit) error) error {
		return s.memLinksTo(ctx, preds, reqs, func(i int, q quad.Quad) error { return emit(hit{i, q}) })
	}, func(h hit) error { return fn(h.i, h.q) })
}

// memLinksTo is linksTo on the memory store, under the store's lock.
func (s *Store) memLinksTo(ctx context.Context, preds []string, reqs []scanReq, fn func(i int, q quad.Quad) error) error {
	qs := s.qs
	size := func(d quad.Direction, ref cgraph.Ref) int64 {
		sz, err := qs.QuadIteratorSize(ctx, d, ref)
		if err != nil || !sz.Exact {
			return -1
		}
		return sz.Size
	}
	var byObj, byPred int64
	objIdx := map[any][]int{} // the key of an object node → its requests
	for i, r := range reqs {
		ref := qs.ValueOf(r.val)
		if ref == nil {
			continue
		}
		k := cgraph.ToKey(ref)
		objIdx[k] = append(objIdx[k], i)
		if n := size(quad.Object, ref); n >= 0 && byObj >= 0 {
			byObj += n
		} else {
			byObj = -1
		}
	}
	var predRefs []cgraph.Ref
	for _, p := range preds {
		if ref := qs.ValueOf(quad.IRI(p)); ref != nil {
			predRefs = append(predRefs, ref)
			if n := size(quad.Predicate, ref); n >= 0 && byPred >= 0 {
				byPred += n
			} else {
				byPred = -1
			}
		}
	}
	if len(objIdx) == 0 || len(predRefs) == 0 {
		return ctx.Err()
	}
	if byPred < 0 || byObj < 0 || byObj <= byPred {
		r := newResolver(s)
		return s.scanStore(ctx, r, reqs, predFilter{keep: preds}, func(owner []int, qs []quad.Quad) error {
			for j, q := range qs {
				if err := fn(owner[j], q); err != nil {
					return err
				}
			}
			return nil
		})
	}
	type found struct {
		i  int
		id any // the quad's key: its ID, the order of the object index
		q  cgraph.Ref
	}
	var hits []found
	for _, p := range predRefs {
		err := drain(ctx, qs.QuadIterator(quad.Predicate, p), func(q cgraph.Ref) error {
			for _, i := range objIdx[cgraph.ToKey(qs.QuadDirection(q, quad.Object))] {
				hits = append(hits, found{i, q.Key(), q})
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	slices.SortStableFunc(hits, func(a, b found) int {
		if c := cmp.Compare(a.i, b.i); c != 0 {
			return c
		}
		ai, aok := a.id.(int64)
		bi, bok := b.id.(int64)
		if aok && bok {
			return cmp.Compare(ai, bi)
		}
		return 0
	})
	for _, h := range hits {
		if err := fn(h.i, qs.Quad(h.q)); err != nil {
			return err
		}
	}
	return ctx.Err()
}

// subjectsLinking is [Store.subjectsOfAny] through linksTo: for each of
// objs, the subjects of the quads (subject pred obj) with pred one of
// preds, each once, in the order found.
func (s *Store) subjectsLinking(ctx context.Context, preds, objs []string) ([][]string, error) {
	out := make([][]string, len(objs))
	seen := make([]map[string]bool, len(objs))
	err := s.linksTo(ctx, preds, objs, func(i int, q quad.Quad) error {
		subj := iriOf(q.Subject)
		if subj == "" {
			return nil
		}
		if seen[i] == nil {
			seen[i] = map[string]bool{}
		}
		if !seen[i][subj] {
			seen[i][subj] = true
			out[i] = append(out[i], subj)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("find the subjects of %d links: %w", len(objs), err)
	}
	return out, nil
}
