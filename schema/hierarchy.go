package schema

import (
	"github.com/graphql-go/graphql"
	"github.com/parley-kg/parley/graph"
)

// directArg is the direct argument of positions, claims and events.
func directArg(what string) *graphql.ArgumentConfig {
	return &graphql.ArgumentConfig{Type: graphql.Boolean, DefaultValue: false,
		Description: "true: only " + what + " itself. false (the default): also its affiliates' (a person's role of a state or institution, " +
			"an institution partOf a state, who represents it, the members of a collective), transitively."}
}

// entityV2Fields are the fields vocabulary v2 adds to every entity.
func (b *builder) entityV2Fields() graphql.Fields {
	return graphql.Fields{
		"note": b.wholeAttr(graphql.String, "The project's note on the entity, where the source's wording is wrong or needs context, or null.",
			func(e *graph.Entity) any { return opt(e.Note) }),
		"affiliates": b.linksField(graph.Affiliates,
			"The actors directly affiliated with this one: the holders of its roles (not former ones), the institutions partOf it, "+
				"who represents it, its members. positions(holder:), claims(claimant:) and events(participant:) follow these links, transitively."),
		"affiliatedWith": b.ownRefs("The actors this one is directly affiliated with: what its roles are of (not former ones), "+
			"what it is partOf, represents or is a member of.",
			func(e *graph.Entity) []string { return e.AffiliatedWith }),
	}
}

// topicV2Fields are the fields vocabulary v2 adds to Topic.
func (b *builder) topicV2Fields() graphql.Fields {
	return graphql.Fields{
		"broader": b.ownRefs("The topics this one is part of (SKOS broader): a position on this topic is also one on each of them.",
			func(e *graph.Entity) []string { return e.Broader }),
		"narrower": b.linksField(graph.Narrower,
			"The topics directly part of this one (SKOS narrower). positions(topic:) answers for them too, transitively."),
	}
}

// linksField is a [Entity!]! field of the direct links of h below an
// entity, read by its IRI alone (so the entity need not be read whole),
// in one call for every entity of the response.
func (b *builder) linksField(h graph.Hierarchy, desc string) *graphql.Field {
	return &graphql.Field{Type: nonNullList(b.entity), Description: desc,
		Resolve: b.resolve(func(p graphql.ResolveParams) (any, error) {
			n, _ := p.Source.(*node)
			l := b.loader(p.Context)
			iris, err := l.links(p.Context, h, n.iri)
			if err != nil {
				return nil, err
			}
			return l.nodeList(p.Context, iris)
		})}
}

// roleV2Fields are the fields vocabulary v2 adds to Role.
func (b *builder) roleV2Fields() graphql.Fields {
	return graphql.Fields{
		"former": attr(nonNull(graphql.Boolean), "Whether the person no longer holds the role; a former role is no affiliation.",
			func(r graph.Role) any { return r.Former }),
		"note": attr(graphql.String, "The project's note on the role, where the source's wording is verifiably wrong (the title stays as the source gives it), or null.",
			func(r graph.Role) any { return opt(r.Note) }),
	}
}

// eventV2Fields are the fields vocabulary v2 adds to Event.
func (b *builder) eventV2Fields() graphql.Fields {
	return graphql.Fields{
		"status": b.wholeAttr(b.v2.eventStatus, "Whether the event took place, as the source tells it, or null when it does not say.",
			func(e *graph.Entity) any { return optEnum(e.Status) }),
		"attendance": ownList(b, b.v2.attendance, "Every participant with how they took part: attended, joined virtually, or expected. participants lists the same entities.",
			func(e *graph.Entity) []graph.Attendance { return e.Attendance }),
		"reported": b.wholeAttr(nonNull(graphql.Boolean), "Whether the source hedges the event (\"reportedly\").",
			func(e *graph.Entity) any { return e.Reported }),
		"evidence": b.ownEvidence("event", func(e *graph.Entity) []string { return e.Evidence }),
		"retraction": b.wholeAttr(b.v2.retraction, "What withdrew the event, when a query includes retracted facts; otherwise null.",
			func(e *graph.Entity) any { return retractionOf(e.Retraction) }),
	}
}

