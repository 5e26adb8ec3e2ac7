package graph_test

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/parley-kg/parley/graph"
	"github.com/parley-kg/parley/graph/authoring"
)

// hitIRIs returns the IRIs of hits, in order.
func hitIRIs(hits []graph.Hit) []string {
	out := make([]string, len(hits))
	for i, h := range hits {
		out[i] = h.IRI
	}
	return out
}

// mustHits runs q on s.
func mustHits(tb testing.TB, s *graph.Store, q graph.HitQuery) []graph.Hit {
	tb.Helper()
	hits, err := s.Hits(context.Background(), q)
	if err != nil {
		tb.Fatalf("Hits(%q): %v", q.Text, err)
	}
	return hits
}

func TestHitsFindWhatResearchersType(t *testing.T) {
	for _, b := range testBackends(t) {
		t.Run(b.name, func(t *testing.T) {
			s := b.open(t)
			mustSeed(t, s)
			ctx := context.Background()

			// A misspelt name finds the person, by name, first.
			hits := mustHits(t, s, graph.HitQuery{Text: "Kushnir"})
			if len(hits) == 0 || hits[0].IRI != id+"jared-kushner" || hits[0].Field != "name" || hits[0].Entity == nil {
				t.Fatalf("Hits(Kushnir) = %v; want Jared Kushner first, by name", hitIRIs(hits))
			}
			if !strings.Contains(hits[0].Snippet, "<mark>Kushner</mark>") {
				t.Errorf("snippet %q does not mark Kushner", hits[0].Snippet)
			}

			// Another form of a word finds the summaries and descriptions
			// that use it: the article says Russia annexed Crimea.
			hits = mustHits(t, s, graph.HitQuery{Text: "annexations", First: 100})
			got := hitIRIs(hits)
			if !slices.Contains(got, id+"crimea") {
				t.Errorf("Hits(annexations) = %v; want Crimea, which Russia annexed", got)
			}
			var pos *graph.Hit
			for i, h := range hits {
				if h.Kind == graph.HitPosition {
					pos = &hits[i]
					break
				}
			}
			if pos == nil || pos.Position == nil || pos.Entity != nil || pos.Claim != nil || pos.Source != nil {
				t.Errorf("Hits(annexations) has no position hit with only its position set: %+v", pos)
			} else if !strings.Contains(pos.Snippet, "<mark>") || pos.Position.Holder == "" {
				t.Errorf("position hit %+v: want a marked snippet and a holder", pos)
			}

			// Kinds filter; an event is an event hit, not an entity hit.
			for _, h := range mustHits(t, s, graph.HitQuery{Text: "meeting", Kinds: []graph.HitKind{graph.HitEvent}, First: 50}) {
				if h.Kind != graph.HitEvent || h.Entity == nil || h.Entity.Kind != graph.KindEvent {
					t.Errorf("Hits(meeting, EVENT) gave %s, a %s", h.IRI, h.Kind)
				}
			}

			// Every kind named is no kind named: the same hits, and the
			// two kinds named give those two kinds' hits, as many as
			// there are (the filter leaves none of them out).
			all := mustHits(t, s, graph.HitQuery{Text: "meeting", First: 200})
			named := mustHits(t, s, graph.HitQuery{Text: "meeting", Kinds: graph.HitKinds, First: 200})
			two := mustHits(t, s, graph.HitQuery{Text: "meeting", Kinds: []graph.HitKind{graph.HitEvent, graph.HitPosition}, First: 200})
			var wantTwo []string
			for _, h := range all {
				if h.Kind == graph.HitEvent || h.Kind == graph.HitPosition {
					wantTwo = append(wantTwo, h.IRI)
				}
			}
			if len(wantTwo) == 0 || len(wantTwo) == len(all) {
				t.Errorf("Hits(meeting) = %v: want events or positions and other kinds besides", hitIRIs(all))
			}
			if !slices.Equal(hitIRIs(named), hitIRIs(all)) {
				t.Errorf("Hits(meeting, every kind) = %v, want as with no kind %v", hitIRIs(named), hitIRIs(all))
			}
			if got := hitIRIs(two); !slices.Equal(got, wantTwo) {
				t.Errorf("Hits(meeting, EVENT|POSITION) = %v, want %v", got, wantTwo)
			}

			// A phrase needs its words in order.
			for _, h := range mustHits(t, s, graph.HitQuery{Text: `"security guarantees"`, First: 100}) {
				if !strings.Contains(strings.ToLower(h.Snippet), "<mark>security</mark> <mark>guarantees</mark>") {
					t.Errorf("phrase hit %s has snippet %q, without the phrase", h.IRI, h.Snippet)
				}
			}

			// Syntax errors are the user's.
			if _, err := s.Hits(ctx, graph.HitQuery{Text: `"security`}); !errors.Is(err, graph.ErrInvalid) {
				t.Errorf("unterminated quote: %v, want ErrInvalid", err)
			}

			// Search answers entities, best first, and completes the last word.
			es, err := s.Search(ctx, "Kush", nil, 5)
			if err != nil || len(es) == 0 || es[0].IRI != id+"jared-kushner" {
				t.Errorf("Search(Kush) = %v, %v; want Jared Kushner first", es, err)
			}
		})
	}
}

