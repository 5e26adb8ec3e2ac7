package schema

import (
	"context"
	"sync"

	"github.com/graphql-go/graphql"
	"github.com/graphql-go/graphql/gqlerrors"
	"github.com/graphql-go/graphql/language/ast"
	"github.com/parley-kg/parley/graph"
)

// A loader is the per-request batcher. graphql-go v0.8.1 resolves fields
// synchronously and depth first, so a classic dataloader (collect keys,
// then fetch on a tick) has nothing to wait for. The loader instead
// remembers, whenever data arrives, every IRI the next level of the query
// may ask for ("want"), and fetches all of them in one batch call at the
// first cache miss. A list of 100 positions registers its 100 holders,
// topics and sources as they arrive; the first holder resolver then loads
// all holders and topics in one EntitiesByIRI call, and the first source
// resolver all sources in one SourcesByIRI call. The number of store calls
// grows with the depth of a query, not with the length of its lists.
//
// Per-entity data (positions held, mentions, relations) is batched the same
// way over every entity the response has materialised so far.
//
// Whole-graph lists that several entities share (all claims, all events, all
// positions) are fetched at most once per request and indexed in memory.
type loader struct {
	g Graph

	mu        sync.Mutex // graphql-go runs one request in one goroutine; this is cheap insurance
	internals int        // internal errors seen, to log only the first

	entities *batch[*graph.Entity]
	headers  map[string]*graph.Entity // see [loader.header]; nil: absent
	// headerFields memoises headerOnly by the field's first AST node.
	headerFields map[*ast.Field]bool
	sources      *batch[*graph.Source]
	heldBy       *batch[[]graph.Position]
	mentions     *batch[[]string]
	relations    map[graph.RelationFilter]*batch[[]graph.Relation]
	present      []string // IRIs of every entity in the response, whole or a header, in order
	isPresent    map[string]bool
	// pending are the entities materialised whose own references (an
	// event's participants, topics and location, a person's roles) are
	// not registered yet: see [loader.followOwnRefs].
	pending []*graph.Entity

	claims    once[[]graph.Claim]
	events    once[[]*graph.Entity]
	positions once[[]graph.Position]

	ext      *v2Loader // vocabulary v2's batches, made on first use (loader_v2.go)
	evidence []string  // span IRIs wanted before ext was made
}

// loaderKey is the context key of the request's *loader.
type loaderKey struct{}

// loaderFrom returns the request's loader, or nil outside an execution.
func loaderFrom(ctx context.Context) *loader {
	l, _ := ctx.Value(loaderKey{}).(*loader)
	return l
}

