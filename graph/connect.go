package graph

import (
	"context"
	"fmt"
	"slices"
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
	b := &bfs{s: s, cat: s.catalog(), via: map[string][]viaLink{}, r: newResolver(s)}
	reached := map[string]Hop{src: {}}
	frontier := []string{src}
	for depth := 0; depth < maxHops && len(frontier) > 0; depth++ {
		var next []string
		size := 1
		for start := 0; start < len(frontier); {
			part := frontier[start:min(start+size, len(frontier))]
			start += len(part)
			if b.r.kv != nil {
				size = min(2*size, bfsBatch)
			}
			hopsOf, err := b.neighbours(ctx, part)
			if err != nil {
				return nil, err
			}
			for _, hops := range hopsOf {
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
		}
		frontier = next
	}
	return nil, nil
}

// bfsBatch is how many nodes of a level the search reads at once, at most.
// On a store that reads in batches (bolt) it reads 1 node, then 2, 4 and so
// on: a level it reads to the end costs few reads, and on the level where it
// finds its goal it reads at most about as much again past the goal as it
// read before it. Other stores gain nothing from batches and read a node at
// a time, never past the goal.
const bfsBatch = 256

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
	r   *resolver            // values read so far, shared by every read of the search
}

// viaLink is a quad between a via node and an entity.
type viaLink struct {
	entity, pred, label string
	inverse             bool // the quad runs from the entity to the via node
}

// neighbours returns the hops out of each of the entities ns, each node's
// in a stable order. It reads the links of all of ns, and then of the via
// nodes they lead to, in one batch each.
func (b *bfs) neighbours(ctx context.Context, ns []string) ([][]Hop, error) {
	linksOf, err := b.s.links(ctx, b.r, ns, quad.Subject, quad.Object)
	if err != nil {
		return nil, err
	}
	var vias []string
	queued := map[string]bool{}
	for _, links := range linksOf {
		for _, l := range links {
			if _, known := b.via[l.other]; !known && !queued[l.other] && !b.cat.isEntity(l.other) {
				queued[l.other] = true
				vias = append(vias, l.other)
			}
		}
	}
	if err := b.readVia(ctx, vias); err != nil {
		return nil, err
	}
	out := make([][]Hop, len(ns))
	for i, n := range ns {
		var hops []Hop
		for _, l := range linksOf[i] {
			if b.cat.isEntity(l.other) {
				hops = append(hops, Hop{From: n, Predicate: l.pred, To: l.other, Inverse: l.inverse, Source: l.label})
				continue
			}
			for _, v := range b.via[l.other] {
				if v.entity != n {
					hops = append(hops, Hop{From: n, Predicate: v.pred, To: v.entity, Inverse: v.inverse, Via: l.other, Source: v.label})
				}
			}
		}
		sort.SliceStable(hops, func(i, j int) bool {
			a, b := hops[i], hops[j]
			if a.To != b.To {
				return a.To < b.To
			}
			return a.Via+a.Predicate < b.Via+b.Predicate
		})
		out[i] = hops
	}
	return out, nil
}

// readVia records, for each of iris, its links to entities when it is a
// role, position or claim node, and nil when it is none of those. It reads
// the out-quads of all of iris in one batch, which give both their types
// and their out-links, and then the in-quads of the via nodes among them in
// another.
func (b *bfs) readVia(ctx context.Context, iris []string) error {
	if len(iris) == 0 {
		return nil
	}
	reqs := make([]scanReq, len(iris))
	for i, iri := range iris {
		reqs[i] = scanReq{quad.Subject, quad.IRI(iri)}
	}
	isVia := make([]bool, len(iris))
	outs := make([][]link, len(iris))
	skip := predFilter{skip: []string{PredSource, PredDocument}}
	err := b.s.scan(ctx, b.r, reqs, skip, func(i int, q quad.Quad) error {
		pred := iriOf(q.Predicate)
		if pred == PredType {
			if slices.Contains(viaClasses, literal(q.Object)) {
				isVia[i] = true
			}
			return nil
		}
		if o := iriOf(q.Object); o != "" && o != iris[i] {
			outs[i] = append(outs[i], link{pred: pred, other: o, label: iriOf(q.Label)})
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("read %d nodes: %w", len(iris), err)
	}
	var vias []string
	for i, iri := range iris {
		b.via[iri] = nil
		if isVia[i] {
			vias = append(vias, iri)
			b.via[iri] = []viaLink{}
		}
	}
	ins, err := b.s.links(ctx, b.r, vias, quad.Object)
	if err != nil {
		return err
	}
	j := 0
	for i, iri := range iris {
		if !isVia[i] {
			continue
		}
		links := b.via[iri]
		for _, l := range slices.Concat(outs[i], ins[j]) {
			if b.cat.isEntity(l.other) {
				links = append(links, viaLink{entity: l.other, pred: l.pred, label: l.label, inverse: l.inverse})
			}
		}
		b.via[iri] = links
		j++
	}
	return nil
}

// link is a quad between a node and another IRI node.
type link struct {
	pred, other, label string
	inverse            bool // the quad runs from the other node to this one
}

// links returns, for each of iris, the quads between it and another IRI
// node, in the directions dirs asks for (quad.Subject: out-quads,
// quad.Object: in-quads; out-quads first), leaving out types and provenance
// links. It reads them in one batched scan of those indexes; r carries
// values already read.
func (s *Store) links(ctx context.Context, r *resolver, iris []string, dirs ...quad.Direction) ([][]link, error) {
	out := make([][]link, len(iris))
	var (
		reqs []scanReq
		of   []int // the IRI of each request
	)
	for n, iri := range iris {
		for _, d := range dirs {
			reqs, of = append(reqs, scanReq{d, quad.IRI(iri)}), append(of, n)
		}
	}
	skip := predFilter{skip: []string{PredType, PredSource, PredDocument}}
	err := s.scan(ctx, r, reqs, skip, func(i int, q quad.Quad) error {
		n, inverse := of[i], reqs[i].dir == quad.Object
		other := q.Object
		if inverse {
			other = q.Subject
		}
		if o := iriOf(other); o != "" && o != iris[n] {
			out[n] = append(out[n], link{pred: iriOf(q.Predicate), other: o, label: iriOf(q.Label), inverse: inverse})
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read the links of %d nodes: %w", len(iris), err)
	}
	return out, nil
}
