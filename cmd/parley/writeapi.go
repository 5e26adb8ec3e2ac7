package main

import (
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"mime"
	"net/http"
	"strings"

	"github.com/parley-kg/parley/graph"
	"github.com/parley-kg/parley/graph/caller"
	"github.com/parley-kg/parley/schema"
)

// handleWrite handles "POST /api/v2/write" and, with remove set, "POST
// /api/v2/delete": Cayley's APIv2 write routes, answering Cayley's shape
// ({"result": "...", "count": N}) plus what Parley adds. Unlike Cayley's,
// they take N-Quads only, bound the body before and after gzip, validate
// the whole body against the vocabulary and apply it in one transaction,
// so that a bad line changes nothing. The author comes from the request's
// token (see writeAuth.require).
func handleWrite(log *slog.Logger, g schema.Writer, maxBody int64, remove bool) http.Handler {
	verb, apply := "wrote", g.AddQuads
	if remove {
		verb, apply = "deleted", g.RemoveQuads
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if ct := r.Header.Get("Content-Type"); ct != "" {
			mt, _, err := mime.ParseMediaType(ct)
			if err != nil || (mt != "application/n-quads" && mt != "text/x-nquads" && mt != "text/plain") {
				writeJSON(w, http.StatusUnsupportedMediaType, map[string]string{"error": fmt.Sprintf("content type %q: writes take N-Quads (application/n-quads)", ct)})
				return
			}
		}
		var body io.Reader = http.MaxBytesReader(w, r.Body, maxBody)
		switch enc := strings.ToLower(r.Header.Get("Content-Encoding")); enc {
		case "", "identity":
		case "gzip":
			zr, err := gzip.NewReader(body)
			if err != nil {
				writeJSON(w, http.StatusBadRequest, map[string]string{"error": "read gzip body: " + err.Error()})
				return
			}
			defer zr.Close()
			body = http.MaxBytesReader(w, zr, maxBody) // the inflated body, capped too
		default:
			writeJSON(w, http.StatusUnsupportedMediaType, map[string]string{"error": fmt.Sprintf("content encoding %q: want gzip or none", enc)})
			return
		}
		author, _ := caller.Author(r.Context())
		res, err := apply(r.Context(), graph.Change{Author: author}, "body", body)
		if err != nil {
			writeErr(log, w, r, maxBody, err)
			return
		}
		writeJSON(w, http.StatusOK, map[string]any{
			"result": fmt.Sprintf("Successfully %s %d quads.", verb, res.Changed), "count": res.Changed,
			"quads": res.Quads, "contributions": nonNil(res.Contributions),
		})
	})
}

// writeErr answers a failed write with the status statusTable gives its
// error: 413 for a body over the limit, 400 with every violation for data
// that breaks the vocabulary, 504 or 499 for a write whose time ran out or
// whose client left, and a logged 500 for anything else.
func writeErr(log *slog.Logger, w http.ResponseWriter, r *http.Request, maxBody int64, err error) {
	status, msg := errorStatus(err), err.Error()
	switch {
	case status == http.StatusRequestEntityTooLarge:
		msg = fmt.Sprintf("write body over %d bytes (--max-write-body); nothing was changed", maxBody)
	case status == http.StatusBadRequest:
	case r.Context().Err() != nil:
		status, msg = errorStatus(context.Cause(r.Context())), "write stopped, nothing was changed: "+context.Cause(r.Context()).Error()
	default:
		log.ErrorContext(r.Context(), "write failed", "err", err)
		status, msg = http.StatusInternalServerError, "internal error; nothing was changed"
	}
	body := map[string]any{"error": msg}
	if ve := (*graph.ViolationsError)(nil); errors.As(err, &ve) {
		body["violations"] = ve.Violations
	}
	writeJSON(w, status, body)
}

// handleNodeDelete answers Cayley's "POST /api/v2/node/delete", which
// Parley does not offer: removing a node must say which quads go.
func handleNodeDelete() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusNotImplemented, map[string]string{"error": "node deletion is not offered: POST the node's quads to /api/v2/delete (parley export lists them)"})
	})
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
