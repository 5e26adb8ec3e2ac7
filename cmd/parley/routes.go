package main

import (
	"fmt"
	"log/slog"
	"net/http"

	"github.com/parley-kg/parley/graph"
	"github.com/parley-kg/parley/graph/caller"
	"github.com/parley-kg/parley/schema"
	"github.com/parley-kg/parley/web"
)

// newHandler builds the GraphQL schema over g, with mutations for the
// holders of cfg's write tokens, and returns Parley's whole HTTP surface.
func newHandler(log *slog.Logger, g *graph.Store, cfg serveConfig) (http.Handler, error) {
	sch, err := schema.New(g, schema.Options{Logger: log, Writer: g, WriteDenied: cfg.writes.deniedMessage()})
	if err != nil {
		return nil, fmt.Errorf("build GraphQL schema: %w", err)
	}
	return newServer(log, g, sch, cfg), nil
}

// newServer returns Parley's whole HTTP surface. All routing lives here: it
// is the one file to open with a URL in hand.
func newServer(log *slog.Logger, g *graph.Store, s *schema.Schema, cfg serveConfig) http.Handler {
	mux := http.NewServeMux()
	// Queries share one bound on how many run, and how many wait, at once,
	// shared fairly between clients. A request meets it only once its body
	// has arrived, so that a slow body holds no slot.
	queries := newLimiter(limiterConfig{running: cfg.maxConcurrent, perClient: cfg.maxPerClient,
		queued: cfg.maxQueued, wait: cfg.queueWait, memory: cfg.memory})
	bodies := bodyReader{timeout: cfg.bodyTimeout, inMemory: max(cfg.maxBody, 64<<10)}
	queryBody := func(*http.Request) int64 { return cfg.maxBody }
	writeBody := func(*http.Request) int64 { return cfg.maxWriteBody }
	graphqlBody := func(r *http.Request) int64 {
		if _, ok := caller.Author(r.Context()); ok {
			return cfg.maxWriteBody
		}
		return cfg.maxBody
	}
	// A query's --query-timeout starts once its body has arrived (which
	// --body-timeout bounds), and counts its wait for a slot.
	timed := func(h http.Handler) http.Handler { return timeoutContext(cfg.queryTimeout, h) }
	limited := func(limit func(*http.Request) int64, h http.Handler) http.Handler {
		return bodies.wrap(limit, timed(queries.wrap(h)))
	}
	mux.Handle("/graphql", cfg.writes.identify(limited(graphqlBody, schema.Handler(s, schema.HandlerOptions{Logger: log, MaxBodyBytes: cfg.maxBody, WriterMaxBodyBytes: cfg.maxWriteBody, Limits: cfg.limits, ResponseCacheBytes: cfg.responseCache}))))
	mux.Handle("GET /{$}", web.Playground(web.PlaygroundOptions{}))
	mux.Handle("GET /explore", web.Explorer(web.ExplorerOptions{}))
	mux.Handle("GET /vocab", web.Vocab(web.VocabOptions{}))
	mux.Handle("GET /assets/", http.StripPrefix("/assets/", web.Assets()))
	mux.Handle("GET /notebooks/", http.StripPrefix("/notebooks/", web.Notebooks()))
	mux.Handle("POST /api/v1/query/{lang}", limited(queryBody, handleCayleyQuery(g, cfg)))
	mux.Handle("/api/v2/", limited(queryBody, cayleyV2(g, cfg)))
	// Writes need a token; without configured tokens they answer 403.
	mux.Handle("POST /api/v2/write", cfg.writes.require(limited(writeBody, handleWrite(log, g, cfg.maxWriteBody, false))))
	mux.Handle("POST /api/v2/delete", cfg.writes.require(limited(writeBody, handleWrite(log, g, cfg.maxWriteBody, true))))
	mux.Handle("POST /api/v2/add", cfg.writes.require(limited(writeBody, handleAdd(log, g, cfg.maxWriteBody, cfg.documents))))
	// Rendering an authoring file reads no store and writes nothing.
	mux.Handle("POST /api/v2/authoring", limited(queryBody, handleRender(log, cfg.maxBody)))
	mux.Handle("POST /api/v2/retract", cfg.writes.require(limited(writeBody, handleRetract(log, g, cfg.maxWriteBody))))
	mux.Handle("POST /api/v2/node/delete", handleNodeDelete())
	mux.Handle("GET /export", timed(handleExport(log, g, queries)))
	mux.Handle("GET /healthz", timed(handleHealthz(g)))
	return recoverPanics(log, logRequests(log, corsFor(cfg.corsOrigins).Handler(mux)))
}
