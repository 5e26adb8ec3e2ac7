// Package web serves Parley's pages for the browser: the GraphQL playground
// (GraphiQL, with example queries, an About panel and a "copy as code"
// menu, each answer also shown as a table with CSV and TSV downloads), the
// graph explorer (cytoscape), the vocabulary page (/vocab: HTML, Turtle,
// JSON-LD, from the table in vocabterms.go), the worked Jupyter notebook, and
// the static files they need. Everything is embedded in the binary, vendored
// libraries included, so the pages work on a machine with no network, and
// they use only the public GraphQL API.
//
// The package holds no state beyond the embedded files; each constructor
// takes its options explicitly. A server mounts it like this (Go 1.22
// patterns; see cmd/parley/routes.go):
//
//	mux.Handle("GET /{$}", web.Playground(web.PlaygroundOptions{Endpoint: "/graphql"}))
//	mux.Handle("GET /explore", web.Explorer(web.ExplorerOptions{}))
//	mux.Handle("GET /vocab", web.Vocab(web.VocabOptions{}))
//	mux.Handle("GET /assets/", http.StripPrefix("/assets/", web.Assets()))
//	mux.Handle("GET /notebooks/", http.StripPrefix("/notebooks/", web.Notebooks()))
//
// [Examples] returns the example queries the playground opens with, so that
// tests can check them against the real schema.
//
// The files under assets/vendor/ are copied from npm packages by build.sh
// (see README.md) and committed, so building Parley needs no node.
package web
