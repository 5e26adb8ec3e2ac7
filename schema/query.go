package schema

import (
	"errors"

	"github.com/graphql-go/graphql"
	"github.com/parley-kg/parley/graph"
)

// query is the Query root type.
func (b *builder) query() *graphql.Object {
	return graphql.NewObject(graphql.ObjectConfig{
		Name: "Query",
		Description: "Questions about the negotiations to end the war in Ukraine: who holds which position, who met whom, " +
			"which claims are disputed, and how any two actors are connected. Every answer traces back to a source paragraph.",
		Fields: graphql.Fields{
			"entity":     b.entityQuery(),
			"search":     b.searchQuery(),
			"hits":       b.hitsQuery(),
			"entities":   b.entitiesQuery(),
			"positions":  b.positionsQuery(),
			"events":     b.eventsQuery(),
			"claims":     b.claimsQuery(),
			"topics":     b.topicsQuery(),
			"timeline":   b.timelineQuery(),
			"connection": b.connectionQuery(),
			"quads":      b.quadsQuery(),
			"sources":    b.sourcesQuery(),
			"source":     b.sourceQuery(),
		},
	})
}

// entityQuery is Query.entity.
func (b *builder) entityQuery() *graphql.Field {
	return &graphql.Field{
		Type: b.entity,
		Description: "One entity, by id or by name. A name matches the entity's name or any alias, case-insensitively " +
			"(\"Krasnoarmeysk\" finds Pokrovsk). Give exactly one of id and name. " +
			"Nothing matching gives null and a NOT_FOUND error; a name shared by several entities gives a BAD_USER_INPUT error (use search, then the id).",
		Args: graphql.FieldConfigArgument{
			"id":   {Type: graphql.ID, Description: "The entity's IRI, as in Entity.id."},
			"name": {Type: graphql.String, Description: "The entity's name or one of its aliases, in any case."},
		},
		Resolve: b.resolve(func(p graphql.ResolveParams) (any, error) {
			a := args{p}
			id, name := a.str("id"), a.str("name")
			arg, ref := "id", id
			switch {
			case id != "" && name != "":
				return nil, badInput("give either id or name, not both")
			case id == "" && name == "":
				return nil, badInput("give id or name")
			case name != "":
				arg, ref = "name", name
			}
			iri, err := b.g.Resolve(p.Context, ref)
			if err != nil {
				return nil, argError(arg, ref, err)
			}
			n, err := b.loader(p.Context).node(p.Context, iri)
			if err == nil && n == nil {
				err = graph.ErrNotFound
			}
			if err != nil {
				return nil, argError(arg, ref, err)
			}
			return n, nil
		}),
	}
}

// searchQuery is Query.search.
func (b *builder) searchQuery() *graphql.Field {
	return &graphql.Field{
		Type: nonNullList(b.entity),
		Description: "Entities (events included) whose name or an alias matches text, best match first: names, then aliases. " +
			"The last word also matches as a prefix, for completion (\"Kush\" finds Kushner). " + hitsDescription +
			" No match is an empty list, not an error.",
		Args: graphql.FieldConfigArgument{
			"text":  {Type: nonNull(graphql.String), Description: "What to look for: a name, an alias or the start of one."},
			"types": {Type: graphql.NewList(graphql.NewNonNull(b.kindEnum)), Description: "Only entities of these types. Omit for all."},
			"first": b.firstArg(20, "entities"),
		},
		Resolve: b.resolve(func(p graphql.ResolveParams) (any, error) {
			a := args{p}
			text := a.str("text")
			if text == "" {
				return nil, badInput("argument text must not be empty")
			}
			first, err := a.intIn("first", 0, b.maxFirst)
			if err != nil || first == 0 {
				return []*node{}, err
			}
			var kinds []graph.Kind
			if ts, ok := p.Args["types"].([]any); ok {
				for _, t := range ts {
					if k, ok := t.(graph.Kind); ok {
						kinds = append(kinds, k)
					}
				}
			}
			es, err := b.g.Search(p.Context, text, kinds, first)
			if errors.Is(err, graph.ErrNotFound) {
				return []*node{}, nil
			}
			if err != nil {
				return nil, err
			}
			return b.loader(p.Context).adopt(es, true), nil
		}),
	}
}

// topicsQuery is Query.topics.
func (b *builder) topicsQuery() *graphql.Field {
	return &graphql.Field{
		Type:        nonNullList(b.objects[graph.KindTopic]),
		Description: "Every topic of the negotiations, such as security guarantees, territory or frozen Russian assets.",
		Resolve: b.resolve(func(p graphql.ResolveParams) (any, error) {
			ts, err := b.g.Topics(p.Context)
			if err != nil {
				return nil, err
			}
			return b.loader(p.Context).adopt(ts, true), nil
		}),
	}
}
