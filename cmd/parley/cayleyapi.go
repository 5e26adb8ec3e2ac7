package main

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strconv"

	cgraph "github.com/cayleygraph/cayley/graph"
	cayleyhttp "github.com/cayleygraph/cayley/server/http"
	"github.com/parley-kg/parley/graph"
)

// handleCayleyQuery handles the "POST /api/v1/query/{lang}" route: Cayley's
// v1 query API, whose body is the query text. It answers Cayley's shapes,
// {"result": [...]} or {"error": "..."}, and adds "limit" and "truncated",
// since Cayley cuts results silently: ?limit=N raises the limit up to
// graph.MaxQueryLimit. Unlike Cayley's own handler, the query stops when the
// client goes away or its time is up.
func handleCayleyQuery(g *graph.Store, cfg serveConfig) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		lang := r.PathValue("lang")
		limit := cfg.queryLimit
		if v := r.URL.Query().Get("limit"); v != "" {
			n, err := strconv.Atoi(v)
			if err != nil || n < 1 || n > graph.MaxQueryLimit {
				writeJSON(w, http.StatusBadRequest, map[string]string{"error": fmt.Sprintf("limit %q: want a whole number from 1 to %d", v, graph.MaxQueryLimit)})
				return
			}
			limit = n
		}
		body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, cfg.maxBody))
		if err != nil {
			writeJSON(w, http.StatusRequestEntityTooLarge, map[string]string{"error": fmt.Sprintf("query body over %d bytes", cfg.maxBody)})
			return
		}
		res, err := g.Query(r.Context(), lang, string(body), limit)
		if err != nil {
			writeJSON(w, errorStatus(err), map[string]string{"error": err.Error()})
			return
		}
		writeJSON(w, http.StatusOK, map[string]any{"result": res.Results, "limit": res.Limit, "truncated": res.Truncated})
	})
}

// cayleyV2 returns Cayley's own APIv2 (/api/v2/read, formats, query),
// read-only, with the server's query timeout and limit.
func cayleyV2(g *graph.Store, cfg serveConfig) http.Handler {
	api := cayleyhttp.NewAPIv2(&cgraph.Handle{QuadStore: g.QuadStore()})
	api.SetReadOnly(true)
	api.SetQueryTimeout(cfg.queryTimeout)
	api.SetQueryLimit(cfg.queryLimit)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r.Body = http.MaxBytesReader(w, r.Body, cfg.maxBody)
		g.View(func(cgraph.QuadStore) { api.ServeHTTP(w, r) })
	})
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
