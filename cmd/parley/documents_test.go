package main

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestServeRefusesAlteredDocument checks that "parley serve --documents"
// does not start when a document file differs from its record, and says
// which file and which hashes.
func TestServeRefusesAlteredDocument(t *testing.T) {
	dir := t.TempDir()
	const file = "000_508fa90569225c0e.txt" // the seed document's parley:file
	if err := os.WriteFile(filepath.Join(dir, file), []byte("Not the article.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	getenv := func(string) string { return "" }
	for _, tc := range []struct {
		name, dir string
		want      []string
	}{
		{"AlteredFile", dir, []string{file, "sha256"}},
		{"NotADirectory", filepath.Join(dir, file), []string{"--documents", "not a directory"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			args := []string{"serve", "--store", "memory", "--addr", "127.0.0.1:0", "--documents", tc.dir}
			err := run(context.Background(), args, getenv, strings.NewReader(""), io.Discard, io.Discard)
			if err == nil {
				t.Fatal("serve started")
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not say %q", err, w)
				}
			}
		})
	}
}
