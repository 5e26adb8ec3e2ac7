package main

import (
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// boundsCase is one hostile request of the red team's findings F1, F2, F4,
// F5 and F6 (issue 16): code Parley does not control (goja, regexp2,
// Cayley's parsers) used to run past every limit.
type boundsCase struct {
	name, path, body string
	wantStatus       []int    // any of these
	want             []string // one of these is in the body
	gizmo            bool     // runs JavaScript, which could go on using CPU
}

// boundsCases are the red team's inputs, each on every route that runs it.
func boundsCases() []boundsCase {
	regex := `g.emit(/^(?=a)(a+)+$/.test("` + strings.Repeat("a", 34) + `!"))`
	orChain := `g.emit(` + strings.Repeat("1||", 40) + `1)`
	mqlRedTeam := `[{"id":null,` + strings.Repeat(`"<https://schema.org/name>":{`, 9900) + `"id":null` + strings.Repeat("}", 9900) + `}]`
	mqlDeep := `[{"id":null,` + strings.Repeat(`"<https://schema.org/name>":{`, 1000) + `"id":null` + strings.Repeat("}", 1000) + `}]`
	cgqlRedTeam := `{ nodes(id: ` + strings.Repeat("[", 100000) + `) { id } }`
	cgqlDeep := `{ nodes(id: ` + strings.Repeat("[", 30000) + `) { id } }`
	stopped := []string{"regular expression", "query time limit of 1s reached (--query-timeout)", "deadline exceeded"}
	compile := []string{"steps, over the limit of"}
	mqlSize := []string{"over the MQL limit of 65536"}
	mqlDepth := []string{"more than 32 deep (the MQL depth limit)"}
	cgqlSize := []string{"over the Cayley GraphQL limit of 65536"}
	cgqlDepth := []string{"more than 32 deep (the Cayley GraphQL depth limit)"}
	bad := []int{http.StatusBadRequest}
	return []boundsCase{
		{"F1RegexV1", "/api/v1/query/gizmo", regex, []int{http.StatusBadRequest, http.StatusGatewayTimeout}, stopped, true},
		{"F1RegexV2", "/api/v2/query?lang=gizmo", regex, []int{http.StatusBadRequest, http.StatusGatewayTimeout, http.StatusInternalServerError}, stopped, true},
		{"F2OrChainV1", "/api/v1/query/gizmo", orChain, bad, compile, true},
		{"F2OrChainV2", "/api/v2/query?lang=gizmo", orChain, bad, compile, true},
		{"F4MQLRedTeamV1", "/api/v1/query/mql", mqlRedTeam, bad, mqlSize, false},
		{"F4MQLDeepV1", "/api/v1/query/mql", mqlDeep, bad, mqlDepth, false},
		{"F4MQLDeepV2", "/api/v2/query?lang=mql", mqlDeep, bad, mqlDepth, false},
		{"F5GraphQLRedTeamV1", "/api/v1/query/graphql", cgqlRedTeam, bad, cgqlSize, false},
		{"F5GraphQLDeepV1", "/api/v1/query/graphql", cgqlDeep, bad, cgqlDepth, false},
		{"F5GraphQLDeepV2", "/api/v2/query?lang=graphql", cgqlDeep, bad, cgqlDepth, false},
		{"F5GraphQLRedTeamV2", "/api/v2/query?lang=graphql", cgqlRedTeam, bad, cgqlSize, false},
	}
}

// TestBoundsHold sends each hostile request to a real server with writes on
// and --query-timeout 1s. Each must get its error (naming the limit) soon,
// the process must stop spending CPU on it, and a good query and a write
// sent meanwhile and afterwards must be answered.
func TestBoundsHold(t *testing.T) {
	tokens := filepath.Join(t.TempDir(), "tokens")
	if err := os.WriteFile(tokens, []byte("alice "+aliceToken+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	p := spawnServer(t, nil, "--store", "memory", "--write-token-file", tokens, "--query-timeout", "1s")
	stopAtCleanup(t, p)
	for i, tc := range boundsCases() {
		t.Run(tc.name, func(t *testing.T) {
			var (
				wg                sync.WaitGroup
				status            int
				body              string
				took              time.Duration
				goodDuring, wrote bool
				errs              [2]error
			)
			alias := fmt.Sprintf("Pokrowsk-%s-%d", tc.name, i)
			wg.Add(2)
			go func() {
				defer wg.Done()
				start := time.Now()
				status, body, errs[0] = postBody(p.url+tc.path, "text/plain", nil, tc.body)
				took = time.Since(start)
			}()
			go func() {
				defer wg.Done()
				time.Sleep(100 * time.Millisecond) // the hostile request is running
				if goodDuring, errs[1] = goodGizmoQuery(p.url); errs[1] == nil {
					wrote, errs[1] = writeAlias(p.url, alias)
				}
			}()
			wg.Wait()
			for _, err := range errs {
				if err != nil {
					t.Fatal(err)
				}
			}
			if !slices.Contains(tc.wantStatus, status) || !containsAny(body, tc.want) {
				t.Errorf("status %d, body %.300s; want %v naming one of %q", status, body, tc.wantStatus, tc.want)
			}
			if took > 20*time.Second {
				t.Errorf("answered after %v, with --query-timeout 1s", took)
			}
			if !goodDuring || !wrote || !aliasFound(t, p.url, alias) {
				t.Errorf("while it ran: good query answered %v, write completed %v", goodDuring, wrote)
			}
			t.Logf("%d in %v: %.200s", status, took.Round(time.Millisecond), body)
			if !tc.gizmo {
				// Cayley's parsers run only after the checks: nothing to wait for.
			} else if cpu, ok := cpuAfter(p.cmd.Process.Pid, time.Second, 2*time.Second); ok && cpu > time.Second {
				t.Errorf("the server used %v of CPU in the 2s after a 1s grace: the request still runs", cpu)
			}
			good, err := goodGizmoQuery(p.url)
			if err != nil || !good {
				t.Errorf("after it: the good query failed (%v)", err)
			}
			if ok, err := writeAlias(p.url, alias+"-after"); err != nil || !ok || !aliasFound(t, p.url, alias+"-after") {
				t.Errorf("after it: the write failed (%v)", err)
			}
		})
	}
}

// TestGizmoMemoryBound runs the red team's string doubling (F6) on a real
// server with a deadline far enough that only the per-query memory limit can
// stop it: the error names the limit, and a good query answers afterwards.
func TestGizmoMemoryBound(t *testing.T) {
	if testing.Short() {
		t.Skip("grows the heap to the per-query limit")
	}
	p := spawnServer(t, nil, "--store", "memory", "--query-timeout", "60s")
	stopAtCleanup(t, p)
	doubling := `var s="x"; for(var i=0;i<40;i++){s=s+s}; g.emit(s.length)`
	status, body, err := postBody(p.url+"/api/v1/query/gizmo", "text/plain", nil, doubling)
	if err != nil {
		t.Fatal(err)
	}
	if status != http.StatusBadRequest || !strings.Contains(body, "the per-query memory limit") {
		t.Errorf("status %d, body %.300s; want 400 naming the per-query memory limit", status, body)
	}
	if good, err := goodGizmoQuery(p.url); err != nil || !good {
		t.Errorf("the good query failed after it (%v)", err)
	}
}

// postBody posts body to url and returns the status and body of the answer. It
// does not fail the test, so that goroutines may call it.
func postBody(url, contentType string, hdr map[string]string, body string) (int, string, error) {
	req, err := http.NewRequest("POST", url, strings.NewReader(body))
	if err != nil {
		return 0, "", err
	}
	req.Header.Set("Content-Type", contentType)
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	client := http.Client{Timeout: time.Minute}
	res, err := client.Do(req)
	if err != nil {
		return 0, "", fmt.Errorf("POST %s: %w", url, err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	return res.StatusCode, string(b), err
}

// goodGizmoQuery asks Gizmo for Pokrovsk's Russian name, which the article gives,
// and reports whether it came.
func goodGizmoQuery(base string) (bool, error) {
	status, body, err := postBody(base+"/api/v1/query/gizmo", "text/plain", nil,
		`g.V().has("<https://schema.org/name>", "Pokrovsk").out("<https://schema.org/alternateName>").all()`)
	return status == http.StatusOK && strings.Contains(body, "Krasnoarmeysk"), err
}

// writeAlias writes a spelling of Pokrovsk and reports whether the write
// was acknowledged.
func writeAlias(base, alias string) (bool, error) {
	nq := strings.Replace(pokrowskNQ, `"Pokrowsk"`, strconv.Quote(alias), 1)
	status, _, err := postBody(base+"/api/v2/write", "application/n-quads", bearer(aliceToken), nq)
	return status == http.StatusOK, err
}

// cpuAfter waits grace, then returns the CPU time process pid used over the
// next window. ok is false where /proc is missing.
func cpuAfter(pid int, grace, window time.Duration) (time.Duration, bool) {
	time.Sleep(grace)
	a, ok := processCPU(pid)
	if !ok {
		return 0, false
	}
	time.Sleep(window)
	b, ok := processCPU(pid)
	return b - a, ok
}

// processCPU reads utime+stime of pid from /proc (Linux, 100 ticks a second).
func processCPU(pid int) (time.Duration, bool) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0, false
	}
	s := string(b)
	f := strings.Fields(s[strings.LastIndexByte(s, ')')+1:])
	if len(f) < 13 {
		return 0, false
	}
	u, err1 := strconv.ParseInt(f[11], 10, 64)
	k, err2 := strconv.ParseInt(f[12], 10, 64)
	if err1 != nil || err2 != nil {
		return 0, false
	}
	return time.Duration(u+k) * 10 * time.Millisecond, true
}

func containsAny(s string, subs []string) bool {
	for _, sub := range subs {
		if strings.Contains(s, sub) {
			return true
		}
	}
	return false
}
