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
	// Backend is "bolt" (the default when empty), "memory" or "postgres".
	Backend string
	// Path is the store's directory for the bolt backend, and the
	// connection URL ("postgres://user:password@host:port/database?…", or
	// lib/pq's key=value form) for PostgreSQL.
	Path string
	// LockTimeout bounds the wait for another process's lock on a bolt
	// store; 0 means one second.
	LockTimeout time.Duration

	// The settings below apply to the SQL backends only; 0 means the
	// default. A DSN parameter of the same name wins over them.

	// MaxConns is the size of the connection pool Cayley queries through
	// (default [DefaultMaxConns]); Parley keeps 2 more connections for its
	// counts and change checks.
	MaxConns int
	// ConnectTimeout bounds establishing a connection: DSN
	// connect_timeout (default [DefaultConnectTimeout]).
	ConnectTimeout time.Duration
	// StatementTimeout bounds every statement on PostgreSQL: DSN
	// statement_timeout (default [DefaultStatementTimeout]).
	StatementTimeout time.Duration
	// RefreshInterval is how often, at most, the store looks for writes by
	// other processes before it answers from its name index (default
	// [DefaultRefreshInterval]); negative means before every lookup.
	RefreshInterval time.Duration
	// Logger receives the store's logs; nil discards them.
	Logger *slog.Logger
}

// Store is a Parley knowledge graph over a Cayley quad store. Its methods
// are safe for concurrent use.
type Store struct {
	qs      cgraph.QuadStore
	qw      cgraph.QuadWriter
	sql     *sqlDB // nil unless the backend is a shared SQL database
	backend string
	log     *slog.Logger

	// Freshness of the name index on a shared database; see refresh.
	refreshEvery time.Duration
	refreshMu    sync.Mutex
	checked      time.Time    // when the change marker was last read
	seen         changeMarker // the marker the current index was built at
	refreshErr   error        // why the last check failed; nil when it succeeded

	writeMu writeLock  // serialises writes so each stays all-or-nothing; counts them (see Generation)
	lock    storeLock  // keeps writes from reads that cannot run beside them
	values  valueCache // node values by ID, for the resolvers of a kv (bolt) store
	docs    documents  // registered document files (see RegisterDocuments)
	// prefixes are the kv indexes that serve prefix scans (prefix.go).
	prefixes prefixIndexes

	mu  sync.RWMutex
	cat *catalog // name, alias and kind index; replaced, never mutated

	text *textSearch // the full-text index (see text.go)
}

