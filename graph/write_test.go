package graph_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/parley-kg/parley/graph"
)

const (
	id  = "https://w3id.org/parley/id/"
	p18 = "<https://w3id.org/parley/source/000_508fa90569225c0e/p18>"
	p16 = "<https://w3id.org/parley/source/000_508fa90569225c0e/p16>"
)

var alice = graph.Change{Author: "alice", Time: time.Date(2026, 11, 24, 12, 0, 0, 0, time.UTC)}

// writeOf is an N-Quads line.
func nq(s, p, o, label string) string { return fmt.Sprintf("%s %s %s %s .\n", s, p, o, label) }

func TestAddQuadsRecordsProvenance(t *testing.T) {
	for _, b := range testBackends(t) {
		t.Run(b.name, func(t *testing.T) {
			ctx := context.Background()
			s := b.open(t)
			mustSeed(t, s)
			before := quadCount(t, s)
			// The article names Pokrovsk's Soviet-era name in paragraph 18;
			// a researcher adds a spelling of their own, citing it.
			body := nq("<"+id+"pokrovsk>", "<"+graph.PredAlternateName+">", `"Pokrowsk"`, p18)
			res, err := s.AddQuads(ctx, alice, "body", strings.NewReader(body))
			if err != nil {
				t.Fatal(err)
			}
			if res.Changed != 1 || len(res.Contributions) != 1 {
				t.Fatalf("result %+v: want 1 quad added under 1 contribution", res)
			}
			// One quad, and the contribution's five.
			if got := quadCount(t, s); got != before+6 {
				t.Errorf("store has %d quads; want %d", got, before+6)
			}
			e, err := s.Entity(ctx, "pokrowsk")
			if err != nil || e.IRI != id+"pokrovsk" {
				t.Fatalf("lookup of the written alias: %v, %v", e, err)
			}
			qs, err := s.Quads(ctx, graph.QuadFilter{Subject: "<" + id + "pokrovsk>", Object: `"Pokrowsk"`})
			if err != nil || len(qs) != 1 {
				t.Fatalf("written quad: %v, %v", qs, err)
			}
			label := strings.Trim(qs[0].Label, "<>")
			if label != res.Contributions[0] || !strings.HasPrefix(label, graph.ContributionBase) {
				t.Fatalf("written quad labelled %s; want the contribution %s", label, res.Contributions[0])
			}
			src, err := s.SourcesByIRI(ctx, []string{label})
			if err != nil || src[label] == nil {
				t.Fatalf("contribution as a source: %v, %v", src, err)
			}
			got := *src[label]
			if got.Author != "alice" || got.WrittenAt != "2026-11-24T12:00:00Z" || got.Paragraph != 18 ||
				got.Cites != strings.Trim(p18, "<>") || got.Title == "" {
				t.Errorf("contribution reads %+v; want alice's, at noon, citing paragraph 18 of the article", got)
			}
			// Writing the same fact again changes nothing.
			res, err = s.AddQuads(ctx, alice, "body", strings.NewReader(body))
			if err != nil || res.Changed != 0 || quadCount(t, s) != before+6 {
				t.Errorf("rewrite: %+v, %v, %d quads; want nothing added", res, err, quadCount(t, s))
			}
		})
	}
}

func TestAddQuadsPosition(t *testing.T) {
	s := mustOpen(t, graph.Config{Backend: graph.BackendMemory})
	mustSeed(t, s)
	ctx := context.Background()
	pos := "<" + id + "position/test-zelensky-frozen-assets>"
	body := nq(pos, "<"+graph.PredType+">", "<"+graph.ClassPosition+">", p16) +
		nq(pos, "<"+graph.PredName+">", `"Zelensky on frozen assets (test)"`, p16) +
		nq(pos, "<"+graph.PredHolder+">", "<"+id+"volodymyr-zelensky>", p16) +
		nq(pos, "<"+graph.PredTopic+">", "<"+id+"frozen-russian-assets>", p16) +
		nq(pos, "<"+graph.PredStance+">", "<"+graph.StanceSupports+">", p16) +
		nq(pos, "<"+graph.PredSummary+">", `"A test position."`, p16) +
		nq(pos, "<"+graph.PredSource+">", p16, p16)
	if _, err := s.AddQuads(ctx, alice, "body", strings.NewReader(body)); err != nil {
		t.Fatal(err)
	}
	ps, err := s.Positions(ctx, graph.PositionFilter{Topic: "frozen Russian assets", Holder: "Zelensky"})
	if err != nil || len(ps) != 1 || ps[0].Source != strings.Trim(p16, "<>") {
		t.Fatalf("positions of Zelensky on frozen assets: %+v, %v; want the written one, citing paragraph 16", ps, err)
	}
}

