package web

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"io"
	"net/http"
	"time"
)

// files holds the page templates and the static assets. Only assets/ is
// served as it is, by [Assets]; templates/ is rendered by [Playground].
//
//go:embed assets templates
var files embed.FS

// allowGetHead answers 405 Method Not Allowed to any method but GET and HEAD,
// and reports whether the request may go on.
func allowGetHead(w http.ResponseWriter, r *http.Request) bool {
	if r.Method == http.MethodGet || r.Method == http.MethodHead {
		return true
	}
	w.Header().Set("Allow", "GET, HEAD")
	http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
	return false
}

// etagOf returns a strong entity tag for content.
func etagOf(content []byte) string {
	sum := sha256.Sum256(content)
	return `"` + hex.EncodeToString(sum[:12]) + `"`
}

// serveFile writes one file with the given headers. http.ServeContent
// answers HEAD, ranges and If-None-Match against the ETag.
func serveFile(w http.ResponseWriter, r *http.Request, name string, content io.ReadSeeker, header map[string]string) {
	h := w.Header()
	for k, v := range header {
		h.Set(k, v)
	}
	h.Set("X-Content-Type-Options", "nosniff")
	http.ServeContent(w, r, name, time.Time{}, content)
}
