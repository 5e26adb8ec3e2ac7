package schema_test

import (
	"context"
	"encoding/json"
	"net/http"
	"os"
	"slices"
	"testing"

	"github.com/graphql-go/graphql/language/parser"
	"github.com/parley-kg/parley/graph"
	"github.com/parley-kg/parley/schema"
)

// The fixture of vocabulary v2 is graph's: ../graph/testdata/v2 (see
// graph/v2_test.go for what it holds). These tests ask for the fields of
// issue 11 through the schema.

// v2Store opens a memory store loaded with the v2 fixture.
func v2Store(tb testing.TB) *graph.Store {
	tb.Helper()
	ctx := context.Background()
	st, err := graph.Open(ctx, graph.Config{Backend: graph.BackendMemory})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { st.Close() })
	f, err := os.Open("../graph/testdata/v2/v2.nq")
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	if _, err := st.Load(ctx, "v2.nq", f); err != nil {
		tb.Fatal(err)
	}
	return st
}

// names returns the sorted names at key of each object of list.
func names(list any, keys ...any) []string {
	out := stringsAt(list, keys...)
	slices.Sort(out)
	return out
}

func TestV2Hierarchies(t *testing.T) {
	s := mustSchema(t, v2Store(t))
	for _, tc := range []struct {
		name, query string
		list, field []any
		want        []string
	}{
		{"HolderWithAffiliates", `{ positions(holder: "Russia") { holder { name } } }`,
			[]any{"positions"}, []any{"holder", "name"}, []string{"Kremlin", "Vladimir Putin"}},
		{"HolderDirect", `{ positions(holder: "Russia", direct: true) { holder { name } } }`,
			[]any{"positions"}, []any{"holder", "name"}, nil},
		{"SpeakerMatches", `{ positions(holder: "Dmitry Peskov", direct: true) { holder { name } } }`,
			[]any{"positions"}, []any{"holder", "name"}, []string{"Kremlin"}},
		{"TopicAndBelow", `{ positions(topic: "Territory") { topic { name } } }`,
			[]any{"positions"}, []any{"topic", "name"}, []string{"Donbas", "Territory"}},
		{"TopicDirect", `{ positions(topic: "Territory", direct: true) { topic { name } } }`,
			[]any{"positions"}, []any{"topic", "name"}, []string{"Territory"}},
		{"Outlook", `{ positions(outlook: OPTIMISTIC) { holder { name } } }`,
			[]any{"positions"}, []any{"holder", "name"}, []string{"Ukraine"}},
		{"ClaimantAffiliates", `{ claims(claimant: "Russia") { claimant { name } } }`,
			[]any{"claims"}, []any{"claimant", "name"}, []string{"Kremlin"}},
		{"ClaimantDirect", `{ claims(claimant: "Russia", direct: true) { claimant { name } } }`,
			[]any{"claims"}, []any{"claimant", "name"}, nil},
		{"ParticipantAffiliates", `{ events(participant: "United States") { name } }`,
			[]any{"events"}, []any{"name"}, []string{"Moscow meeting"}},
		{"ParticipantDirect", `{ events(participant: "United States", direct: true) { name } }`,
			[]any{"events"}, []any{"name"}, nil},
		{"Narrower", `{ entity(name: "Peace plan") { ... on Topic { narrower { name } } } }`,
			[]any{"entity", "narrower"}, []any{"name"}, []string{"Territory"}},
		{"Broader", `{ entity(name: "Donbas") { ... on Topic { broader { name } } } }`,
			[]any{"entity", "broader"}, []any{"name"}, []string{"Territory"}},
		{"Affiliates", `{ entity(name: "Russia") { affiliates { name } } }`,
			[]any{"entity", "affiliates"}, []any{"name"}, []string{"Kremlin", "Vladimir Putin"}},
		{"AffiliatedWith", `{ entity(name: "Dmitry Peskov") { affiliatedWith { name } } }`,
			[]any{"entity", "affiliatedWith"}, []any{"name"}, []string{"Kremlin"}},
		{"FormerRoleIsNoAffiliation", `{ entity(name: "Old Minister") { affiliatedWith { name } } }`,
			[]any{"entity", "affiliatedWith"}, []any{"name"}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := run(t, s, tc.query, nil)
			if len(r.Errors) > 0 {
				t.Fatal(r.messages())
			}
			got := names(path(r.Data, tc.list...), tc.field...)
			if want := slices.Compact(slices.Sorted(slices.Values(tc.want))); !slices.Equal(slices.Compact(got), want) {
				t.Errorf("got %v, want %v", got, want)
			}
		})
	}
}

