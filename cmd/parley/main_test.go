package main

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestMain lets the test binary stand in for the parley binary: with
// PARLEY_TEST_MAIN=1 it runs main, so tests can start real processes
// without building anything.
func TestMain(m *testing.M) {
	if os.Getenv("PARLEY_TEST_MAIN") == "1" {
		main()
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// parleyCmd returns a command that runs the parley binary with args.
func parleyCmd(ctx context.Context, args ...string) *exec.Cmd {
	cmd := exec.CommandContext(ctx, os.Args[0], args...)
	cmd.Env = append(os.Environ(), "PARLEY_TEST_MAIN=1")
	return cmd
}

var listenLine = regexp.MustCompile(`msg=listening addr=(http://\S+)`)

// startServer starts "parley serve" as a real process on a free port and
// returns its base URL once it answers /healthz. The process is stopped
// with SIGINT when the test ends, and must exit cleanly.
func startServer(tb testing.TB, args ...string) string {
	tb.Helper()
	p := spawnServer(tb, nil, args...)
	stopAtCleanup(tb, p)
	return p.url
}

// serverProcess is a running "parley serve".
type serverProcess struct {
	cmd   *exec.Cmd
	url   string // public URL
	debug string // debug listener's URL, if --debug-addr was given
	logs  *syncBuffer
}

var debugLine = regexp.MustCompile(`msg="debug listening" addr=(http://\S+)`)

// spawnServer starts "parley serve" as a real process on a free port, with
// env added to the test's environment, and returns once it answers
// /healthz. Stopping it is the caller's business (see stopAtCleanup); a
// process still running when the test ends is killed.
func spawnServer(tb testing.TB, env []string, args ...string) *serverProcess {
	tb.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	tb.Cleanup(cancel)
	cmd := parleyCmd(ctx, append([]string{"serve", "--addr", "127.0.0.1:0"}, args...)...)
	// The server's temporary files (the text index of a memory or
	// PostgreSQL store) go in the test's own directory, which the test
	// removes even when it kills the server.
	cmd.Env = append(cmd.Env, "TMPDIR="+tb.TempDir())
	cmd.Env = append(cmd.Env, env...)
	stderr, err := cmd.StderrPipe()
	if err != nil {
		tb.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		tb.Fatal(err)
	}
	p := &serverProcess{cmd: cmd, logs: &syncBuffer{}}
	urlc := make(chan [2]string, 1)
	go func() {
		sc := bufio.NewScanner(stderr)
		sc.Buffer(nil, 1<<20)
		var debug string
		for sc.Scan() {
			p.logs.WriteString(sc.Text() + "\n")
			// The debug listener starts, and says so, before the server.
			if m := debugLine.FindStringSubmatch(sc.Text()); m != nil {
				debug = m[1]
			}
			if m := listenLine.FindStringSubmatch(sc.Text()); m != nil {
				urlc <- [2]string{m[1], debug}
			}
		}
	}()
	select {
	case u := <-urlc:
		p.url, p.debug = u[0], u[1]
		waitHealthy(tb, p.url)
		return p
	case <-time.After(60 * time.Second):
		tb.Fatalf("server did not start; its log:\n%s", p.logs.String())
	}
	return nil
}

// stopAtCleanup stops p with SIGINT when the test ends, and fails the test
// if it does not exit cleanly and soon.
func stopAtCleanup(tb testing.TB, p *serverProcess) {
	tb.Cleanup(func() {
		p.cmd.Process.Signal(os.Interrupt)
		done := make(chan error, 1)
		go func() { done <- p.cmd.Wait() }()
		select {
		case err := <-done:
			if err != nil {
				tb.Errorf("server exited with %v; its log:\n%s", err, p.logs.String())
			}
		case <-time.After(15 * time.Second):
			tb.Errorf("server did not shut down on SIGINT")
		}
	})
}

// syncBuffer is a bytes.Buffer safe for one writer and concurrent readers.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) WriteString(s string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.buf.WriteString(s)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

func waitHealthy(tb testing.TB, base string) {
	tb.Helper()
	for i := 0; i < 100; i++ {
		res, err := http.Get(base + "/healthz")
		if err == nil {
			res.Body.Close()
			if res.StatusCode == 200 {
				return
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	tb.Fatalf("%s/healthz never answered 200", base)
}

// runParley runs the parley binary to completion.
func runParley(t *testing.T, stdin string, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := parleyCmd(ctx, args...)
	var out, errb bytes.Buffer
	cmd.Stdin, cmd.Stdout, cmd.Stderr = strings.NewReader(stdin), &out, &errb
	err = cmd.Run()
	return out.String(), errb.String(), err
}

func TestServeRealProcess(t *testing.T) {
	db := filepath.Join(t.TempDir(), "parley.db")
	base := startServer(t, "--db", db)
	status, res := postGraphQL(t, base, `{ entity(name: "Krasnoarmeysk") { name } }`)
	if status != 200 || collect(map[string]any(res.Data), "name")[0] != "Pokrovsk" {
		t.Fatalf("status %d, answer %+v", status, res)
	}
	// While the server holds the bolt store, another process cannot open
	// it, and says why instead of waiting.
	start := time.Now()
	_, stderr, err := runParley(t, "", "export", "--db", db)
	if err == nil || !strings.Contains(stderr, "in use") {
		t.Errorf("second process: err %v, stderr %q; want a store-in-use error", err, stderr)
	}
	t.Logf("second process gave up after %v", time.Since(start).Round(time.Millisecond))
}

func TestRunServeInProcess(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	done := make(chan error, 1)
	getenv := func(k string) string {
		return map[string]string{"PARLEY_STORE": "memory", "PARLEY_ADDR": "127.0.0.1:0"}[k]
	}
	go func() { done <- run(ctx, []string{"serve"}, getenv, strings.NewReader(""), io.Discard, pw) }()
	sc := bufio.NewScanner(pr)
	var base string
	for base == "" && sc.Scan() {
		if m := listenLine.FindStringSubmatch(sc.Text()); m != nil {
			base = m[1]
		}
	}
	go io.Copy(io.Discard, pr)
	if base == "" {
		t.Fatal("no listening line in the log")
	}
	waitHealthy(t, base)
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("serve returned %v after its context ended", err)
		}
	case <-time.After(15 * time.Second):
		t.Fatal("serve did not return after its context ended")
	}
	pw.Close()
}

func TestCLI(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.nq")
	os.WriteFile(bad, []byte("<https://w3id.org/parley/id/a> <https://schema.org/name> \"A\" <https://w3id.org/parley/source/x/p1> .\n<https://w3id.org/parley/id/a> <https://schema.org/name> \"A\n"), 0o600)
	good := filepath.Join(dir, "good.nq")
	os.WriteFile(good, []byte("<https://w3id.org/parley/id/a> <https://schema.org/name> \"A\" <https://w3id.org/parley/source/x/p1> .\n"), 0o600)
	db := filepath.Join(dir, "db")

	tests := []struct {
		name       string
		args       []string
		wantErr    bool
		wantOut    []string // in stdout
		wantStderr []string
	}{
		{"Help", []string{"help"}, false, []string{"serve", "load", "query", "export", "check"}, nil},
		{"UnknownCommand", []string{"frobnicate"}, true, nil, []string{"unknown command"}},
		{"CheckSeed", []string{"check"}, false, []string{"no violations"}, nil},
		{"CheckBadFile", []string{"check", bad}, true, nil, []string{"bad.nq:2"}},
		{"ExportMemoryHasSeed", []string{"export", "--store", "memory"}, false, []string{"Krasnoarmeysk", "<https://w3id.org/parley/vocab#quote>"}, nil},
		{"ExportCSV", []string{"export", "--store", "memory", "--format", "csv"}, false, []string{"subject,predicate,object,label"}, nil},
		{"ExportNoSeed", []string{"export", "--store", "memory", "--no-seed"}, false, nil, nil},
		{"ExportTable", []string{"export", "--store", "memory", "--table", "events"}, false, []string{"id,name,date,", "moscow-meeting-witkoff-putin,"}, nil},
		{"ExportTableUnknown", []string{"export", "--store", "memory", "--table", "postions"}, true, nil, []string{`export: table "postions": want one of entities, positions, claims, events, relations, sources, or all; did you mean positions?`}},
		{"LoadBadFile", []string{"load", "--db", db, bad}, true, nil, []string{"bad.nq:2", "nothing of it was written"}},
		{"LoadGoodFile", []string{"load", "--trusted", "--db", db, good}, false, []string{"1 quads read, 1 new"}, nil},
		{"LoadAgainIsIdempotent", []string{"load", "--trusted", "--db", db, good}, false, []string{"1 quads read, 0 new"}, nil},
		{"QueryGizmo", []string{"query", "--store", "memory", `g.V().has("<https://schema.org/alternateName>", "Krasnoarmeysk").out("<https://schema.org/name>").all()`}, false, []string{`"Pokrovsk"`}, nil},
		{"QueryMQL", []string{"query", "--store", "memory", "--lang", "mql", `[{"id": null, "<https://schema.org/name>": "Moscow"}]`}, false, []string{"moscow"}, nil},
		{"QueryCayleyGraphQL", []string{"query", "--store", "memory", "--lang", "cayley-graphql", `{ nodes(id: "<https://w3id.org/parley/id/pokrovsk>") { alias: <https://schema.org/alternateName> } }`}, false, []string{`"Krasnoarmeysk"`}, nil},
		{"QueryBadLanguage", []string{"query", "--store", "memory", "--lang", "sparql", "x"}, true, nil, []string{`unknown --lang "sparql"; choose one of gizmo, mql, cayley-graphql, graphql`}},
		{"QueryNeedsText", []string{"query", "--store", "memory"}, true, nil, []string{"exactly one query"}},
		{"BadFlag", []string{"export", "--colour"}, true, nil, []string{`unknown flag --colour ("parley export --help" lists the flags)`}},
		{"FlagSuggested", []string{"export", "--fromat", "csv"}, true, nil, []string{"unknown flag --fromat; did you mean --format?"}},
		{"CommandSuggested", []string{"exprot"}, true, nil, []string{`unknown command "exprot"; did you mean "export"? ("parley help" lists the commands)`}},
		{"BadFlagValue", []string{"query", "--limit", "two", "x"}, true, nil, []string{`invalid value "two" for flag -limit`, `"parley query --help" lists the flags`}},
		{"FlagAfterArgument", []string{"query", "--store", "memory", `g.V().all()`, "--limit", "1"}, false, []string{`"result"`}, []string{"results cut at --limit 1"}},
		{"FlagsEndAtDoubleDash", []string{"query", "--store", "memory", "--", "--limit"}, true, nil, []string{"gizmo: ReferenceError"}}, // run as the query
		{"QueryGraphQL", []string{"query", "--store", "memory", "--lang", "graphql", `{ entity(name: "Krasnoarmeysk") { name } }`}, false, []string{`"name": "Pokrovsk"`}, nil},
		{"QueryGraphQLVariables", []string{"query", "--store", "memory", "--lang", "graphql", "--variables", `{"n": "Krasnoarmeysk"}`, `query($n: String) { entity(name: $n) { name } }`}, false, []string{`"name": "Pokrovsk"`}, nil},
		{"QueryGraphQLNotFound", []string{"query", "--store", "memory", "--lang", "graphql", `{ entity(name: "Pokrovks") { name } }`}, true, []string{`"code": "NOT_FOUND"`, `"suggestions"`, `"name": "Pokrovsk"`}, []string{`GraphQL error: unknown entity "Pokrovks"`}},
		{"QueryGraphQLWrongKind", []string{"query", "--store", "memory", "--lang", "graphql", `{ positions(topic: "Witkoff") { id } }`}, true, []string{`"code": "BAD_USER_INPUT"`}, []string{"is a PERSON, not a TOPIC"}},
		{"QueryGraphQLBadVariables", []string{"query", "--store", "memory", "--lang", "graphql", "--variables", `[1]`, `{ entities { totalCount } }`}, true, nil, []string{"--variables must be a JSON object"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			stdout, stderr, err := runParley(t, "", tc.args...)
			if (err != nil) != tc.wantErr {
				t.Fatalf("err = %v, want error %v; stderr:\n%s", err, tc.wantErr, stderr)
			}
			for _, w := range tc.wantOut {
				if !strings.Contains(stdout, w) {
					t.Errorf("stdout lacks %q:\n%.2000s", w, stdout)
				}
			}
			for _, w := range tc.wantStderr {
				if !strings.Contains(stderr, w) {
					t.Errorf("stderr lacks %q:\n%s", w, stderr)
				}
			}
		})
	}
	t.Run("ExitCodes", func(t *testing.T) {
		_, _, err := runParley(t, "", "frobnicate")
		if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 2 {
			t.Errorf("usage error exits with %v, want status 2", err)
		}
		_, _, err = runParley(t, "", "check", bad)
		if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 1 {
			t.Errorf("failed check exits with %v, want status 1", err)
		}
	})
	t.Run("MistakesDoNotPrintTheUsage", func(t *testing.T) {
		for _, args := range [][]string{{"exprot"}, {"serve", "--fromat", "json"}} {
			_, stderr, err := runParley(t, "", args...)
			if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 2 {
				t.Errorf("%q exits with %v, want status 2", args, err)
			}
			if n := strings.Count(stderr, "\n"); n != 1 || strings.Contains(stderr, "Usage") {
				t.Errorf("%q prints %d lines, want the one error line:\n%s", args, n, stderr)
			}
		}
	})
	t.Run("ExportNoSeedIsEmpty", func(t *testing.T) {
		stdout, _, err := runParley(t, "", "export", "--store", "memory", "--no-seed")
		if err != nil || strings.TrimSpace(stdout) != "" {
			t.Errorf("export of an empty store: err %v, output %q", err, fmt.Sprintf("%.200s", stdout))
		}
	})
}
