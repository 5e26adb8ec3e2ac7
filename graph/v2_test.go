package graph_test

import (
	"context"
	"errors"
	"os"
	"slices"
	"testing"

	"github.com/parley-kg/parley/graph"
)

// The fixture testdata/v2 was written for these tests: a document of four
// paragraphs (docs/v2doc.txt), and a graph over it with a topic hierarchy
// (Donbas → Territory → Peace plan), affiliations (the Kremlin partOf
// Russia, Peskov represents the Kremlin, Putin President of Russia, a
// former minister of Russia, France memberOf the European leaders), seats
// of government (Washington, Moscow), positions, claims and events with
// the v2 qualifiers, and evidence spans.

func fx(local string) string { return graph.IDBase + local }

// mustFixture opens a store of the backend and loads the v2 fixture.
func mustFixture(t *testing.T, b backend) *graph.Store {
	t.Helper()
	s := b.open(t)
	f, err := os.Open("testdata/v2/v2.nq")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := s.Load(context.Background(), "v2.nq", f); err != nil {
		t.Fatalf("load fixture: %v", err)
	}
	return s
}

func positionIRIs(ps []graph.Position) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = p.IRI
	}
	slices.Sort(out)
	return out
}

func sorted(iris ...string) []string {
	out := slices.Clone(iris)
	slices.Sort(out)
	return out
}

func TestHierarchiesAndAffiliations(t *testing.T) {
	for _, b := range testBackends(t) {
		t.Run(b.name, func(t *testing.T) {
			s := mustFixture(t, b)
			for _, tc := range []struct {
				name string
				f    graph.PositionFilter
				want []string
			}{
				{"topic and the topics below it", graph.PositionFilter{Topic: "Peace plan"},
					[]string{"position/kremlin-plan", "position/white-house-plan", "position/ukraine-plan", "position/putin-territory", "position/old-minister-donbas"}},
				{"topic alone", graph.PositionFilter{Topic: "Peace plan", Direct: true},
					[]string{"position/kremlin-plan", "position/white-house-plan", "position/ukraine-plan"}},
				{"a middle topic", graph.PositionFilter{Topic: "Territory"},
					[]string{"position/putin-territory", "position/old-minister-donbas"}},
				{"a state and its affiliates, not a former minister", graph.PositionFilter{Holder: "Russia"},
					[]string{"position/kremlin-plan", "position/putin-territory"}},
				{"a state alone", graph.PositionFilter{Holder: "Russia", Direct: true}, nil},
				{"affiliates on a topic and below", graph.PositionFilter{Holder: "Russia", Topic: "Peace plan"},
					[]string{"position/kremlin-plan", "position/putin-territory"}},
				{"a speaker", graph.PositionFilter{Holder: "Dmitry Peskov"}, []string{"position/kremlin-plan"}},
				{"a speaker, direct", graph.PositionFilter{Holder: "Dmitry Peskov", Direct: true}, []string{"position/kremlin-plan"}},
				{"a member of a collective", graph.PositionFilter{Holder: "European leaders"}, []string{"position/france-nato"}},
				{"a seat of government", graph.PositionFilter{Holder: "Washington"}, []string{"position/white-house-plan"}},
				{"an outlook", graph.PositionFilter{Outlook: graph.Skeptical}, []string{"position/kremlin-plan"}},
				{"an outlook written as a stance before v2", graph.PositionFilter{Outlook: graph.Optimistic}, []string{"position/ukraine-plan"}},
				{"demands a say", graph.PositionFilter{Stance: graph.DemandsSay}, []string{"position/france-nato"}},
			} {
				t.Run(tc.name, func(t *testing.T) {
					ps, err := s.Positions(context.Background(), tc.f)
					if err != nil {
						t.Fatal(err)
					}
					var want []string
					for _, w := range tc.want {
						want = append(want, fx(w))
					}
					if got, want := positionIRIs(ps), sorted(want...); !slices.Equal(got, want) {
						t.Errorf("got %v\nwant %v", got, want)
					}
				})
			}
		})
	}
}

func TestEachPositionNamesItsOwnHolder(t *testing.T) {
	for _, b := range testBackends(t) {
		t.Run(b.name, func(t *testing.T) {
			s := mustFixture(t, b)
			ps, err := s.Positions(context.Background(), graph.PositionFilter{Holder: "Russia"})
			if err != nil {
				t.Fatal(err)
			}
			for _, p := range ps {
				if p.Holder == fx("russia") {
					t.Errorf("%s names Russia as holder; want its own holder", p.IRI)
				}
			}
		})
	}
}

