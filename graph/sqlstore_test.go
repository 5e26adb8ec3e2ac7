package graph_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/parley-kg/parley/graph"
	"github.com/parley-kg/parley/graph/pgtest"
	"github.com/parley-kg/parley/seed"
)

// newcomerNQ adds one person that the seed does not have.
const newcomerNQ = `<https://w3id.org/parley/id/test-newcomer> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://schema.org/Person> <https://w3id.org/parley/source/x/p1> .
<https://w3id.org/parley/id/test-newcomer> <https://schema.org/name> "Olena Testenko" <https://w3id.org/parley/source/x/p1> .
<https://w3id.org/parley/id/test-newcomer> <https://schema.org/alternateName> "Олена Тестенко" <https://w3id.org/parley/source/x/p1> .
`

// TestSQLConcurrentOpenAndSeed opens several stores on one new database at
// once, as several servers starting together do, and has each load the
// seed at the same time: the schema is created once and the seed is there
// once.
func TestSQLConcurrentOpenAndSeed(t *testing.T) {
	dsn := pgtest.Fresh(t)
	ctx := context.Background()
	want := quadCount(t, seeded(t))

	const n = 4
	stores := make([]*graph.Store, n)
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			stores[i], errs[i] = graph.Open(ctx, graph.Config{Backend: graph.BackendPostgres, Path: dsn})
			if errs[i] == nil {
				_, errs[i] = stores[i].LoadFS(ctx, seed.FS)
			}
		})
	}
	wg.Wait()
	for i, s := range stores {
		if s != nil {
			t.Cleanup(func() { s.Close() })
		}
		if errs[i] != nil {
			t.Fatalf("store %d: %v", i, errs[i])
		}
	}
	for i, s := range stores {
		if got := quadCount(t, s); got != want {
			t.Errorf("store %d sees %d quads, want one copy of the seed: %d", i, got, want)
		}
	}
}

// seeded returns a memory store holding the seed, the reference.
func seeded(tb testing.TB) *graph.Store {
	s := mustOpen(tb, graph.Config{Backend: graph.BackendMemory})
	mustSeed(tb, s)
	return s
}

// TestSQLNameIndexFollowsOtherWriters writes through one store and asks
// the other, which has its own name index, by the new name and alias.
func TestSQLNameIndexFollowsOtherWriters(t *testing.T) {
	dsn := pgtest.Fresh(t)
	ctx := context.Background()
	tests := []struct {
		name    string
		refresh time.Duration
		within  time.Duration // how long the reader may take to see the write
	}{
		{"EveryLookup", -1, 0},
		{"Interval", 200 * time.Millisecond, 2 * time.Second},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dsn := pgtest.Schema(t, dsn)
			writer := mustOpen(t, graph.Config{Backend: graph.BackendPostgres, Path: dsn})
			reader := mustOpen(t, graph.Config{Backend: graph.BackendPostgres, Path: dsn, RefreshInterval: tc.refresh})
			mustSeed(t, writer)
			if _, err := reader.Entity(ctx, "Olena Testenko"); !errors.Is(err, graph.ErrNotFound) {
				t.Fatalf("before the write: got %v, want ErrNotFound", err)
			}
			if _, err := writer.Load(ctx, "newcomer.nq", strings.NewReader(newcomerNQ)); err != nil {
				t.Fatal(err)
			}
			deadline := time.Now().Add(tc.within)
			for _, name := range []string{"Olena Testenko", "олена тестенко", "Krasnoarmeysk"} {
				for {
					e, err := reader.Entity(ctx, name)
					if err == nil {
						if e.Name == "" {
							t.Errorf("%q: entity without a name", name)
						}
						break
					}
					if time.Now().After(deadline) {
						t.Fatalf("reader: %q: %v (after %v)", name, err, tc.within)
					}
					time.Sleep(20 * time.Millisecond)
				}
			}
			if got, want := quadCount(t, reader), quadCount(t, writer); got != want {
				t.Errorf("reader counts %d quads, writer %d", got, want)
			}
		})
	}
}

