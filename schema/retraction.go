package schema

import (
	"github.com/graphql-go/graphql"
	"github.com/parley-kg/parley/graph"
)

// retractionType is Retraction: the record that withdrew a document's or a
// contribution's statements. Nothing is deleted; retracted facts are left
// out of answers unless a query asks for them with includeRetracted.
func (b *builder) retractionType() *graphql.Object {
	return graphql.NewObject(graphql.ObjectConfig{
		Name:        "Retraction",
		Description: "The withdrawal of a source document or a contribution: who withdrew it, when and why. The withdrawn statements stay in the graph (and in exports), out of default answers.",
		Fields: graphql.Fields{
			"id": attr(nonNull(graphql.ID), "The retraction's IRI.",
				func(r *graph.Retraction) any { return r.IRI }),
			"target": attr(nonNull(graphql.ID), "The IRI of the document or contribution withdrawn.",
				func(r *graph.Retraction) any { return r.Target }),
			"by": attr(nonNull(graphql.String), "Who withdrew it (the write token's name).",
				func(r *graph.Retraction) any { return r.By }),
			"at": attr(nonNull(graphql.String), "When, in RFC 3339.",
				func(r *graph.Retraction) any { return r.At }),
			"reason": attr(nonNull(graphql.String), "Why, in the retractor's words.",
				func(r *graph.Retraction) any { return r.Reason }),
		},
	})
}

// includeRetractedArg is the includeRetracted argument of positions, claims
// and events.
func includeRetractedArg() *graphql.ArgumentConfig {
	return &graphql.ArgumentConfig{Type: graphql.Boolean, DefaultValue: false,
		Description: "true: also the facts of retracted documents and contributions, each with its retraction. false (the default): leave them out."}
}

// retractionOf returns r as a field value: null when nothing withdrew the
// fact (a nil pointer inside an interface is not null to graphql-go).
func retractionOf(r *graph.Retraction) any {
	if r == nil {
		return nil
	}
	return r
}
