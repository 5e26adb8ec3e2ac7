package schema_test

import (
	"context"
	"encoding/json"
	"log/slog"
	"strings"
	"testing"

	"github.com/parley-kg/parley/graph/caller"
	"github.com/parley-kg/parley/schema"
)

// writableSchema returns the schema over a seeded store, with mutations.
func writableSchema(tb testing.TB) *schema.Schema {
	tb.Helper()
	st := mustOpen(tb)
	s, err := schema.New(st, schema.Options{Logger: slog.New(slog.DiscardHandler), Writer: st, WriteDenied: "writes are off here"})
	if err != nil {
		tb.Fatalf("New: %v", err)
	}
	return s
}

// runAs executes query with ctx, decoded as a client would read it.
func runAs(tb testing.TB, ctx context.Context, s *schema.Schema, query string, vars map[string]any) result {
	tb.Helper()
	res := schema.Execute(ctx, s, query, vars)
	b, err := json.Marshal(res)
	if err != nil {
		tb.Fatal(err)
	}
	var r result
	if err := json.Unmarshal(b, &r); err != nil {
		tb.Fatal(err)
	}
	return r
}

const addAlias = `mutation ($q: String!) { addQuads(nquads: $q) { quads changed contributions { author paragraph cites } } }`

// pokrowsk adds a spelling of Pokrovsk, citing paragraph 18 of the article
// (where it names the town's Soviet-era name).
const pokrowsk = `<https://w3id.org/parley/id/pokrovsk> <https://schema.org/alternateName> "Pokrowsk" <https://w3id.org/parley/source/000_508fa90569225c0e/p18> .`

func TestMutationNeedsAnAuthor(t *testing.T) {
	s := writableSchema(t)
	r := runAs(t, context.Background(), s, addAlias, map[string]any{"q": pokrowsk})
	if len(r.Errors) != 1 || r.codes()[0] != schema.CodeForbidden || r.Errors[0].Message != "writes are off here" {
		t.Fatalf("errors %v %q; want one FORBIDDEN saying what the server was told to say", r.codes(), r.messages())
	}
	r = runAs(t, context.Background(), s, `{ entity(name: "Pokrowsk") { id } }`, nil)
	if len(r.Errors) != 1 || r.codes()[0] != schema.CodeNotFound {
		t.Errorf("after a refused write, the alias resolves: %v", r.Data)
	}
}

func TestMutationAddsWithProvenance(t *testing.T) {
	s := writableSchema(t)
	ctx := caller.WithAuthor(context.Background(), "alice")
	r := runAs(t, ctx, s, addAlias, map[string]any{"q": pokrowsk})
	if len(r.Errors) > 0 {
		t.Fatal(r.messages())
	}
	got := r.Data["addQuads"].(map[string]any)
	c := got["contributions"].([]any)
	if got["changed"] != 1.0 || len(c) != 1 {
		t.Fatalf("addQuads = %v; want 1 quad changed under 1 contribution", got)
	}
	if src := c[0].(map[string]any); src["author"] != "alice" || src["paragraph"] != 18.0 ||
		!strings.HasSuffix(src["cites"].(string), "/p18") {
		t.Errorf("contribution %v; want alice's, citing paragraph 18", src)
	}
	r = runAs(t, ctx, s, `{ entity(name: "Pokrowsk") { name } }`, nil)
	if len(r.Errors) > 0 || r.Data["entity"].(map[string]any)["name"] != "Pokrovsk" {
		t.Errorf("entity by the written alias: %v %s", r.Data, r.messages())
	}
}

func TestMutationRejectsWithLines(t *testing.T) {
	s := writableSchema(t)
	ctx := caller.WithAuthor(context.Background(), "alice")
	bad := pokrowsk + "\n" + `<https://w3id.org/parley/id/pokrovsk> <https://example.org/nickname> "x" <https://w3id.org/parley/source/000_508fa90569225c0e/p18> .`
	r := runAs(t, ctx, s, addAlias, map[string]any{"q": bad})
	if len(r.Errors) != 1 || r.codes()[0] != schema.CodeBadUserInput {
		t.Fatalf("errors %v %q; want one BAD_USER_INPUT", r.codes(), r.messages())
	}
	vs, _ := r.Errors[0].Extensions["violations"].([]any)
	if len(vs) != 1 || vs[0].(map[string]any)["line"] != 2.0 || !strings.Contains(r.Errors[0].Message, "nquads:2:") {
		t.Errorf("violations %v, message %q; want the unknown predicate at line 2", vs, r.Errors[0].Message)
	}
	r = runAs(t, ctx, s, `{ entity(name: "Pokrowsk") { id } }`, nil)
	if len(r.Errors) != 1 || r.codes()[0] != schema.CodeNotFound {
		t.Errorf("the good line of a rejected batch was written: %v", r.Data)
	}
}

func TestMutationRemoves(t *testing.T) {
	s := writableSchema(t)
	ctx := caller.WithAuthor(context.Background(), "alice")
	if r := runAs(t, ctx, s, addAlias, map[string]any{"q": pokrowsk}); len(r.Errors) > 0 {
		t.Fatal(r.messages())
	}
	r := runAs(t, ctx, s, `{ quads(object: "\"Pokrowsk\"") { subject predicate object label } }`, nil)
	qs := r.Data["quads"].([]any)
	if len(qs) != 1 {
		t.Fatalf("quads with the alias: %v %s", r.Data, r.messages())
	}
	q := qs[0].(map[string]any)
	line := q["subject"].(string) + " " + q["predicate"].(string) + " " + q["object"].(string) + " " + q["label"].(string) + " ."
	r = runAs(t, ctx, s, `mutation ($q: String!) { removeQuads(nquads: $q) { changed } }`, map[string]any{"q": line})
	if len(r.Errors) > 0 || r.Data["removeQuads"].(map[string]any)["changed"] != 6.0 {
		t.Fatalf("removeQuads: %v %s; want the quad and its contribution's 5 removed", r.Data, r.messages())
	}
}
