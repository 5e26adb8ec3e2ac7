package graph

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/parley-kg/parley/seed"
)

// seededStore opens a store of backend (memory or bolt, in a temporary
// directory) holding the embedded seed, closed when tb ends.
func seededStore(tb testing.TB, backend string) *Store {
	tb.Helper()
	ctx := context.Background()
	cfg := Config{Backend: backend}
	if backend == BackendBolt {
		cfg.Path = filepath.Join(tb.TempDir(), "db")
	}
	s, err := Open(ctx, cfg)
	if err != nil {
		tb.Fatalf("open %s store: %v", backend, err)
	}
	tb.Cleanup(func() { s.Close() })
	if _, err := s.LoadFS(ctx, seed.FS); err != nil {
		tb.Fatalf("load seed: %v", err)
	}
	return s
}