// Open opens the store that cfg names, creating it on first use, and builds
// its name index. The caller must Close it.
func Open(ctx context.Context, cfg Config) (*Store, error) {
	if cfg.Backend == "" {
		cfg.Backend = BackendBolt
	}
	open, ok := openers[cfg.Backend]
	if why, retired := retiredBackends[cfg.Backend]; retired {
		return nil, fmt.Errorf("%w %q: %s", ErrUnknownBackend, cfg.Backend, why)
	}
	if !ok {
		return nil, fmt.Errorf("%w %q (want one of %v)", ErrUnknownBackend, cfg.Backend, Backends())
	}
	log := cfg.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	o, err := open(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("open %s store: %w", cfg.Backend, err)
	}
	qs := o.qs
	// The "single" writer applies each AddQuadSet as one ApplyDeltas call:
	// on bolt that is one transaction, so a load is all or nothing.
	qw, err := writer.NewSingle(qs, cgraph.IgnoreOpts{IgnoreDup: true, IgnoreMissing: true})
	if err != nil {
		qs.Close()
		if o.sql != nil {
			o.sql.db.Close()
		}
		return nil, fmt.Errorf("open writer: %w", err)
	}
	s := &Store{qs: qs, qw: qw, sql: o.sql, backend: cfg.Backend, log: log, refreshEvery: cfg.RefreshInterval}
	s.lock.policy = o.policy
	s.values.m = map[uint64]quad.Value{}
	if s.refreshEvery == 0 {
		s.refreshEvery = DefaultRefreshInterval
	}
	if s.sql != nil {
		s.checked = time.Now()
		if s.seen, err = s.sql.marker(ctx); err != nil {
			s.Close()
			return nil, err
		}
	}
	if err := s.reindex(ctx); err != nil {
		s.Close()
		return nil, err
	}
	if err := s.openText(ctx, cfg, o.kv); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

// Close releases the store. A bolt store can be opened again afterwards.
func (s *Store) Close() error {
	werr := errors.Join(s.qw.Close(), s.closeText())
	if s.sql != nil {
		s.sql.db.Close()
	}
	if err := s.qs.Close(); err != nil {
		return fmt.Errorf("close store: %w", err)
	}
	return werr
}

// Backend returns the name of the backend the store runs on.
func (s *Store) Backend() string { return s.backend }

// QuadStore returns the underlying Cayley quad store, for Cayley's own query
// languages and HTTP API; read it inside [Store.View], which keeps writes
// away. Writes must go through [Store.Load], [Store.AddQuads] or
// [Store.RemoveQuads] so that they are checked and the name index stays
// current (on a SQL backend, other writers are noticed within
// [Config.RefreshInterval]).
func (s *Store) QuadStore() cgraph.QuadStore { return s.qs }

// Stats counts the quads and nodes in the store.
type Stats struct {
	// Quads is exact; Nodes is an estimate on the bolt backend.
	// On a shared SQL database both count every process's writes.
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
// none yet, which means empty. On a SQL backend it counts in the database:
// Cayley's own counts there are estimates, or cached until this process
// writes, and so blind to other processes.
func (s *Store) stats(ctx context.Context) (cgraph.Stats, error) {
	if s.sql != nil {
		return s.sql.stats(ctx)
	}
	var (
		st  cgraph.Stats
		err error
	)
	s.lock.read(plainRead, func() { st, err = s.qs.Stats(ctx, false) })
	if errors.Is(err, ckv.ErrNoBucket) {
		return cgraph.Stats{}, nil
	} else if err != nil {
		return st, fmt.Errorf("read store stats: %w", err)
	}
	return st, nil
}

// catalog returns the current name index, first bringing it up to date
// with other processes' writes on a shared database (see refresh).
func (s *Store) catalog() *catalog {
	c, _ := s.checkedCatalog()
	return c
}

// checkedCatalog is catalog for answers read from the index alone: on a
// shared database it also reports why the index could not be checked
// against the database, rather than answer from an index that may be
// stale (the answers that also read quads fail with the database anyway).
func (s *Store) checkedCatalog() (*catalog, error) {
	var err error
	if s.sql != nil {
		err = s.refresh()
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.cat, err
}

// reindex rebuilds the name index from the graph.
func (s *Store) reindex(ctx context.Context) error {
	start := time.Now()
	cat := newCatalog()
	// What retractions withdraw is read first, so that each name quad is
	// sorted by its label as it is read.
	w, err := s.withdrawal(ctx)
	if err != nil {
		return fmt.Errorf("build name index: %w", err)
	}
	cat.withdrawn, cat.ownWithdrawn = w, true
	preds := []string{PredType, PredName, PredAlternateName, PredStartDate}
	read := s.eachQuadOf
	if s.sql != nil {
		read = s.sql.eachQuadOf // one query instead of a round trip per value
	}
	if err := read(ctx, preds, cat.add); err != nil {
		return fmt.Errorf("build name index: %w", err)
	}
	cat.finish()
	s.mu.Lock()
	s.cat = cat
	s.mu.Unlock()
	s.log.DebugContext(ctx, "name index built", "entities", len(cat.kinds), "took", time.Since(start))
	return nil
}

// eachQuadOf calls fn for every quad whose predicate is one of preds.
func (s *Store) eachQuadOf(ctx context.Context, preds []string, fn func(quad.Quad)) error {
	for _, p := range preds {
		err := s.eachQuad(ctx, quad.Predicate, quad.IRI(p), func(q quad.Quad) error {
			fn(q)
			return nil
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// eachQuad calls fn for every quad whose direction d is v, stopping at the
// first error or when ctx is done.
func (s *Store) eachQuad(ctx context.Context, d quad.Direction, v quad.Value, fn func(quad.Quad) error) error {
	return s.iterate(ctx, func() cgraph.Iterator {
		if ref := s.qs.ValueOf(v); ref != nil {
			return s.qs.QuadIterator(d, ref)
		}
		return nil
	}, fn)
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

// refreshTimeout bounds one freshness check with its rebuild, which runs
// outside any request's context.
const refreshTimeout = 10 * time.Second

// refresh rebuilds the name index when another process has written to the
// shared database since it was built. At most once per refreshEvery it
// reads the change marker (one indexed aggregate over the quads table) and
// rebuilds only if the marker moved. Concurrent callers wait for a check in
// flight, so a lookup never answers from an index older than refreshEvery.
// When the database cannot be reached the old index stays in use, and
// refresh returns why until a check succeeds: the queries that read quads
// report the outage themselves, and those answered from the index alone
// report it from here.
func (s *Store) refresh() error {
	s.refreshMu.Lock()
	defer s.refreshMu.Unlock()
	if s.refreshEvery > 0 && time.Since(s.checked) < s.refreshEvery {
		return s.refreshErr
	}
	ctx, cancel := context.WithTimeout(context.Background(), refreshTimeout)
	defer cancel()
	s.checked = time.Now()
	m, err := s.sql.marker(ctx)
	if err != nil {
		s.log.Warn("cannot check for other writers; using the current name index", "err", err)
		s.refreshErr = fmt.Errorf("check the name index against the database: %w", err)
		return s.refreshErr
	}
	if m == s.seen {
		s.refreshErr = nil
		return nil
	}
	if err := errors.Join(s.reindex(ctx), s.followText(ctx)); err != nil {
		s.log.Warn("cannot rebuild the name index; using the current one", "err", err)
		s.refreshErr = fmt.Errorf("rebuild the name index: %w", err)
		return s.refreshErr
	}
	s.log.Debug("name index rebuilt after another process wrote", "quads", m.quads)
	s.seen, s.refreshErr = m, nil
	s.writeMu.gen.Add(2) // another process wrote: a new generation, of the same parity
	return nil
}
