package graph

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"sync"

	cgraph "github.com/cayleygraph/cayley/graph"
	ckv "github.com/cayleygraph/cayley/graph/kv"
	"github.com/cayleygraph/cayley/graph/shape"
	"github.com/cayleygraph/quad"
)

// Prefix scans: a kv (bolt) store indexes quads by (subject, predicate)
// and by (object, predicate, subject), so the quads of one node with one
// predicate are a prefix of an index. A scan that keeps only some
// predicates reads those prefixes instead of every quad of the node: the
// affiliates of a state, or the topics narrower than a topic, without
// reading the thousands of positions that name it. Cayley's QuadIterator
// takes one direction only, so Parley builds the index iterator itself,
// after checking that the store has the index.

// prefixIndexes holds, per direction, the kv index that starts with that
// direction and then the predicate, when the store has one.
type prefixIndexes struct {
	once sync.Once
	by   map[quad.Direction]ckv.QuadIndex
}

// prefixIndex returns the index of s's kv store that starts with d and
// then the predicate, and false when s is not a kv store or has none.
func (s *Store) prefixIndex(d quad.Direction) (ckv.QuadIndex, bool) {
	kv, ok := s.qs.(*ckv.QuadStore)
	if !ok {
		return ckv.QuadIndex{}, false
	}
	s.prefixes.once.Do(func() {
		s.prefixes.by = map[quad.Direction]ckv.QuadIndex{}
		for _, dirs := range [][]quad.Direction{
			{quad.Subject, quad.Predicate},
			{quad.Object, quad.Predicate, quad.Subject},
		} {
			// The store's optimiser picks an index for a lookup of every
			// direction of the one sought: it is there when it picks it.
			filter := map[quad.Direction]cgraph.Ref{}
			for _, d := range dirs {
				filter[d] = ckv.Int64Value(1)
			}
			sh, _ := kv.OptimizeShape(shape.QuadsAction{Result: quad.Subject, Filter: filter})
			if nf, ok := sh.(shape.NodesFrom); ok {
				if scan, ok := nf.Quads.(ckv.IndexScan); ok && slices.Equal(scan.Index.Dirs, dirs) {
					s.prefixes.by[dirs[0]] = scan.Index
				}
			}
		}
	})
	ind, ok := s.prefixes.by[d]
	return ind, ok
}

// scanPrefix calls fn with every quad reference of ind whose first two
// directions are node and pred.
func (s *Store) scanPrefix(ctx context.Context, ind ckv.QuadIndex, node, pred cgraph.Ref, fn func(cgraph.Ref) error) error {
	n, ok1 := node.(ckv.Int64Value)
	p, ok2 := pred.(ckv.Int64Value)
	if !ok1 || !ok2 {
		return fmt.Errorf("read quads: unexpected references %T, %T", node, pred)
	}
	return drain(ctx, ckv.NewQuadIterator(s.qs.(*ckv.QuadStore), ind, []uint64{uint64(n), uint64(p)}), fn)
}

// keptInOrder returns the references of the kept predicates that the
// store holds, in the order of their IDs, which is the order of the
// predicates within a node's prefix of the index: scanning their
// prefixes in turn reads the quads in the order a scan of the whole node
// would.
func keptInOrder(preds []cgraph.Ref) []cgraph.Ref {
	out := make([]cgraph.Ref, 0, len(preds))
	for _, p := range preds {
		if _, ok := p.(ckv.Int64Value); ok {
			out = append(out, p)
		}
	}
	slices.SortFunc(out, func(a, b cgraph.Ref) int {
		return cmp.Compare(a.(ckv.Int64Value), b.(ckv.Int64Value))
	})
	return slices.CompactFunc(out, func(a, b cgraph.Ref) bool { return a == b })
}
