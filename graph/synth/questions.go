package synth

import (
	"context"
	"fmt"
	"sort"

	"github.com/cayleygraph/cayley"
	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"
	"github.com/parley-kg/parley/graph"
)

// Question is one of the canonical questions about a [Dataset], asked
// three ways so that benchmarks can set them side by side: through
// Cayley's path API directly (the floor), through Parley's graph package,
// and as a GraphQL document for the schema. Each way returns how many
// results it found, so that a benchmark can check that the ways agree
// before it times them.
type Question struct {
	// Name is a benchmark name: "PositionsByTopic", "Neighbourhood",
	// "EntityByAlias", "Connection", "Timeline".
	Name string
	// Raw asks with cayley.StartPath and quad iterators, from the selective
	// end, starting from IRIs (no name look-up).
	Raw func(ctx context.Context, qs cgraph.QuadStore) (int, error)
	// Graph asks through [graph.Store], starting from names as a client
	// would, and reads what the GraphQL query returns.
	Graph func(ctx context.Context, s *graph.Store) (int, error)
	// GraphQL is the query document, with its variables.
	GraphQL   string
	Variables map[string]any
}

// linkPreds are the predicates a raw connection search follows: those
// between entities, roles, positions and claims (not types, provenance or
// stance and status values).
var linkPreds = []any{
	quad.IRI(graph.PredRole), quad.IRI(graph.PredOf), quad.IRI(graph.PredLocation), quad.IRI(graph.PredAttendee),
	quad.IRI(graph.PredAbout), quad.IRI(graph.PredHolder), quad.IRI(graph.PredTopic), quad.IRI(graph.PredClaimant),
	quad.IRI(graph.PredDisputedBy), quad.IRI(graph.PredMadeIn), quad.IRI(graph.PredContainedIn),
	quad.IRI(graph.PredSonInLawOf), quad.IRI(graph.PredAdvises), quad.IRI(graph.PredEnvoyOf),
	quad.IRI(graph.PredRepresents), quad.IRI(graph.PredPartOf), quad.IRI(graph.PredAnnexed),
	quad.IRI(graph.PredOccupies), quad.IRI(graph.PredClaimsTerritory), quad.IRI(graph.PredInvaded),
	quad.IRI(graph.PredSeeksMembership), quad.IRI(graph.PredAlliedWith),
}

// ConnectionHops is the maxHops of the Connection question.
const ConnectionHops = 4

// Questions returns the canonical questions about d's named entities.
func (d *Dataset) Questions() []Question {
	iri := func(s string) quad.IRI { return quad.IRI(s) }
	return []Question{{
		Name: "PositionsByTopic",
		Raw: func(ctx context.Context, qs cgraph.QuadStore) (int, error) {
			p := cayley.StartPath(qs, iri(d.HotTopic.IRI)).In(iri(graph.PredTopic)).
				Save(iri(graph.PredStance), "stance").Save(iri(graph.PredSummary), "summary").
				Out(iri(graph.PredHolder)).Out(iri(graph.PredName))
			return countTags(ctx, qs, p)
		},
		Graph: func(ctx context.Context, s *graph.Store) (int, error) {
			ps, err := s.Positions(ctx, graph.PositionFilter{Topic: d.HotTopic.Name})
			if err != nil {
				return 0, err
			}
			holders := make([]string, len(ps))
			for i, p := range ps {
				holders[i] = p.Holder
			}
			_, err = s.EntityHeaders(ctx, holders) // names only, as the GraphQL query asks
			return len(ps), err
		},
		GraphQL:   `query ($topic: String) { positions(topic: $topic) { holder { name } stance summary } }`,
		Variables: map[string]any{"topic": d.HotTopic.Name},
	}, {
		Name: "Neighbourhood",
		Raw: func(ctx context.Context, qs cgraph.QuadStore) (int, error) {
			return rawNeighbourhood(ctx, qs, d.Person.IRI)
		},
		Graph: func(ctx context.Context, s *graph.Store) (int, error) {
			iri, err := s.Resolve(ctx, d.Person.Name)
			if err != nil {
				return 0, err
			}
			if _, err := s.EntityHeaders(ctx, []string{iri}); err != nil { // name and relations only, as the GraphQL query asks
				return 0, err
			}
			rels, err := s.Relations(ctx, []string{iri}, graph.RelationFilter{})
			if err != nil {
				return 0, err
			}
			var others, sources []string
			for _, r := range rels[iri] {
				if r.Other != "" {
					others = append(others, r.Other)
				}
				sources = append(sources, r.Source)
			}
			if _, err := s.EntityHeaders(ctx, others); err != nil {
				return 0, err
			}
			_, err = s.SourcesByIRI(ctx, sources)
			return len(rels[iri]), err
		},
		GraphQL:   `query ($name: String) { entity(name: $name) { name relations { predicate direction other { name } value source { section paragraph } } } }`,
		Variables: map[string]any{"name": d.Person.Name},
	}, {
		Name: "EntityByAlias",
		Raw: func(ctx context.Context, qs cgraph.QuadStore) (int, error) {
			p := cayley.StartPath(qs, quad.String(d.Person.Alias)).In(iri(graph.PredAlternateName)).
				Save(iri(graph.PredType), "type").Out(iri(graph.PredName))
			return countTags(ctx, qs, p)
		},
		Graph: func(ctx context.Context, s *graph.Store) (int, error) {
			iri, err := s.Resolve(ctx, d.Person.Alias)
			if err != nil {
				return 0, err
			}
			_, err = s.EntityHeaders(ctx, []string{iri}) // name and type, as the GraphQL query asks
			return 1, err
		},
		GraphQL:   `query ($name: String) { entity(name: $name) { name type } }`,
		Variables: map[string]any{"name": d.Person.Alias},
	}, {
		Name: "Connection",
		Raw: func(ctx context.Context, qs cgraph.QuadStore) (int, error) {
			return rawDistance(ctx, qs, d.From.IRI, d.To.IRI, 2*ConnectionHops)
		},
		Graph: func(ctx context.Context, s *graph.Store) (int, error) {
			hops, err := s.Connection(ctx, d.From.Name, d.To.Name, ConnectionHops)
			if err == nil && hops == nil {
				err = fmt.Errorf("no connection from %s to %s", d.From.Name, d.To.Name)
			}
			return len(hops), err
		},
		GraphQL:   `query ($from: String!, $to: String!) { connection(from: $from, to: $to, maxHops: 4) { from { name } predicate to { name } via source { paragraph } } }`,
		Variables: map[string]any{"from": d.From.Name, "to": d.To.Name},
	}, {
		Name: "Timeline",
		Raw: func(ctx context.Context, qs cgraph.QuadStore) (int, error) {
			p := cayley.StartPath(qs, iri(d.Territory.IRI)).
				In(iri(graph.PredLocation), iri(graph.PredAttendee), iri(graph.PredAbout)).
				Save(iri(graph.PredName), "name").Save(iri(graph.PredStartDate), "date")
			var dates []string
			err := p.Iterate(ctx).TagValues(qs, func(m map[string]quad.Value) {
				dates = append(dates, quad.ToString(m["date"]))
			})
			sort.Strings(dates)
			return len(dates), err
		},
		Graph: func(ctx context.Context, s *graph.Store) (int, error) {
			evs, err := s.TimelineHeaders(ctx, d.Territory.Name) // names and dates, as the GraphQL query asks
			return len(evs), err
		},
		GraphQL:   `query ($entity: String) { timeline(entity: $entity) { name date } }`,
		Variables: map[string]any{"entity": d.Territory.Name},
	}}
}

