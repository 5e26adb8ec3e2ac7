package web_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/parley-kg/parley/web"
)

func TestAssets(t *testing.T) {
	h := web.Assets()
	tests := []struct {
		path, contentType, cache string
	}{
		{"/vendor/graphiql-4.1.2/graphiql.min.js", "text/javascript; charset=utf-8", "public, max-age=31536000, immutable"},
		{"/vendor/graphiql-4.1.2/graphiql.min.css", "text/css; charset=utf-8", "public, max-age=31536000, immutable"},
		{"/vendor/react-18.3.1/react.production.min.js", "text/javascript; charset=utf-8", "public, max-age=31536000, immutable"},
		{"/vendor/react-dom-18.3.1/react-dom.production.min.js", "text/javascript; charset=utf-8", "public, max-age=31536000, immutable"},
		{"/vendor/graphiql-plugin-explorer-4.0.6/index.umd.js", "text/javascript; charset=utf-8", "public, max-age=31536000, immutable"},
		{"/vendor/graphiql-4.1.2/LICENSE", "text/plain; charset=utf-8", "public, max-age=31536000, immutable"},
		{"/vendor/LICENSES.txt", "text/plain; charset=utf-8", "public, max-age=31536000, immutable"},
		{"/playground.js", "text/javascript; charset=utf-8", "no-cache"},
		{"/codegen.js", "text/javascript; charset=utf-8", "no-cache"},
		{"/playground.css", "text/css; charset=utf-8", "no-cache"},
		{"/examples/01-positions-frozen-assets.graphql", "text/plain; charset=utf-8", "no-cache"},
	}
	for _, tc := range tests {
		t.Run(strings.TrimPrefix(tc.path, "/"), func(t *testing.T) {
			rec := serve(h, http.MethodGet, tc.path, nil)
			if got, want := rec.Code, http.StatusOK; got != want {
				t.Fatalf("status=%d, want %d", got, want)
			}
			if got := rec.Header().Get("Content-Type"); got != tc.contentType {
				t.Errorf("Content-Type=%q, want %q", got, tc.contentType)
			}
			if got := rec.Header().Get("Cache-Control"); got != tc.cache {
				t.Errorf("Cache-Control=%q, want %q", got, tc.cache)
			}
			if got, want := rec.Header().Get("X-Content-Type-Options"), "nosniff"; got != want {
				t.Errorf("X-Content-Type-Options=%q, want %q", got, want)
			}
			etag := rec.Header().Get("ETag")
			if etag == "" || rec.Body.Len() == 0 {
				t.Fatalf("ETag=%q, body=%d bytes: want both", etag, rec.Body.Len())
			}
			if got, want := serve(h, http.MethodGet, tc.path, map[string]string{"If-None-Match": etag}).Code, http.StatusNotModified; got != want {
				t.Errorf("If-None-Match: status=%d, want %d", got, want)
			}
		})
	}
}

func TestAssetsErrors(t *testing.T) {
	h := web.Assets()
	tests := []struct {
		name, method, path string
		want               int
	}{
		{"Root", http.MethodGet, "/", http.StatusNotFound},
		{"Directory", http.MethodGet, "/vendor/", http.StatusNotFound},
		{"DirectoryNoSlash", http.MethodGet, "/vendor", http.StatusNotFound},
		{"Missing", http.MethodGet, "/nope.js", http.StatusNotFound},
		{"Template", http.MethodGet, "/templates/playground.html", http.StatusNotFound},
		{"Dotdot", http.MethodGet, "/../web.go", http.StatusNotFound},
		{"Post", http.MethodPost, "/playground.js", http.StatusMethodNotAllowed},
		{"Delete", http.MethodDelete, "/playground.js", http.StatusMethodNotAllowed},
		{"Head", http.MethodHead, "/playground.js", http.StatusOK},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rec := serve(h, tc.method, tc.path, nil)
			if rec.Code != tc.want {
				t.Errorf("%s %s: status=%d, want %d", tc.method, tc.path, rec.Code, tc.want)
			}
			if tc.method == http.MethodHead && rec.Body.Len() != 0 {
				t.Errorf("HEAD: body=%d bytes, want none", rec.Body.Len())
			}
		})
	}
}

// TestAssetsMounted serves the assets as the documentation says to mount
// them, over real HTTP.
func TestAssetsMounted(t *testing.T) {
	mux := http.NewServeMux()
	mux.Handle("GET /assets/", http.StripPrefix("/assets/", web.Assets()))
	ts := httptest.NewServer(mux)
	defer ts.Close()

	res, err := http.Get(ts.URL + "/assets/vendor/react-18.3.1/react.production.min.js")
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	if res.StatusCode != http.StatusOK || !strings.Contains(string(body), "React") {
		t.Errorf("status=%d, %d bytes: want 200 and React", res.StatusCode, len(body))
	}
}
