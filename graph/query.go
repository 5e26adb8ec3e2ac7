package graph

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/cayleygraph/cayley/query"
	_ "github.com/cayleygraph/cayley/query/graphql" // registers "graphql", Cayley's own dialect
	_ "github.com/cayleygraph/cayley/query/mql"     // registers "mql"
	"github.com/parley-kg/parley/graph/internal/gizmo"
)

// Query limits.
const (
	// DefaultQueryLimit is the result limit when a query names none.
	DefaultQueryLimit = 100
	// MaxQueryLimit bounds the result limit a caller may ask for.
	MaxQueryLimit = 10000
)

// QueryResult is what a query in one of Cayley's languages returned.
type QueryResult struct {
	Results   []any // JSON-ready values, as Cayley's v1 HTTP API returns them
	Limit     int   // the limit that applied
	Truncated bool  // true when there were more results than Limit
	// Warnings name the IRIs of the query that the graph holds nowhere,
	// with the nearest terms of the vocabulary; nil when there are none.
	Warnings []string
}

// QueryLanguages lists the languages [Store.Query] runs.
func QueryLanguages() []string { return []string{"gizmo", "mql", "graphql"} }

// Query runs text in one of Cayley's query languages ("gizmo", "mql",
// "graphql") and collects up to limit results (0 means
// [DefaultQueryLimit]). The query stops when ctx is done. IRIs may be
// written with the [QueryPrefixes] ("<schema:name>"); IRIs the graph holds
// nowhere are named in the result's Warnings.
func (s *Store) Query(ctx context.Context, lang, text string, limit int) (QueryResult, error) {
	if limit == 0 {
		limit = DefaultQueryLimit
	}
	if limit < 0 || limit > MaxQueryLimit {
		return QueryResult{}, invalidf("limit %d is out of range: want 1 to %d", limit, MaxQueryLimit)
	}
	if !knownLanguage(lang) {
		return QueryResult{}, invalidf("unknown query language %q: want one of %v", lang, QueryLanguages())
	}
	sess, err := s.session(lang)
	if err != nil {
		return QueryResult{}, err
	}
	text = expandPrefixes(text)
	res, err := s.collect(ctx, lang, sess, text, limit)
	if err != nil {
		return res, err
	}
	res.Warnings = s.termWarnings(text)
	return res, nil
}

// session returns a new session of lang over the store. Gizmo is Parley's
// guarded copy, not Cayley's (whose wrongly typed arguments panic in a
// goroutine of its own and kill the process): it is never put in Cayley's
// registry of languages, and Cayley's query APIs are served through
// [Store.Query]. Its session reads the store under the lock one graph read
// at a time (see langReads).
func (s *Store) session(lang string) (query.Session, error) {
	if lang == gizmo.Name {
		g := gizmo.NewSession(s.qs)
		g.SetStoreLock(func(fn func()) { s.lock.read(cayleyRead, fn) })
		return g, nil
	}
	l := query.GetLanguage(lang)
	if l == nil {
		return nil, fmt.Errorf("query language %q is not available", lang)
	}
	if check := cayleyChecks[lang]; check != nil {
		checked := checkedLanguage(*l, check)
		l = &checked
	}
	// Cayley's own GraphQL dialect has no HTTP session, only a plain one.
	switch {
	case l.HTTP != nil:
		return l.HTTP(s.qs), nil
	case l.Session != nil:
		return l.Session(s.qs), nil
	}
	return nil, fmt.Errorf("query language %q cannot run queries here", lang)
}

// langReads says which steps of a session of each language read the
// store, and so run under its lock (see storeLock), so that nothing else a
// query does holds writes back. Gizmo's session takes the lock itself
// around each graph read, and runs the user's program outside it. Cayley's
// GraphQL dialect parses in Execute and reads everything at its first Next.
// MQL builds its iterators against the store in Execute, and reads
// everything at its first Next. Results are plain values by then: they
// are handed over without the lock.
var langReads = map[string]struct{ execute, next bool }{
	gizmo.Name: {},
	"graphql":  {next: true},
	"mql":      {execute: true, next: true},
}

// collect runs text in sess and reads up to limit results.
func (s *Store) collect(ctx context.Context, lang string, sess query.Session, text string, limit int) (QueryResult, error) {
	steps := langReads[lang]
	read := func(locked bool, fn func()) {
		if locked {
			s.lock.read(cayleyRead, fn)
		} else {
			fn()
		}
	}
	var (
		it  query.Iterator
		err error
	)
	// Ask for one more than the limit, to tell a full answer from a cut one.
	read(steps.execute, func() { it, err = sess.Execute(ctx, text, query.Options{Collation: query.JSON, Limit: limit + 1}) })
	if err != nil {
		if err := stopped(ctx, lang, err); err != nil {
			return QueryResult{}, err
		}
		return QueryResult{}, fmt.Errorf("%w: %s: %v", ErrInvalid, lang, err)
	}
	defer read(steps.next, func() { it.Close() })
	res := QueryResult{Results: []any{}, Limit: limit}
	for {
		var more bool
		read(steps.next, func() { more = it.Next(ctx) })
		if !more {
			break
		}
		if len(res.Results) == limit {
			res.Truncated = true
			break
		}
		if r := it.Result(); r != nil {
			res.Results = append(res.Results, r)
		}
	}
	if gizmo.Truncated(it) {
		res.Truncated = true
	}
	if err := it.Err(); err != nil && !res.Truncated {
		if err := stopped(ctx, lang, err); err != nil {
			return QueryResult{}, err
		}
		return QueryResult{}, fmt.Errorf("%w: %s: %v", ErrInvalid, lang, err)
	}
	return res, nil
}

// stopped returns the error of a query that err says ctx stopped, or nil
// when ctx did not stop it. The error wraps ctx's cause, which says which
// limit stopped the query when whoever set the deadline named one
// ("gizmo query stopped: query time limit of 10s reached
// (--query-timeout)"), and is ctx's own error otherwise.
func stopped(ctx context.Context, lang string, err error) error {
	if !errors.Is(err, context.DeadlineExceeded) && !errors.Is(err, context.Canceled) {
		return nil
	}
	if ctx.Err() != nil {
		err = context.Cause(ctx)
	}
	return fmt.Errorf("%s query stopped: %w", lang, err)
}

func knownLanguage(lang string) bool { return slices.Contains(QueryLanguages(), lang) }
