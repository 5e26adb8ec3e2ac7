package main

import (
	"fmt"
	"log/slog"
	"net/http"

	"github.com/parley-kg/parley/graph"
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
	// Queries share one bound on how many run, and how many wait, at once.
	queries := newLimiter(cfg.maxConcurrent, cfg.maxQueued, cfg.queueWait)
	mux.Handle("/graphql", queries.wrap(cfg.writes.identify(schema.Handler(s, schema.HandlerOptions{Logger: log, MaxBodyBytes: cfg.maxBody, WriterMaxBodyBytes: cfg.maxWriteBody, Limits: cfg.limits}))))
	mux.Handle("GET /{$}", web.Playground(web.PlaygroundOptions{}))
	mux.Handle("GET /explore", web.Explorer(web.ExplorerOptions{}))
	mux.Handle("GET /assets/", http.StripPrefix("/assets/", web.Assets()))
	mux.Handle("GET /notebooks/", http.StripPrefix("/notebooks/", web.Notebooks()))
	mux.Handle("POST /api/v1/query/{lang}", queries.wrap(handleCayleyQuery(g, cfg)))
	mux.Handle("/api/v2/", queries.wrap(cayleyV2(g, cfg)))
	// Writes need a token; without configured tokens they answer 403.
	mux.Handle("POST /api/v2/write", queries.wrap(cfg.writes.require(handleWrite(log, g, cfg.maxWriteBody, false))))
	mux.Handle("POST /api/v2/delete", queries.wrap(cfg.writes.require(handleWrite(log, g, cfg.maxWriteBody, true))))
	mux.Handle("POST /api/v2/node/delete", handleNodeDelete())
	mux.Handle("GET /export", handleExport(log, g))
	mux.Handle("GET /healthz", handleHealthz(g))
	return recoverPanics(log, logRequests(log, corsFor(cfg.corsOrigins).Handler(timeoutContext(cfg.queryTimeout, mux))))
}
