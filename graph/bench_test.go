package graph_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"runtime/pprof"
	"sync"
	"testing"
	"time"

	"github.com/parley-kg/parley/graph"
	"github.com/parley-kg/parley/graph/pgtest"
	"github.com/parley-kg/parley/graph/synth"
)

// synthetic caches the generated graphs by size, as N-Quads, so that each
// is generated once per benchmark binary run.
var synthetic = struct {
	sync.Mutex
	m map[int]*syntheticGraph
}{m: map[int]*syntheticGraph{}}

type syntheticGraph struct {
	once   sync.Once
	d      *synth.Dataset
	nquads []byte
	err    error
}

// mustSynthetic returns the generated graph of n quads and its N-Quads.
func mustSynthetic(b *testing.B, n int) (*synth.Dataset, []byte) {
	b.Helper()
	synthetic.Lock()
	g := synthetic.m[n]
	if g == nil {
		g = &syntheticGraph{}
		synthetic.m[n] = g
	}
	synthetic.Unlock()
	g.once.Do(func() {
		if g.d, g.err = synth.Generate(synth.Config{Quads: n, Seed: 1}); g.err == nil {
			g.nquads = g.d.NQuads()
		}
	})
	if g.err != nil {
		b.Fatal(g.err)
	}
	return g.d, g.nquads
}

// heapBytes reads the bytes of live and not yet swept heap objects, without
// stopping the world.
func heapBytes(s []metrics.Sample) uint64 {
	metrics.Read(s)
	return s[0].Value.Uint64()
}

// peakHeap samples the heap every millisecond until stop is called, and
// then returns the highest value seen.
func peakHeap() (stop func() uint64) {
	s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	var (
		peak = heapBytes(s)
		done = make(chan struct{})
		out  = make(chan uint64)
	)
	go func() {
		t := time.NewTicker(time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-t.C:
				peak = max(peak, heapBytes(s))
			case <-done:
				out <- max(peak, heapBytes(s))
				return
			}
		}
	}()
	return func() uint64 { close(done); return <-out }
}

// BenchmarkLoad times a bulk load, what "parley load" does with one file:
// parse the N-Quads of a synthetic graph, then write them to a fresh store
// in one transaction and update the name index. It reports quads/s, the
// heap's peak during the load over its level before (peak-MB), and the bytes
// allocated per quad (B/quad).
//
//	go test -run '^$' -bench Load -count 5 ./graph/
func BenchmarkLoad(b *testing.B) {
	ctx := context.Background()
	for _, n := range synth.BenchSizes(os.Getenv) {
		b.Run(synth.SizeName(n), func(b *testing.B) {
			_, data := mustSynthetic(b, n)
			for _, backend := range []string{graph.BackendMemory, graph.BackendBolt} {
				b.Run(backend, func(b *testing.B) {
					dir := b.TempDir()
					var peak uint64
					var ms0, ms1 runtime.MemStats
					runtime.ReadMemStats(&ms0)
					i := 0
					for b.Loop() {
						b.StopTimer()
						i++
						cfg := graph.Config{Backend: backend, Path: filepath.Join(dir, fmt.Sprint(i))}
						s := mustOpen(b, cfg)
						runtime.GC()
						stop := peakHeap()
						before := heapBytes([]metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}})
						b.StartTimer()
						res, err := s.Load(ctx, "synthetic.nq", bytes.NewReader(data))
						b.StopTimer()
						peak = max(peak, stop()-before)
						if err != nil || res.Added != n {
							b.Fatalf("load: added %d of %d: %v", res.Added, n, err)
						}
						s.Close()
						os.RemoveAll(cfg.Path)
						b.StartTimer()
					}
					runtime.ReadMemStats(&ms1)
					b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "quads/s")
					b.ReportMetric(float64(peak)/(1<<20), "peak-MB")
					b.ReportMetric(float64(ms1.TotalAlloc-ms0.TotalAlloc)/float64(n*b.N), "B/quad")
				})
			}
		})
	}
}

