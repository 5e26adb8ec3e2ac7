package graph_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/parley-kg/parley/graph"
)

// TestWritesThatCannotRoundTrip checks that the loader refuses, naming the
// line and the escape, every escape that the stock parser would turn into
// something an export cannot restore or into another character, and keeps
// the escapes that do round-trip.
func TestWritesThatCannotRoundTrip(t *testing.T) {
	const head = `<https://w3id.org/parley/id/a> <https://schema.org/name> `
	const tail = ` <https://w3id.org/parley/source/d/p1> .`
	for _, tc := range []struct {
		name, object, want string // want "" means accepted
	}{
		{"EscapedNUL", `"a\u0000b"`, `escaped NUL \u0000`},
		{"LongEscapedNUL", `"a\U00000000b"`, `escaped NUL \U00000000`},
		{"LoneHighSurrogate", `"\uD800"`, `\uD800 at byte`},
		{"LoneLowSurrogate", `"x\udfff"`, `\udfff at byte`},
		{"SurrogatePair", `"\uD83D\uDE00"`, `surrogate pair`},
		{"PastLastCodePoint", `"\U00110000"`, `past U+10FFFF`},
		{"PastInt32", `"\U80000000"`, `past U+10FFFF`}, // the stock parser panicked (FuzzParse)
		{"NULInLanguageString", `"a\u0000"@en`, `escaped NUL`},
		{"NULInTypedString", `"1\u0000"^^<http://www.w3.org/2001/XMLSchema#string>`, `escaped NUL`},
		{"Accented", `"caf\u00e9"`, ""},
		{"AstralCodePoint", `"\U0001F600"`, ""},
		{"EscapedBackslashThenU", `"a\\u0000b"`, ""},
		{"Newline", `"a\nb"`, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			text := "# first line\n" + head + tc.object + tail + "\n"
			stmts, err := graph.ParseStatements("w.nq", strings.NewReader(text))
			if tc.want == "" {
				if err != nil {
					t.Fatalf("refused %s: %v", tc.object, err)
				}
				if len(stmts) != 1 {
					t.Fatalf("%d statements, want 1", len(stmts))
				}
				return
			}
			var le *graph.LineError
			switch {
			case err == nil:
				t.Fatalf("accepted %s as %q", tc.object, stmts[0].Quad.Object)
			case !errors.As(err, &le) || le.Line != 2 || !errors.Is(err, graph.ErrInvalid):
				t.Fatalf("error %v: want an invalid-input error at line 2", err)
			case !strings.Contains(err.Error(), tc.want):
				t.Fatalf("error %q does not say %q", err, tc.want)
			}
		})
	}
}

// TestQuadFilterTermEscapes asks for quads by an object term whose escape
// made the stock parser panic: a clear error, as for a line of a load.
func TestQuadFilterTermEscapes(t *testing.T) {
	s := mustOpen(t, graph.Config{Backend: graph.BackendMemory})
	for _, term := range []string{`"\U80000000"`, `"\U00110000"`, `"a\u0000"`} {
		_, err := s.Quads(context.Background(), graph.QuadFilter{Object: term})
		if !errors.Is(err, graph.ErrInvalid) {
			t.Errorf("Quads(object %s): %v; want an invalid-input error", term, err)
		}
	}
}
