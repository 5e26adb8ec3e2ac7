package main

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestLoadValidatesUnlessTrusted loads a file that breaks the vocabulary (a
// topic that is a city): refused with its line and nothing
// written, unless --trusted.
func TestLoadValidatesUnlessTrusted(t *testing.T) {
	dir := t.TempDir()
	db, file := filepath.Join(dir, "parley.db"), filepath.Join(dir, "bad.nq")
	const p = "<https://w3id.org/parley/source/000_508fa90569225c0e/p18>"
	bad := "<https://w3id.org/parley/id/claim/russia-captured-pokrovsk> <https://schema.org/alternateName> \"Capture claim\" " + p + " .\n" +
		"<https://w3id.org/parley/id/claim/russia-captured-pokrovsk> <https://w3id.org/parley/vocab#topic> <https://w3id.org/parley/id/pokrovsk> " + p + " .\n"
	if err := os.WriteFile(file, []byte(bad), 0o644); err != nil {
		t.Fatal(err)
	}
	getenv := func(string) string { return "" }
	count := func() string {
		var out bytes.Buffer
		if err := run(context.Background(), []string{"query", "--db", db, "--lang", "gizmo",
			`g.V().Has("<https://schema.org/alternateName>", "Capture claim").All()`}, getenv, nil, &out, io.Discard); err != nil {
			t.Fatal(err)
		}
		return out.String()
	}
	err := run(context.Background(), []string{"load", "--db", db, file}, getenv, nil, io.Discard, io.Discard)
	if err == nil || !strings.Contains(err.Error(), "bad.nq:2") {
		t.Fatalf("loading a file that breaks the vocabulary: %v; want an error at bad.nq:2", err)
	}
	if strings.Contains(count(), "russia-captured-pokrovsk") {
		t.Fatal("the refused load wrote its first line")
	}
	if err := run(context.Background(), []string{"load", "--trusted", "--db", db, file}, getenv, nil, io.Discard, io.Discard); err != nil {
		t.Fatalf("--trusted: %v", err)
	}
	if !strings.Contains(count(), "russia-captured-pokrovsk") {
		t.Fatal("--trusted did not write the file")
	}
}
