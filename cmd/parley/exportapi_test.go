package main

import (
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/parley-kg/parley/graph"
)

// stalledWriter is a client that takes the response's headers and then
// stops reading: every Write blocks until release is closed.
type stalledWriter struct {
	header  http.Header
	started chan struct{} // closed at the first Write
	release chan struct{}
	n       int
}

func (w *stalledWriter) Header() http.Header { return w.header }
func (w *stalledWriter) WriteHeader(int)     {}
func (w *stalledWriter) Write(b []byte) (int, error) {
	if w.n == 0 {
		close(w.started)
	}
	w.n += len(b)
	<-w.release
	return len(b), nil
}

// A client that stops reading an export, or Cayley's APIv2 read, holds no
// write back on bolt or memory, where those reads exclude writes while they
// read the store: both are spooled.
func TestStalledClientDoesNotBlockWrites(t *testing.T) {
	routes := []struct {
		name, target string
		handler      func(g *graph.Store) http.Handler
	}{
		{"Export", "/export", func(g *graph.Store) http.Handler {
			return handleExport(slog.New(slog.DiscardHandler), g, newLimiter(limiterConfig{}))
		}},
		{"APIv2Read", "/api/v2/read?format=nquads", func(g *graph.Store) http.Handler {
			return cayleyV2(g, serveConfig{queryLimit: 100, maxBody: 1 << 20})
		}},
	}
	for _, backend := range []string{graph.BackendBolt, graph.BackendMemory} {
		for _, rt := range routes {
			t.Run(backend+"/"+rt.name, func(t *testing.T) {
				g := seededStore(t, graph.Config{Backend: backend, Path: filepath.Join(t.TempDir(), "parley.db")})
				testStalledClient(t, g, rt.handler(g), rt.target)
			})
		}
	}
}

// testStalledClient asks h for target with a client that stops reading at
// the first byte of the body, and then writes to g.
func testStalledClient(t *testing.T, g *graph.Store, h http.Handler, target string) {
	ctx := context.Background()
	srcs, err := g.Sources(ctx)
	if err != nil || len(srcs) == 0 {
		t.Fatalf("seed sources: %d, %v", len(srcs), err)
	}
	w := &stalledWriter{header: http.Header{}, started: make(chan struct{}), release: make(chan struct{})}
	served := make(chan struct{})
	go func() {
		defer close(served)
		h.ServeHTTP(w, httptest.NewRequest("GET", target, nil))
	}()
	defer func() { close(w.release); <-served }()
	select {
	case <-w.started:
	case <-time.After(30 * time.Second):
		t.Fatal("the response wrote nothing")
	}
	const topic = "https://w3id.org/parley/id/test-stalled-topic"
	label := "<" + srcs[0].IRI + ">"
	nq := "<" + topic + "> <" + graph.PredType + "> <" + graph.ClassTopic + "> " + label + " .\n" +
		"<" + topic + "> <" + graph.PredName + "> \"Stalled client test topic\" " + label + " .\n"
	wrote := make(chan error, 1)
	go func() {
		_, err := g.AddQuads(ctx, graph.Change{Author: "test"}, "test.nq", strings.NewReader(nq))
		wrote <- err
	}()
	select {
	case err := <-wrote:
		if err != nil {
			t.Fatalf("write beside a stalled client: %v", err)
		}
	case <-time.After(20 * time.Second):
		t.Fatalf("a write waited 20 s for %s, whose client stopped reading", target)
	}
	if got := w.header.Get("Content-Length"); got == "" || got == "0" {
		t.Errorf("Content-Length %q, want the spooled response's size", got)
	}
}
