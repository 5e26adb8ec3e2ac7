package web_test

import (
	"io/fs"
	"net/http"
	"net/http/httptest"
	"path"
	"regexp"
	"strings"
	"testing"

	"github.com/parley-kg/parley/web"
)

// remote matches the start of a URL on another host: http://, https://,
// ws://, wss:// or protocol-relative //host.
const remote = `(?:(?:https?|wss?):)?//[\w\[]`

// q matches an optional quote: HTML and CSS values may be unquoted.
const q = `["'` + "`" + `]?\s*`

// loads are the ways a page makes the browser fetch a URL by itself, while
// it loads or runs. Each pattern ends where a remote URL must start. A URL
// that a person may follow (<a href>), a namespace (createElementNS's
// "http://www.w3.org/2000/svg"), and URLs in comments or error messages are
// not loads, so they are not matched.
var loads = []struct {
	name string
	re   *regexp.Regexp
}{
	{"src/poster/data attribute", regexp.MustCompile(`(?i)\b(?:src|srcset|poster|data)\s*=\s*` + q + remote)},
	{"srcset attribute", regexp.MustCompile(`(?i)\bsrcset\s*=\s*["'][^"'>]*?[\s,]` + remote)},
	{"src property", regexp.MustCompile(`\bsrc\s*:\s*["'` + "`" + `]` + remote)},
	{"<link href>", regexp.MustCompile(`(?is)<link\b[^>]*?\bhref\s*=\s*` + q + remote)},
	{"<base href>", regexp.MustCompile(`(?is)<base\b[^>]*?\bhref\s*=\s*` + q + remote)},
	{"CSS url()", regexp.MustCompile(`(?i)\burl\(\s*` + q + remote)},
	{"CSS @import", regexp.MustCompile(`(?i)@import\s+(?:url\(\s*)?` + q + remote)},
	{"ES import", regexp.MustCompile(`\b(?:import|from)\s*\(?\s*["'` + "`" + `]` + remote)},
	{"fetch, worker or socket", regexp.MustCompile(`\b(?:fetch|importScripts|Worker|SharedWorker|EventSource|WebSocket|sendBeacon)\s*\(\s*["'` + "`" + `]` + remote)},
	{"XMLHttpRequest.open", regexp.MustCompile(`\.open\s*\(\s*["'` + "`" + `]\w+["'` + "`" + `]\s*,\s*["'` + "`" + `]` + remote)},
	{"setAttribute src", regexp.MustCompile(`setAttribute\s*\(\s*["'` + "`" + `](?:src|srcset|data)["'` + "`" + `]\s*,\s*["'` + "`" + `]` + remote)},
}

// remoteLoads returns a description of each remote load in text.
func remoteLoads(text string) []string {
	var found []string
	for _, l := range loads {
		for _, loc := range l.re.FindAllStringIndex(text, -1) {
			end := min(loc[1]+60, len(text))
			found = append(found, l.name+": "+strings.TrimSpace(text[loc[0]:end]))
		}
	}
	return found
}

func TestRemoteLoads(t *testing.T) {
	tests := []struct {
		name, text string
		want       bool
	}{
		{"ScriptSrc", `<script src="https://cdn.example/react.js"></script>`, true},
		{"ScriptSrcUnquoted", `<script src=//cdn.example/react.js></script>`, true},
		{"ImgSrcset", `<img srcset="a.png 1x, https://cdn.example/b.png 2x">`, true},
		{"LinkStylesheet", `<link rel="stylesheet" href="https://cdn.example/x.css">`, true},
		{"LinkHrefFirst", `<link href='http://cdn.example/x.css' rel=stylesheet>`, true},
		{"Base", `<base href="https://cdn.example/">`, true},
		{"CSSURL", `.a { background: url("https://cdn.example/a.png") }`, true},
		{"CSSURLUnquoted", `.a { background: url(//cdn.example/a.png) }`, true},
		{"CSSImport", `@import "https://fonts.example/css";`, true},
		{"CSSImportURL", `@import url(https://fonts.example/css);`, true},
		{"ImportFrom", `import React from "https://esm.example/react";`, true},
		{"ImportSideEffect", `import"https://esm.example/x.js";`, true},
		{"DynamicImport", `await import('https://esm.example/x.js')`, true},
		{"Fetch", "fetch(`https://api.example/q`)", true},
		{"WebSocket", `new WebSocket("wss://api.example/ws")`, true},
		{"SrcAssignment", `e.src="https://cdn.example/x.js"`, true},
		{"SrcProp", `createElement("img",{src:"https://cdn.example/x.png"})`, true},
		{"XHR", `x.open("GET","https://api.example/q")`, true},
		{"SetAttributeSrc", `s.setAttribute("src", "https://cdn.example/x.js")`, true},

		{"Anchor", `<a href="https://github.com/parley-kg/parley">docs</a>`, false},
		{"Comment", `// see https://github.com/graphql/graphiql for details`, false},
		{"ErrorMessage", `throw new Error("read https://codemirror.net/5/doc/manual.html")`, false},
		{"SVGNamespace", `document.createElementNS("http://www.w3.org/2000/svg","svg")`, false},
		{"DataURL", `.a { background: url("data:image/svg+xml,<svg xmlns='http://www.w3.org/2000/svg'/>") }`, false},
		{"RelativeSrc", `<script src="assets/vendor/react.js"></script>`, false},
		{"AbsolutePathSrc", `<script src="/assets/vendor/react.js"></script>`, false},
		{"RelativeFetch", `fetch("/graphql")`, false},
		{"ImportLocal", `import x from "./x.js"`, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := remoteLoads(tc.text); (len(got) > 0) != tc.want {
				t.Errorf("remoteLoads(%q) = %q, want a load: %v", tc.text, got, tc.want)
			}
		})
	}
}

// TestNoRemoteLoads fails if any embedded HTML, JavaScript or CSS file, or
// the rendered playground page, makes the browser load a URL on another
// host: the playground must work with no network.
func TestNoRemoteLoads(t *testing.T) {
	checked := 0
	err := fs.WalkDir(web.Files, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		switch path.Ext(name) {
		case ".html", ".js", ".css":
		default:
			return nil
		}
		content, err := fs.ReadFile(web.Files, name)
		if err != nil {
			return err
		}
		checked++
		for _, load := range remoteLoads(string(content)) {
			t.Errorf("%s loads a remote URL: %s", name, load)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if checked < 8 {
		t.Errorf("checked %d files, want the template, the vendored bundles and the playground's own", checked)
	}

	page := get(t, web.Playground(web.PlaygroundOptions{}), "/")
	for _, load := range remoteLoads(page) {
		t.Errorf("rendered playground loads a remote URL: %s", load)
	}
}

// get serves a GET of target with h and returns the body, failing on any
// status but 200.
func get(t *testing.T, h http.Handler, target string) string {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, target, nil))
	if rec.Code != http.StatusOK {
		t.Fatalf("GET %s: status %d, want 200", target, rec.Code)
	}
	return rec.Body.String()
}
