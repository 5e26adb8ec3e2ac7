package schema

import (
	"context"
	"reflect"

	"github.com/parley-kg/parley/graph"
)

// A loader is the state of one execution: the batcher that keeps store
// calls to one per level of a query, the extensions resolvers add to the
// response, and the count of internal errors.
//
// graphql-go v0.8.1 and the plan executor both resolve fields one at a
// time, depth first, so a classic dataloader (collect keys, then fetch on
// a tick) has nothing to wait for. The loader instead remembers, whenever
// data arrives, every IRI the next level of the query may ask for, and
// fetches all of them in one batch call at the first miss. A list of 100
// positions registers its 100 holders, topics and sources as it arrives;
// the first holder resolver then looks up all holders and topics in one
// EntityHeaders call, and the first source resolver all sources in one
// SourcesByIRI call. What an entity itself refers to (an event's place, a
// person's roles) is registered for its whole batch by the first field
// that follows it (see [loader.follow]). Per-entity data (positions held,
// mentions, relations) is batched over every entity in the response so
// far. Whole-graph lists that several entities share (all claims, all
// events, all positions) are fetched at most once per execution.
//
// A loader has no mutex: one execution runs on one goroutine (the plan
// executor runs resolvers on the caller's goroutine, graphql-go v0.8.1 on
// one goroutine of its own), and a loader belongs to one execution.
type loader struct {
	g    Graph
	refs map[reflect.Type]any // the schema's [refs], by value type

	nodes         map[string]*node // every entity of the response, by IRI; nil: absent from the graph
	wanted        map[string]bool  // IRIs whose headers the next miss looks up
	wantOrder     []string         // wanted IRIs in arrival order, so that fetches are deterministic
	headersFailed error            // a failed look-up fails the execution's later misses too
	wholeFailed   error            // and so does a failed read of whole entities
	present       []string         // IRIs of every node, in order, for the per-entity batches

	sources   *batch[*graph.Source]
	heldBy    *batch[[]graph.Position]
	mentions  *batch[[]string]
	relations map[graph.RelationFilter]*batch[[]graph.Relation]

	claims    once[[]graph.Claim]
	events    once[[]*node]
	positions once[[]graph.Position]

	internals  int            // internal errors seen, to log only the first
	extensions map[string]any // the response's extensions, see [addExtension]

	ext      *v2Loader // vocabulary v2's batches, made on first use (loader_v2.go)
	evidence []string  // span IRIs wanted before ext was made
}

func newLoader(g Graph, refs map[reflect.Type]any) *loader {
	l := &loader{g: g, refs: refs, nodes: map[string]*node{}, wanted: map[string]bool{},
		relations: map[graph.RelationFilter]*batch[[]graph.Relation]{}}
	l.sources = newBatch(g.SourcesByIRI)
	l.heldBy = newBatch(func(ctx context.Context, iris []string) (map[string][]graph.Position, error) {
		m, err := g.PositionsOf(ctx, iris)
		for _, iri := range iris {
			arrive(l, m[iri])
		}
		return m, err
	})
	l.mentions = newBatch(func(ctx context.Context, iris []string) (map[string][]string, error) {
		m, err := g.Mentions(ctx, iris)
		for _, iri := range iris {
			l.sources.want(m[iri]...)
		}
		return m, err
	})
	return l
}

// loaderKey is the context key of the execution's *loader.
type loaderKey struct{}

// loaderFrom returns the execution's loader, or nil outside an execution.
func loaderFrom(ctx context.Context) *loader {
	l, _ := ctx.Value(loaderKey{}).(*loader)
	return l
}

// addExtension appends value to the list under key in the response's
// top-level "extensions" object, for a resolver that has something to
// tell the client beside the data (how it read a name, say). Values made
// of maps, lists, strings, ints and bools keep the handler's fast JSON
// encoder. Outside an execution it does nothing. graphql-go resolves
// sibling fields in map order, so values that several fields add come in
// no fixed order unless the adder sorts them (see [addResolutions]).
func addExtension(ctx context.Context, key string, value any) {
	l := loaderFrom(ctx)
	if l == nil {
		return
	}
	if l.extensions == nil {
		l.extensions = map[string]any{}
	}
	list, _ := l.extensions[key].([]any)
	l.extensions[key] = append(list, value)
}