// countTags iterates p and counts its results with their tags.
func countTags(ctx context.Context, qs cgraph.QuadStore, p *cayley.Path) (int, error) {
	n := 0
	err := p.Iterate(ctx).TagValues(qs, func(map[string]quad.Value) { n++ })
	return n, err
}

// rawNeighbourhood reads the quads around iri from the subject and object
// indexes, then the names of the nodes at the other end and the paragraph
// numbers of the labels: a neighbourhood with provenance. It returns the
// number of quads.
func rawNeighbourhood(ctx context.Context, qs cgraph.QuadStore, iri string) (int, error) {
	var others, labels []quad.Value
	n := 0
	for _, dir := range []quad.Direction{quad.Subject, quad.Object} {
		ref := qs.ValueOf(quad.IRI(iri))
		if ref == nil {
			return 0, fmt.Errorf("no node %s", iri)
		}
		it := qs.QuadIterator(dir, ref)
		for it.Next(ctx) {
			q := qs.Quad(it.Result())
			other := q.Object
			if dir == quad.Object {
				other = q.Subject
			}
			if _, ok := other.(quad.IRI); ok {
				others = append(others, other)
			}
			labels = append(labels, q.Label)
			n++
		}
		err := it.Err()
		it.Close()
		if err != nil {
			return 0, err
		}
	}
	names := cayley.StartPath(qs, others...).Tag("id").Out(quad.IRI(graph.PredName))
	if _, err := countTags(ctx, qs, names); err != nil {
		return 0, err
	}
	paras := cayley.StartPath(qs, labels...).Tag("id").Save(quad.IRI(graph.PredSection), "section").
		Out(quad.IRI(graph.PredParagraph))
	_, err := countTags(ctx, qs, paras)
	return n, err
}

// rawDistance searches breadth first along linkPreds, both ways, from one
// node to another, one path query per level, and returns the number of
// levels (a hop through a role, position or claim counts two), or an error
// when to is not within maxLevels.
func rawDistance(ctx context.Context, qs cgraph.QuadStore, from, to string, maxLevels int) (int, error) {
	seen := map[quad.Value]bool{quad.IRI(from): true}
	frontier := []quad.Value{quad.IRI(from)}
	for level := 1; level <= maxLevels && len(frontier) > 0; level++ {
		vals, err := cayley.StartPath(qs, frontier...).Both(linkPreds...).Iterate(ctx).AllValues(qs)
		if err != nil {
			return 0, err
		}
		frontier = frontier[:0:0]
		for _, v := range vals {
			if seen[v] {
				continue
			}
			if v == quad.IRI(to) {
				return level, nil
			}
			seen[v] = true
			frontier = append(frontier, v)
		}
	}
	return 0, fmt.Errorf("no connection from %s to %s within %d levels", from, to, maxLevels)
}
