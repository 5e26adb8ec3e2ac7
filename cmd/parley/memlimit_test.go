package main

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"
)

func TestChooseMemoryLimit(t *testing.T) {
	env := func(v string) func(string) string {
		return func(k string) string {
			if k == "GOMEMLIMIT" {
				return v
			}
			return ""
		}
	}
	machine := machineMemory()
	tests := []struct {
		name, flag, env string
		bytes           int64 // -1: memoryShare of the machine
		source, err     string
	}{
		{"Flag", "512MiB", "", 512 << 20, "--memory-limit", ""},
		{"FlagBeatsEnv", "2GiB", "1GiB", 2 << 30, "--memory-limit", ""},
		{"FlagInBytes", "1000000B", "", 1000000, "--memory-limit", ""},
		{"FlagBare", "1000000", "", 1000000, "--memory-limit", ""},
		{"Env", "", "1GiB", 0, "GOMEMLIMIT", ""},
		{"Default", "", "", -1, "default", ""},
		{"Zero", "0", "", 0, "", "want a positive size"},
		{"Garbage", "lots", "", 0, "", "want a positive size"},
		{"Overflow", "9999999999TiB", "", 0, "", "want a positive size"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m, err := chooseMemoryLimit(tc.flag, env(tc.env))
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) || !strings.Contains(err.Error(), "--memory-limit") {
					t.Fatalf("error %v; want one naming --memory-limit and saying %q", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if m.source != tc.source {
				t.Errorf("source %q, want %q", m.source, tc.source)
			}
			switch {
			case tc.bytes > 0 && m.bytes != tc.bytes:
				t.Errorf("limit %d, want %d", m.bytes, tc.bytes)
			case tc.bytes < 0 && machine > 0 && (m.bytes >= machine || m.bytes < machine/2):
				t.Errorf("default limit %d of a machine of %d", m.bytes, machine)
			}
		})
	}
}

// A query that arrives while the live heap is over the share of the
// memory limit that the guard allows gets 503 naming the limit and where it
// came from.
func TestMemoryGuardRefusesNamingTheLimit(t *testing.T) {
	guard := newMemoryGuard(memoryLimit{bytes: 1 << 20, source: "--memory-limit"}) // far below any server's heap
	base := newTestServerWith(t, serveConfig{corsOrigins: []string{"*"}, queryTimeout: 10 * time.Second, queryLimit: 100,
		maxBody: 1 << 20, maxConcurrent: 4, memory: guard}).URL
	res, err := http.Post(base+"/graphql", "application/json", strings.NewReader(`{"query": "{ topics { name } }"}`))
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var body gqlResponse
	json.NewDecoder(res.Body).Decode(&body)
	if res.StatusCode != http.StatusServiceUnavailable || res.Header.Get("Retry-After") == "" || len(body.Errors) != 1 ||
		body.Errors[0].Extensions["code"] != "MEMORY_LIMIT" || !strings.Contains(body.Errors[0].Message, "1MiB memory limit (--memory-limit)") {
		t.Fatalf("status %d, %+v; want 503, Retry-After and MEMORY_LIMIT naming the limit", res.StatusCode, body)
	}
	if newMemoryGuard(memoryLimit{bytes: 1 << 40}).check() != nil {
		t.Error("a guard of 1 TiB refused")
	}
}
