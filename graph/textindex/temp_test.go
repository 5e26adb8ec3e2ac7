package textindex_test

import (
	"context"
	"fmt"
	"os"
	"testing"
	"time"

	"github.com/parley-kg/parley/graph/textindex"
)

// TestTempIndexMerges writes one document at a time, as a server's users
// do: an index in memory keeps a segment per write, which every search
// reads; a temporary index on disk has them merged, and its directory
// goes when it is closed.
func TestTempIndexMerges(t *testing.T) {
	const writes = 200
	root := t.TempDir()
	t.Setenv("TMPDIR", root) // where NewTemp makes its directory
	mem, err := textindex.NewMemory(textindex.DefaultFields())
	if err != nil {
		t.Fatal(err)
	}
	defer mem.Close()
	tmp, err := textindex.NewTemp(textindex.DefaultFields())
	if err != nil {
		t.Fatal(err)
	}
	for i := range writes {
		d := textindex.Doc{ID: fmt.Sprintf("p%d", i), Text: map[string][]string{"summary": {fmt.Sprintf("Talks on the ceasefire, round %d.", i)}}}
		for _, ix := range []*textindex.Index{mem, tmp} {
			if err := ix.Update([]textindex.Doc{d}, nil, ""); err != nil {
				t.Fatal(err)
			}
		}
	}
	if n := mem.Segments(); n < writes/2 {
		t.Errorf("the index in memory has %d segments after %d writes; want one a write (Bleve does not merge in memory)", n, writes)
	}
	// Merging runs in the background.
	deadline := time.Now().Add(20 * time.Second)
	for tmp.Segments() > writes/4 && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
	}
	if n := tmp.Segments(); n > writes/4 {
		t.Errorf("the temporary index has %d segments after %d writes; want them merged", n, writes)
	}
	hits, err := tmp.Search(context.Background(), textindex.Query{Text: "ceasefire", First: writes + 1})
	if err != nil || len(hits) != writes {
		t.Fatalf("Search(ceasefire) = %d hits, %v; want %d", len(hits), err, writes)
	}
	if entries, err := os.ReadDir(root); err != nil || len(entries) != 1 {
		t.Fatalf("the temporary index's directory in %s: %v, %v; want one", root, entries, err)
	}
	if err := tmp.Close(); err != nil {
		t.Fatal(err)
	}
	if entries, err := os.ReadDir(root); err != nil || len(entries) != 0 {
		t.Errorf("closing the temporary index left %v (%v)", entries, err)
	}
}
