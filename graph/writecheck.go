package graph

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/cayleygraph/quad"
)

// checkAdd validates stmts as an addition to what the store holds and
// returns the ones to write: those whose subject, predicate and object are
// not in the store yet, each once. The vocabulary is checked over the new
// statements together with every quad the store has about the nodes they
// name, so that a reference to a stored node is fine, and a second name for
// a stored entity is not.
func (s *Store) checkAdd(ctx context.Context, stmts []Statement) ([]Statement, error) {
	return s.checkAddExcept(ctx, stmts, nil)
}

// checkAddExcept is checkAdd as if the stored quads in removed (by
// [quadKey]) were gone.
func (s *Store) checkAddExcept(ctx context.Context, stmts []Statement, removed map[string]bool) ([]Statement, error) {
	var nodes []string
	seen := map[string]bool{}
	for _, st := range stmts {
		for _, v := range []quad.Value{st.Quad.Subject, st.Quad.Object, st.Quad.Label} {
			if iri := iriOf(v); iri != "" && !seen[iri] {
				seen[iri] = true
				nodes = append(nodes, iri)
			}
		}
	}
	have, err := s.subjectQuads(ctx, nodes)
	if err != nil {
		return nil, err
	}
	stored := map[string]bool{}
	var known []Statement
	for _, iri := range nodes {
		for _, q := range have[iri] {
			if removed[quadKey(q)] {
				continue
			}
			stored[tripleKey(q)] = true
			known = append(known, Statement{Quad: q})
		}
	}
	above, err := s.broaderAbove(ctx, stmts)
	if err != nil {
		return nil, err
	}
	for _, q := range above {
		if k := tripleKey(q); !stored[k] {
			stored[k] = true
			known = append(known, Statement{Quad: q})
		}
	}
	var fresh []Statement
	for _, st := range stmts {
		if k := tripleKey(st.Quad); !stored[k] {
			stored[k] = true
			fresh = append(fresh, st)
		}
	}
	if len(fresh) == 0 {
		return nil, nil
	}
	if vs := checkAgainst(fresh, known); vs != nil {
		return nil, &ViolationsError{Violations: vs}
	}
	return fresh, nil
}

// removal is a checked removal.
type removal struct {
	remove    []quad.Quad            // as stored, contributions left empty included
	remaining map[string][]quad.Quad // each subject touched → the quads it keeps
}

// checkRemove checks that every quad of stmts is in the store and that what
// would remain satisfies the vocabulary, and plans the removal.
func (s *Store) checkRemove(ctx context.Context, stmts []Statement) (removal, error) {
	var subjects []string
	first := map[string]Statement{} // subject → its first line in the request
	for _, st := range stmts {
		if iri := iriOf(st.Quad.Subject); iri != "" {
			if _, ok := first[iri]; !ok {
				first[iri] = st
				subjects = append(subjects, iri)
			}
		}
	}
	have, err := s.subjectQuads(ctx, subjects)
	if err != nil {
		return removal{}, err
	}
	stored := map[string]quad.Quad{}
	for _, qs := range have {
		for _, q := range qs {
			stored[quadKey(q)] = q
		}
	}
	plan := removal{remaining: map[string][]quad.Quad{}}
	removed := map[string]bool{}
	var vs []Violation
	for _, st := range stmts {
		k := quadKey(st.Quad)
		q, ok := stored[k]
		switch {
		case !ok:
			vs = append(vs, violation(st, "no such quad in the store (its label must match too, as `parley export` writes it)"))
		case !removed[k]:
			removed[k] = true
			plan.remove = append(plan.remove, q)
		}
	}
	if vs != nil {
		return removal{}, &ViolationsError{Violations: vs}
	}
	if vs, err = s.orphanedStatements(ctx, stmts, removed); err != nil {
		return removal{}, err
	}
	for _, iri := range subjects {
		var rest []quad.Quad
		for _, q := range have[iri] {
			if !removed[quadKey(q)] {
				rest = append(rest, q)
			}
		}
		plan.remaining[iri] = rest
		if len(rest) > 0 {
			vs = append(vs, checkRemaining(first[iri], iri, rest)...)
			continue
		}
		n, example, err := s.referrers(ctx, iri, removed)
		if err != nil {
			return removal{}, err
		}
		if n > 0 {
			vs = append(vs, violation(first[iri], "removing every quad of <%s> would leave %d quads pointing at it, such as %s", iri, n, example))
		}
	}
	if vs != nil {
		sort.SliceStable(vs, func(i, j int) bool { return vs[i].Line < vs[j].Line })
		return removal{}, &ViolationsError{Violations: vs}
	}
	return plan, s.dropEmptyContributions(ctx, &plan, removed)
}

