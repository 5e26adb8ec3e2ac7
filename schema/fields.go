package schema

import (
	"context"
	"fmt"
	"runtime/debug"

	"github.com/graphql-go/graphql"
	"github.com/parley-kg/parley/graph"
)

// The field helpers. Every field of the schema is built by one of them, in
// the file of its type; each says what its field reads, so that the
// loader can batch it and no list elsewhere must follow:
//
//	attr           a value of the source that cannot fail (a position's summary)
//	wholeAttr      a value of an entity that the name index lacks (aliases)
//	entityRef      an entity a value refers to (a position's holder)
//	entityRefs     the entities a value refers to (a claim's disputedBy)
//	sourceRef      the paragraph a value cites (a position's source)
//	ownRef         an entity an entity refers to (an event's location)
//	ownRefs        the entities an entity refers to (an event's participants)
//	ownList        values an entity holds that refer further (a person's roles)
//	evidenceField  the evidence spans a value cites (a position's evidence)
//	ownEvidence    the evidence spans an entity cites (an event's evidence)
//	linksField     an entity's direct links in a hierarchy, by its IRI (affiliates)
//
// A field that reads something else (a root field, an entity's relations)
// wraps its resolver in [builder.resolve] and, when it returns a list of
// values that refer to entities or sources, passes it to [arrive].

// loader returns the execution's loader. Outside an execution (which
// [Handler] never does) it returns a fresh one, which is correct but does
// not batch across fields.
func (b *builder) loader(ctx context.Context) *loader {
	if l := loaderFrom(ctx); l != nil {
		return l
	}
	return newLoader(b.g, b.refs)
}

// resolve wraps a resolver that may fail: errors are mapped once (see
// [errorMapper.gqlError]) and panics become internal errors, so that no
// resolver can take the server down or leak a Go error to a client.
func (b *builder) resolve(fn graphql.FieldResolveFn) graphql.FieldResolveFn {
	return func(p graphql.ResolveParams) (v any, err error) {
		defer func() {
			if r := recover(); r != nil {
				v, err = nil, b.errs.gqlError(p.Context, fieldName(p), fmt.Errorf("panic: %v\n%s", r, debug.Stack()))
			}
		}()
		v, err = fn(p)
		if err != nil {
			return nil, b.errs.gqlError(p.Context, fieldName(p), err)
		}
		return v, nil
	}
}

// fieldName names the field being resolved, as Type.field, for the log.
// Only failures need it: building it for every field cost an allocation
// per resolved value.
func fieldName(p graphql.ResolveParams) string {
	if p.Info.ParentType != nil {
		return p.Info.ParentType.Name() + "." + p.Info.FieldName
	}
	return p.Info.FieldName
}

// firstArg returns the "first" argument of a list field, with its default.
func (b *builder) firstArg(def int, what string) *graphql.ArgumentConfig {
	return &graphql.ArgumentConfig{Type: graphql.Int, DefaultValue: def,
		Description: fmt.Sprintf("At most this many %s, from 0 to %d.", what, b.maxFirst)}
}

// attr returns a field of type t whose value is get(source), for sources of
// type T. It cannot fail, so it needs no [builder.resolve].
func attr[T any](t graphql.Output, desc string, get func(T) any) *graphql.Field {
	return &graphql.Field{Type: t, Description: desc, Resolve: func(p graphql.ResolveParams) (any, error) {
		v, ok := p.Source.(T)
		if !ok {
			return nil, nil
		}
		return get(v), nil
	}}
}

// wholeAttr returns a field of an entity whose value is get(the whole
// entity): something the name index does not hold.
func (b *builder) wholeAttr(t graphql.Output, desc string, get func(*graph.Entity) any) *graphql.Field {
	return &graphql.Field{Type: t, Description: desc, Resolve: b.resolve(func(p graphql.ResolveParams) (any, error) {
		n, _ := p.Source.(*node)
		e, err := b.loader(p.Context).whole(p.Context, n)
		if err != nil {
			return nil, err
		}
		return get(e), nil
	})}
}

// entityRef returns a field holding the entity whose IRI is iri(source),
// for sources of type T, looked up through the execution's loader. When t
// is non-null, a dangling IRI is an internal error rather than null.
func entityRef[T any](b *builder, t graphql.Output, desc string, iri func(T) string) *graphql.Field {
	r := refsOf[T](b.refs)
	r.entity = append(r.entity, iri)
	_, nonNull := t.(*graphql.NonNull)
	return &graphql.Field{Type: t, Description: desc, Resolve: b.resolve(func(p graphql.ResolveParams) (any, error) {
		v, _ := p.Source.(T)
		n, err := b.loader(p.Context).node(p.Context, iri(v))
		return refValue(n, err, iri(v), nonNull)
	})}
}