// BenchmarkCanonicalQueries compares the backends on the canonical
// questions, asked through the graph package, at 100k quads: bolt, and
// PostgreSQL when PARLEY_TEST_POSTGRES is set (it is skipped otherwise).
// Each PostgreSQL result carries "x-bolt": its time over bolt's. It also
// times opening a second store over the loaded database, which builds the
// name index from it. BenchmarkQuestions in package schema sets memory,
// bolt, Cayley's own API and GraphQL side by side.
//
//	go test -run '^$' -bench CanonicalQueries -benchtime 20x ./graph/
func BenchmarkCanonicalQueries(b *testing.B) {
	if os.Getenv(pgtest.Env) == "" && os.Getenv("CI") == "" {
		b.Skipf("compares bolt with PostgreSQL: set %s", pgtest.Env)
	}
	const n = 100_000
	d, data := mustSynthetic(b, n)
	ctx := context.Background()
	backends := []struct {
		name string
		cfg  func(b *testing.B) graph.Config
	}{
		{"bolt", func(b *testing.B) graph.Config {
			return graph.Config{Backend: graph.BackendBolt, Path: filepath.Join(b.TempDir(), "db")}
		}},
		{"postgres", func(b *testing.B) graph.Config {
			return graph.Config{Backend: graph.BackendPostgres, Path: pgtest.Fresh(b)}
		}},
	}
	boltNs := map[string]float64{}
	for _, be := range backends {
		b.Run(be.name, func(b *testing.B) {
			cfg := be.cfg(b)
			s := mustOpen(b, cfg)
			start := time.Now()
			if _, err := s.Load(ctx, "synthetic.nq", bytes.NewReader(data)); err != nil {
				b.Fatal(err)
			}
			b.Logf("%s: loaded %d quads in %v", be.name, n, time.Since(start).Round(time.Millisecond))
			if be.name != "bolt" { // a bolt store is open once at a time
				start = time.Now()
				mustOpen(b, cfg)
				b.Logf("%s: opened a second store (building its name index) in %v", be.name, time.Since(start).Round(time.Millisecond))
			}
			for _, q := range d.Questions() {
				b.Run(q.Name, func(b *testing.B) {
					for b.Loop() {
						if _, err := q.Graph(ctx, s); err != nil {
							b.Fatal(err)
						}
					}
					ns := float64(b.Elapsed().Nanoseconds()) / float64(b.N)
					if be.name == "bolt" {
						boltNs[q.Name] = ns
					} else if bolt := boltNs[q.Name]; bolt > 0 {
						b.ReportMetric(ns/bolt, "x-bolt")
					}
				})
			}
		})
	}
}

// BenchmarkBackends asks each canonical question of a synthetic graph
// through the graph package on the memory store and on bolt, side by side,
// at each size of synth.BenchSizes (1M with PARLEY_BENCH_1M=1). Each bolt
// result carries "x-memory": its time over the memory store's in the same
// run. It is the graph package's half of BenchmarkQuestions in package
// schema, without the raw Cayley and GraphQL ways, for profiling reads:
//
//	go test -run '^$' -bench Backends -count 5 ./graph/
//	go test -run '^$' -bench 'Backends/100k' -cpuprofile cpu.out ./graph/
//	go tool pprof -top -tagfocus backend=bolt graph.test cpu.out
func BenchmarkBackends(b *testing.B) {
	ctx := context.Background()
	for _, n := range synth.BenchSizes(os.Getenv) {
		b.Run(synth.SizeName(n), func(b *testing.B) {
			d, data := mustSynthetic(b, n)
			memNs := map[string]float64{}
			for _, backend := range []string{graph.BackendMemory, graph.BackendBolt} {
				b.Run(backend, func(b *testing.B) {
					s := mustOpen(b, graph.Config{Backend: backend, Path: filepath.Join(b.TempDir(), "db")})
					if _, err := s.Load(ctx, "synthetic.nq", bytes.NewReader(data)); err != nil {
						b.Fatal(err)
					}
					for _, q := range d.Questions() {
						b.Run(q.Name, func(b *testing.B) {
							b.ReportAllocs()
							// The labels let a profile tell the backends and questions apart:
							// go tool pprof -tagfocus backend=bolt,question=Connection
							pprof.Do(ctx, pprof.Labels("backend", backend, "question", q.Name), func(ctx context.Context) {
								for b.Loop() {
									if _, err := q.Graph(ctx, s); err != nil {
										b.Fatal(err)
									}
								}
							})
							ns := float64(b.Elapsed().Nanoseconds()) / float64(b.N)
							if backend == graph.BackendMemory {
								memNs[q.Name] = ns
							} else if m := memNs[q.Name]; m > 0 {
								b.ReportMetric(ns/m, "x-memory")
							}
						})
					}
				})
			}
		})
	}
}
