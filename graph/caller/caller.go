// Package caller says who sent a request. The HTTP layer checks a
// request's credential once and records here who presented it; whatever
// acts on the request (the GraphQL mutations, the REST write routes, the
// limit on a writer's request body) reads it from the request's context.
// Nothing else can set it, so a write can only run under a checked
// credential.
package caller

import "context"

type authorKey struct{}

// WithAuthor returns a copy of ctx naming author as the writer whose
// credential the request presented.
func WithAuthor(ctx context.Context, author string) context.Context {
	return context.WithValue(ctx, authorKey{}, author)
}

// Author returns the writer [WithAuthor] recorded in ctx; ok is false
// when the request presented no write credential.
func Author(ctx context.Context) (author string, ok bool) {
	a, _ := ctx.Value(authorKey{}).(string)
	return a, a != ""
}