func TestAddQuadsRejectsAndChangesNothing(t *testing.T) {
	pokrovsk := "<" + id + "pokrovsk>"
	alias := func(i int) string {
		return nq(pokrovsk, "<"+graph.PredAlternateName+">", fmt.Sprintf(`"alias %d"`, i), p18)
	}
	// batch is 1,000 good quads with bad at line 537.
	batch := func(bad string) string {
		var b strings.Builder
		for i := 1; i <= 1000; i++ {
			if i == 537 {
				b.WriteString(bad)
				continue
			}
			b.WriteString(alias(i))
		}
		return b.String()
	}
	for _, tc := range []struct {
		name, body string
		line       int
		want       string
	}{
		{"unknown predicate", batch(nq(pokrovsk, "<https://example.org/nickname>", `"x"`, p18)), 537, "unknown predicate"},
		{"dangling object", batch(nq(pokrovsk, "<"+graph.PredContainedIn+">", "<"+id+"atlantis>", p18)), 537, "dangling reference"},
		{"object of the wrong class", batch(nq(pokrovsk, "<"+graph.PredContainedIn+">", "<"+id+"vladimir-putin>", p18)), 537, "want one of"},
		{"label that is no source", batch(nq(pokrovsk, "<"+graph.PredAlternateName+">", `"x"`, "<"+id+"vladimir-putin>")), 537, "not a source"},
		{"second name", batch(nq(pokrovsk, "<"+graph.PredName+">", `"Pokrowsk"`, p18)), 1, "at most one"},
		{"syntax", batch("<a> <b> .\n"), 537, ""},
		{"invalid UTF-8", batch(nq(pokrovsk, "<"+graph.PredAlternateName+">", "\"\xff\"", p18)), 537, "UTF-8"},
		{"forged contribution", nq("<"+graph.ContributionBase+"x/1>", "<"+graph.PredWrittenBy+">", `"mallory"`, p18), 1, "recorded by the server"},
		{"node without type or name", nq("<"+id+"new-thing>", "<"+graph.PredDescription+">", `"x"`, p18), 1, "no rdf:type"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for _, b := range testBackends(t) {
				t.Run(b.name, func(t *testing.T) {
					s := b.open(t)
					mustSeed(t, s)
					before := quadCount(t, s)
					_, err := s.AddQuads(context.Background(), alice, "body", strings.NewReader(tc.body))
					if !errors.Is(err, graph.ErrInvalid) {
						t.Fatalf("err = %v; want ErrInvalid", err)
					}
					if at := fmt.Sprintf("body:%d:", tc.line); !strings.Contains(err.Error(), at) || !strings.Contains(err.Error(), tc.want) {
						t.Errorf("err = %.300s; want %q at %q", err, tc.want, at)
					}
					if got := quadCount(t, s); got != before {
						t.Errorf("store has %d quads after a rejected write; want %d", got, before)
					}
					if _, err := s.Entity(context.Background(), "alias 1"); !errors.Is(err, graph.ErrNotFound) {
						t.Errorf("an alias of the rejected batch is found: %v", err)
					}
				})
			}
		})
	}
}

