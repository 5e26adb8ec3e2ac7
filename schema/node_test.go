package schema_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/parley-kg/parley/graph"
)

// A selection that asks entities only for what the name index holds never
// reads them whole; one that asks for more reads the entities of a level
// whole in one call, however many there are.
func TestEntitiesLoadLazily(t *testing.T) {
	f := fakeWorld(40)
	people := len(f.positions) / 10
	tests := []struct {
		name, query string
		wholeCalls  int // EntitiesByIRI calls
		wholeIRIs   int // entities read whole, at least
	}{
		{"NameType", `{ entity(name: "Person 0") { id name type __typename } }`, 0, 0},
		{"HolderNames", `{ positions { holder { name } topic { name type } } }`, 0, 0},
		{"HolderRelations", `{ positions { holder { name relations { predicate } positions { id } sources { id } claims { id } events { id } } } }`, 0, 0},
		{"Aliases", `{ entity(name: "Person 0") { name aliases } }`, 1, 1},
		{"HolderAliases", `{ positions { holder { name aliases } } }`, 1, people},
		{"HolderRoles", `{ positions { holder { name ... on Person { roles { title of { name } } } } } }`, 1, people},
		// The others of the holders' relations are holders too, read whole already.
		{"TwoLevels", `{ positions { holder { aliases relations { other { name description } } } } }`, 1, people},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			g := &askedGraph{fakeGraph: f}
			f.total()
			r := run(t, mustSchema(t, g), tc.query, nil)
			if len(r.Errors) > 0 {
				t.Fatalf("errors: %s", r.messages())
			}
			if !strings.Contains(jsonOf(t, r.Data), `"Person 0"`) && !strings.Contains(jsonOf(t, r.Data), `"Person `) {
				t.Fatalf("answer %s names no person", jsonOf(t, r.Data))
			}
			_, calls := f.total()
			if calls["EntitiesByIRI"] != tc.wholeCalls || len(g.entities) < tc.wholeIRIs {
				t.Errorf("EntitiesByIRI called %d times for %d entities (%v), want %d calls for %d or more",
					calls["EntitiesByIRI"], len(g.entities), calls, tc.wholeCalls, tc.wholeIRIs)
			}
		})
	}
}

// A timeline comes from the name index; fields beyond it load its events
// whole in one call.
func TestTimelineLoadsLazily(t *testing.T) {
	f := fakeWorld(20)
	for i := range 5 {
		e := f.add(graph.KindEvent, "Meeting "+string(rune('A'+i)))
		e.Date, e.Location, e.DateText = "2025-11-2"+string(rune('0'+i)), iri("State"), "a Tuesday"
	}
	for _, tc := range []struct {
		query string
		whole int
	}{
		{`{ timeline { id name date __typename } }`, 0},
		{`{ timeline { name date relations { predicate } } }`, 0},
		{`{ timeline { name date location { name } } }`, 1},
		{`{ timeline { name dateText } }`, 1},
	} {
		f.total()
		r := run(t, mustSchema(t, f), tc.query, nil)
		if len(r.Errors) > 0 {
			t.Fatalf("%s: %s", tc.query, r.messages())
		}
		if n := len(path(r.Data, "timeline").([]any)); n != 5 {
			t.Fatalf("%s: %d events, want 5", tc.query, n)
		}
		_, calls := f.total()
		if calls["TimelineHeaders"] != 1 || calls["EntitiesByIRI"] != tc.whole {
			t.Errorf("%s: store calls %v, want one TimelineHeaders and %d EntitiesByIRI", tc.query, calls, tc.whole)
		}
	}
}

