package main

import (
	"encoding/json"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/parley-kg/parley/graph/pgtest"
)

// These tests run "parley" as real processes against the PostgreSQL server
// that PARLEY_TEST_POSTGRES names (see package pgtest), each on a fresh
// schema.

// askEntity asks base for an entity by name, with a client timeout so that
// a hanging server fails the test instead of stalling it. It returns the
// entity's name, or the first error's message.
func askEntity(t *testing.T, base, name string) (got string, errMsg string) {
	t.Helper()
	body, _ := json.Marshal(map[string]any{"query": `query($n: String) { entity(name: $n) { name } }`, "variables": map[string]any{"n": name}})
	c := http.Client{Timeout: 20 * time.Second}
	res, err := c.Post(base+"/graphql", "application/json", strings.NewReader(string(body)))
	if err != nil {
		t.Fatalf("ask %s for %q: %v", base, name, err)
	}
	defer res.Body.Close()
	var out gqlResponse
	if err := json.NewDecoder(res.Body).Decode(&out); err != nil {
		t.Fatalf("decode GraphQL response: %v", err)
	}
	if len(out.Errors) > 0 {
		return "", out.Errors[0].Message
	}
	if names := collect(map[string]any(out.Data), "name"); len(names) > 0 {
		return names[0], ""
	}
	return "", ""
}

// eventually retries ask until it returns want or the time runs out.
func eventually(t *testing.T, within time.Duration, what, want string, ask func() (string, string)) {
	t.Helper()
	deadline := time.Now().Add(within)
	for {
		got, msg := ask()
		if got == want {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s: got %q (error %q) after %v, want %q", what, got, msg, within, want)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

func TestServeSQLStartErrors(t *testing.T) {
	tests := []struct {
		name     string
		args     []string
		code     int
		want     []string
		wantNot  string
		deadline time.Duration
	}{
		{"DatabaseDown", []string{"serve", "--store", "postgres", "--db", "postgres://parley:hunter2@127.0.0.1:1/parley?sslmode=disable"},
			1, []string{"database unavailable", "127.0.0.1:1", "xxxxx"}, "hunter2", 15 * time.Second},
		{"CockroachRefused", []string{"serve", "--store", "cockroach", "--db", "postgres://root:hunter2@127.0.0.1:1/parley?sslmode=disable"},
			1, []string{`"cockroach"`, "no longer supported", "postgres, the shared backend"}, "hunter2", 15 * time.Second},
		{"NoDSN", []string{"serve", "--store", "postgres"}, 2, []string{"needs --db"}, "", 15 * time.Second},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			start := time.Now()
			_, stderr, err := runParley(t, "", tc.args...)
			if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != tc.code {
				t.Fatalf("exit %v, want status %d; stderr:\n%s", err, tc.code, stderr)
			}
			for _, w := range tc.want {
				if !strings.Contains(stderr, w) {
					t.Errorf("stderr lacks %q:\n%s", w, stderr)
				}
			}
			if tc.wantNot != "" && strings.Contains(stderr, tc.wantNot) {
				t.Errorf("stderr shows %q:\n%s", tc.wantNot, stderr)
			}
			if d := time.Since(start); d > tc.deadline {
				t.Errorf("took %v to fail", d)
			}
		})
	}
}

// TestTwoServersShareOnePostgres runs two servers on one database: both
// seed it (one copy results), and a "parley load" by a third process is
// answered by both, each from its own name index.
func TestTwoServersShareOnePostgres(t *testing.T) {
	dsn := pgtest.Fresh(t)
	args := []string{"--store", "postgres", "--db", dsn, "--db-refresh", "100ms"}
	a, b := startServer(t, args...), startServer(t, args...)
	if got, _ := askEntity(t, b, "Krasnoarmeysk"); got != "Pokrovsk" {
		t.Fatalf("second server: Krasnoarmeysk is %q, want Pokrovsk", got)
	}
	if _, msg := askEntity(t, b, "Olena Testenko"); !strings.Contains(msg, "unknown entity") {
		t.Fatalf("before the load: error %q, want not found", msg)
	}
	seeded := healthQuads(t, a)
	file := filepath.Join(t.TempDir(), "newcomer.nq")
	os.WriteFile(file, []byte(`<https://w3id.org/parley/id/test-newcomer> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://schema.org/Person> <https://w3id.org/parley/source/000_508fa90569225c0e/p1> .
<https://w3id.org/parley/id/test-newcomer> <https://schema.org/name> "Olena Testenko" <https://w3id.org/parley/source/000_508fa90569225c0e/p1> .
`), 0o600)
	if stdout, stderr, err := runParley(t, "", append([]string{"load"}, append(args, file)...)...); err != nil || !strings.Contains(stdout, "2 new") {
		t.Fatalf("load: %v, stdout %q, stderr:\n%s", err, stdout, stderr)
	}
	for _, base := range []string{a, b} {
		eventually(t, 5*time.Second, base+" after the load", "Olena Testenko", func() (string, string) {
			return askEntity(t, base, "olena testenko")
		})
	}
	for _, base := range []string{a, b} {
		if q := healthQuads(t, base); q != seeded+2 {
			t.Errorf("%s counts %d quads, want the seed once (%d) plus 2", base, q, seeded)
		}
	}
}

// healthQuads returns the quad count /healthz reports.
func healthQuads(t *testing.T, base string) int {
	t.Helper()
	res, err := http.Get(base + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var h struct{ Quads int }
	json.NewDecoder(res.Body).Decode(&h)
	return h.Quads
}

// TestPostgresRestart stops PostgreSQL under a running server: queries
// fail with GraphQL errors (no hang, no crash), and succeed again once the
// database is back. It stops the shared test server, so it runs only when
// asked to with PARLEY_TEST_PG_RESTART=1, by itself (.ci/run does).
func TestPostgresRestart(t *testing.T) {
	if os.Getenv("PARLEY_TEST_PG_RESTART") != "1" {
		t.Skip("stops the test database: run alone with PARLEY_TEST_PG_RESTART=1 (and PARLEY_TEST_PG_CTL)")
	}
	dsn := pgtest.Fresh(t)
	base := startServer(t, "--store", "postgres", "--db", dsn, "--db-refresh", "100ms")
	if got, msg := askEntity(t, base, "Krasnoarmeysk"); got != "Pokrovsk" {
		t.Fatalf("before the restart: %q %q", got, msg)
	}
	pgtest.Ctl(t, "stop")
	stopped := true
	t.Cleanup(func() {
		if stopped {
			pgtest.Ctl(t, "start")
		}
	})
	start := time.Now()
	if got, msg := askEntity(t, base, "Krasnoarmeysk"); got != "" || msg == "" {
		t.Errorf("with the database down: got %q, error %q; want a GraphQL error", got, msg)
	}
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("a query with the database down took %v", d)
	}
	if res, err := http.Get(base + "/healthz"); err != nil || res.StatusCode != http.StatusServiceUnavailable {
		t.Errorf("healthz with the database down: %v %v, want 503", res.Status, err)
	}
	pgtest.Ctl(t, "start")
	stopped = false
	eventually(t, 30*time.Second, "after the restart", "Pokrovsk", func() (string, string) {
		return askEntity(t, base, "Krasnoarmeysk")
	})
}
