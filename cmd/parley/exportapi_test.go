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

// A client that stops reading an export does not hold back writes on bolt,
// where an export excludes them while it reads the store.
func TestExportStalledClientDoesNotBlockWrites(t *testing.T) {
	ctx := context.Background()
	g := seededStore(t, graph.Config{Backend: graph.BackendBolt, Path: filepath.Join(t.TempDir(), "parley.db")})
	srcs, err := g.Sources(ctx)
	if err != nil || len(srcs) == 0 {
		t.Fatalf("seed sources: %d, %v", len(srcs), err)
	}
	w := &stalledWriter{header: http.Header{}, started: make(chan struct{}), release: make(chan struct{})}
	served := make(chan struct{})
	go func() {
		defer close(served)
		handleExport(slog.New(slog.DiscardHandler), g, newLimiter(limiterConfig{})).ServeHTTP(w, httptest.NewRequest("GET", "/export", nil))
	}()
	defer func() { close(w.release); <-served }()
	select {
	case <-w.started:
	case <-time.After(30 * time.Second):
		t.Fatal("the export wrote nothing")
	}
	const topic = "https://w3id.org/parley/id/test-export-topic"
	label := "<" + srcs[0].IRI + ">"
	nq := "<" + topic + "> <" + graph.PredType + "> <" + graph.ClassTopic + "> " + label + " .\n" +
		"<" + topic + "> <" + graph.PredName + "> \"Export test topic\" " + label + " .\n"
	wrote := make(chan error, 1)
	go func() {
		_, err := g.AddQuads(ctx, graph.Change{Author: "test"}, "test.nq", strings.NewReader(nq))
		wrote <- err
	}()
	select {
	case err := <-wrote:
		if err != nil {
			t.Fatalf("write beside a stalled export: %v", err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("a write waited 20 s for an export whose client stopped reading")
	}
	if got := w.header.Get("Content-Length"); got == "" || got == "0" {
		t.Errorf("Content-Length %q, want the spooled export's size", got)
	}
}
