package main

import (
	"cmp"
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/parley-kg/parley/graph"
	"github.com/parley-kg/parley/graph/synth"
)

// The canonical question of the HTTP benchmark: look an entity up by one of
// its aliases and return its name and type. It is the question every
// client starts with, its answer is small, so the HTTP stack and the query
// language's fixed costs weigh in it; and it has an exact Gizmo equivalent.
const (
	benchGraphQL = `query ($name: String) { entity(name: $name) { name type } }`
	benchGizmo   = `g.V().has("<` + graph.PredAlternateName + `>", %q).save("<` + graph.PredType + `>", "type").out("<` + graph.PredName + `>").all()`
)

// benchSet is a data set the HTTP benchmark serves: a file of N-Quads and
// an alias in it with its entity's name.
type benchSet struct {
	label       string
	file        string
	quads       int
	noSeed      bool // the file is not the seed: serve it without the seed
	alias, name string
}

// TestHTTPBench measures the real binary on 127.0.0.1 under a bounded,
// concurrent, closed-loop load: throughput, p50 and p99 of /healthz (the
// floor of the HTTP stack), of the canonical question through /graphql and
// of its Gizmo equivalent through /api/v1/query/gizmo, on the seed and on a
// generated graph, bolt backend. With PARLEY_BENCH_CAYLEY naming a cayley
// binary built from the same Cayley version (.ci/bench-http.sh builds one),
// it serves the same file with "cayley http" and sends it the same Gizmo
// query in the same rounds, times "parley load" against "cayley load" into
// bolt, and reports resident memory per quad.
//
// It is opt-in (PARLEY_BENCH_HTTP=1) and takes minutes. Rounds run every
// target in turn, so ratios are measured side by side; the table shows
// medians over rounds. Knobs: PARLEY_BENCH_HTTP_SIZES (default "seed,100000"),
// PARLEY_BENCH_HTTP_RUNS (rounds, default 5), PARLEY_BENCH_HTTP_DURATION (per
// target per round, default 2s), PARLEY_BENCH_HTTP_WORKERS (default 4).
//
//	PARLEY_BENCH_HTTP=1 go test -v -run '^TestHTTPBench$' -timeout 0 ./cmd/parley
func TestHTTPBench(t *testing.T) {
	if os.Getenv("PARLEY_BENCH_HTTP") != "1" {
		t.Skip("the HTTP benchmark takes minutes; set PARLEY_BENCH_HTTP=1 to run it")
	}
	runs := envInt(t, "PARLEY_BENCH_HTTP_RUNS", 5)
	workers := envInt(t, "PARLEY_BENCH_HTTP_WORKERS", 4)
	dur := 2 * time.Second
	if v := os.Getenv("PARLEY_BENCH_HTTP_DURATION"); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil {
			t.Fatalf("PARLEY_BENCH_HTTP_DURATION: %v", err)
		}
		dur = d
	}
	sizes := strings.Split(cmp.Or(os.Getenv("PARLEY_BENCH_HTTP_SIZES"), "seed,100000"), ",")
	cayley := os.Getenv("PARLEY_BENCH_CAYLEY")
	if cayley == "" {
		t.Log("PARLEY_BENCH_CAYLEY is not set: no comparison with cayley http (run .ci/bench-http.sh for it)")
	}
	dir := t.TempDir()
	out := &strings.Builder{}
	fmt.Fprintf(out, "\nMachine: %d CPUs (%s), GOMAXPROCS %d, %s; %d workers, %d rounds of %v per target; medians over rounds\n\n",
		runtime.NumCPU(), cpuModel(), runtime.GOMAXPROCS(0), runtime.Version(), workers, runs, dur)
	mem := benchEmpty(t, dir, cayley)
	for _, size := range sizes {
		set := makeBenchSet(t, dir, size)
		t.Run(set.label, func(t *testing.T) {
			db := filepath.Join(dir, set.label+".parley")
			var cdb string
			if set.noSeed {
				lines := benchLoads(t, set, db, cayley, dir, runs)
				fmt.Fprint(out, lines)
			}
			if cayley != "" {
				cdb = filepath.Join(dir, set.label+".cayley")
				if _, err := os.Stat(cdb); err != nil {
					if _, err := cayleyLoad(t, cayley, cdb, set.file); err != nil {
						t.Fatal(err)
					}
				}
			}
			// The response cache would answer every round's one question
			// from memory: the benchmark measures the query path itself.
			args := []string{"--db", db, "--max-concurrent", "64", "--response-cache", "0"}
			if set.noSeed {
				args = append(args, "--no-seed")
			}
			p := startProc(t, nil, args...)
			client := newLoadClient(workers)
			defer client.CloseIdleConnections()
			targets := []route{
				getRoute("parley /healthz", p.base+"/healthz"),
				graphQLRoute("parley GraphQL", p.base+"/graphql", benchGraphQL,
					func(int64) map[string]any { return map[string]any{"name": set.alias} }, strconv.Quote(set.name)),
				gizmoRoute("parley Gizmo", p.base+"/api/v1/query/gizmo", fmt.Sprintf(benchGizmo, set.alias), strconv.Quote(set.name)),
			}
			var cpid int
			if cayley != "" {
				curl, pid := startCayley(t, cayley, cdb)
				cpid = pid
				targets = append(targets, gizmoRoute("cayley http Gizmo", curl+"/api/v1/query/gizmo", fmt.Sprintf(benchGizmo, set.alias), strconv.Quote(set.name)))
			}
			// A short warm-up of every target, then the rounds, each
			// target in turn, the order reversed every other round.
			rows := make([][]loadResult, len(targets))
			for r := -1; r < runs; r++ {
				order := make([]int, len(targets))
				for i := range order {
					order[i] = i
				}
				if r%2 != 0 {
					slices.Reverse(order)
				}
				for _, i := range order {
					d := dur
					if r < 0 {
						d = dur / 4
					}
					res := sendLoad(context.Background(), client, loadSpec{workers: workers, requests: 1 << 40, duration: d, routes: targets[i : i+1]})
					if n, errs := res.errors(); n > 0 {
						t.Fatalf("%d errors; first: %v", n, errs)
					}
					if r >= 0 {
						rows[i] = append(rows[i], res)
					}
				}
			}
			fmt.Fprintf(out, "%s (%d quads, bolt), canonical question: entity by alias %q\n\n", set.label, set.quads, set.alias)
			fmt.Fprintln(out, "| target | req/s | p50 | p99 | requests |")
			fmt.Fprintln(out, "| --- | ---: | ---: | ---: | ---: |")
			for i, rt := range targets {
				tput, p50, p99, n := medians(rows[i])
				fmt.Fprintf(out, "| %s | %.0f | %v | %v | %d |\n", rt.name, tput, p50, p99, n)
			}
			ratio := func(a, b int) float64 {
				var rs []float64
				for r := range rows[a] {
					rs = append(rs, rows[a][r].throughput(0)/rows[b][r].throughput(0))
				}
				return median(rs)
			}
			fmt.Fprintf(out, "\nParley GraphQL ÷ Parley /healthz (req/s, median of per-round ratios): %.2f\n", ratio(1, 0))
			fmt.Fprintf(out, "Parley Gizmo ÷ Parley /healthz: %.2f\n", ratio(2, 0))
			if cayley != "" {
				fmt.Fprintf(out, "Parley GraphQL ÷ cayley http Gizmo: %.2f\n", ratio(1, 3))
				fmt.Fprintf(out, "Parley Gizmo ÷ cayley http Gizmo: %.2f\n", ratio(2, 3))
			}
			fmt.Fprintln(out)
			mem = append(mem, readMem(t, "parley serve, bolt", set, p.pid))
			if cpid != 0 {
				mem = append(mem, readMem(t, "cayley http, bolt", set, cpid))
			}
			if set.noSeed {
				mem = append(mem, memoryRSS(t, set, cayley)...)
			}
		})
	}
	fmt.Fprint(out, memTable(mem))
	fmt.Print(out.String())
}