func TestRemoveQuads(t *testing.T) {
	for _, b := range testBackends(t) {
		t.Run(b.name, func(t *testing.T) {
			ctx := context.Background()
			s := b.open(t)
			mustSeed(t, s)
			before := quadCount(t, s)
			res, err := s.AddQuads(ctx, alice, "add", strings.NewReader(nq("<"+id+"pokrovsk>", "<"+graph.PredAlternateName+">", `"Pokrowsk"`, p18)))
			if err != nil {
				t.Fatal(err)
			}
			written := nq("<"+id+"pokrovsk>", "<"+graph.PredAlternateName+">", `"Pokrowsk"`, "<"+res.Contributions[0]+">")

			// Refused, each leaving the store as it was.
			for _, tc := range []struct{ name, body, want string }{
				{"not stored", written + nq("<"+id+"pokrovsk>", "<"+graph.PredAlternateName+">", `"Pokrovsk-on-Sea"`, p18), "body:2: <" + id + "pokrovsk> alternateName: no such quad"},
				{"wrong label", nq("<"+id+"pokrovsk>", "<"+graph.PredAlternateName+">", `"Pokrowsk"`, p18), "body:1:"},
				{"leaves a node nameless", nq("<"+id+"pokrovsk>", "<"+graph.PredName+">", `"Pokrovsk"`, p18), "no schema:name"},
				{"contribution", nq("<"+res.Contributions[0]+">", "<"+graph.PredWrittenBy+">", `"alice"`, "<"+res.Contributions[0]+">"), "recorded by the server"},
			} {
				_, err := s.RemoveQuads(ctx, alice, "body", strings.NewReader(tc.body))
				if !errors.Is(err, graph.ErrInvalid) || !strings.Contains(err.Error(), tc.want) {
					t.Errorf("%s: err = %v; want ErrInvalid with %q", tc.name, err, tc.want)
				}
				if got := quadCount(t, s); got != before+6 {
					t.Errorf("%s: %d quads after a refused removal; want %d", tc.name, got, before+6)
				}
			}

			// Removing the written alias takes its emptied contribution too.
			res, err = s.RemoveQuads(ctx, alice, "body", strings.NewReader(written))
			if err != nil {
				t.Fatal(err)
			}
			if res.Changed != 6 || quadCount(t, s) != before {
				t.Errorf("removal %+v left %d quads; want 6 removed and %d left", res, quadCount(t, s), before)
			}
			if _, err := s.Entity(ctx, "Pokrowsk"); !errors.Is(err, graph.ErrNotFound) {
				t.Errorf("removed alias still found: %v", err)
			}
			if e, err := s.Entity(ctx, "Krasnoarmeysk"); err != nil || e.IRI != id+"pokrovsk" {
				t.Errorf("the seed's alias after the removal: %v, %v", e, err)
			}
		})
	}
}

func TestRemoveQuadsKeepsReferences(t *testing.T) {
	s := mustOpen(t, graph.Config{Backend: graph.BackendMemory})
	mustSeed(t, s)
	ctx := context.Background()
	// Every quad about Pokrovsk: claims and other places still point at it.
	qs, err := s.Quads(ctx, graph.QuadFilter{Subject: "<" + id + "pokrovsk>", First: 1000})
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, q := range qs {
		b.WriteString(nq(q.Subject, q.Predicate, q.Object, q.Label))
	}
	before := quadCount(t, s)
	_, err = s.RemoveQuads(ctx, alice, "body", strings.NewReader(b.String()))
	if !errors.Is(err, graph.ErrInvalid) || !strings.Contains(err.Error(), "pointing at it") {
		t.Fatalf("err = %v; want a refusal naming what points at Pokrovsk", err)
	}
	if quadCount(t, s) != before {
		t.Error("a refused removal changed the store")
	}
}

func TestWriteNeedsAuthor(t *testing.T) {
	s := mustOpen(t, graph.Config{Backend: graph.BackendMemory})
	_, err := s.AddQuads(context.Background(), graph.Change{}, "body", strings.NewReader(""))
	if !errors.Is(err, graph.ErrInvalid) {
		t.Errorf("err = %v; want ErrInvalid", err)
	}
}

