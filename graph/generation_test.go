package graph_test

import (
	"context"
	"strings"
	"testing"

	"github.com/parley-kg/parley/graph"
)

// mustGeneration returns s's generation, which must be stable.
func mustGeneration(tb testing.TB, s *graph.Store) uint64 {
	tb.Helper()
	gen, stable, err := s.Generation(context.Background())
	if err != nil || !stable {
		tb.Fatalf("Generation: %d, stable %v, %v; want a stable one", gen, stable, err)
	}
	return gen
}

// Every write moves the generation on, on every backend; reads do not.
func TestGenerationMovesWithWrites(t *testing.T) {
	ctx := context.Background()
	for _, b := range testBackends(t) {
		t.Run(b.name, func(t *testing.T) {
			s := b.open(t)
			mustSeed(t, s)
			g0 := mustGeneration(t, s)
			if _, err := s.Entity(ctx, "Pokrovsk"); err != nil {
				t.Fatal(err)
			}
			if g := mustGeneration(t, s); g != g0 {
				t.Errorf("a read moved the generation from %d to %d", g0, g)
			}
			if _, err := s.Load(ctx, "newcomer.nq", strings.NewReader(newcomerNQ)); err != nil {
				t.Fatal(err)
			}
			g1 := mustGeneration(t, s)
			if g1 == g0 {
				t.Fatalf("a load left the generation at %d", g0)
			}
			if _, err := s.Retract(ctx, graph.Change{Author: "alice"}, "https://w3id.org/parley/doc/000_508fa90569225c0e", "a test"); err != nil {
				t.Fatal(err)
			}
			if g := mustGeneration(t, s); g == g1 {
				t.Errorf("a retraction left the generation at %d", g1)
			}
		})
	}
}

// On PostgreSQL a store's generation moves when another process writes,
// once it has looked at the change marker.
func TestGenerationFollowsOtherWriters(t *testing.T) {
	ctx := context.Background()
	_, writer, reader := sharedPostgres(t)
	g0 := mustGeneration(t, reader)
	if _, err := writer.Load(ctx, "newcomer.nq", strings.NewReader(newcomerNQ)); err != nil {
		t.Fatal(err)
	}
	if g := mustGeneration(t, reader); g == g0 {
		t.Errorf("the reader's generation stayed at %d after the other store's write", g0)
	}
}
