// Package textindex is Parley's full-text index: a Bleve index of the text
// of graph nodes (names, aliases, summaries, quotes, document paragraphs),
// with English stemming, accent and case folding, typo tolerance scaled to
// each word's length, phrase queries and field-ranked scores.
//
// A [Doc] is one node: its ID (the node's IRI), the tags a search may be
// limited to (its kinds), and its text by field. Fields carry a boost, so
// that a match in a name outranks one in an alias, which outranks one in a
// summary, which outranks one in body text. The index knows nothing of the
// graph: package graph builds the documents and keeps them current.
//
// The query language is small on purpose (see [Parse]): words, which must
// all match; "quoted phrases"; -excluded words or phrases; and prefix*
// words. Everything else is plain text. Each query is bounded: its length,
// its number of terms, and the index terms a typo-tolerant or prefix word
// may expand to ([MaxExpansion]).
package textindex
