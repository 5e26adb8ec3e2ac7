package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"runtime"
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
	limits          schema.Limits // of GraphQL documents
	maxConcurrent   int           // queries served at once; more wait
	maxPerClient    int           // of maxConcurrent, served at once for one client
	maxQueued       int           // queries waiting for a slot; more get 503
	queueWait       time.Duration // longest a query waits for a slot
	debugAddr       string        // loopback address for expvar and pprof; "" for none
	writeTokenFile  string        // tokens that may write; none: read-only
	maxWriteBody    int64         // largest write body, before and after gzip
	bodyTimeout     time.Duration // longest a request body may take to arrive
	memoryLimit     string        // --memory-limit as given
	memory          *memoryGuard  // refuses queries while memory is short; nil: none
	writes          *writeAuth
	documents       string // directory of document files to serve text from; "" for none
	responseCache   int64  // bytes of successful GraphQL query responses kept; 0: none
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
  PARLEY_WRITE_TOKEN="alice $(openssl rand -hex 24)" parley serve
  parley serve --write-token-file /etc/parley/tokens
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
	addLimitFlags(fs, &scfg)
	fs.StringVar(&scfg.writeTokenFile, "write-token-file", "",
		"file of bearer tokens that may write (lines: TOKEN or NAME TOKEN); with none, and no\nenv PARLEY_WRITE_TOKEN, the server is read-only")
	fs.Int64Var(&scfg.maxWriteBody, "max-write-body", 32<<20, "largest write body accepted, in bytes, before and after gzip\n(/api/v2/write, /api/v2/delete, and /graphql with a write token)")
	fs.Int64Var(&scfg.responseCache, "response-cache", 32<<20,
		"bytes of successful GraphQL query responses to keep and reuse until the store changes; 0 turns the cache off")
	fs.StringVar(&scfg.debugAddr, "debug-addr", "", "loopback address to serve expvar (/debug/vars) and pprof (/debug/pprof/) on; off when empty")
	fs.StringVar(&scfg.documents, "documents", "", "directory of the source documents' files, checked against their SHA-256 records, to serve\nSource.text and Evidence.text from; a file that does not match is refused and the server does not start")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if err := checkLimitFlags(scfg); err != nil {
		return err
	}
	if fs.NArg() != 0 {
		return usagef("serve: unexpected arguments %q", fs.Args())
	}
	if scfg.responseCache < 0 {
		return usagef("serve: --response-cache %d must be 0 (off) or a number of bytes", scfg.responseCache)
	}
	mem, err := chooseMemoryLimit(scfg.memoryLimit, e.getenv)
	if err != nil {
		return err
	}
	if scfg.debugAddr != "" {
		if err := checkDebugAddr(scfg.debugAddr); err != nil {
			return err
		}
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
	mem.apply()
	scfg.memory = newMemoryGuard(mem)
	writes, err := loadWriteTokens(scfg.writeTokenFile, e.getenv("PARLEY_WRITE_TOKEN"), log)
	if err != nil {
		return usagef("serve: %v", err)
	}
	scfg.writes = writes
	start := time.Now()
	s, err := openStore(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer s.Close()
	if err := registerDocuments(ctx, s, scfg.documents); err != nil {
		return err
	}
	handler, err := newHandler(log, s, scfg)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", scfg.addr)
	if err != nil {
		return fmt.Errorf("listen: %w", err)
	}
	if scfg.debugAddr != "" {
		stopDebug, err := startDebug(scfg.debugAddr, log)
		if err != nil {
			ln.Close()
			return err
		}
		defer func() {
			dctx, cancel := context.WithTimeout(context.Background(), time.Second)
			defer cancel()
			if err := stopDebug(dctx); err != nil {
				log.Warn("debug server", "err", err)
			}
		}()
	}
	srv := &http.Server{
		Handler:           handler,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       5*time.Second + scfg.bodyTimeout,                      // a backstop: bodyReader sets the body's own deadline
		WriteTimeout:      scfg.bodyTimeout + scfg.queryTimeout + 30*time.Second, // counted from the end of the headers
		IdleTimeout:       2 * time.Minute,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
		BaseContext:       func(net.Listener) context.Context { return ctx },
	}
	st, _ := s.Stats(ctx)
	log.Info("listening", "addr", "http://"+ln.Addr().String(), "store", cfg.backend, "db", dbLabel(cfg),
		"quads", st.Quads, "cors_origins", scfg.corsOrigins, "query_timeout", scfg.queryTimeout,
		"max_body", scfg.maxBody, "writes", scfg.writes.enabled(), "max_concurrent", scfg.maxConcurrent, "max_per_client", scfg.maxPerClient, "memory_limit", mem.String(), "memory_limit_from", mem.source, "max_queued", scfg.maxQueued, "queue_wait", scfg.queueWait, "limits", fmt.Sprintf("%+v", scfg.limits),
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

// addLimitFlags defines the flags that bound GraphQL documents and
// concurrent queries.
func addLimitFlags(fs *flag.FlagSet, scfg *serveConfig) {
	l := &scfg.limits
	fs.IntVar(&l.MaxDepth, "max-depth", schema.DefaultMaxDepth, "GraphQL: deepest nesting of fields, fragments expanded")
	fs.IntVar(&l.MaxAliases, "max-aliases", schema.DefaultMaxAliases, "GraphQL: most aliases in an operation")
	fs.IntVar(&l.MaxRootFields, "max-root-fields", schema.DefaultMaxRootFields, "GraphQL: most fields at an operation's root")
	fs.IntVar(&l.MaxTokens, "max-tokens", schema.DefaultMaxTokens, "GraphQL: most lexical tokens in a document")
	fs.IntVar(&l.MaxDirectives, "max-directives", schema.DefaultMaxDirectives, "GraphQL: most directives in a document")
	fs.IntVar(&l.MaxCost, "max-cost", schema.DefaultMaxCost,
		"GraphQL: highest cost of an operation (a field costs 1 plus its selection,\nwhich counts once per item a first argument asks for)")
	fs.IntVar(&l.MaxIntrospectionCost, "max-introspection-cost", schema.DefaultMaxIntrospectionCost,
		"GraphQL: most values an operation's introspection (__schema, __type) may return,\ncounted on the schema before it runs")
	fs.IntVar(&scfg.maxConcurrent, "max-concurrent", 4*runtime.GOMAXPROCS(0),
		"queries (GraphQL, /api/v1, /api/v2, /export) served at once; more wait (--max-queued, --queue-wait)")
	fs.IntVar(&scfg.maxPerClient, "max-per-client", 0,
		"queries one client (remote address) is served at once, so that others find a slot\nfree however long its queries run (0: three quarters of --max-concurrent, at least 1)")
	fs.IntVar(&scfg.maxQueued, "max-queued", 256,
		"queries that wait for one of --max-concurrent; more get 503 with Retry-After at once (0: none waits)")
	fs.DurationVar(&scfg.queueWait, "queue-wait", 2*time.Second,
		"longest a query waits for one of --max-concurrent before it gets 503 with Retry-After")
	fs.DurationVar(&scfg.bodyTimeout, "body-timeout", 20*time.Second,
		"longest a request body may take to arrive (it is read before the query takes a slot)")
	fs.StringVar(&scfg.memoryLimit, "memory-limit", "",
		"soft memory limit of the process (as GOMEMLIMIT: 2GiB, 512MiB; off for none); queries get 503\nwhile the live heap is over 90% of it (default: GOMEMLIMIT if set, else 3/4 of the machine's memory)")
}

// checkLimitFlags reports a limit flag that is not a positive number.
func checkLimitFlags(scfg serveConfig) error {
	l := scfg.limits
	for _, f := range []struct {
		name string
		v    int
	}{
		{"max-depth", l.MaxDepth}, {"max-aliases", l.MaxAliases}, {"max-root-fields", l.MaxRootFields},
		{"max-tokens", l.MaxTokens}, {"max-directives", l.MaxDirectives}, {"max-cost", l.MaxCost},
		{"max-introspection-cost", l.MaxIntrospectionCost},
		{"max-concurrent", scfg.maxConcurrent},
	} {
		if f.v < 1 {
			return usagef("serve: --%s %d must be at least 1", f.name, f.v)
		}
	}
	if scfg.maxPerClient < 0 {
		return usagef("serve: --max-per-client %d must not be negative", scfg.maxPerClient)
	}
	if scfg.bodyTimeout <= 0 {
		return usagef("serve: --body-timeout %v must be positive", scfg.bodyTimeout)
	}
	if scfg.maxQueued < 0 {
		return usagef("serve: --max-queued %d must not be negative", scfg.maxQueued)
	}
	if scfg.maxQueued > 0 && scfg.queueWait <= 0 {
		return usagef("serve: --queue-wait %v must be positive while --max-queued is %d", scfg.queueWait, scfg.maxQueued)
	}
	if scfg.maxBody < 1 {
		return usagef("serve: --max-body %d must be at least 1", scfg.maxBody)
	}
	if scfg.maxWriteBody < 1 {
		return usagef("serve: --max-write-body %d must be at least 1", scfg.maxWriteBody)
	}
	return nil
}

// registerDocuments registers the document files in dir (none when dir is
// empty) with the store, which refuses a file whose SHA-256 differs from its
// record.
func registerDocuments(ctx context.Context, s *graph.Store, dir string) error {
	if dir == "" {
		return nil
	}
	if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
		return usagef("serve: --documents %s is not a directory", dir)
	}
	if _, err := s.RegisterDocuments(ctx, os.DirFS(dir)); err != nil {
		return fmt.Errorf("serve: --documents %s: %w", dir, err)
	}
	return nil
}
