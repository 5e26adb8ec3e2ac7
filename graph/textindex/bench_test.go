package textindex_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/parley-kg/parley/graph/textindex"
)

// BenchmarkSearchAfterWrites searches an index of 50,000 documents built
// in one batch, after 0 and 2,000 further writes of one document each,
// held in memory and in a temporary directory (NewTemp): in memory, each
// write leaves a segment that every search reads.
//
//	go test -run '^$' -bench SearchAfterWrites ./graph/textindex/
func BenchmarkSearchAfterWrites(b *testing.B) {
	words := []string{"talks", "ceasefire", "security", "guarantees", "troops", "border", "sanctions", "assets", "frozen", "envoy"}
	docs := make([]textindex.Doc, 50000)
	for i := range docs {
		docs[i] = textindex.Doc{ID: fmt.Sprintf("d%d", i), Text: map[string][]string{"summary": {
			fmt.Sprintf("%s %s %s and %s", words[i%10], words[(i/10)%10], words[(i/100)%10], words[(i/7)%10])}}}
	}
	for _, kind := range []struct {
		name string
		open func([]textindex.Field) (*textindex.Index, error)
	}{{"memory", textindex.NewMemory}, {"temp", textindex.NewTemp}} {
		for _, writes := range []int{0, 2000} {
			b.Run(fmt.Sprintf("%s/writes=%d", kind.name, writes), func(b *testing.B) {
				ix, err := kind.open(textindex.DefaultFields())
				if err != nil {
					b.Fatal(err)
				}
				defer ix.Close()
				if err := ix.Update(docs, nil, ""); err != nil {
					b.Fatal(err)
				}
				for i := range writes {
					d := textindex.Doc{ID: fmt.Sprintf("w%d", i), Text: map[string][]string{"summary": {"talks on security"}}}
					if err := ix.Update([]textindex.Doc{d}, nil, ""); err != nil {
						b.Fatal(err)
					}
				}
				for b.Loop() {
					if _, err := ix.Search(context.Background(), textindex.Query{Text: "security talks"}); err != nil {
						b.Fatal(err)
					}
				}
				b.ReportMetric(float64(ix.Segments()), "segments")
			})
		}
	}
}