func TestV2Qualifiers(t *testing.T) {
	s := mustSchema(t, v2Store(t))
	r := run(t, s, `{
	  kremlin: positions(holder: "Kremlin", topic: "Peace plan", direct: true) { stance outlook speaker { name } reported note }
	  putin: positions(holder: "Vladimir Putin") { stance occasion { name } }
	  wh: positions(holder: "White House") { stance reported note }
	  claims(claimant: "Ukraine") { rebuts { claimant { name } } supportedBy { claimant { name } } rebuttedBy { id } }
	  kremlinClaim: claims(claimant: "Kremlin") { speaker { name } reported rebuttedBy { claimant { name } } }
	  meeting: entity(name: "Moscow meeting") { ... on Event { status reported participants { name } attendance { participant { name } mode } } }
	  kallas: entity(name: "Kaja Kallas") { ... on Person { roles { title former note } } }
	  old: entity(name: "Old Minister") { ... on Person { roles { former } } }
	}`, nil)
	if len(r.Errors) > 0 {
		t.Fatal(r.messages())
	}
	for _, c := range []struct {
		path []any
		want any
	}{
		{[]any{"kremlin", 0, "stance"}, nil},
		{[]any{"kremlin", 0, "outlook"}, "SKEPTICAL"},
		{[]any{"kremlin", 0, "speaker", "name"}, "Dmitry Peskov"},
		{[]any{"kremlin", 0, "reported"}, false},
		{[]any{"putin", 0, "stance"}, "CONDITIONAL"},
		{[]any{"putin", 0, "occasion", "name"}, "Moscow meeting"},
		{[]any{"wh", 0, "reported"}, true},
		{[]any{"claims", 0, "rebuts", 0, "claimant", "name"}, "Kremlin"},
		{[]any{"claims", 0, "supportedBy", 0, "claimant", "name"}, "United States"},
		{[]any{"kremlinClaim", 0, "speaker", "name"}, "Dmitry Peskov"},
		{[]any{"kremlinClaim", 0, "reported"}, true},
		{[]any{"kremlinClaim", 0, "rebuttedBy", 0, "claimant", "name"}, "Ukraine"},
		{[]any{"meeting", "status"}, "HELD"},
		{[]any{"kallas", "roles", 0, "title"}, "foreign policy chief"},
		{[]any{"kallas", "roles", 0, "former"}, false},
		{[]any{"old", "roles", 0, "former"}, true},
	} {
		if got := path(r.Data, c.path...); got != c.want {
			t.Errorf("%v = %v, want %v", c.path, got, c.want)
		}
	}
	if note, _ := path(r.Data, "kallas", "roles", 0, "note").(string); note == "" {
		t.Error("Kallas's role has no note")
	}
	modes := map[string]string{}
	for _, a := range path(r.Data, "meeting", "attendance").([]any) {
		modes[path(a, "participant", "name").(string)] = path(a, "mode").(string)
	}
	if want := map[string]string{"Vladimir Putin": "ATTENDED", "White House": "VIRTUAL", "Ukraine": "EXPECTED"}; !mapsEqual(modes, want) {
		t.Errorf("attendance = %v, want %v", modes, want)
	}
	if got := names(path(r.Data, "meeting", "participants"), "name"); len(got) != 3 {
		t.Errorf("participants = %v, want all three modes", got)
	}
}

