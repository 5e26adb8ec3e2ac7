package schema_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/graphql-go/graphql"
	"github.com/graphql-go/graphql/language/parser"
	"github.com/parley-kg/parley/graph"
	"github.com/parley-kg/parley/graph/synth"
	"github.com/parley-kg/parley/schema"
	"github.com/parley-kg/parley/seed"
)

// benchDir holds the bolt stores the benchmarks load, shared by every run
// of the benchmark binary and removed by TestMain.
var benchDir string

// TestMain removes the benchmarks' bolt stores after the run.
func TestMain(m *testing.M) {
	code := m.Run()
	if benchDir != "" {
		os.RemoveAll(benchDir)
	}
	os.Exit(code)
}

// loaded is a generated graph loaded into one backend, with the schema over
// it.
type loaded struct {
	once   sync.Once
	data   *synth.Dataset
	store  *graph.Store
	schema *schema.Schema
	err    error
}

// fixtures caches, per size and backend, the loaded graph, so that each
// graph is generated and loaded once per benchmark binary run however many
// benchmarks and -count runs use it.
var fixtures = struct {
	sync.Mutex
	data   map[int]*synth.Dataset
	loaded map[string]*loaded
}{data: map[int]*synth.Dataset{}, loaded: map[string]*loaded{}}

// fixture returns the graph of n quads loaded into backend.
func fixture(b testing.TB, n int, backend string) *loaded {
	b.Helper()
	key := fmt.Sprintf("%d/%s", n, backend)
	fixtures.Lock()
	l := fixtures.loaded[key]
	if l == nil {
		l = &loaded{}
		fixtures.loaded[key] = l
	}
	fixtures.Unlock()
	l.once.Do(func() {
		start := time.Now()
		fixtures.Lock()
		d := fixtures.data[n]
		if d == nil {
			d, l.err = synth.Generate(synth.Config{Quads: n, Seed: 1})
			fixtures.data[n] = d
		}
		fixtures.Unlock()
		if l.err != nil {
			return
		}
		cfg := graph.Config{Backend: backend}
		if backend == graph.BackendBolt {
			if l.err = makeBenchDir(); l.err != nil {
				return
			}
			cfg.Path = filepath.Join(benchDir, key)
		}
		ctx := context.Background()
		if l.store, l.err = graph.Open(ctx, cfg); l.err != nil {
			return
		}
		if _, l.err = l.store.Load(ctx, "synthetic.nq", bytes.NewReader(d.NQuads())); l.err != nil {
			return
		}
		l.data = d
		l.schema, l.err = schema.New(l.store, schema.Options{Logger: slog.New(slog.DiscardHandler)})
		b.Logf("%s: generated and loaded %d quads in %v", key, n, time.Since(start).Round(time.Millisecond))
	})
	if l.err != nil {
		b.Fatalf("fixture %s: %v", key, l.err)
	}
	return l
}

func makeBenchDir() error {
	fixtures.Lock()
	defer fixtures.Unlock()
	if benchDir != "" {
		return nil
	}
	dir, err := os.MkdirTemp("", "parley-bench-")
	benchDir = dir
	return err
}

// graphqlDo runs a GraphQL query through parse, validation and execution
// with graphql-go (what graphql.Do does, with an execution's loader), and
// fails on any error in the result.
func graphqlDo(ctx context.Context, s *schema.Schema, q synth.Question) error {
	doc, err := parser.Parse(parser.ParseParams{Source: q.GraphQL})
	if err != nil {
		return err
	}
	gs := schema.GraphQL(s)
	if v := graphql.ValidateDocument(&gs, doc, nil); !v.IsValid {
		return fmt.Errorf("%s: %v", q.Name, v.Errors)
	}
	return resultErr(q, schema.ExecuteGraphQLGo(ctx, s, schema.NewDocument(doc), "", q.Variables))
}

