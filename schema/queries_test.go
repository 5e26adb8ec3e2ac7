package schema_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/graphql-go/graphql"
	"github.com/graphql-go/graphql/language/ast"
	"github.com/graphql-go/graphql/language/parser"
)

// exampleQueries returns the playground's example queries by file name.
func exampleQueries(tb testing.TB) map[string]string {
	tb.Helper()
	files, err := filepath.Glob(filepath.Join("testdata", "queries", "*.graphql"))
	if err != nil || len(files) == 0 {
		tb.Fatalf("no example queries in testdata/queries (err %v)", err)
	}
	out := map[string]string{}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			tb.Fatal(err)
		}
		out[filepath.Base(f)] = string(b)
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
			if res := graphql.ValidateDocument(&s, doc, nil); !res.IsValid {
				for _, e := range res.Errors {
					t.Errorf("invalid: %s", e.Message)
				}
			}
		})
	}
}
