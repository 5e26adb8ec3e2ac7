package schema_test

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/parley-kg/parley/graph"
	"github.com/parley-kg/parley/schema"
)

// resolveCounter is a seeded store that counts the entity look-ups the
// schema makes of it; it keeps the store's Generation, so that the
// handler's response cache serves it.
type resolveCounter struct {
	*graph.Store
	resolves atomic.Int64
}

func (c *resolveCounter) Resolve(ctx context.Context, ref string) (string, error) {
	c.resolves.Add(1)
	return c.Store.Resolve(ctx, ref)
}

// failingOnce is a seeded store whose first entity look-up fails, as one
// does when the database is briefly out of reach.
type failingOnce struct {
	*graph.Store
	failed atomic.Bool
}

func (f *failingOnce) Resolve(ctx context.Context, ref string) (string, error) {
	if f.failed.CompareAndSwap(false, true) {
		return "", errors.New("database briefly out of reach")
	}
	return f.Store.Resolve(ctx, ref)
}

// An answer with an error is not kept: the same question asked again, with
// the store unchanged, gets the store's answer, not the error.
func TestResponseCacheKeepsNoErrors(t *testing.T) {
	st := &failingOnce{Store: mustOpen(t)}
	h := schema.Handler(mustSchema(t, st), schema.HandlerOptions{Logger: slog.New(slog.DiscardHandler), ResponseCacheBytes: 1 << 20})
	req := httptest.NewRequest(http.MethodPost, "/graphql",
		strings.NewReader(`{"query":"query ($n: String) { entity(name: $n) { name aliases } }","variables":{"n":"Pokrovsk"}}`))
	req.Header.Set("Content-Type", "application/json")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if !strings.Contains(rec.Body.String(), `"errors"`) {
		t.Fatalf("the first look-up fails, yet the answer is %s", rec.Body)
	}
	askAliases(t, h) // fails the test if the error is served again
}

// askAliases posts the question of Pokrovsk's aliases to h and returns the
// body of the answer.
func askAliases(t *testing.T, h http.Handler) string {
	t.Helper()
	req := httptest.NewRequest(http.MethodPost, "/graphql",
		strings.NewReader(`{"query":"query ($n: String) { entity(name: $n) { name aliases } }","variables":{"n":"Pokrovsk"}}`))
	req.Header.Set("Content-Type", "application/json")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	b, _ := io.ReadAll(rec.Body)
	if rec.Code != http.StatusOK || !strings.Contains(string(b), `"name":"Pokrovsk"`) || strings.Contains(string(b), `"errors"`) {
		t.Fatalf("status %d, body %s; want Pokrovsk without errors", rec.Code, b)
	}
	if ct := rec.Header().Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Errorf("Content-Type %q", ct)
	}
	return string(b)
}

// The response cache answers a repeated question without the store, and a
// write, through any of the store's write paths, gives the new answer at
// once: the written alias appears, the removed one goes.
func TestResponseCacheSeesWrites(t *testing.T) {
	ctx := context.Background()
	st := &resolveCounter{Store: mustOpen(t)}
	h := schema.Handler(mustSchema(t, st), schema.HandlerOptions{Logger: slog.New(slog.DiscardHandler), ResponseCacheBytes: 1 << 20})

	first := askAliases(t, h)
	if strings.Contains(first, "Pokrowsk") {
		t.Fatalf("the seed already has the alias this test writes: %s", first)
	}
	n := st.resolves.Load()
	if again := askAliases(t, h); again != first || st.resolves.Load() != n {
		t.Fatalf("the repeated question: %d more look-ups, body %s; want none, and the same body", st.resolves.Load()-n, again)
	}

	ch := graph.Change{Author: "alice"}
	if _, err := st.AddQuads(ctx, ch, "test", strings.NewReader(pokrowsk)); err != nil {
		t.Fatal(err)
	}
	after := askAliases(t, h)
	if !strings.Contains(after, "Pokrowsk") {
		t.Fatalf("after the write the answer is %s; want the alias written", after)
	}
	if again := askAliases(t, h); again != after {
		t.Errorf("the question asked again after the write: %s; want %s", again, after)
	}

	// Remove the quad as stored (relabelled with its contribution).
	var stored []string
	qs, err := st.Quads(ctx, graph.QuadFilter{Object: `"Pokrowsk"`})
	if err != nil || len(qs) != 1 {
		t.Fatalf("quads of the alias: %v %v", qs, err)
	}
	for _, q := range qs {
		stored = append(stored, q.Subject+" "+q.Predicate+" "+q.Object+" "+q.Label+" .")
	}
	if _, err := st.RemoveQuads(ctx, ch, "test", strings.NewReader(strings.Join(stored, "\n"))); err != nil {
		t.Fatal(err)
	}
	if gone := askAliases(t, h); gone != first {
		t.Errorf("after the removal the answer is %s; want the first again, %s", gone, first)
	}
}

// With the cache off, every question goes to the store.
func TestResponseCacheOff(t *testing.T) {
	st := &resolveCounter{Store: mustOpen(t)}
	h := schema.Handler(mustSchema(t, st), schema.HandlerOptions{Logger: slog.New(slog.DiscardHandler)})
	askAliases(t, h)
	n := st.resolves.Load()
	askAliases(t, h)
	if st.resolves.Load() == n {
		t.Error("the repeated question made no look-up with the cache off")
	}
}
