package graph_test

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"io"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/parley-kg/parley/graph"
)

// readTable writes the table name of s and reads it back as CSV records
// keyed by header.
func readTable(t *testing.T, s *graph.Store, name string) []map[string]string {
	t.Helper()
	var buf bytes.Buffer
	if err := s.WriteTable(context.Background(), &buf, name); err != nil {
		t.Fatalf("table %s: %v", name, err)
	}
	return parseCSV(t, &buf)
}

func parseCSV(t *testing.T, r io.Reader) []map[string]string {
	t.Helper()
	recs, err := csv.NewReader(r).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var out []map[string]string
	for _, rec := range recs[1:] {
		m := map[string]string{}
		for i, h := range recs[0] {
			m[h] = rec[i]
		}
		out = append(out, m)
	}
	return out
}

func TestTables(t *testing.T) {
	ctx := context.Background()
	s := mustOpen(t, graph.Config{Backend: graph.BackendMemory})
	mustSeed(t, s)

	// Plain values: no N-Quads quotes or brackets, short ids outside the
	// iri columns.
	for _, name := range graph.TableNames() {
		for _, row := range readTable(t, s, name) {
			for col, v := range row {
				if col == "iri" || col == "predicate_iri" {
					continue
				}
				if strings.HasPrefix(v, "<") || strings.HasPrefix(v, `"`) || strings.Contains(v, graph.IDBase) {
					t.Errorf("table %s, column %s: %q is not a plain value", name, col, v)
				}
			}
		}
	}

	// One row per record the readers give.
	ps, err := s.Positions(ctx, graph.PositionFilter{})
	if err != nil {
		t.Fatal(err)
	}
	positions := readTable(t, s, "positions")
	if len(positions) != len(ps) {
		t.Errorf("positions table has %d rows, the graph %d positions", len(positions), len(ps))
	}
	// Every evidence span has a paragraph and start < end.
	spans := 0
	for _, p := range positions {
		if p["evidence"] == "" {
			continue
		}
		starts, ends, pars := strings.Split(p["evidence_start"], ";"), strings.Split(p["evidence_end"], ";"), strings.Split(p["evidence_paragraph"], ";")
		for i := range starts {
			a, _ := strconv.Atoi(starts[i])
			b, _ := strconv.Atoi(ends[i])
			if a >= b || pars[i] == "" {
				t.Errorf("position %s: evidence %d at paragraph %q, %d-%d", p["id"], i, pars[i], a, b)
			}
			spans++
		}
	}
	if spans == 0 {
		t.Error("no position in the positions table has evidence")
	}

	// Facts of the article: Witkoff is a person called Witkoff for short;
	// he and Putin attended the Moscow meeting.
	var witkoff map[string]string
	for _, e := range readTable(t, s, "entities") {
		if e["id"] == "steve-witkoff" {
			witkoff = e
		}
	}
	if witkoff == nil || witkoff["kind"] != "PERSON" || !slices.Contains(strings.Split(witkoff["aliases"], ";"), "Witkoff") {
		t.Errorf("entities row of Witkoff = %v", witkoff)
	}
	var meeting map[string]string
	for _, e := range readTable(t, s, "events") {
		if e["id"] == "moscow-meeting-witkoff-putin" {
			meeting = e
		}
	}
	if att := strings.Split(meeting["attended"], ";"); !slices.Contains(att, "steve-witkoff") || !slices.Contains(att, "vladimir-putin") {
		t.Errorf("events row of the Moscow meeting = %v; want Witkoff and Putin attending", meeting)
	}

	// Unknown tables are invalid, with a suggestion.
	err = s.WriteTable(ctx, io.Discard, "position")
	if !errors.Is(err, graph.ErrInvalid) || !strings.Contains(err.Error(), `unknown table "position": want one of entities, positions, claims, events, relations, sources; did you mean positions?`) {
		t.Errorf("unknown table: %v", err)
	}

	// The zip holds every table, each the same as alone.
	var buf bytes.Buffer
	if err := s.WriteTables(ctx, &buf); err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range zr.File {
		names = append(names, strings.TrimSuffix(f.Name, ".csv"))
		if f.Name == "positions.csv" {
			r, _ := f.Open()
			if n := len(parseCSV(t, r)); n != len(ps) {
				t.Errorf("positions.csv in the zip has %d rows, want %d", n, len(ps))
			}
		}
	}
	if !slices.Equal(names, graph.TableNames()) {
		t.Errorf("zip holds %v, want %v", names, graph.TableNames())
	}
}

// TestNQuadsRoundTrip: the N-Quads export of the seed, loaded into an
// empty store of each backend, exports the very same quads.
func TestNQuadsRoundTrip(t *testing.T) {
	ctx := context.Background()
	src := mustOpen(t, graph.Config{Backend: graph.BackendMemory})
	mustSeed(t, src)
	var first bytes.Buffer
	if err := src.Export(ctx, &first, graph.FormatNQuads); err != nil {
		t.Fatal(err)
	}
	lines := func(b []byte) []string {
		l := strings.Split(strings.TrimSpace(string(b)), "\n")
		sort.Strings(l)
		return l
	}
	want := lines(first.Bytes())
	for _, b := range testBackends(t) {
		t.Run(b.name, func(t *testing.T) {
			dst := b.open(t)
			if _, err := dst.Load(ctx, "export.nq", bytes.NewReader(first.Bytes())); err != nil {
				t.Fatal(err)
			}
			var again bytes.Buffer
			if err := dst.Export(ctx, &again, graph.FormatNQuads); err != nil {
				t.Fatal(err)
			}
			got := lines(again.Bytes())
			if !slices.Equal(got, want) {
				t.Errorf("round trip: %d quads back of %d", len(got), len(want))
				for _, l := range got {
					if _, found := slices.BinarySearch(want, l); !found {
						t.Errorf("new quad %s", l)
						break
					}
				}
				for _, l := range want {
					if _, found := slices.BinarySearch(got, l); !found {
						t.Errorf("lost quad %s", l)
						break
					}
				}
			}
		})
	}
}
