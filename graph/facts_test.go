package graph_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/parley-kg/parley/graph"
)

// These tests ask the questions researchers ask, and check the answers
// against facts of the source article. Expected values are what the article
// says, written by hand.

// names returns the names of the entities with the given IRIs.
func names(tb testing.TB, s *graph.Store, iris ...string) []string {
	tb.Helper()
	m, err := s.EntitiesByIRI(context.Background(), iris)
	if err != nil {
		tb.Fatal(err)
	}
	var out []string
	for _, iri := range iris {
		if e := m[iri]; e != nil {
			out = append(out, e.Name)
		}
	}
	return out
}

// timelineOf lists events as "date name <IRI>", in order.
func timelineOf(es []*graph.Entity) string {
	var b strings.Builder
	for _, e := range es {
		fmt.Fprintf(&b, "%s %s <%s>; ", e.Date, e.Name, e.IRI)
	}
	return b.String()
}

// mustContain fails unless every want is in got, and no wantNot is.
func mustContain(tb testing.TB, what string, got, want, wantNot []string) {
	tb.Helper()
	for _, w := range want {
		if !slices.Contains(got, w) {
			tb.Errorf("%s: %q missing from %q", what, w, got)
		}
	}
	for _, w := range wantNot {
		if slices.Contains(got, w) {
			tb.Errorf("%s: %q should not be in %q", what, w, got)
		}
	}
}

