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

// TestNoRemoteLoads fails if any embedded HTML, JavaScript or CSS file
// (vendored or Parley's own, the explorer's included), or the rendered
// playground or explorer page, makes the browser load a URL on another host:
// both pages must work with no network.
func TestNoRemoteLoads(t *testing.T) {
	checked := 0
	mustCheck := map[string]bool{ // the explorer's files, which a new page could forget
		"templates/explorer.html": false, "assets/explorer.js": false, "assets/explorer-main.js": false, "assets/explorer.css": false,
		"assets/vendor/cytoscape-3.34.4/cytoscape.min.js":        false,
		"assets/vendor/cytoscape-fcose-2.2.0/cytoscape-fcose.js": false,
	}
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
		if _, ok := mustCheck[name]; ok {
			mustCheck[name] = true
		}
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
	for name, ok := range mustCheck {
		if !ok {
			t.Errorf("did not check %s", name)
		}
	}

	for name, h := range map[string]http.Handler{
		"playground": web.Playground(web.PlaygroundOptions{}),
		"explorer":   web.Explorer(web.ExplorerOptions{}),
	} {
		for _, load := range remoteLoads(get(t, h, "/")) {
			t.Errorf("rendered %s loads a remote URL: %s", name, load)
		}
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

// TestExplorerFilesEmbedded checks that every script and style the explorer
// names is embedded, so that a version bump in build.sh cannot leave the
// page pointing at a file that is gone; and that the page loads every one of
// the explorer's own scripts (assets/explorer*.js), explorer.js first (it
// makes the namespace the others add to) and explorer-main.js last (it
// starts the page), so that a new file cannot be left out.
func TestExplorerFilesEmbedded(t *testing.T) {
	body := serve(web.Explorer(web.ExplorerOptions{}), http.MethodGet, "/", nil).Body.String()
	names := regexp.MustCompile(`<(?:script|link)\b[^>]*?(?:src|href)="assets/([^"]+)"`).FindAllStringSubmatch(body, -1)
	if len(names) < 9 {
		t.Fatalf("page names %d assets, want cytoscape, layout-base, cose-base, fcose, codegen, the explorer's scripts and style, the playground's style and the icon", len(names))
	}
	var scripts []string // the explorer's own, in the page's order
	for _, m := range names {
		if _, err := fs.Stat(web.Files, "assets/"+m[1]); err != nil {
			t.Errorf("page names assets/%s: %v", m[1], err)
		}
		if strings.HasPrefix(m[1], "explorer") && path.Ext(m[1]) == ".js" {
			scripts = append(scripts, m[1])
		}
	}

	embedded, err := fs.Glob(web.Files, "assets/explorer*.js")
	if err != nil {
		t.Fatal(err)
	}
	if len(embedded) < 2 {
		t.Fatalf("embedded explorer scripts: %v, want explorer.js, explorer-main.js and the files between", embedded)
	}
	loaded := map[string]int{}
	for _, s := range scripts {
		loaded["assets/"+s]++
	}
	for _, name := range embedded {
		if n := loaded[name]; n != 1 {
			t.Errorf("page loads %s %d times, want once", name, n)
		}
	}
	if len(scripts) != len(embedded) {
		t.Errorf("page loads the explorer scripts %v, want the %d embedded: %v", scripts, len(embedded), embedded)
	}
	if len(scripts) > 0 && (scripts[0] != "explorer.js" || scripts[len(scripts)-1] != "explorer-main.js") {
		t.Errorf("page loads the explorer scripts in the order %v, want explorer.js first and explorer-main.js last", scripts)
	}
}

// TestExplorer serves the explorer page as cmd/parley mounts it, with a
// query string, and checks its headers, what it loads and how it answers
// HEAD, POST and a revalidation.
func TestExplorer(t *testing.T) {
	h := web.Explorer(web.ExplorerOptions{})
	rec := serve(h, http.MethodGet, "/explore?entity=Pokrovsk", nil)
	if got, want := rec.Code, http.StatusOK; got != want {
		t.Fatalf("status=%d, want %d", got, want)
	}
	header := rec.Header()
	if got, want := header.Get("Content-Type"), "text/html; charset=utf-8"; got != want {
		t.Errorf("Content-Type=%q, want %q", got, want)
	} else if got, want := header.Get("Cache-Control"), "no-cache"; got != want {
		t.Errorf("Cache-Control=%q, want %q", got, want)
	} else if header.Get("ETag") == "" || header.Get("X-Content-Type-Options") != "nosniff" {
		t.Errorf("ETag=%q X-Content-Type-Options=%q, want an ETag and nosniff", header.Get("ETag"), header.Get("X-Content-Type-Options"))
	}
	// The explorer is held to the playground's policy: scripts from this
	// origin only, no eval, requests only to this origin.
	csp := header.Get("Content-Security-Policy")
	playground := web.Playground(web.PlaygroundOptions{})
	if other := serve(playground, http.MethodGet, "/", nil).Header().Get("Content-Security-Policy"); csp != other {
		t.Errorf("Content-Security-Policy=%q, want the playground's %q", csp, other)
	}

	body := rec.Body.String()
	for _, want := range []string{
		"<title>Parley — graph explorer</title>",
		`data-endpoint="/graphql"`,
		`<a href="./">Playground</a>`,
		`src="assets/vendor/cytoscape-3.34.4/cytoscape.min.js"`,
		`src="assets/vendor/cytoscape-fcose-2.2.0/cytoscape-fcose.js"`,
		`src="assets/codegen.js"`, // "copy as code" reuses the playground's generators
		`src="assets/explorer.js"`, `src="assets/explorer-main.js"`,
		`href="assets/playground.css"`, // and its header
		`data-mode="connection"`, `data-mode="timeline"`,
		"What Parley holds",
	} {
		if !strings.Contains(body, want) {
			t.Errorf("page lacks %s", want)
		}
	}

	for _, method := range []string{http.MethodHead, http.MethodPost} {
		rec := serve(h, method, "/explore", nil)
		if method == http.MethodHead && (rec.Code != http.StatusOK || rec.Body.Len() != 0) {
			t.Errorf("HEAD: status=%d body=%d bytes, want 200 and no body", rec.Code, rec.Body.Len())
		}
		if method == http.MethodPost && rec.Code != http.StatusMethodNotAllowed {
			t.Errorf("POST: status=%d, want 405", rec.Code)
		}
	}
	if rec := serve(h, http.MethodGet, "/explore", map[string]string{"If-None-Match": header.Get("ETag")}); rec.Code != http.StatusNotModified {
		t.Errorf("If-None-Match: status=%d, want 304", rec.Code)
	}
}

func TestExplorerOptions(t *testing.T) {
	// Each case looks for want in the page, or in its
	// Content-Security-Policy when csp is set.
	tests := []struct {
		name string
		opts web.ExplorerOptions
		csp  bool
		want string
	}{
		{"Endpoint", web.ExplorerOptions{Endpoint: "https://parley.example/graphql"}, false, `data-endpoint="https://parley.example/graphql"`},
		{"EndpointCSP", web.ExplorerOptions{Endpoint: "https://parley.example/graphql"}, true, "connect-src 'self' https://parley.example;"},
		{"Escaped", web.ExplorerOptions{Endpoint: `/q?"><script>`}, false, `data-endpoint="/q?&#34;&gt;&lt;script&gt;"`},
		{"AssetsURL", web.ExplorerOptions{AssetsURL: "https://static.example/parley"}, false, `src="https://static.example/parley/explorer.js"`},
		{"AssetsURLCSP", web.ExplorerOptions{AssetsURL: "https://static.example/parley"}, true, "script-src 'self' https://static.example;"},
		{"PlaygroundURL", web.ExplorerOptions{PlaygroundURL: "/x/"}, false, `<a href="/x/">Playground</a>`},
		{"DocsURL", web.ExplorerOptions{DocsURL: "/docs/"}, false, `<a href="/docs/">Docs</a>`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rec := serve(web.Explorer(tc.opts), http.MethodGet, "/", nil)
			got, where := rec.Body.String(), "page"
			if tc.csp {
				got, where = rec.Header().Get("Content-Security-Policy"), "Content-Security-Policy"
			}
			if !strings.Contains(got, tc.want) {
				t.Errorf("%s lacks %s; it is:\n%s", where, tc.want, got)
			}
		})
	}
}
