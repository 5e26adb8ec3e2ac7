package graph

import (
	"context"
	"slices"
	"testing"

	"github.com/cayleygraph/quad"
)

// TestPrefixScans checks that a bolt store finds its (subject, predicate)
// and (object, predicate, subject) indexes, that the memory store has none,
// and that a scan that keeps some predicates answers alike with and
// without them.
func TestPrefixScans(t *testing.T) {
	ctx := context.Background()
	bolt, mem := seededStore(t, BackendBolt), seededStore(t, BackendMemory)
	for _, d := range []quad.Direction{quad.Subject, quad.Object} {
		if _, ok := bolt.prefixIndex(d); !ok {
			t.Errorf("bolt has no prefix index for %v", d)
		}
		if _, ok := mem.prefixIndex(d); ok {
			t.Errorf("memory has a prefix index for %v", d)
		}
	}
	russia := []string{IDBase + "russia", IDBase + "ukraine"}
	for _, preds := range [][]string{{PredHolder}, {PredHolder, PredClaimant, PredAttendee}, {PredPartOf}} {
		b, err := bolt.subjectsOfAny(ctx, preds, russia)
		if err != nil {
			t.Fatal(err)
		}
		m, err := mem.subjectsOfAny(ctx, preds, russia)
		if err != nil {
			t.Fatal(err)
		}
		for i := range russia {
			slices.Sort(b[i])
			slices.Sort(m[i])
			if !slices.Equal(b[i], m[i]) || len(m[i]) == 0 && preds[0] == PredHolder {
				t.Errorf("subjects of %v %s: bolt %v, memory %v", preds, russia[i], b[i], m[i])
			}
		}
	}
}
