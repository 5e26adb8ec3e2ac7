package graph

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/cayleygraph/quad"
)

// Relations returns, for each IRI, the quads that touch it as subject (Out)
// or object (In), as relations with their provenance and evidence. f.Predicate
// matches a full IRI or its local name ("attendee"). It reads every IRI's
// quads in one batched scan of the two indexes, and the rdf:Statement
// nodes that reify them (found in the same scan) in a second.
func (s *Store) Relations(ctx context.Context, iris []string, f RelationFilter) (map[string][]Relation, error) {
	if err := checkPredicate(f.Predicate); err != nil {
		return nil, err
	}
	iris = unique(iris)
	var (
		reqs []scanReq
		of   []int // the IRI of each request
		dirs []Direction
	)
	for i, iri := range iris {
		if f.Direction != In {
			reqs, of, dirs = append(reqs, scanReq{quad.Subject, quad.IRI(iri)}), append(of, i), append(dirs, Out)
		}
		// The object index also leads to the statements about the IRI's
		// quads, whichever way they run.
		reqs, of, dirs = append(reqs, scanReq{quad.Object, quad.IRI(iri)}), append(of, i), append(dirs, In)
	}
	rels := make([][]Relation, len(iris))
	for i := range rels {
		rels[i] = []Relation{}
	}
	var statements []string
	err := s.scan(ctx, nil, reqs, predFilter{}, func(i int, q quad.Quad) error {
		pred := iriOf(q.Predicate)
		dir := dirs[i]
		if dir == In && (pred == PredRDFSubject || pred == PredRDFObject) {
			statements = append(statements, iriOf(q.Subject))
			return nil // bookkeeping of evidence, not a relation
		}
		if (dir == In && f.Direction == Out) || !predicateMatches(pred, f.Predicate) {
			return nil
		}
		r := Relation{Predicate: pred, Direction: dir, Source: iriOf(q.Label)}
		other := q.Object
		if dir == In {
			other = q.Subject
		}
		if o := iriOf(other); o != "" {
			r.Other = o
		} else {
			r.Value = literal(other)
		}
		rels[of[i]] = append(rels[of[i]], r)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read relations of %d nodes: %w", len(iris), err)
	}
	evidence, err := s.statementEvidence(ctx, statements)
	if err != nil {
		return nil, err
	}
	out := make(map[string][]Relation, len(iris))
	for i, iri := range iris {
		rs := rels[i]
		for j := range rs {
			rs[j].Evidence = evidence.of(iri, rs[j])
		}
		sort.SliceStable(rs, func(i, j int) bool {
			a, b := rs[i], rs[j]
			if a.Direction != b.Direction {
				return a.Direction < b.Direction
			}
			if a.Predicate != b.Predicate {
				return a.Predicate < b.Predicate
			}
			return a.Other+a.Value < b.Other+b.Value
		})
		out[iri] = rs
	}
	return out, nil
}

// tripleEvidence maps a triple (subject, predicate, object text) to the
// span IRIs of the statements that reify it.
type tripleEvidence map[[3]string][]string

// of returns the evidence of r, a relation of the entity iri.
func (t tripleEvidence) of(iri string, r Relation) []string {
	obj := r.Other + r.Value
	k := [3]string{iri, r.Predicate, obj}
	if r.Direction == In {
		k = [3]string{r.Other, r.Predicate, iri}
	}
	return nonNil(t[k])
}

// statementEvidence reads rdf:Statement nodes and maps the triples they
// reify to their evidence.
func (s *Store) statementEvidence(ctx context.Context, iris []string) (tripleEvidence, error) {
	iris = unique(iris)
	if len(iris) == 0 {
		return nil, nil
	}
	nodes, err := s.readNodes(ctx, nil, iris)
	if err != nil {
		return nil, err
	}
	out := tripleEvidence{}
	for _, n := range nodes {
		if !n.is(ClassStatement) {
			continue
		}
		k := [3]string{n.first(PredRDFSubject), n.first(PredRDFPredicate), n.first(PredRDFObject)}
		out[k] = append(out[k], n.all(PredEvidence)...)
	}
	for k := range out {
		sort.Strings(out[k])
		out[k] = slices.Compact(out[k])
	}
	return out, nil
}

// predicateMatches reports whether pred is the predicate want names, by full
// IRI or by local name; an empty want matches every predicate.
func predicateMatches(pred, want string) bool {
	want = strings.TrimSuffix(strings.TrimPrefix(want, "<"), ">")
	return want == "" || pred == want || localName(pred) == want
}

// localName returns the part of an IRI after its last '#' or '/'.
func localName(iri string) string {
	return iri[strings.LastIndexAny(iri, "#/")+1:]
}

// Mentions returns, for each IRI, the sources (quad labels) of every quad
// that has it as subject or object, in reading order. It reads every IRI's
// quads in one batched scan of the two indexes.
func (s *Store) Mentions(ctx context.Context, iris []string) (map[string][]string, error) {
	iris = unique(iris)
	reqs := make([]scanReq, 0, 2*len(iris))
	seen := make([]map[string]bool, len(iris))
	for i, iri := range iris {
		seen[i] = map[string]bool{}
		reqs = append(reqs, scanReq{quad.Subject, quad.IRI(iri)}, scanReq{quad.Object, quad.IRI(iri)})
	}
	err := s.scan(ctx, nil, reqs, predFilter{}, func(i int, q quad.Quad) error {
		if l := iriOf(q.Label); l != "" {
			seen[i/2][l] = true
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read mentions of %d nodes: %w", len(iris), err)
	}
	out := make(map[string][]string, len(iris))
	for i, iri := range iris {
		srcs := sortedKeys(seen[i])
		sortSources(srcs)
		out[iri] = srcs
	}
	return out, nil
}

// sortSources orders source IRIs in reading order: by the text before the
// trailing number, then by the number, so that p2 comes before p10.
func sortSources(iris []string) {
	sort.SliceStable(iris, func(i, j int) bool { return sourceOrder(iris[i], "", iris[j], "") })
}

func splitNumber(s string) (string, int) {
	i := len(s)
	for i > 0 && s[i-1] >= '0' && s[i-1] <= '9' {
		i--
	}
	n, _ := strconv.Atoi(s[i:])
	return s[:i], n
}
