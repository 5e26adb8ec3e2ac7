package graph_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/parley-kg/parley/graph"
	"github.com/parley-kg/parley/graph/authoring"
	"github.com/parley-kg/parley/graph/pgtest"
)

// The fictional test document: it declares the person Marta Ilves (alias
// Ilves), who supports the refined peace framework, and gives the seed's
// Volodymyr Zelensky the new alias Ze.
const (
	fictionYAML    = "authoring/testdata/fiction-ceasefire.yaml"
	fictionText    = "authoring/testdata/fiction-ceasefire.txt"
	fictionPerson  = "Marta Ilves"
	fictionAlias   = "Ilves"
	fictionTopic   = "Refined peace framework"
	seedPerson     = "Volodymyr Zelensky"
	seedNewAlias   = "Ze"
	seedOtherAlias = "Zelensky" // the seed's own alias of Zelensky
)

// reopenable is a backend whose store can be opened a second time on the
// same data: after a restart (bolt) or from another process (postgres).
type reopenable struct {
	name string
	// open returns the first store and what opens another on its data (nil
	// when the data dies with the store).
	open func(tb testing.TB) (*graph.Store, func(tb testing.TB) *graph.Store)
	// shared says that the second store may run beside the first, as
	// another process does on PostgreSQL; bolt's is opened after a restart.
	shared bool
}

func reopenableBackends(t *testing.T) []reopenable {
	bs := []reopenable{
		{"memory", func(tb testing.TB) (*graph.Store, func(testing.TB) *graph.Store) {
			return mustOpen(tb, graph.Config{Backend: graph.BackendMemory}), nil
		}, false},
		{"bolt", func(tb testing.TB) (*graph.Store, func(testing.TB) *graph.Store) {
			cfg := graph.Config{Backend: graph.BackendBolt, Path: filepath.Join(tb.TempDir(), "db")}
			// bolt holds one process's lock: the first store closes
			// before the second opens (see again below).
			return mustOpen(tb, cfg), func(tb testing.TB) *graph.Store { return mustOpen(tb, cfg) }
		}, false},
	}
	if dsn := pgtest.DSN(t); dsn != "" {
		bs = append(bs, reopenable{"postgres", func(tb testing.TB) (*graph.Store, func(testing.TB) *graph.Store) {
			cfg := graph.Config{Backend: graph.BackendPostgres, Path: pgtest.Schema(tb, dsn)}
			other := cfg
			other.RefreshInterval = -1 // looks for other writers before each lookup
			return mustOpen(tb, cfg), func(tb testing.TB) *graph.Store { return mustOpen(tb, other) }
		}, true})
	}
	return bs
}

