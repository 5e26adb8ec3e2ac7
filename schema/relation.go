package schema

import (
	"strings"

	"github.com/graphql-go/graphql"
	"github.com/parley-kg/parley/graph"
)

// relationType is Relation: one quad seen from an entity.
func (b *builder) relationType() *graphql.Object {
	return graphql.NewObject(graphql.ObjectConfig{
		Name: "Relation",
		Description: "One fact linking an entity to another entity or to a value, seen from the entity asked about, " +
			"with the paragraph that states it. /vocab documents every predicate.",
		Fields: graphql.FieldsThunk(func() graphql.Fields {
			return addFields(graphql.Fields{
				"predicate": attr(nonNull(graphql.String), "The predicate's short name, e.g. \"sonInLawOf\", \"attendee\", \"occupies\" (the last segment of predicateIRI).",
					func(r graph.Relation) any { return localName(r.Predicate) }),
				"predicateIRI": attr(nonNull(graphql.String), "The predicate's full IRI, e.g. https://w3id.org/parley/vocab#sonInLawOf.",
					func(r graph.Relation) any { return r.Predicate }),
				"direction": attr(nonNull(b.directionEnum), "OUT when the entity asked about is the subject, IN when it is the object.",
					func(r graph.Relation) any { return r.Direction }),
				"other": entityRef(b, b.entity, "The entity at the other end, or null when the relation points to a value (see value).",
					func(r graph.Relation) string { return r.Other }),
				"value": attr(graphql.String, "The literal value when the relation points to one (a name, a date), or null when it points to an entity.",
					func(r graph.Relation) any { return opt(r.Value) }),
				"source": sourceRef(b, b.source, "The paragraph that states the fact (the quad's label).",
					func(r graph.Relation) string { return r.Source }),
			}, b.relationV2Fields())
		}),
	})
}

// relationsField is Entity.relations.
func (b *builder) relationsField() *graphql.Field {
	return &graphql.Field{
		Type: nonNullList(b.relation),
		Description: "The entity's relations to other entities and values, each with its source. " +
			"Filter by predicate and direction; an unknown predicate is a BAD_USER_INPUT error.",
		Args: graphql.FieldConfigArgument{
			"predicate": {Type: graphql.String, Description: "Only this predicate: its short name (\"sonInLawOf\") or full IRI. Omit for all."},
			"direction": {Type: b.directionEnum, DefaultValue: graph.Both, Description: "Only relations running this way from the entity. BOTH (the default) for all."},
		},
		Resolve: b.resolve(func(p graphql.ResolveParams) (any, error) {
			n, _ := p.Source.(*node)
			f := graph.RelationFilter{Direction: graph.Both}
			f.Predicate, _ = p.Args["predicate"].(string)
			if d, ok := p.Args["direction"].(graph.Direction); ok {
				f.Direction = d
			}
			return b.loader(p.Context).relationsOf(p.Context, n.iri, f)
		}),
	}
}

// mentionsField is Entity.sources.
func (b *builder) mentionsField() *graphql.Field {
	return &graphql.Field{
		Type:        nonNullList(b.source),
		Description: "The source paragraphs that mention the entity, in document order.",
		Resolve: b.resolve(func(p graphql.ResolveParams) (any, error) {
			n, _ := p.Source.(*node)
			return b.loader(p.Context).sourcesOf(p.Context, n.iri)
		}),
	}
}

// localName returns the part of an IRI after its last '#' or '/'.
func localName(iri string) string {
	if i := strings.LastIndexAny(iri, "#/"); i >= 0 && i < len(iri)-1 {
		return iri[i+1:]
	}
	return iri
}
