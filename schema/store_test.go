package schema_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/parley-kg/parley/graph"
	"github.com/parley-kg/parley/schema"
	"github.com/parley-kg/parley/seed"
)

// mustOpen opens a memory store loaded with the seed, closed at the end of
// the test.
func mustOpen(tb testing.TB) *graph.Store {
	tb.Helper()
	ctx := context.Background()
	st, err := graph.Open(ctx, graph.Config{Backend: graph.BackendMemory})
	if err != nil {
		tb.Fatalf("open store: %v", err)
	}
	tb.Cleanup(func() { st.Close() })
	if _, err := st.LoadFS(ctx, seed.FS); err != nil {
		tb.Fatalf("load seed: %v", err)
	}
	return st
}

// seedSchema returns the schema over the seeded store.
func seedSchema(tb testing.TB) *schema.Schema {
	tb.Helper()
	return mustSchema(tb, mustOpen(tb))
}

// containsFold reports whether any of got contains want, ignoring case.
func containsFold(got []string, want string) bool {
	return slices.ContainsFunc(got, func(g string) bool {
		return strings.Contains(strings.ToLower(g), strings.ToLower(want))
	})
}

// TestSeedFacts asks the article's questions of the real store through the
// schema. The expected facts are written by hand from the article, as must
// and must-not sets of names (matched as case-insensitive substrings), so
// that adding facts to the seed never breaks a test.
func TestSeedFacts(t *testing.T) {
	s := seedSchema(t)
	tests := []struct {
		name, query string
		list        []any // the path to the list of answers
		field       []any // the path, within each answer, to the names
		want        []string
		wantNot     []string
	}{
		{"FrozenAssetsHolders",
			`{ positions(topic: "frozen assets") { holder { name } } }`,
			[]any{"positions"}, []any{"holder", "name"},
			[]string{"Macron"}, []string{"Pokrovsk", "Moscow"}},
		{"FrozenAssetsByAlias",
			`{ positions(holder: "emmanuel macron") { topic { name aliases } } }`,
			[]any{"positions"}, []any{"topic", "name"},
			[]string{"asset"}, nil},
		{"MoscowMeetingParticipants",
			`{ events(location: "Moscow") { participants { name } } }`,
			[]any{"events", 0, "participants"}, []any{"name"},
			[]string{"Putin", "Witkoff", "Kushner"}, []string{"Zelensky", "Macron"}},
		{"MoscowMeetingByName",
			`{ entity(name: "Moscow meeting") { ... on Event { participants { name } } } }`,
			[]any{"entity", "participants"}, []any{"name"},
			[]string{"Putin", "Witkoff", "Kushner"}, []string{"Zelensky"}},
		{"PokrovskClaimDisputers",
			`{ claims(about: "Pokrovsk", status: DISPUTED) { disputedBy { name } } }`,
			[]any{"claims", 0, "disputedBy"}, []any{"name"},
			[]string{"Ukraine", "Open-source intelligence"}, []string{"Russia", "countering disinformation"}},
		{"PokrovskClaimants",
			`{ claims(about: "Krasnoarmeysk") { claimant { name } } }`,
			[]any{"claims"}, []any{"claimant", "name"},
			[]string{"Russia"}, nil},
		{"FloridaTalksParticipants",
			`{ events(location: "Florida") { participants { name } } }`,
			[]any{"events", 0, "participants"}, []any{"name"},
			[]string{"Witkoff", "Kushner"}, []string{"Putin"}},
		{"SearchWitkoff",
			`{ search(text: "witkoff", types: [PERSON]) { name } }`,
			[]any{"search"}, []any{"name"},
			[]string{"Steve Witkoff"}, []string{"Putin"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := run(t, s, tc.query, nil)
			if len(r.Errors) > 0 {
				t.Fatalf("errors: %s", r.messages())
			}
			got := stringsAt(path(r.Data, tc.list...), tc.field...)
			for _, w := range tc.want {
				if !containsFold(got, w) {
					t.Errorf("got %q, want it to include %q", got, w)
				}
			}
			for _, w := range tc.wantNot {
				if containsFold(got, w) {
					t.Errorf("got %q, want it not to include %q", got, w)
				}
			}
		})
	}
}