// TestRetractionWithdrawsNames adds the fictional document and retracts
// it, on every backend: the names only it gave are found before the
// retraction and not after (nor suggested, nor listed), as before the add;
// the seed's entity it also names keeps its own names; and a retracted
// position shown with its retraction still names its holder. A second
// store on the same data (bolt reopened, postgres shared) agrees.
func TestRetractionWithdrawsNames(t *testing.T) {
	ctx := context.Background()
	data, err := os.ReadFile(fictionYAML)
	if err != nil {
		t.Fatal(err)
	}
	text, err := os.ReadFile(fictionText)
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range reopenableBackends(t) {
		t.Run(b.name, func(t *testing.T) {
			s, again := b.open(t)
			mustSeed(t, s)
			zelensky, err := s.Resolve(ctx, seedPerson)
			if err != nil {
				t.Fatalf("the seed's %s: %v", seedPerson, err)
			}
			personsBefore := personCount(t, s)

			// name → whether it resolves (to whom, when it does) in each phase.
			lookups := []struct {
				name                     string
				before, added, withdrawn bool
				seed                     bool // resolves to the seed's Zelensky
			}{
				{fictionPerson, false, true, false, false},
				{fictionAlias, false, true, false, false},
				{seedNewAlias, false, true, false, true},
				{seedPerson, true, true, true, true},
				{seedOtherAlias, true, true, true, true},
			}
			check := func(t *testing.T, s *graph.Store, phase string, want func(i int) bool) (ilves string) {
				t.Helper()
				for i, l := range lookups {
					iri, err := s.Resolve(ctx, l.name)
					var nf *graph.NotFoundError
					switch {
					case want(i) && err != nil:
						t.Errorf("%s: %q: %v; want it found", phase, l.name, err)
					case want(i) && l.seed && iri != zelensky:
						t.Errorf("%s: %q names %s; want the seed's %s", phase, l.name, iri, zelensky)
					case want(i) && l.name == fictionPerson:
						ilves = iri
					case !want(i) && !errors.As(err, &nf):
						t.Errorf("%s: %q resolves to %q (%v); want not found", phase, l.name, iri, err)
					case !want(i):
						for _, sg := range nf.Suggestions {
							if sg.Name == fictionPerson || sg.Alias == seedNewAlias || sg.Alias == fictionAlias {
								t.Errorf("%s: %q suggests %v, which only the retracted source names", phase, l.name, sg)
							}
						}
					}
				}
				return ilves
			}
			check(t, s, "before the add", func(i int) bool { return lookups[i].before })

			res, _, err := authoring.Add(ctx, s, graph.Change{Author: "tester"}, fictionYAML, data, string(text), false)
			if err != nil {
				t.Fatal(err)
			}
			ilves := check(t, s, "after the add", func(i int) bool { return lookups[i].added })
			if got := personCount(t, s); got != personsBefore+1 {
				t.Errorf("after the add %d persons are listed; want %d", got, personsBefore+1)
			}
			if !slices.Contains(aliasesOf(t, s, zelensky), seedNewAlias) {
				t.Errorf("after the add %s lacks the alias %q", seedPerson, seedNewAlias)
			}

			var other *graph.Store // another process's store, which must notice the retraction
			if b.shared {
				other = again(t)
				check(t, other, "after the add, in a second store", func(i int) bool { return lookups[i].added })
			}
			if _, err := s.Retract(ctx, graph.Change{Author: "editor"}, res.Document, "fiction, for tests"); err != nil {
				t.Fatal(err)
			}
			withdrawn := func(t *testing.T, s *graph.Store, phase string) {
				t.Helper()
				check(t, s, phase, func(i int) bool { return lookups[i].withdrawn })
				if got := personCount(t, s); got != personsBefore {
					t.Errorf("%s: %d persons are listed; want %d, as before the add", phase, got, personsBefore)
				}
				if hits, err := s.SubstringSearch(ctx, fictionAlias, nil, 10); err != nil || len(hits) != 0 {
					t.Errorf("%s: searching %q finds %d entities (%v); want none", phase, fictionAlias, len(hits), err)
				}
				for _, name := range []string{fictionPerson, fictionAlias} {
					if es, err := s.Search(ctx, name, nil, 10); err != nil || slices.ContainsFunc(es, func(e *graph.Entity) bool { return e.IRI == ilves }) {
						t.Errorf("%s: the text search for %q finds the withdrawn %s (%v)", phase, name, fictionPerson, err)
					}
					hs, err := s.Hits(ctx, graph.HitQuery{Text: name, Kinds: []graph.HitKind{graph.HitEntity}})
					if err != nil || slices.ContainsFunc(hs, func(h graph.Hit) bool { return h.IRI == ilves }) {
						t.Errorf("%s: hits for %q include the withdrawn %s (%v)", phase, name, fictionPerson, err)
					}
				}
				as := aliasesOf(t, s, zelensky)
				if slices.Contains(as, seedNewAlias) || !slices.Contains(as, seedOtherAlias) {
					t.Errorf("%s: %s has the aliases %q; want %q and not %q", phase, seedPerson, as, seedOtherAlias, seedNewAlias)
				}
				if _, err := s.Positions(ctx, graph.PositionFilter{Holder: seedNewAlias}); !errors.Is(err, graph.ErrNotFound) {
					t.Errorf("%s: positions held by %q: %v; want not found", phase, seedNewAlias, err)
				}
				// The retracted position still names its holder, by IRI.
				ps, err := s.Positions(ctx, graph.PositionFilter{Topic: fictionTopic, IncludeRetracted: true})
				if err != nil {
					t.Fatal(err)
				}
				var holder string
				for _, p := range ps {
					if p.Retraction != nil {
						holder = p.Holder
					}
				}
				if holder != ilves {
					t.Fatalf("%s: the retracted position on %q is held by %q; want %s", phase, fictionTopic, holder, ilves)
				}
				hs, err := s.EntityHeaders(ctx, []string{holder})
				if h := hs[holder]; err != nil || h == nil || h.Name != fictionPerson || h.Kind != graph.KindPerson {
					t.Errorf("%s: the retracted holder's header: %+v (%v); want the person %s", phase, h, err, fictionPerson)
				}
				es, err := s.EntitiesByIRI(ctx, []string{holder})
				if e := es[holder]; err != nil || e == nil || e.Name != fictionPerson {
					t.Errorf("%s: the retracted holder read by IRI: %+v (%v)", phase, e, err)
				}
				if iri, err := s.Resolve(ctx, "<"+holder+">"); err != nil || iri != holder {
					t.Errorf("%s: the retracted holder's IRI resolves to %q (%v)", phase, iri, err)
				}
			}
			withdrawn(t, s, "after the retraction")

			// The same file again is refused, saying the document is
			// retracted, and changes nothing: a dry run too.
			quads := quadCount(t, s)
			for _, dry := range []bool{true, false} {
				_, _, err := authoring.Add(ctx, s, graph.Change{Author: "tester"}, fictionYAML, data, string(text), dry)
				if !errors.Is(err, graph.ErrRetracted) || !errors.Is(err, graph.ErrInvalid) {
					t.Errorf("adding the retracted file again (dry run %v): %v; want ErrRetracted", dry, err)
				}
			}
			if got := quadCount(t, s); got != quads {
				t.Errorf("the refused add changed the store: %d quads, was %d", got, quads)
			}
			withdrawn(t, s, "after adding the file again")
			switch {
			case other != nil:
				withdrawn(t, other, "in a second store")
			case again != nil:
				s.Close()
				withdrawn(t, again(t), "after reopening")
			}
		})
	}
}

func personCount(t *testing.T, s *graph.Store) int {
	t.Helper()
	page, err := s.Entities(context.Background(), graph.EntityFilter{Kind: graph.KindPerson, First: 1})
	if err != nil {
		t.Fatal(err)
	}
	return page.Total
}

func aliasesOf(t *testing.T, s *graph.Store, iri string) []string {
	t.Helper()
	es, err := s.EntitiesByIRI(context.Background(), []string{iri})
	if err != nil || es[iri] == nil {
		t.Fatalf("read %s: %v", iri, err)
	}
	return es[iri].Aliases
}
