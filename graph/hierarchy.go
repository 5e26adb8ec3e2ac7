package graph

import (
	"context"
	"fmt"
	"slices"

	"github.com/cayleygraph/quad"
)

// Hierarchy names one of the two hierarchies that queries follow
// downwards: topics to their narrower topics, actors to their affiliates.
type Hierarchy int

// The hierarchies.
const (
	// Narrower leads from a topic to the topics below it: those with a
	// [PredBroader] link to it.
	Narrower Hierarchy = iota + 1
	// Affiliates leads from an actor to its affiliates (see
	// [AffiliationPredicates]).
	Affiliates
)

// String names h as the GraphQL field that shows its direct links.
func (h Hierarchy) String() string {
	if h == Narrower {
		return "narrower"
	}
	return "affiliates"
}

// maxClosure bounds the size of one closure, so that a hub of a huge graph
// cannot make one argument read the whole graph many times over.
const maxClosure = 100000

// Closure returns iri and every node below it in h, transitively, in the
// order found (iri first): for [Narrower], the topics under a topic; for
// [Affiliates], the actors affiliated with an actor. Each level reads
// only the links of the hierarchy to the level's nodes, from the index by
// (object, predicate) or, on the memory store, the smaller of the indexes
// by object and by predicate (see [Store.linksTo]); affiliates take a
// second read, of the roles found, to their holders. The cost grows with
// the size of the closure, never with the graph's. Within a request (see
// [WithRequestCache]) each closure is computed once.
func (s *Store) Closure(ctx context.Context, h Hierarchy, iri string) ([]string, error) {
	rc := requestCacheOf(ctx)
	if c, ok := rc.closure(h, iri); ok {
		return c, nil
	}
	out := []string{iri}
	seen := map[string]bool{iri: true}
	for frontier := out; len(frontier) > 0; {
		below, err := s.below(ctx, h, frontier)
		if err != nil {
			return nil, err
		}
		frontier = nil
		for _, bs := range below {
			for _, b := range bs {
				if !seen[b] {
					seen[b] = true
					frontier = append(frontier, b)
				}
			}
		}
		out = append(out, frontier...)
		if len(out) > maxClosure {
			return nil, invalidf("the %s of %s number more than %d", h, iri, maxClosure)
		}
	}
	rc.putClosure(h, iri, out)
	return out, nil
}

// below returns the direct links of h below each of iris.
func (s *Store) below(ctx context.Context, h Hierarchy, iris []string) ([][]string, error) {
	if h == Narrower {
		return s.subjectsLinking(ctx, []string{PredBroader}, iris)
	}
	return s.affiliates(ctx, iris)
}

// NarrowerOf returns, for each topic IRI, the topics directly narrower
// than it, sorted.
func (s *Store) NarrowerOf(ctx context.Context, iris []string) (map[string][]string, error) {
	return s.directly(ctx, Narrower, iris)
}

// AffiliatesOf returns, for each actor IRI, the actors directly affiliated
// with it (see [AffiliationPredicates]), sorted.
func (s *Store) AffiliatesOf(ctx context.Context, iris []string) (map[string][]string, error) {
	return s.directly(ctx, Affiliates, iris)
}

func (s *Store) directly(ctx context.Context, h Hierarchy, iris []string) (map[string][]string, error) {
	iris = unique(iris)
	below, err := s.below(ctx, h, iris)
	if err != nil {
		return nil, err
	}
	out := make(map[string][]string, len(iris))
	for i, iri := range iris {
		bs := slices.Clone(below[i])
		slices.Sort(bs)
		out[iri] = nonNil(bs)
	}
	return out, nil
}

// affiliationLinks are the predicates that make their subject a direct
// affiliate of their object; roles take two steps (role → of).
var affiliationLinks = []string{PredPartOf, PredRepresents, PredMemberOf}

// affiliates returns the direct affiliates of each of iris: the subjects
// of partOf, represents and memberOf links to it, and the holders of its
// roles that are not former. It reads the links and the roles' of links
// in one read of the links (see [Store.linksTo]), then the roles' holders
// and former flags in a second.
func (s *Store) affiliates(ctx context.Context, iris []string) ([][]string, error) {
	out := make([][]string, len(iris))
	seen := make([]map[string]bool, len(iris))
	add := func(i int, iri string) {
		if seen[i] == nil {
			seen[i] = map[string]bool{}
		}
		if !seen[i][iri] {
			seen[i][iri] = true
			out[i] = append(out[i], iri)
		}
	}
	var (
		roles  []string
		roleOf []int // the index in iris of each role's actor
	)
	keep := append(slices.Clone(affiliationLinks), PredOf)
	err := s.linksTo(ctx, keep, iris, func(i int, q quad.Quad) error {
		subj := iriOf(q.Subject)
		if subj == "" {
			return nil
		}
		if iriOf(q.Predicate) == PredOf {
			roles, roleOf = append(roles, subj), append(roleOf, i)
			return nil
		}
		add(i, subj)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("find affiliates of %d actors: %w", len(iris), err)
	}
	if len(roles) == 0 {
		return out, nil
	}
	// One request per role for its holders (object index), one for its
	// former flag (subject index).
	reqs := make([]scanReq, 0, 2*len(roles))
	for _, r := range roles {
		reqs = append(reqs, scanReq{quad.Object, quad.IRI(r)}, scanReq{quad.Subject, quad.IRI(r)})
	}
	holders := make([][]string, len(roles))
	former := make([]bool, len(roles))
	err = s.scan(ctx, nil, reqs, predFilter{keep: []string{PredRole, PredFormer}}, func(i int, q quad.Quad) error {
		r := i / 2
		switch {
		case i%2 == 1 && iriOf(q.Predicate) == PredFormer:
			former[r] = former[r] || literal(q.Object) == "true"
		case i%2 == 0 && iriOf(q.Predicate) == PredRole:
			if h := iriOf(q.Subject); h != "" {
				holders[r] = append(holders[r], h)
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read %d roles: %w", len(roles), err)
	}
	for r := range roles {
		if former[r] {
			continue
		}
		for _, h := range holders[r] {
			add(roleOf[r], h)
		}
	}
	return out, nil
}

// nonNil returns s, or an empty slice when s is nil.
func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
