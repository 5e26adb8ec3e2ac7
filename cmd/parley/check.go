package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/parley-kg/parley/graph"
	"github.com/parley-kg/parley/seed"
)

// maxReported is how many violations check prints before summing up.
const maxReported = 50

// runCheck implements "parley check [FILE...]": it validates N-Quads files
// (by default the embedded seed) against the vocabulary, all files together
// so that references between them resolve. With --db (or --store) it checks
// a store instead, as its export reads back.
func runCheck(ctx context.Context, args []string, e env) error {
	var cfg storeConfig
	fs := newFlagSet("check", "check [FILE...] | check --db PATH | check --store postgres --db URL", `  parley check
  parley check seed/*.nq
  parley check --db /srv/parley.db
  parley check --store postgres --db postgres://parley@db.example.org/parley
`, e.stderr)
	addStoreFlags(fs, &cfg, e.getenv)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	store := false
	fs.Visit(func(f *flag.Flag) { store = store || f.Name == "db" || f.Name == "store" })
	if store {
		if fs.NArg() != 0 {
			return usagef("check: give FILEs or --db, not both")
		}
		return checkStore(ctx, cfg, e)
	}
	var (
		stmts []graph.Statement
		what  = "embedded seed"
	)
	if fs.NArg() == 0 {
		var err error
		if stmts, err = graph.ReadFS(seed.FS); err != nil {
			return err
		}
	}
	for _, name := range fs.Args() {
		f, err := os.Open(name)
		if err != nil {
			return err
		}
		s, err := graph.ParseStatements(name, f)
		f.Close()
		if err != nil {
			return err
		}
		stmts = append(stmts, s...)
		what = fmt.Sprintf("%d files", fs.NArg())
		if fs.NArg() == 1 {
			what = filepath.Base(name)
		}
	}
	return report(e, what, stmts)
}

// checkStore checks what a store holds, read back from its N-Quads export
// as a restore would read it: a quad its export cannot load is an error
// naming the export's line, and violations name the export's lines and
// their subjects. The store is not changed (the seed is not loaded).
func checkStore(ctx context.Context, cfg storeConfig, e env) error {
	if cfg.backend == graph.BackendMemory {
		return usagef("check: --store memory holds nothing to check; give --db PATH (bolt) or --store postgres --db URL")
	}
	if cfg.backend == graph.BackendBolt {
		if _, err := os.Stat(cfg.path); err != nil {
			return fmt.Errorf("check: no store to check: %w", err)
		}
	}
	cfg.noSeed = true
	s, err := openStore(ctx, cfg, newLogger(cfg, e.stderr))
	if err != nil {
		return err
	}
	defer s.Close()
	f, err := spool(func(w io.Writer) error { return s.Export(ctx, w, graph.FormatNQuads) })
	if err != nil {
		return fmt.Errorf("check store %s: %w", dbLabel(cfg), err)
	}
	defer f.Close()
	what := "store " + dbLabel(cfg)
	stmts, err := graph.ParseStatements(what+" export", f)
	if err != nil {
		return fmt.Errorf("check %s: its export could not be loaded again: %w", what, err)
	}
	return report(e, what, stmts)
}

// report prints the violations of stmts, what they were read from, and
// returns an error when there are any.
func report(e env, what string, stmts []graph.Statement) error {
	vs := graph.Check(stmts)
	for i, v := range vs {
		if i == maxReported {
			fmt.Fprintf(e.stdout, "… and %d more\n", len(vs)-maxReported)
			break
		}
		fmt.Fprintln(e.stdout, v.Error())
	}
	if len(vs) > 0 {
		return fmt.Errorf("check %s: %d violations of the vocabulary", what, len(vs))
	}
	fmt.Fprintf(e.stdout, "%s: %d quads, no violations\n", what, len(stmts))
	return nil
}
