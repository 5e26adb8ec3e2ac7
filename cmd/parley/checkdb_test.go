package main

import (
	"context"
	"io"
	"log/slog"
	"path/filepath"
	"strings"
	"testing"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"
	"github.com/parley-kg/parley/graph"
	"github.com/parley-kg/parley/graph/pgtest"
)

// spoil opens the store cfg names, seeded, and adds quads behind the
// vocabulary's back, through Cayley's own writer, as a store written by an
// older Parley or by another program may hold them.
func spoil(t *testing.T, cfg graph.Config, quads ...quad.Quad) {
	t.Helper()
	cfg.Logger = slog.New(slog.DiscardHandler)
	s := seededStore(t, cfg)
	w, err := cgraph.NewQuadWriter("single", s.QuadStore(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := w.AddQuadSet(quads); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
}

// "parley check --db" checks a store as its export reads back: a clean
// store passes, a store holding a value its export could not restore fails
// naming the line, and a store breaking the vocabulary fails listing the
// violations, as "parley check FILE" does.
func TestCheckStore(t *testing.T) {
	const label = quad.IRI("https://w3id.org/parley/source/000_508fa90569225c0e/p18")
	pokrovsk := quad.IRI("https://w3id.org/parley/id/pokrovsk")
	cases := []struct {
		name  string
		quads []quad.Quad
		want  string // in the error; "" to pass
	}{
		{"Clean", nil, ""},
		{"RawNUL", []quad.Quad{quad.Make(pokrovsk, quad.IRI(graph.PredAlternateName), quad.String("a\x00b"), label)}, "export could not be loaded again"},
		{"UnknownPredicate", []quad.Quad{quad.Make(pokrovsk, quad.IRI("https://example.org/nickname"), quad.String("x"), label)}, "1 violations"},
	}
	backends := []struct {
		name string
		cfg  func(t *testing.T) (graph.Config, []string)
	}{
		{"Bolt", func(t *testing.T) (graph.Config, []string) {
			path := filepath.Join(t.TempDir(), "p.db")
			return graph.Config{Backend: graph.BackendBolt, Path: path}, []string{"--db", path}
		}},
		{"Postgres", func(t *testing.T) (graph.Config, []string) {
			dsn := pgtest.Fresh(t)
			return graph.Config{Backend: graph.BackendPostgres, Path: dsn}, []string{"--store", "postgres", "--db", dsn}
		}},
	}
	for _, b := range backends {
		for _, tc := range cases {
			t.Run(b.name+"/"+tc.name, func(t *testing.T) {
				cfg, flags := b.cfg(t)
				spoil(t, cfg, tc.quads...)
				var out strings.Builder
				err := run(context.Background(), append([]string{"check"}, flags...), func(string) string { return "" }, nil, &out, io.Discard)
				switch {
				case tc.want == "" && err != nil:
					t.Fatalf("check of a clean store: %v\n%s", err, out.String())
				case tc.want == "" && !strings.Contains(out.String(), "no violations"):
					t.Fatalf("check of a clean store printed %q", out.String())
				case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
					t.Fatalf("check: %v\n%s; want an error saying %q", err, out.String(), tc.want)
				}
				if tc.name == "UnknownPredicate" && !strings.Contains(out.String(), "nickname") {
					t.Errorf("check printed %q; want the violation's predicate", out.String())
				}
				if tc.name == "RawNUL" && !strings.Contains(err.Error(), "export:") {
					t.Errorf("check: %v; want the export's line named", err)
				}
			})
		}
	}
	t.Run("NoStore", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "none.db")
		err := run(context.Background(), []string{"check", "--db", path}, func(string) string { return "" }, nil, io.Discard, io.Discard)
		if err == nil || !strings.Contains(err.Error(), "no store to check") {
			t.Errorf("check of a missing store: %v", err)
		}
	})
}