// positionV2Fields are the fields vocabulary v2 adds to Position.
func (b *builder) positionV2Fields() graphql.Fields {
	return graphql.Fields{
		"outlook": attr(b.v2.outlook, "The holder's expectation about the topic, or null when the source states none.",
			func(p graph.Position) any { return optEnum(p.Outlook) }),
		"speaker": entityRef(b, b.entity, "The person who voiced the position for its holder (a spokesperson), or null when the source names none.",
			func(p graph.Position) string { return p.Speaker }),
		"occasion": entityRef(b, b.entity, "The event on or after which the position was stated, or null.",
			func(p graph.Position) string { return p.Occasion }),
		"reported": attr(nonNull(graphql.Boolean), "Whether the source hedges the position (\"reportedly\").",
			func(p graph.Position) any { return p.Reported }),
		"note": attr(graphql.String, "The project's note on the position, or null.",
			func(p graph.Position) any { return opt(p.Note) }),
		"evidence": evidenceField(b, "position", func(p graph.Position) []string { return p.Evidence }),
		"retraction": attr(b.v2.retraction, "What withdrew the position, when a query includes retracted facts; otherwise null.",
			func(p graph.Position) any { return retractionOf(p.Retraction) }),
	}
}

// claimV2Fields are the fields vocabulary v2 adds to Claim.
func (b *builder) claimV2Fields() graphql.Fields {
	return graphql.Fields{
		"speaker": entityRef(b, b.entity, "The person who voiced the claim for its claimant, or null when the source names none.",
			func(c graph.Claim) string { return c.Speaker }),
		"reported": attr(nonNull(graphql.Boolean), "Whether the source hedges the claim (\"reportedly\").",
			func(c graph.Claim) any { return c.Reported }),
		"note": attr(graphql.String, "The project's note on the claim, or null.",
			func(c graph.Claim) any { return opt(c.Note) }),
		"evidence": evidenceField(b, "claim", func(c graph.Claim) []string { return c.Evidence }),
		"retraction": attr(b.v2.retraction, "What withdrew the claim, when a query includes retracted facts; otherwise null.",
			func(c graph.Claim) any { return retractionOf(c.Retraction) }),
		"rebuts":      b.claimRefs("The claims this one contradicts.", func(c graph.Claim) []string { return c.Rebuts }),
		"supports":    b.claimRefs("The claims this one corroborates.", func(c graph.Claim) []string { return c.Supports }),
		"rebuttedBy":  b.claimRefs("The claims that contradict this one.", func(c graph.Claim) []string { return c.RebuttedBy }),
		"supportedBy": b.claimRefs("The claims that corroborate this one.", func(c graph.Claim) []string { return c.SupportedBy }),
	}
}

// claimRefs is a [Claim!]! field of the claims whose IRIs are iris(claim),
// from the request's one fetch of all claims.
func (b *builder) claimRefs(desc string, iris func(graph.Claim) []string) *graphql.Field {
	return &graphql.Field{Type: nonNullList(b.claim), Description: desc,
		Resolve: b.resolve(func(p graphql.ResolveParams) (any, error) {
			c, _ := p.Source.(graph.Claim)
			want := iris(c)
			out := []graph.Claim{}
			if len(want) == 0 {
				return out, nil
			}
			all, err := b.loader(p.Context).allClaims(p.Context)
			if err != nil {
				return nil, err
			}
			by := make(map[string]int, len(all))
			for i, c := range all {
				by[c.IRI] = i
			}
			for _, iri := range want {
				if i, ok := by[iri]; ok {
					out = append(out, all[i])
				}
			}
			return out, nil
		})}
}

// optEnum returns v, or nil (GraphQL null) when v is empty. It keeps v's
// type, which the enum serialises by.
func optEnum[T ~string](v T) any {
	if v == "" {
		return nil
	}
	return v
}
