package main

import (
	"bufio"
	"context"
	"fmt"

	"github.com/parley-kg/parley/graph/synth"
)

// runGen implements "parley gen": it writes a synthetic news knowledge
// graph in Parley's vocabulary as N-Quads on standard output, for load
// tests and benchmarks (see package synth).
func runGen(_ context.Context, args []string, e env) error {
	fs := newFlagSet("gen", "gen [--quads N] [--seed S] > FILE.nq", `  parley gen --quads 100000 --seed 1 > synthetic.nq
  parley gen --quads 10000 | gzip > small.nq.gz
`, e.stderr)
	quads := fs.Int("quads", 10000, fmt.Sprintf("how many quads to generate (at least %d)", synth.MinQuads))
	seed := fs.Uint64("seed", 1, "the random seed: the same seed and size give the same graph")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("gen: takes no arguments (it writes to standard output)")
	}
	if *quads < synth.MinQuads {
		return usagef("gen: --quads %d is too few: want at least %d", *quads, synth.MinQuads)
	}
	d, err := synth.Generate(synth.Config{Quads: *quads, Seed: *seed})
	if err != nil {
		return err
	}
	w := bufio.NewWriter(e.stdout)
	if _, err := d.WriteTo(w); err != nil {
		return err
	}
	return w.Flush()
}
