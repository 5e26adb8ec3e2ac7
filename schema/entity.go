package schema

import (
	"github.com/graphql-go/graphql"
	"github.com/parley-kg/parley/graph"
)

// entityInterface is the Entity interface: what every person, state,
// institution, territory, event and topic has.
func (b *builder) entityInterface() *graphql.Interface {
	return graphql.NewInterface(graphql.InterfaceConfig{
		Name: "Entity",
		Description: "Anything the graph describes: a person, state, institution, territory, event or topic. " +
			"Query its common fields here and the specific ones with a fragment, e.g. `... on Event { date participants { name } }`. " +
			"Wherever an argument names an entity, it accepts the entity's id (IRI), its name or any of its aliases, case-insensitively.",
		Fields: graphql.FieldsThunk(b.entityFields),
		ResolveType: func(p graphql.ResolveTypeParams) *graphql.Object {
			if n, ok := p.Value.(*node); ok {
				return b.objects[n.kind]
			}
			return nil
		},
	})
}

// kindInfo describes the GraphQL object type of one kind of entity.
type kindInfo struct {
	kind  graph.Kind
	name  string
	desc  string
	extra func(*builder) graphql.Fields // fields beyond Entity's; may be nil
}

// kindInfos lists the entity object types in the order of [graph.Kinds].
func kindInfos() []kindInfo {
	return []kindInfo{
		{graph.KindPerson, "Person", "A person: a head of state, minister, envoy, negotiator, official or commentator.", (*builder).personFields},
		{graph.KindState, "State", "A sovereign state, such as Ukraine, Russia or the United States.", nil},
		{graph.KindInstitution, "Institution", "An organisation: a government body, an alliance (NATO), a union (the EU), an agency or a company.", nil},
		{graph.KindTerritory, "Territory", "A place: a city, region, or occupied or annexed territory. Its relations include containedInPlace, and who occupies, annexed or claims it.", nil},
		{graph.KindEvent, "Event", "Something that happened at a time and place: a meeting, a call, a summit, an attack.", (*builder).eventFields},
		{graph.KindTopic, "Topic", "A subject of the negotiations on which parties take positions, such as security guarantees or frozen Russian assets. Topics form a hierarchy (broader, narrower).", func(b *builder) graphql.Fields {
			return addFields(b.topicFields(), b.topicV2Fields())
		}},
	}
}

// entityObjects builds one object type per kind, each implementing Entity.
func (b *builder) entityObjects() map[graph.Kind]*graphql.Object {
	m := map[graph.Kind]*graphql.Object{}
	for _, k := range kindInfos() {
		m[k.kind] = graphql.NewObject(graphql.ObjectConfig{
			Name:        k.name,
			Description: k.desc,
			Interfaces:  []*graphql.Interface{b.entity},
			Fields: graphql.FieldsThunk(func() graphql.Fields {
				fs := b.entityFields()
				if k.extra != nil {
					for name, f := range k.extra(b) {
						fs[name] = f
					}
				}
				return fs
			}),
		})
	}
	return m
}

// entityFields are the fields of the Entity interface. Each object type
// gets its own copy. Their source is a [node]: id, name and type come
// from the name index, the others from the whole entity or by its IRI.
func (b *builder) entityFields() graphql.Fields {
	return addFields(graphql.Fields{
		"id": attr(nonNull(graphql.ID), "The entity's IRI, e.g. https://w3id.org/parley/id/pokrovsk. Stable: use it to refer to the entity in any argument.",
			func(n *node) any { return n.iri }),
		"name": attr(nonNull(graphql.String), "The entity's name as the sources most often give it, in English.",
			func(n *node) any { return n.name }),
		"aliases": b.wholeAttr(nonNullList(graphql.String), "Other names of the entity: spellings, transliterations, former or official names (Pokrovsk is also Krasnoarmeysk). Every alias works wherever an argument names an entity.",
			func(e *graph.Entity) any { return nonNilSlice(e.Aliases) }),
		"type": attr(nonNull(b.kindEnum), "What the entity is; also given by its object type (__typename).",
			func(n *node) any { return n.kind }),
		"description": b.wholeAttr(graphql.String, "A one-sentence description in the project's words, or null.",
			func(e *graph.Entity) any { return opt(e.Description) }),
		"sameAs": b.wholeAttr(nonNullList(graphql.String), "IRIs of the same entity in other datasets (Wikidata, DBpedia...).",
			func(e *graph.Entity) any { return nonNilSlice(e.SameAs) }),
		"relations":   b.relationsField(),
		"positions":   b.positionsHeldField(),
		"sources":     b.mentionsField(),
		"claims":      b.claimsByField(),
		"claimsAbout": b.claimsAboutField(),
		"events":      b.eventsOfField(),
	}, b.entityV2Fields())
}

// personFields are the fields only a Person has.
func (b *builder) personFields() graphql.Fields {
	return graphql.Fields{
		"roles": ownList(b, b.role, "The titles this person holds or held, each of a state or institution (Vladimir Putin: President, of Russia).",
			func(e *graph.Entity) []graph.Role { return e.Roles }),
	}
}

// roleType is Role: a title a person holds.
func (b *builder) roleType() *graphql.Object {
	return graphql.NewObject(graphql.ObjectConfig{
		Name:        "Role",
		Description: "A title a person holds, of a state or institution, as a source states it.",
		Fields: graphql.FieldsThunk(func() graphql.Fields {
			return addFields(graphql.Fields{
				"title": attr(nonNull(graphql.String), "The title, e.g. \"special envoy\" or \"President\".",
					func(r graph.Role) any { return r.Title }),
				"of": entityRef(b, b.entity, "The state or institution the role is of, or null when the source names none.",
					func(r graph.Role) string { return r.Of }),
				"source": sourceRef(b, b.source, "The paragraph that states the role.",
					func(r graph.Role) string { return r.Source }),
			}, b.roleV2Fields())
		}),
	})
}
