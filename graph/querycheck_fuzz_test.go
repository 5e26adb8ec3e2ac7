package graph_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/parley-kg/parley/graph"
)

// fuzzCayleyQuery runs arbitrary text as a query in lang on a memory store
// holding the seed. Nothing may panic; every error must be ErrInvalid or the
// query's deadline; and the query must return soon after its deadline,
// whatever Cayley's parser makes of the text (the limits of querycheck.go).
func fuzzCayleyQuery(f *testing.F, lang string, seeds []string) {
	s := mustOpen(f, graph.Config{Backend: graph.BackendMemory})
	mustSeed(f, s)
	for _, q := range seeds {
		f.Add(q)
	}
	f.Fuzz(func(t *testing.T, text string) {
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		start := time.Now()
		_, err := s.Query(ctx, lang, text, 10)
		if el := time.Since(start); el > 10*time.Second {
			t.Fatalf("%s query of %d bytes returned after %v, deadline 1s", lang, len(text), el)
		}
		if err != nil && !errors.Is(err, graph.ErrInvalid) && !errors.Is(err, context.DeadlineExceeded) {
			t.Fatalf("%s: unexpected error %v", lang, err)
		}
	})
}

// FuzzMQL runs arbitrary MQL (see fuzzCayleyQuery).
func FuzzMQL(f *testing.F) {
	fuzzCayleyQuery(f, "mql", []string{
		`[{"id": null, "<https://schema.org/alternateName>": "Krasnoarmeysk", "<https://schema.org/name>": null}]`,
		`[{"id": null, "<https://schema.org/name>": [{"id": null}]}]`,
		`{"id": "<https://w3id.org/parley/id/pokrovsk>", "<https://schema.org/alternateName>": []}`,
		deepMQL(20), deepMQL(40), `[[[[[[[[[`, `{"a":`, `[{"id": {"id": {"id": null}}}]`,
		`[{"!<https://schema.org/name>": null, "id": null}]`, "",
	})
}

// FuzzCayleyGraphQL runs arbitrary text in Cayley's GraphQL dialect (see
// fuzzCayleyQuery).
func FuzzCayleyGraphQL(f *testing.F) {
	fuzzCayleyQuery(f, "graphql", []string{
		`{ nodes(id: "<https://w3id.org/parley/id/pokrovsk>") { alias: <https://schema.org/alternateName> } }`,
		`{ nodes(<https://schema.org/name>: "Moscow") { id <https://schema.org/name> @opt } }`,
		`{ nodes { id @rev(label: "x") } }`, `query { nodes(first: 3) { id } }`,
		deepCayleyGraphQL(20), deepCayleyGraphQL(40), `{ nodes(id: """a""") { id } }`, "# c\n{ nodes { id } }",
		strings.Repeat("{", 10), `{ nodes(id: "\u0000") { id } }`, "",
	})
}
