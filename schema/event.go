package schema

import (
	"slices"

	"github.com/graphql-go/graphql"
	"github.com/parley-kg/parley/graph"
)

// eventFields are the fields only an Event has.
func (b *builder) eventFields() graphql.Fields {
	return addFields(graphql.Fields{
		"date": attr(graphql.String, "When the event happened, in ISO 8601 and only as precise as the source allows (\"2025\", \"2025-12\", \"2025-12-02\"); null when the source gives no date.",
			func(n *node) any { return opt(n.date) }),
		"dateText": b.wholeAttr(graphql.String, "The date as the source words it (\"Tuesday\", \"last week\"), or null.",
			func(e *graph.Entity) any { return opt(e.DateText) }),
		"location": b.ownRef(b.entity, "Where the event took place, usually a Territory (a city), or null.",
			func(e *graph.Entity) string { return e.Location }),
		"participants": b.ownRefs("Who took part: people, states and institutions, whether they attended, joined virtually or were expected (see attendance).",
			func(e *graph.Entity) []string { return e.Participants }),
		"about": b.ownRefs("The topics and places the event was about.",
			func(e *graph.Entity) []string { return e.About }),
		"claimsMade": b.claimsMadeInField(),
	}, b.eventV2Fields())
}

// eventsQuery is Query.events.
func (b *builder) eventsQuery() *graphql.Field {
	return &graphql.Field{
		Type: nonNullList(b.objects[graph.KindEvent]),
		Description: "Events, filtered by participant, location and date range (all optional). " +
			"participant and location take an id, name or alias; one that names nothing is a NOT_FOUND error. " +
			"from and to are inclusive ISO 8601 dates or prefixes (\"2025\", \"2025-11\"); an event without a date matches only when both are omitted.",
		Args: graphql.FieldConfigArgument{
			"participant": {Type: graphql.String, Description: "Only events this entity or one of its affiliates took part in (id, name or alias), e.g. \"Witkoff\". " +
				"A seat of government (\"Washington\") stands for its government; the answer's extensions.resolutions says so."},
			"direct":           directArg("the participant"),
			"includeRetracted": includeRetractedArg(),
			"location":         {Type: graphql.String, Description: "Only events that took place here (id, name or alias), e.g. \"Moscow\"."},
			"from":             {Type: graphql.String, Description: "Only events on or after this date (ISO 8601 or a prefix: \"2025-11\")."},
			"to":               {Type: graphql.String, Description: "Only events on or before this date (ISO 8601 or a prefix: \"2025-12\")."},
		},
		Resolve: b.resolve(func(p graphql.ResolveParams) (any, error) {
			a := args{p}
			var f graph.EventFilter
			var err error
			if f.From, err = a.date("from"); err != nil {
				return nil, err
			}
			if f.To, err = a.date("to"); err != nil {
				return nil, err
			}
			if n := min(len(f.From), len(f.To)); n > 0 && f.From[:n] > f.To[:n] {
				return nil, badInput("argument from (%s) is after argument to (%s)", f.From, f.To)
			}
			if err := a.entities(b.g, ref{"participant", &f.Participant}, ref{"location", &f.Location}); err != nil {
				return nil, err
			}
			f.Direct, _ = p.Args["direct"].(bool)
			f.IncludeRetracted, _ = p.Args["includeRetracted"].(bool)
			es, err := b.g.Events(p.Context, f)
			if err != nil {
				return nil, err
			}
			return b.loader(p.Context).adopt(es, true), nil
		}),
	}
}

// timelineQuery is Query.timeline.
func (b *builder) timelineQuery() *graphql.Field {
	return &graphql.Field{
		Type: nonNullList(b.objects[graph.KindEvent]),
		Description: "Dated events, oldest first: those an entity took part in, or all of them when entity is omitted. " +
			"Events without a date are left out. An entity that names nothing is a NOT_FOUND error.",
		Args: graphql.FieldConfigArgument{
			"entity": {Type: graphql.String, Description: "Only events this entity took part in (id, name or alias). Omit for every dated event."},
		},
		Resolve: b.resolve(func(p graphql.ResolveParams) (any, error) {
			iri, err := args{p}.entity(b.g, "entity")
			if err != nil {
				return nil, err
			}
			heads, err := b.g.TimelineHeaders(p.Context, iri)
			if err != nil {
				return nil, err
			}
			return b.loader(p.Context).adopt(heads, false), nil
		}),
	}
}

// eventsOfField is Entity.events.
func (b *builder) eventsOfField() *graphql.Field {
	return &graphql.Field{
		Type:        nonNullList(b.objects[graph.KindEvent]),
		Description: "The events this entity took part in, oldest first; events without a date come last.",
		Resolve: b.resolve(func(p graphql.ResolveParams) (any, error) {
			n, _ := p.Source.(*node)
			all, err := b.loader(p.Context).allEvents(p.Context)
			if err != nil {
				return nil, err
			}
			out := []*node{}
			for _, ev := range all {
				if slices.Contains(ev.whole.Participants, n.iri) {
					out = append(out, ev)
				}
			}
			slices.SortStableFunc(out, byDate)
			return out, nil
		}),
	}
}

// byDate orders events by date, undated last.
func byDate(a, b *node) int {
	switch {
	case a.date == b.date:
		return 0
	case a.date == "":
		return 1
	case b.date == "":
		return -1
	case a.date < b.date:
		return -1
	}
	return 1
}
