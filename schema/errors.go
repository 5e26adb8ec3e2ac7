package schema

import (
	"context"
	"errors"
	"fmt"
	"log/slog"

	"github.com/graphql-go/graphql/gqlerrors"
	"github.com/parley-kg/parley/graph"
)

// Error codes, sent as extensions.code of a GraphQL error. Clients branch
// on the code, never on the message.
const (
	// CodeNotFound means an argument names an entity, topic or source that
	// the graph does not hold.
	CodeNotFound = "NOT_FOUND"
	// CodeBadUserInput means an argument is out of range or malformed, or a
	// name matches more than one entity.
	CodeBadUserInput = "BAD_USER_INPUT"
	// CodeInternal means the server failed; the message is "internal
	// error" and the cause is in the server's log.
	CodeInternal = "INTERNAL_SERVER_ERROR"
	// CodeParseFailed means the GraphQL document does not parse.
	CodeParseFailed = "GRAPHQL_PARSE_FAILED"
	// CodeValidationFailed means the document does not validate against
	// the schema.
	CodeValidationFailed = "GRAPHQL_VALIDATION_FAILED"
	// CodeBadRequest means the HTTP request is not a well-formed
	// GraphQL-over-HTTP request (bad JSON, missing query, wrong method...),
	// or names an operation the document lacks, or variables that do not
	// fit their types.
	CodeBadRequest = "BAD_REQUEST"
	// CodeQueryStopped means the request's context ended before the query
	// did: its time limit was reached (the message names the limit and its
	// value when the server set one) or its client went away.
	CodeQueryStopped = "QUERY_STOPPED"
	// CodeForbidden means a mutation came without a valid write token, or
	// the server takes no writes; the message says how to enable them.
	CodeForbidden = "FORBIDDEN"
)

// codedError is an error a user may see: a message and a code. graphql-go
// copies Extensions into the response because codedError implements
// gqlerrors.ExtendedError.
type codedError struct {
	code string
	msg  string
	err  error          // cause, for errors.Is and the log; never shown
	ext  map[string]any // more extensions, such as a write's violations
}

func (e *codedError) Error() string { return e.msg }
func (e *codedError) Unwrap() error { return e.err }

// Extensions implements gqlerrors.ExtendedError.
func (e *codedError) Extensions() map[string]any {
	out := map[string]any{"code": e.code}
	for k, v := range e.ext {
		out[k] = v
	}
	// A name that matched nothing carries the nearest known names.
	var nf *graph.NotFoundError
	if errors.As(e.err, &nf) && len(nf.Suggestions) > 0 {
		out["suggestions"] = nf.Suggestions
	}
	return out
}

// badInput returns a BAD_USER_INPUT error with a formatted message.
func badInput(format string, args ...any) error {
	return &codedError{code: CodeBadUserInput, msg: fmt.Sprintf(format, args...)}
}

// notFound returns a NOT_FOUND error with a formatted message.
func notFound(format string, args ...any) error {
	return &codedError{code: CodeNotFound, msg: fmt.Sprintf(format, args...)}
}

// argError explains a failure to resolve ref, the value of argument arg,
// to an entity: unknown names become NOT_FOUND, ambiguous ones
// BAD_USER_INPUT, anything else passes on for [errorMapper.gqlError].
func argError(arg, ref string, err error) error {
	switch {
	case errors.Is(err, graph.ErrNotFound):
		return &codedError{code: CodeNotFound, err: err,
			msg: fmt.Sprintf("unknown entity %q (argument %s)", ref, arg)}
	case errors.Is(err, graph.ErrAmbiguous):
		return &codedError{code: CodeBadUserInput, err: err,
			msg: fmt.Sprintf("ambiguous entity %q (argument %s): %v; pass its id instead", ref, arg, err)}
	case errors.Is(err, graph.ErrInvalid):
		return &codedError{code: CodeBadUserInput, err: err,
			msg: fmt.Sprintf("bad argument %s %q: %v", arg, ref, err)}
	}
	return err
}

// errorMapper turns any error a resolver meets into one a user may see.
type errorMapper struct {
	log *slog.Logger
}

// gqlError maps err once, at the edge: coded errors pass through,
// [graph.ErrNotFound] becomes NOT_FOUND, [graph.ErrInvalid] and
// [graph.ErrAmbiguous] become BAD_USER_INPUT with the graph's message, and
// anything else becomes "internal error", with the real error logged.
func (m errorMapper) gqlError(ctx context.Context, field string, err error) error {
	var ce *codedError
	switch {
	case err == nil:
		return nil
	case errors.As(err, &ce):
		return ce
	case errors.Is(err, graph.ErrNotFound):
		return &codedError{code: CodeNotFound, msg: err.Error(), err: err}
	case errors.Is(err, graph.ErrInvalid), errors.Is(err, graph.ErrAmbiguous):
		return &codedError{code: CodeBadUserInput, msg: err.Error(), err: err}
	case isStop(ctx, err):
		return &codedError{code: CodeQueryStopped, msg: stopMessage(ctx), err: err}
	}
	if l := loaderFrom(ctx); l == nil || l.firstInternal() {
		m.log.ErrorContext(ctx, "graphql resolver failed", "field", field, "err", err)
	}
	return &codedError{code: CodeInternal, msg: "internal error", err: err}
}

// isStop reports whether err is ctx ending: its deadline passing or its
// cancellation.
func isStop(ctx context.Context, err error) bool {
	return ctx.Err() != nil && (errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled))
}

// stopMessage says why ctx ended, from its cause: "query stopped: query
// time limit of 10s reached (--query-timeout)" when whoever set the
// deadline named the limit (as parley serve does), "query stopped:
// context deadline exceeded" otherwise.
func stopMessage(ctx context.Context) string {
	return "query stopped: " + context.Cause(ctx).Error()
}

// stoppedErrors gives the error graphql-go reports when ctx ends during an
// execution, which is ctx's bare error ("context deadline exceeded"), the
// message of [stopMessage] and the code [CodeQueryStopped]. Other errors
// pass unchanged.
func stoppedErrors(ctx context.Context, errs []gqlerrors.FormattedError) []gqlerrors.FormattedError {
	for i, e := range errs {
		if e.Extensions == nil && isStop(ctx, e.OriginalError()) {
			errs[i].Message = stopMessage(ctx)
			errs[i].Extensions = map[string]any{"code": CodeQueryStopped}
		}
	}
	return errs
}