// TestSQLUnreachable opens a store on a port where nothing listens: the
// error is quick, says the database is unavailable, names the host, and
// never shows the password.
func TestSQLUnreachable(t *testing.T) {
	for _, backend := range []string{graph.BackendPostgres} {
		t.Run(backend, func(t *testing.T) {
			start := time.Now()
			_, err := graph.Open(context.Background(), graph.Config{Backend: backend,
				Path: "postgres://parley:hunter2@127.0.0.1:1/parley?sslmode=disable", ConnectTimeout: 2 * time.Second})
			if !errors.Is(err, graph.ErrUnavailable) {
				t.Fatalf("got %v, want ErrUnavailable", err)
			}
			if msg := err.Error(); !strings.Contains(msg, "127.0.0.1:1") || strings.Contains(msg, "hunter2") {
				t.Errorf("error %q should name the host and hide the password", msg)
			}
			if d := time.Since(start); d > 10*time.Second {
				t.Errorf("took %v to fail", d)
			}
		})
	}
}

func TestRedactDSN(t *testing.T) {
	tests := []struct{ in, want string }{
		{"postgres://u:secret@db:5432/p?sslmode=disable", "postgres://u:xxxxx@db:5432/p?sslmode=disable"},
		{"postgres://u@db/p", "postgres://u@db/p"},
		{"postgres://db/p?password=secret&sslmode=disable", "postgres://db/p?password=xxxxx&sslmode=disable"},
		{"host=db user=u password=secret dbname=p", "host=db user=u password=xxxxx dbname=p"},
		{"host=db password='se cret' dbname=p", "host=db password=xxxxx dbname=p"},
	}
	for _, tc := range tests {
		if got := graph.RedactDSN(tc.in); got != tc.want {
			t.Errorf("RedactDSN(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestSQLWritersOnOneDatabase has two stores, as two servers would, write
// at the same moment changes that are valid alone and conflict together:
// each gives the same new topic a different name. Exactly one of each pair
// must pass, and every topic must end with one name.
func TestSQLWritersOnOneDatabase(t *testing.T) {
	dsn := pgtest.Fresh(t)
	ctx := context.Background()
	a := mustOpen(t, graph.Config{Backend: graph.BackendPostgres, Path: dsn})
	b := mustOpen(t, graph.Config{Backend: graph.BackendPostgres, Path: dsn})
	mustSeed(t, a)
	srcs, err := a.Sources(ctx)
	if err != nil || len(srcs) == 0 {
		t.Fatalf("seed sources: %d, %v", len(srcs), err)
	}
	label := "<" + srcs[0].IRI + ">"
	const rounds = 10
	for i := range rounds {
		topic := fmt.Sprintf("<https://w3id.org/parley/id/test-race-%d>", i)
		write := func(s *graph.Store, name string) error {
			nq := topic + " <" + graph.PredType + "> <" + graph.ClassTopic + "> " + label + " .\n" +
				topic + " <" + graph.PredName + "> \"" + name + "\" " + label + " .\n"
			_, err := s.AddQuads(ctx, graph.Change{Author: "test"}, name+".nq", strings.NewReader(nq))
			return err
		}
		var wg sync.WaitGroup
		start := make(chan struct{})
		errs := make([]error, 2)
		for j, s := range []*graph.Store{a, b} {
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-start
				errs[j] = write(s, fmt.Sprintf("Race %d by %c", i, 'A'+j))
			}()
		}
		close(start)
		wg.Wait()
		var vs *graph.ViolationsError
		if (errs[0] == nil) == (errs[1] == nil) || !errors.As(errors.Join(errs...), &vs) {
			t.Errorf("round %d: errors %v; want one write to pass and the other to be refused by the vocabulary", i, errs)
		}
		names, err := a.Quads(ctx, graph.QuadFilter{Subject: topic, Predicate: "<" + graph.PredName + ">"})
		if err != nil {
			t.Fatal(err)
		}
		if len(names) != 1 {
			t.Errorf("round %d: the topic has %d names: %v", i, len(names), names)
		}
	}
}
