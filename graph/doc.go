// Package graph is Parley's knowledge graph: typed, context-aware access to
// quads about the negotiations to end the war in Ukraine, stored in Cayley.
//
// A [Store] wraps a Cayley quad store on one of several backends ("bolt",
// persistent and the default; "memory"). [Open] creates the store on first
// use and opens it afterwards; a bolt store held by another process fails
// fast with [ErrInUse] instead of waiting for the lock forever.
//
// Loading ([Store.Load], [Store.LoadFS]) is idempotent and all-or-nothing:
// every line is parsed and checked first, with errors that name the file and
// line ([LineError]), and the whole file is then written in one transaction.
// Quads already present are skipped, so loading the seed twice, or on every
// start, leaves one copy.
//
// Every quad carries a label, the IRI of the source paragraph it came from,
// so every answer can say where it came from. [CheckQuads] validates data
// against the vocabulary in vocab.go, which seed/README.md documents.
//
// Lookups by name or alias go through an in-memory index folded for case and
// accents, built when the store opens and kept current by every load.
package graph
