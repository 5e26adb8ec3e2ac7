package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/parley-kg/parley/schema"
)

// repeatReader yields its byte forever.
type repeatReader byte

func (r repeatReader) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = byte(r)
	}
	return len(p), nil
}

// gqlBody returns the JSON body of a GraphQL request.
func gqlBody(query string, vars map[string]any) func() io.Reader {
	b, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	return func() io.Reader { return bytes.NewReader(b) }
}

// rawBody returns a fixed body.
func rawBody(s string) func() io.Reader { return func() io.Reader { return strings.NewReader(s) } }

// nested returns n copies of open, then middle, then n copies of closing.
func nested(open, middle, closing string, n int) string {
	return strings.Repeat(open, n) + middle + strings.Repeat(closing, n)
}

// fragmentChain returns a query whose fragment Fn spreads Fn-1 twice, so
// that topics selects 2^n fields once fragments are expanded.
func fragmentChain(n int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "{ topics { ...F%d } }\nfragment F0 on Topic { name }\n", n)
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&b, "fragment F%d on Topic { ...F%d ...F%d }\n", i, i-1, i-1)
	}
	return b.String()
}

// aliases returns a selection of n aliases of field.
func aliases(n int, field string) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, "a%d: %s ", i, field)
	}
	return b.String()
}