func TestHitsFollowWrites(t *testing.T) {
	for _, b := range testBackends(t) {
		t.Run(b.name, func(t *testing.T) {
			s := b.open(t)
			mustSeed(t, s)
			ctx := context.Background()
			body := nq("<"+id+"pokrovsk>", "<"+graph.PredAlternateName+">", `"Pokrowskaja"`, p18)
			if len(mustHits(t, s, graph.HitQuery{Text: "Pokrowskaja"})) != 0 {
				t.Fatal("the alias is found before it is written")
			}
			if _, err := s.AddQuads(ctx, alice, "body", strings.NewReader(body)); err != nil {
				t.Fatal(err)
			}
			hits := mustHits(t, s, graph.HitQuery{Text: "Pokrowskaja"})
			if len(hits) != 1 || hits[0].IRI != id+"pokrovsk" || hits[0].Field != "alias" {
				t.Fatalf("after the write, Hits(Pokrowskaja) = %+v; want Pokrovsk by alias", hits)
			}
			qs, err := s.Quads(ctx, graph.QuadFilter{Subject: "<" + id + "pokrovsk>", Object: `"Pokrowskaja"`})
			if err != nil || len(qs) != 1 {
				t.Fatalf("written quad: %v, %v", qs, err)
			}
			q := qs[0]
			if _, err := s.RemoveQuads(ctx, alice, "body", strings.NewReader(q.Subject+" "+q.Predicate+" "+q.Object+" "+q.Label+" .\n")); err != nil {
				t.Fatal(err)
			}
			if hits := mustHits(t, s, graph.HitQuery{Text: "Pokrowskaja"}); len(hits) != 0 {
				t.Errorf("after the removal, Hits(Pokrowskaja) = %v; want none", hitIRIs(hits))
			}
			if hits := mustHits(t, s, graph.HitQuery{Text: "Pokrovsk"}); !slices.Contains(hitIRIs(hits), id+"pokrovsk") {
				t.Errorf("after the removal, Hits(Pokrovsk) = %v; want Pokrovsk still", hitIRIs(hits))
			}
		})
	}
}

