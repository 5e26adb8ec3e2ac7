package schema

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/graphql-go/graphql"
	"github.com/parley-kg/parley/graph"
)

// Searcher is the full-text search the hits field asks; [*graph.Store]
// implements it. A [Graph] without it answers hits with an internal error.
type Searcher interface {
	// Hits returns the nodes whose text matches q, best first.
	Hits(ctx context.Context, q graph.HitQuery) ([]graph.Hit, error)
}

// hitsDescription documents the query language once, for hits and search.
const hitsDescription = "Words must all match, in any field, in any form of the word (\"annexations\" finds \"annexed\"), " +
	"ignoring case and accents, with a typo allowed from five letters and two from eight (\"Kushnir\" finds Kushner). " +
	"\"Quoted phrases\" match their words in order; -word or -\"phrase\" leaves out what matches it; " +
	"word* matches the words starting with word (at least 2 letters; at most 500 different words). " +
	"Other punctuation is plain text. A query that does not parse, or is too broad, is a BAD_USER_INPUT error."

func hitKindEnum() *graphql.Enum {
	return newEnum("HitKind",
		"What a search hit is.",
		enumValue{"ENTITY", graph.HitEntity, "An entity other than an event: a person, state, institution, territory or topic."},
		enumValue{"POSITION", graph.HitPosition, "A position, found by its summary or quote."},
		enumValue{"CLAIM", graph.HitClaim, "A claim, found by its summary or quote."},
		enumValue{"EVENT", graph.HitEvent, "An event."},
		enumValue{"SOURCE", graph.HitSource, "A paragraph of a registered source document, found by its text."},
	)
}

// hitType is the Hit object.
func (b *builder) hitType() *graphql.Object {
	target := func(k graph.HitKind, t graphql.Output, desc string, get func(hit) any) *graphql.Field {
		return attr(t, desc, func(h hit) any {
			if h.Kind != k {
				return nil
			}
			return get(h)
		})
	}
	return graphql.NewObject(graphql.ObjectConfig{
		Name: "Hit",
		Description: "A node whose text matches a search, with the field that matched best and an extract of it. " +
			"Exactly one of entity, position, claim, event and source is set.",
		Fields: graphql.Fields{
			"score": attr[hit](nonNull(graphql.Float),
				"How well it matches; higher is better. Scores compare the hits of one search only: "+
					"a match in a name counts most, then an alias, then a summary, then body text (quotes, document text).",
				func(h hit) any { return h.Score }),
			"field": attr[hit](nonNull(graphql.String),
				"The field that matched best: name, alias, summary (a description, summary or note), quote, or text (a registered document's paragraph).",
				func(h hit) any { return h.Field }),
			"snippet": attr[hit](nonNull(graphql.String),
				"An extract of that field, HTML-escaped, with the matched words in <mark> elements. "+
					"Its text is the project's own or a registered document's.",
				func(h hit) any { return h.Snippet }),
			"entity":   target(graph.HitEntity, b.entity, "The entity, for an ENTITY hit.", func(h hit) any { return h.node }),
			"position": target(graph.HitPosition, b.position, "The position, for a POSITION hit.", func(h hit) any { return *h.Position }),
			"claim":    target(graph.HitClaim, b.claim, "The claim, for a CLAIM hit.", func(h hit) any { return *h.Claim }),
			"event":    target(graph.HitEvent, b.objects[graph.KindEvent], "The event, for an EVENT hit.", func(h hit) any { return h.node }),
			"source":   target(graph.HitSource, b.source, "The paragraph, for a SOURCE hit.", func(h hit) any { return h.Source }),
		},
	})
}

// hitsQuery is Query.hits.
func (b *builder) hitsQuery() *graphql.Field {
	return &graphql.Field{
		Type: nonNullList(b.hitType()),
		Description: "Full-text search of the graph's text: names, aliases, descriptions, position and claim summaries, " +
			"quotes and the paragraphs of registered documents, best match first. " + hitsDescription +
			" What a retraction withdrew is left out unless includeRetracted is true.",
		Args: graphql.FieldConfigArgument{
			"text":     {Type: nonNull(graphql.String), Description: "The query."},
			"kinds":    {Type: graphql.NewList(graphql.NewNonNull(hitKindEnum())), Description: "Only hits of these kinds. Omit for all."},
			"first":    b.firstArg(20, "hits"),
			"minScore": {Type: graphql.Float, Description: "Leave out hits scoring lower."},
			"includeRetracted": {Type: graphql.Boolean, DefaultValue: false,
				Description: "true: also the positions, claims and events of retracted documents and contributions, each with its retraction, " +
					"as positions, claims and events show them. false (the default): leave them out."},
		},
		Resolve: b.resolve(func(p graphql.ResolveParams) (any, error) {
			a := args{p}
			s, ok := b.g.(Searcher)
			if !ok {
				return nil, fmt.Errorf("the graph %T has no text search", b.g)
			}
			text := a.str("text")
			if text == "" {
				return nil, badInput("argument text must not be empty")
			}
			first, err := a.intIn("first", 0, b.maxFirst)
			if err != nil || first == 0 {
				return []hit{}, err
			}
			q := graph.HitQuery{Text: text, First: first}
			q.MinScore, _ = p.Args["minScore"].(float64)
			q.IncludeRetracted, _ = p.Args["includeRetracted"].(bool)
			if ks, ok := p.Args["kinds"].([]any); ok {
				for _, k := range ks {
					if k, ok := k.(graph.HitKind); ok {
						q.Kinds = append(q.Kinds, k)
					}
				}
			}
			hits, err := s.Hits(p.Context, q)
			if errors.Is(err, graph.ErrInvalid) {
				return nil, badInput("argument text: %s", strings.TrimPrefix(err.Error(), graph.ErrInvalid.Error()+": "))
			} else if err != nil {
				return nil, err
			}
			return b.adoptHits(p.Context, hits), nil
		}),
	}
}

// hit is a search hit as the response holds it: its entity (or event) as
// a node of the request's loader.
type hit struct {
	graph.Hit
	node *node
}

// adoptHits hands what the hits hold to the request's loader, so that
// their fields resolve without reading them again: entities and events
// become nodes, positions and claims arrive as a root list's do.
func (b *builder) adoptHits(ctx context.Context, hits []graph.Hit) []hit {
	l := b.loader(ctx)
	var (
		es []*graph.Entity
		ps []graph.Position
		cs []graph.Claim
	)
	for _, h := range hits {
		switch {
		case h.Entity != nil:
			es = append(es, h.Entity)
		case h.Position != nil:
			ps = append(ps, *h.Position)
		case h.Claim != nil:
			cs = append(cs, *h.Claim)
		}
	}
	nodes := l.adopt(es, true)
	arrive(l, ps)
	arrive(l, cs)
	out := make([]hit, len(hits))
	for i, h := range hits {
		out[i].Hit = h
		if h.Entity != nil {
			out[i].node, nodes = nodes[0], nodes[1:]
		}
	}
	return out
}
