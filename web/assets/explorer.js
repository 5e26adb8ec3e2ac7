// explorer.js is the first of the explorer's scripts (templates/explorer.html
// loads them in order, after cytoscape, codegen.js, palette.js, evidence.js
// and authoring.js): it makes the namespace window.ParleyExplorer that the
// others add to, and holds every GraphQL request the explorer sends, with
// the function that sends them. The queries are kept together, in this
// file, so that one place shows what the explorer asks of the API (and
// schema's TestClientQueriesWithinLimits reads them from here to check
// that each passes the server's default limits).
//
// The explorer is plain JavaScript with no build step, split by concern:
//
//   explorer.js           the namespace, the queries, graphql()
//   explorer-dom.js       el() and the page's elements, messages, status
//   explorer-address.js   the view's state and its address (?entity=...)
//   explorer-marks.js     node types, stance pills, the legend
//   explorer-sources.js   citations, passages with evidence highlighted
//   explorer-graph.js     the cytoscape graph: drawing, layout, expanding
//   explorer-panel.js     the side panel: entity, claim, position, event
//   explorer-code.js      "Copy as code"
//   explorer-views.js     neighbourhood, connection and timeline views
//   explorer-matrix.js    the stance matrix view
//   explorer-reader.js    the reader view
//   explorer-suggest.js   the search box's suggestions
//   explorer-main.js      modes, the form, history, and the start
//
// Each is an IIFE that takes the namespace as X, reads what earlier files
// put there when it loads, and adds its own names at its end. A call into a
// later file goes through X at call time (X.navigate(...)), since the page
// calls nothing until explorer-main.js starts it. window.ParleyExplorer is
// not an API: the hook for tests and the console is window.parleyExplorer
// (lower case, made by explorer-main.js).
//
// The explorer uses only the public GraphQL API. The view lives in the
// address: ?entity=NAME (or ?id=IRI) for a neighbourhood,
// ?mode=connection&entity=FROM&to=TO&hops=N for a connection,
// ?mode=timeline&entity=NAME for a timeline, ?mode=matrix, and
// ?mode=reader&doc=IRI&fact=IRI. A neighbourhood's address also names the
// entities expanded in it: ?entity=Pokrovsk&expand=Russia.
(function (X) {
  "use strict";

  // endpoint is the GraphQL API's URL, which the Go handler writes into
  // <body data-endpoint>.
  const endpoint = new URL(document.body.dataset.endpoint || "/graphql", location.href).href;

  // FRAGMENTS are the shared selections of the queries below; withFragments
  // appends those a query uses, since GraphQL rejects unused fragments.
  const FRAGMENTS = {
    Cite: "fragment Cite on Source { id title section paragraph }",
    Doc: "fragment Doc on Document { id title publisher published url author file registered note }",
    Ev: "fragment Ev on Evidence { start end text source { id } }",
    Ref: "fragment Ref on Entity { id name type }",
    PositionFields: `fragment PositionFields on Position {
  id stance outlook summary quote
  holder { ...Ref }
  topic { ...Ref }
  source { ...Cite }
  evidence { ...Ev }
}`,
    EventFields: `fragment EventFields on Event {
  ...Ref
  date
  dateText
  description
  status
  location { ...Ref }
  participants { ...Ref }
  sources { ...Cite }
  evidence { ...Ev }
}`,
    ClaimFields: `fragment ClaimFields on Claim {
  id summary status quote
  claimant { ...Ref }
  about { ...Ref }
  disputedBy { ...Ref }
  madeIn { ...Ref }
  source { ...Cite }
  evidence { ...Ev }
}`,
  };

  function withFragments(query) {
    const used = new Set();
    let text = query;
    for (let grew = true; grew; ) {
      grew = false;
      for (const [name, fragment] of Object.entries(FRAGMENTS)) {
        if (!used.has(name) && text.includes("..." + name)) {
          used.add(name);
          text += "\n" + fragment;
          grew = true;
        }
      }
    }
    return query + "\n" + Object.keys(FRAGMENTS).filter((n) => used.has(n)).map((n) => FRAGMENTS[n]).join("\n") + "\n";
  }

  // neighbourhoodQuery asks for an entity, by name (or alias) or by id, with
  // everything the graph draws around it and the panel shows about it.
  function neighbourhoodQuery(by) {
    const type = by === "id" ? "ID" : "String";
    return withFragments(`query Neighbourhood($${by}: ${type}!) {
  entity(${by}: $${by}) {
    ...Ref
    aliases
    description
    relations { predicate direction value other { ...Ref } source { ...Cite } }
    positions { ...PositionFields }
    claims { ...ClaimFields }
    claimsAbout { ...ClaimFields }
    sources { ...Cite }
    affiliates { ...Ref }
    affiliatedWith { ...Ref }
    ... on Person { roles { title of { ...Ref } source { ...Cite } } }
    ... on Topic { positionsOn { ...PositionFields } broader { ...Ref } narrower { ...Ref } }
    ... on Event { date dateText }
  }
}`);
  }

  const CONNECTION_QUERY = withFragments(`query Connection($from: String!, $to: String!, $maxHops: Int) {
  connection(from: $from, to: $to, maxHops: $maxHops) {
    from { ...Ref }
    predicate
    inverse
    via
    to { ...Ref }
    source { ...Cite }
  }
}`);

  // TIMELINE_QUERY asks the API's timeline for the dated events, so that
  // the explorer's axis and timeline(entity:) agree, and the entity's
  // events for the undated ones, which timeline leaves out.
  const TIMELINE_QUERY = withFragments(`query Timeline($name: String!) {
  entity(name: $name) {
    ...Ref
    aliases
    description
    events { ...EventFields }
  }
  timeline(entity: $name) { ...EventFields }
}`);

  // MATRIX_QUERY asks for every position, for the actor × topic grid.
  const MATRIX_QUERY = withFragments(`query Matrix {
  positions { ...PositionFields }
}`);

  // READER_QUERY asks for every paragraph with its text, and every fact
  // with the spans that evidence it, for the reader view.
  const READER_QUERY = withFragments(`query Reader {
  sources { id title section paragraph text document { ...Doc } }
}`);

  // READER_FACTS_QUERY asks for every fact with its evidence, apart from
  // READER_QUERY to keep each request within the API's cost limit.
  const READER_FACTS_QUERY = withFragments(`query ReaderFacts {
  positions { ...PositionFields }
  claims { ...ClaimFields }
  events { ...EventFields }
}`);

  // DOCUMENTS_QUERY asks for the document records, which the panels cite in
  // full once (see documentsView).
  const DOCUMENTS_QUERY = withFragments(`query Documents {
  sources { document { ...Doc } }
}`);

  // SEARCH_QUERY asks the text index twice: entity names and aliases, the
  // last word completed (search), and the words of positions and claims
  // (hits), whose holder or claimant the suggestion opens.
  const SEARCH_QUERY = `query Suggest($text: String!) {
  search(text: $text, first: 8) { id name type aliases }
  hits(text: $text, first: 4, kinds: [POSITION, CLAIM]) {
    field
    snippet
    position { holder { id name type aliases } topic { name } }
    claim { claimant { id name type aliases } }
  }
}`;

  // COUNTS_QUERY asks for the counts of the introduction.
  const COUNTS_QUERY = `query Counts {
  entities(first: 1) { totalCount }
  positions { id }
  claims { status }
  sources { id }
}`;

  // GraphQLError is an error the API reported, with its extensions.code
  // (NOT_FOUND, BAD_USER_INPUT...).
  class GraphQLError extends Error {
    constructor(errors) {
      super(errors.map((e) => e.message).join("; "));
      this.code = (errors[0].extensions || {}).code || "";
    }
  }

  // graphql posts one request and returns its data, or throws.
  async function graphql(query, variables) {
    let res;
    try {
      res = await fetch(endpoint, {
        method: "POST",
        headers: { "Content-Type": "application/json", Accept: "application/graphql-response+json, application/json" },
        body: JSON.stringify({ query: query, variables: variables }),
      });
    } catch (err) {
      throw new Error("Cannot reach the GraphQL API at " + endpoint + ": " + err.message);
    }
    let body;
    try {
      body = await res.json();
    } catch (err) {
      throw new Error("The GraphQL API answered HTTP " + res.status + " with no JSON.");
    }
    if (body.errors && body.errors.length > 0) throw new GraphQLError(body.errors);
    return body.data;
  }

  // HELD_QUERY asks for the positions an actor holds, its affiliates'
  // included (the panel's heldView).
  const HELD_QUERY = withFragments(`query Held($holder: String!) {
  positions(holder: $holder) { ...PositionFields }
}`);

  // RELATION_EVIDENCE_QUERY asks for the evidence of one relation, which
  // the neighbourhood's query leaves out (the panel's relationEvidence).
  const RELATION_EVIDENCE_QUERY = withFragments(`query RelationEvidence($id: ID!, $predicate: String!) {
  entity(id: $id) {
    relations(predicate: $predicate, direction: OUT) { other { id } evidence { ...Ev } }
  }
}`);

  Object.assign(X, {
    endpoint: endpoint,
    neighbourhoodQuery: neighbourhoodQuery,
    CONNECTION_QUERY: CONNECTION_QUERY,
    TIMELINE_QUERY: TIMELINE_QUERY,
    MATRIX_QUERY: MATRIX_QUERY,
    READER_QUERY: READER_QUERY,
    READER_FACTS_QUERY: READER_FACTS_QUERY,
    DOCUMENTS_QUERY: DOCUMENTS_QUERY,
    SEARCH_QUERY: SEARCH_QUERY,
    COUNTS_QUERY: COUNTS_QUERY,
    HELD_QUERY: HELD_QUERY,
    RELATION_EVIDENCE_QUERY: RELATION_EVIDENCE_QUERY,
    graphql: graphql,
  });
})((window.ParleyExplorer = {}));
