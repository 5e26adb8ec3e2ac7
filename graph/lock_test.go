package graph_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/parley-kg/parley/graph"
)

// A Gizmo script that runs long, or never ends, holds no write back: the
// store's lock is held only while a final reads the graph, never while the
// script's own code runs (issue 16). Each write must complete while the
// script is still running.
func TestWritesBesideLongScripts(t *testing.T) {
	alt := `g.V("<` + id + `pokrovsk>").out("<` + graph.PredAlternateName + `>")`
	scripts := []struct{ name, script string }{
		{"EndlessLoop", `while (true) {}`},
		{"ReadsBetweenLoops", `for (;;) { ` + alt + `.toArray(); for (var i = 0; i < 100000; i++) {} }`},
		{"EndlessCallback", alt + `.forEach(function(d) { while (true) {} })`},
		{"AllThenLoop", alt + `.all(); while (true) {}`},
	}
	for _, b := range testBackends(t) {
		for _, sc := range scripts {
			t.Run(b.name+"/"+sc.name, func(t *testing.T) {
				s := b.open(t)
				mustSeed(t, s)
				ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
				defer cancel()
				done := make(chan error, 1)
				go func() {
					_, err := s.Query(ctx, "gizmo", sc.script, 0)
					done <- err
				}()
				time.Sleep(100 * time.Millisecond) // let the script start
				for i := 0; i < 3; i++ {
					body := nq("<"+id+"pokrovsk>", "<"+graph.PredAlternateName+">", fmt.Sprintf(`"beside a script %d"`, i), p18)
					if _, err := s.AddQuads(context.Background(), alice, "body", strings.NewReader(body)); err != nil {
						t.Fatal(err)
					}
					select {
					case err := <-done:
						t.Fatalf("write %d completed only after the script ended (%v)", i, err)
					default:
					}
				}
				cancel()
				if err := <-done; err == nil {
					t.Error("the endless script answered")
				}
			})
		}
	}
}
