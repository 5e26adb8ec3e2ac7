package schema

import (
	"github.com/graphql-go/graphql"
	"github.com/parley-kg/parley/graph"
)

// sourceType is Source: a paragraph of a source document.
func (b *builder) sourceType() *graphql.Object {
	return graphql.NewObject(graphql.ObjectConfig{
		Name: "Source",
		Description: "A paragraph of a source document. Every fact in the graph is labelled with the paragraph that states it, " +
			"so any answer can be traced back to the text. A fact added through the write API is labelled with a contribution instead: " +
			"it has an author and a time, and the document, section and paragraph of the source its writer cited.",
		Fields: graphql.FieldsThunk(func() graphql.Fields {
			return addFields(graphql.Fields{
				"id": attr(nonNull(graphql.ID), "The paragraph's IRI, e.g. https://w3id.org/parley/source/<document>#p12.",
					func(s *graph.Source) any { return s.IRI }),
				"title": attr(nonNull(graphql.String), "The title of the document the paragraph belongs to.",
					func(s *graph.Source) any { return s.Title }),
				"section": attr(graphql.String, "The heading of the section the paragraph is in, or null before the first heading.",
					func(s *graph.Source) any { return opt(s.Section) }),
				"paragraph": attr(graphql.Int, "The paragraph's number in the document, from 1 (the Nth non-empty line), or null when unknown.",
					func(s *graph.Source) any {
						if s.Paragraph <= 0 {
							return nil
						}
						return s.Paragraph
					}),
				"author": attr(graphql.String, "For a contribution, the name of the write token its quads were written with; null for the source's own paragraphs.",
					func(s *graph.Source) any { return opt(s.Author) }),
				"writtenAt": attr(graphql.String, "For a contribution, when it was written (RFC 3339, UTC); otherwise null.",
					func(s *graph.Source) any { return opt(s.WrittenAt) }),
				"cites": attr(graphql.ID, "For a contribution, the IRI of the source its writer cited; otherwise null.",
					func(s *graph.Source) any { return opt(s.Cites) }),
			}, b.sourceV2Fields())
		}),
	})
}

// sourcesQuery is Query.sources.
func (b *builder) sourcesQuery() *graphql.Field {
	return &graphql.Field{
		Type:        nonNullList(b.source),
		Description: "Every source paragraph the graph cites.",
		Resolve: b.resolve(func(p graphql.ResolveParams) (any, error) {
			ss, err := b.g.Sources(p.Context)
			if err != nil {
				return nil, err
			}
			b.loader(p.Context).primeSources(ss)
			out := make([]*graph.Source, len(ss))
			for i := range ss {
				out[i] = &ss[i]
			}
			return out, nil
		}),
	}
}

// sourceQuery is Query.source.
func (b *builder) sourceQuery() *graphql.Field {
	return &graphql.Field{
		Type:        b.source,
		Description: "One source paragraph by its IRI. An IRI the graph does not cite gives null and a NOT_FOUND error.",
		Args: graphql.FieldConfigArgument{
			"id": {Type: nonNull(graphql.ID), Description: "The paragraph's IRI, as in Source.id."},
		},
		Resolve: b.resolve(func(p graphql.ResolveParams) (any, error) {
			id := args{p}.str("id")
			s, err := b.loader(p.Context).source(p.Context, id)
			if err != nil {
				return nil, err
			}
			if s == nil {
				return nil, notFound("unknown source %q (argument id)", id)
			}
			return s, nil
		}),
	}
}
