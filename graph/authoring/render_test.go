package authoring_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/parley-kg/parley/graph"
	"github.com/parley-kg/parley/graph/authoring"
)

// TestRenderRoundTrip renders the fictional document's authoring file and
// compiles the rendering: it must make the same quads as the hand-written
// file, and rendering what it parses to must give the same bytes.
func TestRenderRoundTrip(t *testing.T) {
	ctx := context.Background()
	s := open(t, graph.Config{Backend: graph.BackendMemory})
	text := string(read(t, fictionText))
	compile := func(name string, data []byte) []string {
		t.Helper()
		f, err := authoring.Parse(name, data)
		if err != nil {
			t.Fatalf("parse %s: %v\n%s", name, err, data)
		}
		res, err := authoring.Compile(ctx, f, text, s)
		if err != nil {
			t.Fatalf("compile %s: %v\n%s", name, err, data)
		}
		var out []string
		for _, st := range res.Statements {
			out = append(out, st.Quad.String())
		}
		slices.Sort(out)
		return out
	}
	want := compile(fictionYAML, read(t, fictionYAML))
	f, err := authoring.Parse(fictionYAML, read(t, fictionYAML))
	if err != nil {
		t.Fatal(err)
	}
	// A quote with a prefix renders as a mapping, one without as its
	// words; the prefix picks the same span.
	f.Claims[0].Evidence[0].Prefix = "She also said "
	rendered, err := authoring.Render(f)
	if err != nil {
		t.Fatal(err)
	}
	if got := compile("rendered", rendered); !slices.Equal(got, want) {
		t.Errorf("the rendering compiles to %d quads, the file to %d:\n%s", len(got), len(want), rendered)
	}
	g, err := authoring.Parse("rendered", rendered)
	if err != nil {
		t.Fatal(err)
	}
	again, err := authoring.Render(g)
	if err != nil {
		t.Fatal(err)
	}
	if string(again) != string(rendered) {
		t.Errorf("rendering is not stable:\n%s\nthen\n%s", rendered, again)
	}
	for _, want := range []string{"prefix: 'She also said '", "aliases: [Ilves]", "published: \"2026-12-01\"", "# Authoring file for fiction-ceasefire.txt"} {
		if !strings.Contains(string(rendered), want) {
			t.Errorf("the rendering lacks %q:\n%s", want, rendered)
		}
	}
	for _, empty := range []string{"outlook:", "reported:", "relations:", "events:"} {
		if strings.Contains(string(rendered), empty) {
			t.Errorf("the rendering writes the empty key %q:\n%s", empty, rendered)
		}
	}
}
