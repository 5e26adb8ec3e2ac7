package gizmo_test

import (
	"context"
	"testing"
	"time"

	"github.com/parley-kg/parley/graph/internal/gizmo"
)

// FuzzGizmo runs arbitrary scripts with a 200 ms deadline. The property: no panic
// (one in the goroutine that runs the VM would end the fuzzer's process) and the
// query returns soon after the deadline. The seed corpus in testdata/fuzz/FuzzGizmo
// holds the crashers: wrongly typed calls, scripts that never end, limit lifters
// and the bombs of limits_test.go.
func FuzzGizmo(f *testing.F) {
	f.Add(`g.V().out({}).all()`)
	qs := mustStore(f, mustParse(f, testData))
	f.Fuzz(func(t *testing.T, qu string) {
		ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
		defer cancel()
		done := make(chan outcome, 1)
		go func() { done <- runQuery(ctx, gizmo.NewSession(qs), qu, 100) }()
		select {
		case out := <-done:
			if len(out.results) > 100 {
				t.Fatalf("%d results, over the limit of 100: %q", len(out.results), qu)
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("query did not return 10 s after its 200 ms deadline: %q", qu)
		}
	})
}
