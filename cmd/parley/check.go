package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/parley-kg/parley/graph"
	"github.com/parley-kg/parley/seed"
)

// maxReported is how many violations check prints before summing up.
const maxReported = 50

// runCheck implements "parley check [FILE...]": it validates N-Quads files
// (by default the embedded seed) against the vocabulary, all files together
// so that references between them resolve.
func runCheck(ctx context.Context, args []string, e env) error {
	fs := newFlagSet("check", "check [FILE...]", `  parley check
  parley check seed/*.nq
`, e.stderr)
	if err := parseFlags(fs, args); err != nil {
		return err
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
