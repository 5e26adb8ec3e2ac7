package schema

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/graphql-go/graphql/language/ast"
	"github.com/parley-kg/parley/graph"
	"github.com/parley-kg/parley/seed"
)

// The lexical pass counts tokens as GraphQL's lexer does: not comments,
// commas or what is inside strings.
func TestLimitsScan(t *testing.T) {
	tests := []struct {
		name, query     string
		tokens, nesting int
		directives      int
		wantLimit       string // "" when within the defaults
	}{
		{name: "Simple", query: `{ topics { name } }`, tokens: 6, nesting: 2},
		{name: "CommentsAndCommas", query: "# { { {\n{ a, b, c }", tokens: 5, nesting: 1},
		{name: "BracketsInStrings", query: `{ entity(name: "{[(") { name } }`, tokens: 11, nesting: 2},
		{name: "EscapedQuote", query: `{ entity(name: "a\"{{{") { name } }`, tokens: 11, nesting: 2},
		{name: "BlockString", query: "{ search(text: \"\"\"{{{\\\"\"\"{{\"\"\") { name } }", tokens: 11, nesting: 2},
		{name: "UnterminatedString", query: `{ entity(name: "{{{`, tokens: 6, nesting: 2},
		{name: "Spread", query: `{ ...F } fragment F on Query { __typename }`, tokens: 11, nesting: 1},
		{name: "Numbers", query: `{ search(text: "a", first: -1.5e+3) { name } }`, tokens: 14, nesting: 2},
		{name: "Directives", query: `{ a @skip(if: true) @include(if: false) }`, tokens: 17, nesting: 2, directives: 2},
		{name: "ByteOrderMark", query: "\xEF\xBB\xBF{ a }", tokens: 3, nesting: 1},
		{name: "InvalidBytes", query: "{ \xff\xfe }", tokens: 4, nesting: 1},
		{name: "TooManyTokens", query: strings.Repeat("a ", 1001), tokens: 1001, wantLimit: "max-tokens"},
		{name: "TooDeep", query: strings.Repeat("[", 21), tokens: 20, nesting: 21, wantLimit: "max-depth"},
		{name: "ClosersDoNotGoNegative", query: strings.Repeat("}", 30) + strings.Repeat("{", 20), tokens: 50, nesting: 20},
		{name: "TooManyDirectives", query: strings.Repeat("@a ", 51), tokens: 100, directives: 51, wantLimit: "max-directives"},
	}
	limits := Limits{}.withDefaults()
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, errs := limits.scan(tc.query)
			want := lexed{tokens: tc.tokens, nesting: tc.nesting, directives: tc.directives}
			if got != want {
				t.Errorf("got %+v, want %+v", got, want)
			}
			switch {
			case tc.wantLimit == "" && errs != nil:
				t.Errorf("rejected: %v", errs[0].Message)
			case tc.wantLimit != "" && (errs == nil || errs[0].Extensions["limit"] != tc.wantLimit):
				t.Errorf("got %+v, want a %s error", errs, tc.wantLimit)
			}
		})
	}
}

// newLimitedHandler returns a handler over an empty memory store.
func newLimitedHandler(t *testing.T, limits Limits) *handler {
	t.Helper()
	g, err := graph.Open(context.Background(), graph.Config{Backend: graph.BackendMemory})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { g.Close() })
	s, err := New(g, Options{})
	if err != nil {
		t.Fatal(err)
	}
	return Handler(s, HandlerOptions{Limits: limits}).(*handler)
}

