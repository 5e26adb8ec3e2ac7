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
`, e.stderr)
	addStoreFlags(fs, &cfg, e.getenv)
	format := fs.String("format", graph.FormatNQuads, "output format: "+strings.Join(graph.ExportFormats(), ", "))
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 0 {
		return usagef("export: unexpected arguments %q", fs.Args())
	}
	s, err := openStore(ctx, cfg, newLogger(cfg, e.stderr))
	if err != nil {
		return err
	}
	defer s.Close()
	w := bufio.NewWriter(e.stdout)
	if err := s.Export(ctx, w, *format); err != nil {
		return err
	}
	return w.Flush()
}