// Hostile inputs through the real HTTP server: each gets a clear error
// naming what it broke (and the limit's value), and the server answers the
// next good query.
func TestHostileInputs(t *testing.T) {
	cfg := serveConfig{corsOrigins: []string{"*"}, queryTimeout: 2 * time.Second, queryLimit: 100, maxBody: 1 << 20, maxConcurrent: 8}
	ts := newTestServerWith(t, cfg)
	const gql = "application/json"
	tests := []struct {
		name        string
		path        string // default /graphql
		contentType string // default application/json
		body        func() io.Reader
		wantStatus  int
		want        []string // substrings of the response body
	}{
		{name: "MalformedJSON", body: rawBody(`{"query": "{ topics { name } }"`),
			wantStatus: 400, want: []string{"not a JSON object", "BAD_REQUEST"}},
		{name: "JSONArray", body: rawBody(`[{"query": "{ topics { name } }"}]`),
			wantStatus: 400, want: []string{"not a JSON object"}},
		{name: "QueryNotString", body: rawBody(`{"query": 42}`), wantStatus: 400, want: []string{"query must be a string"}},
		{name: "VariablesNotObject", body: rawBody(`{"query": "{ topics { name } }", "variables": [1]}`),
			wantStatus: 400, want: []string{"variables must be a JSON object"}},
		{name: "EmptyBody", body: rawBody(``), wantStatus: 400, want: []string{"not a JSON object"}},
		{name: "TextPlain", contentType: "text/plain", body: rawBody(`{ topics { name } }`),
			wantStatus: 415, want: []string{"unsupported content type", "application/json"}},
		{name: "FormEncoded", contentType: "application/x-www-form-urlencoded", body: rawBody(`query=%7B%7D`),
			wantStatus: 415, want: []string{"unsupported content type"}},
		{name: "Latin1Charset", contentType: "application/json; charset=iso-8859-1", body: gqlBody(`{ topics { name } }`, nil),
			wantStatus: 415, want: []string{"unsupported charset"}},
		{name: "InvalidUTF8InName", body: rawBody("{\"query\": \"{ entity(name: \\\"\xff\xfe\\\") { name } }\"}"),
			wantStatus: 200, want: []string{"NOT_FOUND"}},
		{name: "InvalidUTF8InDocument", body: rawBody("{\"query\": \"{ \xff\xfe }\"}"),
			wantStatus: 200, want: []string{"Syntax Error", "GRAPHQL_PARSE_FAILED"}},
		{name: "Body100MB", body: func() io.Reader { return io.LimitReader(repeatReader('['), 100<<20) },
			wantStatus: 413, want: []string{"larger than 1048576 bytes"}},
		{name: "Brackets4MB", body: func() io.Reader {
			return io.MultiReader(strings.NewReader(`{"query":"`), io.LimitReader(repeatReader('['), 4<<20), strings.NewReader(`"}`))
		}, wantStatus: 413, want: []string{"larger than 1048576 bytes"}},
		{name: "BracketsUnderBodyLimit", body: gqlBody(strings.Repeat("[", 900<<10), nil),
			wantStatus: 200, want: []string{"max-depth 10", "brackets nest more than 20 deep", schema.CodeLimitExceeded}},
		{name: "Nested10000", body: gqlBody(nested("{a", "", "}", 10000), nil),
			wantStatus: 200, want: []string{"max-depth 10", "brackets nest"}},
		{name: "Depth11", body: gqlBody("{ __schema "+nested("{ types { fields { type ", "{ name }", "} } }", 3)+" }", nil),
			wantStatus: 200, want: []string{"max-depth 10", "fields nest 11 deep"}},
		{name: "DepthThroughFragments", body: gqlBody(`{ entity(name: "Pokrovsk") { ...A } }
fragment A on Entity { relations { other { ...B } } }
fragment B on Entity { relations { other { ...C } } }
fragment C on Entity { relations { other { ...D } } }
fragment D on Entity { relations { other { ...E } } }
fragment E on Entity { relations { other { name } } }`, nil),
			wantStatus: 200, want: []string{"max-depth 10", "fields nest 12 deep"}},
		{name: "AliasBomb", body: gqlBody("{ topics { "+aliases(200, "name")+"} }", nil),
			wantStatus: 200, want: []string{"max-aliases 15", "has 200 aliases"}},
		{name: "RootFields", body: gqlBody("{ "+strings.Repeat("__typename ", 11)+"}", nil),
			wantStatus: 200, want: []string{"max-root-fields 10", "selects 11 root fields"}},
		{name: "TokenBomb", body: gqlBody("{ topics { "+strings.Repeat("name ", 1000)+"} }", nil),
			wantStatus: 200, want: []string{"max-tokens 1000", "more than 1000 tokens"}},
		{name: "DirectiveBomb", body: gqlBody("{ __typename "+strings.Repeat("@skip(if: false) ", 51)+"}", nil),
			wantStatus: 200, want: []string{"max-directives 50"}},
		{name: "FragmentCycle", body: gqlBody(`{ topics { ...A } } fragment A on Topic { name ...B } fragment B on Topic { ...A }`, nil),
			wantStatus: 200, want: []string{"fragment cycle: A → B → A", "GRAPHQL_VALIDATION_FAILED"}},
		{name: "FragmentSelfSpread", body: gqlBody(`{ topics { ...A } } fragment A on Topic { ...A }`, nil),
			wantStatus: 200, want: []string{"fragment cycle: A → A"}},
		{name: "FragmentChain2To20", body: gqlBody(fragmentChain(20), nil),
			// topics is an unpaged list: its 2^20 fields count once per item it may hold.
			wantStatus: 200, want: []string{"max-cost 5000", fmt.Sprintf("costs %d", 1+schema.UnpagedListItems<<20)}},
		{name: "HugeFirst", body: gqlBody(`{ entities(first: 1000000000) { nodes { name } } }`, nil),
			wantStatus: 200, want: []string{"max-cost 5000"}},
		{name: "HugeFirstOverflow", body: gqlBody(`{ search(text: "a", first: 99999999999999999999999) { name } }`, nil),
			wantStatus: 200, want: []string{"max-cost 5000"}},
		{name: "HugeFirstVariable", body: gqlBody(`query ($n: Int) { quads(first: $n) { subject predicate object label } }`, map[string]any{"n": 1e9}),
			wantStatus: 200, want: []string{"max-cost 5000"}},
		{name: "FirstOverMaxFirst", body: gqlBody(`{ search(text: "a", first: 1000) { name } }`, nil),
			wantStatus: 200, want: []string{"BAD_USER_INPUT"}},
		{name: "SearchRegexLike", body: gqlBody(`query ($t: String!) { hits(text: $t) { score } }`, map[string]any{"t": "/(a|b)*.*.*c+$/"}),
			wantStatus: 200, want: []string{"BAD_USER_INPUT", "a star may only end a word"}},
		{name: "SearchWildcardLike", body: gqlBody(`query ($t: String!) { search(text: $t) { name } }`, map[string]any{"t": "*?*"}),
			wantStatus: 200, want: []string{"BAD_USER_INPUT", "a star may only end a word"}},
		{name: "SearchTooManyTerms", body: gqlBody(`query ($t: String!) { hits(text: $t) { score } }`, map[string]any{"t": strings.Repeat("pe* ", 17)}),
			wantStatus: 200, want: []string{"BAD_USER_INPUT", "more than 16 words"}},
		{name: "SearchHugeWord", body: gqlBody(`query ($t: String!) { hits(text: $t) { score } }`, map[string]any{"t": strings.Repeat("kushner", 140)}),
			wantStatus: 200, want: []string{`"hits":[]`}},
		{name: "SearchTooLong", body: gqlBody(`query ($t: String!) { hits(text: $t) { score } }`, map[string]any{"t": strings.Repeat("peace ", 200)}),
			wantStatus: 200, want: []string{"BAD_USER_INPUT", "at most 1000"}},
		{name: "TypelessVariable", body: gqlBody(`query ($a:) { __typename }`, nil),
			wantStatus: 200, want: []string{"Syntax Error", "GRAPHQL_PARSE_FAILED"}},
		{name: "UnknownEntity", body: gqlBody(`{ entity(name: "Atlantis") { name } }`, nil),
			wantStatus: 200, want: []string{"NOT_FOUND", "Atlantis"}},
		{name: "UnknownTopic", body: gqlBody(`{ positions(topic: "perpetual motion") { summary } }`, nil),
			wantStatus: 200, want: []string{"NOT_FOUND"}},
		{name: "UnknownConnectionEnd", body: gqlBody(`{ connection(from: "Nobody", to: "Vladimir Putin") { predicate } }`, nil),
			wantStatus: 200, want: []string{"NOT_FOUND"}},
		{name: "GizmoInfiniteLoop", path: "/api/v1/query/gizmo", contentType: "text/plain", body: rawBody(`while (true) {}`),
			wantStatus: 504, want: []string{"error"}},
		// Memory grows until the time limit (or Gizmo's heap watchdog) stops it.
		{name: "GizmoMemoryHungry", path: "/api/v1/query/gizmo", contentType: "text/plain",
			body: rawBody(`var a = []; while (true) { a.push("grow " + a.length) }`), wantStatus: 504, want: []string{"query time limit"}},
		{name: "GizmoBodyTooLarge", path: "/api/v1/query/gizmo", contentType: "text/plain",
			body: func() io.Reader { return io.LimitReader(repeatReader('('), 100<<20) }, wantStatus: 413, want: []string{"over 1048576 bytes"}},
		{name: "GizmoDeepParens", path: "/api/v1/query/gizmo", contentType: "text/plain", body: rawBody(nested("(", "1", ")", 500<<10)),
			wantStatus: 400, want: []string{"error"}},
		{name: "GizmoDeepParensUnderItsLimit", path: "/api/v1/query/gizmo", contentType: "text/plain", body: rawBody(nested("(", "1", ")", 10000)),
			wantStatus: 200, want: []string{`"result":[]`}},
		{name: "GizmoDeepArrays", path: "/api/v1/query/gizmo", contentType: "text/plain", body: rawBody("g.V(" + nested("[", "", "]", 10000) + ").all()"),
			wantStatus: 400, want: []string{"error"}},
		{name: "MQLDeepJSON", path: "/api/v1/query/mql", contentType: "application/json", body: rawBody(nested("[", "", "]", 500<<10)),
			wantStatus: 400, want: []string{"error"}},
		{name: "UnknownLanguage", path: "/api/v1/query/sparql", contentType: "text/plain", body: rawBody(`SELECT * {}`),
			wantStatus: 400, want: []string{"error"}},
	}
	good := gqlBody(`{ entity(name: "Krasnoarmeysk") { name } }`, nil)
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			path, ct := tc.path, tc.contentType
			if path == "" {
				path = "/graphql"
			}
			if ct == "" {
				ct = gql
			}
			status, body := post(t, ts.URL+path, ct, tc.body())
			t.Logf("%d %.200s", status, body)
			if status != tc.wantStatus {
				t.Errorf("status %d, want %d; body %.300s", status, tc.wantStatus, body)
			}
			if !json.Valid(body) {
				t.Errorf("body is not JSON: %.300s", body)
			}
			for _, w := range tc.want {
				if !strings.Contains(string(body), w) {
					t.Errorf("body lacks %q: %.300s", w, body)
				}
			}
			if status, body := post(t, ts.URL+"/graphql", gql, good()); status != 200 || !strings.Contains(string(body), `"Pokrovsk"`) {
				t.Fatalf("next good query: status %d, body %.300s", status, body)
			}
		})
	}
	t.Logf("%d hostile inputs, each followed by a good query", len(tests))
}

