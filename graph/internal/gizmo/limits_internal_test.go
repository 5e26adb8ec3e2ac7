package gizmo

import (
	"context"
	"errors"
	"testing"

	cgraph "github.com/cayleygraph/cayley/graph"
	_ "github.com/cayleygraph/cayley/graph/memstore"
	"github.com/cayleygraph/cayley/query"
)

// TestStaleInterrupt checks that an interrupt that arrives after a run has ended
// does not stop the next query of the session.
func TestStaleInterrupt(t *testing.T) {
	qs, err := cgraph.NewQuadStore("memstore", "", nil)
	if err != nil {
		t.Fatal(err)
	}
	s := NewSession(qs)
	s.interrupt(errors.New("stale"))
	it, err := s.Execute(context.Background(), `g.emit(1)`, query.Options{Collation: query.JSON})
	if err != nil {
		t.Fatal(err)
	}
	defer it.Close()
	if !it.Next(context.Background()) {
		t.Fatalf("no result: %v", it.Err())
	}
	if got := it.Result(); got != int64(1) {
		t.Fatalf("result=%v, want 1", got)
	}
}

// TestBrokenVM checks that a session rebuilds a VM that a Go panic escaped from.
func TestBrokenVM(t *testing.T) {
	qs, err := cgraph.NewQuadStore("memstore", "", nil)
	if err != nil {
		t.Fatal(err)
	}
	s := NewSession(qs)
	s.vm.Set("boom", func() { panic("boom") }) // a Go panic inside a native call
	it, err := s.Execute(context.Background(), `boom()`, query.Options{Collation: query.JSON})
	if err != nil {
		t.Fatal(err)
	}
	if it.Next(context.Background()) || it.Err() == nil {
		t.Fatalf("err=%v, want the panic as an error", it.Err())
	}
	it.Close()
	if !s.broken {
		t.Fatal("session not marked broken")
	}
	it, err = s.Execute(context.Background(), `g.emit(typeof boom)`, query.Options{Collation: query.JSON})
	if err != nil {
		t.Fatal(err)
	}
	defer it.Close()
	if !it.Next(context.Background()) || it.Result() != "undefined" {
		t.Fatalf("result=%v err=%v, want a fresh VM", it.Result(), it.Err())
	}
}

// TestCloseWaitsForTheScript checks that Close returns only once the
// script's goroutine has ended, so that no read of the store outlives the
// caller's lock on it (or the store itself).
func TestCloseWaitsForTheScript(t *testing.T) {
	qs, err := cgraph.NewQuadStore("memstore", "", nil)
	if err != nil {
		t.Fatal(err)
	}
	s := NewSession(qs)
	for range 50 {
		it, err := s.Execute(context.Background(), `for (var i = 0; ; i++) { g.emit(i) }`, query.Options{Collation: query.JSON})
		if err != nil {
			t.Fatal(err)
		}
		if !it.Next(context.Background()) {
			t.Fatalf("no result: %v", it.Err())
		}
		it.Close()
		select {
		case <-it.(*results).done:
		default:
			t.Fatal("Close returned while the script's goroutine still ran")
		}
	}
}
