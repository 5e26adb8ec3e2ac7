package web

import (
	"bytes"
	"html/template"
	"net/http"
)

// ExplorerOptions configures [Explorer]. The zero value suits a server that
// mounts GraphQL at /graphql, the playground at /, the explorer at /explore
// and [Assets] at /assets/.
type ExplorerOptions struct {
	// Endpoint is the URL of the GraphQL endpoint that the page queries,
	// absolute or relative to the page. Default "/graphql".
	Endpoint string
	// AssetsURL is where [Assets] is mounted, ending in "/". The default,
	// "assets/", is relative to the page, so it works for a page at
	// /explore behind a proxy that adds a path prefix.
	AssetsURL string
	// PlaygroundURL is the header's link to the GraphQL playground. Default
	// "./", the playground next to a page at /explore.
	PlaygroundURL string
	// DocsURL is the header's link to Parley's documentation. Default
	// "vocab", the served vocabulary ([Vocab]) next to the page, so that the
	// link works offline.
	DocsURL string
}

// withDefaults returns o with its empty fields set to their defaults, which
// are the playground's where the two pages share an option.
func (o ExplorerOptions) withDefaults() ExplorerOptions {
	shared := PlaygroundOptions{Endpoint: o.Endpoint, AssetsURL: o.AssetsURL, DocsURL: o.DocsURL}.withDefaults()
	o.Endpoint, o.AssetsURL, o.DocsURL = shared.Endpoint, shared.AssetsURL, shared.DocsURL
	if o.PlaygroundURL == "" {
		o.PlaygroundURL = "./"
	}
	return o
}

// Explorer returns a handler for the graph explorer page. A researcher types
// a name (with suggestions from the search query; Enter takes the top one)
// and sees the entity's neighbourhood as a graph, nodes coloured by type and
// position edges by stance and outlook (assets/palette.js, shared with the
// other pages); clicking a node expands it, and clicking an edge shows the
// fact with its evidence span highlighted in its paragraph and a full
// citation. An entity's panel shows its broader and narrower topics, its
// affiliations, and an actor's positions marked own or via an affiliate.
// More modes show the shortest connection between two entities, the
// timeline of an entity's events, an actor × topic stance matrix, and a
// reader with every fact's span highlighted in the whole document. The view
// is kept in the URL (/explore?entity=Pokrovsk, ?mode=matrix,
// ?mode=reader&doc=IRI&fact=IRI), so that it can be shared, and the query
// behind it can be copied as code (curl, Python, JavaScript, R).
//
// The page uses only the public GraphQL API at opts.Endpoint, and loads its
// scripts (cytoscape with the fcose layout, vendored; its own, plain
// JavaScript in several files, assets/explorer.js first and
// assets/explorer-main.js last) and styles from [Assets]. It is served like [Playground]'s page: GET and HEAD at any path
// it is mounted at (405 otherwise), Cache-Control: no-cache, an ETag, and the
// same Content-Security-Policy.
//
// The page is rendered once, here. Explorer panics only if the embedded
// template is broken, which the package's tests rule out.
func Explorer(opts ExplorerOptions) http.Handler {
	opts = opts.withDefaults()
	var buf bytes.Buffer
	tmpl := template.Must(template.ParseFS(files, "templates/explorer.html"))
	if err := tmpl.Execute(&buf, opts); err != nil {
		panic("web: render explorer: " + err.Error())
	}
	csp := playgroundCSP(PlaygroundOptions{Endpoint: opts.Endpoint, AssetsURL: opts.AssetsURL})
	header := map[string]string{"Content-Type": "text/html; charset=utf-8", "Content-Security-Policy": csp}
	header["Cache-Control"], header["ETag"] = ownCache, etagOf(buf.Bytes())
	header["Referrer-Policy"] = "same-origin"
	return &page{content: buf.Bytes(), header: header}
}
