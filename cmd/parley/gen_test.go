package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestGenLoad generates a small graph with "parley gen", then checks it
// with "parley check" and loads it into a bolt store with "parley load".
func TestGenLoad(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	getenv := func(string) string { return "" }
	var out, errs bytes.Buffer
	if err := run(ctx, []string{"gen", "--quads", "3000", "--seed", "5"}, getenv, nil, &out, &errs); err != nil {
		t.Fatalf("gen: %v\n%s", err, errs.String())
	}
	if got, want := strings.Count(out.String(), "\n"), 3000; got != want {
		t.Fatalf("gen wrote %d lines, want %d", got, want)
	}
	file := filepath.Join(dir, "synthetic.nq")
	if err := os.WriteFile(file, out.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	out.Reset()
	if err := run(ctx, []string{"check", file}, getenv, nil, &out, &errs); err != nil {
		t.Fatalf("check: %v\n%s", err, out.String())
	}
	out.Reset()
	args := []string{"load", "--store", "bolt", "--db", filepath.Join(dir, "db"), "--no-seed", file}
	if err := run(ctx, args, getenv, nil, &out, &errs); err != nil {
		t.Fatalf("load: %v\n%s", err, errs.String())
	}
	if got, want := out.String(), "3000 quads read, 3000 new"; !strings.Contains(got, want) {
		t.Fatalf("load printed %q, want %q", got, want)
	}
}

// TestGenUsage checks that gen refuses a size below the minimum.
func TestGenUsage(t *testing.T) {
	var out, errs bytes.Buffer
	err := run(context.Background(), []string{"gen", "--quads", "10"}, func(string) string { return "" }, nil, &out, &errs)
	if _, ok := err.(usageError); !ok {
		t.Fatalf("gen --quads 10: err=%v, want a usage error", err)
	}
}
