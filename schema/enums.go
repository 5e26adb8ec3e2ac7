package schema

import (
	"github.com/graphql-go/graphql"
	"github.com/parley-kg/parley/graph"
)

// enumValue is one value of a GraphQL enum: its name, the Go value it maps
// to (a graph constant) and its description.
type enumValue struct {
	name  string
	value any
	desc  string
}

// newEnum builds an enum whose values are the graph's own constants, so that
// arguments arrive as graph.Kind, graph.Stance... and results serialise
// without conversion.
func newEnum(name, desc string, values ...enumValue) *graphql.Enum {
	m := graphql.EnumValueConfigMap{}
	for _, v := range values {
		m[v.name] = &graphql.EnumValueConfig{Value: v.value, Description: v.desc}
	}
	return graphql.NewEnum(graphql.EnumConfig{Name: name, Description: desc, Values: m})
}

func entityTypeEnum() *graphql.Enum {
	return newEnum("EntityType",
		"What an entity is. Every entity has exactly one type, and a GraphQL object type of the same name (PERSON is `Person`).",
		enumValue{"PERSON", graph.KindPerson, "A person: a head of state, minister, envoy, negotiator, official or commentator."},
		enumValue{"STATE", graph.KindState, "A sovereign state, such as Ukraine, Russia or the United States."},
		enumValue{"INSTITUTION", graph.KindInstitution, "An organisation: a government body, an alliance (NATO), a union (the EU), an agency or a company."},
		enumValue{"TERRITORY", graph.KindTerritory, "A place: a city, region, or occupied or annexed territory, such as Pokrovsk or Crimea."},
		enumValue{"EVENT", graph.KindEvent, "Something that happened at a time and place: a meeting, a call, a summit, an attack."},
		enumValue{"TOPIC", graph.KindTopic, "A subject of the negotiations on which parties take positions, such as security guarantees or frozen Russian assets."},
	)
}

func directionEnum() *graphql.Enum {
	return newEnum("Direction",
		"Which way a relation runs, seen from the entity it is asked of.",
		enumValue{"OUT", graph.Out, "From this entity to the other: the entity is the subject (Kushner sonInLawOf Trump, asked of Kushner)."},
		enumValue{"IN", graph.In, "From the other entity to this one: the entity is the object (Kushner sonInLawOf Trump, asked of Trump)."},
		enumValue{"BOTH", graph.Both, "Either way. As an argument only: every relation has direction OUT or IN."},
	)
}

func stanceEnum() *graphql.Enum {
	return newEnum("Stance",
		"A position's preference about its topic: what the holder wants. Expectations (hopeful, doubtful) are its Outlook instead.",
		enumValue{"SUPPORTS", graph.Supports, "Is in favour of it."},
		enumValue{"OPPOSES", graph.Opposes, "Is against it."},
		enumValue{"DEMANDS", graph.Demands, "Insists on it as a requirement."},
		enumValue{"REJECTS", graph.Rejects, "Refuses it outright: a red line."},
		enumValue{"CONDITIONAL", graph.Conditional, "Would accept it under conditions, or as a basis for talks."},
		enumValue{"DEMANDS_SAY", graph.DemandsSay, "Insists on having a say in deciding it, with no view stated on the substance."},
		enumValue{"NEUTRAL", graph.Neutral, "States no preference, e.g. only who should decide."},
	)
}

func claimStatusEnum() *graphql.Enum {
	return newEnum("ClaimStatus",
		"How far a claim stands, according to the sources.",
		enumValue{"ASSERTED", graph.Asserted, "Made, and neither disputed nor confirmed by the sources."},
		enumValue{"DISPUTED", graph.Disputed, "Contested by at least one other party (see Claim.disputedBy)."},
		enumValue{"UNVERIFIED", graph.Unverified, "Reported, but the sources say it could not be verified."},
		enumValue{"CONFIRMED", graph.Confirmed, "Confirmed by an independent party in the sources."},
	)
}
