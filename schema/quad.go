package schema

import (
	"github.com/graphql-go/graphql"
	"github.com/parley-kg/parley/graph"
)

// quadType is Quad: a raw quad in N-Quads term syntax.
func quadType() *graphql.Object {
	return graphql.NewObject(graphql.ObjectConfig{
		Name: "Quad",
		Description: "A raw fact of the graph: subject, predicate, object and label (the source paragraph), " +
			"each in N-Quads term syntax: IRIs in angle brackets (<https://...>), literals in double quotes (\"Pokrovsk\").",
		Fields: graphql.Fields{
			"subject": attr(nonNull(graphql.String), "The subject, an IRI in angle brackets.",
				func(q graph.Quad) any { return q.Subject }),
			"predicate": attr(nonNull(graphql.String), "The predicate, an IRI in angle brackets.",
				func(q graph.Quad) any { return q.Predicate }),
			"object": attr(nonNull(graphql.String), "The object: an IRI in angle brackets or a quoted literal.",
				func(q graph.Quad) any { return q.Object }),
			"label": attr(graphql.String, "The label: the IRI of the source paragraph that states the fact, or null.",
				func(q graph.Quad) any { return opt(q.Label) }),
		},
	})
}

// quadsQuery is Query.quads.
func (b *builder) quadsQuery() *graphql.Field {
	return &graphql.Field{
		Type: nonNullList(b.quad),
		Description: "Raw quads matching a pattern, for when the typed fields do not reach. Each argument is a term in N-Quads syntax " +
			"(<https://w3id.org/parley/id/pokrovsk> or \"Pokrovsk\") or a bare IRI; omitted ones match anything. " +
			"A malformed term is a BAD_USER_INPUT error.",
		Args: graphql.FieldConfigArgument{
			"subject":   {Type: graphql.String, Description: "Only quads with this subject."},
			"predicate": {Type: graphql.String, Description: "Only quads with this predicate, e.g. <https://schema.org/attendee>."},
			"object":    {Type: graphql.String, Description: "Only quads with this object (an IRI or a quoted literal)."},
			"label":     {Type: graphql.String, Description: "Only quads stated by this source paragraph."},
			"first":     b.firstArg(100, "quads"),
		},
		Resolve: b.resolve(func(p graphql.ResolveParams) (any, error) {
			a := args{p}
			first, err := a.intIn("first", 0, b.maxFirst)
			if err != nil || first == 0 {
				return []graph.Quad{}, err
			}
			qs, err := b.g.Quads(p.Context, graph.QuadFilter{
				Subject: a.str("subject"), Predicate: a.str("predicate"),
				Object: a.str("object"), Label: a.str("label"), First: first,
			})
			return nonNilSlice(qs), err
		}),
	}
}
