package main

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"testing"
	"time"
)

// A Gizmo script that never ends, on either of Cayley's query APIs, holds
// the store's lock at no point while its own code runs: a write, /healthz,
// /export and GraphQL beside it answer at once, not at the query timeout
// (issue 16; red-team F1 held the lock until the script ended).
func TestEndlessScriptHoldsNoLock(t *testing.T) {
	auth, err := loadWriteTokens("", "alice "+aliceToken, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	const queryTimeout = 30 * time.Second
	base := newTestServerWith(t, serveConfig{corsOrigins: []string{"*"}, queryTimeout: queryTimeout, queryLimit: 100,
		maxBody: 1 << 20, maxWriteBody: 1 << 20, writes: auth}).URL
	script := `for (;;) { g.V("<https://w3id.org/parley/id/pokrovsk>").out("<https://schema.org/alternateName>").toArray(); for (var i = 0; i < 100000; i++) {} }`
	prompt := &http.Client{Timeout: queryTimeout / 3}
	for i, path := range []string{"/api/v1/query/gizmo", "/api/v2/query?lang=gizmo"} {
		t.Run(strings.Trim(strings.ReplaceAll(path, "/", "_"), "_"), func(t *testing.T) {
			ctx, cancel := context.WithCancel(context.Background())
			ended := make(chan struct{})
			go func() {
				defer close(ended)
				req, _ := http.NewRequestWithContext(ctx, "POST", base+path, strings.NewReader(script))
				if res, err := http.DefaultClient.Do(req); err == nil {
					res.Body.Close()
				}
			}()
			defer func() { cancel(); <-ended }()
			time.Sleep(200 * time.Millisecond) // let the script start

			nq := fmt.Sprintf(`<https://w3id.org/parley/id/pokrovsk> <https://schema.org/alternateName> "Beside an endless script %d" <https://w3id.org/parley/source/000_508fa90569225c0e/p18> .`+"\n", i)
			req, _ := http.NewRequest("POST", base+"/api/v2/write", strings.NewReader(nq))
			for k, v := range bearer(aliceToken) {
				req.Header.Set(k, v)
			}
			checks := []struct {
				name string
				do   func() (*http.Response, error)
			}{
				{"write", func() (*http.Response, error) { return prompt.Do(req) }},
				{"healthz", func() (*http.Response, error) { return prompt.Get(base + "/healthz") }},
				{"export", func() (*http.Response, error) { return prompt.Get(base + "/export") }},
				{"graphql", func() (*http.Response, error) {
					return prompt.Post(base+"/graphql", "application/json", strings.NewReader(`{"query": "{ entity(name: \"Krasnoarmeysk\") { name } }"}`))
				}},
			}
			for _, c := range checks {
				start := time.Now()
				res, err := c.do()
				if err != nil {
					t.Fatalf("%s beside the endless script: %v", c.name, err)
				}
				res.Body.Close()
				if res.StatusCode != http.StatusOK {
					t.Errorf("%s beside the endless script: %s", c.name, res.Status)
				}
				t.Logf("%s answered in %v", c.name, time.Since(start).Round(time.Millisecond))
			}
			select {
			case <-ended:
				t.Fatal("the endless script ended before the checks did")
			default:
			}
			if !aliasFound(t, base, fmt.Sprintf("Beside an endless script %d", i)) {
				t.Error("the write beside the script is not in the graph")
			}
		})
	}
}