// TestWritesBesideReads writes while other goroutines read through every
// kind of read path; under -race (as CI runs it) this checks the memory
// backend's lock, since Cayley's memstore has none.
func TestWritesBesideReads(t *testing.T) {
	for _, b := range testBackends(t) {
		t.Run(b.name, func(t *testing.T) {
			ctx := context.Background()
			s := b.open(t)
			mustSeed(t, s)
			done := make(chan struct{})
			errs := make(chan error, 8)
			reads := []func() error{
				func() error { _, err := s.Entity(ctx, "Krasnoarmeysk"); return err },
				func() error {
					_, err := s.Positions(ctx, graph.PositionFilter{Topic: "frozen Russian assets"})
					return err
				},
				func() error {
					_, err := s.Query(ctx, "gizmo", `g.V("<`+id+`pokrovsk>").out("<`+graph.PredAlternateName+`>").all()`, 0)
					return err
				},
				func() error { return s.Export(ctx, io.Discard, "nquads") },
				func() error {
					_, err := s.Query(ctx, "gizmo", `g.V("<`+id+`pokrovsk>").out("<`+graph.PredAlternateName+`>").forEach(function(d){ g.emit(d.id) }); g.emit(g.V().count())`, 0)
					return err
				},
				func() error {
					_, err := s.Query(ctx, "mql", `[{"id": "`+id+`pokrovsk", "<`+graph.PredAlternateName+`>": []}]`, 0)
					return err
				},
				func() error {
					_, err := s.Query(ctx, "graphql", `{ nodes(id: "`+id+`pokrovsk") { id <`+graph.PredAlternateName+`> } }`, 0)
					return err
				},
			}
			var wg sync.WaitGroup
			for _, read := range reads {
				wg.Add(1)
				go func() {
					defer wg.Done()
					for {
						select {
						case <-done:
							return
						default:
						}
						if err := read(); err != nil {
							errs <- err
							return
						}
					}
				}()
			}
			for i := 0; i < 30; i++ {
				body := nq("<"+id+"pokrovsk>", "<"+graph.PredAlternateName+">", fmt.Sprintf(`"beside %d"`, i), p18)
				if _, err := s.AddQuads(ctx, alice, "body", strings.NewReader(body)); err != nil {
					t.Fatal(err)
				}
			}
			close(done)
			wg.Wait()
			close(errs)
			for err := range errs {
				t.Error(err)
			}
			if e, err := s.Entity(ctx, "beside 29"); err != nil || e.IRI != id+"pokrovsk" {
				t.Errorf("last write: %v, %v", e, err)
			}
		})
	}
}

// The name index keeps events' dates current through writes, so that a
// timeline from the index matches one read from the events themselves.
func TestTimelineHeadersFollowWrites(t *testing.T) {
	for _, b := range testBackends(t) {
		t.Run(b.name, func(t *testing.T) {
			ctx := context.Background()
			s := b.open(t)
			mustSeed(t, s)
			ev := "<" + id + "test-briefing>"
			body := nq(ev, "<"+graph.PredType+">", "<"+graph.ClassEvent+">", p16) +
				nq(ev, "<"+graph.PredName+">", `"Test briefing"`, p16) +
				nq(ev, "<"+graph.PredStartDate+">", `"2025-12-03"`, p16) +
				nq(ev, "<"+graph.PredAttendee+">", "<"+id+"emmanuel-macron>", p16) // an event needs an attendee
			if _, err := s.AddQuads(ctx, alice, "body", strings.NewReader(body)); err != nil {
				t.Fatal(err)
			}
			same := func(want bool) {
				t.Helper()
				whole, err := s.Timeline(ctx, "")
				if err != nil {
					t.Fatal(err)
				}
				heads, err := s.TimelineHeaders(ctx, "")
				if err != nil {
					t.Fatal(err)
				}
				if g, w := timelineOf(heads), timelineOf(whole); g != w {
					t.Errorf("headers %s\nwhole   %s", g, w)
				}
				if got := strings.Contains(timelineOf(heads), "2025-12-03 Test briefing"); got != want {
					t.Errorf("the written event in the timeline: %v, want %v (%s)", got, want, timelineOf(heads))
				}
			}
			same(true)
			date, err := s.Quads(ctx, graph.QuadFilter{Subject: ev, Predicate: "<" + graph.PredStartDate + ">"})
			if err != nil || len(date) != 1 {
				t.Fatalf("the written date: %v, %v", date, err)
			}
			q := date[0]
			if _, err := s.RemoveQuads(ctx, alice, "body", strings.NewReader(nq(q.Subject, q.Predicate, q.Object, q.Label))); err != nil {
				t.Fatal(err)
			}
			same(false)
		})
	}
}