func TestFacts(t *testing.T) {
	for _, b := range testBackends(t) {
		t.Run(b.name, func(t *testing.T) {
			s := b.open(t)
			mustSeed(t, s)
			ctx := context.Background()

			// Macron demands a European say on the frozen assets; European
			// capitals objected to the terms the November draft set for
			// investing them, and for Ukraine's market access (p16).
			t.Run("FrozenAssetsPositions", func(t *testing.T) {
				ps, err := s.Positions(ctx, graph.PositionFilter{Topic: "frozen assets"})
				if err != nil {
					t.Fatal(err)
				}
				var holders []string
				for _, p := range ps {
					holders = append(holders, p.Holder)
					if p.Source == "" || p.Summary == "" {
						t.Errorf("position %s lacks source or summary", p.IRI)
					}
					// Vocabulary v2: a stance, an outlook, or both.
					if len(objects(t, s, p.IRI, graph.PredStance))+len(objects(t, s, p.IRI, graph.PredOutlook)) == 0 {
						t.Errorf("position %s has neither stance nor outlook", p.IRI)
					}
				}
				mustContain(t, "holders", names(t, s, holders...), []string{"Emmanuel Macron", "European leaders"}, []string{"Vladimir Putin"})
				ps, err = s.Positions(ctx, graph.PositionFilter{Topic: "market access", Holder: "European leaders"})
				if err != nil {
					t.Fatal(err)
				}
				var opposed bool
				for _, p := range ps {
					opposed = opposed || p.Stance == graph.Opposes && p.Occasion != ""
				}
				if !opposed {
					t.Errorf("positions of European leaders on market access: %+v; want their objection to the November draft's terms", ps)
				}
			})

			t.Run("MoscowMeetingParticipants", func(t *testing.T) {
				evs, err := s.Events(ctx, graph.EventFilter{Location: "Moscow", Participant: "Witkoff"})
				if err != nil {
					t.Fatal(err)
				}
				if len(evs) == 0 {
					t.Fatal("no event in Moscow with Witkoff")
				}
				mustContain(t, "participants", names(t, s, evs[0].Participants...),
					[]string{"Vladimir Putin", "Steve Witkoff"}, []string{"Volodymyr Zelensky"})
				// Kushner "is also expected to participate" (p3): expected,
				// not confirmed.
				mustContain(t, "expected attendees", names(t, s, iris(objects(t, s, evs[0].IRI, graph.PredExpectedAttendee))...),
					[]string{"Jared Kushner"}, nil)
			})

			t.Run("KrasnoarmeyskIsPokrovsk", func(t *testing.T) {
				for _, ref := range []string{"Krasnoarmeysk", "krasnoarmeysk", "POKROVSK", "Pokróvsk", "  Krasnoarmeysk "} {
					e, err := s.Entity(ctx, ref)
					if err != nil {
						t.Fatalf("%s: %v", ref, err)
					}
					if e.Name != "Pokrovsk" || e.Kind != graph.KindTerritory {
						t.Errorf("%s: got %s (%s), want the territory Pokrovsk", ref, e.Name, e.Kind)
					}
				}
			})

			t.Run("PokrovskCaptureClaimDisputed", func(t *testing.T) {
				cs, err := s.Claims(ctx, graph.ClaimFilter{About: "Pokrovsk", Claimant: "Russia"})
				if err != nil {
					t.Fatal(err)
				}
				if len(cs) == 0 {
					t.Fatal("no claim by Russia about Pokrovsk")
				}
				c := cs[0]
				if c.Status != graph.Disputed {
					t.Errorf("status = %s, want DISPUTED", c.Status)
				}
				disputers := names(t, s, c.DisputedBy...)
				if len(disputers) == 0 {
					t.Errorf("nobody disputes the claim")
				}
				mustContain(t, "about", names(t, s, c.About...), []string{"Pokrovsk"}, nil)
			})

			t.Run("KushnerConnectedToPutin", func(t *testing.T) {
				hops, err := s.Connection(ctx, "Jared Kushner", "Vladimir Putin", 3)
				if err != nil {
					t.Fatal(err)
				}
				if len(hops) == 0 || len(hops) > 3 {
					t.Fatalf("got %d hops, want 1 to 3: %+v", len(hops), hops)
				}
				if got := names(t, s, hops[0].From); got[0] != "Jared Kushner" {
					t.Errorf("path starts at %v", got)
				}
				if got := names(t, s, hops[len(hops)-1].To); got[0] != "Vladimir Putin" {
					t.Errorf("path ends at %v", got)
				}
				for i := 1; i < len(hops); i++ {
					if hops[i].From != hops[i-1].To {
						t.Errorf("hop %d starts at %s, previous ended at %s", i, hops[i].From, hops[i-1].To)
					}
				}
			})

			t.Run("ZelenskyQuotedAsConstructive", func(t *testing.T) {
				ps, err := s.Positions(ctx, graph.PositionFilter{Holder: "Zelensky"})
				if err != nil {
					t.Fatal(err)
				}
				var quotes []string
				for _, p := range ps {
					quotes = append(quotes, p.Quote)
				}
				mustContain(t, "quotes", quotes, []string{"constructive"}, nil)
			})

			t.Run("RussiaClaimsTerritories", func(t *testing.T) {
				rels, err := s.Relations(ctx, []string{mustResolve(t, s, "Russia")}, graph.RelationFilter{Predicate: "claimsTerritory", Direction: graph.Out})
				if err != nil {
					t.Fatal(err)
				}
				var claimed []string
				for _, r := range rels[mustResolve(t, s, "Russia")] {
					claimed = append(claimed, r.Other)
				}
				mustContain(t, "claimed", claimed, resolveAll(t, s, "Donetsk", "Luhansk", "Zaporizhzhia", "Kherson"), resolveAll(t, s, "Paris", "Moscow"))
			})

			t.Run("TimelineOldestFirst", func(t *testing.T) {
				evs, err := s.Timeline(ctx, "Crimea")
				if err != nil {
					t.Fatal(err)
				}
				if len(evs) == 0 || evs[0].Date != "2014" {
					t.Fatalf("Crimea's timeline should start in 2014, got %+v", evs)
				}
				all, err := s.Timeline(ctx, "")
				if err != nil {
					t.Fatal(err)
				}
				for i := 1; i < len(all); i++ {
					if all[i].Date < all[i-1].Date {
						t.Errorf("timeline out of order: %s before %s", all[i-1].Date, all[i].Date)
					}
				}
				var dates []string
				for _, e := range all {
					dates = append(dates, e.Date)
				}
				mustContain(t, "dates", dates, []string{"2014", "2022-02"}, []string{""})
				// The name index gives the same timeline, without reading
				// the events.
				for _, entity := range []string{"", "Crimea", "Putin"} {
					whole, err := s.Timeline(ctx, entity)
					if err != nil {
						t.Fatal(err)
					}
					heads, err := s.TimelineHeaders(ctx, entity)
					if err != nil {
						t.Fatal(err)
					}
					if g, w := timelineOf(heads), timelineOf(whole); g != w {
						t.Errorf("timeline of %q:\nheaders %s\nwhole   %s", entity, g, w)
					}
				}
			})

			t.Run("EventsInDateRange", func(t *testing.T) {
				evs, err := s.Events(ctx, graph.EventFilter{From: "2022", To: "2022-12"})
				if err != nil {
					t.Fatal(err)
				}
				for _, e := range evs {
					if e.Date < "2022" || e.Date > "2022-12-31" {
						t.Errorf("event %s dated %q is outside 2022", e.Name, e.Date)
					}
				}
				if len(evs) == 0 {
					t.Error("no event in 2022; the article dates the full-scale invasion February 2022")
				}
			})

			t.Run("SearchFindsAccentlessAndPartial", func(t *testing.T) {
				es, err := s.Search(ctx, "zapor", []graph.Kind{graph.KindTerritory}, 5)
				if err != nil {
					t.Fatal(err)
				}
				var got []string
				for _, e := range es {
					got = append(got, e.IRI)
				}
				mustContain(t, "search", got, resolveAll(t, s, "Zaporizhzhia"), nil)
			})

			t.Run("SourcesAreParagraphs", func(t *testing.T) {
				srcs, err := s.Sources(ctx)
				if err != nil {
					t.Fatal(err)
				}
				if len(srcs) < 31 {
					t.Fatalf("%d sources, want one per paragraph (31)", len(srcs))
				}
				if srcs[0].Paragraph != 1 || srcs[0].Section != "" {
					t.Errorf("first source = %+v, want paragraph 1 and no section", srcs[0])
				}
				for _, src := range srcs {
					// The article is about Witkoff's mission to Moscow; its
					// title, in the project's words, says so.
					if !strings.Contains(src.Title, "Witkoff") || !strings.Contains(src.Title, "Moscow") {
						t.Errorf("paragraph %d has the title %q, want the article's", src.Paragraph, src.Title)
					}
					if src.Paragraph == 14 && src.Section != "Core Obstacles to Lasting Peace" {
						t.Errorf("paragraph 14 is in section %q", src.Section)
					}
				}
			})
		})
	}
}

func mustResolve(tb testing.TB, s *graph.Store, ref string) string {
	tb.Helper()
	iri, err := s.Resolve(context.Background(), ref)
	if err != nil {
		tb.Fatal(err)
	}
	return iri
}

// resolveAll resolves names or aliases to IRIs.
func resolveAll(tb testing.TB, s *graph.Store, refs ...string) []string {
	tb.Helper()
	out := make([]string, len(refs))
	for i, r := range refs {
		out[i] = mustResolve(tb, s, r)
	}
	return out
}
