package schema_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/graphql-go/graphql/testutil"
)

var update = flag.Bool("update", false, "rewrite testdata/introspection.golden.json (shapes only, never facts)")

// introspect returns the schema's introspection result, as JSON.
func introspect(t *testing.T) []byte {
	t.Helper()
	r := run(t, mustSchema(t, newFakeGraph()), testutil.IntrospectionQuery, nil)
	if len(r.Errors) > 0 {
		t.Fatalf("introspection: %s", r.messages())
	}
	b, err := json.MarshalIndent(canonical(r.Data), "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	return append(b, '\n')
}

// canonical sorts every list of named objects (types, fields, arguments,
// enum values...) by name: graphql-go lists them in map order.
func canonical(v any) any {
	switch v := v.(type) {
	case map[string]any:
		for k, x := range v {
			v[k] = canonical(x)
		}
	case []any:
		for i, x := range v {
			v[i] = canonical(x)
		}
		named := len(v) > 0
		for _, x := range v {
			m, ok := x.(map[string]any)
			_, hasName := m["name"].(string)
			named = named && ok && hasName
		}
		if named {
			slices.SortStableFunc(v, func(a, b any) int {
				return strings.Compare(a.(map[string]any)["name"].(string), b.(map[string]any)["name"].(string))
			})
		}
	}
	return v
}

// TestIntrospectionGolden makes every change to the schema's shape show up
// in review: run `go test ./schema -run Golden -update` and commit the diff.
func TestIntrospectionGolden(t *testing.T) {
	got := introspect(t)
	golden := filepath.Join("testdata", "introspection.golden.json")
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("introspection differs from %s; if the change is intended, run go test ./schema -run Golden -update", golden)
	}
}

// TestDescriptions fails for any type, field, argument or enum value of the
// schema without a description: the playground's docs pane is the manual.
func TestDescriptions(t *testing.T) {
	var data struct {
		Schema struct {
			Types []struct {
				Name, Kind, Description string
				Fields                  []struct {
					Name, Description string
					Args              []struct{ Name, Description string }
				}
				EnumValues []struct{ Name, Description string }
			}
		} `json:"__schema"`
	}
	if err := json.Unmarshal(introspect(t), &data); err != nil {
		t.Fatal(err)
	}
	builtin := map[string]bool{"String": true, "Int": true, "Float": true, "Boolean": true, "ID": true}
	var missing []string
	for _, ty := range data.Schema.Types {
		if strings.HasPrefix(ty.Name, "__") || builtin[ty.Name] {
			continue
		}
		if ty.Description == "" {
			missing = append(missing, "type "+ty.Name)
		}
		for _, f := range ty.Fields {
			if f.Description == "" {
				missing = append(missing, "field "+ty.Name+"."+f.Name)
			}
			for _, a := range f.Args {
				if a.Description == "" {
					missing = append(missing, "argument "+ty.Name+"."+f.Name+"("+a.Name+")")
				}
			}
		}
		for _, v := range ty.EnumValues {
			if v.Description == "" {
				missing = append(missing, "enum value "+ty.Name+"."+v.Name)
			}
		}
	}
	if len(data.Schema.Types) < 20 {
		t.Fatalf("only %d types in the introspection result", len(data.Schema.Types))
	}
	for _, m := range missing {
		t.Errorf("%s has no description", m)
	}
}