func TestPositionQualifiers(t *testing.T) {
	for _, b := range testBackends(t) {
		t.Run(b.name, func(t *testing.T) {
			s := mustFixture(t, b)
			ps, err := s.Positions(context.Background(), graph.PositionFilter{})
			if err != nil {
				t.Fatal(err)
			}
			by := map[string]graph.Position{}
			for _, p := range ps {
				by[p.IRI] = p
			}
			k := by[fx("position/kremlin-plan")]
			if k.Speaker != fx("peskov") || k.Stance != "" || k.Outlook != graph.Skeptical || len(k.Evidence) != 1 {
				t.Errorf("Kremlin's position = %+v; want speaker Peskov, no stance, outlook SKEPTICAL, one span", k)
			}
			if p := by[fx("position/putin-territory")]; p.Occasion != fx("event/meeting") || p.Reported {
				t.Errorf("Putin's position = %+v; want occasion the meeting, not reported", p)
			}
			if w := by[fx("position/white-house-plan")]; !w.Reported || w.Note == "" {
				t.Errorf("White House position = %+v; want reported, with a note", w)
			}
			if u := by[fx("position/ukraine-plan")]; u.Stance != "" || u.Outlook != graph.Optimistic {
				t.Errorf("legacy position = stance %q outlook %q; want no stance, OPTIMISTIC", u.Stance, u.Outlook)
			}
		})
	}
}

func TestMetonymResolution(t *testing.T) {
	for _, b := range testBackends(t) {
		t.Run(b.name, func(t *testing.T) {
			s := mustFixture(t, b)
			ctx := graph.WithRequestCache(context.Background())
			if _, err := s.Positions(ctx, graph.PositionFilter{Holder: "Washington"}); err != nil {
				t.Fatal(err)
			}
			want := []graph.Resolution{{Argument: "holder", Name: "Washington", Place: fx("washington"),
				ResolvedTo: fx("united-states"), ResolvedName: "United States", Via: graph.PredSeatOfGovernment}}
			if got := graph.Resolutions(ctx); !slices.Equal(got, want) {
				t.Errorf("resolutions = %+v, want %+v", got, want)
			}
			e, err := s.Entity(ctx, "Washington")
			if err != nil {
				t.Fatal(err)
			}
			if e.IRI != fx("washington") || e.Kind != graph.KindTerritory || e.SeatOf != fx("united-states") {
				t.Errorf("entity(Washington) = %s %s seat of %q; want the city, seat of the United States", e.IRI, e.Kind, e.SeatOf)
			}
			// A place that is no seat of government stands for no actor:
			// Crimea as holder is invalid input, and nothing is recorded.
			ctx = graph.WithRequestCache(context.Background())
			ps, err := s.Positions(ctx, graph.PositionFilter{Holder: "Crimea"})
			if !errors.Is(err, graph.ErrInvalid) || len(ps) != 0 || len(graph.Resolutions(ctx)) != 0 {
				t.Errorf("holder Crimea: %d positions, %v resolutions, err %v; want invalid input and none", len(ps), graph.Resolutions(ctx), err)
			}
		})
	}
}

