package graph

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sort"
	"sync"
	"time"

	cgraph "github.com/cayleygraph/cayley/graph"
	ckv "github.com/cayleygraph/cayley/graph/kv"
	"github.com/cayleygraph/cayley/writer"
	"github.com/cayleygraph/quad"
)

// Config says which store to open and how.
type Config struct {
	// Backend is "bolt" (the default when empty) or "memory".
	Backend string
	// Path is the store's directory for persistent backends.
	Path string
	// LockTimeout bounds the wait for another process's lock on a bolt
	// store; 0 means one second.
	LockTimeout time.Duration
	// Logger receives the store's logs; nil discards them.
	Logger *slog.Logger
}

// Store is a Parley knowledge graph over a Cayley quad store. Its methods
// are safe for concurrent use.
type Store struct {
	qs      cgraph.QuadStore
	qw      cgraph.QuadWriter
	backend string
	log     *slog.Logger

	writeMu sync.Mutex // serialises loads so each stays all-or-nothing

	mu  sync.RWMutex
	cat *catalog // name, alias and kind index; replaced, never mutated
}

// Open opens the store that cfg names, creating it on first use, and builds
// its name index. The caller must Close it.
func Open(ctx context.Context, cfg Config) (*Store, error) {
	if cfg.Backend == "" {
		cfg.Backend = BackendBolt
	}
	open, ok := openers[cfg.Backend]
	if !ok {
		return nil, fmt.Errorf("%w %q (want one of %v)", ErrUnknownBackend, cfg.Backend, Backends())
	}
	log := cfg.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	qs, err := open(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("open %s store: %w", cfg.Backend, err)
	}
	// The "single" writer applies each AddQuadSet as one ApplyDeltas call:
	// on bolt that is one transaction, so a load is all or nothing.
	qw, err := writer.NewSingle(qs, cgraph.IgnoreOpts{IgnoreDup: true, IgnoreMissing: true})
	if err != nil {
		qs.Close()
		return nil, fmt.Errorf("open writer: %w", err)
	}
	s := &Store{qs: qs, qw: qw, backend: cfg.Backend, log: log}
	if err := s.reindex(ctx); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

// Close releases the store. A bolt store can be opened again afterwards.
func (s *Store) Close() error {
	werr := s.qw.Close()
	if err := s.qs.Close(); err != nil {
		return fmt.Errorf("close store: %w", err)
	}
	return werr
}

// Backend returns the name of the backend the store runs on.
func (s *Store) Backend() string { return s.backend }

// QuadStore returns the underlying Cayley quad store, for Cayley's own query
// languages and HTTP API. Writes must go through [Store.Load] so that the
// name index stays current.
func (s *Store) QuadStore() cgraph.QuadStore { return s.qs }

// Stats counts the quads and nodes in the store.
type Stats struct {
	// Quads is exact; Nodes is an estimate on the bolt backend.
	Quads, Nodes int64
	// Entities counts the entities of each kind.
	Entities map[Kind]int
}

// Stats returns the size of the store.
func (s *Store) Stats(ctx context.Context) (Stats, error) {
	st, err := s.stats(ctx)
	if err != nil {
		return Stats{}, err
	}
	cat := s.catalog()
	out := Stats{Quads: st.Quads.Size, Nodes: st.Nodes.Size, Entities: map[Kind]int{}}
	for _, k := range Kinds {
		out.Entities[k] = len(cat.byKind[k])
	}
	return out, nil
}

// stats reads Cayley's counters; a kv store that was never written to has
// none yet, which means empty.
func (s *Store) stats(ctx context.Context) (cgraph.Stats, error) {
	st, err := s.qs.Stats(ctx, false)
	if errors.Is(err, ckv.ErrNoBucket) {
		return cgraph.Stats{}, nil
	} else if err != nil {
		return st, fmt.Errorf("read store stats: %w", err)
	}
	return st, nil
}

func (s *Store) catalog() *catalog {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.cat
}

// reindex rebuilds the name index from the graph.
func (s *Store) reindex(ctx context.Context) error {
	start := time.Now()
	cat := newCatalog()
	for _, p := range []string{PredType, PredName, PredAlternateName} {
		err := s.eachQuad(ctx, quad.Predicate, quad.IRI(p), func(q quad.Quad) error {
			cat.add(q)
			return nil
		})
		if err != nil {
			return fmt.Errorf("build name index: %w", err)
		}
	}
	cat.finish()
	s.mu.Lock()
	s.cat = cat
	s.mu.Unlock()
	s.log.DebugContext(ctx, "name index built", "entities", len(cat.kinds), "took", time.Since(start))
	return nil
}

// eachQuad calls fn for every quad whose direction d is v, stopping at the
// first error or when ctx is done.
func (s *Store) eachQuad(ctx context.Context, d quad.Direction, v quad.Value, fn func(quad.Quad) error) error {
	ref := s.qs.ValueOf(v)
	if ref == nil {
		return nil
	}
	return s.iterate(ctx, s.qs.QuadIterator(d, ref), fn)
}

// iterate calls fn for the quad of every result of it, then closes it.
func (s *Store) iterate(ctx context.Context, it cgraph.Iterator, fn func(quad.Quad) error) error {
	defer it.Close()
	for it.Next(ctx) {
		if err := fn(s.qs.Quad(it.Result())); err != nil {
			return err
		}
	}
	if err := it.Err(); err != nil {
		return err
	}
	return ctx.Err()
}

// sortedKeys returns the keys of m in order.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