// makeBenchSet writes the data set size names ("seed", or a quad count for
// a graph from synth with seed 1) to a file in dir.
func makeBenchSet(t *testing.T, dir, size string) benchSet {
	t.Helper()
	if size == "seed" {
		file := filepath.Join(dir, "seed.nq")
		stdout, stderr, err := runParley(t, "", "export", "--store", "memory")
		if err != nil {
			t.Fatalf("export the seed: %v\n%s", err, stderr)
		}
		if err := os.WriteFile(file, []byte(stdout), 0o600); err != nil {
			t.Fatal(err)
		}
		// Krasnoarmeysk is the Russian and Soviet-era name of Pokrovsk.
		return benchSet{label: "seed", file: file, quads: strings.Count(stdout, "\n"), alias: "Krasnoarmeysk", name: "Pokrovsk"}
	}
	n, err := strconv.Atoi(size)
	if err != nil {
		t.Fatalf("PARLEY_BENCH_HTTP_SIZES: %q is neither seed nor a quad count", size)
	}
	d, err := synth.Generate(synth.Config{Quads: n, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(dir, size+".nq")
	if err := os.WriteFile(file, d.NQuads(), 0o600); err != nil {
		t.Fatal(err)
	}
	label := size
	if n%1000 == 0 {
		label = strconv.Itoa(n/1000) + "k"
	}
	return benchSet{label: label, file: file, quads: len(d.Quads), noSeed: true, alias: d.Person.Alias, name: d.Person.Name}
}

// benchLoads times "parley load" and, with a cayley binary, "cayley load"
// of set's file into fresh bolt stores, in turn, runs times each, and
// leaves the last stores at db (and db's ".cayley" sibling) for serving.
func benchLoads(t *testing.T, set benchSet, db, cayley, dir string, runs int) string {
	t.Helper()
	var ps, cs []float64
	for r := range runs {
		last := r == runs-1
		pdb := filepath.Join(dir, fmt.Sprintf("load-%d.parley", r))
		if last {
			pdb = db
		}
		start := time.Now()
		_, stderr, err := runParley(t, "", "load", "--no-seed", "--db", pdb, set.file)
		if err != nil {
			t.Fatalf("parley load: %v\n%s", err, stderr)
		}
		ps = append(ps, float64(set.quads)/time.Since(start).Seconds())
		if !last {
			os.RemoveAll(pdb)
		}
		if cayley != "" {
			cdb := filepath.Join(dir, fmt.Sprintf("load-%d.cayley", r))
			if last {
				cdb = strings.TrimSuffix(db, ".parley") + ".cayley"
			}
			d, err := cayleyLoad(t, cayley, cdb, set.file)
			if err != nil {
				t.Fatal(err)
			}
			cs = append(cs, float64(set.quads)/d.Seconds())
			if !last {
				os.RemoveAll(cdb)
			}
		}
	}
	s := fmt.Sprintf("Bulk load of %s (%d quads) into a fresh bolt store, whole process, median of %d runs in turn:\n\n", set.label, set.quads, runs)
	s += fmt.Sprintf("- parley load: %.0f quads/s\n", median(ps))
	if cayley != "" {
		var rs []float64
		for i := range ps {
			rs = append(rs, ps[i]/cs[i])
		}
		s += fmt.Sprintf("- cayley load: %.0f quads/s\n- parley ÷ cayley (median of per-run ratios): %.2f\n", median(cs), median(rs))
	}
	return s + "\n"
}

// cayleyLoad runs "cayley load --init" of file into a new bolt store at
// db, and returns how long the whole process took.
func cayleyLoad(t *testing.T, cayley, db, file string) (time.Duration, error) {
	t.Helper()
	start := time.Now()
	cmd := exec.Command(cayley, "load", "--init", "-d", "bolt", "-a", db, "-i", file, "--logtostderr=true")
	if out, err := cmd.CombinedOutput(); err != nil {
		return 0, fmt.Errorf("cayley load: %w\n%s", err, out)
	}
	return time.Since(start), nil
}

// startCayley starts "cayley http" on the bolt store at db, on a free port
// of 127.0.0.1, and returns its URL and process ID once it answers. With
// args, it starts "cayley http" with those store flags instead, and logs
// to db+".log".
func startCayley(t *testing.T, cayley, db string, args ...string) (string, int) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	if args == nil {
		args = []string{"-d", "bolt", "-a", db}
	}
	cmd := exec.Command(cayley, append([]string{"http", "--host", addr, "--logtostderr=true"}, args...)...)
	logf, err := os.Create(db + ".log")
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stdout, cmd.Stderr = logf, logf
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cmd.Process.Signal(syscall.SIGTERM)
		cmd.Wait()
		logf.Close()
	})
	base := "http://" + addr
	for range 2400 {
		res, err := http.Get(base + "/")
		if err == nil {
			res.Body.Close()
			return base, cmd.Process.Pid
		}
		time.Sleep(50 * time.Millisecond)
	}
	b, _ := os.ReadFile(db + ".log")
	t.Fatalf("cayley http did not answer; its log:\n%s", b)
	return "", 0
}

