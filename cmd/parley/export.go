package main

import (
	"bufio"
	"context"
	"strings"

	"github.com/parley-kg/parley/graph"
)

// runExport implements "parley export".
func runExport(ctx context.Context, args []string, e env) error {
	var cfg storeConfig
	fs := newFlagSet("export", "export [flags]", `  parley export > parley.nq
  parley export --store memory --format jsonld > seed.jsonld
  parley export --format csv > quads.csv
  parley export --table positions > positions.csv
  parley export --table all > parley-tables.zip
`, e.stderr)
	addStoreFlags(fs, &cfg, e.getenv)
	format := fs.String("format", "", "output format: "+strings.Join(graph.ExportFormats(), ", ")+", or zip (every table); default nquads, or csv with --table")
	table := fs.String("table", "", "write one table as CSV: "+strings.Join(graph.TableNames(), ", ")+", or all (a zip of them)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 0 {
		return usagef("export: unexpected arguments %q", fs.Args())
	}
	job, err := exportJobOf(*format, *table)
	if err != nil {
		return usagef("export: %v", err)
	}
	s, err := openStore(ctx, cfg, newLogger(cfg, e.stderr))
	if err != nil {
		return err
	}
	defer s.Close()
	w := bufio.NewWriter(e.stdout)
	if err := job.write(ctx, s, w); err != nil {
		return err
	}
	return w.Flush()
}
