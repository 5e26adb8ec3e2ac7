package graph_test

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/parley-kg/parley/graph"
	"github.com/parley-kg/parley/graph/pgtest"
)

// synthetic returns about n quads of Parley-shaped data: people who advise
// one another, topics, and positions linking a holder to a topic with a
// stance and a summary (each position is 6 quads, each person 5).
func synthetic(n int) string {
	const topics = 50
	people := n / 50
	positions := (n - people*5 - topics*2) / 6
	id := func(kind string, i int) string { return fmt.Sprintf("<https://w3id.org/parley/id/%s-%d>", kind, i) }
	src := func(i int) string { return fmt.Sprintf("<https://w3id.org/parley/source/synthetic/p%d>", i%500+1) }
	var b strings.Builder
	q := func(s, p, o string, i int) { fmt.Fprintf(&b, "%s <%s> %s %s .\n", s, p, o, src(i)) }
	for t := range topics {
		q(id("topic", t), graph.PredType, "<"+graph.ClassTopic+">", t)
		q(id("topic", t), graph.PredName, fmt.Sprintf("%q", fmt.Sprintf("Topic %d", t)), t)
	}
	for p := range people {
		q(id("person", p), graph.PredType, "<"+graph.ClassPerson+">", p)
		q(id("person", p), graph.PredName, fmt.Sprintf("%q", fmt.Sprintf("Person %d", p)), p)
		q(id("person", p), graph.PredAlternateName, fmt.Sprintf("%q", fmt.Sprintf("P. %d", p)), p)
		q(id("person", p), graph.PredAdvises, id("person", (p+1)%people), p)
		q(id("person", p), graph.PredAdvises, id("person", (p*7919+13)%people), p)
	}
	stances := []string{graph.StanceSupports, graph.StanceOpposes, graph.StanceDemands, graph.StanceRejects}
	for i := range positions {
		pos := id("position", i)
		q(pos, graph.PredType, "<"+graph.ClassPosition+">", i)
		q(pos, graph.PredHolder, id("person", i%people), i)
		q(pos, graph.PredTopic, id("topic", i%topics), i)
		q(pos, graph.PredStance, "<"+stances[i%len(stances)]+">", i)
		q(pos, graph.PredSummary, fmt.Sprintf("%q", fmt.Sprintf("Position %d of person %d on topic %d.", i, i%people, i%topics)), i)
		q(pos, graph.PredSource, src(i), i)
	}
	return b.String()
}

// BenchmarkCanonicalQueries loads 100k synthetic quads into each backend
// (bolt, and PostgreSQL when PARLEY_TEST_POSTGRES is set) and times the
// canonical questions. The PostgreSQL results carry an "x-bolt" metric:
// their time per question divided by bolt's. Run with
//
//	go test -run '^$' -bench CanonicalQueries -benchtime 20x ./graph/
func BenchmarkCanonicalQueries(b *testing.B) {
	data := synthetic(100_000)
	ctx := context.Background()
	queries := []struct {
		name string
		run  func(s *graph.Store) error
	}{
		{"PositionsByTopic", func(s *graph.Store) error {
			_, err := s.Positions(ctx, graph.PositionFilter{Topic: "Topic 7"})
			return err
		}},
		{"Neighbourhood", func(s *graph.Store) error {
			_, err := s.Relations(ctx, []string{"https://w3id.org/parley/id/person-42"}, graph.RelationFilter{})
			return err
		}},
		{"Connection", func(s *graph.Store) error {
			_, err := s.Connection(ctx, "Person 1", "Person 1500", 4)
			return err
		}},
	}
	backends := []struct {
		name string
		cfg  func(b *testing.B) graph.Config
	}{
		{"bolt", func(b *testing.B) graph.Config {
			return graph.Config{Backend: graph.BackendBolt, Path: filepath.Join(b.TempDir(), "db")}
		}},
		{"postgres", func(b *testing.B) graph.Config {
			return graph.Config{Backend: graph.BackendPostgres, Path: pgtest.Fresh(b)}
		}},
	}
	boltNs := map[string]float64{}
	for _, be := range backends {
		b.Run(be.name, func(b *testing.B) {
			cfg := be.cfg(b)
			s := mustOpen(b, cfg)
			start := time.Now()
			res, err := s.Load(ctx, "synthetic.nq", strings.NewReader(data))
			if err != nil {
				b.Fatal(err)
			}
			b.Logf("%s: loaded %d quads in %v", be.name, res.Added, time.Since(start).Round(time.Millisecond))
			if be.name != "bolt" { // a bolt store is open once at a time
				start = time.Now()
				mustOpen(b, cfg)
				b.Logf("%s: opened a second store (building its name index) in %v", be.name, time.Since(start).Round(time.Millisecond))
			}
			for _, q := range queries {
				b.Run(q.name, func(b *testing.B) {
					for b.Loop() {
						if err := q.run(s); err != nil {
							b.Fatal(err)
						}
					}
					ns := float64(b.Elapsed().Nanoseconds()) / float64(b.N)
					if be.name == "bolt" {
						boltNs[q.name] = ns
					} else if bolt := boltNs[q.name]; bolt > 0 {
						b.ReportMetric(ns/bolt, "x-bolt")
					}
				})
			}
		})
	}
}
