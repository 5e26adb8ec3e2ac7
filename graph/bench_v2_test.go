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
// hierarchies, on a synthetic graph with a topic hierarchy and holders in
// the seed's proportions (synth.Config.Hierarchies), on the memory store
// and on bolt, at 100k quads and 1M with PARLEY_BENCH_1M=1:
// positions(holder:) of a state with its affiliates (institutions partOf
// it, people with roles of it or them) and positions(topic:) of a topic
// with the three below it. Each is timed three ways:
//
//   - "direct": the same argument with direct: true, the comparison the
//     issue names; its answer is smaller.
//   - "union": the same answer asked directly, one direct query for each
//     member of the closure (computed before the timer), merged: what a
//     client without hierarchies would do.
//   - the hierarchical query itself.
//
// Each reports the positions it returned ("positions") and ns per
// position; the hierarchical one also "x-direct", its time over the direct
// query's, "x-direct/position", the same per position returned, and
// "x-union", its time over the union's: the cost of following the
// hierarchy, answer for answer. Closure times the closure alone (one
// request's worth, uncached).
//
//	PARLEY_BENCH_1M=1 go test -run '^$' -bench 'Hierarchies/(100k|1M)' -count 6 ./graph/
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
					benchHierarchy(b, s, "HolderAffiliates", graph.Affiliates, graph.PositionFilter{Holder: d.Actor.IRI})
					benchHierarchy(b, s, "TopicNarrower", graph.Narrower, graph.PositionFilter{Topic: d.BroadTopic.IRI})
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

// benchHierarchy times f (a holder or a topic, not direct) beside f with
// direct: true and beside the union of the direct queries of every member
// of its closure in h; see [BenchmarkHierarchies].
func benchHierarchy(b *testing.B, s *graph.Store, name string, h graph.Hierarchy, f graph.PositionFilter) {
	ctx := context.Background()
	iri := f.Holder + f.Topic
	members, err := s.Closure(ctx, h, iri)
	if err != nil {
		b.Fatal(err)
	}
	union := func(ctx context.Context) ([]graph.Position, error) {
		var out []graph.Position
		seen := map[string]bool{}
		for _, m := range members {
			g := graph.PositionFilter{Holder: m, Direct: true}
			if f.Topic != "" {
				g = graph.PositionFilter{Topic: m, Direct: true}
			}
			ps, err := s.Positions(ctx, g)
			if err != nil {
				return nil, err
			}
			for _, p := range ps { // a position may name two members, as holder and speaker
				if !seen[p.IRI] {
					seen[p.IRI] = true
					out = append(out, p)
				}
			}
		}
		return out, nil
	}
	direct := f
	direct.Direct = true
	ways := []struct {
		name string
		run  func(context.Context) ([]graph.Position, error)
	}{
		{name + "/direct", func(ctx context.Context) ([]graph.Position, error) { return s.Positions(ctx, direct) }},
		{name + "/union", union},
		{name, func(ctx context.Context) ([]graph.Position, error) { return s.Positions(ctx, f) }},
	}
	ns := map[string]float64{}
	got := map[string]int{}
	for _, w := range ways {
		b.Run(w.name, func(b *testing.B) {
			for b.Loop() {
				// A fresh request cache per query: nothing carries over.
				ps, err := w.run(graph.WithRequestCache(ctx))
				if err != nil {
					b.Fatal(err)
				}
				got[w.name] = len(ps)
			}
			ns[w.name] = float64(b.Elapsed().Nanoseconds()) / float64(b.N)
			per := func(w string) float64 { return ns[w] / float64(max(got[w], 1)) }
			b.ReportMetric(float64(got[w.name]), "positions")
			b.ReportMetric(per(w.name), "ns/position")
			if w.name != name || ns[name+"/direct"] == 0 || ns[name+"/union"] == 0 {
				return
			}
			if got[name] != got[name+"/union"] {
				b.Fatalf("%s: %d positions, the union of the direct queries %d: not the same answer", name, got[name], got[name+"/union"])
			}
			b.ReportMetric(ns[name]/ns[name+"/direct"], "x-direct")
			b.ReportMetric(per(name)/per(name+"/direct"), "x-direct/position")
			b.ReportMetric(ns[name]/ns[name+"/union"], "x-union")
		})
	}
}
