// Package graph is Parley's knowledge graph: typed, context-aware access to
// quads about the negotiations to end the war in Ukraine, stored in Cayley.
//
// A [Store] wraps a Cayley quad store on one of several backends ("bolt",
// persistent and the default; "memory"; "postgres", Cayley's PostgreSQL
// backend, which several processes can share). [Open] creates the store on
// first use and opens it afterwards; a bolt store held by another process
// fails fast with [ErrInUse] instead of waiting for the lock forever.
//
// On PostgreSQL [Config.Path] is the connection URL, and any number of
// processes may share one database. Open creates Cayley's tables and
// indexes when they are missing; of several processes doing so at once, one
// creates them and the others find them. A database that cannot be reached
// fails Open with [ErrUnavailable], naming the host but never the password
// ([RedactDSN]); once open, an outage makes queries fail with errors (the
// connection pool reconnects when the database is back). Cayley inserts
// quads with ON CONFLICT DO NOTHING against its unique (subject, predicate,
// object, label) index, so concurrent loads of the same data leave one copy;
// a load that deadlocks with another is retried.
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
// accents, built when the store opens and kept current by every load. It is
// the only graph state a process keeps in memory (Cayley's SQL backend
// adds a cache of node values by hash, which cannot go stale). On a shared
// SQL database other processes write too, so before answering from the index
// the store reads a change marker, the count and highest row id of Cayley's
// quads table, at most once per [Config.RefreshInterval] (one second by
// default), and rebuilds the index when the marker moved. A write through
// one process is therefore seen by the name lookups of every other within
// that interval; graph queries themselves always read the database.
//
// Queries follow the two hierarchies of vocabulary v2 downwards (see
// [Store.Closure]): a topic answers for the topics below it, an actor for
// its affiliates, unless a filter asks for the direct answer, and a seat of
// government named as an actor stands for its government
// ([Store.ResolveActor]). Closures come from the object index, one batched
// scan per level, and are cached for a request under [WithRequestCache],
// which also collects the metonyms resolved ([Resolutions]). Evidence spans
// ([Span]) locate statements in their documents; the text itself is served
// only from document files registered with [Store.RegisterDocuments], each
// checked against the SHA-256 of its record.
package graph
