package schema

import (
	"context"
	"fmt"

	"github.com/parley-kg/parley/graph"
)

// A node is an entity as a response holds it, the value behind every
// Entity object. It always has what the graph's name index holds (IRI,
// kind, name and an event's date), which answers most selections (a list
// of holders by name, a connection's steps) without reading the entity's
// quads. A field that needs more (aliases, roles, an event's place) asks
// the loader for the whole entity, which reads it together with every
// other node of its batch that is not whole yet: one store call per level
// of the query, whatever the length of its lists.
//
// A *graph.Entity in this package is always a whole entity.
type node struct {
	iri, name, date string
	kind            graph.Kind

	whole *graph.Entity // nil until a field needs it
	gone  bool          // the graph no longer holds the entity: it was removed while the query ran
	batch *nodeBatch
}

// A nodeBatch is the nodes that arrived together: the header look-up of
// one level of a query, or one list a root field read whole.
type nodeBatch struct {
	nodes []*node
	// followed records the fields (by their [refField]) whose references
	// every node of the batch has registered already.
	followed map[*refField]bool
}

// whole returns n's whole entity, reading it with every node of n's batch
// that is not whole yet.
func (l *loader) whole(ctx context.Context, n *node) (*graph.Entity, error) {
	if n.whole != nil {
		return n.whole, nil
	}
	if l.wholeFailed != nil {
		return nil, l.wholeFailed
	}
	if !n.gone {
		var iris []string
		for _, m := range n.batch.nodes {
			if m.whole == nil && !m.gone {
				iris = append(iris, m.iri)
			}
		}
		got, err := l.g.EntitiesByIRI(ctx, iris)
		if err != nil {
			l.wholeFailed = err
			return nil, err
		}
		for _, m := range n.batch.nodes {
			if m.whole == nil {
				m.whole, m.gone = got[m.iri], got[m.iri] == nil
			}
		}
	}
	if n.gone {
		return nil, fmt.Errorf("%w: entity %s was removed while the query ran", graph.ErrNotFound, n.iri)
	}
	return n.whole, nil
}

// A refField is a field that follows what an entity holds (an event's
// participants, a person's roles): the first node of a batch to resolve
// it registers what every node of the batch refers to through it, so that
// those load in one call.
type refField struct {
	register func(*loader, *graph.Entity)
}

// follow makes what f reads from every node of n's batch wanted by the
// next fetch, once per batch, and returns n's whole entity.
func (l *loader) follow(ctx context.Context, n *node, f *refField) (*graph.Entity, error) {
	e, err := l.whole(ctx, n)
	if err != nil || n.batch.followed[f] {
		return e, err
	}
	if n.batch.followed == nil {
		n.batch.followed = map[*refField]bool{}
	}
	n.batch.followed[f] = true
	for _, m := range n.batch.nodes {
		if m.whole != nil {
			f.register(l, m.whole)
		}
	}
	return e, nil
}

// node returns the node of the entity iri, looking up its header with
// every other wanted one on a miss; nil when the graph holds no such
// entity.
func (l *loader) node(ctx context.Context, iri string) (*node, error) {
	if iri == "" {
		return nil, nil
	}
	if n, ok := l.nodes[iri]; ok {
		return n, nil
	}
	l.want(iri)
	if err := l.flushHeaders(ctx); err != nil {
		return nil, err
	}
	return l.nodes[iri], nil
}

// nodeList returns the nodes of iris, in order, skipping entities the
// graph does not hold.
func (l *loader) nodeList(ctx context.Context, iris []string) ([]*node, error) {
	l.want(iris...)
	out := make([]*node, 0, len(iris))
	for _, iri := range iris {
		n, err := l.node(ctx, iri)
		if err != nil {
			return nil, err
		}
		if n != nil {
			out = append(out, n)
		}
	}
	return out, nil
}

// want registers entities whose headers the next miss looks up.
func (l *loader) want(iris ...string) {
	for _, iri := range iris {
		if _, ok := l.nodes[iri]; ok || iri == "" || l.wanted[iri] {
			continue
		}
		l.wanted[iri] = true
		l.wantOrder = append(l.wantOrder, iri)
	}
}

// flushHeaders looks up every wanted header in one call; the nodes it
// makes form one batch. IRIs the graph does not hold are remembered as
// absent.
func (l *loader) flushHeaders(ctx context.Context) error {
	if l.headersFailed != nil {
		return l.headersFailed
	}
	var iris []string
	for _, iri := range l.wantOrder {
		if _, ok := l.nodes[iri]; !ok {
			iris = append(iris, iri)
		}
	}
	l.wantOrder = l.wantOrder[:0]
	clear(l.wanted)
	if len(iris) == 0 {
		return nil
	}
	got, err := l.g.EntityHeaders(ctx, iris)
	if err != nil {
		l.headersFailed = err
		return err
	}
	b := &nodeBatch{nodes: make([]*node, 0, len(got))}
	for _, iri := range iris {
		if h := got[iri]; h != nil {
			l.add(b, h, nil)
		} else {
			l.nodes[iri] = nil
		}
	}
	return nil
}

// adopt makes nodes, as one batch, of entities a root field read: whole
// ones, or headers (see [Graph.EntityHeaders]) when whole is false.
func (l *loader) adopt(es []*graph.Entity, whole bool) []*node {
	b := &nodeBatch{nodes: make([]*node, 0, len(es))}
	out := make([]*node, len(es))
	for i, e := range es {
		if whole {
			out[i] = l.add(b, e, e)
		} else {
			out[i] = l.add(b, e, nil)
		}
	}
	return out
}

// add returns the node of the entity that h heads, adding it to batch b
// when the response has none yet, and records the whole entity when one
// was read. A new node becomes part of the response: its IRI joins the
// keys of the per-entity batches, so that the relations or positions of a
// list of entities load in one call.
func (l *loader) add(b *nodeBatch, h, whole *graph.Entity) *node {
	if n := l.nodes[h.IRI]; n != nil {
		if n.whole == nil && whole != nil {
			n.whole, n.gone = whole, false
		}
		return n
	}
	n := &node{iri: h.IRI, kind: h.Kind, name: h.Name, date: h.Date, whole: whole, batch: b}
	b.nodes = append(b.nodes, n)
	l.nodes[n.iri] = n
	l.heldBy.want(n.iri)
	l.mentions.want(n.iri)
	for _, rb := range l.relations {
		rb.want(n.iri)
	}
	if l.ext != nil {
		l.ext.narrower.want(n.iri)
		l.ext.affiliates.want(n.iri)
	}
	l.present = append(l.present, n.iri)
	return n
}