// post sends body and returns the response's status and body. A server
// that answers before reading the whole body (413) may reset the
// connection while the client still writes: the response still counts.
func post(tb testing.TB, url, contentType string, body io.Reader) (int, []byte) {
	tb.Helper()
	res, err := http.Post(url, contentType, body)
	if err != nil {
		tb.Fatalf("POST %s: %v", url, err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		tb.Fatalf("read response: %v", err)
	}
	return res.StatusCode, b
}

// Queries beyond --max-concurrent get 503 with Retry-After at once, and
// the server serves again when the running ones end.
func TestMaxConcurrent(t *testing.T) {
	cfg := serveConfig{corsOrigins: []string{"*"}, queryTimeout: 10 * time.Second, queryLimit: 100, maxBody: 1 << 20, maxConcurrent: 2}
	ts := newTestServerWith(t, cfg)
	// Endless queries hold every slot until their clients go away; one
	// that a probe below beat to a slot tries again.
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	for range cfg.maxConcurrent {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for ctx.Err() == nil {
				req, _ := http.NewRequestWithContext(ctx, "POST", ts.URL+"/api/v1/query/gizmo", strings.NewReader(`while (true) {}`))
				res, err := http.DefaultClient.Do(req)
				if err != nil {
					return
				}
				res.Body.Close()
				if res.StatusCode != http.StatusServiceUnavailable {
					t.Errorf("endless query ended with status %d", res.StatusCode)
					return
				}
				time.Sleep(5 * time.Millisecond)
			}
		}()
	}
	busy := func(path, ct, body string) {
		t.Helper()
		deadline := time.Now().Add(cfg.queryTimeout / 2)
		for {
			res, err := http.Post(ts.URL+path, ct, strings.NewReader(body))
			if err != nil {
				t.Fatal(err)
			}
			b, _ := io.ReadAll(res.Body)
			res.Body.Close()
			if res.StatusCode == http.StatusServiceUnavailable {
				if res.Header.Get("Retry-After") == "" || !strings.Contains(string(b), "max-concurrent 2") || !json.Valid(b) {
					t.Errorf("%s: 503 without Retry-After or limit: %v %s", path, res.Header, b)
				}
				return
			}
			if time.Now().After(deadline) {
				t.Fatalf("%s: no 503 while %d queries run: status %d", path, cfg.maxConcurrent, res.StatusCode)
			}
			time.Sleep(10 * time.Millisecond)
		}
	}
	busy("/graphql", "application/json", `{"query": "{ topics { name } }"}`)
	busy("/api/v1/query/gizmo", "text/plain", `g.V().all()`)
	busy("/api/v2/query?lang=gizmo", "text/plain", `g.V().all()`)
	cancel()
	wg.Wait()
	deadline := time.Now().Add(cfg.queryTimeout / 2)
	for {
		status, res := postGraphQL(t, ts.URL, `{ topics { name } }`)
		if status == http.StatusOK && len(res.Errors) == 0 {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("after the busy spell: status %d, errors %+v", status, res.Errors)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// A client that goes away stops its query: its slot under --max-concurrent
// frees long before the query timeout.
func TestClientGoneStopsQuery(t *testing.T) {
	cfg := serveConfig{corsOrigins: []string{"*"}, queryTimeout: 10 * time.Second, queryLimit: 100, maxBody: 1 << 20, maxConcurrent: 1}
	ts := newTestServerWith(t, cfg)
	impatient := &http.Client{Timeout: 200 * time.Millisecond}
	if res, err := impatient.Post(ts.URL+"/api/v1/query/gizmo", "text/plain", strings.NewReader(`while (true) {}`)); err == nil {
		res.Body.Close()
		t.Fatalf("the endless query answered: %s", res.Status)
	}
	start := time.Now()
	for {
		status, _ := post(t, ts.URL+"/graphql", "application/json", gqlBody(`{ topics { name } }`, nil)())
		if status == http.StatusOK {
			t.Logf("slot free %v after the client left", time.Since(start).Round(time.Millisecond))
			return
		}
		if time.Since(start) > 3*time.Second {
			t.Fatalf("still %d %v after the client left: the query kept running", status, time.Since(start))
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// The limit flags reach the GraphQL handler of the real binary, and a
// limit below 1 is a usage error.
func TestLimitFlags(t *testing.T) {
	_, stderr, err := runParley(t, "", "serve", "--store", "memory", "--max-cost", "0")
	if err == nil || !strings.Contains(stderr, "--max-cost 0 must be at least 1") {
		t.Errorf("--max-cost 0: err %v, stderr %q", err, stderr)
	}
	for _, bad := range []struct{ args, want string }{
		{"--max-queued -1", "--max-queued -1 must not be negative"},
		{"--queue-wait 0s", "--queue-wait 0s must be positive while --max-queued is 256"},
		{"--max-per-client -1", "--max-per-client -1 must not be negative"},
		{"--body-timeout 0s", "--body-timeout 0s must be positive"},
		{"--memory-limit 2GB", `--memory-limit "2GB": want a positive size such as 2GiB`},
	} {
		args := append([]string{"serve", "--store", "memory"}, strings.Fields(bad.args)...)
		if _, stderr, err := runParley(t, "", args...); err == nil || !strings.Contains(stderr, bad.want) {
			t.Errorf("%s: err %v, stderr %q, want %q", bad.args, err, stderr, bad.want)
		}
	}
	base := startServer(t, "--store", "memory", "--max-depth", "2", "--max-aliases", "1", "--max-root-fields", "2",
		"--max-tokens", "30", "--max-directives", "1", "--max-cost", "20", "--max-concurrent", "1")
	tests := []struct{ query, want string }{
		{`{ entity(name: "Pokrovsk") { name } }`, ""},
		{`{ entity(name: "Pokrovsk") { relations { predicate } } }`, "max-depth 2"},
		{`{ topics { a: name b: name } }`, "max-aliases 1"},
		{`{ topics { name } sources { id } claims { id } }`, "max-root-fields 2"},
		{`{ topics { ` + strings.Repeat("name ", 30) + `} }`, "max-tokens 30"},
		{`{ topics { name @skip(if: false) id @skip(if: false) } }`, "max-directives 1"},
		{`{ search(text: "a", first: 20) { name } }`, "max-cost 20"},
	}
	for _, tc := range tests {
		_, res := postGraphQL(t, base, tc.query)
		got := ""
		if len(res.Errors) > 0 {
			got = res.Errors[0].Message
		}
		if tc.want == "" && got != "" || !strings.Contains(got, tc.want) {
			t.Errorf("%s: got error %q, want %q", tc.query, got, tc.want)
		}
	}
	// Introspection has its own cost: what it returns on the schema.
	intro := startServer(t, "--store", "memory", "--max-introspection-cost", "10")
	for q, want := range map[string]string{`{ __type(name: "Stance") { name } }`: "", `{ __schema { types { name } } }`: "max-introspection-cost 10"} {
		_, res := postGraphQL(t, intro, q)
		got := ""
		if len(res.Errors) > 0 {
			got = res.Errors[0].Message
		}
		if want == "" && got != "" || !strings.Contains(got, want) {
			t.Errorf("%s: got error %q, want %q", q, got, want)
		}
	}
}
