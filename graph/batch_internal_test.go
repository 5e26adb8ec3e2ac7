package graph

import (
	"context"
	"slices"
	"testing"

	"github.com/cayleygraph/quad"
)

// TestIntersect checks both ways intersect takes: through a set of the
// smaller list, and through a walk of the sorted one.
func TestIntersect(t *testing.T) {
	tests := []struct {
		name          string
		sorted, other []string
		want          []string
	}{
		{"OtherSmaller", []string{"a", "b", "c", "d", "e"}, []string{"d", "b", "x"}, []string{"b", "d"}},
		{"OtherRepeats", []string{"a", "b", "c", "d"}, []string{"c", "c", "a"}, []string{"a", "c"}},
		{"OtherLarger", []string{"b", "d"}, []string{"e", "d", "c", "b", "a"}, []string{"b", "d"}},
		{"NoneShared", []string{"a", "b"}, []string{"x"}, nil},
		{"OtherEmpty", []string{"a", "b"}, nil, nil},
		{"SortedEmpty", nil, []string{"a"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := intersect(tt.sorted, tt.other); !slices.Equal(got, tt.want) {
				t.Errorf("intersect(%q, %q) = %q, want %q", tt.sorted, tt.other, got, tt.want)
			}
		})
	}
}

// TestScanMatchesEachQuad checks that one batched scan over every node of
// the seed, in both directions and with predicate filters, finds for each
// request the quads that a scan of its own finds, in the same order, on
// every local backend. The seed has more quads than a resolver batch, so
// requests straddle batches.
func TestScanMatchesEachQuad(t *testing.T) {
	ctx := context.Background()
	filters := []struct {
		name string
		f    predFilter
	}{
		{"All", predFilter{}},
		{"Keep", predFilter{keep: []string{PredType, PredHolder, "https://example.org/absent"}}},
		{"Skip", predFilter{skip: []string{PredType, PredSource, PredDocument}}},
	}
	for _, backend := range []string{BackendMemory, BackendBolt} {
		t.Run(backend, func(t *testing.T) {
			s := seededStore(t, backend)
			var reqs []scanReq
			seen := map[quad.Value]bool{}
			err := s.eachAll(ctx, func(q quad.Quad) error {
				for _, v := range []quad.Value{q.Subject, q.Object} {
					if _, ok := v.(quad.IRI); ok && !seen[v] {
						seen[v] = true
						reqs = append(reqs, scanReq{quad.Subject, v}, scanReq{quad.Object, v})
					}
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			reqs = append(reqs, scanReq{quad.Subject, quad.IRI("https://example.org/not-in-the-store")})
			for _, f := range filters {
				t.Run(f.name, func(t *testing.T) {
					got := make([][]quad.Quad, len(reqs))
					total := 0
					err := s.scan(ctx, nil, reqs, f.f, func(i int, q quad.Quad) error {
						got[i] = append(got[i], q)
						total++
						return nil
					})
					if err != nil {
						t.Fatal(err)
					}
					if f.name == "All" && total <= resolveBatch {
						t.Fatalf("the scan found %d quads, no more than one batch of %d", total, resolveBatch)
					} else if total == 0 {
						t.Fatal("the scan found no quads")
					}
					keep := func(q quad.Quad) bool {
						p := iriOf(q.Predicate)
						return !slices.Contains(f.f.skip, p) && (len(f.f.keep) == 0 || slices.Contains(f.f.keep, p))
					}
					for i, r := range reqs {
						var want []quad.Quad
						err := s.eachQuad(ctx, r.dir, r.val, func(q quad.Quad) error {
							if keep(q) {
								want = append(want, q)
							}
							return nil
						})
						if err != nil {
							t.Fatal(err)
						}
						if !slices.Equal(got[i], want) {
							t.Fatalf("%s %v: batched scan found %d quads %v, a scan of its own %d %v", r.dir, r.val, len(got[i]), got[i], len(want), want)
						}
					}
				})
			}
		})
	}
}
