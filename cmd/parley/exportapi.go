package main

import (
	"bufio"
	"context"
	"errors"
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
// Every quad keeps its label, so exported facts keep their sources. With
// ?table=NAME (format csv) it is one of the graph's tables instead (see
// [graph.TableNames]), and with ?format=zip or ?table=all a zip of all of
// them.
//
// The export excludes writes while it reads the store, so it is spooled to
// a temporary file first (see spool) and served from there, with
// Content-Length and ranges; a failed export gets a 500 rather than a
// cut-off body. Spooling is heavy, so it takes one of the query slots (see
// limiter) while it runs; sending the spooled file does not.
func handleExport(log *slog.Logger, g *graph.Store, slots *limiter) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		job, err := exportJobOf(r.URL.Query().Get("format"), r.URL.Query().Get("table"))
		if err != nil {
			writeJSON(w, http.StatusBadRequest, map[string]string{"error": err.Error()})
			return
		}
		release, err := slots.acquire(r.Context(), clientOf(r))
		if err != nil {
			slots.refuse(w, err)
			return
		}
		f, err := spool(func(w io.Writer) error { return job.write(r.Context(), g, w) })
		release()
		if err != nil {
			log.ErrorContext(r.Context(), "export failed", "format", job.format, "error", err)
			writeJSON(w, http.StatusInternalServerError, map[string]string{"error": "export failed: " + err.Error()})
			return
		}
		defer closeSpool(f)
		w.Header().Set("Content-Type", job.mediaType)
		w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="%s"`, job.file))
		http.ServeContent(w, r, "", time.Time{}, f)
	})
}

// formatZip is the export format of a zip of every table.
const formatZip = "zip"

// exportJob is one export: what it writes, and how it is served.
type exportJob struct {
	format, mediaType, file string
	write                   func(context.Context, *graph.Store, io.Writer) error
}

// exportJobOf returns the export that format and table ask for, or an
// error saying what is wrong with them. An empty format is N-Quads, or CSV
// with a table.
func exportJobOf(format, table string) (exportJob, error) {
	switch {
	case format == formatZip || table == "all":
		if format != formatZip && format != graph.FormatCSV && format != "" {
			return exportJob{}, fmt.Errorf("table=all is a zip of CSV files: give format=csv or format=zip, not %q", format)
		}
		return exportJob{format: formatZip, mediaType: "application/zip", file: "parley-tables.zip", write: func(ctx context.Context, g *graph.Store, w io.Writer) error { return g.WriteTables(ctx, w) }}, nil
	case table != "":
		if format != graph.FormatCSV && format != "" {
			return exportJob{}, fmt.Errorf("table=%s is CSV: give format=csv, not %q", table, format)
		}
		if !slices.Contains(graph.TableNames(), table) {
			msg := fmt.Sprintf("table %q: want one of %s, or all", table, strings.Join(graph.TableNames(), ", "))
			if near := graph.Nearest(table, graph.TableNames()); len(near) > 0 {
				msg += "; did you mean " + near[0] + "?"
			}
			return exportJob{}, errors.New(msg)
		}
		return exportJob{format: graph.FormatCSV, mediaType: exportTypes[graph.FormatCSV], file: table + ".csv",
			write: func(ctx context.Context, g *graph.Store, w io.Writer) error { return g.WriteTable(ctx, w, table) }}, nil
	}
	if format == "" {
		format = graph.FormatNQuads
	}
	if !slices.Contains(graph.ExportFormats(), format) {
		return exportJob{}, fmt.Errorf("format %q: want one of %s, or %s (every table, zipped)", format, strings.Join(graph.ExportFormats(), ", "), formatZip)
	}
	return exportJob{format: format, mediaType: exportTypes[format], file: "parley." + exportExtensions[format],
		write: func(ctx context.Context, g *graph.Store, w io.Writer) error { return g.Export(ctx, w, format) }}, nil
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
