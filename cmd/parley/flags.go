package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"time"

	"github.com/parley-kg/parley/graph"
	"github.com/parley-kg/parley/seed"
)

// defaultDB is the store directory when neither --db nor PARLEY_DB says.
const defaultDB = "parley.db"

// storeConfig is what the store flags say.
type storeConfig struct {
	backend string
	path    string
	noSeed  bool
	logJSON bool
	verbose bool

	// For the SQL backends only.
	maxConns         int
	connectTimeout   time.Duration
	statementTimeout time.Duration
	refresh          time.Duration
}

// addStoreFlags defines the flags every store-opening command shares. Each
// flag's default comes from its PARLEY_* environment variable, then from
// the documented default.
func addStoreFlags(fs *flag.FlagSet, cfg *storeConfig, getenv func(string) string) {
	fs.StringVar(&cfg.backend, "store", envOr(getenv, "PARLEY_STORE", graph.BackendBolt),
		"store backend: "+strings.Join(graph.Backends(), " or ")+" (env PARLEY_STORE)")
	fs.StringVar(&cfg.path, "db", envOr(getenv, "PARLEY_DB", defaultDB),
		"store directory for bolt, or connection URL for postgres:\n"+
			"postgres://user:password@host:5432/database?sslmode=disable (env PARLEY_DB;\n"+
			"prefer the variable, or PGPASSWORD, to a password on the command line)")
	fs.IntVar(&cfg.maxConns, "db-max-conns", graph.DefaultMaxConns,
		"postgres: connections in this process's query pool")
	fs.DurationVar(&cfg.connectTimeout, "db-connect-timeout", graph.DefaultConnectTimeout,
		"postgres: time limit for connecting to the database")
	fs.DurationVar(&cfg.statementTimeout, "db-statement-timeout", graph.DefaultStatementTimeout,
		"postgres: time limit of one SQL statement (the server's statement_timeout)")
	fs.DurationVar(&cfg.refresh, "db-refresh", graph.DefaultRefreshInterval,
		"postgres: how often, at most, to look for other processes' writes\nbefore answering from the name index")
	fs.BoolVar(&cfg.noSeed, "no-seed", false, "do not load the embedded seed into the store")
	fs.BoolVar(&cfg.logJSON, "log-json", false, "write logs as JSON")
	fs.BoolVar(&cfg.verbose, "v", false, "log debug messages")
}

func envOr(getenv func(string) string, key, def string) string {
	if v := getenv(key); v != "" {
		return v
	}
	return def
}

// newLogger returns the logger the store flags ask for, writing to w.
func newLogger(cfg storeConfig, w io.Writer) *slog.Logger {
	opts := &slog.HandlerOptions{Level: slog.LevelInfo}
	if cfg.verbose {
		opts.Level = slog.LevelDebug
	}
	if cfg.logJSON {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}

// openStore opens the store cfg names and, unless cfg.noSeed, makes sure
// the embedded seed is in it (idempotent: a seeded store gains nothing).
func openStore(ctx context.Context, cfg storeConfig, log *slog.Logger) (*graph.Store, error) {
	path := cfg.path
	switch {
	case cfg.backend == graph.BackendMemory:
		path = ""
	case graph.IsSQL(cfg.backend) && path == defaultDB:
		return nil, usagef("--store %s needs --db (or PARLEY_DB) set to a connection URL, such as postgres://user:password@host:5432/parley", cfg.backend)
	}
	s, err := graph.Open(ctx, graph.Config{
		Backend: cfg.backend, Path: path, Logger: log,
		MaxConns: cfg.maxConns, ConnectTimeout: cfg.connectTimeout,
		StatementTimeout: cfg.statementTimeout, RefreshInterval: cfg.refresh,
	})
	if err != nil {
		return nil, err
	}
	if !cfg.noSeed {
		start := time.Now()
		res, err := s.LoadFS(ctx, seed.FS)
		if err != nil {
			s.Close()
			return nil, fmt.Errorf("load seed: %w", err)
		}
		log.DebugContext(ctx, "seed checked", "quads", res.Quads, "added", res.Added, "took", time.Since(start))
	}
	return s, nil
}

// newFlagSet returns a flag set for a subcommand whose usage text prints
// the synopsis, the flags and the examples to w.
func newFlagSet(name, synopsis, examples string, w io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet("parley "+name, flag.ContinueOnError)
	fs.SetOutput(w)
	fs.Usage = func() {
		fmt.Fprintf(w, "Usage: parley %s\n\nFlags:\n", synopsis)
		fs.PrintDefaults()
		fmt.Fprintf(w, "\nExamples:\n%s", examples)
	}
	return fs
}
