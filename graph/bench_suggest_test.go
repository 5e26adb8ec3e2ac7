package graph_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"testing"

	"github.com/parley-kg/parley/graph"
	"github.com/parley-kg/parley/graph/synth"
)

// BenchmarkNotFound times resolving a name that matches nothing, which
// now scans every name and alias for suggestions, beside a name that
// matches (a map lookup), on synthetic graphs of growing size.
//
//	go test -run '^$' -bench NotFound -count 5 ./graph/
func BenchmarkNotFound(b *testing.B) {
	ctx := context.Background()
	for _, n := range synth.BenchSizes(os.Getenv) {
		b.Run(synth.SizeName(n), func(b *testing.B) {
			_, data := mustSynthetic(b, n)
			s := mustOpen(b, graph.Config{Backend: graph.BackendMemory})
			if _, err := s.Load(ctx, "synthetic.nq", bytes.NewReader(data)); err != nil {
				b.Fatal(err)
			}
			page, err := s.Entities(ctx, graph.EntityFilter{First: 1})
			if err != nil || len(page.Entities) == 0 {
				b.Fatalf("no entity: %v", err)
			}
			known := page.Entities[0].Name
			b.Run("known", func(b *testing.B) {
				for b.Loop() {
					if _, err := s.Resolve(ctx, known); err != nil {
						b.Fatal(err)
					}
				}
			})
			b.Run("unknown", func(b *testing.B) {
				for b.Loop() {
					if _, err := s.Resolve(ctx, known+"x"); !errors.Is(err, graph.ErrNotFound) {
						b.Fatal(err)
					}
				}
			})
		})
	}
}
