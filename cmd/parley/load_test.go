package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// The load test's writes add aliases to the Putin-Witkoff meeting in
// Moscow, citing the paragraph that reports it.
const (
	loadEntity = "https://w3id.org/parley/id/moscow-meeting-witkoff-putin"
	loadSource = "https://w3id.org/parley/source/000_508fa90569225c0e/p18"
	loadToken  = "load-test-write-token-0123456789"
)

// loadQuad is the quad that writes alias.
func loadQuad(alias string) string {
	return fmt.Sprintf("<%s> <https://schema.org/alternateName> %q <%s> .\n", loadEntity, alias, loadSource)
}

// TestLoadWithWrites runs the real binary under a short, bounded load of
// concurrent GraphQL and Gizmo readers mixed with writers, through both
// write APIs, on each backend that needs no outside server. It wants no
// error, every written alias found afterwards, and the server's goroutines
// and heap back near where they started once the clients have gone: a
// check against leaks, not a timing. Latencies are logged, not asserted.
func TestLoadWithWrites(t *testing.T) {
	for _, backend := range []string{"bolt", "memory"} {
		t.Run(backend, func(t *testing.T) {
			args := []string{"--store", backend, "--debug-addr", "127.0.0.1:0"}
			if backend == "bolt" {
				args = append(args, "--db", filepath.Join(t.TempDir(), "parley.db"))
			}
			p := startProc(t, []string{"PARLEY_WRITE_TOKEN=" + loadToken}, args...)
			testLoadWithWrites(t, p)
		})
	}
}

