package schema

import (
	"context"

	"github.com/graphql-go/graphql"
	"github.com/parley-kg/parley/graph"
)

// Metonyms: an actor argument that names a seat of government
// ("Washington") is answered for its government (the United States), and
// the response says so in extensions.resolutions, so that nobody takes the
// place's answer for the government's without knowing.

// withRequest returns the context of one execution: its loader, and the
// graph's request cache, which holds the closures of hierarchy arguments
// and records the metonyms resolved.
func withRequest(ctx context.Context, l *loader) context.Context {
	return graph.WithRequestCache(context.WithValue(ctx, loaderKey{}, l))
}

// addResolutions puts the metonyms resolved under ctx into res's
// extensions, as "resolutions": a list of {argument, name, place,
// resolvedTo, resolvedName, via}.
func addResolutions(ctx context.Context, res *graphql.Result) {
	rs := graph.Resolutions(ctx)
	if len(rs) == 0 || res == nil {
		return
	}
	list := make([]any, len(rs))
	for i, r := range rs {
		list[i] = map[string]any{"argument": r.Argument, "name": r.Name, "place": r.Place,
			"resolvedTo": r.ResolvedTo, "resolvedName": r.ResolvedName, "via": r.Via}
	}
	if res.Extensions == nil {
		res.Extensions = map[string]any{}
	}
	res.Extensions["resolutions"] = list
}
