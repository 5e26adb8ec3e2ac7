package schema_test

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/graphql-go/graphql"
	"github.com/graphql-go/graphql/language/parser"
	"github.com/parley-kg/parley/schema"
)

// planCase is a document to execute both ways: by its compiled plan and
// with graphql-go.
type planCase struct {
	name, query, op string
	vars            map[string]any
	planned         bool // the plan must answer (else graphql-go must)
}

// planCases covers what a plan compiles (aliases, merged fields,
// fragments, inline fragments on the Entity interface, __typename,
// literal and variable arguments, enums, lists, defaults) and what it
// leaves to graphql-go (errors, introspection, directives, mutations).
func planCases() []planCase {
	return []planCase{
		{name: "EntityAllFields", planned: true, query: `{ entity(name: "Krasnoarmeysk") { __typename id name aliases type description sameAs
			relations { predicate predicateIRI direction other { __typename id name } value source { id title document { id } section paragraph } }
			positions { summary } sources { paragraph } claims { summary } claimsAbout { summary status disputedBy { name } madeIn { name } }
			events { name date } } }`},
		{name: "InlineFragments", planned: true, query: `{ e: entity(name: "Kushner") { name ... on Person { roles { title of { name type } source { paragraph } } }
			... on Event { date } relations(direction: OUT, predicate: "sonInLawOf") { other { name } } } }`},
		{name: "NamedFragments", planned: true, op: "Q", query: `query Other { topics { name } }
			query Q { a: entity(name: "Witkoff") { ...Names ...Names } b: entity(name: "Putin") { ...Names } }
			fragment Names on Entity { __typename name aliases ... on Person { roles { title } } }`},
		{name: "MergedKeys", planned: true, query: `{ entity(name: "Pokrovsk") { name } entity(name: "Pokrovsk") { id name relations { predicate } } }`},
		{name: "PositionsEnumArg", planned: true, query: `{ positions(topic: "frozen assets") { id stance summary quote holder { name } source { paragraph }
			topic { name positionsOn(stance: SUPPORTS) { summary holder { name } } } } }`},
		{name: "Variables", planned: true, query: `query ($t: String, $s: Stance, $h: String = "Macron") { positions(topic: $t, stance: $s, holder: $h) { summary stance } }`,
			vars: map[string]any{"t": "frozen assets"}},
		{name: "EnumVariable", planned: true, query: `query ($s: ClaimStatus!) { claims(status: $s) { summary status claimant { name } about { name } } }`,
			vars: map[string]any{"s": "DISPUTED"}},
		{name: "Connection", planned: true, query: `query ($from: String!, $to: String!) { connection(from: $from, to: $to) {
			from { name } predicate predicateIRI inverse via to { __typename name } source { paragraph } } }`,
			vars: map[string]any{"from": "Kushner", "to": "Putin"}},
		{name: "EventsAndTimeline", planned: true, query: `{ events {  name date dateText location { name } participants { name } about { name } claimsMade { summary } }
			dated: events(from: "2014", to: "2014-12") { name } timeline { name date } witkoff: timeline(entity: "Putin") { name } }`},
		{name: "PagesSearchQuads", planned: true, query: `{ entities(type: PERSON, first: 3) { totalCount edges { cursor node { name } } nodes { id } pageInfo { endCursor hasNextPage } }
			search(text: "pok", types: [TERRITORY, PERSON], first: 5) { name type }
			quads(predicate: "<https://schema.org/name>", first: 3) { subject predicate object label }
			sources { id paragraph } }`},
		{name: "SingleItemList", planned: true, query: `{ search(text: "putin", types: PERSON) { name } }`},
		{name: "NotFound", query: `{ entity(name: "Atlantis") { name } }`},
		{name: "BadFirst", query: `{ search(text: "a", first: 100000) { name } }`},
		{name: "MissingVariable", query: `query ($s: ClaimStatus!) { claims(status: $s) { summary } }`},
		{name: "BadVariable", query: `query ($s: ClaimStatus) { claims(status: $s) { summary } }`, vars: map[string]any{"s": "MAYBE"}},
		{name: "Introspection", query: `{ __schema { queryType { name } } }`},
		{name: "TypeIntrospection", query: `{ __type(name: "Person") { name } }`},
		{name: "Directive", query: `query ($yes: Boolean!) { entity(name: "Pokrovsk") { name @include(if: $yes) } }`, vars: map[string]any{"yes": true}},
		{name: "NoOperation", op: "Missing", query: `query A { topics { name } }`},
	}
}

