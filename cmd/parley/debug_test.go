package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"strconv"
	"strings"
	"testing"
)

func TestCheckDebugAddr(t *testing.T) {
	tests := []struct {
		addr string
		ok   bool
	}{
		{"127.0.0.1:6060", true},
		{"127.0.0.1:0", true},
		{"[::1]:6060", true},
		{"localhost:6060", true},
		{":6060", false}, // every interface
		{"0.0.0.0:6060", false},
		{"192.0.2.1:6060", false},
		{"example.org:6060", false},
		{"127.0.0.1", false}, // no port
	}
	for _, tc := range tests {
		t.Run(tc.addr, func(t *testing.T) {
			if err := checkDebugAddr(tc.addr); (err == nil) != tc.ok {
				t.Errorf("checkDebugAddr(%q) = %v, want ok %v", tc.addr, err, tc.ok)
			}
		})
	}
}

// TestDebugListener checks that --debug-addr serves expvar and pprof on its
// own listener, and that the public listener does not.
func TestDebugListener(t *testing.T) {
	p := startProc(t, nil, "--store", "memory", "--debug-addr", "127.0.0.1:0")
	st := p.debugStats(t)
	if st.Goroutines < 1 || st.HeapAlloc == 0 {
		t.Errorf("debug stats %+v: want goroutines and a heap", st)
	}
	res, err := http.Get(p.debug + "/debug/pprof/goroutine?debug=1")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != 200 || !bytes.Contains(body, []byte("goroutine profile: total")) {
		t.Errorf("goroutine profile: status %d, body %.200q", res.StatusCode, body)
	}
	for _, path := range []string{"/debug/vars", "/debug/pprof/"} {
		res, err := http.Get(p.base + path)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != http.StatusNotFound {
			t.Errorf("public listener answers %s with %d, want 404", path, res.StatusCode)
		}
	}
	_, stderr, err := runParley(t, "", "serve", "--store", "memory", "--debug-addr", ":0")
	if err == nil || !strings.Contains(stderr, "loopback") {
		t.Errorf("--debug-addr :0: err %v, stderr %q; want a refusal", err, stderr)
	}
}

// proc is a "parley serve" process started by [startProc].
type proc struct {
	*serverProcess
	base string // public URL
	pid  int
}

// startProc is [startServer] for tests that need more of the process: its
// environment (env is added to the test's), its debug listener and its
// process ID.
func startProc(tb testing.TB, env []string, args ...string) *proc {
	tb.Helper()
	p := spawnServer(tb, env, args...)
	stopAtCleanup(tb, p)
	return &proc{serverProcess: p, base: p.url, pid: p.cmd.Process.Pid}
}

// debugStats are the figures a load test compares before and after.
type debugStats struct {
	Goroutines int
	HeapAlloc  uint64 // bytes of live heap objects after a GC
	Sys        uint64 // bytes obtained from the OS
}

// debugStats forces a garbage collection in the server (pprof's heap
// profile with gc=1) and then reads its goroutine count and heap from
// /debug/vars.
func (p *proc) debugStats(tb testing.TB) debugStats {
	tb.Helper()
	if p.debug == "" {
		tb.Fatal("the server was started without --debug-addr")
	}
	res, err := http.Get(p.debug + "/debug/pprof/heap?gc=1")
	if err != nil {
		tb.Fatal(err)
	}
	io.Copy(io.Discard, res.Body)
	res.Body.Close()
	res, err = http.Get(p.debug + "/debug/vars")
	if err != nil {
		tb.Fatal(err)
	}
	defer res.Body.Close()
	var v struct {
		Goroutines int `json:"goroutines"`
		Memstats   struct {
			HeapAlloc uint64
			Sys       uint64
		} `json:"memstats"`
	}
	if err := json.NewDecoder(res.Body).Decode(&v); err != nil {
		tb.Fatalf("decode /debug/vars: %v", err)
	}
	return debugStats{Goroutines: v.Goroutines, HeapAlloc: v.Memstats.HeapAlloc, Sys: v.Memstats.Sys}
}

// procStatus reads a field of /proc/PID/status in kB, such as "VmHWM" (peak
// resident memory) or "VmRSS".
func procStatus(pid int, field string) (kB int64, err error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, err
	}
	for _, line := range strings.Split(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, field+":"); ok {
			return strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
		}
	}
	return 0, fmt.Errorf("/proc/%d/status has no %s", pid, field)
}
