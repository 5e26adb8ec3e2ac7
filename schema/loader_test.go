package schema_test

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/parley-kg/parley/graph"
)

// fakeWorld returns a fake graph with n positions held by n/10 people on
// n/20 topics, each position from its own paragraph, and relations and
// mentions for every person.
func fakeWorld(n int) *fakeGraph {
	f := newFakeGraph()
	var people, topics []*graph.Entity
	for i := range max(n/10, 1) {
		p := f.add(graph.KindPerson, fmt.Sprintf("Person %d", i))
		p.Roles = []graph.Role{{Title: "envoy", Of: iri("State"), Source: f.addSource(10000 + i)}}
		people = append(people, p)
	}
	f.add(graph.KindState, "State")
	for i := range max(n/20, 1) {
		topics = append(topics, f.add(graph.KindTopic, fmt.Sprintf("Topic %d", i)))
	}
	for i := range n {
		holder := people[i%len(people)]
		f.positions = append(f.positions, graph.Position{
			IRI: fmt.Sprintf("%sposition-%d", graph.IDBase, i), Holder: holder.IRI, Topic: topics[i%len(topics)].IRI,
			Stance: graph.Supports, Summary: "supports it", Source: f.addSource(i + 1),
		})
	}
	for i, p := range people {
		other := people[(i+1)%len(people)]
		f.relations[p.IRI] = []graph.Relation{{Predicate: graph.PredAdvises, Direction: graph.Out, Other: other.IRI, Source: f.addSource(20000 + i)}}
		f.mentions[p.IRI] = []string{f.addSource(30000 + i)}
	}
	return f
}

// TestBatching checks that the store calls of a query do not grow with the
// length of its lists: the loader batches each level into one call.
func TestBatching(t *testing.T) {
	tests := []struct {
		name, query string
		max         int // store calls, whatever the number of positions
	}{
		{"PositionsWithHolderTopicSource",
			`{ positions { summary holder { name } topic { name } source { paragraph } } }`, 3},
		// Holders: their headers, then (for roles) the entities whole.
		{"PositionsHolderRoles",
			`{ positions { holder { name ... on Person { roles { title of { name } source { paragraph } } } } } }`, 5},
		{"EntitiesWithPerEntityFields",
			`{ entities(first: 500) { nodes { name positions { topic { name } } sources { paragraph } relations { predicate other { name } source { paragraph } } } } }`, 8},
		{"NestedTwoLevels",
			`{ positions { holder { name positions { topic { name positionsOn { holder { name } } } } } } }`, 6},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var counts []int
			for _, n := range []int{20, 100} {
				f := fakeWorld(n)
				s := mustSchema(t, f)
				r := run(t, s, tc.query, nil)
				if len(r.Errors) > 0 {
					t.Fatalf("errors: %s", r.messages())
				}
				got, calls := f.total()
				t.Logf("%d positions: %d store calls %v", n, got, calls)
				if got > tc.max {
					t.Errorf("%d positions: %d store calls %v, want at most %d", n, got, calls, tc.max)
				}
				counts = append(counts, got)
			}
			if counts[0] != counts[1] {
				t.Errorf("store calls grow with the list: %d for 20 positions, %d for 100", counts[0], counts[1])
			}
		})
	}
}

// TestBatchingAnswers checks that batched children still get their own
// values, not a neighbour's.
func TestBatchingAnswers(t *testing.T) {
	f := fakeWorld(100)
	r := run(t, mustSchema(t, f), `{ positions { id holder { id } topic { id } source { id } } }`, nil)
	if len(r.Errors) > 0 {
		t.Fatalf("errors: %s", r.messages())
	}
	list, _ := r.Data["positions"].([]any)
	if got, want := len(list), len(f.positions); got != want {
		t.Fatalf("%d positions, want %d", got, want)
	}
	for i, p := range f.positions {
		got := []any{path(list, i, "id"), path(list, i, "holder", "id"), path(list, i, "topic", "id"), path(list, i, "source", "id")}
		want := []any{p.IRI, p.Holder, p.Topic, p.Source}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Fatalf("position %d = %v, want %v", i, got, want)
		}
	}
}

// askedGraph records the IRIs the loader asks the store for: entities
// whole or as headers, and sources.
type askedGraph struct {
	*fakeGraph
	entities, headers, sources []string
}

func (g *askedGraph) Entity(ctx context.Context, ref string) (*graph.Entity, error) {
	e, err := g.fakeGraph.Entity(ctx, ref)
	if e != nil {
		g.entities = append(g.entities, e.IRI)
	}
	return e, err
}

func (g *askedGraph) EntityHeaders(ctx context.Context, iris []string) (map[string]*graph.Entity, error) {
	g.headers = append(g.headers, iris...)
	return g.fakeGraph.EntityHeaders(ctx, iris)
}

func (g *askedGraph) EntitiesByIRI(ctx context.Context, iris []string) (map[string]*graph.Entity, error) {
	g.entities = append(g.entities, iris...)
	return g.fakeGraph.EntitiesByIRI(ctx, iris)
}

func (g *askedGraph) SourcesByIRI(ctx context.Context, iris []string) (map[string]*graph.Source, error) {
	g.sources = append(g.sources, iris...)
	return g.fakeGraph.SourcesByIRI(ctx, iris)
}

// TestLoaderLoadsWhatIsAsked checks that the loader fetches the entities
// and sources a query follows, and not those an entity merely refers to: a
// person's relations do not load the state of the person's role, nor the
// paragraph that states the role, unless the query asks for the role.
func TestLoaderLoadsWhatIsAsked(t *testing.T) {
	f := fakeWorld(20)
	person, state := f.entities[iri("Person 0")], iri("State")
	roleSource := person.Roles[0].Source
	rel := f.relations[person.IRI][0]
	tests := []struct {
		name, query            string
		wantEntity, wantSource []string // must be asked for
		notEntity, notSource   []string // must not be
	}{
		{"Relations", `{ entity(name: "Person 0") { relations { other { name } source { paragraph } } } }`,
			[]string{rel.Other}, []string{rel.Source}, []string{state}, []string{roleSource}},
		{"Roles", `{ entity(name: "Person 0") { ... on Person { roles { of { name } source { paragraph } } } } }`,
			[]string{state}, []string{roleSource}, nil, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			g := &askedGraph{fakeGraph: f}
			if r := run(t, mustSchema(t, g), tc.query, nil); len(r.Errors) > 0 {
				t.Fatalf("errors: %s", r.messages())
			}
			for _, c := range []struct {
				what        string
				asked, want []string
				must        bool
			}{
				{"entity", slices.Concat(g.entities, g.headers), tc.wantEntity, true}, {"source", g.sources, tc.wantSource, true},
				{"entity", slices.Concat(g.entities, g.headers), tc.notEntity, false}, {"source", g.sources, tc.notSource, false},
			} {
				for _, w := range c.want {
					if slices.Contains(c.asked, w) != c.must {
						t.Errorf("%s %s asked for: %v, want %v (asked %v)", c.what, w, !c.must, c.must, c.asked)
					}
				}
			}
		})
	}
}
