package main

import (
	"context"
	"fmt"
	"os"

	"github.com/parley-kg/parley/graph"
)

// runLoad implements "parley load FILE...".
func runLoad(ctx context.Context, args []string, e env) error {
	var cfg storeConfig
	fs := newFlagSet("load", "load [flags] FILE...", `  parley load more.nq
  parley load --db /srv/parley.db 2025-12-*.nq.gz
`, e.stderr)
	addStoreFlags(fs, &cfg, e.getenv)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return usagef("load: name at least one N-Quads file")
	}
	log := newLogger(cfg, e.stderr)
	s, err := openStore(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer s.Close()
	for _, name := range fs.Args() {
		res, err := loadFile(ctx, s, name)
		if err != nil {
			return fmt.Errorf("load %s (nothing of it was written): %w", name, err)
		}
		fmt.Fprintf(e.stdout, "%s: %d quads read, %d new\n", name, res.Quads, res.Added)
	}
	return nil
}

func loadFile(ctx context.Context, s *graph.Store, name string) (graph.LoadResult, error) {
	f, err := os.Open(name)
	if err != nil {
		return graph.LoadResult{}, err
	}
	defer f.Close()
	return s.Load(ctx, name, f)
}