// TestSeedEventsOfPerson checks Entity.events against Query.events: the
// Moscow meeting is among the events of each of its participants.
func TestSeedEventsOfPerson(t *testing.T) {
	s := seedSchema(t)
	r := run(t, s, `{ events(location: "Moscow") { id } witkoff: entity(name: "Witkoff") { events { id } } putin: entity(name: "Putin") { events { id } } }`, nil)
	if len(r.Errors) > 0 {
		t.Fatalf("errors: %s", r.messages())
	}
	meetings := stringsAt(path(r.Data, "events"), "id")
	if len(meetings) == 0 {
		t.Fatal("no events in Moscow")
	}
	for _, who := range []string{"witkoff", "putin"} {
		if got := stringsAt(path(r.Data, who, "events"), "id"); !slices.Contains(got, meetings[0]) {
			t.Errorf("%s's events %q do not include the Moscow meeting %s", who, got, meetings[0])
		}
	}
}

// TestSeedPaging walks every entity a page at a time.
func TestSeedPaging(t *testing.T) {
	s := seedSchema(t)
	seen := map[string]bool{}
	after, total := "", -1
	for range 100 {
		r := run(t, s, `query ($after: String) { entities(first: 7, after: $after) { totalCount edges { cursor node { id } } pageInfo { endCursor hasNextPage } } }`,
			map[string]any{"after": after})
		if len(r.Errors) > 0 {
			t.Fatalf("errors: %s", r.messages())
		}
		c := path(r.Data, "entities")
		total = int(path(c, "totalCount").(float64))
		for _, id := range stringsAt(path(c, "edges"), "node", "id") {
			if seen[id] {
				t.Fatalf("%s appears on two pages", id)
			}
			seen[id] = true
		}
		if path(c, "pageInfo", "hasNextPage") != true {
			break
		}
		after = path(c, "pageInfo", "endCursor").(string)
	}
	if len(seen) != total || total < 20 {
		t.Errorf("paged through %d entities, totalCount %d", len(seen), total)
	}
}

func TestSeedKrasnoarmeyskIsPokrovsk(t *testing.T) {
	r := run(t, seedSchema(t), `{ entity(name: "Krasnoarmeysk") { __typename name aliases type } }`, nil)
	if len(r.Errors) > 0 {
		t.Fatalf("errors: %s", r.messages())
	}
	e := path(r.Data, "entity")
	if got, want := path(e, "name"), "Pokrovsk"; got != want {
		t.Errorf("name=%v, want %v", got, want)
	}
	if got, want := path(e, "type"), "TERRITORY"; got != want {
		t.Errorf("type=%v, want %v", got, want)
	}
	if got, want := path(e, "__typename"), "Territory"; got != want {
		t.Errorf("__typename=%v, want %v", got, want)
	}
	if aliases := stringsAt(path(e, "aliases")); !containsFold(aliases, "Krasnoarmeysk") {
		t.Errorf("aliases=%q, want Krasnoarmeysk among them", aliases)
	}
}

func TestSeedPokrovskClaimDisputed(t *testing.T) {
	r := run(t, seedSchema(t), `{ claims(about: "Pokrovsk") { claimant { name } status disputedBy { name } } }`, nil)
	if len(r.Errors) > 0 {
		t.Fatalf("errors: %s", r.messages())
	}
	claims, _ := path(r.Data, "claims").([]any)
	for _, c := range claims {
		// The article: Russia claimed to have captured Pokrovsk; Ukrainian
		// officials denied it and open-source projects found the town not
		// fully secured. The disinformation centre questioned the motive
		// of the announcement, not the capture (seed audit E3).
		if !containsFold([]string{path(c, "claimant", "name").(string)}, "Russia") {
			continue
		}
		if got := path(c, "status"); got != "DISPUTED" {
			t.Errorf("status of Russia's claim=%v, want DISPUTED", got)
		}
		if got := stringsAt(path(c, "disputedBy"), "name"); !containsFold(got, "Ukraine") || !containsFold(got, "Open-source intelligence") || containsFold(got, "countering disinformation") {
			t.Errorf("disputedBy=%q, want Ukraine and the open-source projects, not the disinformation centre", got)
		}
		return
	}
	t.Fatalf("no claim about Pokrovsk by Russia among %v", claims)
}

