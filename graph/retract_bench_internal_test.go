package graph

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cayleygraph/quad"
	"github.com/parley-kg/parley/seed"
)

// BenchmarkRetractNames times what a retraction costs the name index in a
// graph of the seed and 100k quads naming 25k people (the name index's
// worst case; package synth imports graph, so it cannot be used here):
// "retract" is Store.Retract of
// one contribution that declared a person (the write, and the update of
// the index for the entities its labels touched); "withdrawNames" is that
// update alone; "reindex" is the full rebuild it avoids, for comparison.
//
//	go test -run '^$' -bench RetractNames -count 5 ./graph/
func BenchmarkRetractNames(b *testing.B) {
	ctx := context.Background()
	src := quad.IRI("https://w3id.org/parley/source/000_508fa90569225c0e/p4")
	var people []quad.Quad
	for i := range 25_000 {
		p := quad.IRI(fmt.Sprintf("%sgenerated-person-%d", IDBase, i))
		people = append(people,
			quad.Make(p, quad.IRI(PredType), quad.IRI(ClassPerson), src),
			quad.Make(p, quad.IRI(PredName), quad.String(fmt.Sprintf("Generated Person %d", i)), src),
			quad.Make(p, quad.IRI(PredAlternateName), quad.String(fmt.Sprintf("GP%d", i)), src),
			quad.Make(p, quad.IRI(PredDescription), quad.String("A generated person."), src))
	}
	for _, be := range []struct {
		name string
		cfg  func(b *testing.B) Config
	}{
		{"memory", func(*testing.B) Config { return Config{Backend: BackendMemory} }},
		{"bolt", func(b *testing.B) Config { return Config{Backend: BackendBolt, Path: filepath.Join(b.TempDir(), "db")} }},
	} {
		s, err := Open(ctx, be.cfg(b))
		if err != nil {
			b.Fatal(err)
		}
		if _, err := s.LoadFS(ctx, seed.FS); err != nil {
			b.Fatal(err)
		}
		if _, err := s.add(ctx, people); err != nil {
			b.Fatal(err)
		}
		n := 0
		// contribution adds a new person, citing a seed paragraph, and
		// returns the contribution that records it.
		contribution := func(b *testing.B) string {
			n++
			iri := fmt.Sprintf("%sbench-person-%d", IDBase, n)
			src := "<https://w3id.org/parley/source/000_508fa90569225c0e/p4>"
			nq := fmt.Sprintf("<%s> <%s> <%s> %s .\n<%s> <%s> \"Bench Person %d\" %s .\n<%s> <%s> \"BP%d\" %s .\n",
				iri, PredType, ClassPerson, src, iri, PredName, n, src, iri, PredAlternateName, n, src)
			res, err := s.AddQuads(ctx, Change{Author: "bench"}, "bench.nq", strings.NewReader(nq))
			if err != nil || len(res.Contributions) != 1 {
				b.Fatalf("add: %v (%v)", err, res.Contributions)
			}
			return res.Contributions[0]
		}
		b.Run(be.name+"/retract", func(b *testing.B) {
			for b.Loop() {
				b.StopTimer()
				c := contribution(b)
				b.StartTimer()
				if _, err := s.Retract(ctx, Change{Author: "bench"}, c, "benchmark"); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(be.name+"/withdrawNames", func(b *testing.B) {
			for b.Loop() {
				b.StopTimer()
				c := contribution(b)
				before := s.catalog()
				if _, err := s.Retract(ctx, Change{Author: "bench"}, c, "benchmark"); err != nil {
					b.Fatal(err)
				}
				// Back to the index before the retraction, so that the
				// update has the contribution's entity to withdraw.
				s.mu.Lock()
				s.cat = before
				s.mu.Unlock()
				b.StartTimer()
				if err := s.withdrawNames(ctx); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(be.name+"/reindex", func(b *testing.B) {
			for b.Loop() {
				if err := s.reindex(ctx); err != nil {
					b.Fatal(err)
				}
			}
		})
		s.Close()
	}
}
