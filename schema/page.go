package schema

import (
	"github.com/graphql-go/graphql"
	"github.com/parley-kg/parley/graph"
)

// page is the value behind an EntityConnection: a page of the graph's,
// with its entities as nodes.
type page struct {
	graph.EntityPage
	nodes []*node
}

// pageInfoType is PageInfo.
func pageInfoType() *graphql.Object {
	return graphql.NewObject(graphql.ObjectConfig{
		Name:        "PageInfo",
		Description: "Where a page ends, and whether another follows.",
		Fields: graphql.Fields{
			"endCursor": attr(graphql.String, "The cursor of the page's last entity: pass it as `after` to get the next page. Null on an empty page.",
				func(p page) any { return opt(p.EndCursor) }),
			"hasNextPage": attr(nonNull(graphql.Boolean), "Whether more entities follow this page.",
				func(p page) any { return p.HasNext }),
		},
	})
}

// edgeType is EntityEdge.
func (b *builder) edgeType() *graphql.Object {
	return graphql.NewObject(graphql.ObjectConfig{
		Name:        "EntityEdge",
		Description: "An entity in a page, with its cursor.",
		Fields: graphql.FieldsThunk(func() graphql.Fields {
			return graphql.Fields{
				"cursor": attr(nonNull(graphql.String), "An opaque cursor: pass it as `after` to continue after this entity.",
					func(n *node) any { return n.iri }),
				"node": attr(nonNull(b.entity), "The entity.",
					func(n *node) any { return n }),
			}
		}),
	})
}

// connectionType is EntityConnection.
func (b *builder) connectionType() *graphql.Object {
	return graphql.NewObject(graphql.ObjectConfig{
		Name:        "EntityConnection",
		Description: "A page of entities, ordered by id, in the Relay connection style: read nodes (or edges for per-entity cursors), then pass pageInfo.endCursor as `after` while pageInfo.hasNextPage.",
		Fields: graphql.FieldsThunk(func() graphql.Fields {
			return graphql.Fields{
				"edges": attr(nonNullList(b.edge), "The page's entities with their cursors.",
					func(p page) any { return p.nodes }),
				"nodes": attr(nonNullList(b.entity), "The page's entities.",
					func(p page) any { return p.nodes }),
				"pageInfo": attr(nonNull(b.pageInfo), "Where the page ends, and whether another follows.",
					func(p page) any { return p }),
				"totalCount": attr(nonNull(graphql.Int), "How many entities match, across all pages.",
					func(p page) any { return p.Total }),
			}
		}),
	})
}

// entitiesQuery is Query.entities.
func (b *builder) entitiesQuery() *graphql.Field {
	return &graphql.Field{
		Type:        nonNull(b.connection),
		Description: "Every entity, or every entity of one type, a page at a time, ordered by id.",
		Args: graphql.FieldConfigArgument{
			"type":  {Type: b.kindEnum, Description: "Only entities of this type. Omit for all."},
			"first": b.firstArg(graph.DefaultPageSize, "entities per page"),
			"after": {Type: graphql.String, Description: "A cursor (pageInfo.endCursor or an edge's cursor): start after that entity. Omit for the first page."},
		},
		Resolve: b.resolve(func(p graphql.ResolveParams) (any, error) {
			a := args{p}
			first, err := a.intIn("first", 0, b.maxFirst)
			if err != nil {
				return nil, err
			}
			kind, _ := p.Args["type"].(graph.Kind)
			f := graph.EntityFilter{Kind: kind, First: first, After: a.str("after")}
			if first == 0 {
				f.First = 1 // the store has no empty page; ask for one entity to learn the total
			}
			pg, err := b.g.Entities(p.Context, f)
			if err != nil {
				return nil, err
			}
			if first == 0 {
				pg.HasNext = len(pg.Entities) > 0 || pg.HasNext
				pg.Entities, pg.EndCursor = nil, f.After
			}
			return page{pg, b.loader(p.Context).adopt(pg.Entities, true)}, nil
		}),
	}
}
