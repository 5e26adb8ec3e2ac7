package authoring

import (
	"fmt"
	"io"

	"github.com/cayleygraph/quad"
	"github.com/parley-kg/parley/graph"
)

// WriteDiff writes, for people, what adding the file does: each statement
// marked "+" when it adds a fact the store lacks and "=" when the store
// holds all of it, with its evidence; then each earlier fact of the
// document that goes ("-").
func (r *Result) WriteDiff(w io.Writer, rr graph.ReplaceResult) error {
	fresh := make(map[string]bool, len(rr.Added))
	for _, st := range rr.Added {
		q := st.Quad
		fresh[q.Subject.String()+" "+q.Predicate.String()+" "+q.Object.String()] = true
	}
	ew := &errWriter{w: w}
	for _, it := range r.Items {
		mark, n := "=", 0
		for _, k := range it.Triples {
			if fresh[k] {
				n++
			}
		}
		if n > 0 {
			mark = "+"
		}
		ew.printf("%s %s  (line %d", mark, it.Text, it.Line)
		if n > 0 && n < len(it.Triples) {
			ew.printf(", %d of %d facts new", n, len(it.Triples))
		}
		ew.printf(")\n")
		for _, e := range it.Evidence {
			ew.printf("    evidence %s\n", e)
		}
	}
	for _, q := range rr.Removed {
		ew.printf("- %s %s %s\n", str(q.Subject), local(str(q.Predicate)), str(q.Object))
	}
	ew.printf("%d quads to add, %d to remove\n", len(rr.Added), len(rr.Removed))
	return ew.err
}

func str(v quad.Value) string {
	if iri, ok := v.(quad.IRI); ok {
		return "<" + string(iri) + ">"
	}
	return quad.StringOf(v)
}

type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) printf(format string, args ...any) {
	if e.err == nil {
		_, e.err = fmt.Fprintf(e.w, format, args...)
	}
}
