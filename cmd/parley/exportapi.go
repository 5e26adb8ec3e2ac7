package main

import (
	"bufio"
	"fmt"
	"log/slog"
	"net/http"
	"slices"
	"strings"

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
func handleExport(log *slog.Logger, g *graph.Store) http.Handler {
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
		w.Header().Set("Content-Type", exportTypes[format])
		w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="parley.%s"`, exportExtensions[format]))
		bw := bufio.NewWriter(w)
		if err := g.Export(r.Context(), bw, format); err != nil {
			// The status line is gone by now; the log says what happened.
			log.ErrorContext(r.Context(), "export failed", "format", format, "error", err)
			return
		}
		bw.Flush()
	})
}
