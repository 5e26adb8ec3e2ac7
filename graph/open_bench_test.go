package graph_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/parley-kg/parley/graph"
)

// BenchmarkReopen times opening a bolt store that holds the seed and was
// opened before: what a restarted server does before its first answer
// (with the text index, opening it and checking its marker).
//
//	go test -run '^$' -bench Reopen -count 5 ./graph/
func BenchmarkReopen(b *testing.B) {
	ctx := context.Background()
	cfg := graph.Config{Backend: graph.BackendBolt, Path: filepath.Join(b.TempDir(), "db")}
	s := mustOpen(b, cfg)
	mustSeed(b, s)
	s.Close()
	for b.Loop() {
		s, err := graph.Open(ctx, cfg)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := s.Entity(ctx, "Krasnoarmeysk"); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		s.Close()
		b.StartTimer()
	}
}
