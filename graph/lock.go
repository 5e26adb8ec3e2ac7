package graph

import (
	"context"
	"fmt"
	"sync"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"
)

// storeLock keeps writes away from the reads that cannot run beside them.
//
// On memory it guards every read: Cayley's memstore has no locking of its
// own, its indexes are plain maps and trees that a write rebuilds in place,
// and a read running beside a write can see them half-changed.
//
// On bolt it guards the reads that open a bolt transaction while holding
// another (Cayley's own query languages and HTTP API resolve values inside
// their iterators, Gizmo across goroutines; so does a full scan). A write
// that must grow bolt's memory map waits for every open read transaction,
// and a transaction begun meanwhile waits for the write: a read that holds
// one transaction and begins another would wait for itself. Parley's own
// reads resolve values after their iterator has closed, and take no lock.
// The SQL backends take none.
//
// Reads hold it shared and writes exclusively. A read holds the lock only
// while it talks to Cayley, never while it calls back into Parley's code:
// iterate buffers a memory read's quads and calls fn after releasing the
// lock, so that a callback that reads again cannot deadlock behind a
// waiting writer.
type storeLock struct {
	on     bool // every read takes it (memory)
	nested bool // reads that nest transactions take it (bolt)
	mu     sync.RWMutex
}

// read runs fn, a read of the store through Parley's own code.
func (l *storeLock) read(fn func()) {
	if l.on {
		l.mu.RLock()
		defer l.mu.RUnlock()
	}
	fn()
}

// readNested runs fn, a read that may nest transactions.
func (l *storeLock) readNested(fn func()) {
	if l.on || l.nested {
		l.mu.RLock()
		defer l.mu.RUnlock()
	}
	fn()
}

// write runs fn holding the lock exclusively.
func (l *storeLock) write(fn func()) {
	if l.on || l.nested {
		l.mu.Lock()
		defer l.mu.Unlock()
	}
	fn()
}

// View runs fn, which reads the quad store directly (Cayley's own query
// languages and HTTP API do), so that no write to the store runs at the same
// time. fn must not call the Store's write methods.
func (s *Store) View(fn func(cgraph.QuadStore)) {
	s.lock.readNested(func() { fn(s.qs) })
}

// iterate calls fn for the quad of every result of the iterator that open
// returns (nil: none), then closes it, stopping at the first error or when
// ctx is done. open runs under the same lock as the reading.
func (s *Store) iterate(ctx context.Context, open func() cgraph.Iterator, fn func(quad.Quad) error) error {
	if !s.lock.on {
		return s.stream(ctx, open(), fn)
	}
	var (
		buf []quad.Quad
		err error
	)
	s.lock.read(func() {
		err = s.stream(ctx, open(), func(q quad.Quad) error {
			buf = append(buf, q)
			return nil
		})
	})
	if err != nil {
		return err
	}
	for _, q := range buf {
		if err := fn(q); err != nil {
			return err
		}
	}
	return nil
}

// stream calls fn for the quad of every result of it. It resolves the
// results in batches (see [resolver]), after the iterator has ended unless
// there are more than [maxBuffered] of them.
func (s *Store) stream(ctx context.Context, it cgraph.Iterator, fn func(quad.Quad) error) error {
	if it == nil {
		return nil
	}
	r := newResolver(s)
	var prims []cgraph.Ref
	flush := func() error {
		qs, err := r.quads(ctx, prims)
		if err != nil {
			return err
		}
		prims = prims[:0]
		for _, q := range qs {
			if err := fn(q); err != nil {
				return err
			}
		}
		return nil
	}
	for it.Next(ctx) {
		if prims = append(prims, it.Result()); len(prims) >= maxBuffered {
			if err := flush(); err != nil {
				it.Close()
				return err
			}
		}
	}
	err := it.Err()
	it.Close() // before resolving the rest: see maxBuffered
	if err != nil {
		return fmt.Errorf("read quads: %w", err)
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	return flush()
}