func testLoadWithWrites(t *testing.T, p *proc) {
	const workers = 4
	var (
		mu      sync.Mutex
		written []string // aliases whose write was acknowledged
		prefix  = "warm-up alias"
	)
	// alias is the alias a run's i-th request writes, unique over runs.
	alias := func(i int64) string { return fmt.Sprintf("%s %d", prefix, i) }
	wrote := func(i int64) {
		mu.Lock()
		written = append(written, alias(i))
		mu.Unlock()
	}
	routes := []route{
		// Krasnoarmeysk is the Russian and Soviet-era name of Pokrovsk.
		graphQLRoute("GraphQL entity by alias", p.base+"/graphql",
			`query ($name: String) { entity(name: $name) { name type } }`,
			func(int64) map[string]any { return map[string]any{"name": "Krasnoarmeysk"} }, `"Pokrovsk"`),
		graphQLRoute("GraphQL positions on frozen assets", p.base+"/graphql",
			`{ positions(topic: "frozen assets") { holder { name } stance source { paragraph } } }`, nil, `"stance"`),
		gizmoRoute("Gizmo alias to name", p.base+"/api/v1/query/gizmo",
			`g.V().has("<https://schema.org/alternateName>", "Krasnoarmeysk").out("<https://schema.org/name>").all()`, `"Pokrovsk"`),
		{
			name: "POST /api/v2/write",
			req: func(i int64) (*http.Request, error) {
				req, err := http.NewRequest(http.MethodPost, p.base+"/api/v2/write", strings.NewReader(loadQuad(alias(i))))
				if err == nil {
					req.Header.Set("Content-Type", "application/n-quads")
					req.Header.Set("Authorization", "Bearer "+loadToken)
				}
				return req, err
			},
			check: func(i int64, status int, body []byte) error {
				var res struct {
					Count int    `json:"count"`
					Error string `json:"error"`
				}
				if err := json.Unmarshal(body, &res); err != nil || status != http.StatusOK || res.Count < 1 {
					return fmt.Errorf("status %d, answer %.300s; want 200 and a count of the quads written", status, body)
				}
				wrote(i)
				return nil
			},
		},
		{
			name: "GraphQL addQuads",
			req: func(i int64) (*http.Request, error) {
				b, err := json.Marshal(map[string]any{
					"query":     `mutation ($q: String!) { addQuads(nquads: $q) { quads changed } }`,
					"variables": map[string]any{"q": loadQuad(alias(i))},
				})
				if err != nil {
					return nil, err
				}
				req, err := http.NewRequest(http.MethodPost, p.base+"/graphql", bytes.NewReader(b))
				if err == nil {
					req.Header.Set("Content-Type", "application/json")
					req.Header.Set("Authorization", "Bearer "+loadToken)
				}
				return req, err
			},
			check: func(i int64, status int, body []byte) error {
				var res struct {
					Data struct {
						AddQuads struct{ Quads, Changed int }
					}
					Errors []any
				}
				if err := json.Unmarshal(body, &res); err != nil || status != http.StatusOK || len(res.Errors) > 0 || res.Data.AddQuads.Changed < 1 {
					return fmt.Errorf("status %d, answer %.300s; want 200 and the quad added", status, body)
				}
				wrote(i)
				return nil
			},
		},
	}
	client := newLoadClient(workers)
	ctx := context.Background()

	// Warm up every route, so that what the server builds once (caches,
	// pools, the name index) is there before the first reading.
	warm := sendLoad(ctx, client, loadSpec{workers: 1, requests: 2 * int64(len(routes)), duration: time.Minute, routes: routes})
	if n, errs := warm.errors(); n > 0 {
		t.Fatalf("warm-up: %d errors: %v", n, errs)
	}
	client.CloseIdleConnections()
	before := settled(t, p, -1)

	prefix = "load alias"
	res := sendLoad(ctx, client, loadSpec{workers: workers, requests: 1000, duration: 2 * time.Second, routes: routes})
	total := 0
	for _, rr := range res.routes {
		total += rr.n
		t.Logf("%-36s %5d requests %7.0f/s  p50 %-10v p99 %v", rr.name, rr.n, float64(rr.n)/res.elapsed.Seconds(),
			rr.quantile(0.5).Round(time.Microsecond), rr.quantile(0.99).Round(time.Microsecond))
	}
	t.Logf("%d requests in %v by %d workers", total, res.elapsed.Round(time.Millisecond), workers)
	if n, errs := res.errors(); n > 0 {
		t.Errorf("%d errors under load; first of each route: %v", n, errs)
	}
	for _, rr := range res.routes {
		if rr.n == 0 {
			t.Errorf("route %s sent nothing", rr.name)
		}
	}

	// Every acknowledged write is there: its alias finds the meeting.
	mu.Lock()
	slices.Sort(written)
	mu.Unlock()
	for _, a := range written {
		status, ans := postGraphQL(t, p.base, fmt.Sprintf(`{ entity(name: %q) { id } }`, a))
		if ids := collect(ans.Data, "id"); status != 200 || len(ids) != 1 || !strings.HasSuffix(ids[0], "moscow-meeting-witkoff-putin") {
			t.Errorf("alias %q written, but entity(name:) gives status %d, %+v", a, status, ans)
		}
	}
	t.Logf("%d writes acknowledged and found", len(written))

	client.CloseIdleConnections()
	http.DefaultClient.CloseIdleConnections() // postGraphQL's
	after := settled(t, p, before.Goroutines+5)
	t.Logf("server before: %d goroutines, heap %.1f MB; after: %d goroutines, heap %.1f MB",
		before.Goroutines, float64(before.HeapAlloc)/(1<<20), after.Goroutines, float64(after.HeapAlloc)/(1<<20))
	if after.Goroutines > before.Goroutines+5 {
		t.Errorf("goroutines grew from %d to %d with no client left", before.Goroutines, after.Goroutines)
	}
	if limit := max(2*before.HeapAlloc, before.HeapAlloc+32<<20); after.HeapAlloc > limit {
		t.Errorf("heap after a GC grew from %d to %d bytes (limit %d)", before.HeapAlloc, after.HeapAlloc, limit)
	}
}

// settled reads the server's debug figures once its goroutine count is at
// most want (want < 0: once it stops changing), giving connections that
// the client closed a few seconds to wind down. It returns the last
// reading either way.
func settled(t *testing.T, p *proc, want int) debugStats {
	t.Helper()
	last := p.debugStats(t)
	for range 50 {
		time.Sleep(100 * time.Millisecond)
		st := p.debugStats(t)
		if (want >= 0 && st.Goroutines <= want) || (want < 0 && st.Goroutines == last.Goroutines) {
			return st
		}
		last = st
	}
	return last
}