// memRow is a reading of a process's resident memory, in kB.
type memRow struct {
	what, set string // process and store; data set ("empty" for a baseline)
	quads     int
	hwm, rss  int64 // VmHWM (peak), VmRSS (0 when read after the process ended)
}

// readMem reads a running process's peak and current resident memory.
func readMem(t *testing.T, what string, set benchSet, pid int) memRow {
	t.Helper()
	hwm, err := procStatus(pid, "VmHWM")
	if err != nil {
		t.Fatal(err)
	}
	rss, err := procStatus(pid, "VmRSS")
	if err != nil {
		t.Fatal(err)
	}
	return memRow{what: what, set: set.label, quads: set.quads, hwm: hwm, rss: rss}
}

// memoryRSS measures the peak resident memory of holding set in memory:
// of "parley load --store memory" (which loads, then exits; its peak
// includes parsing) and, with a cayley binary, of "cayley http" on its
// memstore with the file loaded at start.
func memoryRSS(t *testing.T, set benchSet, cayley string) []memRow {
	t.Helper()
	cmd := parleyCmd(context.Background(), "load", "--store", "memory", "--no-seed", set.file)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("parley load --store memory: %v\n%s", err, out)
	}
	kB := cmd.ProcessState.SysUsage().(*syscall.Rusage).Maxrss
	rows := []memRow{{what: "parley load --store memory (process peak)", set: set.label, quads: set.quads, hwm: kB}}
	if cayley != "" {
		_, pid := startCayley(t, cayley, set.file+".memstore", "-d", "memstore", "-i", set.file)
		rows = append(rows, readMem(t, "cayley http, memstore", set, pid))
	}
	return rows
}

