// Package schema is Parley's typed, self-documenting GraphQL API over the
// knowledge graph, and its GraphQL-over-HTTP transport.
//
// [New] builds the [Schema] over a [Graph], the small interface this
// package needs from the graph; [*graph.Store] implements it, and tests use
// fakes. [Handler] serves a schema over HTTP, and is the only way to run a
// query on it. cmd/parley wires the two:
//
//	s, err := schema.New(store, schema.Options{Logger: log})
//	mux.Handle("/graphql", schema.Handler(s, schema.HandlerOptions{Logger: log}))
//
// # The schema
//
// Every person, state, institution, territory, event and topic is an Entity,
// with an object type per kind (Person, State, Institution, Territory, Event,
// Topic) for the fields only that kind has. Positions, claims and relations
// link entities, and every one of them, like every raw Quad, carries the
// Source paragraph that states it. The root Query answers the questions the
// project was built for: positions on a topic, who met where, which claims
// are disputed and by whom, a timeline, and the shortest connection between
// two actors. Every type, field, argument and enum value has a description,
// so that the playground's docs pane is the user manual; a test enforces it,
// and testdata/introspection.golden.json shows every change of shape in
// review. testdata/queries holds example queries for the playground, each
// checked against the schema and answered from the seed by the tests.
//
// # Arguments and errors
//
// An argument that names an entity (holder, topic, participant, from...)
// takes its IRI, its name or any alias, case- and accent-insensitively. A name
// that matches nothing is an error with extensions.code NOT_FOUND, never an
// empty list: a typo must not look like an answer. A name shared by several
// entities, and out-of-range arguments (first above [DefaultMaxFirst],
// maxHops outside 1..[graph.MaxHops], malformed dates), are BAD_USER_INPUT. Any
// other failure reaches the client as "internal error", code
// INTERNAL_SERVER_ERROR, and the real error goes to the log. Errors are
// mapped once, in errors.go; resolvers cannot panic the server.
//
// # Files
//
// One file per GraphQL type (entity.go, event.go, position.go, claim.go,
// relation.go, source.go, path.go, page.go, quad.go, mutation.go) holds
// its fields and the root fields that return it; query.go holds the rest
// of the root. Every field is built by a helper of fields.go that says
// what it reads, so that adding a field is one entry in its type's file.
//
// # Entities and batching
//
// An Entity's value is a [node] (node.go): what the name index holds
// (IRI, kind, name, an event's date), and the whole entity once a field
// needs more. Each execution gets a loader (loader.go) that keeps store
// calls to one per level of a query: whenever data arrives, it notes
// every IRI the next level may need, and at the first miss fetches all
// of them in one batch call (EntityHeaders, EntitiesByIRI, SourcesByIRI,
// PositionsOf, Mentions, Relations). A query for every position with its
// holder, topic and source costs three store calls, whether there are ten
// positions or ten thousand.
//
// # Execution
//
// [Handler] parses and validates a document once and caches it; the plan
// executor (plan.go compiles, exec.go runs) executes cached queries
// without graphql-go's per-field bookkeeping, and reports errors as
// graphql-go would; what it copies of graphql-go v0.8.1 is listed in
// mirror.go. Mutations, introspection and directives it leaves to
// graphql-go, decided once per document. A resolver may add an entry to
// the response's top-level "extensions" ([addExtension]).
//
// # Transport
//
// [Handler] follows the GraphQL over HTTP draft: POST application/json,
// GET for queries only (405 for a mutation), application/graphql-response+json
// with 4xx status codes for requests that cannot execute when the client
// asks for it, application/json with 200 otherwise. It parses, validates and
// executes in separate steps so that each gets its status code, caches
// parsed and validated documents in a small LRU, caps request bodies, and
// passes the request's context to every resolver.
package schema
