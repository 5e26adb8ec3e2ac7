package schema_test

import (
	"context"
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/graphql-go/graphql"
	"github.com/graphql-go/graphql/language/parser"
	"github.com/parley-kg/parley/graph"
	"github.com/parley-kg/parley/schema"
)

// A selection that asks an entity for its id, name, type or __typename
// alone is answered from the name index; any other field reads the
// entity whole. Both executions (graphql-go and the plan) decide alike.
func TestHeaderOnlySelections(t *testing.T) {
	f := fakeWorld(20)
	person := iri("Person 0")
	tests := []struct {
		name, query string
		whole       bool // person is read whole
	}{
		{"NameType", `{ entity(name: "Person 0") { id name type __typename } }`, false},
		{"NamedFragment", `{ entity(name: "Person 0") { ...N } } fragment N on Entity { name ... on Person { id } }`, false},
		{"InlineFragment", `{ entity(name: "Person 0") { ... on Person { name } } }`, false},
		{"Directive", `{ entity(name: "Person 0") { name @include(if: true) } }`, false},
		{"HolderNames", `{ positions { holder { name } topic { name type } } }`, false},
		{"Aliases", `{ entity(name: "Person 0") { name aliases } }`, true},
		{"RolesInFragment", `{ entity(name: "Person 0") { ...R } } fragment R on Entity { name ... on Person { roles { title } } }`, true},
		{"HolderRelations", `{ positions { holder { name relations { predicate } positions { id } } } }`, false},
		{"HolderRoles", `{ positions { holder { name ... on Person { roles { title } } } } }`, true},
		{"EventDate", `{ positions { holder { name } } timeline { name date relations { predicate } } }`, false},
	}
	for _, tc := range tests {
		for _, way := range []string{"graphql-go", "plan"} {
			t.Run(tc.name+"/"+way, func(t *testing.T) {
				g := &askedGraph{fakeGraph: f}
				s := mustSchema(t, g)
				res := execute(t, s, tc.query, way == "plan")
				if len(res.Errors) > 0 {
					t.Fatalf("errors: %v", res.Errors)
				}
				if got := slices.Contains(g.entities, person); got != tc.whole {
					t.Errorf("%s read whole: %v, want %v (whole: %v, headers: %v)", person, got, tc.whole, g.entities, g.headers)
				}
				if !tc.whole && !slices.Contains(g.headers, person) {
					t.Errorf("%s neither read whole nor as a header (headers: %v)", person, g.headers)
				}
				if !strings.Contains(resultJSON(t, res), `"Person 0"`) {
					t.Errorf("answer %s lacks the person's name", resultJSON(t, res))
				}
			})
		}
	}
}

// Relations of entities answered by headers still load in one batch.
func TestHeadersBatchRelations(t *testing.T) {
	f := fakeWorld(40)
	for _, plan := range []bool{false, true} {
		f.total()
		res := execute(t, mustSchema(t, f), `{ positions { holder { name relations { predicate } positions { id } } } }`, plan)
		if len(res.Errors) > 0 {
			t.Fatalf("errors: %v", res.Errors)
		}
		_, calls := f.total()
		if calls["Relations"] != 1 || calls["PositionsOf"] != 1 || calls["EntitiesByIRI"] != 0 {
			t.Errorf("plan %v: store calls %v; want one Relations, one PositionsOf, no EntitiesByIRI", plan, calls)
		}
	}
}

// A timeline asked only for what the name index holds comes from it.
func TestTimelineHeaders(t *testing.T) {
	f := fakeWorld(20)
	for _, tc := range []struct {
		query string
		whole bool
	}{
		{`{ timeline { id name date __typename } }`, false},
		{`{ timeline { name date relations { predicate } } }`, false},
		{`{ timeline { name date location { name } } }`, true},
		{`{ timeline { name dateText } }`, true},
	} {
		for _, plan := range []bool{false, true} {
			f.total()
			if res := execute(t, mustSchema(t, f), tc.query, plan); len(res.Errors) > 0 {
				t.Fatalf("%s: %v", tc.query, res.Errors)
			}
			_, calls := f.total()
			want := map[bool][2]int{true: {1, 0}, false: {0, 1}}[tc.whole]
			if got := [2]int{calls["Timeline"], calls["TimelineHeaders"]}; got != want {
				t.Errorf("plan %v, %s: Timeline and TimelineHeaders called %v times, want %v", plan, tc.query, got, want)
			}
		}
	}
}

