package authoring_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/parley-kg/parley/graph"
	"github.com/parley-kg/parley/graph/authoring"
)

// TestRetractFiction adds the fictional document, retracts it, and asks
// again: the earlier answers come back, the quads stay, and
// IncludeRetracted shows the withdrawn facts with who, when and why.
func TestRetractFiction(t *testing.T) {
	ctx := context.Background()
	data, text := read(t, fictionYAML), string(read(t, fictionText))
	const pokrovskClaim = graph.IDBase + "claim/russia-captured-pokrovsk"
	ilves := graph.IDBase + "marta-ilves"
	for name, openStore := range backends(t) {
		t.Run(name, func(t *testing.T) {
			s := openStore(t)
			rebutters := rebuttersOf(t, s, pokrovskClaim)
			res, _, err := authoring.Add(ctx, s, graph.Change{Author: "tester"}, fictionYAML, data, text, false)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := s.Retract(ctx, graph.Change{Author: "tester"}, "no-such-thing", "why"); err == nil {
				t.Error("retracting what the store lacks succeeded")
			}
			if _, err := s.Retract(ctx, graph.Change{Author: "editor"}, res.Document, ""); err == nil {
				t.Error("a retraction without a reason succeeded")
			}
			if held, err := s.PositionsOf(ctx, []string{ilves}); err != nil || len(held[ilves]) != 1 {
				t.Fatalf("Ilves holds %d positions after the add (%v); want 1", len(held[ilves]), err)
			}
			before, _ := s.Stats(ctx)
			if _, err := s.Retract(ctx, graph.Change{Author: "editor"}, res.Document, "fiction, for tests"); err != nil {
				t.Fatal(err)
			}
			if after, _ := s.Stats(ctx); after.Quads <= before.Quads {
				t.Errorf("a retraction removed quads: %d, was %d", after.Quads, before.Quads)
			}
			if slices.Contains(positionsOn(t, s, "U.S.-backed peace plan"), ilves) {
				t.Error("the retracted position still answers by default")
			}
			if got := rebuttersOf(t, s, pokrovskClaim); !slices.Equal(got, rebutters) {
				t.Errorf("after the retraction the Pokrovsk claim is rebutted by %v; want %v", got, rebutters)
			}
			if held, err := s.PositionsOf(ctx, []string{ilves}); err != nil || len(held[ilves]) != 0 {
				t.Errorf("Ilves still holds %d positions after the retraction (%v)", len(held[ilves]), err)
			}
			ps, err := s.Positions(ctx, graph.PositionFilter{Topic: "Refined peace framework", IncludeRetracted: true})
			if err != nil {
				t.Fatal(err)
			}
			found := false
			for _, p := range ps {
				if p.Holder == ilves {
					found = true
					if r := p.Retraction; r == nil || r.By != "editor" || r.Reason != "fiction, for tests" || r.At == "" {
						t.Errorf("the withdrawn position's retraction: %+v", r)
					}
				} else if p.Retraction != nil {
					t.Errorf("the seed's position %s is marked retracted", p.IRI)
				}
			}
			if !found {
				t.Error("IncludeRetracted leaves out the retracted position")
			}
			cs, err := s.Claims(ctx, graph.ClaimFilter{IncludeRetracted: true, Claimant: ilves})
			if err != nil || len(cs) != 1 || cs[0].Retraction == nil {
				t.Errorf("claims with IncludeRetracted: %v, %+v", err, cs)
			}
		})
	}
}

// TestRetractedContributionStaysWithdrawn retracts contributions an add
// of the fictional document wrote, then adds the same file again: the
// store holds their quads, so the add would write nothing while their
// statements stayed withdrawn. It is refused instead, and changes nothing:
// at the file's lines, naming the retraction, for a contribution of
// statements; as for a retracted document, for the one holding the
// document's own record.
func TestRetractedContributionStaysWithdrawn(t *testing.T) {
	ctx := context.Background()
	data, text := read(t, fictionYAML), string(read(t, fictionText))
	for name, openStore := range backends(t) {
		t.Run(name, func(t *testing.T) {
			s := openStore(t)
			res, rr, err := authoring.Add(ctx, s, graph.Change{Author: "tester"}, fictionYAML, data, text, false)
			if err != nil {
				t.Fatal(err)
			}
			// The contribution holding the document's record, and another.
			record, other := "", ""
			for _, c := range rr.Contributions {
				qs, err := s.Quads(ctx, graph.QuadFilter{Subject: "<" + res.Document + ">", Label: "<" + c + ">"})
				if err != nil {
					t.Fatal(err)
				}
				if len(qs) > 0 && record == "" {
					record = c
				} else if len(qs) == 0 && other == "" {
					other = c
				}
			}
			if record == "" || other == "" {
				t.Fatalf("contributions %v: want one with the document's record and one without", rr.Contributions)
			}
			refused := func(what string, check func(error)) {
				t.Helper()
				before, _ := s.Stats(ctx)
				for _, dryRun := range []bool{true, false} {
					_, _, err := authoring.Add(ctx, s, graph.Change{Author: "tester"}, fictionYAML, data, text, dryRun)
					if !errors.Is(err, graph.ErrRetracted) {
						t.Fatalf("%s: adding the file again (dry run %v): %v; want ErrRetracted", what, dryRun, err)
					}
					check(err)
				}
				if after, _ := s.Stats(ctx); after.Quads != before.Quads {
					t.Errorf("%s: the refused add changed the store: %d quads, was %d", what, after.Quads, before.Quads)
				}
			}
			if _, err := s.Retract(ctx, graph.Change{Author: "editor"}, other, "unsourced, for tests"); err != nil {
				t.Fatal(err)
			}
			refused("statements withdrawn", func(err error) {
				var ve *graph.ViolationsError
				msg := err.Error()
				if !errors.As(err, &ve) || !strings.Contains(msg, fictionYAML+":") || !strings.Contains(msg, "editor") || !strings.Contains(msg, "unsourced, for tests") {
					t.Errorf("the refusal does not say where, or whose retraction: %v", err)
				}
			})
			if _, err := s.Retract(ctx, graph.Change{Author: "editor"}, record, "wrong source, for tests"); err != nil {
				t.Fatal(err)
			}
			refused("the record withdrawn", func(err error) {
				if msg := err.Error(); !strings.Contains(msg, res.Document) || !strings.Contains(msg, "wrong source, for tests") || !strings.Contains(msg, "takes no more statements") {
					t.Errorf("the refusal does not say the document's record was withdrawn: %v", err)
				}
			})
		})
	}
}
