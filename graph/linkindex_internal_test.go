package graph

import (
	"context"
	"slices"
	"testing"

	"github.com/cayleygraph/quad"
)

// TestLinksToMatchesScan checks that linksTo finds, for each object, the
// quads of the kept predicates that a scan of the object index finds, in
// the same order, on every local backend. On the memory store it takes
// both of its ways: asked for every node of the seed at once, the objects'
// in-links outnumber the broader (or affiliation) links, and it walks the
// predicates' indexes; asked for one node, it reads that node's in-links.
func TestLinksToMatchesScan(t *testing.T) {
	ctx := context.Background()
	predSets := [][]string{
		{PredBroader},
		append(slices.Clone(affiliationLinks), PredOf),
		{PredHolder, PredSpeaker},
		{"https://example.org/absent"},
	}
	for _, backend := range []string{BackendMemory, BackendBolt} {
		t.Run(backend, func(t *testing.T) {
			s := seededStore(t, backend)
			var objs []string
			seen := map[string]bool{}
			err := s.eachAll(ctx, func(q quad.Quad) error {
				if o := iriOf(q.Object); o != "" && !seen[o] {
					seen[o] = true
					objs = append(objs, o)
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			objs = append(objs, "https://example.org/not-in-the-store")
			sets := [][]string{objs}
			for _, o := range objs {
				sets = append(sets, []string{o})
			}
			for _, preds := range predSets {
				total := 0
				for _, set := range sets {
					got, want := make([][]quad.Quad, len(set)), make([][]quad.Quad, len(set))
					if err := s.linksTo(ctx, preds, set, func(i int, q quad.Quad) error {
						got[i] = append(got[i], q)
						return nil
					}); err != nil {
						t.Fatal(err)
					}
					reqs := make([]scanReq, len(set))
					for i, o := range set {
						reqs[i] = scanReq{quad.Object, quad.IRI(o)}
					}
					if err := s.scan(ctx, nil, reqs, predFilter{keep: preds}, func(i int, q quad.Quad) error {
						want[i] = append(want[i], q)
						return nil
					}); err != nil {
						t.Fatal(err)
					}
					for i := range set {
						total += len(got[i])
						if !slices.Equal(got[i], want[i]) {
							t.Errorf("%v of %s (one of %d): got %d quads %v, want %d %v", preds, set[i], len(set), len(got[i]), got[i], len(want[i]), want[i])
						}
					}
				}
				if preds[0] != "https://example.org/absent" && total == 0 {
					t.Errorf("%v: no links found: the test checks nothing", preds)
				}
			}
		})
	}
}
