package graph

import (
	"context"
	"fmt"
	"sync"

	cgraph "github.com/cayleygraph/cayley/graph"
	ckv "github.com/cayleygraph/cayley/graph/kv"
	"github.com/cayleygraph/quad"
)

// A readKind says how a read uses the store, for its backend's policy.
type readKind int

const (
	// plainRead is one of Parley's own index reads, which only read, and
	// resolve values after their iterator has closed (see [maxBuffered]).
	plainRead readKind = iota
	// cayleyRead runs Cayley's own query machinery: its query languages,
	// its APIv2 and full scans. On bolt it may open a transaction inside
	// another, since Cayley resolves values inside its iterators and a full
	// scan outgrows the resolver's buffer. On memory it may write: building
	// an iterator over all nodes or quads marks the memstore's list of them
	// as shared.
	cayleyRead
)

// A lockMode is how a read takes the store's lock.
type lockMode int

const (
	unlocked  lockMode = iota
	shared             // beside other shared reads, never beside a write
	exclusive          // alone
)

// A readPolicy says how each kind of read of a backend takes the store's
// lock; writes take it exclusively unless no read takes it. Each backend's
// opener chooses its own (see [opened]).
type readPolicy [2]lockMode

var (
	// sqlReads: the database keeps its readers and writers apart itself.
	sqlReads = readPolicy{plainRead: unlocked, cayleyRead: unlocked}
	// boltReads: a write that must grow bolt's memory map waits for every
	// open read transaction, and a transaction begun meanwhile waits for the
	// write, so a read that holds one transaction and begins another would
	// wait for itself. Cayley's reads exclude writes; Parley's never nest.
	boltReads = readPolicy{plainRead: unlocked, cayleyRead: shared}
	// memoryReads: Cayley's memstore has no locking of its own. Its indexes
	// are plain maps and trees that a write changes in place, and a read
	// beside a write can see them half-changed; and Cayley's reads write
	// to it (see cayleyRead), so they run alone.
	memoryReads = readPolicy{plainRead: shared, cayleyRead: exclusive}
)

// storeLock keeps writes away from the reads that cannot run beside them,
// as the backend's policy says. A read holds it only while it talks to
// Cayley, never while Parley's callbacks or a user's program run (see
// [readThen]): a callback that read again would take it twice, and
// deadlock behind a waiting writer, and a program that never ends would
// hold writes back for ever.
type storeLock struct {
	policy readPolicy
	mu     sync.RWMutex
}

// guards reports whether a read of kind k takes the lock.
func (l *storeLock) guards(k readKind) bool { return l.policy[k] != unlocked }

// read runs fn, a read of kind k, holding the lock as the policy says. fn
// must not read through the lock again, nor run for longer than Cayley
// takes to answer.
func (l *storeLock) read(k readKind, fn func()) {
	switch l.policy[k] {
	case shared:
		l.mu.RLock()
		defer l.mu.RUnlock()
	case exclusive:
		l.mu.Lock()
		defer l.mu.Unlock()
	}
	fn()
}

// write runs fn holding the lock exclusively, unless no read takes it.
func (l *storeLock) write(fn func()) {
	if l.policy != sqlReads {
		l.mu.Lock()
		defer l.mu.Unlock()
	}
	fn()
}

// readThen runs produce, a read of kind k, and calls consume with each
// value produce emits, stopping at the first error. When the read takes
// the lock, produce runs under it with its values buffered, and consume
// runs after the lock is released; otherwise consume runs as produce
// emits.
func readThen[T any](l *storeLock, k readKind, produce func(emit func(T) error) error, consume func(T) error) error {
	if !l.guards(k) {
		return produce(consume)
	}
	var (
		buf []T
		err error
	)
	l.read(k, func() {
		err = produce(func(v T) error {
			buf = append(buf, v)
			return nil
		})
	})
	if err != nil {
		return err
	}
	for _, v := range buf {
		if err := consume(v); err != nil {
			return err
		}
	}
	return nil
}

// mayNest reports whether a read of kind k may resolve values while an
// index scan's iterator is still open (see [maxBuffered]): always, but on a
// kv store for a read that runs beside writes.
func (s *Store) mayNest(k readKind) bool {
	_, kv := s.qs.(*ckv.QuadStore)
	return !kv || s.lock.guards(k)
}

// View runs fn, which reads the quad store directly as Cayley's own query
// languages and HTTP API do, so that no write to the store runs at the
// same time. fn must not call the Store's methods, and should only read:
// a caller that hands what it read to someone else (a client, a user's
// program) should collect it inside fn and hand it over afterwards.
func (s *Store) View(fn func(cgraph.QuadStore)) {
	s.lock.read(cayleyRead, func() { fn(s.qs) })
}

// iterate calls fn for the quad of every result of the iterator that open
// returns (nil: none), then closes it, stopping at the first error or when
// ctx is done. open runs under the same lock as the reading.
func (s *Store) iterate(ctx context.Context, open func() cgraph.Iterator, fn func(quad.Quad) error) error {
	return readThen(&s.lock, plainRead, func(emit func(quad.Quad) error) error {
		return s.stream(ctx, plainRead, open(), emit)
	}, fn)
}

// stream calls fn for the quad of every result of it, for a read of kind k.
// It resolves the results in batches (see [resolver]), after the iterator
// has ended unless there are more than [maxBuffered] of them and k may
// nest transactions.
func (s *Store) stream(ctx context.Context, k readKind, it cgraph.Iterator, fn func(quad.Quad) error) error {
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
	nest := s.mayNest(k)
	for it.Next(ctx) {
		if prims = append(prims, it.Result()); len(prims) >= maxBuffered && nest {
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