func TestSeedConnectionKushnerPutin(t *testing.T) {
	r := run(t, seedSchema(t), `{ connection(from: "Kushner", to: "Putin", maxHops: 3) { from { id name } predicate to { id name } source { paragraph } } }`, nil)
	if len(r.Errors) > 0 {
		t.Fatalf("errors: %s", r.messages())
	}
	hops, ok := path(r.Data, "connection").([]any)
	if !ok || len(hops) == 0 || len(hops) > 3 {
		t.Fatalf("connection=%v, want 1 to 3 hops", path(r.Data, "connection"))
	}
	if got := path(hops, 0, "from", "name").(string); !strings.Contains(got, "Kushner") {
		t.Errorf("first hop from %q, want Kushner", got)
	}
	if got := path(hops, len(hops)-1, "to", "name").(string); !strings.Contains(got, "Putin") {
		t.Errorf("last hop to %q, want Putin", got)
	}
	for i := 1; i < len(hops); i++ {
		if a, b := path(hops, i-1, "to", "id"), path(hops, i, "from", "id"); a != b {
			t.Errorf("hop %d ends at %v but hop %d starts at %v", i-1, a, i, b)
		}
	}
}

func TestSeedUnknownEntity(t *testing.T) {
	s := seedSchema(t)
	for _, q := range []string{
		`{ positions(holder: "Atlantis") { id } }`,
		`{ entity(name: "Atlantis") { id } }`,
		`{ connection(from: "Kushner", to: "Atlantis") { predicate } }`,
	} {
		r := run(t, s, q, nil)
		if got := r.codes(); len(got) != 1 || got[0] != schema.CodeNotFound {
			t.Errorf("%s: error codes %q (%s), want [%s]", q, got, r.messages(), schema.CodeNotFound)
		}
		if !strings.Contains(r.messages(), `"Atlantis"`) {
			t.Errorf("%s: message %q does not name the unknown entity", q, r.messages())
		}
	}
}

// TestSeedExampleQueries runs the playground's examples on the seed: each
// must answer without errors and with something to show.
func TestSeedExampleQueries(t *testing.T) {
	s := seedSchema(t)
	for name, q := range exampleQueries(t) {
		t.Run(name, func(t *testing.T) {
			r := run(t, s, q, nil)
			if len(r.Errors) > 0 {
				t.Fatalf("errors: %s", r.messages())
			}
			for field, v := range r.Data {
				if l, ok := v.([]any); v == nil || ok && len(l) == 0 {
					t.Errorf("%s is empty", field)
				}
			}
		})
	}
}

// TestSeedBatching checks the loader against the real store: every
// position with its holder, topic and source costs a handful of calls.
func TestSeedBatching(t *testing.T) {
	c := &countingGraph{Graph: mustOpen(t)}
	r := run(t, mustSchema(t, c), `{ positions { holder { name } topic { name } source { paragraph } } }`, nil)
	if len(r.Errors) > 0 {
		t.Fatalf("errors: %s", r.messages())
	}
	n := len(path(r.Data, "positions").([]any))
	if n < 10 {
		t.Fatalf("%d positions in the seed, want at least 10 for this test to mean something", n)
	}
	if c.calls > 6 {
		t.Errorf("%d positions took %d store calls, want at most 6", n, c.calls)
	}
	t.Logf("%d positions: %d store calls", n, c.calls)
}

// countingGraph counts the batch calls the loader makes of a real store.
type countingGraph struct {
	schema.Graph
	calls int
}

func (c *countingGraph) Positions(ctx context.Context, f graph.PositionFilter) ([]graph.Position, error) {
	c.calls++
	return c.Graph.Positions(ctx, f)
}

func (c *countingGraph) EntitiesByIRI(ctx context.Context, iris []string) (map[string]*graph.Entity, error) {
	c.calls++
	return c.Graph.EntitiesByIRI(ctx, iris)
}

func (c *countingGraph) EntityHeaders(ctx context.Context, iris []string) (map[string]*graph.Entity, error) {
	c.calls++
	return c.Graph.EntityHeaders(ctx, iris)
}

func (c *countingGraph) SourcesByIRI(ctx context.Context, iris []string) (map[string]*graph.Source, error) {
	c.calls++
	return c.Graph.SourcesByIRI(ctx, iris)
}
