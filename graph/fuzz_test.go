package graph_test

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"slices"
	"sort"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/cayleygraph/quad"
	"github.com/parley-kg/parley/graph"
	"github.com/parley-kg/parley/seed"
)

// fuzzSeeds are the seed corpus of the loader's and the validator's fuzz
// targets, beyond the seed's own files: lines each check of the loader
// rejects, and lines of every literal form it accepts.
var fuzzSeeds = []string{
	"",
	"# a comment\n\n   \n",
	"<https://w3id.org/parley/id/a> <https://schema.org/name> \"A\" <https://w3id.org/parley/source/d/p1> .\n",
	"<https://w3id.org/parley/id/a> <https://schema.org/name> \"A\"@en <https://w3id.org/parley/source/d/p1> .\r\n",
	"<https://w3id.org/parley/source/d/p1> <https://w3id.org/parley/vocab#paragraph> \"1\"^^<http://www.w3.org/2001/XMLSchema#integer> <https://w3id.org/parley/source/d/p1> .\n",
	"<https://w3id.org/parley/id/a> <https://schema.org/name> \"A \\\"quoted\\\" \\u00e9\\n\" <https://w3id.org/parley/source/d/p1> .\n",
	"_:b <https://schema.org/name> \"blank\" <https://w3id.org/parley/source/d/p1> .\n",
	"<https://w3id.org/parley/id/a> <https://schema.org/name> \"no label\" .\n",
	"<https://w3id.org/parley/id/a> \"literal predicate\" \"A\" <https://w3id.org/parley/source/d/p1> .\n",
	"<https://w3id.org/parley/id/a> <https://schema.org/name> \"A\" \"literal label\" .\n",
	"<https://w3id.org/parley/id/a> <https://schema.org/name> \"A\xff\" <https://w3id.org/parley/source/d/p1> .\n",
	"<https://w3id.org/parley/id/a> <https://schema.org/name> \"A\x00\" <https://w3id.org/parley/source/d/p1> .\n",
	"<https://w3id.org/parley/id/a> <https://schema.org/name> \"a\\u0000b\" <https://w3id.org/parley/source/d/p1> .\n",
	"<https://w3id.org/parley/id/a> <https://schema.org/name> \"\\uD800\\U0001F600\" <https://w3id.org/parley/source/d/p1> .\n",
	"# comment \xff\n<a> <b> <c> <d> .\n",
	"<unterminated\n",
	"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff",
}

// seedSnippets returns the first lines of each of the seed's files: small
// inputs keep each run of a fuzz target short, and hold every kind of
// statement the seed has.
func seedSnippets(tb testing.TB) [][]byte {
	tb.Helper()
	const lines = 4
	entries, err := fs.ReadDir(seed.FS, ".")
	if err != nil {
		tb.Fatal(err)
	}
	var out [][]byte
	for _, e := range entries {
		b, err := fs.ReadFile(seed.FS, e.Name())
		if err != nil {
			tb.Fatal(err)
		}
		if parts := bytes.SplitAfterN(b, []byte("\n"), lines+1); len(parts) > lines {
			b = bytes.Join(parts[:lines], nil)
		}
		out = append(out, b)
	}
	return out
}

// addCorpus adds seedSnippets and fuzzSeeds to f's seed corpus.
func addCorpus(f *testing.F) {
	f.Helper()
	for _, b := range seedSnippets(f) {
		f.Add(b)
	}
	for _, s := range fuzzSeeds {
		f.Add([]byte(s))
	}
}

// FuzzParse feeds arbitrary bytes to the N-Quads loader. It must never
// panic; what it accepts must be labelled quads that write back to N-Quads
// and read again as the same quads, in line order; what it rejects must
// come with an error naming a line, and no statements. Invalid UTF-8 and
// NUL bytes outside comments are always rejected.
func FuzzParse(f *testing.F) {
	addCorpus(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		const name = "fuzz.nq"
		stmts, err := graph.ParseStatements(name, bytes.NewReader(data))
		gzipped := len(data) >= 2 && data[0] == 0x1f && data[1] == 0x8b
		if err != nil {
			if stmts != nil {
				t.Errorf("error %v came with %d statements", err, len(stmts))
			}
			if !strings.Contains(err.Error(), name) {
				t.Errorf("error does not name the input: %v", err)
			}
			var le *graph.LineError
			if !gzipped && !errors.As(err, &le) {
				t.Errorf("error names no line: %v", err)
			} else if le != nil && (le.Line < 1 || le.File != name || !errors.Is(le, graph.ErrInvalid)) {
				t.Errorf("line error %#v: want file %s, a line from 1 and ErrInvalid", le, name)
			}
			return
		}
		if !gzipped {
			if line, why := badLine(data); line > 0 {
				t.Fatalf("accepted line %d, which has %s", line, why)
			}
		}
		var buf bytes.Buffer
		last := 0
		for _, st := range stmts {
			q := st.Quad
			if !q.IsValid() {
				t.Errorf("line %d: invalid quad %v", st.Line, q)
			}
			if _, ok := q.Label.(quad.IRI); !ok {
				t.Errorf("line %d: label %v is not an IRI", st.Line, q.Label)
			}
			if st.File != name || st.Line <= last {
				t.Errorf("statement at %s:%d follows line %d", st.File, st.Line, last)
			}
			last = st.Line
			buf.WriteString(q.NQuad() + "\n")
		}
		again, err := graph.ParseStatements(name, &buf)
		if err != nil {
			t.Fatalf("the accepted quads, written back, do not parse: %v\n%s", err, buf.String())
		}
		if len(again) != len(stmts) {
			t.Fatalf("%d quads written back read as %d", len(stmts), len(again))
		}
		for i := range stmts {
			if a, b := stmts[i].Quad, again[i].Quad; a != b {
				t.Errorf("line %d: %#v written back reads as %#v", stmts[i].Line, a, b)
			}
		}
	})
}

