package schema

import (
	"slices"

	"github.com/graphql-go/graphql"
	"github.com/parley-kg/parley/graph"
)

// claimType is Claim: an assertion of fact that others may dispute.
func (b *builder) claimType() *graphql.Object {
	return graphql.NewObject(graphql.ObjectConfig{
		Name: "Claim",
		Description: "An assertion of fact that someone made (\"Russian forces have taken Pokrovsk\") and others may dispute, " +
			"with its status and the paragraph that reports it. Unlike a Position, a claim is true or false, not a preference.",
		Fields: graphql.FieldsThunk(func() graphql.Fields {
			return addFields(graphql.Fields{
				"id": attr(nonNull(graphql.ID), "The claim's IRI.",
					func(c graph.Claim) any { return c.IRI }),
				"claimant": entityRef(b, nonNull(b.entity), "Who made the claim.",
					func(c graph.Claim) string { return c.Claimant }),
				"summary": attr(nonNull(graphql.String), "The claim in one sentence, in the project's words.",
					func(c graph.Claim) any { return c.Summary }),
				"quote": attr(graphql.String, "The claimant's words, verbatim from the source, or null.",
					func(c graph.Claim) any { return opt(c.Quote) }),
				"about": entityRefs(b, "The entities the claim is about (places, people, topics).",
					func(c graph.Claim) []string { return c.About }),
				"status": attr(nonNull(b.statusEnum), "How far the claim stands: DISPUTED when anyone in disputedBy contests it.",
					func(c graph.Claim) any { return c.Status }),
				"disputedBy": entityRefs(b, "Who contests the claim; empty when no one does.",
					func(c graph.Claim) []string { return c.DisputedBy }),
				"madeIn": entityRef(b, b.objects[graph.KindEvent], "The event in which the claim was made (a meeting, a briefing), or null.",
					func(c graph.Claim) string { return c.MadeIn }),
				"source": sourceRef(b, nonNull(b.source), "The paragraph that reports the claim.",
					func(c graph.Claim) string { return c.Source }),
			}, b.claimV2Fields())
		}),
	})
}

// claimsQuery is Query.claims.
func (b *builder) claimsQuery() *graphql.Field {
	return &graphql.Field{
		Type: nonNullList(b.claim),
		Description: "Claims of fact, filtered by what they are about, who made them and their status (all optional). " +
			"about and claimant take an id, name or alias; one that names nothing is a NOT_FOUND error.",
		Args: graphql.FieldConfigArgument{
			"about": {Type: graphql.String, Description: "Only claims about this entity (id, name or alias), e.g. \"Pokrovsk\"."},
			"claimant": {Type: graphql.String, Description: "Only claims made or voiced by this entity or one of its affiliates (id, name or alias), e.g. \"Russia\". " +
				"A seat of government (\"Moscow\") stands for its government; the answer's extensions.resolutions says so."},
			"direct":           directArg("the claimant"),
			"includeRetracted": includeRetractedArg(),
			"status":           {Type: b.statusEnum, Description: "Only claims with this status, e.g. DISPUTED."},
		},
		Resolve: b.resolve(func(p graphql.ResolveParams) (any, error) {
			var f graph.ClaimFilter
			if err := (args{p}).entities(b.g, ref{"about", &f.About}, ref{"claimant", &f.Claimant}); err != nil {
				return nil, err
			}
			f.Status, _ = p.Args["status"].(graph.ClaimStatus)
			f.Direct, _ = p.Args["direct"].(bool)
			f.IncludeRetracted, _ = p.Args["includeRetracted"].(bool)
			cs, err := b.g.Claims(p.Context, f)
			if err != nil {
				return nil, err
			}
			arrive(b.loader(p.Context), cs)
			return nonNilSlice(cs), nil
		}),
	}
}

// claimsWhere returns a [Claim!]! field of an entity listing the claims
// for which match(claim, entity IRI) holds, from the execution's one fetch
// of all claims.
func (b *builder) claimsWhere(desc string, match func(c graph.Claim, iri string) bool) *graphql.Field {
	return &graphql.Field{
		Type:        nonNullList(b.claim),
		Description: desc,
		Resolve: b.resolve(func(p graphql.ResolveParams) (any, error) {
			n, _ := p.Source.(*node)
			all, err := b.loader(p.Context).allClaims(p.Context)
			if err != nil {
				return nil, err
			}
			out := []graph.Claim{}
			for _, c := range all {
				if match(c, n.iri) {
					out = append(out, c)
				}
			}
			return out, nil
		}),
	}
}

// claimsByField is Entity.claims.
func (b *builder) claimsByField() *graphql.Field {
	return b.claimsWhere("The claims this entity made.",
		func(c graph.Claim, iri string) bool { return c.Claimant == iri })
}

// claimsAboutField is Entity.claimsAbout.
func (b *builder) claimsAboutField() *graphql.Field {
	return b.claimsWhere("The claims made about this entity, by anyone.",
		func(c graph.Claim, iri string) bool { return slices.Contains(c.About, iri) })
}

// claimsMadeInField is Event.claimsMade.
func (b *builder) claimsMadeInField() *graphql.Field {
	return b.claimsWhere("The claims made during this event.",
		func(c graph.Claim, iri string) bool { return c.MadeIn == iri })
}
