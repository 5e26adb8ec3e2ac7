package graph

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/cayleygraph/quad"
)

// Relations returns, for each IRI, the quads that touch it as subject (Out)
// or object (In), as relations with their provenance. f.Predicate matches a
// full IRI or its local name ("attendee").
func (s *Store) Relations(ctx context.Context, iris []string, f RelationFilter) (map[string][]Relation, error) {
	out := make(map[string][]Relation, len(iris))
	for _, iri := range iris {
		if _, done := out[iri]; done {
			continue
		}
		rels := []Relation{}
		add := func(dir Direction) func(q quad.Quad) error {
			return func(q quad.Quad) error {
				pred := iriOf(q.Predicate)
				if !predicateMatches(pred, f.Predicate) {
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
				rels = append(rels, r)
				return nil
			}
		}
		if f.Direction != In {
			if err := s.eachQuad(ctx, quad.Subject, quad.IRI(iri), add(Out)); err != nil {
				return nil, fmt.Errorf("read relations of %s: %w", iri, err)
			}
		}
		if f.Direction != Out {
			if err := s.eachQuad(ctx, quad.Object, quad.IRI(iri), add(In)); err != nil {
				return nil, fmt.Errorf("read relations of %s: %w", iri, err)
			}
		}
		sort.SliceStable(rels, func(i, j int) bool {
			a, b := rels[i], rels[j]
			if a.Direction != b.Direction {
				return a.Direction < b.Direction
			}
			if a.Predicate != b.Predicate {
				return a.Predicate < b.Predicate
			}
			return a.Other+a.Value < b.Other+b.Value
		})
		out[iri] = rels
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
// that has it as subject or object, in reading order.
func (s *Store) Mentions(ctx context.Context, iris []string) (map[string][]string, error) {
	out := make(map[string][]string, len(iris))
	for _, iri := range iris {
		seen := map[string]bool{}
		collect := func(q quad.Quad) error {
			if l := iriOf(q.Label); l != "" {
				seen[l] = true
			}
			return nil
		}
		for _, d := range []quad.Direction{quad.Subject, quad.Object} {
			if err := s.eachQuad(ctx, d, quad.IRI(iri), collect); err != nil {
				return nil, fmt.Errorf("read mentions of %s: %w", iri, err)
			}
		}
		srcs := sortedKeys(seen)
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
