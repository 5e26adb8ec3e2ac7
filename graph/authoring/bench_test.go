package authoring_test

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parley-kg/parley/graph"
	"github.com/parley-kg/parley/graph/authoring"
)

// generated returns a document of words words in paragraphs of 50, and an
// authoring file with n positions, each quoting five words of its own.
func generated(words, n int) (text string, yaml []byte) {
	var doc strings.Builder
	doc.WriteString("FICTION: a generated document for Parley's benchmarks.\n")
	for i := 0; i < words; i++ {
		fmt.Fprintf(&doc, "word%d", i)
		if (i+1)%50 == 0 {
			doc.WriteString(".\n")
		} else {
			doc.WriteString(" ")
		}
	}
	var y strings.Builder
	y.WriteString("document:\n  title: Generated\n  file: generated.txt\npositions:\n")
	for i := 0; i < n; i++ {
		w := i * (words / n)
		fmt.Fprintf(&y, "  - id: generated-%d\n    holder: Ukraine\n    topic: Refined peace framework\n    stance: Supports\n", i)
		fmt.Fprintf(&y, "    summary: Generated position %d.\n    evidence:\n      - quote: \"word%d word%d word%d word%d word%d\"\n", i, w, w+1, w+2, w+3, w+4)
	}
	return doc.String(), []byte(y.String())
}

// BenchmarkAddDocument adds a generated 5,000-word document with 200
// statements to a seeded store: parse, compile (every quote located), check
// against the store and write in one transaction.
func BenchmarkAddDocument(b *testing.B) {
	ctx := context.Background()
	text, data := generated(5000, 200)
	for _, be := range []struct {
		name string
		cfg  func(b *testing.B) graph.Config
	}{
		{"memory", func(*testing.B) graph.Config { return graph.Config{Backend: graph.BackendMemory} }},
		{"bolt", func(b *testing.B) graph.Config {
			return graph.Config{Backend: graph.BackendBolt, Path: filepath.Join(b.TempDir(), "db")}
		}},
	} {
		b.Run(be.name, func(b *testing.B) {
			for b.Loop() {
				b.StopTimer()
				s := open(b, be.cfg(b))
				b.StartTimer()
				if _, rr, err := authoring.Add(ctx, s, graph.Change{Author: "bench"}, "generated.yaml", data, text, false); err != nil || len(rr.Added) == 0 {
					b.Fatalf("add: %v (%d added)", err, len(rr.Added))
				}
				b.StopTimer()
				s.Close()
				b.StartTimer()
			}
		})
	}
}
