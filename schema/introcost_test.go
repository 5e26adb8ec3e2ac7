package schema

import (
	"encoding/json"
	"regexp"
	"strings"
	"testing"

	"github.com/graphql-go/graphql/language/ast"
	"github.com/graphql-go/graphql/testutil"
)

// amplification is the red team's introspection query (issue 16, F7):
// aliases of interfaces and possibleTypes nested in turn, within the
// default depth, aliases and root fields.
func amplification(aliases int) string {
	const level = `__schema { types { name kind description fields { name description args { name } } enumValues { name description } inputFields { name } ofType { name } ` +
		`interfaces { name description fields { name } ` +
		`possibleTypes { name kind description interfaces { name description possibleTypes { name kind description ` +
		`interfaces { name description possibleTypes { name kind description fields { name description } } } } } } } } }`
	var b strings.Builder
	b.WriteString("query Amplify {\n")
	for i := range aliases {
		b.WriteString("  a" + string(rune('0'+i)) + ": " + level + "\n")
	}
	b.WriteString("}\n")
	return b.String()
}

// countValues counts the values of a JSON answer as introspection's cost
// does: every field of every object.
func countValues(v any) int {
	n := 0
	switch v := v.(type) {
	case map[string]any:
		for _, x := range v {
			n += 1 + countValues(x)
		}
	case []any:
		for _, x := range v {
			n += countValues(x)
		}
	}
	return n
}

// Introspection costs what it returns: the count made before execution
// equals the values of the answer.
func TestIntrospectionCostIsWhatItReturns(t *testing.T) {
	h := newLimitedHandler(t, Limits{MaxIntrospectionCost: maxCount})
	for name, q := range map[string]string{
		"Amplification":       amplification(1),
		"GraphQLGo":           testutil.IntrospectionQuery,
		"GraphiQL":            graphiqlDefaultIntrospection(t),
		"Type":                `{ __type(name: "Person") { name fields { name args { name type { name ofType { name } } } } interfaces { possibleTypes { name } } } }`,
		"TypeByVariable":      `query ($t: String!) { __type(name: $t) { name enumValues { name description } } }`,
		"DirectivesAndFields": `{ __schema { directives { name locations args { name } } queryType { fields { name } } } topics { name } }`,
	} {
		t.Run(name, func(t *testing.T) {
			doc, err := parse(q)
			if err != nil {
				t.Fatal(err)
			}
			vars := map[string]any{"t": "Stance"}
			sh, err := measureOperation(operation(doc, ""), fragmentsOf(doc), vars, h.schema.costs)
			if err != nil {
				t.Fatal(err)
			}
			var res struct {
				Data   map[string]any
				Errors []any
			}
			if err := json.Unmarshal([]byte(serve(t, h, q, vars)), &res); err != nil || len(res.Errors) > 0 {
				t.Fatalf("answer: %v %v", err, res.Errors)
			}
			delete(res.Data, "topics") // not introspection
			if got := countValues(res.Data); got != sh.intro {
				t.Errorf("the answer has %d values; introspection's cost counted %d", got, sh.intro)
			}
		})
	}
}

// The red team's query, 4 KB that answer tens of megabytes, is refused
// before it runs, with an error that names the limit; GraphiQL's and
// graphql-go's introspection queries pass the default limits.
func TestIntrospectionLimit(t *testing.T) {
	h := newLimitedHandler(t, Limits{})
	q := amplification(10)
	if len(q) < 4000 {
		t.Fatalf("the query is %d bytes, want the red team's 4 KB or more", len(q))
	}
	res := serve(t, h, q, nil)
	for _, want := range []string{`"code":"LIMIT_EXCEEDED"`, `"limit":"max-introspection-cost"`, `"max":20000`, "query exceeds max-introspection-cost 20000"} {
		if !strings.Contains(res, want) {
			t.Errorf("answer %.300s lacks %s", res, want)
		}
	}
	if strings.Contains(res, `"data"`) {
		t.Errorf("the query ran: %.300s", res)
	}
	if res := serve(t, newLimitedHandler(t, Limits{MaxIntrospectionCost: maxCount}), amplification(1), nil); len(res) < 1<<20 {
		t.Errorf("one alias answers %d bytes without the limit; want over a megabyte for this test to mean something", len(res))
	}
	for name, q := range map[string]string{"GraphiQL": graphiqlDefaultIntrospection(t), "GraphQLGo": testutil.IntrospectionQuery} {
		if res := serve(t, h, q, nil); strings.Contains(res, `"errors"`) || !strings.Contains(res, `"__schema"`) {
			t.Errorf("%s: %.300s", name, res)
		}
	}
}

// graphiqlDefaultIntrospection is the introspection query of the vendored
// GraphiQL as the playground sends it: with its options off.
func graphiqlDefaultIntrospection(t *testing.T) string {
	t.Helper()
	return regexp.MustCompile(`\$\{[^}]*\}`).ReplaceAllString(graphiqlTemplate(t), "")
}

// fragmentsOf returns the fragments of doc by name.
func fragmentsOf(doc *ast.Document) map[string]*ast.FragmentDefinition {
	out := map[string]*ast.FragmentDefinition{}
	for _, def := range doc.Definitions {
		if f, ok := def.(*ast.FragmentDefinition); ok {
			out[f.Name.Value] = f
		}
	}
	return out
}