func TestClaimsAndEventsFollowAffiliations(t *testing.T) {
	for _, b := range testBackends(t) {
		t.Run(b.name, func(t *testing.T) {
			s := mustFixture(t, b)
			ctx := context.Background()
			cs, err := s.Claims(ctx, graph.ClaimFilter{Claimant: "Moscow"})
			if err != nil {
				t.Fatal(err)
			}
			if len(cs) != 1 || cs[0].IRI != fx("claim/kremlin-says") || cs[0].Claimant != fx("kremlin") ||
				cs[0].Speaker != fx("peskov") || !cs[0].Reported {
				t.Fatalf("claims(claimant: Moscow) = %+v; want the Kremlin's, voiced by Peskov, reported", cs)
			}
			if got := cs[0].RebuttedBy; !slices.Equal(got, []string{fx("claim/ukraine-denies")}) {
				t.Errorf("rebuttedBy = %v, want Ukraine's claim", got)
			}
			if cs, _ := s.Claims(ctx, graph.ClaimFilter{Claimant: "Russia", Direct: true}); len(cs) != 0 {
				t.Errorf("claims(claimant: Russia, direct) = %d claims, want none", len(cs))
			}
			cs, err = s.Claims(ctx, graph.ClaimFilter{Claimant: "Ukraine"})
			if err != nil || len(cs) != 1 || !slices.Equal(cs[0].Rebuts, []string{fx("claim/kremlin-says")}) ||
				!slices.Equal(cs[0].SupportedBy, []string{fx("claim/us-agrees")}) {
				t.Errorf("Ukraine's claim = %+v (%v); want it to rebut the Kremlin's and be supported by the US's", cs, err)
			}

			for _, tc := range []struct {
				f    graph.EventFilter
				want []string
			}{
				{graph.EventFilter{Participant: "United States"}, []string{"event/meeting"}}, // the White House joined virtually
				{graph.EventFilter{Participant: "United States", Direct: true}, nil},
				{graph.EventFilter{Participant: "Ukraine"}, []string{"event/meeting"}}, // expected
				{graph.EventFilter{Participant: "European leaders"}, []string{"event/summit"}},
			} {
				es, err := s.Events(ctx, tc.f)
				if err != nil {
					t.Fatal(err)
				}
				var got, want []string
				for _, e := range es {
					got = append(got, e.IRI)
				}
				for _, w := range tc.want {
					want = append(want, fx(w))
				}
				if !slices.Equal(got, want) {
					t.Errorf("events(%+v) = %v, want %v", tc.f, got, want)
				}
			}
		})
	}
}

func TestEntityLinks(t *testing.T) {
	for _, b := range testBackends(t) {
		t.Run(b.name, func(t *testing.T) {
			s := mustFixture(t, b)
			ctx := context.Background()
			m, err := s.EntitiesByIRI(ctx, []string{fx("event/meeting"), fx("putin"), fx("old-minister"), fx("kallas"), fx("topic/donbas")})
			if err != nil {
				t.Fatal(err)
			}
			ev := m[fx("event/meeting")]
			wantAtt := []graph.Attendance{{fx("putin"), graph.Attended}, {fx("ukraine"), graph.Expected}, {fx("white-house"), graph.Virtual}}
			if ev.Status != graph.Held || !slices.Equal(ev.Attendance, wantAtt) || len(ev.Participants) != 3 || len(ev.Evidence) != 1 {
				t.Errorf("meeting = status %q attendance %v participants %v evidence %v", ev.Status, ev.Attendance, ev.Participants, ev.Evidence)
			}
			if got := m[fx("putin")].AffiliatedWith; !slices.Equal(got, []string{fx("russia")}) {
				t.Errorf("Putin affiliatedWith %v, want Russia", got)
			}
			if old := m[fx("old-minister")]; len(old.AffiliatedWith) != 0 || !old.Roles[0].Former {
				t.Errorf("the former minister: affiliatedWith %v, role %+v; want none, a former role", old.AffiliatedWith, old.Roles)
			}
			if r := m[fx("kallas")].Roles; len(r) != 1 || r[0].Note == "" || r[0].Title != "foreign policy chief" {
				t.Errorf("Kallas's role = %+v; want the source's title kept, with a note", r)
			}
			if got := m[fx("topic/donbas")].Broader; !slices.Equal(got, []string{fx("topic/territory")}) {
				t.Errorf("Donbas broader = %v, want Territory", got)
			}
			aff, err := s.AffiliatesOf(ctx, []string{fx("russia"), fx("kremlin")})
			if err != nil {
				t.Fatal(err)
			}
			if got, want := aff[fx("russia")], sorted(fx("kremlin"), fx("putin")); !slices.Equal(got, want) {
				t.Errorf("affiliates of Russia = %v, want %v", got, want)
			}
			if got := aff[fx("kremlin")]; !slices.Equal(got, []string{fx("peskov")}) {
				t.Errorf("affiliates of the Kremlin = %v, want Peskov", got)
			}
			nar, err := s.NarrowerOf(ctx, []string{fx("topic/peace-plan")})
			if err != nil || !slices.Equal(nar[fx("topic/peace-plan")], []string{fx("topic/territory")}) {
				t.Errorf("narrower of Peace plan = %v (%v), want Territory", nar, err)
			}
			c, err := s.Closure(ctx, graph.Affiliates, fx("russia"))
			if err != nil || !slices.Equal(sorted(c...), sorted(fx("russia"), fx("kremlin"), fx("putin"), fx("peskov"))) {
				t.Errorf("closure of Russia = %v (%v)", c, err)
			}
		})
	}
}

