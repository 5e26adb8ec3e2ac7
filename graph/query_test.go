package graph_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/parley-kg/parley/graph"
)

func TestQueryGizmo(t *testing.T) {
	for _, b := range testBackends(t) {
		t.Run(b.name, func(t *testing.T) {
			s := b.open(t)
			mustSeed(t, s)
			ctx := context.Background()
			// Who attends, or is expected at, an event held in Moscow? The
			// article: Putin and Witkoff are to meet; Kushner is expected.
			q := fmt.Sprintf(`g.V().has("<%s>", "Moscow").in("<%s>").out(["<%s>", "<%s>"]).out("<%s>").all()`,
				graph.PredName, graph.PredLocation, graph.PredAttendee, graph.PredExpectedAttendee, graph.PredName)
			res, err := s.Query(ctx, "gizmo", q, 0)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, r := range res.Results {
				got = append(got, fmt.Sprint(r.(map[string]any)["id"]))
			}
			mustContain(t, "gizmo", got, []string{"Vladimir Putin", "Steve Witkoff", "Jared Kushner"}, nil)

			// A limit below the answer's size cuts it and says so.
			res, err = s.Query(ctx, "gizmo", q, 1)
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Results) != 1 || !res.Truncated {
				t.Errorf("limit 1: %d results, truncated %v; want 1, true", len(res.Results), res.Truncated)
			}
		})
	}
}

func TestQueryMQL(t *testing.T) {
	s := mustOpen(t, graph.Config{Backend: graph.BackendMemory})
	mustSeed(t, s)
	q := fmt.Sprintf(`[{"id": null, "<%s>": "Krasnoarmeysk", "<%s>": null}]`, graph.PredAlternateName, graph.PredName)
	res, err := s.Query(context.Background(), "mql", q, 0)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := json.Marshal(res.Results)
	if !strings.Contains(string(b), `"Pokrovsk"`) {
		t.Errorf("MQL for Krasnoarmeysk answered %s, want Pokrovsk", b)
	}
}

func TestQueryErrors(t *testing.T) {
	s := mustOpen(t, graph.Config{Backend: graph.BackendMemory})
	mustSeed(t, s)
	tests := []struct{ name, lang, query string }{
		{"UnknownLanguage", "sparql", "SELECT * {}"},
		{"SyntaxError", "gizmo", "g.V(."},
		{"BadMQL", "mql", "{not json"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := s.Query(context.Background(), tc.lang, tc.query, 0)
			if !errors.Is(err, graph.ErrInvalid) {
				t.Errorf("got %v, want ErrInvalid", err)
			}
		})
	}
	if _, err := s.Query(context.Background(), "gizmo", "g.V().all()", graph.MaxQueryLimit+1); !errors.Is(err, graph.ErrInvalid) {
		t.Errorf("limit above the maximum: got %v, want ErrInvalid", err)
	}
}

func TestExportRoundTrip(t *testing.T) {
	ctx := context.Background()
	src := mustOpen(t, graph.Config{Backend: graph.BackendMemory})
	mustSeed(t, src)
	var buf bytes.Buffer
	if err := src.Export(ctx, &buf, graph.FormatNQuads); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(buf.String(), "schema:Integer") {
		t.Error("export names Cayley's datatype schema:Integer instead of xsd:integer")
	}
	dst := mustOpen(t, graph.Config{Backend: graph.BackendMemory})
	if _, err := dst.Load(ctx, "export.nq", &buf); err != nil {
		t.Fatalf("reload export: %v", err)
	}
	if a, b := quadCount(t, src), quadCount(t, dst); a != b {
		t.Errorf("exported %d quads, reloaded %d", a, b)
	}

	buf.Reset()
	if err := src.Export(ctx, &buf, graph.FormatCSV); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if got, want := int64(len(rows)-1), quadCount(t, src); got != want {
		t.Errorf("csv has %d rows, want %d", got, want)
	}
	if strings.Join(rows[0], ",") != "subject,predicate,object,label" {
		t.Errorf("csv header = %v", rows[0])
	}

	buf.Reset()
	if err := src.Export(ctx, &buf, graph.FormatJSONLD); err != nil {
		t.Fatal(err)
	}
	var doc any
	if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Errorf("JSON-LD export is not JSON: %v", err)
	}

	if err := src.Export(ctx, &buf, "xml"); !errors.Is(err, graph.ErrInvalid) {
		t.Errorf("unknown format: got %v, want ErrInvalid", err)
	}
}