// prepare parses and validates q's document once, and returns two
// functions that only execute it: with graphql-go (what the HTTP handler
// did for a query in its document cache before plans), and as the handler
// now does, by the document's compiled plan (see schema/exec.go). It
// checks that the plan answers, and answers what graphql-go answers.
func prepare(b *testing.B, s *schema.Schema, q synth.Question) (execute, plan func(ctx context.Context) error) {
	b.Helper()
	doc, err := parser.Parse(parser.ParseParams{Source: q.GraphQL})
	if err != nil {
		b.Fatal(err)
	}
	gs := schema.GraphQL(s)
	if v := graphql.ValidateDocument(&gs, doc, nil); !v.IsValid {
		b.Fatal(v.Errors)
	}
	d := schema.NewDocument(doc)
	ctx := context.Background()
	want, err := json.Marshal(schema.ExecuteGraphQLGo(ctx, s, d, "", q.Variables))
	if err != nil {
		b.Fatal(err)
	}
	if !schema.Planned(s, d, "") {
		b.Fatalf("%s: the document has no plan", q.Name)
	}
	if got, _ := json.Marshal(schema.ExecuteDocument(ctx, s, d, "", q.Variables)); !bytes.Equal(got, want) {
		b.Fatalf("%s: the plan answered\n%.2000s\ngraphql-go answered\n%.2000s", q.Name, got, want)
	}
	execute = func(ctx context.Context) error {
		return resultErr(q, schema.ExecuteGraphQLGo(ctx, s, d, "", q.Variables))
	}
	plan = func(ctx context.Context) error {
		return resultErr(q, schema.ExecuteDocument(ctx, s, d, "", q.Variables))
	}
	return execute, plan
}

func resultErr(q synth.Question, res *graphql.Result) error {
	if len(res.Errors) > 0 {
		return fmt.Errorf("%s: %v", q.Name, res.Errors)
	}
	return nil
}

// BenchmarkQuestions asks each canonical question of a synthetic graph
// (see synth.Dataset.Questions) six ways side by side, on memory and
// bolt, at each size of synth.BenchSizes (1M with PARLEY_BENCH_1M=1):
//
//	raw      Cayley's path API and quad iterators, from the same names,
//	         building the same answer as the GraphQL query (raw_test.go)
//	graph    Parley's graph package, from names
//	graphql  the schema: parse, validate and execute the GraphQL document
//	execute  the schema: execute a document parsed and validated once with
//	         graphql-go, as the HTTP handler did for a cached query
//	plan     the schema: execute a document parsed and validated once by
//	         its compiled plan, as the HTTP handler does for a cached query
//	handler  the HTTP handler with its document cache warm: decode the
//	         request, check limits, execute, encode the JSON response
//
// Every way but raw reports "x-raw", its time over raw's in the same run;
// on bolt every way reports "x-memory", its time over the memory store's.
// "paired" runs the ways in turn in each iteration and reports each way's
// time over raw's ("plan/raw"), which a busy machine skews less.
// Before timing, it checks that the raw answer equals the GraphQL result.
//
//	go test -run '^$' -bench Questions -count 5 ./schema/
func BenchmarkQuestions(b *testing.B) {
	ctx := context.Background()
	for _, n := range synth.BenchSizes(os.Getenv) {
		b.Run(synth.SizeName(n), func(b *testing.B) {
			memNs := map[string]float64{} // question/way → ns/op on memory
			for _, backend := range []string{graph.BackendMemory, graph.BackendBolt} {
				b.Run(backend, func(b *testing.B) {
					f := fixture(b, n, backend)
					for _, q := range f.data.Questions() {
						b.Run(q.Name, func(b *testing.B) {
							benchWays(ctx, b, f, q, backend, memNs)
						})
					}
				})
			}
		})
	}
}

// benchWays times question q six ways on fixture f.
func benchWays(ctx context.Context, b *testing.B, f *loaded, q synth.Question, backend string, memNs map[string]float64) {
	raw := rawQuestions(f.data)[q.Name]
	if raw == nil {
		b.Fatalf("no raw baseline for question %s", q.Name)
	}
	want, err := raw(ctx, f.store.QuadStore())
	if err != nil {
		b.Fatalf("raw: %v", err)
	}
	if err := sameAnswer(ctx, f, q, want); err != nil {
		b.Fatal(err)
	}
	rawN := answerLen(want)
	if _, err := q.Graph(ctx, f.store); err != nil {
		b.Fatalf("graph: %v", err)
	}
	execute, plan := prepare(b, f.schema, q)
	serve := handlerRequest(b, f.schema, q)
	ways := []struct {
		name string
		run  func() error
	}{
		{"raw", func() error { _, err := raw(ctx, f.store.QuadStore()); return err }},
		{"graph", func() error { _, err := q.Graph(ctx, f.store); return err }},
		{"graphql", func() error { return graphqlDo(ctx, f.schema, q) }},
		{"execute", func() error { return execute(ctx) }},
		{"plan", func() error { return plan(ctx) }},
		{"handler", serve},
	}
	var rawNs float64
	b.Run("paired", func(b *testing.B) { benchPaired(b, ways) })
	for _, w := range ways {
		b.Run(w.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if err := w.run(); err != nil {
					b.Fatal(err)
				}
			}
			ns := float64(b.Elapsed().Nanoseconds()) / float64(b.N)
			b.ReportMetric(float64(rawN), "results")
			if w.name == "raw" {
				rawNs = ns
			} else if rawNs > 0 {
				b.ReportMetric(ns/rawNs, "x-raw")
			}
			key := q.Name + "/" + w.name
			if backend == graph.BackendMemory {
				memNs[key] = ns
			} else if m := memNs[key]; m > 0 {
				b.ReportMetric(ns/m, "x-memory")
			}
		})
	}
}

