// Package seed embeds Parley's seed data: the facts of the source article as
// N-Quads, one file per kind of fact, in the vocabulary that README.md in this
// folder documents. It imports nothing of Parley so that every package's
// tests can use it.
package seed

import "embed"

// FS holds the seed's N-Quads files (*.nq) at its root.
//
//go:embed *.nq
var FS embed.FS
