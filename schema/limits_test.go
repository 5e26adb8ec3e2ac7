package schema

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/parley-kg/parley/graph"
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
			want: "max-cost 5000: the operation costs 5501"},
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

// A fragment chain that expands to 2^60 fields is measured in linear
// time, before graphql-go validates it; a cached document is measured
// again with each request's variables; limits given are applied.
func TestLimitsHandler(t *testing.T) {
	h := newLimitedHandler(t, Limits{})
	var b strings.Builder
	b.WriteString("{ topics { ...F60 } }\nfragment F0 on Topic { name }\n")
	for i := 1; i <= 60; i++ {
		fmt.Fprintf(&b, "fragment F%d on Topic { ...F%d ...F%d }\n", i, i-1, i-1)
	}
	start := time.Now()
	if res := serve(t, h, b.String(), nil); !strings.Contains(res, "max-cost 5000: the operation costs more than") {
		t.Errorf("2^60 chain: %s", res)
	}
	if d := time.Since(start); d > time.Second {
		t.Errorf("2^60 chain took %v", d)
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