// entityRefs returns a [Entity!]! field holding the entities whose IRIs
// are iris(source), in order; IRIs the graph lacks are skipped.
func entityRefs[T any](b *builder, desc string, iris func(T) []string) *graphql.Field {
	r := refsOf[T](b.refs)
	r.entities = append(r.entities, iris)
	return &graphql.Field{Type: nonNullList(b.entity), Description: desc, Resolve: b.resolve(func(p graphql.ResolveParams) (any, error) {
		v, _ := p.Source.(T)
		return b.loader(p.Context).nodeList(p.Context, iris(v))
	})}
}

// sourceRef returns a field holding the source paragraph whose IRI is
// iri(source).
func sourceRef[T any](b *builder, t graphql.Output, desc string, iri func(T) string) *graphql.Field {
	r := refsOf[T](b.refs)
	r.source = append(r.source, iri)
	return &graphql.Field{Type: t, Description: desc, Resolve: b.resolve(func(p graphql.ResolveParams) (any, error) {
		v, _ := p.Source.(T)
		s, err := b.loader(p.Context).source(p.Context, iri(v))
		if err != nil || s == nil {
			return nil, err
		}
		return s, nil
	})}
}

// ownRef returns a field of an entity holding the entity whose IRI is
// iri(the whole entity).
func (b *builder) ownRef(t graphql.Output, desc string, iri func(*graph.Entity) string) *graphql.Field {
	f := &refField{register: func(l *loader, e *graph.Entity) { l.want(iri(e)) }}
	_, nonNull := t.(*graphql.NonNull)
	return &graphql.Field{Type: t, Description: desc, Resolve: b.resolve(func(p graphql.ResolveParams) (any, error) {
		n, _ := p.Source.(*node)
		l := b.loader(p.Context)
		e, err := l.follow(p.Context, n, f)
		if err != nil {
			return nil, err
		}
		n, err = l.node(p.Context, iri(e))
		return refValue(n, err, iri(e), nonNull)
	})}
}

// ownRefs returns a [Entity!]! field of an entity holding the entities
// whose IRIs are iris(the whole entity), in order.
func (b *builder) ownRefs(desc string, iris func(*graph.Entity) []string) *graphql.Field {
	f := &refField{register: func(l *loader, e *graph.Entity) { l.want(iris(e)...) }}
	return &graphql.Field{Type: nonNullList(b.entity), Description: desc, Resolve: b.resolve(func(p graphql.ResolveParams) (any, error) {
		n, _ := p.Source.(*node)
		l := b.loader(p.Context)
		e, err := l.follow(p.Context, n, f)
		if err != nil {
			return nil, err
		}
		return l.nodeList(p.Context, iris(e))
	})}
}

// ownList returns a [T!]! field of an entity holding list(the whole
// entity), values that refer to entities or sources in turn (a person's
// roles): what those refer to is registered for the entity's whole batch.
func ownList[T any](b *builder, t graphql.Type, desc string, list func(*graph.Entity) []T) *graphql.Field {
	f := &refField{register: func(l *loader, e *graph.Entity) { arrive(l, list(e)) }}
	return &graphql.Field{Type: nonNullList(t), Description: desc, Resolve: b.resolve(func(p graphql.ResolveParams) (any, error) {
		n, _ := p.Source.(*node)
		e, err := b.loader(p.Context).follow(p.Context, n, f)
		if err != nil {
			return nil, err
		}
		return nonNilSlice(list(e)), nil
	})}
}

// refValue turns the loader's answer for a reference to iri into a
// field's value: nil for an absent entity, or an internal error when the
// field is non-null.
func refValue(n *node, err error, iri string, nonNull bool) (any, error) {
	switch {
	case err != nil:
		return nil, err
	case n != nil:
		return n, nil
	case nonNull:
		return nil, fmt.Errorf("dangling reference %q", iri)
	}
	return nil, nil
}

// nonNullList is [T!]!.
func nonNullList(t graphql.Type) graphql.Output {
	return graphql.NewNonNull(graphql.NewList(graphql.NewNonNull(t)))
}

// nonNull is T!.
func nonNull(t graphql.Type) graphql.Output { return graphql.NewNonNull(t) }

// opt returns s, or nil (GraphQL null) when s is empty.
func opt(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// nonNilSlice returns s, or an empty slice when s is nil, for [T!]! fields.
func nonNilSlice[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