// An entity found by the name index answers every field as the same
// entity read whole does: on the seed, every entity asked by id (a node
// from the index) and through a page of entities (nodes read whole)
// answers the same, field by field.
func TestIndexNodesMatchWholeNodes(t *testing.T) {
	s := seedSchema(t)
	const fields = `__typename id name aliases type description sameAs
		relations { predicate other { id name } } positions { id } sources { id } claims { id } claimsAbout { id } events { id }
		... on Person { roles { title of { id } source { id } } }
		... on Event { date dateText location { id } participants { id } about { id } claimsMade { id } }
		... on Topic { positionsOn { id } }`
	whole := run(t, s, `{ entities(first: 500) { nodes { `+fields+` } } }`, nil)
	if len(whole.Errors) > 0 {
		t.Fatal(whole.messages())
	}
	nodes, _ := path(whole.Data, "entities", "nodes").([]any)
	if len(nodes) < 50 {
		t.Fatalf("%d entities in the seed, want at least 50 for this test to mean something", len(nodes))
	}
	kinds := map[string]bool{}
	for _, n := range nodes {
		id := path(n, "id").(string)
		one := run(t, s, `query ($id: ID) { entity(id: $id) { `+fields+` } }`, map[string]any{"id": id})
		if len(one.Errors) > 0 {
			t.Fatalf("%s: %s", id, one.messages())
		}
		if got, want := jsonOf(t, path(one.Data, "entity")), jsonOf(t, n); got != want {
			t.Errorf("%s from the index answered\n%s\nread whole\n%s", id, got, want)
		}
		kinds[path(n, "__typename").(string)] = true
	}
	if len(kinds) < len(graph.Kinds) {
		t.Errorf("the seed's entities are of %d kinds, want all %d for this test to mean something", len(kinds), len(graph.Kinds))
	}
}

// After a write adds an entity, it is there at once, from the name index
// the write kept current.
func TestEntityAfterWrite(t *testing.T) {
	st := mustOpen(t)
	s := mustSchema(t, st)
	ctx := context.Background()
	srcs, err := st.Sources(ctx)
	if err != nil || len(srcs) == 0 {
		t.Fatalf("seed sources: %d, %v", len(srcs), err)
	}
	const topic = "https://w3id.org/parley/id/test-grain-corridor"
	label := "<" + srcs[0].IRI + ">"
	nq := "<" + topic + "> <" + graph.PredType + "> <" + graph.ClassTopic + "> " + label + " .\n" +
		"<" + topic + "> <" + graph.PredName + "> \"Grain corridor\" " + label + " .\n"
	if _, err := st.AddQuads(ctx, graph.Change{Author: "test"}, "test.nq", strings.NewReader(nq)); err != nil {
		t.Fatal(err)
	}
	r := run(t, s, `{ entity(name: "grain corridor") { id name type aliases } }`, nil)
	if got, want := jsonOf(t, r.Data), `{"entity":{"aliases":[],"id":"`+topic+`","name":"Grain corridor","type":"TOPIC"}}`; got != want {
		t.Errorf("%s, want %s (errors: %s)", got, want, r.messages())
	}
}

// jsonOf encodes v as JSON, failing the test on error.
func jsonOf(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// A failed read of whole entities fails the rest of the execution's
// reads of them without asking the store again, once per level as on
// success.
func TestFailedWholeReadNotRepeated(t *testing.T) {
	f := fakeWorld(20)
	ev := f.add(graph.KindEvent, "Meeting")
	for i := range 5 {
		f.claims = append(f.claims, graph.Claim{IRI: iri("claim " + string(rune('a'+i))), Claimant: iri("Person 0"),
			Summary: "s", Status: graph.Asserted, MadeIn: ev.IRI, Source: f.addSource(i + 1)})
	}
	f.failing = "EntitiesByIRI"
	f.total()
	r := run(t, mustSchema(t, f), `{ claims { summary madeIn { name dateText } } }`, nil)
	_, calls := f.total()
	if len(r.Errors) != 5 || calls["EntitiesByIRI"] != 1 {
		t.Errorf("%d errors, store calls %v; want an error per claim from one EntitiesByIRI call", len(r.Errors), calls)
	}
}
