package schema

import (
	"github.com/graphql-go/graphql"
	"github.com/parley-kg/parley/graph"
)

// positionType is Position: a stance an entity has stated on a topic.
func (b *builder) positionType() *graphql.Object {
	return graphql.NewObject(graphql.ObjectConfig{
		Name:        "Position",
		Description: "A stance that a person, state or institution has stated on a topic, with a summary, the verbatim quote when there is one, and the paragraph that reports it.",
		Fields: graphql.FieldsThunk(func() graphql.Fields {
			return addFields(graphql.Fields{
				"id": attr(nonNull(graphql.ID), "The position's IRI.",
					func(p graph.Position) any { return p.IRI }),
				"holder": entityRef(b, nonNull(b.entity), "Who holds the position.",
					func(p graph.Position) string { return p.Holder }),
				"topic": entityRef(b, nonNull(b.objects[graph.KindTopic]), "What the position is about.",
					func(p graph.Position) string { return p.Topic }),
				"stance": attr(b.stanceEnum, "What the holder wants on the topic, or null when the source states only an outlook.",
					func(p graph.Position) any { return optEnum(p.Stance) }),
				"summary": attr(nonNull(graphql.String), "The position in one sentence, in the project's words.",
					func(p graph.Position) any { return p.Summary }),
				"quote": attr(graphql.String, "The holder's words, verbatim from the source, or null when the source paraphrases.",
					func(p graph.Position) any { return opt(p.Quote) }),
				"source": sourceRef(b, nonNull(b.source), "The paragraph that reports the position.",
					func(p graph.Position) string { return p.Source }),
			}, b.positionV2Fields())
		}),
	})
}

// positionsQuery is Query.positions.
func (b *builder) positionsQuery() *graphql.Field {
	return &graphql.Field{
		Type: nonNullList(b.position),
		Description: "Positions that parties have stated, filtered by topic, holder and stance (all optional; omit all for every position). " +
			"topic and holder take an id, name or alias, case-insensitively; one that names nothing is a NOT_FOUND error, not an empty list, " +
			"so that a typo never looks like an answer.",
		Args: graphql.FieldConfigArgument{
			"topic": {Type: graphql.String, Description: "Only positions on this topic or a topic below it (id, name or alias), e.g. \"frozen assets\"."},
			"holder": {Type: graphql.String, Description: "Only positions held or voiced by this entity or one of its affiliates (id, name or alias), e.g. \"Macron\". " +
				"A seat of government (\"Washington\") stands for its government; the answer's extensions.resolutions says so."},
			"stance":           {Type: b.stanceEnum, Description: "Only positions with this stance."},
			"outlook":          {Type: b.v2.outlook, Description: "Only positions with this outlook."},
			"includeRetracted": includeRetractedArg(),
			"direct": {Type: graphql.Boolean, DefaultValue: false,
				Description: "true: only the holder itself and the topic itself. false (the default): also the holder's affiliates (a person's role of a state or institution, " +
					"an institution partOf a state, who represents it, the members of a collective) and the topics below the topic, transitively."},
		},
		Resolve: b.resolve(func(p graphql.ResolveParams) (any, error) {
			var f graph.PositionFilter
			if err := (args{p}).entities(b.g, ref{"topic", &f.Topic}, ref{"holder", &f.Holder}); err != nil {
				return nil, err
			}
			f.Stance, _ = p.Args["stance"].(graph.Stance)
			f.Outlook, _ = p.Args["outlook"].(graph.Outlook)
			f.Direct, _ = p.Args["direct"].(bool)
			f.IncludeRetracted, _ = p.Args["includeRetracted"].(bool)
			ps, err := b.g.Positions(p.Context, f)
			if err != nil {
				return nil, err
			}
			arrive(b.loader(p.Context), ps)
			return nonNilSlice(ps), nil
		}),
	}
}

// positionsHeldField is Entity.positions.
func (b *builder) positionsHeldField() *graphql.Field {
	return &graphql.Field{
		Type:        nonNullList(b.position),
		Description: "The positions this entity holds. For the positions taken on a topic, see Topic.positionsOn.",
		Resolve: b.resolve(func(p graphql.ResolveParams) (any, error) {
			n, _ := p.Source.(*node)
			ps, err := b.loader(p.Context).positionsHeld(p.Context, n.iri)
			return nonNilSlice(ps), err
		}),
	}
}

// topicFields are the fields only a Topic has.
func (b *builder) topicFields() graphql.Fields {
	return graphql.Fields{
		"positionsOn": {
			Type:        nonNullList(b.position),
			Description: "The positions that parties have taken on this topic, optionally only those with one stance.",
			Args: graphql.FieldConfigArgument{
				"stance": {Type: b.stanceEnum, Description: "Only positions with this stance. Omit for all."},
			},
			Resolve: b.resolve(func(p graphql.ResolveParams) (any, error) {
				n, _ := p.Source.(*node)
				stance, _ := p.Args["stance"].(graph.Stance)
				all, err := b.loader(p.Context).allPositions(p.Context)
				if err != nil {
					return nil, err
				}
				out := []graph.Position{}
				for _, pos := range all {
					if pos.Topic == n.iri && (stance == "" || pos.Stance == stance) {
						out = append(out, pos)
					}
				}
				return out, nil
			}),
		},
	}
}
