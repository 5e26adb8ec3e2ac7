package main

import (
	"encoding/json"
	"errors"
	"log/slog"
	"mime"
	"net/http"

	"github.com/parley-kg/parley/graph"
	"github.com/parley-kg/parley/graph/authoring"
	"github.com/parley-kg/parley/graph/caller"
)

// handleAdd handles "POST /api/v2/add": a JSON [addRequest] holding an
// authoring file and its document's text. It answers what the add did (or,
// with dryRun, would do), with the readable diff; an authoring file with
// mistakes is a 400 listing each at its line, and changes nothing. The
// author comes from the request's token.
func handleAdd(log *slog.Logger, g *graph.Store, maxBody int64) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type")); err != nil || mt != "application/json" {
			writeJSON(w, http.StatusUnsupportedMediaType, map[string]string{"error": "POST /api/v2/add takes JSON: {\"name\", \"authoring\", \"document\", \"dryRun\"}"})
			return
		}
		var req addRequest
		dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, maxBody))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&req); err != nil {
			if errors.As(err, new(*http.MaxBytesError)) {
				writeErr(log, w, r, maxBody, err)
				return
			}
			writeJSON(w, http.StatusBadRequest, map[string]string{"error": "read the add request: " + err.Error()})
			return
		}
		if req.Name == "" {
			req.Name = "authoring.yaml"
		}
		author, _ := caller.Author(r.Context())
		res, err := addSource(r.Context(), g, graph.Change{Author: author}, req)
		var aerr authoring.Errors
		switch {
		case errors.As(err, &aerr):
			writeJSON(w, http.StatusBadRequest, map[string]any{"error": err.Error(), "errors": aerr})
			return
		case err != nil:
			writeErr(log, w, r, maxBody, err)
			return
		}
		writeJSON(w, http.StatusOK, res)
	})
}
