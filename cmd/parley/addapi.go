package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"mime"
	"net/http"
	"os"
	"path"
	"strconv"

	"github.com/parley-kg/parley/graph"
	"github.com/parley-kg/parley/graph/authoring"
	"github.com/parley-kg/parley/graph/caller"
	"github.com/parley-kg/parley/graph/doctext"
	"go.yaml.in/yaml/v3"
)

// handleAdd handles "POST /api/v2/add": a JSON [addRequest] holding an
// authoring file and its document's text. It answers what the add did (or,
// with dryRun, would do), with the readable diff; an authoring file with
// mistakes is a 400 listing each at its line, and changes nothing. The
// author comes from the request's token. A request without the document's
// text (the browser's form, which shows only paragraphs) cites the file
// of that name in docsDir, the server's --documents.
func handleAdd(log *slog.Logger, g *graph.Store, maxBody int64, docsDir string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var req addRequest
		if !readAuthoringRequest(log, w, r, maxBody, "POST /api/v2/add takes JSON: {\"name\", \"authoring\", \"document\", \"dryRun\"}", &req, &req.Name) {
			return
		}
		author, _ := caller.Author(r.Context())
		var (
			res addResponse
			err error
		)
		if req.Document == "" {
			req.Document, err = documentFile(r.Context(), g, docsDir, req)
		}
		if err == nil {
			res, err = addSource(r.Context(), g, graph.Change{Author: author}, req)
		}
		if err != nil {
			writeAuthoringErr(w, err, func() { writeErr(log, w, r, maxBody, err) })
			return
		}
		writeJSON(w, http.StatusOK, res)
	})
}

// documentFile reads the text of the document req's authoring file names
// from dir, the server's --documents: a plain file name there, whose
// SHA-256 must be the one the document's record gives, if it has one.
func documentFile(ctx context.Context, g *graph.Store, dir string, req addRequest) (string, error) {
	f, err := authoring.Parse(req.Name, []byte(req.Authoring))
	if err != nil {
		return "", err
	}
	bad := func(format string, args ...any) error {
		return authoring.Errors{{File: req.Name, Line: f.Document.Line, Msg: fmt.Sprintf(format, args...)}}
	}
	switch {
	case dir == "":
		return "", bad("document: the request holds no text, and the server has no --documents directory to read %q from; send the text as \"document\"", f.Document.File)
	case f.Document.File == "" || !fs.ValidPath(f.Document.File) || path.Base(f.Document.File) != f.Document.File:
		return "", bad("document: file %q must be a plain file name in the server's --documents directory", f.Document.File)
	}
	data, err := fs.ReadFile(os.DirFS(dir), f.Document.File)
	if errors.Is(err, fs.ErrNotExist) {
		return "", bad("document: the server's --documents directory has no file %q; send the text as \"document\"", f.Document.File)
	} else if err != nil {
		return "", fmt.Errorf("read document %s: %w", f.Document.File, err)
	}
	iri := f.DocumentIRI()
	recs, err := g.DocumentsByIRI(ctx, []string{iri})
	if err != nil {
		return "", fmt.Errorf("read the record of %s: %w", iri, err)
	}
	if rec := recs[iri]; rec != nil && rec.SHA256 != "" && rec.SHA256 != doctext.Hash(string(data)) {
		return "", bad("document: the file %q in the server's --documents directory is not the text the record <%s> describes (its SHA-256 differs)", f.Document.File, iri)
	}
	return string(data), nil
}

// renderRequest is what "POST /api/v2/authoring" takes: an authoring file,
// in YAML or (the browser's form) in JSON, which is YAML too.
type renderRequest struct {
	Name      string `json:"name"`
	Authoring string `json:"authoring"`
}

// renderResponse is the authoring file as Parley writes it, with the line
// of each key, path by path ("positions.0.holder": 14), so that the form
// can show an error at a line next to the field it comes from.
type renderResponse struct {
	Authoring string         `json:"authoring"`
	Lines     map[string]int `json:"lines"`
}

// handleRender handles "POST /api/v2/authoring": it parses an authoring
// file and writes it back as Parley writes authoring files
// ([authoring.Render]). It reads no store and writes nothing, so it needs
// no token: the form downloads its statements through it.
func handleRender(log *slog.Logger, maxBody int64) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var req renderRequest
		if !readAuthoringRequest(log, w, r, maxBody, "POST /api/v2/authoring takes JSON: {\"name\", \"authoring\"}", &req, &req.Name) {
			return
		}
		f, err := authoring.Parse(req.Name, []byte(req.Authoring))
		var out []byte
		if err == nil {
			out, err = authoring.Render(f)
		}
		if err != nil {
			writeAuthoringErr(w, err, func() { writeJSON(w, http.StatusBadRequest, map[string]string{"error": err.Error()}) })
			return
		}
		lines, err := keyLines(out)
		if err != nil {
			writeJSON(w, http.StatusInternalServerError, map[string]string{"error": err.Error()})
			return
		}
		writeJSON(w, http.StatusOK, renderResponse{Authoring: string(out), Lines: lines})
	})
}

// keyLines maps the path of every key and list item of a YAML file
// ("positions.0.evidence.1") to its line.
func keyLines(data []byte) (map[string]int, error) {
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return nil, fmt.Errorf("read the rendered authoring file: %w", err)
	}
	lines := map[string]int{}
	var walk func(n *yaml.Node, at string)
	walk = func(n *yaml.Node, at string) {
		join := func(k string) string {
			if at == "" {
				return k
			}
			return at + "." + k
		}
		switch n.Kind {
		case yaml.DocumentNode:
			for _, c := range n.Content {
				walk(c, at)
			}
		case yaml.MappingNode:
			for i := 0; i+1 < len(n.Content); i += 2 {
				p := join(n.Content[i].Value)
				lines[p] = n.Content[i].Line
				walk(n.Content[i+1], p)
			}
		case yaml.SequenceNode:
			for i, c := range n.Content {
				p := join(strconv.Itoa(i))
				lines[p] = c.Line
				walk(c, p)
			}
		}
	}
	walk(&root, "")
	return lines, nil
}

// readAuthoringRequest decodes the JSON body of an authoring route into
// req, refusing another media type (with usage, which says what the route
// takes), unknown fields and a body over maxBody, and names the file
// "authoring.yaml" when the request leaves *name empty. It reports whether
// the handler should go on; when not, it has answered.
func readAuthoringRequest(log *slog.Logger, w http.ResponseWriter, r *http.Request, maxBody int64, usage string, req any, name *string) bool {
	if mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type")); err != nil || mt != "application/json" {
		writeJSON(w, http.StatusUnsupportedMediaType, map[string]string{"error": usage})
		return false
	}
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, maxBody))
	dec.DisallowUnknownFields()
	if err := dec.Decode(req); err != nil {
		if errors.As(err, new(*http.MaxBytesError)) {
			writeErr(log, w, r, maxBody, err)
			return false
		}
		writeJSON(w, http.StatusBadRequest, map[string]string{"error": "read the request: " + err.Error()})
		return false
	}
	if *name == "" {
		*name = "authoring.yaml"
	}
	return true
}

// writeAuthoringErr answers err: errors in an authoring file as 400 with
// each error's file, line and field (which the form places next to its
// field), any other error as other says.
func writeAuthoringErr(w http.ResponseWriter, err error, other func()) {
	var aerr authoring.Errors
	if errors.As(err, &aerr) {
		writeJSON(w, http.StatusBadRequest, map[string]any{"error": err.Error(), "errors": aerr})
		return
	}
	other()
}
