package graph_test

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/parley-kg/parley/graph"
)

// deepMQL nests n objects under the name predicate, as in the red team's
// 9,900-deep probe.
func deepMQL(n int) string {
	return `[{"id":null,` + strings.Repeat(`"<https://schema.org/name>":{`, n) + `"id":null` + strings.Repeat("}", n) + `}]`
}

// deepCayleyGraphQL nests n list brackets in an argument.
func deepCayleyGraphQL(n int) string {
	return `{ nodes(id: ` + strings.Repeat("[", n) + `"x"` + strings.Repeat("]", n) + `) { id } }`
}

// TestCayleyQueryLimits checks that MQL and Cayley's GraphQL dialect refuse
// queries over the depth and size limits before Cayley parses them, with an
// error that names the limit, and still answer ordinary queries, including
// ones whose strings and comments hold many brackets.
func TestCayleyQueryLimits(t *testing.T) {
	s := mustOpen(t, graph.Config{Backend: graph.BackendMemory})
	mustSeed(t, s)
	ctx := context.Background()
	refused := []struct{ name, lang, query, want string }{
		{"MQLDeep", "mql", deepMQL(2000), "more than 32 deep (the MQL depth limit)"},
		{"MQLRedTeam", "mql", deepMQL(9900), "over the MQL limit of 65536"},
		{"MQLJustOver", "mql", deepMQL(32), "more than 32 deep (the MQL depth limit)"},
		{"MQLLarge", "mql", `[{"id":null,"<https://schema.org/name>":"` + strings.Repeat("x", 70<<10) + `"}]`, "over the MQL limit of 65536"},
		{"GraphQLDeep", "graphql", deepCayleyGraphQL(30000), "more than 32 deep (the Cayley GraphQL depth limit)"},
		{"GraphQLDeepAfterComment", "graphql", "# \"\n" + deepCayleyGraphQL(40), "Cayley GraphQL depth limit"},
		{"GraphQLDeepAfterString", "graphql", `{ nodes(id: "a\"b") { x: id } }` + deepCayleyGraphQL(40), "Cayley GraphQL depth limit"},
		{"GraphQLUnterminatedString", "graphql", "{ nodes(id: \"a\n" + deepCayleyGraphQL(40) + `") { id } }`, "Cayley GraphQL depth limit"},
		{"GraphQLLarge", "graphql", `{ nodes(id: "` + strings.Repeat("x", 70<<10) + `") { id } }`, "over the Cayley GraphQL limit of 65536"},
	}
	for _, tc := range refused {
		t.Run(tc.name, func(t *testing.T) {
			_, err := s.Query(ctx, tc.lang, tc.query, 0)
			if !errors.Is(err, graph.ErrInvalid) || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("got %v, want ErrInvalid naming %q", err, tc.want)
			}
		})
	}
	answered := []struct{ name, lang, query string }{
		{"MQLAtLimit", "mql", `[{"id":null,"<https://schema.org/alternateName>":"Krasnoarmeysk",` +
			strings.Repeat(`"<https://schema.org/name>":[{`, 15) + `"id":null` + strings.Repeat("}]", 15) + `}]`},
		{"GraphQLStringsAndComments", "graphql", "# " + strings.Repeat("[", 100) + "\n" +
			`{ nodes(id: "<https://w3id.org/parley/id/pokrovsk>") { a: <https://schema.org/alternateName> } }` +
			` # """` + strings.Repeat("{", 50)},
		{"GraphQLBlockString", "graphql", `{ nodes(id: "<https://w3id.org/parley/id/pokrovsk>", x: """ \""" ` + strings.Repeat("(", 50) + `""") { a: <https://schema.org/alternateName> } }`},
	}
	for _, tc := range answered {
		t.Run(tc.name, func(t *testing.T) {
			res, err := s.Query(ctx, tc.lang, tc.query, 0)
			if errors.Is(err, graph.ErrInvalid) && strings.Contains(err.Error(), "limit") {
				t.Fatalf("refused by a limit: %v", err)
			}
			if tc.name == "GraphQLBlockString" {
				return // the dialect may refuse the extra argument; the check must not
			}
			if err != nil {
				t.Fatal(err)
			}
			b, _ := json.Marshal(res.Results)
			if tc.lang == "graphql" && !strings.Contains(string(b), "Krasnoarmeysk") {
				t.Errorf("answered %s, want Pokrovsk's alternate name Krasnoarmeysk", b)
			}
		})
	}
}

// BenchmarkCayleyQueryAtLimits measures the largest queries the limits let
// through: nesting at the depth limit, and the size limit filled with flat
// terms.
func BenchmarkCayleyQueryAtLimits(b *testing.B) {
	s := mustOpen(b, graph.Config{Backend: graph.BackendMemory})
	mustSeed(b, s)
	wide := `[{"id":null` + strings.Repeat(`,"<https://schema.org/name>":null`, 1900) + `}]`
	for _, tc := range []struct{ name, lang, query string }{
		{"MQLDepth32", "mql", deepMQL(30)},
		{"MQLWide64K", "mql", wide},
		{"GraphQLDepth32", "graphql", deepCayleyGraphQL(30)},
		{"GraphQLWide64K", "graphql", `{ nodes(id: [` + strings.Repeat(`"<x>",`, 10000) + `]) { id } }`},
	} {
		b.Run(tc.name, func(b *testing.B) {
			if len(tc.query) > 64<<10 {
				b.Fatalf("%d bytes, over the limit", len(tc.query))
			}
			for i := 0; i < b.N; i++ {
				if _, err := s.Query(context.Background(), tc.lang, tc.query, 0); errors.Is(err, graph.ErrInvalid) && strings.Contains(err.Error(), "limit") {
					b.Fatal(err)
				}
			}
		})
	}
}
