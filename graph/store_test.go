package graph_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/parley-kg/parley/graph"
	"github.com/parley-kg/parley/graph/pgtest"
	"github.com/parley-kg/parley/seed"
)

// backend is one way to open a store for the shared suite.
type backend struct {
	name string
	open func(tb testing.TB) *graph.Store
}

// testBackends lists the backends every behaviour test runs against:
// memory, bolt, and postgres when PARLEY_TEST_POSTGRES names a server (each
// store then gets a fresh schema of its own; see package pgtest).
func testBackends(t *testing.T) []backend {
	t.Helper()
	bs := []backend{
		{"memory", func(tb testing.TB) *graph.Store { return mustOpen(tb, graph.Config{Backend: graph.BackendMemory}) }},
		{"bolt", func(tb testing.TB) *graph.Store {
			return mustOpen(tb, graph.Config{Backend: graph.BackendBolt, Path: filepath.Join(tb.TempDir(), "db")})
		}},
	}
	if dsn := pgtest.DSN(t); dsn != "" {
		bs = append(bs, backend{"postgres", func(tb testing.TB) *graph.Store {
			return mustOpen(tb, graph.Config{Backend: graph.BackendPostgres, Path: pgtest.Schema(tb, dsn)})
		}})
	}
	return bs
}

// mustOpen opens a store and closes it when the test ends.
func mustOpen(tb testing.TB, cfg graph.Config) *graph.Store {
	tb.Helper()
	s, err := graph.Open(context.Background(), cfg)
	if err != nil {
		tb.Fatalf("open %s store: %v", cfg.Backend, err)
	}
	tb.Cleanup(func() { s.Close() })
	return s
}

// sharedPostgres opens two stores on one fresh PostgreSQL schema, and
// returns its DSN: writer, holding the seed, and reader, which checks the
// change marker at every read, as another server would. It skips without
// PostgreSQL (see pgtest).
func sharedPostgres(t *testing.T) (dsn string, writer, reader *graph.Store) {
	t.Helper()
	dsn = pgtest.Schema(t, pgtest.Fresh(t))
	writer = mustOpen(t, graph.Config{Backend: graph.BackendPostgres, Path: dsn})
	reader = mustOpen(t, graph.Config{Backend: graph.BackendPostgres, Path: dsn, RefreshInterval: -1})
	mustSeed(t, writer)
	return dsn, writer, reader
}

// mustSeed loads the embedded seed into s.
func mustSeed(tb testing.TB, s *graph.Store) {
	tb.Helper()
	if _, err := s.LoadFS(context.Background(), seed.FS); err != nil {
		tb.Fatalf("load seed: %v", err)
	}
}

func quadCount(tb testing.TB, s *graph.Store) int64 {
	tb.Helper()
	st, err := s.Stats(context.Background())
	if err != nil {
		tb.Fatalf("stats: %v", err)
	}
	return st.Quads
}

func TestLoadIsIdempotent(t *testing.T) {
	for _, b := range testBackends(t) {
		t.Run(b.name, func(t *testing.T) {
			ctx := context.Background()
			s := b.open(t)
			first, err := s.LoadFS(ctx, seed.FS)
			if err != nil {
				t.Fatal(err)
			}
			if first.Added == 0 || first.Added != first.Quads {
				t.Fatalf("first load: added %d of %d quads, want all", first.Added, first.Quads)
			}
			n := quadCount(t, s)
			second, err := s.LoadFS(ctx, seed.FS)
			if err != nil {
				t.Fatal(err)
			}
			if second.Added != 0 {
				t.Errorf("second load added %d quads, want 0", second.Added)
			}
			if got := quadCount(t, s); got != n {
				t.Errorf("quads after second load = %d, want %d", got, n)
			}
		})
	}
}

