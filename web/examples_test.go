package web_test

import (
	"testing"

	"github.com/graphql-go/graphql/language/ast"
	"github.com/graphql-go/graphql/language/parser"
	"github.com/parley-kg/parley/web"
)

// TestExamples checks the shape of the example queries. Whether they fit the
// real schema is checked where the schema is (an example that names a field
// the schema lacks fails there).
func TestExamples(t *testing.T) {
	examples := web.Examples()
	wantNames := []string{
		"positions-frozen-assets", "events-in-moscow", "entity-by-alias", "claims-about-pokrovsk",
		"connection-kushner-putin", "timeline", "topics", "search",
		"topic-hierarchy", "affiliates", "metonym-washington", "skeptical",
	}
	if len(examples) != len(wantNames) {
		t.Fatalf("got %d examples, want %d", len(examples), len(wantNames))
	}
	operations := map[string]bool{}
	for i, e := range examples {
		if e.Name != wantNames[i] {
			t.Errorf("example %d: Name=%q, want %q", i, e.Name, wantNames[i])
		}
		if e.Title == "" || e.Title == e.Name {
			t.Errorf("%s: Title=%q, want the file's first comment", e.Name, e.Title)
		}
		doc, err := parser.Parse(parser.ParseParams{Source: e.Query})
		if err != nil {
			t.Errorf("%s: %v", e.Name, err)
			continue
		}
		if len(doc.Definitions) != 1 {
			t.Errorf("%s: %d definitions, want one operation", e.Name, len(doc.Definitions))
			continue
		}
		op, ok := doc.Definitions[0].(*ast.OperationDefinition)
		if !ok || op.Name == nil {
			t.Errorf("%s: want one named operation, so that its tab has a title", e.Name)
			continue
		}
		if operations[op.Name.Value] {
			t.Errorf("%s: operation name %s is used twice", e.Name, op.Name.Value)
		}
		operations[op.Name.Value] = true
	}
}
