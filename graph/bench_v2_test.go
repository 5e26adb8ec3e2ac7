package graph_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/parley-kg/parley/graph"
	"github.com/parley-kg/parley/graph/synth"
)

// BenchmarkHierarchies times the queries that follow vocabulary v2's
// hierarchies beside the same queries with direct: true, on a synthetic
// graph with a topic hierarchy (synth.Config.Hierarchies), on the memory
// store and on bolt, at 100k quads and 1M with PARLEY_BENCH_1M=1:
// positions(holder:) of a state with its affiliates (institutions partOf
// it, people with roles of it or them) and positions(topic:) of a topic
// with the three below it. Each result reports the positions it returned
// ("positions") and ns per position ("ns/position"); the hierarchical
// result also "x-direct", its time over the direct query's, and
// "x-direct/position", the same per position returned: the answers differ
// in size, and the second ratio is the cost of following the hierarchy.
// Closure times the closure alone (one request's worth, uncached).
//
//	go test -run '^$' -bench Hierarchies -count 5 ./graph/
func BenchmarkHierarchies(b *testing.B) {
	ctx := context.Background()
	for _, n := range synth.BenchSizes(os.Getenv) {
		if n < 100_000 {
			continue
		}
		b.Run(synth.SizeName(n), func(b *testing.B) {
			d, err := synth.Generate(synth.Config{Quads: n, Seed: 1, Hierarchies: true})
			if err != nil {
				b.Fatal(err)
			}
			data := d.NQuads()
			for _, backend := range []string{graph.BackendMemory, graph.BackendBolt} {
				b.Run(backend, func(b *testing.B) {
					s := mustOpen(b, graph.Config{Backend: backend, Path: filepath.Join(b.TempDir(), "db")})
					if _, err := s.Load(ctx, "synthetic.nq", bytes.NewReader(data)); err != nil {
						b.Fatal(err)
					}
					for _, q := range []struct {
						name string
						f    graph.PositionFilter
					}{
						{"HolderAffiliates", graph.PositionFilter{Holder: d.Actor.IRI}},
						{"TopicNarrower", graph.PositionFilter{Topic: d.BroadTopic.IRI}},
					} {
						var direct, directPer float64
						for _, dir := range []bool{true, false} {
							name := q.name
							if dir {
								name += "/direct"
							}
							f := q.f
							f.Direct = dir
							b.Run(name, func(b *testing.B) {
								var got int
								for b.Loop() {
									// A fresh request cache per query: nothing carries over.
									ps, err := s.Positions(graph.WithRequestCache(ctx), f)
									if err != nil {
										b.Fatal(err)
									}
									got = len(ps)
								}
								ns := float64(b.Elapsed().Nanoseconds()) / float64(b.N)
								b.ReportMetric(float64(got), "positions")
								b.ReportMetric(ns/float64(max(got, 1)), "ns/position")
								if dir {
									direct, directPer = ns, ns/float64(max(got, 1))
								} else if direct > 0 {
									b.ReportMetric(ns/direct, "x-direct")
									b.ReportMetric(ns/float64(max(got, 1))/directPer, "x-direct/position")
								}
							})
						}
					}
					for _, c := range []struct {
						name string
						h    graph.Hierarchy
						iri  string
					}{{"Closure/affiliates", graph.Affiliates, d.Actor.IRI}, {"Closure/narrower", graph.Narrower, d.BroadTopic.IRI}} {
						b.Run(c.name, func(b *testing.B) {
							var size int
							for b.Loop() {
								cl, err := s.Closure(ctx, c.h, c.iri)
								if err != nil {
									b.Fatal(err)
								}
								size = len(cl)
							}
							b.ReportMetric(float64(size), "nodes")
						})
					}
				})
			}
		})
	}
}