// TestHitsLeaveOutRetracted retracts a document (the fictional test
// document's position and claim) and a contribution (an event written
// through AddQuads): hits and search leave them out, as positions, claims
// and events do, and IncludeRetracted shows them with their retraction.
func TestHitsLeaveOutRetracted(t *testing.T) {
	data, err := os.ReadFile("authoring/testdata/fiction-ceasefire.yaml")
	if err != nil {
		t.Fatal(err)
	}
	text, err := os.ReadFile("authoring/testdata/fiction-ceasefire.txt")
	if err != nil {
		t.Fatal(err)
	}
	ilves := id + "marta-ilves"
	for _, b := range testBackends(t) {
		t.Run(b.name, func(t *testing.T) {
			ctx := context.Background()
			s := b.open(t)
			mustSeed(t, s)
			res, _, err := authoring.Add(ctx, s, graph.Change{Author: "tester"}, "fiction-ceasefire.yaml", data, string(text), false)
			if err != nil {
				t.Fatal(err)
			}
			ev := "<" + id + "test-lighthouse-briefing>"
			body := nq(ev, "<"+graph.PredType+">", "<"+graph.ClassEvent+">", p16) +
				nq(ev, "<"+graph.PredName+">", `"Lighthouse briefing"`, p16) +
				nq(ev, "<"+graph.PredStartDate+">", `"2025-12-03"`, p16) +
				nq(ev, "<"+graph.PredAttendee+">", "<"+id+"emmanuel-macron>", p16)
			w, err := s.AddQuads(ctx, alice, "body", strings.NewReader(body))
			if err != nil || len(w.Contributions) != 1 {
				t.Fatalf("write the event: %+v, %v", w, err)
			}
			// The fiction's position (a refined framework) and claim (fighting
			// goes on in Pokrovsk), held and made by Ilves; the event.
			ilvesHits := func(all bool) (position, claim *graph.Hit) {
				t.Helper()
				for _, h := range mustHits(t, s, graph.HitQuery{Text: "refined framework", First: 50, IncludeRetracted: all}) {
					if h.Position != nil && h.Position.Holder == ilves {
						position = &h
					}
				}
				for _, h := range mustHits(t, s, graph.HitQuery{Text: "Pokrovsk premature", First: 50, IncludeRetracted: all}) {
					if h.Claim != nil && h.Claim.Claimant == ilves {
						claim = &h
					}
				}
				return position, claim
			}
			eventHit := func(all bool) *graph.Hit {
				t.Helper()
				for _, h := range mustHits(t, s, graph.HitQuery{Text: "lighthouse", IncludeRetracted: all}) {
					if h.IRI == strings.Trim(ev, "<>") {
						return &h
					}
				}
				return nil
			}
			searched := func() bool {
				t.Helper()
				es, err := s.Search(ctx, "Lighthouse brief", nil, 5)
				if err != nil {
					t.Fatal(err)
				}
				return slices.ContainsFunc(es, func(e *graph.Entity) bool { return e.IRI == strings.Trim(ev, "<>") })
			}
			if p, c := ilvesHits(false); p == nil || c == nil || p.Position.Retraction != nil || c.Claim.Retraction != nil {
				t.Fatalf("before the retraction: position hit %+v, claim hit %+v; want both, unretracted", p, c)
			}
			if e := eventHit(false); e == nil || !searched() {
				t.Fatalf("before the retraction: event hit %+v, search finds it %v; want both", e, searched())
			}

			if _, err := s.Retract(ctx, graph.Change{Author: "editor"}, res.Document, "fiction, for tests"); err != nil {
				t.Fatal(err)
			}
			if _, err := s.Retract(ctx, graph.Change{Author: "editor"}, w.Contributions[0], "a test event"); err != nil {
				t.Fatal(err)
			}
			if p, c := ilvesHits(false); p != nil || c != nil {
				t.Errorf("after the retraction, by default: position hit %+v, claim hit %+v; want neither", p, c)
			}
			if e := eventHit(false); e != nil || searched() {
				t.Errorf("after the retraction, by default: event hit %+v, search finds it %v; want neither", e, searched())
			}
			p, c := ilvesHits(true)
			if p == nil || p.Position.Retraction == nil || p.Position.Retraction.Reason != "fiction, for tests" {
				t.Errorf("IncludeRetracted: position hit %+v; want it with its retraction", p)
			}
			if c == nil || c.Claim.Retraction == nil || c.Claim.Retraction.By != "editor" {
				t.Errorf("IncludeRetracted: claim hit %+v; want it with its retraction", c)
			}
			if e := eventHit(true); e == nil || e.Entity.Retraction == nil || e.Entity.Retraction.Reason != "a test event" {
				t.Errorf("IncludeRetracted: event hit %+v; want it with its retraction", e)
			}
		})
	}
}

func TestIndexDocument(t *testing.T) {
	for _, b := range testBackends(t) {
		t.Run(b.name, func(t *testing.T) {
			s := b.open(t)
			ctx := context.Background()
			if _, err := s.LoadFS(ctx, os.DirFS("testdata/textdoc")); err != nil {
				t.Fatal(err)
			}
			text, err := os.ReadFile("testdata/textdoc/textdoc.txt")
			if err != nil {
				t.Fatal(err)
			}
			if hits := mustHits(t, s, graph.HitQuery{Text: "lighthouse"}); len(hits) != 0 {
				t.Fatalf("unregistered document text found: %v", hitIRIs(hits))
			}
			paras := strings.Split(strings.TrimSpace(string(text)), "\n")
			if err := s.IndexDocument(ctx, "https://w3id.org/parley/doc/textdoc", paras); err != nil {
				t.Fatal(err)
			}
			hits := mustHits(t, s, graph.HitQuery{Text: "lighthouses ferry", Kinds: []graph.HitKind{graph.HitSource}})
			if len(hits) != 1 || hits[0].Source == nil || hits[0].Source.Paragraph != 2 || hits[0].Field != "text" {
				t.Fatalf("Hits(lighthouses ferry) = %+v; want paragraph 2", hits)
			}
			if s := hits[0].Snippet; !strings.Contains(s, "<mark>lighthouse</mark>") || !strings.Contains(s, "<mark>ferries</mark>") {
				t.Errorf("snippet %q does not mark both words", s)
			}
			if err := s.IndexDocument(ctx, "https://w3id.org/parley/doc/nowhere", paras); !errors.Is(err, graph.ErrNotFound) {
				t.Errorf("IndexDocument of an unknown document: %v, want ErrNotFound", err)
			}
		})
	}
}

