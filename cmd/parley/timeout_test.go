package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/parley-kg/parley/graph"
	"github.com/parley-kg/parley/schema"
)

// stuckTopics is a graph whose Topics never answers before its context
// ends, so that a GraphQL query over it always meets the query timeout.
type stuckTopics struct{ *graph.Store }

func (g stuckTopics) Topics(ctx context.Context) ([]*graph.Entity, error) {
	<-ctx.Done()
	return nil, ctx.Err()
}

// A query stopped by --query-timeout gets an error that names the limit,
// its value and its flag, on Cayley's v1 API and on /graphql alike, and
// the server answers the next query.
func TestQueryTimeoutMessage(t *testing.T) {
	g := seededStore(t, graph.Config{Backend: graph.BackendMemory})
	log := slog.New(slog.DiscardHandler)
	s, err := schema.New(stuckTopics{g}, schema.Options{Logger: log})
	if err != nil {
		t.Fatal(err)
	}
	cfg := serveConfig{corsOrigins: []string{"*"}, queryTimeout: 300 * time.Millisecond, queryLimit: 100, maxBody: 1 << 20}
	ts := httptest.NewServer(newServer(log, g, s, cfg))
	t.Cleanup(ts.Close)

	limit := fmt.Sprintf("query time limit of %v reached (--query-timeout)", cfg.queryTimeout)
	gql := func(q string) string {
		b, _ := json.Marshal(map[string]string{"query": q})
		return string(b)
	}
	tests := []struct {
		name, path, contentType, accept, body string
		wantStatus                            int
		want                                  []string // substrings of the response body
	}{
		{name: "GizmoEndlessLoop", path: "/api/v1/query/gizmo", contentType: "text/plain", body: `while(true){}`,
			wantStatus: http.StatusGatewayTimeout, want: []string{`"error":"gizmo query stopped: ` + limit + `"`}},
		{name: "GizmoEndlessLoopInCallback", path: "/api/v1/query/gizmo", contentType: "text/plain",
			body:       `g.V().forEach(function(d) { while(true){} })`,
			wantStatus: http.StatusGatewayTimeout, want: []string{"gizmo query stopped: " + limit}},
		{name: "GraphQL", path: "/graphql", contentType: "application/json", accept: "application/json", body: gql(`{ topics { name } }`),
			wantStatus: http.StatusOK, want: []string{`"message":"query stopped: ` + limit + `"`, schema.CodeQueryStopped}},
		{name: "GraphQLResponseMedia", path: "/graphql", contentType: "application/json", accept: "application/graphql-response+json",
			body: gql(`{ topics { name } }`), wantStatus: http.StatusServiceUnavailable, want: []string{"query stopped: " + limit, schema.CodeQueryStopped}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			req, err := http.NewRequest("POST", ts.URL+tc.path, strings.NewReader(tc.body))
			if err != nil {
				t.Fatal(err)
			}
			req.Header.Set("Content-Type", tc.contentType)
			if tc.accept != "" {
				req.Header.Set("Accept", tc.accept)
			}
			status, body := do(t, req)
			if status != tc.wantStatus {
				t.Errorf("status %d, want %d; body %.300s", status, tc.wantStatus, body)
			}
			for _, w := range tc.want {
				if !strings.Contains(body, w) {
					t.Errorf("body lacks %q: %.300s", w, body)
				}
			}
			if strings.Contains(body, "context deadline exceeded") {
				t.Errorf("body still says only %q: %.300s", "context deadline exceeded", body)
			}
			// The server answers the next query, on both APIs.
			if status, out := postGraphQL(t, ts.URL, `{ entity(name: "Krasnoarmeysk") { name } }`); status != 200 || len(out.Errors) > 0 ||
				out.Data["entity"].(map[string]any)["name"] != "Pokrovsk" {
				t.Fatalf("next GraphQL query: status %d, %+v", status, out)
			}
			next, _ := http.NewRequest("POST", ts.URL+"/api/v1/query/gizmo", strings.NewReader(`g.V("<https://w3id.org/parley/id/pokrovsk>").out("<https://schema.org/name>").all()`))
			if status, body := do(t, next); status != 200 || !strings.Contains(body, "Pokrovsk") {
				t.Fatalf("next Gizmo query: status %d, body %.300s", status, body)
			}
		})
	}
}

// do sends req and returns the response's status and body.
func do(tb testing.TB, req *http.Request) (int, string) {
	tb.Helper()
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		tb.Fatalf("%s %s: %v", req.Method, req.URL, err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		tb.Fatalf("read response: %v", err)
	}
	return res.StatusCode, string(b)
}
