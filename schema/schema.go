package schema

import (
	"context"
	"fmt"
	"log/slog"
	"reflect"

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
	// ResolveRetracted is Resolve for a query with includeRetracted: it
	// also knows the names and aliases only withdrawn statements give.
	ResolveRetracted(ctx context.Context, ref string) (string, error)
	// EntitiesByIRI returns the entities with the given IRIs; IRIs the graph
	// does not hold are absent from the map.
	EntitiesByIRI(ctx context.Context, iris []string) (map[string]*graph.Entity, error)
	// EntityHeaders returns the entities with the given IRIs with only
	// IRI, kind, name and (events) date, from the name index; IRIs the
	// graph does not hold are absent from the map. The schema copies them
	// into its [node]s at once: a header is not a whole entity.
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
	// TimelineHeaders returns the dated events an entity (IRI; "" for
	// all) took part in, oldest first, each as a header (IRI, kind, name
	// and date) from the name index.
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
	// its author (see [caller.WithAuthor]).
	Writer Writer
	// WriteDenied is what a mutation without an author is told; empty
	// means [DefaultWriteDenied]. A server that takes no writes says how
	// to enable them.
	WriteDenied string
}

// DefaultMaxFirst is the largest "first" argument when [Options.MaxFirst]
// is zero.
const DefaultMaxFirst = 500

// A Schema is Parley's GraphQL schema over a [Graph]. It is immutable and
// safe for concurrent use; [Handler] serves it, and is the only way to run
// a query on it.
type Schema struct {
	gql   graphql.Schema
	g     Graph
	log   *slog.Logger
	refs  map[reflect.Type]any // see [refs]; complete once New returns
	costs costs                // for the cost limits, see [Limits]
}

// New builds the GraphQL schema of Parley over g.
func New(g Graph, opts Options) (*Schema, error) {
	if g == nil {
		return nil, fmt.Errorf("new schema: nil graph")
	}
	if opts.Logger == nil {
		opts.Logger = slog.Default()
	}
	if opts.MaxFirst <= 0 {
		opts.MaxFirst = DefaultMaxFirst
	}
	b := &builder{g: g, errs: errorMapper{log: opts.Logger}, maxFirst: opts.MaxFirst, refs: map[reflect.Type]any{}}
	b.build()
	s, err := graphql.NewSchema(graphql.SchemaConfig{
		Query:    b.query(),
		Mutation: b.mutation(opts.Writer, opts.WriteDenied),
		Types:    b.objectTypes(),
	})
	if err != nil {
		return nil, fmt.Errorf("new schema: %w", err)
	}
	warm(&s)
	return &Schema{gql: s, g: g, log: opts.Logger, refs: b.refs, costs: costsOf(&s)}, nil
}

// newLoader returns the state of one execution of s.
func (s *Schema) newLoader() *loader { return newLoader(s.g, s.refs) }

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
	refs     map[reflect.Type]any // filled by the field helpers, see [refs]

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
