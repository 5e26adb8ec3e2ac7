package schema_test

import (
	"fmt"
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
		{"PositionsHolderRoles",
			`{ positions { holder { name ... on Person { roles { title of { name } source { paragraph } } } } } }`, 4},
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