func TestQuadsAndPaging(t *testing.T) {
	ctx := context.Background()
	s := mustOpen(t, graph.Config{Backend: graph.BackendMemory})
	mustSeed(t, s)
	pokrovsk := mustResolve(t, s, "Pokrovsk")
	qs, err := s.Quads(ctx, graph.QuadFilter{Subject: pokrovsk, Predicate: graph.PredAlternateName})
	if err != nil {
		t.Fatal(err)
	}
	var objs []string
	for _, q := range qs {
		objs = append(objs, q.Object)
		if q.Label == "" {
			t.Errorf("quad %+v has no label", q)
		}
	}
	mustContain(t, "aliases", objs, []string{`"Krasnoarmeysk"`}, nil)

	// Paging through people visits each once.
	seen := map[string]bool{}
	after := ""
	for {
		page, err := s.Entities(ctx, graph.EntityFilter{Kind: graph.KindPerson, First: 5, After: after})
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range page.Entities {
			if seen[e.IRI] {
				t.Fatalf("%s seen twice", e.IRI)
			}
			seen[e.IRI] = true
		}
		if !page.HasNext {
			if len(seen) != page.Total {
				t.Errorf("visited %d people, total says %d", len(seen), page.Total)
			}
			break
		}
		after = page.EndCursor
	}
	if len(seen) < 12 {
		t.Errorf("%d people, the article names at least 12", len(seen))
	}
}

// TestQueryPrefixesAndWarnings: the prefixes the README writes expand
// before a query runs, in Gizmo and MQL alike, and an IRI that the graph
// holds nowhere gets a warning, with the vocabulary's nearest terms when
// it is in one of its namespaces.
func TestQueryPrefixesAndWarnings(t *testing.T) {
	s := mustOpen(t, graph.Config{Backend: graph.BackendMemory})
	mustSeed(t, s)
	ctx := context.Background()
	for _, tc := range []struct {
		name, lang, q string
		want          string   // in the JSON of the results
		warnings      []string // each in one warning, in order
	}{
		{"gizmo prefixes", "gizmo", `g.V().has("<schema:alternateName>", "Krasnoarmeysk").out("<schema:name>").all()`, `"Pokrovsk"`, nil},
		{"mql prefixes", "mql", `[{"id": null, "<schema:alternateName>": "Krasnoarmeysk", "<rdf:type>": null}]`, `schema.org/City`, nil},
		{"parley prefix", "gizmo", `g.V("<id:pokrovsk>").in("<schema:about>").out("<parley:claimant>").all()`, `id/`, nil},
		{"full IRIs unchanged", "gizmo", `g.V("<https://w3id.org/parley/id/pokrovsk>").out("<https://schema.org/name>").all()`, `"Pokrovsk"`, nil},
		{"misspelt predicate", "gizmo", `g.V().out("<schema:nmae>").all()`, `[]`,
			[]string{"<https://schema.org/nmae> is in no quad of the graph, so steps on it match nothing; it is not in Parley's vocabulary; did you mean <https://schema.org/name>?"}},
		{"misspelt class", "mql", `[{"id": null, "<rdf:type>": "<schema:Persn>"}]`, `[]`,
			[]string{"<https://schema.org/Persn> is in no quad", "did you mean <https://schema.org/Person>?"}},
		{"unknown node", "gizmo", `g.V("<id:atlantis>").all()`, `[]`,
			[]string{"<https://w3id.org/parley/id/atlantis> is in no quad of the graph, so steps on it match nothing"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, err := s.Query(ctx, tc.lang, tc.q, 0)
			if err != nil {
				t.Fatal(err)
			}
			b, _ := json.Marshal(res.Results)
			if !strings.Contains(string(b), tc.want) {
				t.Errorf("results %s, want %s in them", b, tc.want)
			}
			joined := strings.Join(res.Warnings, "\n")
			if tc.warnings == nil && len(res.Warnings) != 0 {
				t.Errorf("warnings %q, want none", res.Warnings)
			}
			for _, w := range tc.warnings {
				if !strings.Contains(joined, w) {
					t.Errorf("warnings %q lack %q", res.Warnings, w)
				}
			}
		})
	}
}
