package web

import (
	"io"
	"io/fs"
	"net/http"
	"path"
	"strings"
)

// vendorCache is the Cache-Control of the vendored files: their paths name
// their versions (vendor/graphiql-4.1.2/...), so a path never changes content.
const vendorCache = "public, max-age=31536000, immutable"

// ownCache is the Cache-Control of Parley's own files, which change with
// Parley: browsers keep them but check the ETag first.
const ownCache = "no-cache"

// contentTypes maps the extensions of the embedded files to their media
// types, fixed here so that they do not depend on the host's mime tables.
var contentTypes = map[string]string{
	".css":     "text/css; charset=utf-8",
	".graphql": "text/plain; charset=utf-8",
	".html":    "text/html; charset=utf-8",
	".js":      "text/javascript; charset=utf-8",
	".json":    "application/json",
	".png":     "image/png",
	".svg":     "image/svg+xml",
	".txt":     "text/plain; charset=utf-8",
}

// contentType returns the media type of the file name; the files without an
// extension are licence texts.
func contentType(name string) string {
	ext := path.Ext(name)
	if ext == "" {
		return "text/plain; charset=utf-8"
	}
	if t, ok := contentTypes[ext]; ok {
		return t
	}
	return "application/octet-stream"
}

// assetHandler serves the regular files of fsys, each with its ETag.
type assetHandler struct {
	fsys  fs.FS
	etags map[string]string // slash-separated path → ETag, regular files only
}

// Assets returns a handler for the embedded static files: the vendored
// GraphiQL and React builds under vendor/, the playground's own script and
// style, and the example queries under examples/. The request path must be
// relative to the root of the assets, so strip the prefix you mount it at:
//
//	mux.Handle("GET /assets/", http.StripPrefix("/assets/", web.Assets()))
//
// Each file has a fixed Content-Type, an ETag and X-Content-Type-Options:
// nosniff. Files under vendor/ are cached for a year as immutable; the others
// are revalidated with their ETag (Cache-Control: no-cache). Directories and
// unknown paths are 404 (there are no listings), and methods other than GET
// and HEAD are 405.
func Assets() http.Handler {
	sub, err := fs.Sub(files, "assets")
	if err != nil {
		panic("web: embedded assets missing: " + err.Error()) // cannot happen: assets/ is embedded
	}
	h := &assetHandler{fsys: sub, etags: map[string]string{}}
	err = fs.WalkDir(sub, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		content, err := fs.ReadFile(sub, name)
		if err != nil {
			return err
		}
		h.etags[name] = etagOf(content)
		return nil
	})
	if err != nil {
		panic("web: read embedded assets: " + err.Error()) // cannot happen: embed.FS reads from memory
	}
	return h
}

// ServeHTTP serves the asset named by the request path.
func (h *assetHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if !allowGetHead(w, r) {
		return
	}
	name := strings.TrimPrefix(r.URL.Path, "/")
	etag, ok := h.etags[name]
	if !ok {
		http.NotFound(w, r)
		return
	}
	f, err := h.fsys.Open(name)
	if err != nil {
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	defer f.Close()
	cache := ownCache
	if strings.HasPrefix(name, "vendor/") {
		cache = vendorCache
	}
	// Files of an embed.FS are io.ReadSeekers.
	serveFile(w, r, name, f.(io.ReadSeeker), map[string]string{
		"Content-Type":  contentType(name),
		"Cache-Control": cache,
		"ETag":          etag,
	})
}