func mapsEqual(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

func TestV2EvidenceAndDocuments(t *testing.T) {
	st := v2Store(t)
	s := mustSchema(t, st)
	const q = `{
	  positions(holder: "Kremlin", direct: true, topic: "Peace plan") { evidence { source { paragraph } sentence start end sha256 text } }
	  events(participant: "Vladimir Putin") { evidence { sentence text } }
	  claims(claimant: "Kremlin") { evidence { start } }
	  entity(name: "Crimea") { relations(predicate: "annexed") { other { name } evidence { start end text } } }
	  source(id: "https://w3id.org/parley/source/v2doc/p3") { paragraph text document { title publisher published url author file sha256 registered note } }
	}`
	r := run(t, s, q, nil)
	if len(r.Errors) > 0 {
		t.Fatal(r.messages())
	}
	ev := path(r.Data, "positions", 0, "evidence", 0)
	for k, want := range map[string]any{"sentence": 2.0, "start": 70.0, "end": 121.0, "text": nil} {
		if got := path(ev, k); got != want {
			t.Errorf("position evidence %s = %v, want %v", k, got, want)
		}
	}
	if got := path(ev, "source", "paragraph"); got != 2.0 {
		t.Errorf("evidence paragraph = %v, want 2", got)
	}
	if got := path(r.Data, "claims", 0, "evidence", 0, "start"); got != 70.0 {
		t.Errorf("claim evidence start = %v, want 70", got)
	}
	if got := path(r.Data, "entity", "relations", 0, "evidence", 0, "start"); got == nil {
		t.Error("the annexation has no evidence")
	}
	if got := path(r.Data, "source", "text"); got != nil {
		t.Errorf("source text = %v before the document is registered, want null", got)
	}
	doc := path(r.Data, "source", "document")
	if path(doc, "registered") != false || path(doc, "file") != "v2doc.txt" || path(doc, "publisher") != nil || path(doc, "note") == nil {
		t.Errorf("document = %v; want unregistered, its file, no publisher, a note", doc)
	}

	if _, err := st.RegisterDocuments(context.Background(), os.DirFS("../graph/testdata/v2/docs")); err != nil {
		t.Fatal(err)
	}
	r = run(t, s, q, nil)
	if len(r.Errors) > 0 {
		t.Fatal(r.messages())
	}
	for _, c := range []struct {
		path []any
		want any
	}{
		{[]any{"positions", 0, "evidence", 0, "text"}, "The Kremlin spokesman said Moscow doubted the plan."},
		{[]any{"events", 0, "evidence", 0, "text"}, "Putin met envoys in Moscow on Tuesday."},
		{[]any{"entity", "relations", 0, "evidence", 0, "text"}, "Russia annexed Crimea in 2014"},
		{[]any{"source", "text"}, "Putin met envoys in Moscow on Tuesday. He said territory could be discussed."},
		{[]any{"source", "document", "registered"}, true},
	} {
		if got := path(r.Data, c.path...); got != c.want {
			t.Errorf("%v = %v, want %v", c.path, got, c.want)
		}
	}
}

// TestV2MetonymExtension checks that an actor argument naming a seat of
// government answers for its government and says so in
// extensions.resolutions, through the handler (by graphql-go, then by the
// cached document's plan) and through Execute, while entity(name:) still returns the place.
func TestV2MetonymExtension(t *testing.T) {
	s := mustSchema(t, v2Store(t))
	want := map[string]any{"argument": "holder", "name": "Washington", "place": graph.IDBase + "washington",
		"resolvedTo": graph.IDBase + "united-states", "resolvedName": "United States", "via": graph.PredSeatOfGovernment}
	const q = `{ positions(holder: "Washington") { holder { name } } entity(name: "Washington") { __typename name } }`

	h := schema.Handler(s, schema.HandlerOptions{})
	for i := range 2 { // the second request runs the cached document's plan
		w := do(h, post(gqlBody(q), ""))
		if w.Code != http.StatusOK {
			t.Fatalf("status %d: %s", w.Code, w.Body)
		}
		var body struct {
			Data       map[string]any `json:"data"`
			Extensions struct {
				Resolutions []map[string]any `json:"resolutions"`
			} `json:"extensions"`
		}
		if err := json.Unmarshal(w.Body.Bytes(), &body); err != nil {
			t.Fatal(err)
		}
		if got := body.Extensions.Resolutions; len(got) != 1 || !anyMapsEqual(got[0], want) {
			t.Errorf("request %d: resolutions = %v, want [%v]", i, got, want)
		}
		if got := names(path(body.Data, "positions"), "holder", "name"); !slices.Equal(got, []string{"White House"}) {
			t.Errorf("request %d: holders = %v, want the White House", i, got)
		}
		if got := path(body.Data, "entity", "__typename"); got != "Territory" {
			t.Errorf("request %d: entity(name: Washington) is a %v, want the Territory", i, got)
		}
	}

	res := schema.Execute(context.Background(), s, q, nil)
	rs, _ := res.Extensions["resolutions"].([]any)
	if len(rs) != 1 {
		t.Fatalf("Execute extensions = %v, want one resolution", res.Extensions)
	}
	if got, _ := rs[0].(map[string]any); !anyMapsEqual(got, want) {
		t.Errorf("Execute resolution = %v, want %v", got, want)
	}

	// No metonym, no extensions.
	w := do(h, post(gqlBody(`{ positions(holder: "United States") { holder { name } } }`), ""))
	var body map[string]any
	if err := json.Unmarshal(w.Body.Bytes(), &body); err != nil {
		t.Fatal(err)
	}
	if _, ok := body["extensions"]; ok {
		t.Errorf("a plain holder has extensions: %s", w.Body)
	}
}

func anyMapsEqual(a, b map[string]any) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

// TestV2PlanMatchesGraphQLGo checks that the fields vocabulary v2 adds
// answer alike by the plan executor and by graphql-go on the v2 fixture,
// extensions.resolutions included (the seed's cases are in
// [heldOutCases]).
func TestV2PlanMatchesGraphQLGo(t *testing.T) {
	s := mustSchema(t, v2Store(t))
	ctx := context.Background()
	for _, q := range []string{
		`{ entity(name: "Russia") { name affiliates { name affiliates { name } } } }`,
		`{ topics { name ... on Topic { narrower { name } broader { name } } } }`,
		`{ positions(holder: "Washington") { holder { name } outlook evidence { start end text source { text document { id registered } } } } }`,
		`{ events { name status attendance { mode participant { name } } evidence { sentence } } }`,
	} {
		doc, err := parser.Parse(parser.ParseParams{Source: q})
		if err != nil {
			t.Fatal(err)
		}
		d := schema.NewDocument(doc)
		if !schema.Planned(s, d, "") {
			t.Fatalf("%s: no plan", q)
		}
		plan, gql := schema.ExecuteDocument(ctx, s, d, "", nil), schema.ExecuteGraphQLGo(ctx, s, d, "", nil)
		if len(plan.Errors) > 0 || len(gql.Errors) > 0 {
			t.Fatalf("%s: %v %v", q, plan.Errors, gql.Errors)
		}
		if a, b := canonicalResult(t, plan), canonicalResult(t, gql); a != b {
			t.Errorf("%s: plan %s\ngraphql-go %s", q, a, b)
		}
	}
}

// v2Counting counts the reads of vocabulary v2's batches.
type v2Counting struct {
	*graph.Store
	calls map[string]int
}

func (c *v2Counting) NarrowerOf(ctx context.Context, iris []string) (map[string][]string, error) {
	c.calls["NarrowerOf"]++
	return c.Store.NarrowerOf(ctx, iris)
}

func (c *v2Counting) AffiliatesOf(ctx context.Context, iris []string) (map[string][]string, error) {
	c.calls["AffiliatesOf"]++
	return c.Store.AffiliatesOf(ctx, iris)
}

func (c *v2Counting) SpansByIRI(ctx context.Context, iris []string) (map[string]*graph.Span, error) {
	c.calls["SpansByIRI"]++
	return c.Store.SpansByIRI(ctx, iris)
}

func (c *v2Counting) DocumentsByIRI(ctx context.Context, iris []string) (map[string]*graph.Document, error) {
	c.calls["DocumentsByIRI"]++
	return c.Store.DocumentsByIRI(ctx, iris)
}

// TestV2Batched checks that the v2 fields of a list load in one call per
// level of the query, whatever the list's length: the links of every
// topic or actor of the response, and the spans and documents of every
// value that refers to them.
func TestV2Batched(t *testing.T) {
	for _, c := range []struct {
		name, query, list string
		want              map[string]int
	}{
		{"Narrower", `{ topics { name ... on Topic { narrower { name ... on Topic { narrower { name } } } } } }`, "topics",
			map[string]int{"NarrowerOf": 1}}, // the narrower topics are among the topics, asked already
		{"Affiliates", `{ positions { holder { affiliates { name affiliates { name } } } } }`, "positions",
			map[string]int{"AffiliatesOf": 2}},
		{"Evidence", `{ positions { evidence { start source { paragraph document { title } } } } }`, "positions",
			map[string]int{"SpansByIRI": 1, "DocumentsByIRI": 1}},
		{"EventEvidence", `{ events { evidence { start } } claims { evidence { end } } }`, "events",
			map[string]int{"SpansByIRI": 2}},
	} {
		t.Run(c.name, func(t *testing.T) {
			g := &v2Counting{Store: mustOpen(t), calls: map[string]int{}}
			r := run(t, mustSchema(t, g), c.query, nil)
			if len(r.Errors) > 0 {
				t.Fatal(r.messages())
			}
			if items, _ := path(r.Data, c.list).([]any); len(items) < 10 {
				t.Fatalf("the seed has %d %s: too few for the count to mean anything", len(items), c.list)
			}
			for k, want := range c.want {
				if got := g.calls[k]; got != want {
					t.Errorf("%s calls = %d, want %d", k, got, want)
				}
			}
		})
	}
}
