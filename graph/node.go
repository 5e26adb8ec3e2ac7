package graph

import (
	"context"
	"fmt"
	"sort"
	"strings"

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

// sorted returns the texts of every object of pred, sorted, since backends
// iterate in their own orders.
func (n node) sorted(pred string) []string {
	out := n.all(pred)
	sort.Strings(out)
	return out
}

// flag reports whether pred's first object is the literal "true" (an
// xsd:boolean).
func (n node) flag(pred string) bool { return n.first(pred) == "true" }

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

// readNodes reads the out-quads of each of iris, in one batched scan of the
// subject index (see [Store.scan]); r, when not nil, carries values already
// read.
func (s *Store) readNodes(ctx context.Context, r *resolver, iris []string) ([]node, error) {
	out := make([]node, len(iris))
	reqs := make([]scanReq, len(iris))
	for i, iri := range iris {
		out[i] = node{}
		reqs[i] = scanReq{quad.Subject, quad.IRI(iri)}
	}
	err := s.scan(ctx, r, reqs, predFilter{}, func(i int, q quad.Quad) error {
		p := iriOf(q.Predicate)
		out[i][p] = append(out[i][p], q)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read %d nodes: %w", len(iris), err)
	}
	return out, nil
}

// subjectsOf returns the subjects of the quads (subject pred obj), found
// through the object index: the selective end of the question.
func (s *Store) subjectsOf(ctx context.Context, pred, obj string) ([]string, error) {
	subj, err := s.subjectsOfAny(ctx, []string{pred}, []string{obj})
	if err != nil {
		return nil, err
	}
	return subj[0], nil
}

// subjectsOfAny returns, for each of objs, the subjects of the quads
// (subject pred obj) with pred one of preds, in one batched scan of the
// object index that reads only the quads of those predicates.
func (s *Store) subjectsOfAny(ctx context.Context, preds, objs []string) ([][]string, error) {
	out := make([][]string, len(objs))
	seen := make([]map[string]bool, len(objs))
	reqs := make([]scanReq, len(objs))
	for i, obj := range objs {
		seen[i] = map[string]bool{}
		reqs[i] = scanReq{quad.Object, quad.IRI(obj)}
	}
	err := s.scan(ctx, nil, reqs, predFilter{keep: preds}, func(i int, q quad.Quad) error {
		if subj := iriOf(q.Subject); subj != "" && !seen[i][subj] {
			seen[i][subj] = true
			out[i] = append(out[i], subj)
		}
		return nil
	})
	if err != nil {
		names := make([]string, len(preds))
		for i, p := range preds {
			names[i] = localName(p)
		}
		what := fmt.Sprintf("%d nodes", len(objs))
		if len(objs) == 1 {
			what = objs[0]
		}
		return nil, fmt.Errorf("find subjects of %s %s: %w", strings.Join(names, "|"), what, err)
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

// unique returns iris without repeats, in the order of their first
// appearance.
func unique(iris []string) []string {
	seen := make(map[string]bool, len(iris))
	out := make([]string, 0, len(iris))
	for _, iri := range iris {
		if !seen[iri] {
			seen[iri] = true
			out = append(out, iri)
		}
	}
	return out
}