func newLoader(g Graph) *loader {
	l := &loader{g: g, relations: map[graph.RelationFilter]*batch[[]graph.Relation]{},
		isPresent: map[string]bool{}}
	l.entities = newBatch(func(ctx context.Context, iris []string) (map[string]*graph.Entity, error) {
		m, err := g.EntitiesByIRI(ctx, iris)
		for _, iri := range iris {
			l.materialise(m[iri])
		}
		return m, err
	})
	l.sources = newBatch(g.SourcesByIRI)
	l.heldBy = newBatch(func(ctx context.Context, iris []string) (map[string][]graph.Position, error) {
		m, err := g.PositionsOf(ctx, iris)
		for _, iri := range iris {
			l.wantPositions(m[iri])
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

// firstInternal counts an internal error and reports whether it is the
// request's first, so that a failing batch is logged once, not per field.
func (l *loader) firstInternal() bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.internals++
	return l.internals == 1
}

// materialise records entities that are part of the response: their IRIs
// join the keys of the per-entity batches, and their own references wait
// in l.pending.
func (l *loader) materialise(es ...*graph.Entity) {
	for _, e := range es {
		if e == nil || l.entities.done[e.IRI] != nil { // nil or read whole already
			continue
		}
		l.entities.put(e.IRI, e)
		if len(e.Participants) > 0 || len(e.About) > 0 || e.Location != "" || len(e.Roles) > 0 ||
			len(e.Broader) > 0 || len(e.AffiliatedWith) > 0 || e.SeatOf != "" {
			l.pending = append(l.pending, e)
		}
		l.present1(e.IRI)
	}
}

// present1 makes one entity, whole or a header, part of the response: its
// IRI joins the keys of the per-entity batches, so that the relations or
// positions of a list of entities load in one call.
func (l *loader) present1(iri string) {
	if l.isPresent[iri] {
		return
	}
	l.isPresent[iri] = true
	l.present = append(l.present, iri)
	l.heldBy.want(iri)
	l.mentions.want(iri)
	for _, b := range l.relations {
		b.want(iri)
	}
	if l.ext != nil {
		l.ext.narrower.want(iri)
		l.ext.affiliates.want(iri)
	}
}

// followOwnRefs registers the references of every entity materialised so
// far: the first field that follows one (Event.participants, Role.of...)
// then loads those of all present entities in one batch. Registering them
// on materialisation instead made every query that lists entities load the
// entities and sources those refer to with its next batch, asked for or
// not.
func (l *loader) followOwnRefs() {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, e := range l.pending {
		l.entities.want(e.Participants...)
		l.entities.want(e.About...)
		l.entities.want(e.Location)
		l.entities.want(e.Broader...)
		l.entities.want(e.AffiliatedWith...)
		l.entities.want(e.SeatOf)
		l.wantEvidence(e.Evidence)
		for _, r := range e.Roles {
			l.entities.want(r.Of)
			l.sources.want(r.Source)
		}
	}
	l.pending = nil
}

// wantPositions registers what a list of positions refers to.
func (l *loader) wantPositions(ps []graph.Position) {
	for _, p := range ps {
		l.entities.want(p.Holder, p.Topic, p.Speaker, p.Occasion)
		l.sources.want(p.Source)
		l.wantEvidence(p.Evidence)
	}
}

// wantClaims registers what a list of claims refers to.
func (l *loader) wantClaims(cs []graph.Claim) {
	for _, c := range cs {
		l.entities.want(c.Claimant, c.MadeIn, c.Speaker)
		l.wantEvidence(c.Evidence)
		l.entities.want(c.About...)
		l.entities.want(c.DisputedBy...)
		l.sources.want(c.Source)
	}
}

// wantHops registers what a path refers to.
func (l *loader) wantHops(hs []graph.Hop) {
	for _, h := range hs {
		l.entities.want(h.From, h.To)
		l.sources.want(h.Source)
	}
}

// entity returns the entity with the given IRI, or nil when the graph has none.
func (l *loader) entity(ctx context.Context, iri string) (*graph.Entity, error) {
	if iri == "" {
		return nil, nil
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	e, _, err := l.entities.get(ctx, iri)
	return e, err
}

// entityList returns the entities with the given IRIs, in order, skipping
// any the graph does not hold.
func (l *loader) entityList(ctx context.Context, iris []string) ([]*graph.Entity, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.entities.list(ctx, iris)
}

// source returns the source paragraph with the given IRI, or nil.
func (l *loader) source(ctx context.Context, iri string) (*graph.Source, error) {
	if iri == "" {
		return nil, nil
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	s, _, err := l.sources.get(ctx, iri)
	return s, err
}

// sourceList returns the sources with the given IRIs, in order, in one
// batch, skipping any the graph does not hold.
func (l *loader) sourceList(ctx context.Context, iris []string) ([]*graph.Source, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.sources.list(ctx, iris)
}

// sourcesOf returns the source paragraphs that mention an entity.
func (l *loader) sourcesOf(ctx context.Context, iri string) ([]*graph.Source, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	srcs, _, err := l.mentions.get(ctx, iri)
	if err != nil {
		return nil, err
	}
	return l.sources.list(ctx, srcs)
}

// positionsHeld returns the positions an entity holds.
func (l *loader) positionsHeld(ctx context.Context, iri string) ([]graph.Position, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	ps, _, err := l.heldBy.get(ctx, iri)
	return ps, err
}

// relationsOf returns an entity's relations that match f.
func (l *loader) relationsOf(ctx context.Context, iri string, f graph.RelationFilter) ([]graph.Relation, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	b, ok := l.relations[f]
	if !ok {
		b = newBatch(func(ctx context.Context, iris []string) (map[string][]graph.Relation, error) {
			m, err := l.g.Relations(ctx, iris, f)
			for _, iri := range iris {
				for _, r := range m[iri] {
					l.entities.want(r.Other)
					l.sources.want(r.Source)
					l.wantEvidence(r.Evidence)
				}
			}
			return m, err
		})
		b.want(l.present...)
		l.relations[f] = b
	}
	rs, _, err := b.get(ctx, iri)
	return rs, err
}

// allClaims returns every claim in the graph, fetched once per request.
func (l *loader) allClaims(ctx context.Context) ([]graph.Claim, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.claims.get(func() ([]graph.Claim, error) {
		cs, err := l.g.Claims(ctx, graph.ClaimFilter{})
		l.wantClaims(cs)
		return cs, err
	})
}

// allEvents returns every event in the graph, fetched once per request.
func (l *loader) allEvents(ctx context.Context) ([]*graph.Entity, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.events.get(func() ([]*graph.Entity, error) {
		es, err := l.g.Events(ctx, graph.EventFilter{})
		l.materialise(es...)
		return es, err
	})
}

// allPositions returns every position in the graph, fetched once per request.
func (l *loader) allPositions(ctx context.Context) ([]graph.Position, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.positions.get(func() ([]graph.Position, error) {
		ps, err := l.g.Positions(ctx, graph.PositionFilter{})
		l.wantPositions(ps)
		return ps, err
	})
}

// prime records entities that a root field fetched itself.
func (l *loader) prime(es ...*graph.Entity) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.materialise(es...)
}

// primePositions, primeClaims and primeHops record what a root list refers
// to, so that its children load in one batch per level.
func (l *loader) primePositions(ps []graph.Position) { l.locked(func() { l.wantPositions(ps) }) }
func (l *loader) primeClaims(cs []graph.Claim)       { l.locked(func() { l.wantClaims(cs) }) }
func (l *loader) primeHops(hs []graph.Hop)           { l.locked(func() { l.wantHops(hs) }) }
func (l *loader) primeSources(ss []graph.Source) {
	l.locked(func() {
		for i := range ss {
			l.sources.put(ss[i].IRI, &ss[i])
		}
	})
}

func (l *loader) locked(fn func()) {
	l.mu.Lock()
	defer l.mu.Unlock()
	fn()
}

// loaderExtension is the graphql-go extension that gives every execution
// its own loader, whichever way the schema is executed (this package's
// Handler, graphql.Do or graphql.Execute).
type loaderExtension struct {
	g Graph
}

var _ graphql.Extension = loaderExtension{}

func (loaderExtension) Init(ctx context.Context, _ *graphql.Params) context.Context { return ctx }
func (loaderExtension) Name() string                                                { return "parleyLoader" }
func (loaderExtension) HasResult() bool                                             { return false }
func (loaderExtension) GetResult(context.Context) any                               { return nil }

func (loaderExtension) ParseDidStart(ctx context.Context) (context.Context, graphql.ParseFinishFunc) {
	return ctx, func(error) {}
}

func (loaderExtension) ValidationDidStart(ctx context.Context) (context.Context, graphql.ValidationFinishFunc) {
	return ctx, func([]gqlerrors.FormattedError) {}
}

// ExecutionDidStart puts a fresh loader into the execution's context.
func (x loaderExtension) ExecutionDidStart(ctx context.Context) (context.Context, graphql.ExecutionFinishFunc) {
	if ctx == nil {
		ctx = context.Background()
	}
	ctx = withRequest(ctx, newLoader(x.g))
	return ctx, func(res *graphql.Result) { addResolutions(ctx, res) }
}

func (loaderExtension) ResolveFieldDidStart(ctx context.Context, _ *graphql.ResolveInfo) (context.Context, graphql.ResolveFieldFinishFunc) {
	return ctx, func(any, error) {}
}