// The structural pass measures operations after fragment expansion, with
// first arguments from literals, variables, variable defaults and the
// schema's defaults.
func TestLimitsMeasure(t *testing.T) {
	h := newLimitedHandler(t, Limits{})
	tests := []struct {
		name, query string
		vars        map[string]any
		want        string // substring of the error; "" for none
	}{
		{name: "Small", query: `{ topics { name } }`},
		{name: "FirstDefault", query: `{ quads { subject predicate object label } }`}, // 1 + 100 × 4
		{name: "FirstLiteral", query: `{ entities(first: 500) { nodes { id name type } } }`},
		{name: "FirstTooCostly", query: `{ entities(first: 500) { nodes { id name type aliases description sameAs positions { id } sources { id } } } }`,
			want: fmt.Sprintf("max-cost 5000: the operation costs %d", cost(500, cost(1, 6+2*cost(UnpagedListItems, 1))))},
		{name: "FirstVariable", query: `query ($n: Int) { quads(first: $n) { subject } }`, vars: map[string]any{"n": 6000.0},
			want: "max-cost 5000: the operation costs 6001"},
		{name: "FirstVariableSmall", query: `query ($n: Int) { quads(first: $n) { subject } }`, vars: map[string]any{"n": 10.0}},
		{name: "FirstVariableDefault", query: `query ($n: Int = 6000) { quads(first: $n) { subject } }`,
			want: "max-cost 5000"},
		{name: "FirstNegative", query: `{ quads(first: -5) { subject } }`},
		{name: "NestedFirst", query: `{ search(text: "a", first: 100) { ... on Person { name } aliases } entities(first: 100) { nodes { name } } }`},
		{name: "DepthTen", query: "{ __schema " + strings.Repeat("{ types ", 8) + "{ name }" + strings.Repeat(" }", 9)},
		{name: "DepthEleven", query: "{ __schema " + strings.Repeat("{ types ", 9) + "{ name }" + strings.Repeat(" }", 10),
			want: "max-depth 10: fields nest 11 deep"},
		{name: "OfTypeDoesNotCount", query: "{ __schema { types { fields { type " + strings.Repeat("{ ofType ", 9) + "{ name }" + strings.Repeat(" }", 9) + " } } } }"},
		{name: "DepthThroughInlineFragments", query: "{ __schema " + strings.Repeat("{ ... on __Schema { types ", 9) + "{ name }" + strings.Repeat(" } }", 9) + " }",
			want: "max-depth 10"},
		{name: "AliasesInFragments", query: `{ topics { ...A ...A } } fragment A on Topic { ` + aliasList(8) + ` }`,
			want: "max-aliases 15: the operation has 16 aliases"},
		{name: "RootFieldsThroughFragments", query: `{ ...R ...R } fragment R on Query { ` + strings.Repeat("__typename ", 6) + `}`,
			want: "max-root-fields 10: the operation selects 12 root fields"},
		{name: "EveryOperationChecked", query: `query A { topics { name } } query B { ` + strings.Repeat("__typename ", 11) + `}`,
			want: "operation B selects 11"},
		{name: "UnknownFragment", query: `{ topics { ...Nowhere } }`, want: "Unknown fragment"},
		{name: "Cycle", query: `{ topics { ...A } } fragment A on Topic { ...B } fragment B on Topic { ...C } fragment C on Topic { ...A }`,
			want: "fragment cycle: A → B → C → A"},
		{name: "CycleUnused", query: `{ topics { name } } fragment A on Topic { ...A }`, want: "fragment cycle: A → A"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res := serve(t, h, tc.query, tc.vars)
			switch {
			case tc.want == "" && strings.Contains(res, CodeLimitExceeded):
				t.Errorf("rejected: %s", res)
			case tc.want != "" && !strings.Contains(res, tc.want):
				t.Errorf("got %s, want an error with %q", res, tc.want)
			}
		})
	}
}

// aliasList returns n aliases of name.
func aliasList(n int) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, "n%d: name ", i)
	}
	return b.String()
}

// serve posts query with vars to h and returns the response body.
func serve(t *testing.T, h *handler, query string, vars map[string]any) string {
	t.Helper()
	body, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	req := httptest.NewRequest("POST", "/graphql", strings.NewReader(string(body)))
	req.Header.Set("Content-Type", "application/json")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if !json.Valid(rec.Body.Bytes()) {
		t.Fatalf("response is not JSON: %s", rec.Body)
	}
	return rec.Body.String()
}

