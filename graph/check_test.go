package graph_test

import (
	"strings"
	"testing"

	"github.com/parley-kg/parley/graph"
	"github.com/parley-kg/parley/seed"
)

func TestSeedIsValid(t *testing.T) {
	stmts, err := graph.ReadFS(seed.FS)
	if err != nil {
		t.Fatalf("read seed: %v", err)
	}
	if len(stmts) == 0 {
		t.Fatal("the seed is empty")
	}
	for _, v := range graph.Check(stmts) {
		t.Errorf("seed violates the vocabulary: %v", v)
	}
}

func TestCheckFindsViolations(t *testing.T) {
	const (
		src = `<https://w3id.org/parley/source/d/p1> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://w3id.org/parley/vocab#Source> <https://w3id.org/parley/source/d/p1> .
<https://w3id.org/parley/source/d/p1> <https://schema.org/name> "Paragraph 1" <https://w3id.org/parley/source/d/p1> .
<https://w3id.org/parley/source/d/p1> <https://w3id.org/parley/vocab#document> <https://w3id.org/parley/doc/d> <https://w3id.org/parley/doc/d> .
<https://w3id.org/parley/source/d/p1> <https://w3id.org/parley/vocab#paragraph> "1"^^<http://www.w3.org/2001/XMLSchema#integer> <https://w3id.org/parley/source/d/p1> .
<https://w3id.org/parley/doc/d> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://schema.org/NewsArticle> <https://w3id.org/parley/doc/d> .
<https://w3id.org/parley/doc/d> <https://schema.org/name> "D" <https://w3id.org/parley/doc/d> .
`
		person = `<https://w3id.org/parley/id/p> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://schema.org/Person> <https://w3id.org/parley/source/d/p1> .
<https://w3id.org/parley/id/p> <https://schema.org/name> "P" <https://w3id.org/parley/source/d/p1> .
`
		topic = `<https://w3id.org/parley/id/t> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://w3id.org/parley/vocab#Topic> <https://w3id.org/parley/source/d/p1> .
<https://w3id.org/parley/id/t> <https://schema.org/name> "T" <https://w3id.org/parley/source/d/p1> .
`
	)
	tests := []struct {
		name, data string
		line       int    // line of the first violation (0: none wanted)
		want       string // text the violation must contain
	}{
		{"Valid", src + person + topic, 0, ""},
		{"NoName", src + `<https://w3id.org/parley/id/x> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://schema.org/Person> <https://w3id.org/parley/source/d/p1> .`, 7, "no schema:name"},
		{"TwoTypes", src + person + `<https://w3id.org/parley/id/p> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://schema.org/Country> <https://w3id.org/parley/source/d/p1> .`, 7, "exactly one"},
		{"UnknownPredicate", src + person + `<https://w3id.org/parley/id/p> <https://w3id.org/parley/vocab#likes> <https://w3id.org/parley/id/p> <https://w3id.org/parley/source/d/p1> .`, 9, "unknown predicate"},
		{"Dangling", src + person + `<https://w3id.org/parley/id/p> <https://w3id.org/parley/vocab#advises> <https://w3id.org/parley/id/nobody> <https://w3id.org/parley/source/d/p1> .`, 9, "dangling"},
		{"WrongClass", src + person + topic + `<https://w3id.org/parley/id/p> <https://w3id.org/parley/vocab#advises> <https://w3id.org/parley/id/t> <https://w3id.org/parley/source/d/p1> .`, 11, "want one of"},
		{"UnknownLabel", src + `<https://w3id.org/parley/id/p> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://schema.org/Person> <https://example.org/elsewhere> .
<https://w3id.org/parley/id/p> <https://schema.org/name> "P" <https://w3id.org/parley/source/d/p1> .`, 7, "not a source"},
		{"PositionWithoutStance", src + person + topic + `<https://w3id.org/parley/id/pos> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://w3id.org/parley/vocab#Position> <https://w3id.org/parley/source/d/p1> .
<https://w3id.org/parley/id/pos> <https://schema.org/name> "P on T" <https://w3id.org/parley/source/d/p1> .
<https://w3id.org/parley/id/pos> <https://w3id.org/parley/vocab#holder> <https://w3id.org/parley/id/p> <https://w3id.org/parley/source/d/p1> .
<https://w3id.org/parley/id/pos> <https://w3id.org/parley/vocab#topic> <https://w3id.org/parley/id/t> <https://w3id.org/parley/source/d/p1> .
<https://w3id.org/parley/id/pos> <https://w3id.org/parley/vocab#summary> "P is for T." <https://w3id.org/parley/source/d/p1> .
<https://w3id.org/parley/id/pos> <https://w3id.org/parley/vocab#source> <https://w3id.org/parley/source/d/p1> <https://w3id.org/parley/source/d/p1> .`, 11, "no stance"},
		{"BadStance", src + person + topic + `<https://w3id.org/parley/id/p> <https://w3id.org/parley/vocab#stance> <https://w3id.org/parley/vocab#Loves> <https://w3id.org/parley/source/d/p1> .`, 11, "unknown stance"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			vs := checkCase(t, tc.data, tc.line, tc.want)
			if vs == nil {
				return
			}
			if vs[0].File != "case.nq" || vs[0].Line != tc.line || !strings.Contains(vs[0].Message, tc.want) {
				t.Errorf("first violation = %v, want case.nq:%d mentioning %q (all: %v)", vs[0], tc.line, tc.want, vs)
			}
		})
	}
}

// checkCase checks data as the file case.nq. When line is 0 it expects no
// violation and returns nil; otherwise it expects some (failing the test
// now if there are none) and returns them for the caller's own assertion.
func checkCase(t *testing.T, data string, line int, want string) []graph.Violation {
	t.Helper()
	stmts, err := graph.ReadFS(fsOf("case.nq", data))
	if err != nil {
		t.Fatal(err)
	}
	vs := graph.Check(stmts)
	if line == 0 {
		for _, v := range vs {
			t.Errorf("unexpected violation: %v", v)
		}
		return nil
	}
	if len(vs) == 0 {
		t.Fatalf("no violation, want one at line %d mentioning %q", line, want)
	}
	return vs
}
