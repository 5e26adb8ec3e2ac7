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
	_ "github.com/cayleygraph/cayley/graph/memstore" // registers "memstore"
	hbolt "github.com/hidal-go/hidalgo/kv/bolt"
)

// Backend names accepted by [Config].
const (
	BackendBolt   = "bolt"
	BackendMemory = "memory"
)

// Backends lists the backend names [Open] accepts.
func Backends() []string { return []string{BackendBolt, BackendMemory} }

// openers maps a backend name to the function that opens it. It is
// read-only: SQL backends join it as entries, not as a redesign.
var openers = map[string]func(ctx context.Context, cfg Config) (cgraph.QuadStore, error){
	BackendBolt:   openBolt,
	BackendMemory: openMemory,
}

func openMemory(_ context.Context, _ Config) (cgraph.QuadStore, error) {
	return cgraph.NewQuadStore("memstore", "", nil)
}

// boltFile is the file Cayley's bolt backend keeps inside its directory; using
// the same layout lets Cayley's own tools open a Parley store.
const boltFile = "indexes.bolt"

// openBolt opens (creating on first use) a bolt store in the directory
// cfg.Path. Cayley's own bolt opener waits for the file lock forever, so this
// opens bolt itself with a lock timeout and hands the database to Cayley.
func openBolt(ctx context.Context, cfg Config) (cgraph.QuadStore, error) {
	if cfg.Path == "" {
		return nil, fmt.Errorf("bolt backend needs a path: %w", ErrInvalid)
	}
	if err := os.MkdirAll(cfg.Path, 0o700); err != nil {
		return nil, fmt.Errorf("create store directory: %w", err)
	}
	timeout := cfg.LockTimeout
	if timeout <= 0 {
		timeout = time.Second
	}
	file := filepath.Join(cfg.Path, boltFile)
	db, err := hbolt.Open(file, &bbolt.Options{Timeout: timeout})
	if errors.Is(err, bbolt.ErrTimeout) {
		return nil, fmt.Errorf("open %s: %w (waited %v for its lock)", file, ErrInUse, timeout)
	} else if err != nil {
		return nil, fmt.Errorf("open %s: %w", file, err)
	}
	if err := ckv.Init(db, nil); err != nil && !errors.Is(err, cgraph.ErrDatabaseExists) {
		db.Close()
		return nil, fmt.Errorf("initialise %s: %w", file, err)
	}
	qs, err := ckv.New(db, nil)
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("open quad store %s: %w", file, err)
	}
	return qs, nil
}