// A fragment chain that expands to 2^60 fields is measured, once per
// fragment, before graphql-go validates it (without memoising, this test
// would not end); a cached document is measured
// again with each request's variables; limits given are applied.
func TestLimitsHandler(t *testing.T) {
	h := newLimitedHandler(t, Limits{})
	var b strings.Builder
	b.WriteString("{ topics { ...F60 } }\nfragment F0 on Topic { name }\n")
	for i := 1; i <= 60; i++ {
		fmt.Fprintf(&b, "fragment F%d on Topic { ...F%d ...F%d }\n", i, i-1, i-1)
	}
	if res := serve(t, h, b.String(), nil); !strings.Contains(res, "max-cost 5000: the operation costs more than") {
		t.Errorf("2^60 chain: %s", res)
	}

	q := `query ($n: Int) { quads(first: $n) { subject } }`
	if res := serve(t, h, q, map[string]any{"n": 1.0}); strings.Contains(res, "errors") {
		t.Fatalf("small first: %s", res)
	}
	if h.cache.get(q) == nil {
		t.Fatal("document not cached")
	}
	if res := serve(t, h, q, map[string]any{"n": 1e6}); !strings.Contains(res, "max-cost") {
		t.Errorf("cached document, large first: %s", res)
	}

	tight := newLimitedHandler(t, Limits{MaxDepth: 2, MaxTokens: 10})
	for query, want := range map[string]string{
		`{ a { b { c } } }`:         "max-depth 2: fields nest 3 deep",
		`{ a b c d e f g h i j k }`: "max-tokens 10",
		`{ a { b { c { d } } } }`:   "max-tokens 10",
	} {
		if res := serve(t, tight, query, nil); !strings.Contains(res, want) {
			t.Errorf("%s: got %s, want %q", query, res, want)
		}
	}
}

// cost is the cost of a field whose selection costs sel, counted n times.
func cost(n, sel int) int { return 1 + n*sel }

// A list field costs by how many items it may return: its first argument,
// or when the query leaves first out, the page size its resolver uses;
// unpaged lists by UnpagedListItems; a page's own lists once. Each query
// that is rejected is accepted with a small first, or without its unpaged
// lists: it crosses the limit because of the counts a query does not spell
// out.
func TestLimitsListCosts(t *testing.T) {
	h := newLimitedHandler(t, Limits{})
	s := h.schema
	firsts := s.costs.firsts
	const (
		leaf = 1
		u    = UnpagedListItems
	)
	// relations { other { relations { predicate } } }
	relRel := cost(u, cost(1, cost(u, leaf)))
	// positions { holder { name relations { predicate } positions { summary } sources { id } } }
	posHolder := cost(u, cost(1, leaf+3*cost(u, leaf)))
	tests := []struct {
		name, query string
		cost        int  // the operation's cost
		rejected    bool // over the default max-cost
	}{
		{name: "EntitiesDefaultPage", query: `{ entities { nodes { relations { other { relations { predicate } } } } } }`,
			cost: cost(graph.DefaultPageSize, cost(1, relRel)), rejected: true},
		{name: "EntitiesSmallPage", query: `{ entities(first: 20) { nodes { relations { other { relations { predicate } } } } } }`,
			cost: cost(20, cost(1, relRel))},
		{name: "SearchDefaultFirst", query: `{ search(text: "a") { positions { holder { name relations { predicate } positions { summary } sources { id } } } } }`,
			cost: cost(firsts["search"], posHolder), rejected: true},
		{name: "SearchSmallFirst", query: `{ search(text: "a", first: 10) { positions { holder { name relations { predicate } positions { summary } sources { id } } } } }`,
			cost: cost(10, posHolder)},
		{name: "QuadsDefaultFirst", query: `{ quads { subject predicate object label } }`, cost: cost(firsts["quads"], 4*leaf)},
		{name: "UnpagedNested", query: `{ topics { positionsOn { holder { relations { other { relations { predicate } } } } } } }`,
			cost: cost(u, cost(u, cost(1, relRel))), rejected: true},
		{name: "UnpagedShallow", query: `{ topics { positionsOn { holder { name } } } }`, cost: cost(u, cost(u, cost(1, leaf)))},
		{name: "RolesAndAliases", query: `{ entity(name: "Putin") { aliases sameAs ... on Person { roles { title of { name } } } } }`,
			cost: cost(1, 2*leaf+cost(u, leaf+cost(1, leaf)))},
		{name: "ConnectionMaxHopsDefault", query: `{ connection(from: "Kushner", to: "Putin") { from { name } to { name } } }`,
			cost: cost(4, 2*cost(1, leaf))},
		{name: "ConnectionMaxHops", query: `{ connection(from: "Kushner", to: "Putin", maxHops: 8) { from { name } to { name } } }`,
			cost: cost(8, 2*cost(1, leaf))},
		{name: "PageListsCountOnce", query: `{ entities(first: 100) { totalCount nodes { name } edges { cursor node { name } } } }`,
			cost: cost(100, leaf+cost(1, leaf)+cost(1, leaf+cost(1, leaf)))},
	}
	limits := Limits{}.withDefaults()
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			doc, err := parse(tc.query)
			if err != nil {
				t.Fatal(err)
			}
			op := doc.Definitions[0].(*ast.OperationDefinition)
			sh, err := measureOperation(op, nil, nil, costs{firsts: firsts})
			if err != nil {
				t.Fatal(err)
			}
			if sh.cost != tc.cost {
				t.Errorf("cost %d, want %d", sh.cost, tc.cost)
			}
			if got := sh.cost > limits.MaxCost; got != tc.rejected {
				t.Errorf("cost %d over max-cost %d: %v, want %v", sh.cost, limits.MaxCost, got, tc.rejected)
			}
			res := serve(t, h, tc.query, nil)
			want := fmt.Sprintf("query exceeds max-cost %d: the operation costs %d", limits.MaxCost, tc.cost)
			switch {
			case tc.rejected && (!strings.Contains(res, want) || !strings.Contains(res, `"limit":"max-cost","max":5000`)):
				t.Errorf("got %s, want %q with the limit and its value", res, want)
			case !tc.rejected && strings.Contains(res, CodeLimitExceeded):
				t.Errorf("rejected: %s", res)
			}
		})
	}
}