// execute runs query on s, by its plan when plan is set (failing if it
// has none), else with graphql-go.
func execute(t *testing.T, s graphql.Schema, query string, plan bool) *graphql.Result {
	t.Helper()
	doc, err := parser.Parse(parser.ParseParams{Source: query})
	if err != nil {
		t.Fatal(err)
	}
	if v := graphql.ValidateDocument(&s, doc, nil); !v.IsValid {
		t.Fatalf("invalid document: %v", v.Errors)
	}
	if !plan {
		return graphql.Execute(graphql.ExecuteParams{Schema: s, AST: doc, Context: context.Background()})
	}
	if strings.Contains(query, "@") { // the plan leaves directives to graphql-go
		return schema.ExecuteDocument(context.Background(), s, schema.NewDocument(doc), "", nil)
	}
	res := schema.ExecutePlan(context.Background(), s, schema.NewDocument(doc), "", nil)
	if res == nil {
		t.Fatalf("no plan for %s", query)
	}
	return res
}

// Headers answer what whole entities answer: on the seed, every entity a
// query reaches has the same id, name and type either way, for roots,
// references and lists of references, through both executions.
func TestHeadersMatchWholeEntities(t *testing.T) {
	s := seedSchema(t)
	// Asking for aliases too forces whole reads; the answers must differ
	// only by the aliases.
	const fields = `id name type __typename`
	queries := []string{
		`{ a: entity(name: "Krasnoarmeysk") { F } b: entity(name: "Witkoff") { F } }`,
		`{ positions { holder { F } topic { F } } }`,
		`{ events { F location { F } participants { F } about { F } } }`,
		`{ claims { claimant { F } about { F } disputedBy { F } madeIn { F } } }`,
		`{ connection(from: "Kushner", to: "Putin") { from { F } to { F } } }`,
		`{ timeline { F date } crimea: timeline(entity: "Crimea") { F date } putin: timeline(entity: "Putin") { F date } }`,
		`{ entity(name: "Witkoff") { ... on Person { roles { of { F } } } relations { other { F } } } }`,
	}
	for _, q := range queries {
		for _, plan := range []bool{false, true} {
			header := resultJSON(t, execute(t, s, strings.ReplaceAll(q, "F", fields), plan))
			whole := resultJSON(t, execute(t, s, strings.ReplaceAll(q, "F", fields+" aliases"), plan))
			if strings.Count(header, `"name"`) < 2 {
				t.Fatalf("%s: answer %s is too small to mean something", q, header)
			}
			if stripped := stripAliases(t, whole); header != stripped {
				t.Errorf("plan %v, %s:\nheaders answered %s\nwhole entities   %s", plan, q, header, stripped)
			}
		}
	}
}

// stripAliases removes every "aliases" list from a JSON answer.
func stripAliases(t *testing.T, s string) string {
	t.Helper()
	for {
		i := strings.Index(s, `,"aliases":[`)
		if i < 0 {
			return s
		}
		j := strings.Index(s[i:], "]")
		if j < 0 {
			t.Fatalf("unterminated aliases in %s", s)
		}
		s = s[:i] + s[i+j+1:]
	}
}