// checkRemaining checks a node that keeps quads after a removal, reporting
// at the removal's first line for it.
func checkRemaining(at Statement, iri string, rest []quad.Quad) []Violation {
	c := newChecker()
	for _, q := range rest {
		c.collect(Statement{Quad: q, File: at.File, Line: at.Line})
	}
	c.checkNode(iri, c.nodes[iri])
	return c.out
}

// dropEmptyContributions adds to plan the quads of every contribution whose
// labelled quads the removal takes away entirely.
func (s *Store) dropEmptyContributions(ctx context.Context, plan *removal, removed map[string]bool) error {
	done := map[string]bool{}
	for _, q := range plan.remove {
		c := iriOf(q.Label)
		if done[c] || !isContribution(c) {
			continue
		}
		done[c] = true
		left := 0
		err := s.eachQuad(ctx, quad.Label, quad.IRI(c), func(q quad.Quad) error {
			if !removed[quadKey(q)] && iriOf(q.Subject) != c {
				left++
			}
			return nil
		})
		if err != nil {
			return fmt.Errorf("read contribution %s: %w", c, err)
		}
		if left > 0 {
			continue
		}
		own, err := s.subjectQuads(ctx, []string{c})
		if err != nil {
			return err
		}
		plan.remove = append(plan.remove, own[c]...)
		plan.remaining[c] = nil
	}
	return nil
}

// isContribution reports whether iri names a contribution node.
func isContribution(iri string) bool {
	return strings.HasPrefix(iri, ContributionBase)
}

// referrers counts the stored quads, other than those in removed, whose
// object or label is iri, and describes one of them.
func (s *Store) referrers(ctx context.Context, iri string, removed map[string]bool) (n int, example string, err error) {
	for _, d := range []quad.Direction{quad.Object, quad.Label} {
		err := s.eachQuad(ctx, d, quad.IRI(iri), func(q quad.Quad) error {
			if !removed[quadKey(q)] {
				if n == 0 {
					example = quadKey(q)
				}
				n++
			}
			return nil
		})
		if err != nil {
			return 0, "", fmt.Errorf("read quads pointing at %s: %w", iri, err)
		}
	}
	return n, example, nil
}

// subjectQuads reads every stored quad whose subject is one of iris, in one
// batched scan.
func (s *Store) subjectQuads(ctx context.Context, iris []string) (map[string][]quad.Quad, error) {
	out := make(map[string][]quad.Quad, len(iris))
	reqs := make([]scanReq, len(iris))
	for i, iri := range iris {
		reqs[i] = scanReq{quad.Subject, quad.IRI(iri)}
	}
	err := s.scan(ctx, nil, reqs, predFilter{}, func(i int, q quad.Quad) error {
		out[iris[i]] = append(out[iris[i]], q)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read %d nodes: %w", len(iris), err)
	}
	return out, nil
}

// violation returns a violation at st.
func violation(st Statement, format string, args ...any) Violation {
	subj := iriOf(st.Quad.Subject)
	if subj == "" && st.Quad.Subject != nil {
		subj = st.Quad.Subject.String()
	}
	return Violation{File: st.File, Line: st.Line, Subject: subj, Predicate: iriOf(st.Quad.Predicate), Message: fmt.Sprintf(format, args...)}
}

// tripleKey identifies what a quad states, whatever its label.
func tripleKey(q quad.Quad) string {
	return q.Subject.String() + " " + q.Predicate.String() + " " + q.Object.String()
}

// quadKey identifies a quad, label included, in N-Quads syntax.
func quadKey(q quad.Quad) string {
	k := tripleKey(q)
	if q.Label != nil {
		k += " " + q.Label.String()
	}
	return k
}