// The count the cost gives a list whose first is left out is the number
// of items its resolver returns, on a graph that holds more.
func TestLimitsDefaultsAreResolverPageSizes(t *testing.T) {
	ctx := context.Background()
	g, err := graph.Open(ctx, graph.Config{Backend: graph.BackendMemory})
	if err != nil {
		t.Fatal(err)
	}
	defer g.Close()
	if _, err := g.LoadFS(ctx, seed.FS); err != nil {
		t.Fatal(err)
	}
	s, err := New(g, Options{})
	if err != nil {
		t.Fatal(err)
	}
	firsts := s.costs.firsts
	if firsts["entities"] != graph.DefaultPageSize {
		t.Errorf("entities counts %d, want graph.DefaultPageSize %d", firsts["entities"], graph.DefaultPageSize)
	}
	most := fmt.Sprint(DefaultMaxFirst)
	tests := []struct {
		field, query string
		all          string // the same query asking for as many as it may
		items        func(data map[string]any) int
	}{
		{"entities", `{ entities { nodes { id } } }`, `{ entities(first: ` + most + `) { nodes { id } } }`,
			func(d map[string]any) int { return len(d["entities"].(map[string]any)["nodes"].([]any)) }},
		{"quads", `{ quads { subject } }`, `{ quads(first: ` + most + `) { subject } }`,
			func(d map[string]any) int { return len(d["quads"].([]any)) }},
		{"hits", `{ hits(text: "russia") { score } }`, `{ hits(text: "russia", first: ` + most + `) { score } }`,
			func(d map[string]any) int { return len(d["hits"].([]any)) }},
	}
	for _, tc := range tests {
		t.Run(tc.field, func(t *testing.T) {
			r := Execute(ctx, s, tc.query, nil)
			if len(r.Errors) > 0 {
				t.Fatal(r.Errors)
			}
			data := r.Data.(map[string]any)
			big := Execute(ctx, s, tc.all, nil)
			if len(big.Errors) > 0 {
				t.Fatal(big.Errors)
			}
			all := tc.items(big.Data.(map[string]any))
			if all <= firsts[tc.field] {
				t.Fatalf("the seed has %d items for %s, not more than its default page of %d: the test proves nothing", all, tc.field, firsts[tc.field])
			}
			if got := tc.items(data); got != firsts[tc.field] {
				t.Errorf("%s without first returned %d items; the cost counts %d", tc.field, got, firsts[tc.field])
			}
		})
	}
}
