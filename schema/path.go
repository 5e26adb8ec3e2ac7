package schema

import (
	"fmt"

	"github.com/graphql-go/graphql"
	"github.com/parley-kg/parley/graph"
)

// hopType is Hop: one step of a connection.
func (b *builder) hopType() *graphql.Object {
	return graphql.NewObject(graphql.ObjectConfig{
		Name:        "Hop",
		Description: "One step of a connection between two entities: a relation from one entity to the next, with its source.",
		Fields: graphql.FieldsThunk(func() graphql.Fields {
			return graphql.Fields{
				"from": entityRef(b, nonNull(b.entity), "Where the step starts: the previous hop's to, or the connection's from.",
					func(h graph.Hop) string { return h.From }),
				"predicate": attr(nonNull(graphql.String), "The relation's short name, e.g. \"sonInLawOf\" or \"attendee\". A path follows relations both ways: see inverse.",
					func(h graph.Hop) any { return localName(h.Predicate) }),
				"predicateIRI": attr(nonNull(graphql.String), "The relation's full IRI.",
					func(h graph.Hop) any { return h.Predicate }),
				"inverse": attr(nonNull(graphql.Boolean), "True when the relation runs from `to` (or via) towards `from`: the hop Kushner→meeting is inverse, since the fact is (meeting attendee Kushner).",
					func(h graph.Hop) any { return h.Inverse }),
				"via": attr(graphql.ID, "The IRI of the role, position or claim the hop passes through (Putin →role→ Russia), or null for a direct relation.",
					func(h graph.Hop) any { return opt(h.Via) }),
				"to": entityRef(b, nonNull(b.entity), "Where the step ends.",
					func(h graph.Hop) string { return h.To }),
				"source": sourceRef(b, b.source, "The paragraph that states the fact that reaches `to`.",
					func(h graph.Hop) string { return h.Source }),
			}
		}),
	})
}

// connectionQuery is Query.connection.
func (b *builder) connectionQuery() *graphql.Field {
	return &graphql.Field{
		Type: graphql.NewList(graphql.NewNonNull(b.hop)),
		Description: "A shortest chain of relations between two entities (\"how is Kushner connected to Putin?\"), " +
			"as hops from `from` to `to`; null when none exists within maxHops. " +
			"from and to take an id, name or alias; one that names nothing is a NOT_FOUND error.",
		Args: graphql.FieldConfigArgument{
			"from":    {Type: nonNull(graphql.String), Description: "Where the chain starts (id, name or alias)."},
			"to":      {Type: nonNull(graphql.String), Description: "Where the chain ends (id, name or alias)."},
			"maxHops": {Type: graphql.Int, DefaultValue: 4, Description: fmt.Sprintf("The longest chain to look for, from 1 to %d hops.", graph.MaxHops)},
		},
		Resolve: b.resolve(func(p graphql.ResolveParams) (any, error) {
			a := args{p}
			maxHops, err := a.intIn("maxHops", 1, graph.MaxHops)
			if err != nil {
				return nil, err
			}
			from, err := a.requiredEntity(b.g, "from")
			if err != nil {
				return nil, err
			}
			to, err := a.requiredEntity(b.g, "to")
			if err != nil {
				return nil, err
			}
			hops, err := b.g.Connection(p.Context, from, to, maxHops)
			if err != nil || hops == nil {
				return nil, err
			}
			arrive(b.loader(p.Context), hops)
			return hops, nil
		}),
	}
}
