package main

import (
	"context"
	"errors"
	"net/http"

	"github.com/parley-kg/parley/graph"
)

// Errors the HTTP edge makes itself; each has a row in statusTable.
var (
	// errBusy is a request refused because the server is serving as many
	// as it may (see limiter).
	errBusy = errors.New("server busy")
	// errBodyTimeout is a request whose body did not arrive within
	// --body-timeout.
	errBodyTimeout = errors.New("request body not received in time")
	// errMemory is a request refused because the process is near its
	// memory limit (see memoryGuard).
	errMemory = errors.New("server memory limit reached")
)

// statusRow maps the errors match accepts to an HTTP status and to the
// code a GraphQL-shaped body carries in its extensions.
type statusRow struct {
	match  func(error) bool
	status int
	code   string
}

// statusTable is the one place that says which status each kind of error
// gets, tried in order: the first row that matches wins. An error no row
// matches is a 500, and its text stays in the log.
var statusTable = []statusRow{
	{is(errBusy), http.StatusServiceUnavailable, "SERVER_BUSY"},
	{is(errMemory), http.StatusServiceUnavailable, "MEMORY_LIMIT"},
	{is(errBodyTimeout), http.StatusRequestTimeout, "BODY_TIMEOUT"},
	{tooLarge, http.StatusRequestEntityTooLarge, "BODY_TOO_LARGE"},
	{is(graph.ErrInvalid), http.StatusBadRequest, "BAD_USER_INPUT"},
	{is(context.DeadlineExceeded), http.StatusGatewayTimeout, "TIMEOUT"},
	{is(context.Canceled), 499, "CLIENT_CLOSED"}, // nobody reads it
}

func is(target error) func(error) bool {
	return func(err error) bool { return errors.Is(err, target) }
}

func tooLarge(err error) bool {
	var e *http.MaxBytesError
	return errors.As(err, &e)
}

// statusOf returns the HTTP status and the error code of err.
func statusOf(err error) (status int, code string) {
	for _, row := range statusTable {
		if row.match(err) {
			return row.status, row.code
		}
	}
	return http.StatusInternalServerError, "INTERNAL_SERVER_ERROR"
}

// errorStatus returns the HTTP status of err.
func errorStatus(err error) int {
	status, _ := statusOf(err)
	return status
}

// writeProblem answers err with its status, in one body for both kinds of
// client: Cayley's "error" and GraphQL's "errors", whose extensions carry
// the code and ext. A 503 says when to retry.
func writeProblem(w http.ResponseWriter, err error, ext map[string]any) {
	status, code := statusOf(err)
	extensions := map[string]any{"code": code}
	for k, v := range ext {
		extensions[k] = v
	}
	if status == http.StatusServiceUnavailable {
		w.Header().Set("Retry-After", "1")
	}
	msg := err.Error()
	writeJSON(w, status, map[string]any{
		"error":  msg,
		"errors": []map[string]any{{"message": msg, "extensions": extensions}},
	})
}