// TestTextIndexBesideBolt shows the bolt store's text index kept on disk,
// reused when current, and rebuilt when missing or out of date.
func TestTextIndexBesideBolt(t *testing.T) {
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "db")
	var logs bytes.Buffer
	open := func() *graph.Store {
		logs.Reset()
		cfg := graph.Config{Backend: graph.BackendBolt, Path: dir, Logger: slog.New(slog.NewTextHandler(&logs, nil))}
		s, err := graph.Open(ctx, cfg)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	found := func(s *graph.Store, text, iri string) bool {
		return slices.Contains(hitIRIs(mustHits(t, s, graph.HitQuery{Text: text})), iri)
	}
	s := open()
	mustSeed(t, s)
	s.Close()

	s = open()
	if strings.Contains(logs.String(), "rebuilding the text index") {
		t.Errorf("a current index was rebuilt: %s", logs.String())
	}
	if !found(s, "Kushnir", id+"jared-kushner") {
		t.Error("reopened index does not find Kushner")
	}
	s.Close()

	// Missing: rebuilt.
	if err := os.RemoveAll(filepath.Join(dir, "text.bleve")); err != nil {
		t.Fatal(err)
	}
	s = open()
	if !strings.Contains(logs.String(), "rebuilding the text index") || !found(s, "Kushnir", id+"jared-kushner") {
		t.Errorf("a missing index was not rebuilt: %s", logs.String())
	}
	s.Close()

	// Out of date (an older copy, as if a write had not reached it): rebuilt.
	old := filepath.Join(t.TempDir(), "old.bleve")
	if err := os.CopyFS(old, os.DirFS(filepath.Join(dir, "text.bleve"))); err != nil {
		t.Fatal(err)
	}
	s = open()
	body := nq("<"+id+"pokrovsk>", "<"+graph.PredAlternateName+">", `"Pokrowskaja"`, p18)
	if _, err := s.AddQuads(ctx, alice, "body", strings.NewReader(body)); err != nil {
		t.Fatal(err)
	}
	s.Close()
	if err := os.RemoveAll(filepath.Join(dir, "text.bleve")); err != nil {
		t.Fatal(err)
	}
	if err := os.CopyFS(filepath.Join(dir, "text.bleve"), os.DirFS(old)); err != nil {
		t.Fatal(err)
	}
	s = open()
	defer s.Close()
	if !strings.Contains(logs.String(), "rebuilding the text index") || !found(s, "Pokrowskaja", id+"pokrovsk") {
		t.Errorf("an out-of-date index was not rebuilt: %s", logs.String())
	}
}