// After a write adds an entity, its header is there at once, from the
// name index the write kept current.
func TestHeadersAfterWrite(t *testing.T) {
	st := mustOpen(t)
	s := mustSchema(t, st)
	ctx := context.Background()
	srcs, err := st.Sources(ctx)
	if err != nil || len(srcs) == 0 {
		t.Fatalf("seed sources: %d, %v", len(srcs), err)
	}
	const topic = "https://w3id.org/parley/id/test-grain-corridor"
	label := "<" + srcs[0].IRI + ">"
	nq := "<" + topic + "> <" + graph.PredType + "> <" + graph.ClassTopic + "> " + label + " .\n" +
		"<" + topic + "> <" + graph.PredName + "> \"Grain corridor\" " + label + " .\n"
	if _, err := st.AddQuads(ctx, graph.Change{Author: "test"}, "test.nq", strings.NewReader(nq)); err != nil {
		t.Fatal(err)
	}
	for _, plan := range []bool{false, true} {
		got := resultJSON(t, execute(t, s, `{ entity(name: "grain corridor") { id name type } }`, plan))
		want := `{"data":{"entity":{"id":"` + topic + `","name":"Grain corridor","type":"TOPIC"}}}`
		if got != want {
			t.Errorf("plan %v: %s, want %s", plan, got, want)
		}
	}
}

// Every field of every entity type answers the same whether the entity is
// a header or whole, for every entity of the seed: a field added to
// headerFields that needs the whole entity fails here.
func TestHeaderFieldsMatchWholeEntities(t *testing.T) {
	s := seedSchema(t)
	list := execute(t, s, `{ entities(first: 500) { nodes { id __typename } } }`, false)
	if len(list.Errors) > 0 {
		t.Fatal(list.Errors)
	}
	nodes, _ := list.Data.(map[string]any)["entities"].(map[string]any)["nodes"].([]any)
	if len(nodes) < 50 {
		t.Fatalf("%d entities in the seed, want at least 50 for this test to mean something", len(nodes))
	}
	checked := 0
	for _, n := range nodes {
		id, typ := n.(map[string]any)["id"].(string), n.(map[string]any)["__typename"].(string)
		obj, ok := s.Type(typ).(*graphql.Object)
		if !ok {
			t.Fatalf("%s: type %s is not an object type", id, typ)
		}
		for name, f := range obj.Fields() {
			if name == "aliases" || requiredArgs(f) {
				continue
			}
			sel := name + " " + leafSelection(f.Type)
			q := `query ($id: ID) { entity(id: $id) { ... on ` + typ + ` { %s } } }`
			header := run(t, s, strings.Replace(q, "%s", sel, 1), map[string]any{"id": id})
			whole := run(t, s, strings.Replace(q, "%s", sel+" aliases", 1), map[string]any{"id": id})
			if len(header.Errors)+len(whole.Errors) > 0 {
				t.Fatalf("%s %s: errors %s / %s", id, sel, header.messages(), whole.messages())
			}
			got, want := header.Data["entity"].(map[string]any), whole.Data["entity"].(map[string]any)
			if g, w := jsonOf(t, got[name]), jsonOf(t, want[name]); g != w {
				t.Errorf("%s.%s of %s: header answered %s, whole entity %s", typ, name, id, g, w)
			}
			checked++
		}
	}
	t.Logf("%d entities, %d fields compared", len(nodes), checked)
}

// requiredArgs reports whether f has an argument without a default that
// must be given.
func requiredArgs(f *graphql.FieldDefinition) bool {
	for _, a := range f.Args {
		if _, nonNull := a.Type.(*graphql.NonNull); nonNull && a.DefaultValue == nil {
			return true
		}
	}
	return false
}

// leafSelection selects every leaf field of t's named type that needs no
// argument, or nothing when t is a leaf.
func leafSelection(t graphql.Type) string {
	var fields graphql.FieldDefinitionMap
	switch n := graphql.GetNamed(t).(type) {
	case *graphql.Object:
		fields = n.Fields()
	case *graphql.Interface:
		fields = n.Fields()
	default:
		return ""
	}
	var names []string
	for name, f := range fields {
		switch graphql.GetNamed(f.Type).(type) {
		case *graphql.Scalar, *graphql.Enum:
			if !requiredArgs(f) {
				names = append(names, name)
			}
		}
	}
	slices.Sort(names)
	return "{ " + strings.Join(names, " ") + " }"
}

func jsonOf(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
