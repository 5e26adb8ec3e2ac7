package graph

import (
	"context"
	"fmt"

	"github.com/cayleygraph/quad"
)

// Checks of a write that reach beyond the nodes it names: a topic link may
// close a cycle through stored links, and a removed relation may leave the
// rdf:Statement that carries its evidence naming nothing.

// maxBroaderWalk bounds the topics read above a write's skos:broader
// links, so that a write cannot make the check read a whole store.
const maxBroaderWalk = 10000

// broaderAbove reads the stored skos:broader quads above the objects of the
// broader links in stmts, transitively, so that the check sees a cycle that
// a new link would close through stored links.
func (s *Store) broaderAbove(ctx context.Context, stmts []Statement) ([]quad.Quad, error) {
	var queue []string
	seen := map[string]bool{}
	for _, st := range stmts {
		if iriOf(st.Quad.Predicate) == PredBroader {
			if o := iriOf(st.Quad.Object); o != "" && !seen[o] {
				seen[o] = true
				queue = append(queue, o)
			}
		}
	}
	var out []quad.Quad
	for len(queue) > 0 {
		if len(seen) > maxBroaderWalk {
			return nil, invalidf("the topic hierarchy above this write has more than %d topics", maxBroaderWalk)
		}
		iri := queue[0]
		queue = queue[1:]
		err := s.eachQuad(ctx, quad.Subject, quad.IRI(iri), func(q quad.Quad) error {
			if iriOf(q.Predicate) != PredBroader {
				return nil
			}
			out = append(out, q)
			if up := iriOf(q.Object); up != "" && !seen[up] {
				seen[up] = true
				queue = append(queue, up)
			}
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("read the topics above %s: %w", iri, err)
		}
	}
	return out, nil
}

// orphanedStatements reports each removed quad that a stored rdf:Statement,
// not removed with it, reifies: the statement would then carry evidence for
// a quad the graph no longer holds.
func (s *Store) orphanedStatements(ctx context.Context, stmts []Statement, removed map[string]bool) ([]Violation, error) {
	var vs []Violation
	for _, st := range stmts {
		q := st.Quad
		if iriOf(q.Subject) == "" || iriOf(q.Object) == "" {
			continue
		}
		var reifiers []string
		err := s.eachQuad(ctx, quad.Object, q.Subject, func(r quad.Quad) error {
			if iriOf(r.Predicate) == PredRDFSubject && !removed[quadKey(r)] {
				reifiers = append(reifiers, iriOf(r.Subject))
			}
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("read the statements about %s: %w", q.Subject, err)
		}
		if len(reifiers) == 0 {
			continue
		}
		have, err := s.subjectQuads(ctx, reifiers)
		if err != nil {
			return nil, err
		}
		for _, r := range reifiers {
			var pred, obj bool
			for _, rq := range have[r] {
				switch iriOf(rq.Predicate) {
				case PredRDFPredicate:
					pred = rq.Object == q.Predicate
				case PredRDFObject:
					obj = rq.Object == q.Object
				}
			}
			if pred && obj {
				vs = append(vs, violation(st, "<%s> reifies this quad and carries its evidence; remove the statement's quads too, or keep the quad", r))
			}
		}
	}
	return vs, nil
}