// refs lists what the values of one Go type (graph.Position,
// graph.Claim...) refer to, one function per field that follows a
// reference. The field helpers ([entityRef], [entityRefs], [sourceRef])
// fill it while the schema is built, so that a field added to a type is
// batched with no other change.
type refs[T any] struct {
	entity   []func(T) string
	entities []func(T) []string
	source   []func(T) string
	evidence []func(T) []string // span IRIs, see [evidenceField]
}

// refsOf returns the refs of type T in m, adding them when absent.
func refsOf[T any](m map[reflect.Type]any) *refs[T] {
	k := reflect.TypeFor[T]()
	r, ok := m[k].(*refs[T])
	if !ok {
		r = &refs[T]{}
		m[k] = r
	}
	return r
}

// arrive registers what a list of values refers to, as it arrives, so
// that the first field to follow one of those references loads them all.
func arrive[T any](l *loader, vs []T) {
	r, _ := l.refs[reflect.TypeFor[T]()].(*refs[T])
	if r == nil {
		return
	}
	for _, v := range vs {
		for _, f := range r.entity {
			l.want(f(v))
		}
		for _, f := range r.entities {
			l.want(f(v)...)
		}
		for _, f := range r.source {
			l.sources.want(f(v))
		}
		for _, f := range r.evidence {
			l.wantEvidence(f(v))
		}
	}
}

// firstInternal counts an internal error and reports whether it is the
// execution's first, so that a failing batch is logged once, not per field.
func (l *loader) firstInternal() bool {
	l.internals++
	return l.internals == 1
}

// source returns the source paragraph with the given IRI, or nil.
func (l *loader) source(ctx context.Context, iri string) (*graph.Source, error) {
	if iri == "" {
		return nil, nil
	}
	s, _, err := l.sources.get(ctx, iri)
	return s, err
}

// sourceList returns the sources with the given IRIs, in order, in one
// batch, skipping any the graph does not hold.
func (l *loader) sourceList(ctx context.Context, iris []string) ([]*graph.Source, error) {
	return l.sources.list(ctx, iris)
}

// sourcesOf returns the source paragraphs that mention an entity.
func (l *loader) sourcesOf(ctx context.Context, iri string) ([]*graph.Source, error) {
	srcs, _, err := l.mentions.get(ctx, iri)
	if err != nil {
		return nil, err
	}
	return l.sources.list(ctx, srcs)
}

// positionsHeld returns the positions an entity holds.
func (l *loader) positionsHeld(ctx context.Context, iri string) ([]graph.Position, error) {
	ps, _, err := l.heldBy.get(ctx, iri)
	return ps, err
}

// relationsOf returns an entity's relations that match f.
func (l *loader) relationsOf(ctx context.Context, iri string, f graph.RelationFilter) ([]graph.Relation, error) {
	b, ok := l.relations[f]
	if !ok {
		b = newBatch(func(ctx context.Context, iris []string) (map[string][]graph.Relation, error) {
			m, err := l.g.Relations(ctx, iris, f)
			for _, iri := range iris {
				arrive(l, m[iri])
			}
			return m, err
		})
		b.want(l.present...)
		l.relations[f] = b
	}
	rs, _, err := b.get(ctx, iri)
	return rs, err
}

// allClaims returns every claim in the graph, fetched once per execution.
func (l *loader) allClaims(ctx context.Context) ([]graph.Claim, error) {
	return l.claims.get(func() ([]graph.Claim, error) {
		cs, err := l.g.Claims(ctx, graph.ClaimFilter{})
		arrive(l, cs)
		return cs, err
	})
}

// allEvents returns every event in the graph, fetched once per execution.
func (l *loader) allEvents(ctx context.Context) ([]*node, error) {
	return l.events.get(func() ([]*node, error) {
		es, err := l.g.Events(ctx, graph.EventFilter{})
		return l.adopt(es, true), err
	})
}

// allPositions returns every position in the graph, fetched once per
// execution.
func (l *loader) allPositions(ctx context.Context) ([]graph.Position, error) {
	return l.positions.get(func() ([]graph.Position, error) {
		ps, err := l.g.Positions(ctx, graph.PositionFilter{})
		arrive(l, ps)
		return ps, err
	})
}

// primeSources caches sources that a root field read itself.
func (l *loader) primeSources(ss []graph.Source) {
	for i := range ss {
		l.sources.put(ss[i].IRI, &ss[i])
	}
}