// TestSQLTextIndexFollowsOtherWriters writes through one store and searches
// the text index of another on the same database, which follows the
// change marker as the name index does.
func TestSQLTextIndexFollowsOtherWriters(t *testing.T) {
	ctx := context.Background()
	dsn, writer, reader := sharedPostgres(t)
	if hits := mustHits(t, reader, graph.HitQuery{Text: "Kushnir"}); !slices.Contains(hitIRIs(hits), id+"jared-kushner") {
		t.Fatalf("reader does not find the seed loaded by the writer: %v", hitIRIs(hits))
	}
	body := nq("<"+id+"pokrovsk>", "<"+graph.PredAlternateName+">", `"Pokrowskaja"`, p18)
	if _, err := writer.AddQuads(ctx, alice, "body", strings.NewReader(body)); err != nil {
		t.Fatal(err)
	}
	if hits := mustHits(t, reader, graph.HitQuery{Text: "Pokrowskaja"}); len(hits) != 1 || hits[0].IRI != id+"pokrovsk" {
		t.Errorf("reader after the write: %v; want Pokrovsk", hitIRIs(hits))
	}
	// Only what the write touched is indexed again: Pokrovsk and the
	// write's contribution, not the seed's hundreds of nodes.
	if n, full := reader.TextFollowed(); full || n == 0 || n > 5 {
		t.Errorf("the reader's refresh after one write indexed %d subjects (full rebuild %v); want a few, incrementally", n, full)
	}

	// A removal is logged for the other servers.
	qs, err := writer.Quads(ctx, graph.QuadFilter{Subject: "<" + id + "pokrovsk>", Object: `"Pokrowskaja"`})
	if err != nil || len(qs) != 1 {
		t.Fatalf("written quad: %v, %v", qs, err)
	}
	q := qs[0]
	if _, err := writer.RemoveQuads(ctx, alice, "body", strings.NewReader(q.Subject+" "+q.Predicate+" "+q.Object+" "+q.Label+" .\n")); err != nil {
		t.Fatal(err)
	}
	if hits := mustHits(t, reader, graph.HitQuery{Text: "Pokrowskaja"}); len(hits) != 0 {
		t.Errorf("reader after the removal: %v; want none", hitIRIs(hits))
	}
	if n, full := reader.TextFollowed(); full || n == 0 || n > 5 {
		t.Errorf("the reader's refresh after one removal indexed %d subjects (full rebuild %v); want a few, incrementally", n, full)
	}
	if hits := mustHits(t, reader, graph.HitQuery{Text: "Pokrovsk"}); !slices.Contains(hitIRIs(hits), id+"pokrovsk") {
		t.Errorf("reader after the removal: Hits(Pokrovsk) = %v; want Pokrovsk still", hitIRIs(hits))
	}

	// The log keeps its newest rows: a reader behind the oldest kept sees
	// the gap and rebuilds; one within follows. Each round adds names one
	// by one, each replacing the one before, while the reader looks away.
	alias := func(name string) string {
		return nq("<"+id+"pokrovsk>", "<"+graph.PredAlternateName+">", `"`+name+`"`, p18)
	}
	for _, round := range []struct {
		keep  int64
		names []string
	}{{100, []string{"Zolotaya", "Berezina", "Mykolska"}}, {1, []string{"Tarasivka", "Hnylytsia", "Vodiane"}}} {
		writer.SetTextLogKeep(round.keep)
		for i, name := range round.names {
			if _, err := writer.AddQuads(ctx, alice, "body", strings.NewReader(alias(name))); err != nil {
				t.Fatal(err)
			}
			if i > 0 {
				qs, err := writer.Quads(ctx, graph.QuadFilter{Subject: "<" + id + "pokrovsk>", Object: `"` + round.names[i-1] + `"`})
				if err != nil || len(qs) != 1 {
					t.Fatalf("written quad: %v, %v", qs, err)
				}
				q := qs[0] // with the label the store gave it
				if _, err := writer.RemoveQuads(ctx, alice, "body", strings.NewReader(q.Subject+" "+q.Predicate+" "+q.Object+" "+q.Label+" .\n")); err != nil {
					t.Fatal(err)
				}
			}
		}
		if n, err := writer.TextLogRows(ctx); err != nil || n > round.keep {
			t.Errorf("keep %d: the removal log holds %d rows (%v)", round.keep, n, err)
		}
		last := round.names[len(round.names)-1]
		if hits := mustHits(t, reader, graph.HitQuery{Text: last}); len(hits) != 1 || hits[0].IRI != id+"pokrovsk" {
			t.Errorf("keep %d: reader after the writes: Hits(%s) = %v; want Pokrovsk", round.keep, last, hitIRIs(hits))
		}
		for _, gone := range round.names[:len(round.names)-1] {
			if hits := mustHits(t, reader, graph.HitQuery{Text: gone}); len(hits) != 0 {
				t.Errorf("keep %d: reader after the writes: Hits(%s) = %v; want none", round.keep, gone, hitIRIs(hits))
			}
		}
		if _, full := reader.TextFollowed(); full != (round.keep == 1) {
			t.Errorf("keep %d: the reader rebuilt its index: %v, want %v", round.keep, full, round.keep == 1)
		}
	}

	// A removal the log does not record (another tool's): the counts do
	// not add up, and the reader rebuilds its index.
	db, err := sql.Open("postgres", dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.ExecContext(ctx, `DELETE FROM quads WHERE horizon = (SELECT max(horizon) FROM quads)`); err != nil {
		t.Fatal(err)
	}
	mustHits(t, reader, graph.HitQuery{Text: "Pokrovsk"})
	if _, full := reader.TextFollowed(); !full {
		t.Error("after a removal the log lacks, the reader's index was not rebuilt")
	}
}
