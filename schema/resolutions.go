package schema

import (
	"cmp"
	"context"
	"slices"

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

// addResolutions adds the metonyms resolved under ctx to the response's
// extensions ([addExtension]), under "resolutions": one {argument, name,
// place, resolvedTo, resolvedName, via} each, ordered by argument and
// name. graphql-go resolves sibling root fields in map order, so the order
// they were resolved in would differ between two runs of one query.
func addResolutions(ctx context.Context) {
	rs := graph.Resolutions(ctx)
	slices.SortStableFunc(rs, func(a, b graph.Resolution) int {
		return cmp.Or(cmp.Compare(a.Argument, b.Argument), cmp.Compare(a.Name, b.Name),
			cmp.Compare(a.Place, b.Place), cmp.Compare(a.ResolvedTo, b.ResolvedTo))
	})
	for _, r := range rs {
		addExtension(ctx, "resolutions", map[string]any{"argument": r.Argument, "name": r.Name, "place": r.Place,
			"resolvedTo": r.ResolvedTo, "resolvedName": r.ResolvedName, "via": r.Via})
	}
}
