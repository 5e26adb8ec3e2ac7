package schema

import (
	"strings"
	"testing"

	"github.com/graphql-go/graphql"
)

// A resolver's extensions reach the response's top-level "extensions",
// however the document is executed (by its plan, or by graphql-go for a
// directive), one entry per call; a response without any has none.
func TestResolverExtensions(t *testing.T) {
	h := newLimitedHandler(t, Limits{})
	f := h.schema.gql.QueryType().Fields()["topics"]
	resolve := f.Resolve
	f.Resolve = func(p graphql.ResolveParams) (any, error) {
		addExtension(p.Context, "notes", map[string]any{"field": p.Info.FieldName, "calls": 1})
		return resolve(p)
	}
	note := `{"calls":1,"field":"topics"}`
	for _, tc := range []struct {
		query string
		vars  map[string]any
		want  string
	}{
		{`{ topics { name } }`, nil, `"extensions":{"notes":[` + note + `]}`},
		{`{ a: topics { name } b: topics { id } }`, nil, `"extensions":{"notes":[` + note + `,` + note + `]}`},
		{`query ($y: Boolean!) { topics @include(if: $y) { name } }`, map[string]any{"y": true}, `"extensions":{"notes":[` + note + `]}`},
		{`{ sources { id } }`, nil, ""},
	} {
		res := serve(t, h, tc.query, tc.vars)
		if tc.want == "" && strings.Contains(res, "extensions") || !strings.Contains(res, tc.want) {
			t.Errorf("%s: %s, want %s", tc.query, res, tc.want)
		}
	}
}