func TestBoltSurvivesReopen(t *testing.T) {
	ctx := context.Background()
	cfg := graph.Config{Backend: graph.BackendBolt, Path: filepath.Join(t.TempDir(), "db")}
	s, err := graph.Open(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	mustSeed(t, s)
	want := quadCount(t, s)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s = mustOpen(t, cfg)
	if got := quadCount(t, s); got != want {
		t.Fatalf("quads after reopen = %d, want %d", got, want)
	}
	// The name index is rebuilt from the file, not from the load.
	if _, err := s.Entity(ctx, "Krasnoarmeysk"); err != nil {
		t.Errorf("lookup after reopen: %v", err)
	}
	mustSeed(t, s)
	if got := quadCount(t, s); got != want {
		t.Errorf("quads after reloading on reopen = %d, want %d", got, want)
	}
}

func TestBoltInUse(t *testing.T) {
	cfg := graph.Config{Backend: graph.BackendBolt, Path: filepath.Join(t.TempDir(), "db"), LockTimeout: 200 * time.Millisecond}
	mustOpen(t, cfg)
	done := make(chan error, 1)
	go func() {
		s, err := graph.Open(context.Background(), cfg)
		if err == nil {
			s.Close()
		}
		done <- err
	}()
	select {
	case err := <-done:
		if !errors.Is(err, graph.ErrInUse) {
			t.Fatalf("second open: got %v, want ErrInUse", err)
		}
		if !strings.Contains(err.Error(), "in use") {
			t.Errorf("error %q does not say the store is in use", err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("second open of a bolt store in use did not return")
	}
}

func TestLoadRejectsBadInput(t *testing.T) {
	tests := []struct {
		file string
		line int
		want string
	}{
		{"unterminated-literal.nq", 2, ""},
		{"no-label.nq", 3, "no label"},
		{"invalid-utf8.nq", 2, "invalid UTF-8"},
		{"nul-byte.nq", 1, "NUL byte"},
		{"literal-predicate.nq", 3, ""},
		{"truncated.nq", 2, ""},
	}
	for _, b := range testBackends(t) {
		for _, tc := range tests {
			t.Run(b.name+"/"+tc.file, func(t *testing.T) {
				s := b.open(t)
				mustSeed(t, s)
				before := quadCount(t, s)
				f, err := os.Open(filepath.Join("testdata", "bad", tc.file))
				if err != nil {
					t.Fatal(err)
				}
				defer f.Close()
				_, err = s.Load(context.Background(), tc.file, f)
				var le *graph.LineError
				if !errors.As(err, &le) {
					t.Fatalf("load: got %v, want a *graph.LineError", err)
				}
				if le.File != tc.file || le.Line != tc.line {
					t.Errorf("error at %s:%d, want %s:%d (%v)", le.File, le.Line, tc.file, tc.line, err)
				}
				if !errors.Is(err, graph.ErrInvalid) {
					t.Errorf("error %v does not wrap ErrInvalid", err)
				}
				if !strings.Contains(err.Error(), tc.want) {
					t.Errorf("error %q does not mention %q", err, tc.want)
				}
				if got := quadCount(t, s); got != before {
					t.Errorf("store changed by a rejected file: %d quads, want %d", got, before)
				}
			})
		}
	}
}

func TestLoadGzip(t *testing.T) {
	ctx := context.Background()
	raw, err := seed.FS.ReadFile("people.nq")
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write(raw)
	zw.Close()
	plain, gz := mustOpen(t, graph.Config{Backend: graph.BackendMemory}), mustOpen(t, graph.Config{Backend: graph.BackendMemory})
	if _, err := plain.Load(ctx, "people.nq", bytes.NewReader(raw)); err != nil {
		t.Fatal(err)
	}
	res, err := gz.Load(ctx, "people.nq.gz", &buf)
	if err != nil {
		t.Fatal(err)
	}
	if res.Added == 0 || int64(res.Added) != quadCount(t, plain) {
		t.Errorf("gzip load added %d quads, plain load %d", res.Added, quadCount(t, plain))
	}
}

func TestLineTooLong(t *testing.T) {
	long := `<https://w3id.org/parley/id/a> <https://schema.org/name> "` + strings.Repeat("x", graph.MaxLineBytes) + `" <https://w3id.org/parley/source/x/p1> .`
	_, err := graph.Parse("long.nq", strings.NewReader("\n"+long+"\n"))
	var le *graph.LineError
	if !errors.As(err, &le) || le.Line != 2 {
		t.Fatalf("got %v, want a line error at line 2", err)
	}
}

func TestOpenUnknownBackend(t *testing.T) {
	tests := []struct {
		backend string
		want    []string // in the message
	}{
		{"oracle", []string{`"oracle"`, "bolt", "memory", "postgres"}},
		// CockroachDB was removed: the message says so, and names the
		// shared backend to use instead.
		{"cockroach", []string{`"cockroach"`, "no longer supported", "postgres, the shared backend"}},
	}
	for _, tc := range tests {
		t.Run(tc.backend, func(t *testing.T) {
			_, err := graph.Open(context.Background(), graph.Config{Backend: tc.backend, Path: "postgres://parley@127.0.0.1:1/parley"})
			if !errors.Is(err, graph.ErrUnknownBackend) {
				t.Fatalf("got %v, want ErrUnknownBackend", err)
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q lacks %q", err, w)
				}
			}
		})
	}
}
