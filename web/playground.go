package web

import (
	"bytes"
	"html/template"
	"net/http"
	"net/url"
	"strings"
)

// PlaygroundOptions configures [Playground]. The zero value suits a server
// that mounts GraphQL at /graphql, the page at / and [Assets] at /assets/.
type PlaygroundOptions struct {
	// Endpoint is the URL of the GraphQL endpoint that the page queries,
	// absolute or relative to the page. Default "/graphql".
	Endpoint string
	// AssetsURL is where [Assets] is mounted, ending in "/". The default,
	// "assets/", is relative to the page, so it works for a page at / (or at
	// /graphql) behind a proxy that adds a path prefix.
	AssetsURL string
	// ExplorerURL is the header's link to the graph explorer. Default
	// "/explore".
	ExplorerURL string
	// DocsURL is the header's link to Parley's documentation. Default
	// "vocab", the served vocabulary ([Vocab]) next to the page, so that the
	// link works offline.
	DocsURL string
}

// withDefaults returns o with its empty fields set to their defaults.
func (o PlaygroundOptions) withDefaults() PlaygroundOptions {
	if o.Endpoint == "" {
		o.Endpoint = "/graphql"
	}
	if o.AssetsURL == "" {
		o.AssetsURL = "assets/"
	}
	if !strings.HasSuffix(o.AssetsURL, "/") {
		o.AssetsURL += "/"
	}
	if o.ExplorerURL == "" {
		o.ExplorerURL = "/explore"
	}
	if o.DocsURL == "" {
		o.DocsURL = "vocab"
	}
	return o
}

// page is a rendered page with its headers.
type page struct {
	content []byte
	header  map[string]string
}

// Playground returns a handler for the GraphQL playground page: GraphiQL
// with Parley's header, its example queries as tabs, an examples menu and a
// "Copy as code" menu (curl, Python, JavaScript and R). The page loads its
// scripts and styles from [Assets] and queries opts.Endpoint. It answers GET
// and HEAD at any path it is mounted at (405 otherwise), with
// Cache-Control: no-cache, an ETag, and a Content-Security-Policy that lets
// the page load nothing from other origins but the endpoint's.
//
// The page is rendered once, here. Playground panics only if the embedded
// template is broken, which the package's tests rule out.
func Playground(opts PlaygroundOptions) http.Handler {
	opts = opts.withDefaults()
	tmpl, err := template.ParseFS(files, "templates/playground.html")
	if err != nil {
		panic("web: parse playground template: " + err.Error())
	}
	var buf bytes.Buffer
	err = tmpl.Execute(&buf, struct {
		PlaygroundOptions
		Assets   string
		Examples []Example
	}{opts, opts.AssetsURL, Examples()})
	if err != nil {
		panic("web: render playground: " + err.Error())
	}
	p := &page{content: buf.Bytes(), header: map[string]string{
		"Content-Type":            "text/html; charset=utf-8",
		"Cache-Control":           ownCache,
		"ETag":                    etagOf(buf.Bytes()),
		"Content-Security-Policy": playgroundCSP(opts),
		"Referrer-Policy":         "same-origin",
	}}
	return p
}

// ServeHTTP serves the rendered page.
func (p *page) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if !allowGetHead(w, r) {
		return
	}
	serveFile(w, r, "playground.html", bytes.NewReader(p.content), p.header)
}

// playgroundCSP returns the Content-Security-Policy of the playground: its
// scripts and styles come from this origin (or the assets' origin), and it
// connects only to this origin and the endpoint's. GraphiQL sets inline
// styles, hence 'unsafe-inline' for styles, never for scripts.
func playgroundCSP(opts PlaygroundOptions) string {
	self := "'self'" + originOf(opts.AssetsURL)
	return strings.Join([]string{
		"default-src 'none'",
		"script-src " + self,
		"style-src " + self + " 'unsafe-inline'",
		"img-src " + self + " data:",
		"font-src " + self + " data:",
		"connect-src 'self'" + originOf(opts.Endpoint),
		"base-uri 'none'",
		"form-action 'none'",
		"frame-ancestors 'self'",
	}, "; ")
}

// originOf returns " scheme://host" for an absolute http(s) URL, and "" for
// a relative one.
func originOf(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https") {
		return ""
	}
	return " " + u.Scheme + "://" + u.Host
}
