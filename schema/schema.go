package schema

import (
	"context"
	"fmt"
	"log/slog"
	"runtime/debug"

	"github.com/graphql-go/graphql"
	"github.com/parley-kg/parley/graph"
)

// Graph is the part of the knowledge graph that the schema reads.
// [*graph.Store] implements it; tests substitute fakes. Every method takes
// the request's context. Methods taking a slice of IRIs are batch calls: the
// schema's per-request loader uses them so that a list of results costs one
// call per level of the query, not one per item.
//
// Arguments named ref (and the entity-naming fields of the filters) accept
// an IRI, a name or an alias, case-insensitively. Errors wrap
// [graph.ErrNotFound], [graph.ErrInvalid] or [graph.ErrAmbiguous] where they
// apply; the schema maps those to error codes and hides anything else
// behind "internal error".
type Graph interface {
	// Resolve returns the IRI of the entity that ref names.
	Resolve(ctx context.Context, ref string) (string, error)
	// Entity returns the entity that ref names.
	Entity(ctx context.Context, ref string) (*graph.Entity, error)
	// EntitiesByIRI returns the entities with the given IRIs; IRIs the graph
	// does not hold are absent from the map.
	EntitiesByIRI(ctx context.Context, iris []string) (map[string]*graph.Entity, error)
	// EntityHeaders returns the entities with the given IRIs with only
	// IRI, kind and name, from the name index; IRIs the graph does not
	// hold are absent from the map.
	EntityHeaders(ctx context.Context, iris []string) (map[string]*graph.Entity, error)
	// Search returns up to first entities whose name or alias matches text,
	// best first, optionally only of the given kinds.
	Search(ctx context.Context, text string, kinds []graph.Kind, first int) ([]*graph.Entity, error)
	// Entities returns one page of entities, ordered by IRI.
	Entities(ctx context.Context, f graph.EntityFilter) (graph.EntityPage, error)
	// Relations returns, for each IRI, the relations that match f.
	Relations(ctx context.Context, iris []string, f graph.RelationFilter) (map[string][]graph.Relation, error)
	// Positions returns the positions that match f.
	Positions(ctx context.Context, f graph.PositionFilter) ([]graph.Position, error)
	// PositionsOf returns, for each holder IRI, the positions it holds.
	PositionsOf(ctx context.Context, holders []string) (map[string][]graph.Position, error)
	// Mentions returns, for each entity IRI, the IRIs of the source
	// paragraphs that mention it.
	Mentions(ctx context.Context, iris []string) (map[string][]string, error)
	// Sources returns every source paragraph.
	Sources(ctx context.Context) ([]graph.Source, error)
	// SourcesByIRI returns the source paragraphs with the given IRIs.
	SourcesByIRI(ctx context.Context, iris []string) (map[string]*graph.Source, error)
	// Events returns the events that match f.
	Events(ctx context.Context, f graph.EventFilter) ([]*graph.Entity, error)
	// Claims returns the claims that match f.
	Claims(ctx context.Context, f graph.ClaimFilter) ([]graph.Claim, error)
	// Topics returns every topic.
	Topics(ctx context.Context) ([]*graph.Entity, error)
	// Timeline returns the dated events an entity (IRI; "" for all) took
	// part in, oldest first.
	Timeline(ctx context.Context, entity string) ([]*graph.Entity, error)
	// TimelineHeaders is Timeline with each event as a header (IRI, kind,
	// name and date), from the name index.
	TimelineHeaders(ctx context.Context, entity string) ([]*graph.Entity, error)
	// Connection returns a shortest path of at most maxHops hops between
	// two entities (IRIs), or nil when there is none.
	Connection(ctx context.Context, from, to string, maxHops int) ([]graph.Hop, error)
	// Quads returns the quads that match f.
	Quads(ctx context.Context, f graph.QuadFilter) ([]graph.Quad, error)
}

// Options configure [New].
type Options struct {
	// Logger receives internal errors (their messages are hidden from
	// clients). Nil means [slog.Default].
	Logger *slog.Logger
	// MaxFirst caps every "first" argument; larger values are rejected
	// with BAD_USER_INPUT. Zero means [DefaultMaxFirst].
	MaxFirst int
	// Writer, when set, gives the schema a Mutation root (addQuads,
	// removeQuads). A mutation runs only for a request whose context names
	// its author (see [WithAuthor]).
	Writer Writer
	// WriteDenied is what a mutation without an author is told; empty
	// means [DefaultWriteDenied]. A server that takes no writes says how
	// to enable them.
	WriteDenied string
}

// DefaultMaxFirst is the largest "first" argument when [Options.MaxFirst]
// is zero.
const DefaultMaxFirst = 500

// New builds the GraphQL schema of Parley over g. The schema is immutable
// and safe for concurrent executions; each execution gets its own batching
// loader, however it is run (see [Handler], or graphql.Do).
func New(g Graph, opts Options) (graphql.Schema, error) {
	if g == nil {
		return graphql.Schema{}, fmt.Errorf("new schema: nil graph")
	}
	if opts.Logger == nil {
		opts.Logger = slog.Default()
	}
	if opts.MaxFirst <= 0 {
		opts.MaxFirst = DefaultMaxFirst
	}
	b := &builder{g: g, errs: errorMapper{log: opts.Logger}, maxFirst: opts.MaxFirst}
	b.build()
	s, err := graphql.NewSchema(graphql.SchemaConfig{
		Query:      b.query(),
		Mutation:   b.mutation(opts.Writer, opts.WriteDenied),
		Types:      b.objectTypes(),
		Extensions: []graphql.Extension{loaderExtension{g: g}},
	})
	if err != nil {
		return graphql.Schema{}, fmt.Errorf("new schema: %w", err)
	}
	warm(&s)
	registerGraph(s.QueryType(), g)
	return s, nil
}

