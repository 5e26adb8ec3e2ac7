package schema

import (
	"context"
	"io"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"

	"github.com/graphql-go/graphql/language/ast"
	"github.com/graphql-go/graphql/testutil"
	"github.com/parley-kg/parley/graph"
	"github.com/parley-kg/parley/web"
)

// asset returns an embedded web asset, by its path under /assets/.
func asset(t *testing.T, name string) string {
	t.Helper()
	rec := httptest.NewRecorder()
	web.Assets().ServeHTTP(rec, httptest.NewRequest("GET", "/"+name, nil))
	if rec.Code != 200 {
		t.Fatalf("asset %s: status %d", name, rec.Code)
	}
	b, _ := io.ReadAll(rec.Body)
	return string(b)
}

// explorerQueries returns the GraphQL queries of the explorer
// (web/assets/explorer.js) as it sends them: each template with its
// ${by} variants (name and id), and the fragments it uses appended, as
// withFragments does.
func explorerQueries(t *testing.T) map[string]string {
	t.Helper()
	js := asset(t, "explorer.js")
	frags := map[string]string{}
	for _, m := range regexp.MustCompile("(?s)(\\w+): [\"`](fragment .*?)[\"`],\n").FindAllStringSubmatch(js, -1) {
		frags[m[1]] = m[2]
	}
	if len(frags) < 4 {
		t.Fatalf("found %d fragments in explorer.js, want 4 or more: has FRAGMENTS changed shape?", len(frags))
	}
	out := map[string]string{}
	for _, m := range regexp.MustCompile("(?s)`(query (\\w+).*?)`").FindAllStringSubmatch(js, -1) {
		variants := [][2]string{{"name", "String"}, {"id", "ID"}}
		if !strings.Contains(m[1], "${by}") {
			variants = variants[:1]
		}
		for _, by := range variants {
			q := strings.NewReplacer("${by}", by[0], "${type}", by[1]).Replace(m[1])
			for grew := true; grew; {
				grew = false
				for name, f := range frags {
					if strings.Contains(q, "..."+name) && !strings.Contains(q, "fragment "+name+" ") {
						q += "\n" + f
						grew = true
					}
				}
			}
			out[m[2]+"/"+by[0]] = q
		}
	}
	if len(out) < 6 {
		t.Fatalf("found %d explorer queries, want 6 or more", len(out))
	}
	return out
}

// graphiqlTemplate returns the introspection query of the vendored
// GraphiQL, with the ${...} placeholders of its options.
func graphiqlTemplate(t *testing.T) string {
	t.Helper()
	js := asset(t, "vendor/graphiql-4.1.2/graphiql.min.js")
	q := regexp.MustCompile("query IntrospectionQuery \\{[^`]*").FindString(js)
	if q == "" {
		t.Fatal("no introspection query in graphiql.min.js")
	}
	return strings.ReplaceAll(q, `\n`, "\n")
}

// graphiqlIntrospection returns the introspection query of the vendored
// GraphiQL with every option on (its largest form).
func graphiqlIntrospection(t *testing.T) string {
	t.Helper()
	q := graphiqlTemplate(t)
	q = regexp.MustCompile(`\$\{\w\("([^"]*)"\)\}`).ReplaceAllString(q, "$1")
	q = strings.NewReplacer("${o}", "description", "${n}", "description", "${i}", "isRepeatable",
		"${r}", "specifiedByURL", "${a}", "isOneOf").Replace(q)
	if strings.Contains(q, "${") {
		t.Fatalf("unknown placeholder in GraphiQL's introspection query:\n%s", q)
	}
	return q
}

// The playground's examples, the explorer's queries and GraphiQL's
// introspection query all pass the default limits, with room to spare.
func TestClientQueriesWithinLimits(t *testing.T) {
	g, err := graph.Open(context.Background(), graph.Config{Backend: graph.BackendMemory})
	if err != nil {
		t.Fatal(err)
	}
	defer g.Close()
	s, err := New(g, Options{})
	if err != nil {
		t.Fatal(err)
	}
	queries := map[string]string{
		"graphiql/introspection":   graphiqlIntrospection(t),
		"graphql-go/introspection": testutil.IntrospectionQuery,
	}
	for _, e := range web.Examples() {
		queries["example/"+e.Name] = e.Query
	}
	for name, q := range explorerQueries(t) {
		queries["explorer/"+name] = q
	}
	limits := Limits{}.withDefaults()
	for name, q := range queries {
		t.Run(name, func(t *testing.T) {
			lex, errs := limits.scan(q)
			if errs != nil {
				t.Fatalf("lexical pass: %v\n%s", errs[0].Message, q)
			}
			doc, err := parse(q)
			if err != nil {
				t.Fatalf("parse: %v\n%s", err, q)
			}
			if errs := limits.measure(doc, nil, s.costs); errs != nil {
				t.Fatalf("%v\n%s", errs[0].Message, q)
			}
			frags := map[string]*ast.FragmentDefinition{}
			for _, def := range doc.Definitions {
				if f, ok := def.(*ast.FragmentDefinition); ok {
					frags[f.Name.Value] = f
				}
			}
			for _, def := range doc.Definitions {
				if op, ok := def.(*ast.OperationDefinition); ok {
					sh, _ := measureOperation(op, frags, nil, s.costs)
					t.Logf("tokens %d, brackets %d, depth %d, root fields %d, aliases %d, cost %d, introspection %d",
						lex.tokens, lex.nesting, sh.depth, sh.fields, sh.aliases, sh.cost, sh.intro)
				}
			}
		})
	}
	t.Logf("%d client queries within the default limits", len(queries))
}
