package main

import (
	"bufio"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/parley-kg/parley/graph"
)

// exportTypes are the media types of the export formats.
var exportTypes = map[string]string{
	graph.FormatNQuads: "application/n-quads",
	graph.FormatJSONLD: "application/ld+json",
	graph.FormatCSV:    "text/csv; charset=utf-8",
}

// exportExtensions are the file extensions of the export formats.
var exportExtensions = map[string]string{
	graph.FormatNQuads: "nq",
	graph.FormatJSONLD: "jsonld",
	graph.FormatCSV:    "csv",
}

// handleExport handles the "GET /export" route: the whole graph as
// N-Quads (the default), JSON-LD or CSV, chosen with ?format=, as a download.
// Every quad keeps its label, so exported facts keep their sources.
//
// The export excludes writes while it reads the store, so it is spooled to
// a temporary file first (see spool) and served from there, with
// Content-Length and ranges; a failed export gets a 500 rather than a
// cut-off body. Spooling is heavy, so it takes one of the query slots (see
// limiter) while it runs; sending the spooled file does not.
func handleExport(log *slog.Logger, g *graph.Store, slots *limiter) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		format := r.URL.Query().Get("format")
		if format == "" {
			format = graph.FormatNQuads
		}
		if !slices.Contains(graph.ExportFormats(), format) {
			writeJSON(w, http.StatusBadRequest, map[string]string{
				"error": fmt.Sprintf("format %q: want one of %s", format, strings.Join(graph.ExportFormats(), ", ")),
			})
			return
		}
		release, err := slots.acquire(r.Context(), clientOf(r))
		if err != nil {
			slots.refuse(w, err)
			return
		}
		f, err := spool(func(w io.Writer) error { return g.Export(r.Context(), w, format) })
		release()
		if err != nil {
			log.ErrorContext(r.Context(), "export failed", "format", format, "error", err)
			writeJSON(w, http.StatusInternalServerError, map[string]string{"error": "export failed: " + err.Error()})
			return
		}
		defer closeSpool(f)
		w.Header().Set("Content-Type", exportTypes[format])
		w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="parley.%s"`, exportExtensions[format]))
		http.ServeContent(w, r, "", time.Time{}, f)
	})
}

// spool writes what write produces to an unnamed temporary file and returns
// the file, positioned at its start; the caller serves it and then closes
// it with closeSpool. The file is removed from its directory at once where
// the system allows (it lives on until closed), so that a crash leaves
// nothing behind.
//
// Responses that read the store under its lock are spooled: streaming them
// straight to the client made a slow or stalled client hold writes back for
// as long as it liked. It also means that a failed read gets an error
// status rather than a cut-off body.
func spool(write func(io.Writer) error) (*os.File, error) {
	f, err := os.CreateTemp("", "parley-spool-*")
	if err != nil {
		return nil, fmt.Errorf("create spool file: %w", err)
	}
	os.Remove(f.Name())
	bw := bufio.NewWriterSize(f, 64<<10)
	err = write(bw)
	if err == nil {
		err = bw.Flush()
	}
	if err == nil {
		_, err = f.Seek(0, io.SeekStart)
	}
	if err != nil {
		closeSpool(f)
		return nil, err
	}
	return f, nil
}

// closeSpool closes a file spool returned, and removes it where the early
// removal could not be done.
func closeSpool(f *os.File) {
	f.Close()
	os.Remove(f.Name())
}
