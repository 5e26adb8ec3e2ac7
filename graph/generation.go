package graph

import (
	"context"
	"sync"
	"sync/atomic"
)

// writeLock serialises a process's writes (see Store.writeMu) and counts
// them, so that a cache of answers can tell whether the store may have
// changed since it answered (see [Store.Generation]). The count is odd
// while a write holds the lock, and moves on when it lets go: an answer
// computed while the count stayed even and unchanged saw no write.
type writeLock struct {
	mu  sync.Mutex
	gen atomic.Uint64
}

// Lock waits for the other writes, then marks a write in progress.
func (l *writeLock) Lock() {
	l.mu.Lock()
	l.gen.Add(1)
}

// Unlock marks the write done (whether or not it changed anything), then
// lets the next one in.
func (l *writeLock) Unlock() {
	l.gen.Add(1)
	l.mu.Unlock()
}

// Generation says which state of the graph the store answers from: it
// changes with every write this process makes (bolt, memory) and, on a
// shared SQL database, whenever the change marker shows another process's
// writes, which the store looks for at most once per
// [Config.RefreshInterval], as its name index does. stable is false while
// a write is in progress, when answers must not be reused. An answer
// computed between two calls that return the same stable generation may be
// reused for as long as the generation stays the same. The error says why
// the database could not be checked; the generation is then unusable.
func (s *Store) Generation(ctx context.Context) (gen uint64, stable bool, err error) {
	if s.sql != nil {
		if err := s.refresh(); err != nil {
			return 0, false, err
		}
	}
	if err := ctx.Err(); err != nil {
		return 0, false, err
	}
	gen = s.writeMu.gen.Load()
	return gen, gen%2 == 0, nil
}
