package schema

import (
	"context"
	"errors"
	"io"
	"strings"

	"github.com/graphql-go/graphql"
	"github.com/parley-kg/parley/graph"
	"github.com/parley-kg/parley/graph/caller"
)

// Writer is the part of the knowledge graph that mutations change.
// [*graph.Store] implements it. Each call validates the whole batch and
// applies it in one transaction, or returns an error and changes nothing.
type Writer interface {
	AddQuads(ctx context.Context, ch graph.Change, name string, r io.Reader) (graph.WriteResult, error)
	RemoveQuads(ctx context.Context, ch graph.Change, name string, r io.Reader) (graph.WriteResult, error)
}

// DefaultWriteDenied is what a mutation without a credential is told when
// [Options.WriteDenied] is empty.
const DefaultWriteDenied = "writes need a write token: send the header Authorization: Bearer TOKEN"

// mutation is the Mutation root, or nil when the schema has no [Writer].
func (b *builder) mutation(w Writer, denied string) *graphql.Object {
	if w == nil {
		return nil
	}
	if denied == "" {
		denied = DefaultWriteDenied
	}
	result := graphql.NewObject(graphql.ObjectConfig{
		Name:        "WriteResult",
		Description: "What a write did. A write is all or nothing: when it fails, nothing was changed.",
		Fields: graphql.Fields{
			"quads": attr(nonNull(graphql.Int), "How many quads the request held, duplicates included.",
				func(r *writeResult) any { return r.Quads }),
			"changed": attr(nonNull(graphql.Int), "How many quads were added or removed. An addition skips quads whose subject, "+
				"predicate and object are already in the graph; a removal also removes contributions left with no quads.",
				func(r *writeResult) any { return r.Changed }),
			"contributions": {
				Type: nonNullList(b.source),
				Description: "The contributions the added quads are now labelled with, one per source the request cited: " +
					"each names the author and time of the write and the source paragraph it cites. Empty for a removal.",
				Resolve: b.resolve(func(p graphql.ResolveParams) (any, error) {
					return b.loader(p.Context).sourceList(p.Context, p.Source.(*writeResult).Contributions)
				}),
			},
		},
	})
	write := func(desc string, apply func(context.Context, graph.Change, string, io.Reader) (graph.WriteResult, error)) *graphql.Field {
		return &graphql.Field{
			Type:        nonNull(result),
			Description: desc,
			Args: graphql.FieldConfigArgument{
				"nquads": {Type: nonNull(graphql.String), Description: "The quads, in N-Quads, one per line; errors name the line."},
			},
			Resolve: b.resolve(func(p graphql.ResolveParams) (any, error) {
				author, ok := caller.Author(p.Context) // set by the HTTP layer, which checks credentials
				if !ok {
					return nil, &codedError{code: CodeForbidden, msg: denied}
				}
				res, err := apply(p.Context, graph.Change{Author: author}, "nquads", strings.NewReader(args{p}.str("nquads")))
				if err != nil {
					return nil, writeError(err)
				}
				return &writeResult{res}, nil
			}),
		}
	}
	return graphql.NewObject(graphql.ObjectConfig{
		Name: "Mutation",
		Description: "Changes to the graph, for holders of a write token (Authorization: Bearer TOKEN). " +
			"Every write is checked against the vocabulary in full before anything is applied, and applied in one transaction.",
		Fields: graphql.Fields{
			"addQuads": write("Adds quads. Each quad's label must name the source it is taken from (a source paragraph in the graph "+
				"or in the request); the server relabels the quads with a contribution recording the author, the time and that source.",
				w.AddQuads),
			"removeQuads": write("Removes quads, each given exactly as stored, label included (as `quads` or the export returns them). "+
				"What remains must still satisfy the vocabulary: a node keeps its type and name unless all its quads go, and then nothing may point at it.",
				w.RemoveQuads),
		},
	})
}

// writeResult is the source of a WriteResult.
type writeResult struct{ graph.WriteResult }

// writeError maps a rejected write to BAD_USER_INPUT carrying every
// violation, each with its line, so that a client can point at them.
func writeError(err error) error {
	var ve *graph.ViolationsError
	if !errors.As(err, &ve) {
		return err
	}
	return &codedError{code: CodeBadUserInput, msg: err.Error(), err: err, ext: map[string]any{"violations": ve.Violations}}
}
