package authoring_test

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"github.com/parley-kg/parley/graph"
	"github.com/parley-kg/parley/graph/authoring"
)

const head = `document:
  title: Test
  file: fiction-ceasefire.txt
`

// TestErrorsNameFileAndLine checks that each mistake an authoring file can
// hold is reported at its file and line, and writes nothing.
func TestErrorsNameFileAndLine(t *testing.T) {
	ctx := context.Background()
	text := string(read(t, fictionText))
	s := open(t, graph.Config{Backend: graph.BackendMemory})
	// A second entity named like an existing one makes that name ambiguous.
	amb := `<https://w3id.org/parley/id/ukraine> <https://schema.org/alternateName> "Volodymyr Zelensky" <https://w3id.org/parley/source/000_508fa90569225c0e/p1> .` + "\n"
	if _, err := s.AddQuads(ctx, graph.Change{Author: "tester"}, "amb.nq", strings.NewReader(amb)); err != nil {
		t.Fatal(err)
	}
	pos := func(holder, topic, stance, quote string) string {
		return head + "positions:\n  - holder: " + holder + "\n    topic: " + topic + "\n    stance: " + stance +
			"\n    summary: s\n    evidence:\n      - quote: \"" + quote + "\"\n"
	}
	const ok = "she supports the refined peace framework"
	cases := []struct {
		name, yaml string
		line       int
		want       string
	}{
		{"unknown key", head + "positions:\n  - holder: Ilves\n    stanse: Supports\n", 6, `unknown key "stanse"`},
		{"quote not found", pos("Ukraine", "Refined peace framework", "Supports", "she backs the refined peace framework"), 10,
			`nearest match, in paragraph 3`},
		{"quote found twice", pos("Ukraine", "Refined peace framework", "Supports", "refined"), 10, "3 times"},
		{"quote across paragraphs", pos("Ukraine", "Refined peace framework", "Supports", `framework.\n\"The refined`), 10, "paragraph"},
		{"unknown name", pos("Volodymir Zelenksy", "Refined peace framework", "Supports", ok), 5, `did you mean`},
		{"undeclared new entity", pos("Marta Ilves", "Refined peace framework", "Supports", ok), 5, "must be declared"},
		{"ambiguous name", pos("Volodymyr Zelensky", "Refined peace framework", "Supports", ok), 5, "names"},
		{"bad stance", pos("Ukraine", "Refined peace framework", "Hopeful", ok), 7, `stance "Hopeful" is not one of`},
		{"no evidence", head + "positions:\n  - holder: Ukraine\n    topic: Peace\n    stance: Supports\n    summary: s\n", 5, "cites no evidence"},
		{"unknown claim", head + "claims:\n  - name: c\n    claimant: Ukraine\n    summary: s\n    about: [Pokrovsk]\n    rebuts: [russia-captured-pokrovks]\n    evidence: [\"" + ok + "\"]\n", 9, "did you mean russia-captured-pokrovsk"},
		{"declared entity exists", head + "entities:\n  - type: person\n    name: Ukraine\n", 5, "2 types"},
		{"YAML syntax", head + "positions:\n\t- holder: Ukraine\n", 5, "cannot start any token"},
		{"parley:quote not in the document", head + "claims:\n  - name: c\n    claimant: Ukraine\n    summary: s\n    about: [Pokrovsk]\n    quote: \"fighting went on in the town\"\n    evidence: [\"" + ok + "\"]\n", 9, "nearest match"},
		{"vocabulary: topic is not a topic", pos("Ukraine", "Pokrovsk", "Supports", ok), 6, "want one of [Topic]"},
	}
	before, _ := s.Stats(ctx)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, _, err := authoring.Add(ctx, s, graph.Change{Author: "tester"}, "case.yaml", []byte(c.yaml), text, false)
			if err == nil {
				t.Fatalf("no error for\n%s", c.yaml)
			}
			msg := err.Error()
			at := []string{"case.yaml:" + strconv.Itoa(c.line) + ":", "case.yaml: line " + strconv.Itoa(c.line) + ":"}
			if !strings.Contains(msg, c.want) || !strings.Contains(msg, at[0]) && !strings.Contains(msg, at[1]) {
				t.Errorf("error %q; want %q at line %d", msg, c.want, c.line)
			}
		})
	}
	if after, _ := s.Stats(ctx); after.Quads != before.Quads {
		t.Errorf("failed adds wrote: %d quads, was %d", after.Quads, before.Quads)
	}
}
