package main

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"time"

	cgraph "github.com/cayleygraph/cayley/graph"
	cayleyhttp "github.com/cayleygraph/cayley/server/http"
	"github.com/parley-kg/parley/graph"
)

// handleCayleyQuery handles the "POST /api/v1/query/{lang}" route, Cayley's
// v1 query API, whose body is the query text, and "/api/v2/query?lang=",
// Cayley's APIv2, whose query is the body of a POST or the qu parameter of
// a GET. It answers Cayley's shapes, {"result": [...]} or {"error": "..."},
// and adds "limit" and "truncated", since Cayley cuts results silently:
// ?limit=N raises the limit up to graph.MaxQueryLimit. Unlike Cayley's own
// handlers, the query stops when the client goes away or its time is up,
// and it runs through [graph.Store.Query], which holds the store's lock
// only while it reads the graph, never while a user's program runs.
func handleCayleyQuery(g *graph.Store, cfg serveConfig) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		lang := r.PathValue("lang")
		if lang == "" {
			lang = r.URL.Query().Get("lang")
		}
		limit := cfg.queryLimit
		if v := r.URL.Query().Get("limit"); v != "" {
			n, err := strconv.Atoi(v)
			if err != nil || n < 1 || n > graph.MaxQueryLimit {
				writeJSON(w, http.StatusBadRequest, map[string]string{"error": fmt.Sprintf("limit %q: want a whole number from 1 to %d", v, graph.MaxQueryLimit)})
				return
			}
			limit = n
		}
		text := r.URL.Query().Get("qu")
		if r.Method != http.MethodGet {
			body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, cfg.maxBody))
			if err != nil {
				writeJSON(w, http.StatusRequestEntityTooLarge, map[string]string{"error": fmt.Sprintf("query body over %d bytes", cfg.maxBody)})
				return
			}
			text = string(body)
		}
		res, err := g.Query(r.Context(), lang, text, limit)
		if err != nil {
			writeJSON(w, errorStatus(err), map[string]string{"error": err.Error()})
			return
		}
		out := map[string]any{"result": res.Results, "limit": res.Limit, "truncated": res.Truncated}
		if len(res.Warnings) > 0 {
			out["warnings"] = res.Warnings
		}
		writeJSON(w, http.StatusOK, out)
	})
}

// cayleyV2 serves Cayley's APIv2, read-only: /api/v2/query through
// handleCayleyQuery, /api/v2/read spooled (see handleCayleyRead), and the
// rest (formats) with Cayley's own handler.
func cayleyV2(g *graph.Store, cfg serveConfig) http.Handler {
	api := cayleyhttp.NewAPIv2(&cgraph.Handle{QuadStore: g.QuadStore()})
	api.SetReadOnly(true)
	mux := http.NewServeMux()
	mux.Handle("GET /api/v2/query", handleCayleyQuery(g, cfg))
	mux.Handle("POST /api/v2/query", handleCayleyQuery(g, cfg))
	mux.Handle("/api/v2/read", handleCayleyRead(g, api))
	mux.Handle("/api/v2/", api)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r.Body = http.MaxBytesReader(w, r.Body, cfg.maxBody)
		mux.ServeHTTP(w, r)
	})
}

// handleCayleyRead handles the "/api/v2/read" route with Cayley's APIv2
// handler api: the quads that match ?sub=, pred=, obj= and label=, in the
// format asked for. Cayley's handler writes them as it reads the store,
// which it must do under the store's lock; so it writes them to a spool
// file (see spool), and the client is served from that after the lock is
// released, as an export is.
func handleCayleyRead(g *graph.Store, api http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec := &spoolResponse{header: http.Header{}, status: http.StatusOK}
		f, err := spool(func(out io.Writer) error {
			rec.body = out
			g.View(func(cgraph.QuadStore) { api.ServeHTTP(rec, r) })
			return rec.err
		})
		if err != nil {
			writeJSON(w, http.StatusInternalServerError, map[string]string{"error": "read quads: " + err.Error()})
			return
		}
		defer closeSpool(f)
		for k, v := range rec.header {
			w.Header()[k] = v
		}
		if rec.status != http.StatusOK {
			w.WriteHeader(rec.status)
			io.Copy(w, f)
			return
		}
		http.ServeContent(w, r, "", time.Time{}, f)
	})
}

// spoolResponse is an http.ResponseWriter that keeps the headers and status
// of a response and writes its body to body.
type spoolResponse struct {
	header http.Header
	status int
	wrote  bool // the status is set
	body   io.Writer
	err    error // of the first failed write to body
}

func (s *spoolResponse) Header() http.Header { return s.header }

func (s *spoolResponse) WriteHeader(status int) {
	if !s.wrote {
		s.status, s.wrote = status, true
	}
}

func (s *spoolResponse) Write(b []byte) (int, error) {
	s.wrote = true
	if s.err != nil {
		return 0, s.err
	}
	n, err := s.body.Write(b)
	s.err = err
	return n, err
}

// handleHealthz handles the "GET /healthz" route: 200 with the store's size
// while the store answers.
func handleHealthz(g *graph.Store) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		st, err := g.Stats(r.Context())
		if err != nil {
			writeJSON(w, http.StatusServiceUnavailable, map[string]string{"status": "unavailable", "error": err.Error()})
			return
		}
		writeJSON(w, http.StatusOK, map[string]any{"status": "ok", "backend": g.Backend(), "quads": st.Quads})
	})
}

// writeJSON writes v as a JSON response with the given status.
func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.Encode(v)
}
