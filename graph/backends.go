package graph

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	bbolt "github.com/boltdb/bolt"
	cgraph "github.com/cayleygraph/cayley/graph"
	ckv "github.com/cayleygraph/cayley/graph/kv"
	_ "github.com/cayleygraph/cayley/graph/memstore"     // registers "memstore"
	_ "github.com/cayleygraph/cayley/graph/sql/postgres" // registers "postgres" and lib/pq's driver
	hkv "github.com/hidal-go/hidalgo/kv"
	hbolt "github.com/hidal-go/hidalgo/kv/bolt"
)

// Backend names accepted by [Config].
const (
	BackendBolt     = "bolt"
	BackendMemory   = "memory"
	BackendPostgres = "postgres"
)

// Backends lists the backend names [Open] accepts.
func Backends() []string {
	return []string{BackendBolt, BackendMemory, BackendPostgres}
}

// retiredBackends says why [Open] refuses a backend it once accepted, and
// what to use instead.
var retiredBackends = map[string]string{
	"cockroach": "CockroachDB is no longer supported (its licence is not an open-source one, and it could never be tested here): use " +
		BackendPostgres + ", the shared backend",
}

// IsSQL reports whether backend keeps its quads on a database server that
// several processes share, so that [Config.Path] is a connection URL.
func IsSQL(backend string) bool { return sqlDialects[backend] != nil }

// opened is what a backend opener returns: Cayley's quad store, which of
// its reads must keep writes out, and, for the SQL backends, Parley's own
// connection to the same database.
type opened struct {
	qs     cgraph.QuadStore
	policy readPolicy
	sql    *sqlDB
	kv     hkv.KV // the bolt database, whose write horizon marks the text index
}

// openers maps a backend name to the function that opens it. It is
// read-only.
var openers = map[string]func(ctx context.Context, cfg Config) (opened, error){
	BackendBolt:     openBolt,
	BackendMemory:   openMemory,
	BackendPostgres: openSQL,
}

func openMemory(_ context.Context, _ Config) (opened, error) {
	qs, err := cgraph.NewQuadStore("memstore", "", nil)
	return opened{qs: qs, policy: memoryReads}, err
}

// boltFile is the file Cayley's bolt backend keeps inside its directory; using
// the same layout lets Cayley's own tools open a Parley store.
const boltFile = "indexes.bolt"

// openBolt opens (creating on first use) a bolt store in the directory
// cfg.Path. Cayley's own bolt opener waits for the file lock forever, so this
// opens bolt itself with a lock timeout and hands the database to Cayley.
func openBolt(ctx context.Context, cfg Config) (opened, error) {
	if cfg.Path == "" {
		return opened{}, fmt.Errorf("bolt backend needs a path: %w", ErrInvalid)
	}
	if err := os.MkdirAll(cfg.Path, 0o700); err != nil {
		return opened{}, fmt.Errorf("create store directory: %w", err)
	}
	timeout := cfg.LockTimeout
	if timeout <= 0 {
		timeout = time.Second
	}
	file := filepath.Join(cfg.Path, boltFile)
	db, err := hbolt.Open(file, &bbolt.Options{Timeout: timeout})
	if errors.Is(err, bbolt.ErrTimeout) {
		return opened{}, fmt.Errorf("open %s: %w (waited %v for its lock)", file, ErrInUse, timeout)
	} else if err != nil {
		return opened{}, fmt.Errorf("open %s: %w", file, err)
	}
	if err := ckv.Init(db, nil); err != nil && !errors.Is(err, cgraph.ErrDatabaseExists) {
		db.Close()
		return opened{}, fmt.Errorf("initialise %s: %w", file, err)
	}
	// Cayley sizes its bloom filters for 100 million quads whatever the
	// store holds: about 300 MB allocated and zeroed at every open of an
	// empty store (most of a first start-up's time) and over 100 MB at any
	// other. Without them a write checks the index for each quad instead,
	// which measured no slower (BenchmarkLoad, 100k quads, bolt).
	qs, err := ckv.New(db, cgraph.Options{ckv.OptNoBloom: true})
	if err != nil {
		db.Close()
		return opened{}, fmt.Errorf("open quad store %s: %w", file, err)
	}
	return opened{qs: qs, policy: boltReads, kv: db}, nil
}
