package authoring_test

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/parley-kg/parley/graph"
	"github.com/parley-kg/parley/graph/authoring"
	"github.com/parley-kg/parley/graph/pgtest"
	"github.com/parley-kg/parley/seed"
)

const (
	fictionYAML = "testdata/fiction-ceasefire.yaml"
	fictionText = "testdata/fiction-ceasefire.txt"
)

func backends(t *testing.T) map[string]func(testing.TB) *graph.Store {
	bs := map[string]func(testing.TB) *graph.Store{
		"memory": func(tb testing.TB) *graph.Store { return open(tb, graph.Config{Backend: graph.BackendMemory}) },
		"bolt": func(tb testing.TB) *graph.Store {
			return open(tb, graph.Config{Backend: graph.BackendBolt, Path: filepath.Join(tb.TempDir(), "db")})
		},
	}
	if dsn := pgtest.DSN(t); dsn != "" {
		bs["postgres"] = func(tb testing.TB) *graph.Store {
			return open(tb, graph.Config{Backend: graph.BackendPostgres, Path: pgtest.Schema(tb, dsn)})
		}
	}
	return bs
}

func open(tb testing.TB, cfg graph.Config) *graph.Store {
	tb.Helper()
	s, err := graph.Open(context.Background(), cfg)
	if err != nil {
		tb.Fatalf("open %s: %v", cfg.Backend, err)
	}
	tb.Cleanup(func() { s.Close() })
	if _, err := s.LoadFS(context.Background(), seed.FS); err != nil {
		tb.Fatalf("load seed: %v", err)
	}
	return s
}

func read(tb testing.TB, name string) []byte {
	tb.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

// positionsOn returns the holders of the positions on topic (and below it).
func positionsOn(t *testing.T, s *graph.Store, topic string) []string {
	t.Helper()
	ps, err := s.Positions(context.Background(), graph.PositionFilter{Topic: topic})
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, p := range ps {
		out = append(out, p.Holder)
	}
	return out
}

// rebuttersOf returns the claims that rebut claim.
func rebuttersOf(t *testing.T, s *graph.Store, claim string) []string {
	t.Helper()
	cs, err := s.Claims(context.Background(), graph.ClaimFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cs {
		if c.IRI == claim {
			return c.RebuttedBy
		}
	}
	t.Fatalf("no claim %s", claim)
	return nil
}

func TestAddFictionEveryBackend(t *testing.T) {
	ctx := context.Background()
	data, text := read(t, fictionYAML), string(read(t, fictionText))
	ch := graph.Change{Author: "tester"}
	const (
		pokrovskClaim = graph.IDBase + "claim/russia-captured-pokrovsk"
		ilvesClaim    = graph.IDBase + "claim/ilves-pokrovsk-not-fallen"
		ilves         = graph.IDBase + "marta-ilves"
	)
	for name, openStore := range backends(t) {
		t.Run(name, func(t *testing.T) {
			s := openStore(t)
			before, err := s.Stats(ctx)
			if err != nil {
				t.Fatal(err)
			}
			// The new person's position is on a topic the seed has; the
			// seed files it under a broader topic.
			narrow, broad := "Refined peace framework", "U.S.-backed peace plan"
			if slices.Contains(positionsOn(t, s, narrow), ilves) {
				t.Fatal("the seed already has Ilves's position")
			}
			rebutters := rebuttersOf(t, s, pokrovskClaim)

			if _, rr, err := authoring.Add(ctx, s, ch, fictionYAML, data, text, true); err != nil || len(rr.Added) == 0 {
				t.Fatalf("dry run: %v (%d to add)", err, len(rr.Added))
			}
			if after, _ := s.Stats(ctx); after.Quads != before.Quads {
				t.Fatalf("a dry run wrote: %d quads, was %d", after.Quads, before.Quads)
			}
			if _, _, err := authoring.Add(ctx, s, ch, fictionYAML, data, text, false); err != nil {
				t.Fatal(err)
			}
			for _, topic := range []string{narrow, broad} {
				if !slices.Contains(positionsOn(t, s, topic), ilves) {
					t.Errorf("positions on %q leave out Ilves's new position", topic)
				}
			}
			if got := rebuttersOf(t, s, pokrovskClaim); !slices.Contains(got, ilvesClaim) {
				t.Errorf("the Pokrovsk claim is rebutted by %v; want the new claim among them", got)
			}
			if got := spanTexts(t, s, ilvesClaim); !slices.Contains(got, "the reports that Pokrovsk had fallen were premature") {
				t.Errorf("the new claim's evidence reads %q", got)
			}
			if iri, err := s.Resolve(ctx, "Ze"); err != nil || iri != graph.IDBase+"volodymyr-zelensky" {
				t.Errorf("the new alias Ze resolves to %q, %v", iri, err)
			}
			added, _ := s.Stats(ctx)

			// The same file again changes nothing.
			if _, rr, err := authoring.Add(ctx, s, ch, fictionYAML, data, text, false); err != nil || len(rr.Added)+len(rr.Removed) != 0 {
				t.Fatalf("second add: %v, %d added, %d removed", err, len(rr.Added), len(rr.Removed))
			}
			if again, _ := s.Stats(ctx); again.Quads != added.Quads {
				t.Fatalf("the second add changed the store: %d quads, was %d", again.Quads, added.Quads)
			}

			// A file with the claim and alias dropped replaces the document's
			// statements: the seed's answers come back, the position stays.
			f, err := authoring.Parse(fictionYAML, data)
			if err != nil {
				t.Fatal(err)
			}
			f.Claims, f.Entities = nil, f.Entities[:1]
			res, err := authoring.Compile(ctx, f, text, s)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := s.ReplaceDocument(ctx, ch, res.Document, res.Statements, false); err != nil {
				t.Fatal(err)
			}
			if got := rebuttersOf(t, s, pokrovskClaim); !slices.Equal(got, rebutters) {
				t.Errorf("after replacing, the Pokrovsk claim is rebutted by %v; want the seed's %v", got, rebutters)
			}
			if _, err := s.Resolve(ctx, "Ze"); err == nil {
				t.Error("the dropped alias still resolves")
			}
			if !slices.Contains(positionsOn(t, s, narrow), ilves) {
				t.Error("replacing dropped the position the file still makes")
			}
		})
	}
}

// spanTexts returns the text of claim's evidence spans, as the store serves it.
func spanTexts(t *testing.T, s *graph.Store, claim string) []string {
	t.Helper()
	cs, err := s.Claims(context.Background(), graph.ClaimFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cs {
		if c.IRI != claim {
			continue
		}
		spans, err := s.SpansByIRI(context.Background(), c.Evidence)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, sp := range spans {
			if text, ok := s.SpanText(sp); ok {
				out = append(out, text)
			}
		}
		return out
	}
	return nil
}
