package schema_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/parley-kg/parley/graph"
)

// fakeGraph is an in-memory [schema.Graph] that counts calls, for tests of
// batching and error mapping. It knows only what a test puts in it.
type fakeGraph struct {
	entities  map[string]*graph.Entity
	positions []graph.Position
	claims    []graph.Claim
	sources   map[string]*graph.Source
	relations map[string][]graph.Relation // by entity IRI
	mentions  map[string][]string
	fail      error                     // when set, every call fails with it
	failing   string                    // when set, every call of this method fails
	seen      func(ctx context.Context) // when set, sees every call's context
	panics    bool                      // when set, every call panics

	mu    sync.Mutex
	calls map[string]int
}

func newFakeGraph() *fakeGraph {
	return &fakeGraph{
		entities:  map[string]*graph.Entity{},
		sources:   map[string]*graph.Source{},
		relations: map[string][]graph.Relation{},
		mentions:  map[string][]string{},
		calls:     map[string]int{},
	}
}

// iri returns the IRI of a test entity or source named name.
func iri(name string) string {
	return graph.IDBase + strings.ReplaceAll(strings.ToLower(name), " ", "-")
}

// add puts an entity into the fake and returns it.
func (f *fakeGraph) add(kind graph.Kind, name string, aliases ...string) *graph.Entity {
	e := &graph.Entity{IRI: iri(name), Kind: kind, Name: name, Aliases: aliases}
	f.entities[e.IRI] = e
	return e
}

// addSource puts a source paragraph into the fake and returns its IRI.
func (f *fakeGraph) addSource(n int) string {
	s := &graph.Source{IRI: fmt.Sprintf("%sarticle#p%d", graph.SourceBase, n), Title: "The article", Paragraph: n}
	f.sources[s.IRI] = s
	return s.IRI
}

func (f *fakeGraph) count(ctx context.Context, method string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls[method]++
	if f.seen != nil {
		f.seen(ctx)
	}
	if f.panics {
		panic("boom: " + method)
	}
	if method == f.failing {
		return fmt.Errorf("%s failed in this test", method)
	}
	return f.fail
}

// total returns the number of calls so far, and resets the counts.
func (f *fakeGraph) total() (int, map[string]int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	n, m := 0, f.calls
	for _, c := range m {
		n += c
	}
	f.calls = map[string]int{}
	return n, m
}

func (f *fakeGraph) resolve(ref string) (string, error) {
	if _, ok := f.entities[ref]; ok {
		return ref, nil
	}
	var found []string
	for _, e := range f.entities {
		for _, n := range append([]string{e.Name}, e.Aliases...) {
			if strings.EqualFold(n, ref) {
				found = append(found, e.IRI)
				break
			}
		}
	}
	switch len(found) {
	case 0:
		return "", fmt.Errorf("%w: no entity is named %q", graph.ErrNotFound, ref)
	case 1:
		return found[0], nil
	}
	return "", fmt.Errorf("%w: %q names %d entities", graph.ErrAmbiguous, ref, len(found))
}

func (f *fakeGraph) Resolve(ctx context.Context, ref string) (string, error) {
	if err := f.count(ctx, "Resolve"); err != nil {
		return "", err
	}
	return f.resolve(ref)
}

// ResolveRetracted is Resolve: the fake world has no retractions.
func (f *fakeGraph) ResolveRetracted(ctx context.Context, ref string) (string, error) {
	return f.Resolve(ctx, ref)
}

func (f *fakeGraph) Entity(ctx context.Context, ref string) (*graph.Entity, error) {
	if err := f.count(ctx, "Entity"); err != nil {
		return nil, err
	}
	i, err := f.resolve(ref)
	if err != nil {
		return nil, err
	}
	return f.entities[i], nil
}

func (f *fakeGraph) EntityHeaders(ctx context.Context, iris []string) (map[string]*graph.Entity, error) {
	if err := f.count(ctx, "EntityHeaders"); err != nil {
		return nil, err
	}
	out := map[string]*graph.Entity{}
	for iri, e := range pick(f.entities, iris) {
		out[iri] = &graph.Entity{IRI: e.IRI, Kind: e.Kind, Name: e.Name}
	}
	return out, nil
}

func (f *fakeGraph) EntitiesByIRI(ctx context.Context, iris []string) (map[string]*graph.Entity, error) {
	if err := f.count(ctx, "EntitiesByIRI"); err != nil {
		return nil, err
	}
	return pick(f.entities, iris), nil
}

func (f *fakeGraph) Search(ctx context.Context, text string, kinds []graph.Kind, first int) ([]*graph.Entity, error) {
	if err := f.count(ctx, "Search"); err != nil {
		return nil, err
	}
	var out []*graph.Entity
	for _, e := range f.sorted() {
		if strings.Contains(strings.ToLower(e.Name), strings.ToLower(text)) && (len(kinds) == 0 || slices.Contains(kinds, e.Kind)) {
			out = append(out, e)
		}
	}
	return out[:min(first, len(out))], nil
}

