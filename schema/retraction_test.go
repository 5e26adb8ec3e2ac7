package schema_test

import (
	"context"
	"os"
	"slices"
	"testing"

	"github.com/parley-kg/parley/graph"
	"github.com/parley-kg/parley/graph/authoring"
)

// TestIncludeRetracted adds the fictional test document, retracts it, and
// asks for its position with and without includeRetracted: left out by
// default, shown with who retracted it and why when asked for, naming its
// holder, whom no name finds any more, unless the query asks for what
// was withdrawn.
func TestIncludeRetracted(t *testing.T) {
	ctx := context.Background()
	st, doc := withFiction(t)
	s := mustSchema(t, st)
	const q = `query ($holder: String, $all: Boolean) { positions(holder: $holder, direct: true, includeRetracted: $all) { holder { id name } retraction { by reason target } } }`
	const person = "Marta Ilves" // the person the fictional document declares
	held := func(holder string, all bool) []any {
		t.Helper()
		r := run(t, s, q, map[string]any{"holder": holder, "all": all})
		if len(r.Errors) > 0 {
			t.Fatalf("holder %s, includeRetracted %v: %v", holder, all, r.Errors)
		}
		return path(r.Data, "positions").([]any)
	}
	got := held(person, false)
	if len(got) != 1 || path(got[0], "retraction") != nil {
		t.Fatalf("before the retraction: %v; want one position without a retraction", got)
	}
	iri, _ := path(got[0], "holder", "id").(string)
	if _, err := st.Retract(ctx, graph.Change{Author: "editor"}, doc, "fiction, for tests"); err != nil {
		t.Fatal(err)
	}
	// The person only the retracted document declared is no longer found
	// by name, as before the add.
	for _, query := range []string{
		`query ($holder: String) { positions(holder: $holder, direct: true) { holder { name } } }`,
		`query ($holder: String) { entity(name: $holder) { name } }`,
	} {
		if r := run(t, s, query, map[string]any{"holder": person}); !slices.Equal(r.codes(), []string{"NOT_FOUND"}) {
			t.Errorf("after the retraction %s for %q: %v; want NOT_FOUND", query, person, r.Errors)
		}
	}
	if got := held(iri, false); len(got) != 0 {
		t.Errorf("after the retraction, by default: %v; want none", got)
	}
	got = held(iri, true)
	if len(got) != 1 {
		t.Fatalf("after the retraction, with includeRetracted: %v; want the position", got)
	}
	if by, reason := path(got[0], "retraction", "by"), path(got[0], "retraction", "reason"); by != "editor" || reason != "fiction, for tests" {
		t.Errorf("retraction by %v for %v; want editor, fiction, for tests", by, reason)
	}
	if name := path(got[0], "holder", "name"); name != person {
		t.Errorf("the retracted position's holder is named %v; want %s", name, person)
	}
	// Asking for what was withdrawn, the withdrawn names find their
	// entities again: the person, and the alias the document gave a seed
	// person.
	if got := held(person, true); len(got) != 1 || path(got[0], "holder", "id") != iri {
		t.Errorf("after the retraction, holder %q with includeRetracted: %v; want the position", person, got)
	}
	r := run(t, s, `{ positions(holder: "Ze", direct: true, includeRetracted: true) { holder { name } } }`, nil)
	if len(r.Errors) > 0 {
		t.Errorf("holder \"Ze\" with includeRetracted: %v; want it to name Zelensky", r.Errors)
	}
	if r := run(t, s, `{ positions(holder: "Ze", direct: true) { holder { name } } }`, nil); !slices.Equal(r.codes(), []string{"NOT_FOUND"}) {
		t.Errorf("holder \"Ze\" by default after the retraction: %v; want NOT_FOUND", r.Errors)
	}
}

// TestHitsIncludeRetracted retracts the fictional test document and
// searches its position's words: hits leaves the position out by default,
// as positions does, and shows it with its retraction when asked.
func TestHitsIncludeRetracted(t *testing.T) {
	ctx := context.Background()
	st, doc := withFiction(t)
	s := mustSchema(t, st)
	const q = `query ($all: Boolean) { hits(text: "refined framework", kinds: [POSITION], first: 50, includeRetracted: $all) { position { holder { name } retraction { by reason } } } }`
	ilves := func(all bool) []any {
		var out []any
		for _, h := range hitList(t, run(t, s, q, map[string]any{"all": all})) {
			if path(h, "position", "holder", "name") == "Marta Ilves" {
				out = append(out, h)
			}
		}
		return out
	}
	if got := ilves(false); len(got) != 1 || path(got[0], "position", "retraction") != nil {
		t.Fatalf("before the retraction: %v; want Ilves's position without a retraction", got)
	}
	if _, err := st.Retract(ctx, graph.Change{Author: "editor"}, doc, "fiction, for tests"); err != nil {
		t.Fatal(err)
	}
	if got := ilves(false); len(got) != 0 {
		t.Errorf("after the retraction, by default: %v; want none", got)
	}
	got := ilves(true)
	if len(got) != 1 || path(got[0], "position", "retraction", "reason") != "fiction, for tests" {
		t.Errorf("after the retraction, with includeRetracted: %v; want the position with its retraction", got)
	}
}

// withFiction opens a store with the seed and the fictional test document
// added, and returns it with the document's IRI.
func withFiction(t *testing.T) (*graph.Store, string) {
	t.Helper()
	st := mustOpen(t)
	data, err := os.ReadFile("../graph/authoring/testdata/fiction-ceasefire.yaml")
	if err != nil {
		t.Fatal(err)
	}
	text, err := os.ReadFile("../graph/authoring/testdata/fiction-ceasefire.txt")
	if err != nil {
		t.Fatal(err)
	}
	res, _, err := authoring.Add(context.Background(), st, graph.Change{Author: "tester"}, "fiction-ceasefire.yaml", data, string(text), false)
	if err != nil {
		t.Fatal(err)
	}
	return st, res.Document
}
