package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/parley-kg/parley/graph"
	"github.com/parley-kg/parley/schema"
)

// serveConfig is what "parley serve" is told beyond the store flags.
type serveConfig struct {
	addr            string
	corsOrigins     []string
	queryTimeout    time.Duration
	queryLimit      int
	maxBody         int64
	shutdownTimeout time.Duration
}

// runServe implements "parley serve": it opens the store, makes sure the
// seed is in it, and serves until ctx is done, then shuts down gracefully.
func runServe(ctx context.Context, args []string, e env) error {
	var (
		cfg  storeConfig
		scfg serveConfig
		cors string
	)
	fs := newFlagSet("serve", "serve [flags]", `  parley serve
  parley serve --addr :8080 --db /srv/parley.db
  parley serve --store memory --cors-origins https://notebooks.example.org
  PARLEY_DB='postgres://parley:secret@db.example.org:5432/parley' parley serve --store postgres --db-max-conns 20
`, e.stderr)
	addStoreFlags(fs, &cfg, e.getenv)
	fs.StringVar(&scfg.addr, "addr", envOr(e.getenv, "PARLEY_ADDR", "127.0.0.1:8080"), "address to listen on (env PARLEY_ADDR)")
	fs.StringVar(&cors, "cors-origins", envOr(e.getenv, "PARLEY_CORS_ORIGINS", "*"),
		"comma-separated origins allowed to read the API from a browser; * for any (env PARLEY_CORS_ORIGINS)")
	fs.DurationVar(&scfg.queryTimeout, "query-timeout", 10*time.Second, "time limit of one Gizmo, MQL or GraphQL query")
	fs.IntVar(&scfg.queryLimit, "query-limit", graph.DefaultQueryLimit,
		fmt.Sprintf("default result limit of Cayley query languages (callers may ask up to %d)", graph.MaxQueryLimit))
	fs.Int64Var(&scfg.maxBody, "max-body", 1<<20, "largest request body accepted, in bytes")
	fs.DurationVar(&scfg.shutdownTimeout, "shutdown-timeout", 10*time.Second, "how long to let requests finish on shutdown")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 0 {
		return usagef("serve: unexpected arguments %q", fs.Args())
	}
	for _, o := range strings.Split(cors, ",") {
		if o = strings.TrimSpace(o); o != "" {
			scfg.corsOrigins = append(scfg.corsOrigins, o)
		}
	}
	if scfg.queryLimit < 1 || scfg.queryLimit > graph.MaxQueryLimit {
		return usagef("serve: --query-limit %d is out of range 1 to %d", scfg.queryLimit, graph.MaxQueryLimit)
	}

	log := newLogger(cfg, e.stderr)
	start := time.Now()
	s, err := openStore(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer s.Close()
	sch, err := schema.New(s, schema.Options{Logger: log})
	if err != nil {
		return fmt.Errorf("build GraphQL schema: %w", err)
	}
	ln, err := net.Listen("tcp", scfg.addr)
	if err != nil {
		return fmt.Errorf("listen: %w", err)
	}
	srv := &http.Server{
		Handler:           newServer(log, s, sch, scfg),
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      scfg.queryTimeout + 30*time.Second,
		IdleTimeout:       2 * time.Minute,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
		BaseContext:       func(net.Listener) context.Context { return ctx },
	}
	st, _ := s.Stats(ctx)
	log.Info("listening", "addr", "http://"+ln.Addr().String(), "store", cfg.backend, "db", dbLabel(cfg),
		"quads", st.Quads, "cors_origins", scfg.corsOrigins, "query_timeout", scfg.queryTimeout,
		"startup", time.Since(start).Round(time.Millisecond))

	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	log.Info("shutting down", "grace", scfg.shutdownTimeout)
	sctx, cancel := context.WithTimeout(context.Background(), scfg.shutdownTimeout)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		return fmt.Errorf("shut down: %w", err)
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("serve: %w", err)
	}
	return nil
}

// dbLabel names the store for the log, without a database password.
func dbLabel(cfg storeConfig) string {
	switch {
	case cfg.backend == graph.BackendMemory:
		return "(memory)"
	case graph.IsSQL(cfg.backend):
		return graph.RedactDSN(cfg.path)
	}
	return cfg.path
}
