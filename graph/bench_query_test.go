package graph_test

import (
	"bytes"
	"context"
	"path/filepath"
	"testing"

	"github.com/parley-kg/parley/graph"
)

// BenchmarkQueryLanguages runs Gizmo finals (all, toArray, forEach with
// emit, count), MQL and Cayley's GraphQL dialect through [graph.Store.Query]
// on a 10k-quad synthetic graph, on memory and bolt: what a change to how
// those languages read the store (and hold its lock) costs.
//
//	go test -run '^$' -bench QueryLanguages -count 5 ./graph/
func BenchmarkQueryLanguages(b *testing.B) {
	ctx := context.Background()
	_, data := mustSynthetic(b, 10_000)
	typ, name, holder := "<"+graph.PredType+">", "<"+graph.PredName+">", "<"+graph.PredHolder+">"
	queries := []struct{ name, lang, text string }{
		{"GizmoAll", "gizmo", `g.V().in("` + holder + `").out("` + holder + `").out("` + name + `").all()`},
		{"GizmoToArray", "gizmo", `g.emit(g.V().in("` + holder + `").out("` + holder + `").out("` + name + `").toArray().length)`},
		{"GizmoForEach", "gizmo", `g.V().in("` + holder + `").tag("p").out("` + holder + `").out("` + name + `").forEach(function(d){ g.emit(d.id) })`},
		{"GizmoCount", "gizmo", `g.emit(g.V().out("` + typ + `").count())`},
		{"GizmoTagArrayLoop", "gizmo", `var n = 0; for (var i = 0; i < 5; i++) { n += g.V().in("` + holder + `").limit(5).tagArray().length }; g.emit(n)`},
		{"MQL", "mql", `[{"id": null, "` + holder + `": null}]`},
		{"GraphQL", "graphql", `{ nodes(first: 100) { id ` + holder + ` { id } } }`},
	}
	for _, backend := range []string{graph.BackendMemory, graph.BackendBolt} {
		b.Run(backend, func(b *testing.B) {
			s := mustOpen(b, graph.Config{Backend: backend, Path: filepath.Join(b.TempDir(), "db")})
			if _, err := s.Load(ctx, "synthetic.nq", bytes.NewReader(data)); err != nil {
				b.Fatal(err)
			}
			for _, q := range queries {
				b.Run(q.name, func(b *testing.B) {
					b.ReportAllocs()
					for b.Loop() {
						res, err := s.Query(ctx, q.lang, q.text, 100)
						if err != nil {
							b.Fatal(err)
						}
						if len(res.Results) == 0 {
							b.Fatalf("%s: no results", q.text)
						}
					}
				})
			}
		})
	}
}
