// Package web serves Parley's pages for the browser: the GraphQL playground
// (GraphiQL, with example queries and a "copy as code" menu) and the static
// files it needs. Everything is embedded in the binary, vendored GraphiQL and
// React included, so the playground works on a machine with no network.
//
// The package holds no state beyond the embedded files; each constructor
// takes its options explicitly. A server mounts it like this (Go 1.22
// patterns; see cmd/parley/routes.go):
//
//	mux.Handle("GET /{$}", web.Playground(web.PlaygroundOptions{Endpoint: "/graphql"}))
//	mux.Handle("GET /assets/", http.StripPrefix("/assets/", web.Assets()))
//
// [Examples] returns the example queries the playground opens with, so that
// tests can check them against the real schema.
//
// The files under assets/vendor/ are copied from npm packages by build.sh
// (see README.md) and committed, so building Parley needs no node.
package web