// benchEmpty reads the resident memory of each measured process with no
// data at all, the baseline that per-quad figures are taken above.
func benchEmpty(t *testing.T, dir, cayley string) []memRow {
	t.Helper()
	empty := benchSet{label: "empty", file: filepath.Join(dir, "empty.nq"), noSeed: true}
	if err := os.WriteFile(empty.file, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	var rows []memRow
	t.Run("empty", func(t *testing.T) {
		p := startProc(t, nil, "--no-seed", "--db", filepath.Join(dir, "empty.parley"))
		res := sendLoad(context.Background(), newLoadClient(1), loadSpec{workers: 1, requests: 100, duration: time.Minute,
			routes: []route{getRoute("healthz", p.base+"/healthz")}})
		if n, errs := res.errors(); n > 0 {
			t.Fatalf("%d errors: %v", n, errs)
		}
		rows = append(rows, readMem(t, "parley serve, bolt", empty, p.pid))
		if cayley != "" {
			cdb := filepath.Join(dir, "empty.cayley")
			if out, err := exec.Command(cayley, "init", "-d", "bolt", "-a", cdb).CombinedOutput(); err != nil {
				t.Fatalf("cayley init: %v\n%s", err, out)
			}
			_, pid := startCayley(t, cayley, cdb)
			rows = append(rows, readMem(t, "cayley http, bolt", empty, pid))
		}
		rows = append(rows, memoryRSS(t, empty, cayley)...)
	})
	return rows
}

// memTable prints the readings, with each one's peak per quad above the
// same process's reading with no data.
func memTable(rows []memRow) string {
	base := map[string]int64{}
	for _, r := range rows {
		if r.set == "empty" {
			base[r.what] = r.hwm
		}
	}
	mb := func(kB int64) string {
		if kB == 0 {
			return ""
		}
		return fmt.Sprintf("%.1f MB", float64(kB)/1024)
	}
	var b strings.Builder
	fmt.Fprintln(&b, "| process, store | data | quads | VmHWM (peak) | VmRSS at the end | (VmHWM − empty) ÷ quads |")
	fmt.Fprintln(&b, "| --- | --- | ---: | ---: | ---: | ---: |")
	for _, r := range rows {
		per := ""
		if b0, ok := base[r.what]; ok && r.quads > 0 {
			per = fmt.Sprintf("%.0f B", float64((r.hwm-b0)*1024)/float64(r.quads))
		}
		fmt.Fprintf(&b, "| %s | %s | %d | %s | %s | %s |\n", r.what, r.set, r.quads, mb(r.hwm), mb(r.rss), per)
	}
	return b.String()
}

// medians returns the median throughput, p50 and p99 of a target's rounds,
// and its requests in all.
func medians(rounds []loadResult) (tput float64, p50, p99 time.Duration, n int) {
	var ts, a, b []float64
	for _, r := range rounds {
		ts = append(ts, r.throughput(0))
		a = append(a, float64(r.routes[0].quantile(0.50)))
		b = append(b, float64(r.routes[0].quantile(0.99)))
		n += r.routes[0].n
	}
	round := func(f float64) time.Duration {
		d := time.Duration(f)
		switch {
		case d >= 10*time.Millisecond:
			return d.Round(100 * time.Microsecond)
		case d >= time.Millisecond:
			return d.Round(10 * time.Microsecond)
		}
		return d.Round(time.Microsecond)
	}
	return median(ts), round(median(a)), round(median(b)), n
}

func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

func envInt(t *testing.T, key string, def int) int {
	t.Helper()
	v := os.Getenv(key)
	if v == "" {
		return def
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 {
		t.Fatalf("%s=%q: want a positive whole number", key, v)
	}
	return n
}

// cpuModel returns the CPU's model name from /proc/cpuinfo, or "".
func cpuModel() string {
	b, _ := os.ReadFile("/proc/cpuinfo")
	for _, line := range strings.Split(string(b), "\n") {
		if k, v, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(k) == "model name" {
			return strings.TrimSpace(v)
		}
	}
	return ""
}