func TestRelationEvidence(t *testing.T) {
	for _, b := range testBackends(t) {
		t.Run(b.name, func(t *testing.T) {
			s := mustFixture(t, b)
			for _, tc := range []struct {
				iri string
				dir graph.Direction
			}{{fx("russia"), graph.Out}, {fx("crimea"), graph.In}, {fx("crimea"), graph.Both}} {
				rels, err := s.Relations(context.Background(), []string{tc.iri}, graph.RelationFilter{Predicate: "annexed", Direction: tc.dir})
				if err != nil {
					t.Fatal(err)
				}
				rs := rels[tc.iri]
				if len(rs) != 1 || len(rs[0].Evidence) != 1 {
					t.Fatalf("annexed relations of %s (%v) = %+v; want one, with one span", tc.iri, tc.dir, rs)
				}
			}
			// The reifying statement is bookkeeping, not a relation of Crimea.
			rels, _ := s.Relations(context.Background(), []string{fx("crimea")}, graph.RelationFilter{})
			for _, r := range rels[fx("crimea")] {
				if r.Predicate == graph.PredRDFObject {
					t.Errorf("Crimea has the relation %+v", r)
				}
			}
		})
	}
}

func TestDocumentsAndEvidenceText(t *testing.T) {
	for _, b := range testBackends(t) {
		t.Run(b.name, func(t *testing.T) {
			s := mustFixture(t, b)
			ctx := context.Background()
			spans, err := s.SpansByIRI(ctx, []string{graph.SourceBase + "v2doc/span/70-121"})
			if err != nil {
				t.Fatal(err)
			}
			sp := spans[graph.SourceBase+"v2doc/span/70-121"]
			if sp == nil || sp.Sentence != 2 || sp.Start != 70 || sp.End != 121 || sp.Document != graph.DocBase+"v2doc" {
				t.Fatalf("span = %+v", sp)
			}
			src := &graph.Source{Document: graph.DocBase + "v2doc", Paragraph: 3}
			if _, ok := s.SpanText(sp); ok {
				t.Error("span text served before the document is registered")
			}
			if _, ok := s.ParagraphText(src); ok {
				t.Error("paragraph text served before the document is registered")
			}

			_, err = s.RegisterDocuments(ctx, os.DirFS("testdata/v2/docs-altered"))
			var herr *graph.DocumentHashError
			if !errors.As(err, &herr) || herr.File != "v2doc.txt" || herr.Expected == "" || herr.Actual == herr.Expected {
				t.Fatalf("registering an altered file: %v; want a DocumentHashError naming the file and both hashes", err)
			}
			if _, ok := s.SpanText(sp); ok {
				t.Error("span text served from a refused file")
			}

			got, err := s.RegisterDocuments(ctx, os.DirFS("testdata/v2/docs"))
			if err != nil || !slices.Equal(got, []string{graph.DocBase + "v2doc"}) {
				t.Fatalf("register = %v, %v; want the fixture's document", got, err)
			}
			text, ok := s.SpanText(sp)
			if !ok || text != "The Kremlin spokesman said Moscow doubted the plan." {
				t.Errorf("span text = %q, %v", text, ok)
			}
			if p, ok := s.ParagraphText(src); !ok || p != "Putin met envoys in Moscow on Tuesday. He said territory could be discussed." {
				t.Errorf("paragraph 3 = %q, %v", p, ok)
			}
			docs, err := s.DocumentsByIRI(ctx, []string{graph.DocBase + "v2doc"})
			if d := docs[graph.DocBase+"v2doc"]; err != nil || d == nil || !d.Registered || d.File != "v2doc.txt" || d.Publisher != "" || d.Note == "" {
				t.Errorf("document = %+v (%v); want registered, its file, no invented publisher, a note", d, err)
			}
			// A directory without the file leaves the document unregistered.
			if got, err := s.RegisterDocuments(ctx, os.DirFS(t.TempDir())); err != nil || len(got) != 0 {
				t.Errorf("register from an empty directory = %v, %v; want nothing, no error", got, err)
			}
		})
	}
}
