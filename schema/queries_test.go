package schema_test

import (
	"testing"

	"github.com/graphql-go/graphql"
	"github.com/graphql-go/graphql/language/ast"
	"github.com/graphql-go/graphql/language/parser"
	"github.com/parley-kg/parley/schema"
	"github.com/parley-kg/parley/web"
)

// exampleQueries returns the playground's example queries by name: the
// ones web serves, so that the examples people see are the ones tested.
func exampleQueries(tb testing.TB) map[string]string {
	tb.Helper()
	out := map[string]string{}
	for _, ex := range web.Examples() {
		out[ex.Name] = ex.Query
	}
	if len(out) == 0 {
		tb.Fatal("the playground has no example queries")
	}
	return out
}

// TestExampleQueriesValidate keeps the playground's examples from rotting:
// each must parse, hold one named query, and validate against the schema.
func TestExampleQueriesValidate(t *testing.T) {
	s := mustSchema(t, newFakeGraph())
	for name, q := range exampleQueries(t) {
		t.Run(name, func(t *testing.T) {
			doc, err := parser.Parse(parser.ParseParams{Source: q})
			if err != nil {
				t.Fatalf("parse: %v", err)
			}
			if len(doc.Definitions) != 1 {
				t.Fatalf("%d definitions, want one operation", len(doc.Definitions))
			}
			op, ok := doc.Definitions[0].(*ast.OperationDefinition)
			if !ok || op.Operation != ast.OperationTypeQuery || op.Name == nil {
				t.Fatalf("the definition is not a named query")
			}
			gs := schema.GraphQL(s)
			if res := graphql.ValidateDocument(&gs, doc, nil); !res.IsValid {
				for _, e := range res.Errors {
					t.Errorf("invalid: %s", e.Message)
				}
			}
		})
	}
}