// badLine returns the first line of data (1-based, as the loader counts)
// that is not blank or a comment and holds invalid UTF-8 or a NUL byte,
// and what is wrong with it; 0 when there is none.
func badLine(data []byte) (int, string) {
	for i, line := range bytes.Split(data, []byte("\n")) {
		if t := bytes.TrimSpace(line); len(t) > 0 && t[0] == '#' {
			continue
		}
		switch {
		case !utf8.Valid(line):
			return i + 1, "invalid UTF-8"
		case bytes.IndexByte(line, 0) >= 0:
			return i + 1, "a NUL byte"
		}
	}
	return 0, ""
}

// seedStatements returns the seed's statements, which the validator
// accepts (see TestSeedIsValid).
func seedStatements(tb testing.TB) []graph.Statement {
	tb.Helper()
	stmts, err := graph.ReadFS(seed.FS)
	if err != nil {
		tb.Fatalf("read seed: %v", err)
	}
	return stmts
}

// FuzzCheck validates arbitrary parsed input, alone and as a change to the
// seed (the seed with one statement left out, the input added, and, when
// swap is set, the input's objects pointed at seed nodes). The validator
// must never panic, and every violation must say which node it concerns,
// what is wrong, and where the offending statement was read. Checking bare
// quads must find the same violations, without places.
func FuzzCheck(f *testing.F) {
	seedStmts := seedStatements(f)
	if vs := graph.Check(seedStmts); len(vs) > 0 {
		f.Fatalf("the seed has %d violations, first %v", len(vs), vs[0])
	}
	for i, b := range seedSnippets(f) {
		f.Add(b, uint16(i*97), i%2 == 1)
	}
	for i, s := range fuzzSeeds {
		f.Add([]byte(s), uint16(i), i%2 == 0)
	}
	f.Fuzz(func(t *testing.T, data []byte, drop uint16, swap bool) {
		stmts, err := graph.ParseStatements("fuzz.nq", bytes.NewReader(data))
		if err != nil {
			return // FuzzParse covers what the loader rejects
		}
		checkViolations(t, stmts)

		mutated := make([]graph.Statement, 0, len(seedStmts)+len(stmts))
		skip := int(drop) % len(seedStmts)
		mutated = append(mutated, seedStmts[:skip]...)
		mutated = append(mutated, seedStmts[skip+1:]...)
		for i, st := range stmts {
			if swap {
				st.Quad.Object = seedStmts[(skip+i)%len(seedStmts)].Quad.Subject
			}
			mutated = append(mutated, st)
		}
		checkViolations(t, mutated)
	})
}

// checkViolations checks stmts, and the same quads without places, and
// fails t when a violation lacks a subject, a message or a place, or when
// the two checks disagree.
func checkViolations(t *testing.T, stmts []graph.Statement) {
	t.Helper()
	vs := graph.Check(stmts)
	for _, v := range vs {
		if v.Subject == "" || v.Message == "" || v.File == "" || v.Line < 1 {
			t.Errorf("violation %#v lacks a subject, a message or a place", v)
		}
	}
	quads := make([]quad.Quad, len(stmts))
	for i, st := range stmts {
		quads[i] = st.Quad
	}
	bare := graph.CheckQuads(quads)
	if got, want := unplaced(bare), unplaced(vs); !slices.Equal(got, want) {
		t.Errorf("CheckQuads found %q, Check found %q", got, want)
	}
}

// unplaced returns violations as text without their places, sorted.
func unplaced(vs []graph.Violation) []string {
	out := make([]string, len(vs))
	for i, v := range vs {
		v.File, v.Line = "", 0
		out[i] = fmt.Sprint(v)
	}
	sort.Strings(out)
	return out
}
