package web

import (
	"bytes"
	"embed"
	"io/fs"
	"net/http"
	"path"
)

// notebookFiles holds the worked Jupyter notebooks, stored with their
// outputs cleared. cmd/parley's notebook test executes them against the real
// server.
//
//go:embed notebooks/*.ipynb
var notebookFiles embed.FS

// NotebookType is the media type of a Jupyter notebook (nbformat 4 JSON).
const NotebookType = "application/x-ipynb+json"

// notebook is one embedded notebook, read once.
type notebook struct {
	content []byte
	etag    string
}

// notebookHandler serves the embedded notebooks by file name.
type notebookHandler map[string]notebook

// Notebooks returns a handler that offers the embedded Jupyter notebooks for
// download, starting with parley.ipynb: a worked notebook that asks a Parley
// server the seed questions over plain HTTP, tabulates the answers with
// pandas and draws a chart. The request path must be the file name alone, so
// strip the prefix you mount it at:
//
//	mux.Handle("GET /notebooks/", http.StripPrefix("/notebooks/", web.Notebooks()))
//
// Each notebook is served as [NotebookType] with Content-Disposition:
// attachment, so that a browser saves it rather than showing its JSON, and
// with an ETag (Cache-Control: no-cache). Other paths, listings included,
// are 404; methods other than GET and HEAD are 405.
func Notebooks() http.Handler {
	h := notebookHandler{}
	err := fs.WalkDir(notebookFiles, "notebooks", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		content, err := fs.ReadFile(notebookFiles, name)
		if err != nil {
			return err
		}
		h[path.Base(name)] = notebook{content: content, etag: etagOf(content)}
		return nil
	})
	if err != nil {
		panic("web: embedded notebooks missing: " + err.Error()) // cannot happen: the pattern matched at build time
	}
	return h
}

// ServeHTTP handles the "GET /notebooks/{name}" route (under the prefix the
// handler is mounted at).
func (h notebookHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if !allowGetHead(w, r) {
		return
	}
	nb, ok := h[r.URL.Path]
	if !ok {
		http.NotFound(w, r)
		return
	}
	serveFile(w, r, r.URL.Path, bytes.NewReader(nb.content), map[string]string{
		"Content-Type":        NotebookType,
		"Content-Disposition": `attachment; filename="` + r.URL.Path + `"`,
		"Cache-Control":       ownCache,
		"ETag":                nb.etag,
	})
}
