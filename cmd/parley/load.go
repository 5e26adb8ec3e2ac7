package main

import (
	"context"
	"fmt"
	"os"
	"strings"

	"github.com/parley-kg/parley/graph"
)

// runLoad implements "parley load FILE...".
func runLoad(ctx context.Context, args []string, e env) error {
	var (
		cfg               storeConfig
		server, tokenFile string
		trusted           bool
	)
	fs := newFlagSet("load", "load [flags] FILE...", `  parley load more.nq
  parley load --db /srv/parley.db 2025-12-*.nq.gz
  PARLEY_WRITE_TOKEN=… parley load --server http://127.0.0.1:8080 additions.nq
`, e.stderr)
	addStoreFlags(fs, &cfg, e.getenv)
	fs.StringVar(&server, "server", "", "write through a running parley serve at this URL (its /api/v2/write, validated\nagainst the vocabulary) instead of opening the store")
	fs.BoolVar(&trusted, "trusted", false, "skip validating the files against the vocabulary (a bulk import that\n`parley check` has passed); without it a file that breaks the vocabulary writes nothing")
	fs.StringVar(&tokenFile, "token-file", "", "with --server: file holding the write token (else env PARLEY_WRITE_TOKEN)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return usagef("load: name at least one N-Quads file")
	}
	if server != "" {
		rl, err := newRemoteLoad(server, tokenFile, e.getenv("PARLEY_WRITE_TOKEN"))
		if err != nil {
			return err
		}
		for _, name := range fs.Args() {
			res, err := rl.load(ctx, name)
			if err != nil {
				return fmt.Errorf("load %s (nothing of it was written): %w", name, err)
			}
			fmt.Fprintf(e.stdout, "%s: %d quads sent, %d new, labelled %s\n", name, res.Quads, res.Count, strings.Join(res.Contributions, ", "))
		}
		return nil
	}
	log := newLogger(cfg, e.stderr)
	s, err := openStore(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer s.Close()
	for _, name := range fs.Args() {
		res, err := loadFile(ctx, s, name, trusted)
		if err != nil {
			return fmt.Errorf("load %s (nothing of it was written): %w", name, err)
		}
		fmt.Fprintf(e.stdout, "%s: %d quads read, %d new\n", name, res.Quads, res.Added)
	}
	return nil
}

func loadFile(ctx context.Context, s *graph.Store, name string, trusted bool) (graph.LoadResult, error) {
	f, err := os.Open(name)
	if err != nil {
		return graph.LoadResult{}, err
	}
	defer f.Close()
	if trusted {
		return s.Load(ctx, name, f)
	}
	return s.LoadChecked(ctx, name, f)
}