// benchPaired runs every way once per iteration, in turn, starting with a
// different way each time, and reports each way's total time over raw's:
// ratios that a busy machine's bursts skew less than ratios of separate
// benchmarks, since every way meets the same bursts.
func benchPaired(b *testing.B, ways []struct {
	name string
	run  func() error
}) {
	spent := make([]time.Duration, len(ways))
	for n := 0; b.Loop(); n++ {
		for j := range ways {
			i := (n + j) % len(ways) // each way in turn goes first, and pays for the garbage of the others
			start := time.Now()
			if err := ways[i].run(); err != nil {
				b.Fatal(err)
			}
			spent[i] += time.Since(start)
		}
	}
	for i, w := range ways[1:] {
		b.ReportMetric(float64(spent[i+1])/float64(spent[0]), w.name+"/raw")
	}
}

// handlerRequest returns a function that asks q through the schema's HTTP
// handler, with its document cache warm: what "parley serve" does for a
// repeated query, JSON decoding and encoding included.
func handlerRequest(b *testing.B, s *schema.Schema, q synth.Question) func() error {
	b.Helper()
	h := schema.Handler(s, schema.HandlerOptions{Logger: slog.New(slog.DiscardHandler)})
	body, err := json.Marshal(map[string]any{"query": q.GraphQL, "variables": q.Variables})
	if err != nil {
		b.Fatal(err)
	}
	serve := func() error {
		req := httptest.NewRequest(http.MethodPost, "/graphql", bytes.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK || bytes.Contains(rec.Body.Bytes(), []byte(`"errors"`)) {
			return fmt.Errorf("%s: %d %.500s", q.Name, rec.Code, rec.Body.Bytes())
		}
		return nil
	}
	if err := serve(); err != nil { // fills the document cache
		b.Fatal(err)
	}
	return serve
}

// BenchmarkStartup times what "parley serve" does before it listens, on a
// fresh store each time: open the store, load the embedded seed, build the
// name index, the schema and the GraphQL handler, and answer a first query.
//
//	go test -run '^$' -bench Startup -count 5 ./schema/
func BenchmarkStartup(b *testing.B) {
	ctx := context.Background()
	for _, backend := range []string{graph.BackendMemory, graph.BackendBolt} {
		b.Run(backend, func(b *testing.B) {
			dir := b.TempDir()
			i := 0
			for b.Loop() {
				i++
				cfg := graph.Config{Backend: backend}
				if backend == graph.BackendBolt {
					cfg.Path = filepath.Join(dir, fmt.Sprint(i))
				}
				st, err := graph.Open(ctx, cfg)
				if err != nil {
					b.Fatal(err)
				}
				if _, err := st.LoadFS(ctx, seed.FS); err != nil {
					b.Fatal(err)
				}
				s, err := schema.New(st, schema.Options{Logger: slog.New(slog.DiscardHandler)})
				if err != nil {
					b.Fatal(err)
				}
				h := schema.Handler(s, schema.HandlerOptions{Logger: slog.New(slog.DiscardHandler)})
				req := httptest.NewRequest(http.MethodPost, "/graphql",
					strings.NewReader(`{"query":"{ entity(name: \"Krasnoarmeysk\") { name } }"}`))
				req.Header.Set("Content-Type", "application/json")
				rec := httptest.NewRecorder()
				h.ServeHTTP(rec, req)
				if body, _ := io.ReadAll(rec.Body); rec.Code != http.StatusOK || !bytes.Contains(body, []byte("Pokrovsk")) {
					b.Fatalf("first query: %d %s", rec.Code, body)
				}
				b.StopTimer()
				st.Close()
				b.StartTimer()
			}
		})
	}
}
