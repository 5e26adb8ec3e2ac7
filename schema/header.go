package schema

import (
	"context"

	"github.com/graphql-go/graphql"
	"github.com/graphql-go/graphql/language/ast"
	"github.com/parley-kg/parley/graph"
)

// Entity headers: a selection that asks an entity only for what the name
// index holds (a list of holders by name, a connection's steps), or for
// what is read by the entity's IRI alone (its relations, positions,
// sources, claims, events), is answered with a header from the index,
// without reading the entity's own quads. Reading them, and a person's
// roles, was most of the time of such queries: EntityByAlias spent 8 of
// its 10 µs in graph.Store.EntitiesByIRI.

// headerFields are the fields of the entity types that a header answers:
// its own fields that the name index holds (an event's date among them),
// and those whose resolvers read by the entity's IRI alone. Any other
// field (aliases, roles, an event's place or participants) needs the
// entity whole.
var headerFields = map[string]bool{
	"id": true, "name": true, "type": true, "__typename": true, "date": true,
	"relations": true, "positions": true, "sources": true, "claims": true, "claimsAbout": true, "events": true,
	"positionsOn": true, "claimsMade": true,
	"affiliates": true, "narrower": true, // vocabulary v2: read by the IRI alone
}

// headerOnly reports whether the field being resolved selects, on the
// entity it returns, nothing but headerFields, whatever the entity's type.
// It errs towards false: anything it does not recognise needs the whole
// entity.
func headerOnly(info graphql.ResolveInfo) bool {
	if len(info.FieldASTs) == 0 {
		return false
	}
	for _, f := range info.FieldASTs {
		if f == nil || !headerSelection(f.SelectionSet, info.Fragments, 0) {
			return false
		}
	}
	return true
}

// headerOnly is [headerOnly], worked out once per field of the document
// in a request rather than once per item of a list.
func (l *loader) headerOnly(info graphql.ResolveInfo) bool {
	if len(info.FieldASTs) == 0 {
		return false
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	key := info.FieldASTs[0]
	v, ok := l.headerFields[key]
	if !ok {
		v = headerOnly(info)
		if l.headerFields == nil {
			l.headerFields = map[*ast.Field]bool{}
		}
		l.headerFields[key] = v
	}
	return v
}

// headerSelection reports whether set selects nothing but headerFields,
// through fragments to a bounded depth.
func headerSelection(set *ast.SelectionSet, frags map[string]ast.Definition, depth int) bool {
	if set == nil || depth > 8 {
		return false
	}
	for _, sel := range set.Selections {
		switch sel := sel.(type) {
		case *ast.Field:
			if sel.Name == nil || !headerFields[sel.Name.Value] {
				return false
			}
		case *ast.InlineFragment:
			if !headerSelection(sel.SelectionSet, frags, depth+1) {
				return false
			}
		case *ast.FragmentSpread:
			if sel.Name == nil {
				return false
			}
			d, ok := frags[sel.Name.Value].(*ast.FragmentDefinition)
			if !ok || !headerSelection(d.SelectionSet, frags, depth+1) {
				return false
			}
		default:
			return false
		}
	}
	return true
}

// header returns the entity with the given IRI for a selection that
// headerOnly approved: the whole entity when the request has read it
// already, else its header; nil when the graph has none. Headers are
// fetched for every entity the request wants so far in one call, and never
// take the place of a whole entity in the loader.
func (l *loader) header(ctx context.Context, iri string) (*graph.Entity, error) {
	if iri == "" {
		return nil, nil
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.headerLocked(ctx, iri)
}

// headerList returns the entities with the given IRIs as headers, in
// order, skipping any the graph does not hold.
func (l *loader) headerList(ctx context.Context, iris []string) ([]*graph.Entity, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	out := make([]*graph.Entity, 0, len(iris))
	for _, iri := range iris {
		e, err := l.headerLocked(ctx, iri)
		if err != nil {
			return nil, err
		}
		if e != nil {
			out = append(out, e)
		}
	}
	return out, nil
}

// primeHeaders records headers that a root field fetched itself, as
// present in the response, for the per-entity batches.
func (l *loader) primeHeaders(es []*graph.Entity) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.headers == nil {
		l.headers = map[string]*graph.Entity{}
	}
	for _, e := range es {
		if _, whole := l.entities.done[e.IRI]; !whole {
			l.headers[e.IRI] = e
		}
		l.present1(e.IRI)
	}
}

func (l *loader) headerLocked(ctx context.Context, iri string) (*graph.Entity, error) {
	if e, ok := l.entities.done[iri]; ok {
		return e, nil
	}
	if e, ok := l.headers[iri]; ok {
		return e, nil
	}
	if l.headers == nil {
		l.headers = map[string]*graph.Entity{}
	}
	keys := []string{iri}
	for _, k := range l.entities.order {
		_, wanted := l.entities.wanted[k] // and so not read whole
		if _, ok := l.headers[k]; wanted && !ok && k != iri {
			keys = append(keys, k)
		}
	}
	got, err := l.g.EntityHeaders(ctx, keys)
	if err != nil {
		return nil, err
	}
	for _, k := range keys {
		l.headers[k] = got[k] // nil: absent, and never asked again
		if got[k] != nil {
			l.present1(k)
		}
	}
	return got[iri], nil
}