// warm fills the lookup tables that graphql-go v0.8.1 builds lazily, and
// without locking, on first use (enum value maps, the possible types of
// interfaces), so that concurrent executions only ever read them.
func warm(s *graphql.Schema) {
	for _, t := range s.TypeMap() {
		switch t := t.(type) {
		case *graphql.Enum:
			if vs := t.Values(); len(vs) > 0 {
				t.Serialize(vs[0].Value)
				t.ParseValue(vs[0].Name)
			}
		case *graphql.Interface:
			for _, o := range s.PossibleTypes(t) {
				s.IsPossibleType(t, o)
			}
		}
	}
}

// builder holds the schema's types while New wires them together. Types
// that refer to each other do so through field thunks, which graphql-go
// calls once every pointer here is set.
type builder struct {
	g        Graph
	errs     errorMapper
	maxFirst int

	kindEnum, directionEnum, stanceEnum, statusEnum *graphql.Enum

	entity  *graphql.Interface
	objects map[graph.Kind]*graphql.Object // Person, State, ... by kind

	role, relation, position, claim, hop, source, quad *graphql.Object
	connection, edge, pageInfo                         *graphql.Object

	v2 v2Types // evidence.go
}

func (b *builder) build() {
	b.kindEnum = entityTypeEnum()
	b.directionEnum = directionEnum()
	b.stanceEnum = stanceEnum()
	b.statusEnum = claimStatusEnum()
	b.buildV2()
	b.source = b.sourceType()
	b.quad = quadType()
	b.entity = b.entityInterface()
	b.objects = b.entityObjects()
	b.role = b.roleType()
	b.relation = b.relationType()
	b.position = b.positionType()
	b.claim = b.claimType()
	b.hop = b.hopType()
	b.pageInfo = pageInfoType()
	b.edge = b.edgeType()
	b.connection = b.connectionType()
}

// objectTypes lists the types that no field names directly, so that
// introspection and fragments (`... on Territory`) know them.
func (b *builder) objectTypes() []graphql.Type {
	ts := make([]graphql.Type, 0, len(graph.Kinds))
	for _, k := range graph.Kinds {
		ts = append(ts, b.objects[k])
	}
	return ts
}

// loader returns the execution's loader. Outside an execution of this
// schema (which never happens through graphql-go) it returns a fresh one,
// which is correct but does not batch across fields.
func (b *builder) loader(ctx context.Context) *loader {
	if l := loaderFrom(ctx); l != nil {
		return l
	}
	return newLoader(b.g)
}

// ownLoader returns the execution's loader for a field that follows a
// reference. When the reference is an entity's own (an event's location,
// a role's state), it first registers the own references of every entity
// loaded so far, so that they load in one batch (see
// [loader.followOwnRefs]).
func (b *builder) ownLoader(p graphql.ResolveParams) *loader {
	l := b.loader(p.Context)
	switch p.Source.(type) {
	case *graph.Entity, graph.Role:
		l.followOwnRefs()
	}
	return l
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

// entityRef returns a field holding the entity whose IRI is iri(source),
// loaded through the request's loader. When nonNull is set, a dangling IRI
// is an internal error rather than null.
func entityRef[T any](b *builder, t graphql.Output, desc string, iri func(T) string) *graphql.Field {
	_, nonNull := t.(*graphql.NonNull)
	return &graphql.Field{Type: t, Description: desc, Resolve: b.resolve(func(p graphql.ResolveParams) (_ any, err error) {
		v, _ := p.Source.(T)
		ref := iri(v)
		var e *graph.Entity
		if l := b.ownLoader(p); l.headerOnly(p.Info) {
			e, err = l.header(p.Context, ref)
		} else {
			e, err = l.entity(p.Context, ref)
		}
		if err != nil {
			return nil, err
		}
		if e == nil {
			if nonNull {
				return nil, fmt.Errorf("dangling reference %q", ref)
			}
			return nil, nil
		}
		return e, nil
	})}
}

// entityRefs returns a [Entity!]! field holding the entities whose IRIs
// are iris(source), in order; IRIs the graph lacks are skipped.
func entityRefs[T any](b *builder, desc string, iris func(T) []string) *graphql.Field {
	return &graphql.Field{Type: nonNullList(b.entity), Description: desc, Resolve: b.resolve(func(p graphql.ResolveParams) (any, error) {
		v, _ := p.Source.(T)
		if l := b.ownLoader(p); l.headerOnly(p.Info) {
			return l.headerList(p.Context, iris(v))
		} else {
			return l.entityList(p.Context, iris(v))
		}
	})}
}

// sourceRef returns a field holding the source paragraph whose IRI is
// iri(source).
func sourceRef[T any](b *builder, t graphql.Output, desc string, iri func(T) string) *graphql.Field {
	return &graphql.Field{Type: t, Description: desc, Resolve: b.resolve(func(p graphql.ResolveParams) (any, error) {
		v, _ := p.Source.(T)
		s, err := b.ownLoader(p).source(p.Context, iri(v))
		if err != nil || s == nil {
			return nil, err
		}
		return s, nil
	})}
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
