package schema

import (
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/parley-kg/parley/graph"
	"github.com/parley-kg/parley/seed"
)

// FuzzHandler posts random documents and variables to the GraphQL handler
// over the seed graph. Whatever it gets, the handler must not panic, and
// must answer with a sensible status and a GraphQL response: a JSON object
// with data or errors. The seed corpus is in testdata/fuzz/FuzzHandler:
//
//	go test -run '^$' -fuzz FuzzHandler -fuzztime 60s ./schema/
func FuzzHandler(f *testing.F) {
	ctx := context.Background()
	g, err := graph.Open(ctx, graph.Config{Backend: graph.BackendMemory})
	if err != nil {
		f.Fatal(err)
	}
	defer g.Close()
	if _, err := g.LoadFS(ctx, seed.FS); err != nil {
		f.Fatal(err)
	}
	s, err := New(g, Options{})
	if err != nil {
		f.Fatal(err)
	}
	h := Handler(s, HandlerOptions{CacheSize: -1, Logger: slog.New(slog.DiscardHandler)})
	f.Add(`{ entity(name: "Pokrovsk") { name } }`, `{}`)
	f.Add(`query ($n: Int) { quads(first: $n) { subject } }`, `{"n": 3}`)
	sensible := map[int]bool{http.StatusOK: true, http.StatusBadRequest: true, http.StatusRequestEntityTooLarge: true}
	f.Fuzz(func(t *testing.T, query, variables string) {
		body := `{"query": ` + quote(query) + `, "variables": ` + variables + `}`
		if !json.Valid([]byte(body)) { // let the fuzzer try raw variables, but keep the query a string
			body = `{"query": ` + quote(query) + `}`
		}
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		req := httptest.NewRequestWithContext(ctx, "POST", "/graphql", strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if !sensible[rec.Code] {
			t.Fatalf("status %d for %s: %s", rec.Code, body, rec.Body)
		}
		var res map[string]json.RawMessage
		if err := json.Unmarshal(rec.Body.Bytes(), &res); err != nil {
			t.Fatalf("response is not a JSON object (%v) for %s: %s", err, body, rec.Body)
		}
		_, hasData := res["data"]
		_, hasErrors := res["errors"]
		if !hasData && !hasErrors {
			t.Fatalf("response has neither data nor errors for %s: %s", body, rec.Body)
		}
	})
}

// quote returns s as a JSON string.
func quote(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}