// TestPlanMatchesGraphQLGo executes each case by its plan and with
// graphql-go on the seed, and checks that the plan answers exactly what
// graphql-go answers, and leaves to graphql-go what it must.
func TestPlanMatchesGraphQLGo(t *testing.T) {
	s := seedSchema(t)
	ctx := context.Background()
	for _, c := range planCases() {
		t.Run(c.name, func(t *testing.T) {
			doc, err := parser.Parse(parser.ParseParams{Source: c.query})
			if err != nil {
				t.Fatal(err)
			}
			if v := graphql.ValidateDocument(&s, doc, nil); !v.IsValid {
				t.Fatalf("invalid document: %v", v.Errors)
			}
			want := graphql.Execute(graphql.ExecuteParams{Schema: s, AST: doc, OperationName: c.op, Args: c.vars, Context: ctx})
			d := schema.NewDocument(doc)
			got := schema.ExecutePlan(ctx, s, d, c.op, c.vars)
			if !c.planned {
				if got != nil {
					t.Fatalf("the plan answered %s; want graphql-go to (graphql-go: %s)", resultJSON(t, got), resultJSON(t, want))
				}
				if len(want.Errors) == 0 && c.name != "Introspection" && c.name != "TypeIntrospection" && c.name != "Directive" {
					t.Fatalf("graphql-go answered without errors: %s", resultJSON(t, want))
				}
			} else {
				if len(want.Errors) > 0 {
					t.Fatalf("graphql-go: %v", want.Errors)
				}
				if got == nil {
					t.Fatalf("no answer from the plan")
				}
				if g, w := resultJSON(t, got), resultJSON(t, want); g != w {
					t.Fatalf("plan answered\n%s\ngraphql-go answered\n%s", g, w)
				}
				if len(resultJSON(t, got)) < 40 {
					t.Fatalf("answer %s is too small for the case to mean something", resultJSON(t, got))
				}
			}
			// The handler's way gives graphql-go's answer, errors included.
			if g, w := resultJSON(t, schema.ExecuteDocument(ctx, s, d, c.op, c.vars)), resultJSON(t, want); g != w {
				t.Fatalf("handler's execution answered\n%s\ngraphql-go answered\n%s", g, w)
			}
		})
	}
}

// TestPlanStopsWithContext checks that a plan gives up when the request's
// context has ended, so that graphql-go reports it.
func TestPlanStopsWithContext(t *testing.T) {
	s := seedSchema(t)
	doc, err := parser.Parse(parser.ParseParams{Source: `{ topics { name } }`})
	if err != nil {
		t.Fatal(err)
	}
	d := schema.NewDocument(doc)
	if got := schema.ExecutePlan(context.Background(), s, d, "", nil); got == nil {
		t.Fatal("no answer from the plan with a live context")
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if got := schema.ExecutePlan(ctx, s, d, "", nil); got != nil {
		t.Fatalf("the plan answered %s after its context ended", resultJSON(t, got))
	}
}

// TestPlanBatches checks that a plan batches like graphql-go's execution:
// the store calls of a list with nested references grow with the depth of
// the query, not the length of the list.
func TestPlanBatches(t *testing.T) {
	c := &countingGraph{Graph: mustOpen(t)}
	s := mustSchema(t, c)
	doc, err := parser.Parse(parser.ParseParams{Source: `{ positions { holder { name } topic { name } source { paragraph } } }`})
	if err != nil {
		t.Fatal(err)
	}
	res := schema.ExecutePlan(context.Background(), s, schema.NewDocument(doc), "", nil)
	if res == nil {
		t.Fatal("no answer from the plan")
	}
	n := len(res.Data.(map[string]any)["positions"].([]any))
	if n < 10 {
		t.Fatalf("%d positions in the seed, want at least 10 for this test to mean something", n)
	}
	if c.calls > 6 {
		t.Errorf("%d positions took %d store calls, want at most 6", n, c.calls)
	}
}

// resultJSON encodes a result as the handler would.
func resultJSON(t *testing.T, r *graphql.Result) string {
	t.Helper()
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
