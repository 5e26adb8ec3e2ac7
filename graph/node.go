package graph

import (
	"context"
	"fmt"

	"github.com/cayleygraph/quad"
)

// node is the out-quads of one subject, by predicate IRI.
type node map[string][]quad.Quad

// first returns the text of the first object of pred, or "".
func (n node) first(pred string) string {
	if qs := n[pred]; len(qs) > 0 {
		return literal(qs[0].Object)
	}
	return ""
}

// all returns the texts of every object of pred.
func (n node) all(pred string) []string {
	var out []string
	for _, q := range n[pred] {
		out = append(out, literal(q.Object))
	}
	return out
}

// label returns the label of the first quad of pred, or "".
func (n node) label(pred string) string {
	if qs := n[pred]; len(qs) > 0 {
		return iriOf(qs[0].Label)
	}
	return ""
}

// is reports whether the node has rdf:type class.
func (n node) is(class string) bool {
	for _, t := range n.all(PredType) {
		if t == class {
			return true
		}
	}
	return false
}

// readNode reads the out-quads of iri.
func (s *Store) readNode(ctx context.Context, iri string) (node, error) {
	n := node{}
	err := s.eachQuad(ctx, quad.Subject, quad.IRI(iri), func(q quad.Quad) error {
		p := iriOf(q.Predicate)
		n[p] = append(n[p], q)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", iri, err)
	}
	return n, nil
}

// subjectsOf returns the subjects of the quads (subject pred obj), found
// through the object index: the selective end of the question.
func (s *Store) subjectsOf(ctx context.Context, pred, obj string) ([]string, error) {
	var out []string
	seen := map[string]bool{}
	err := s.eachQuad(ctx, quad.Object, quad.IRI(obj), func(q quad.Quad) error {
		if iriOf(q.Predicate) != pred {
			return nil
		}
		if subj := iriOf(q.Subject); subj != "" && !seen[subj] {
			seen[subj] = true
			out = append(out, subj)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("find subjects of %s %s: %w", localName(pred), obj, err)
	}
	return out, nil
}

// ofClass returns every node with rdf:type class.
func (s *Store) ofClass(ctx context.Context, class string) ([]string, error) {
	return s.subjectsOf(ctx, PredType, class)
}

// hasValue reports whether v is one of m's values.
func hasValue[K, V comparable](m map[K]V, v V) bool {
	for _, have := range m {
		if have == v {
			return true
		}
	}
	return false
}

// start is a filter argument that names an entity, and the predicate that
// leads from that entity, through the object index, to the records sought.
type start struct{ arg, ref, pred string }

// records resolves the filter arguments that name entities (an unknown name
// is an error naming its argument) and returns the IRIs of the candidate
// records, found from the first argument given, the most selective end, or
// when none is given, every node of class. resolved maps each given
// argument to its IRI, for the caller's remaining filters.
func (s *Store) records(ctx context.Context, class string, starts ...start) (iris []string, resolved map[string]string, err error) {
	resolved = map[string]string{}
	var from *start
	for i, st := range starts {
		if st.ref == "" {
			continue
		}
		iri, err := s.Resolve(ctx, st.ref)
		if err != nil {
			return nil, nil, fmt.Errorf("%s: %w", st.arg, err)
		}
		resolved[st.arg] = iri
		if from == nil {
			from = &starts[i]
		}
	}
	if from == nil {
		iris, err = s.ofClass(ctx, class)
	} else {
		iris, err = s.subjectsOf(ctx, from.pred, resolved[from.arg])
	}
	return iris, resolved, err
}
