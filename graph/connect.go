package graph

import (
	"context"
	"fmt"
	"sort"

	"github.com/cayleygraph/quad"
)

// MaxHops bounds [Store.Connection]'s search.
const MaxHops = 8

// maxVisited bounds the nodes one connection search may visit, so that a
// question about two hubs of a large graph stays cheap.
const maxVisited = 50000

// viaClasses are the nodes a connection may pass through without them being
// entities: a role links a person to what the role is of, a position its
// holder to its topic, a claim its claimant to its subjects and disputers.
var viaClasses = []string{ClassRole, ClassPosition, ClassClaim}

// Connection returns a shortest chain of hops from one entity to another,
// each named by an IRI, a name or an alias, of at most maxHops hops; nil when
// there is none that short. Hops pass through entities, and through roles,
// positions and claims (see [Hop]); types, names and sources are not links.
func (s *Store) Connection(ctx context.Context, from, to string, maxHops int) ([]Hop, error) {
	if maxHops < 1 || maxHops > MaxHops {
		return nil, invalidf("maxHops %d is out of range: want 1 to %d", maxHops, MaxHops)
	}
	src, err := s.Resolve(ctx, from)
	if err != nil {
		return nil, fmt.Errorf("from: %w", err)
	}
	dst, err := s.Resolve(ctx, to)
	if err != nil {
		return nil, fmt.Errorf("to: %w", err)
	}
	if src == dst {
		return []Hop{}, nil
	}
	b := &bfs{s: s, cat: s.catalog(), via: map[string][]viaLink{}}
	reached := map[string]Hop{src: {}}
	frontier := []string{src}
	for depth := 0; depth < maxHops && len(frontier) > 0; depth++ {
		var next []string
		for _, n := range frontier {
			hops, err := b.neighbours(ctx, n)
			if err != nil {
				return nil, err
			}
			for _, h := range hops {
				if _, seen := reached[h.To]; seen {
					continue
				}
				reached[h.To] = h
				if h.To == dst {
					return walkBack(reached, src, dst), nil
				}
				next = append(next, h.To)
			}
			if len(reached) > maxVisited {
				return nil, nil
			}
		}
		frontier = next
	}
	return nil, nil
}

// walkBack walks back from dst to src through the hops that reached each node.
func walkBack(reached map[string]Hop, src, dst string) []Hop {
	var out []Hop
	for n := dst; n != src; n = reached[n].From {
		out = append(out, reached[n])
	}
	for i, j := 0, len(out)-1; i < j; i, j = i+1, j-1 {
		out[i], out[j] = out[j], out[i]
	}
	return out
}

// bfs holds what one connection search has read.
type bfs struct {
	s   *Store
	cat *catalog
	via map[string][]viaLink // via node → its links to entities; nil slice: not a via node
}

// viaLink is a quad between a via node and an entity.
type viaLink struct {
	entity, pred, label string
	inverse             bool // the quad runs from the entity to the via node
}

// neighbours returns the hops out of entity n, in a stable order.
func (b *bfs) neighbours(ctx context.Context, n string) ([]Hop, error) {
	var hops []Hop
	err := b.s.eachLink(ctx, n, func(pred, other, label string, inverse bool) error {
		if b.cat.isEntity(other) {
			hops = append(hops, Hop{From: n, Predicate: pred, To: other, Inverse: inverse, Source: label})
			return nil
		}
		links, err := b.viaLinks(ctx, other)
		if err != nil {
			return err
		}
		for _, l := range links {
			if l.entity != n {
				hops = append(hops, Hop{From: n, Predicate: l.pred, To: l.entity, Inverse: l.inverse, Via: other, Source: l.label})
			}
		}
		return nil
	})
	sort.SliceStable(hops, func(i, j int) bool {
		a, b := hops[i], hops[j]
		if a.To != b.To {
			return a.To < b.To
		}
		return a.Via+a.Predicate < b.Via+b.Predicate
	})
	return hops, err
}

// viaLinks returns the links from a role, position or claim node to
// entities, or nil when iri is none of those.
func (b *bfs) viaLinks(ctx context.Context, iri string) ([]viaLink, error) {
	if links, ok := b.via[iri]; ok {
		return links, nil
	}
	n, err := b.s.readNode(ctx, iri)
	if err != nil {
		return nil, err
	}
	var links []viaLink
	for _, c := range viaClasses {
		if n.is(c) {
			links = []viaLink{}
			break
		}
	}
	if links != nil {
		err = b.s.eachLink(ctx, iri, func(pred, other, label string, inverse bool) error {
			if b.cat.isEntity(other) {
				links = append(links, viaLink{entity: other, pred: pred, label: label, inverse: inverse})
			}
			return nil
		})
	}
	b.via[iri] = links
	return links, err
}

// eachLink calls fn for every quad between iri and another IRI node, in
// either direction, leaving out types and provenance links.
func (s *Store) eachLink(ctx context.Context, iri string, fn func(pred, other, label string, inverse bool) error) error {
	visit := func(inverse bool) func(quad.Quad) error {
		return func(q quad.Quad) error {
			pred := iriOf(q.Predicate)
			if pred == PredType || pred == PredSource || pred == PredDocument {
				return nil
			}
			other := q.Object
			if inverse {
				other = q.Subject
			}
			if o := iriOf(other); o != "" && o != iri {
				return fn(pred, o, iriOf(q.Label), inverse)
			}
			return nil
		}
	}
	if err := s.eachQuad(ctx, quad.Subject, quad.IRI(iri), visit(false)); err != nil {
		return fmt.Errorf("read links of %s: %w", iri, err)
	}
	if err := s.eachQuad(ctx, quad.Object, quad.IRI(iri), visit(true)); err != nil {
		return fmt.Errorf("read links of %s: %w", iri, err)
	}
	return nil
}