func (f *fakeGraph) Entities(ctx context.Context, flt graph.EntityFilter) (graph.EntityPage, error) {
	if err := f.count(ctx, "Entities"); err != nil {
		return graph.EntityPage{}, err
	}
	var all []*graph.Entity
	for _, e := range f.sorted() {
		if flt.Kind == "" || e.Kind == flt.Kind {
			all = append(all, e)
		}
	}
	start := 0
	for start < len(all) && flt.After != "" && all[start].IRI <= flt.After {
		start++
	}
	end := min(start+flt.First, len(all))
	pg := graph.EntityPage{Entities: all[start:end], Total: len(all), HasNext: end < len(all)}
	if end > start {
		pg.EndCursor = all[end-1].IRI
	}
	return pg, nil
}

func (f *fakeGraph) sorted() []*graph.Entity {
	var es []*graph.Entity
	for _, e := range f.entities {
		es = append(es, e)
	}
	slices.SortFunc(es, func(a, b *graph.Entity) int { return strings.Compare(a.IRI, b.IRI) })
	return es
}

func (f *fakeGraph) Relations(ctx context.Context, iris []string, flt graph.RelationFilter) (map[string][]graph.Relation, error) {
	if err := f.count(ctx, "Relations"); err != nil {
		return nil, err
	}
	return pick(f.relations, iris), nil
}

func (f *fakeGraph) Positions(ctx context.Context, flt graph.PositionFilter) ([]graph.Position, error) {
	if err := f.count(ctx, "Positions"); err != nil {
		return nil, err
	}
	var out []graph.Position
	for _, p := range f.positions {
		if (flt.Holder == "" || p.Holder == flt.Holder) && (flt.Topic == "" || p.Topic == flt.Topic) && (flt.Stance == "" || p.Stance == flt.Stance) {
			out = append(out, p)
		}
	}
	return out, nil
}

func (f *fakeGraph) PositionsOf(ctx context.Context, holders []string) (map[string][]graph.Position, error) {
	if err := f.count(ctx, "PositionsOf"); err != nil {
		return nil, err
	}
	out := map[string][]graph.Position{}
	for _, p := range f.positions {
		if slices.Contains(holders, p.Holder) {
			out[p.Holder] = append(out[p.Holder], p)
		}
	}
	return out, nil
}

func (f *fakeGraph) Mentions(ctx context.Context, iris []string) (map[string][]string, error) {
	if err := f.count(ctx, "Mentions"); err != nil {
		return nil, err
	}
	return pick(f.mentions, iris), nil
}

func (f *fakeGraph) Sources(ctx context.Context) ([]graph.Source, error) {
	if err := f.count(ctx, "Sources"); err != nil {
		return nil, err
	}
	var out []graph.Source
	for _, s := range f.sources {
		out = append(out, *s)
	}
	return out, nil
}

func (f *fakeGraph) SourcesByIRI(ctx context.Context, iris []string) (map[string]*graph.Source, error) {
	if err := f.count(ctx, "SourcesByIRI"); err != nil {
		return nil, err
	}
	return pick(f.sources, iris), nil
}

func (f *fakeGraph) Events(ctx context.Context, flt graph.EventFilter) ([]*graph.Entity, error) {
	if err := f.count(ctx, "Events"); err != nil {
		return nil, err
	}
	return f.ofKind(graph.KindEvent), nil
}

func (f *fakeGraph) Claims(ctx context.Context, flt graph.ClaimFilter) ([]graph.Claim, error) {
	if err := f.count(ctx, "Claims"); err != nil {
		return nil, err
	}
	return f.claims, nil
}

func (f *fakeGraph) Topics(ctx context.Context) ([]*graph.Entity, error) {
	if err := f.count(ctx, "Topics"); err != nil {
		return nil, err
	}
	return f.ofKind(graph.KindTopic), nil
}

func (f *fakeGraph) ofKind(k graph.Kind) []*graph.Entity {
	var out []*graph.Entity
	for _, e := range f.sorted() {
		if e.Kind == k {
			out = append(out, e)
		}
	}
	return out
}

func (f *fakeGraph) Timeline(ctx context.Context, entity string) ([]*graph.Entity, error) {
	if err := f.count(ctx, "Timeline"); err != nil {
		return nil, err
	}
	return f.ofKind(graph.KindEvent), nil
}

func (f *fakeGraph) TimelineHeaders(ctx context.Context, entity string) ([]*graph.Entity, error) {
	if err := f.count(ctx, "TimelineHeaders"); err != nil {
		return nil, err
	}
	var out []*graph.Entity
	for _, e := range f.ofKind(graph.KindEvent) {
		out = append(out, &graph.Entity{IRI: e.IRI, Kind: e.Kind, Name: e.Name, Date: e.Date})
	}
	return out, nil
}

func (f *fakeGraph) Connection(ctx context.Context, from, to string, maxHops int) ([]graph.Hop, error) {
	if err := f.count(ctx, "Connection"); err != nil {
		return nil, err
	}
	return nil, nil
}

func (f *fakeGraph) Quads(ctx context.Context, flt graph.QuadFilter) ([]graph.Quad, error) {
	if err := f.count(ctx, "Quads"); err != nil {
		return nil, err
	}
	if strings.HasPrefix(flt.Subject, "<") && !strings.HasSuffix(flt.Subject, ">") {
		return nil, fmt.Errorf("%w: unterminated IRI %q", graph.ErrInvalid, flt.Subject)
	}
	return nil, nil
}

// pick returns the entries of m whose keys are in keys.
func pick[V any](m map[string]V, keys []string) map[string]V {
	out := map[string]V{}
	for _, k := range keys {
		if v, ok := m[k]; ok {
			out[k] = v
		}
	}
	return out
}
