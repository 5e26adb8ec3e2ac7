// Parley addition to the copy of Cayley's query/gizmo (see README.md): how finals
// read the store. Each final reads its results under the store's lock, then hands
// them over (to the VM, to a callback, to the caller) with the lock released, so
// that no script code runs while writes are kept out.

package gizmo

import (
	"context"

	"github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/iterator"
	"github.com/cayleygraph/quad"
)

// SetStoreLock makes the session run each read of its quad store inside lock,
// which keeps writes to the store out while fn runs. A read is one final's
// traversal (building its iterator, running it to its limit, reading the values of
// its results) or loading namespaces. The script's own code, its callbacks
// included, and the hand-over of results run outside lock, so that a script that
// runs long, or never ends, holds no write back. Without it, reads run as they are.
func (s *Session) SetStoreLock(lock func(fn func())) { s.storeLock = lock }

// locked runs fn, a read of the store, inside the session's store lock.
func (s *Session) locked(fn func()) {
	if s.storeLock == nil {
		fn()
		return
	}
	s.storeLock(fn)
}

// tagged returns a builder of p's iterator with its results tagged TopResultTag,
// as the finals read them.
func (p *pathObject) tagged() func() graph.Iterator {
	return func() graph.Iterator { return iterator.Tag(p.buildIteratorTree(), TopResultTag) }
}

// readRows builds an iterator with build and reads its results under the store
// lock, up to max of them (max < 0: all), with every path when paths is set,
// converting each result's tags with conv while the lock is held; conv drops a
// result by returning false. With peek it reads one result more, and more reports
// whether there was one. A panic in an iterator becomes an error naming fn.
func readRows[T any](s *Session, fn string, build func() graph.Iterator, paths bool, max int, peek bool, conv func(map[string]graph.Ref) (T, bool)) (rows []T, more bool, err error) {
	ctx, cancel := context.WithCancel(s.context())
	defer cancel()
	limit := max
	if max >= 0 && peek {
		limit++
	}
	if limit == 0 {
		return nil, false, nil
	}
	s.locked(func() {
		err = protect(fn, func() error {
			n := 0
			return graph.Iterate(ctx, build()).Paths(paths).Limit(limit).TagEach(func(tags map[string]graph.Ref) {
				if n++; max >= 0 && n > max {
					more = true
					return
				}
				if r, ok := conv(tags); ok {
					rows = append(rows, r)
				}
			})
		})
	})
	if err != nil {
		return nil, false, err
	}
	return rows, more, nil
}

// max0 is n, or 0 when n is negative.
func max0(n int) int {
	if n < 0 {
		return 0
	}
	return n
}

// final is the one loop behind the finals that bring results into the VM
// (toArray, tagArray, toValue, tagValue, forEach, map): it reads up to limit
// results (limit <= 0: none of its own), at most the session limit, reading one
// more to learn whether the session limit truncates; then, with the store lock
// released, it counts each value against the query's budget and hands it to each.
func final[T any](s *Session, fn string, build func() graph.Iterator, paths bool, limit int, conv func(map[string]graph.Ref) (T, bool), each func(T) error) error {
	limit, capped := s.capLimit(limit)
	if limit <= 0 {
		limit = -1
	}
	rows, more, err := readRows(s, fn, build, paths, limit, capped, conv)
	if err != nil {
		return err
	}
	err = protect(fn, func() error {
		for _, r := range rows {
			if err := s.take(fn); err != nil {
				return err
			}
			if err := each(r); err != nil {
				return err
			}
		}
		return nil
	})
	if err == nil && more {
		// Only once every value is handed over: a query stopped meanwhile
		// failed, rather than answered in part.
		s.trunc.Store(true)
	}
	return err
}

// sendAll reads the results of the iterator build returns, at most limit of them
// when limit is above zero, and sends them to the caller: the final all (and
// getLimit). The session limit caps what the whole query sends: it reads one result
// more than the session may still send, so that send can mark the query truncated.
func (s *Session) sendAll(build func() graph.Iterator, limit int) error {
	if s.shape != nil {
		s.locked(func() { iterator.OutputQueryShapeForIterator(build(), s.qs, s.shape) })
		return nil
	}
	max, peek := -1, false
	if limit > 0 {
		max = limit
	}
	if s.limit > 0 {
		if left := max0(s.limit - s.count); max < 0 || max >= left {
			max, peek = left, true
		}
	}
	rows, more, err := readRows(s, "all", build, true, max, peek, func(tags map[string]graph.Ref) (*Result, bool) {
		names := make(map[string]quad.Value, len(tags))
		for k, ref := range tags {
			names[k] = s.qs.NameOf(ref)
		}
		return &Result{Tags: tags, names: names}, true
	})
	if err != nil {
		return err
	}
	ctx := s.context()
	for _, r := range rows {
		if !s.send(ctx, r) {
			return nil
		}
	}
	if more {
		s.trunc.Store(true)
	}
	return nil
}

// countResults counts the results of the iterator build returns.
func (s *Session) countResults(build func() graph.Iterator) (n int64, err error) {
	s.locked(func() {
		it := build()
		if s.shape != nil {
			iterator.OutputQueryShapeForIterator(it, s.qs, s.shape)
			return
		}
		err = protect("count", func() (err error) {
			n, err = graph.Iterate(s.context(), it).Paths(true).Count()
			return err
		})
	})
	return n, err
}

// tagRow is what tagArray, tagValue, forEach and map bring into the VM of one
// result: the values of its tags; a result without any is dropped.
func (s *Session) tagRow(tags map[string]graph.Ref) (map[string]interface{}, bool) {
	m := s.tagsToValueMap(tags)
	return m, m != nil
}

// nodeRow is what toArray and toValue bring into the VM of one result: the value
// of the node at the end of the path; a result without one is dropped.
func (s *Session) nodeRow(tags map[string]graph.Ref) (interface{}, bool) {
	o := s.quadValueToNative(s.qs.NameOf(tags[TopResultTag]))
	return o, o != nil
}
