// explorer.js runs Parley's graph explorer (templates/explorer.html): a
// search box with suggestions, an entity's neighbourhood drawn with
// cytoscape and the fcose layout, the shortest connection between two
// entities, and the timeline of an entity's events, with a side panel of
// details and citations. It is plain JavaScript with no build step, over the
// UMD globals cytoscape, cytoscapeFcose and ParleyCodegen (codegen.js), and it
// uses only the public GraphQL API, whose URL the Go handler writes into
// <body data-endpoint>.
//
// The view lives in the address: ?entity=NAME (or ?id=IRI) for a
// neighbourhood, ?mode=connection&entity=FROM&to=TO&hops=N for a connection,
// ?mode=timeline&entity=NAME for a timeline. A neighbourhood's address also
// names the entities expanded in it: ?entity=Pokrovsk&expand=Russia.
(function () {
  "use strict";

  const endpoint = new URL(document.body.dataset.endpoint || "/graphql", location.href).href;

  // TYPES gives each kind of node its legend label, colour and shape. The
  // shapes tell the types apart without colour.
  const TYPES = {
    PERSON: { label: "Person", color: "#2563eb", shape: "ellipse" },
    STATE: { label: "State", color: "#dc2626", shape: "round-rectangle" },
    INSTITUTION: { label: "Institution", color: "#7c3aed", shape: "barrel" },
    TERRITORY: { label: "Territory", color: "#16a34a", shape: "hexagon" },
    EVENT: { label: "Event", color: "#ea580c", shape: "round-triangle" },
    TOPIC: { label: "Topic", color: "#0891b2", shape: "round-tag" },
    CLAIM: { label: "Claim (disputed: red ring)", color: "#64748b", shape: "diamond" },
  };

  // Palette (palette.js) colours the stances and outlooks, the same on
  // every page; Evidence (evidence.js) places evidence spans and writes
  // citations.
  const Palette = window.ParleyPalette;
  const Evidence = window.ParleyEvidence;

  const EDGE_COLOR = "#94a3b8";
  const DISPUTE_COLOR = "#dc2626";

  // LANGUAGES names the "copy as code" generators of codegen.js.
  const LANGUAGES = {
    curl: "curl",
    python: "Python (urllib)",
    pandas: "Python (requests + pandas)",
    javascript: "JavaScript (fetch)",
    r: "R (httr)",
  };

  // ---- GraphQL ------------------------------------------------------------

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

  // textSuggestions turns position and claim hits into suggestions of
  // their holders and claimants, each with the matching text.
  function textSuggestions(hits) {
    return (hits || [])
      .map((h) => {
        const who = h.position ? h.position.holder : h.claim ? h.claim.claimant : null;
        if (!who) return null;
        const what = h.position ? "position" + (h.position.topic ? " on " + h.position.topic.name : "") : "claim";
        return Object.assign({}, who, { snippet: h.snippet, what: what });
      })
      .filter(Boolean);
  }

  // snippetNode renders a hit's snippet, which the server sends as
  // escaped text with <mark> elements: only the text and the marks are
  // kept, whatever else it might hold.
  function snippetNode(html) {
    const tpl = document.createElement("template");
    tpl.innerHTML = html;
    const out = el("span", { class: "ex-snippet" });
    for (const n of tpl.content.childNodes) {
      out.append(n.nodeName === "MARK" ? el("mark", null, n.textContent) : n.textContent);
    }
    return out;
  }

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

  // ---- DOM helpers --------------------------------------------------------

  // el builds an element: el("a", {href: "x", class: "y"}, "text", child...).
  // Text is always set as text, never as HTML.
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === "on") {
        for (const [type, fn] of Object.entries(v)) node.addEventListener(type, fn);
      } else {
        node.setAttribute(k, v === true ? "" : v);
      }
    }
    for (const c of children.flat(Infinity)) {
      if (c !== null && c !== undefined && c !== false) node.append(c);
    }
    return node;
  }

  const $ = (id) => document.getElementById(id);
  const form = $("ex-form");
  const entityInput = $("ex-entity");
  const toInput = $("ex-to");
  const hopsSelect = $("ex-hops");
  const statusLine = $("ex-status");
  const message = $("ex-message");
  const details = $("ex-details");
  const timeline = $("ex-timeline");
  const page = $("ex-page");
  const graphBox = $("ex-graph");

  // swatch returns a legend mark for a node type.
  function swatch(type) {
    const t = TYPES[type] || TYPES.CLAIM;
    const mark = el("span", { class: "ex-swatch ex-shape-" + t.shape, "aria-hidden": "true" });
    mark.style.background = t.color;
    return mark;
  }

  // typeBadge returns the type of an entity as a small coloured label.
  function typeBadge(type) {
    return el("span", { class: "ex-badge" }, swatch(type), (TYPES[type] || { label: type }).label.replace(/ \(.*/, ""));
  }

  // cite renders a source paragraph: "paragraph 18, section “…”". The
  // document's title is not repeated after every citation: showPanel names
  // the documents the panel cites once, at its foot.
  function cite(src) {
    if (!src) return el("span", { class: "ex-cite ex-muted" }, "no source recorded");
    const where = [];
    if (src.paragraph) where.push("paragraph " + src.paragraph);
    if (src.section) where.push("section “" + src.section + "”");
    return el("cite", { class: "ex-cite", title: src.id || "", "data-doc-title": src.title || "" }, where.join(", ") || "paragraph not known");
  }

  // documents holds the document records seen in citations, by title, so
  // that a panel's foot can cite them in full.
  const documents = new Map();

  // documentsView cites the documents a panel's citations refer to, once
  // each: title, author, publisher, date and URL, "not known" for what the
  // record lacks, and the project's note on it.
  function documentsView(titles) {
    return el(
      "footer",
      { class: "ex-documents" },
      el("h3", null, titles.length === 1 ? "Document" : "Documents"),
      titles.map((title) => {
        const doc = documents.get(title);
        const fields = Evidence.citationFields({ title: title, document: doc }).filter(([k]) => !["Section", "Paragraph"].includes(k));
        return el(
          "div",
          { class: "ex-document" },
          el("dl", { class: "ex-citation" }, fields.map(([k, v]) => [el("dt", null, k), el("dd", { class: v === Evidence.UNKNOWN ? "ex-muted" : null }, v)])),
          doc && doc.note ? el("p", { class: "ex-muted" }, doc.note) : null,
          doc ? el("p", null, el("a", { href: "?" + new URLSearchParams({ mode: "reader", doc: doc.id }) }, "Read the whole document")) : null,
        );
      }),
    );
  }

  // evidenceView shows where the source says a fact: each paragraph with
  // the fact's evidence spans highlighted, and its citation with a button
  // that copies it. A fact without evidence shows its source paragraph.
  function evidenceView(evidence, source) {
    if (!evidence || evidence.length === 0) return el("p", { class: "ex-source" }, "Source: ", cite(source));
    const bySource = new Map();
    for (const ev of evidence) {
      if (!bySource.has(ev.source.id)) bySource.set(ev.source.id, { source: ev.source, spans: [] });
      bySource.get(ev.source.id).spans.push(ev);
    }
    const box = el("div", { class: "ex-evidence" }, el("p", { class: "ex-muted" }, "Loading the passage…"));
    Promise.all([paragraphTexts([...bySource.keys()]), documentsLoaded]).then(
      ([texts]) => {
        box.replaceChildren(
          ...[...bySource.values()].map((p) => {
            const para = texts.get(p.source.id);
            const src = Object.assign({}, para, { document: documents.get(para.title) });
            return el("figure", { class: "ex-paragraph" }, paragraphText(src, p.spans, null), el("figcaption", null, citeLine(src)));
          }),
        );
        if (box.isConnected && details.contains(box)) refreshDocuments();
      },
      (err) => box.replaceChildren(el("p", { class: "ex-muted" }, "Could not load the passage: " + err.message), el("p", { class: "ex-source" }, "Source: ", cite(source))),
    );
    return box;
  }

  // texts caches the paragraphs (id, title, section, paragraph and text,
  // null when the server does not have the document) by IRI.
  const texts = new Map();

  // paragraphTexts returns the texts of the paragraphs ids, asking the API
  // for those not yet cached, 10 in a request (within its alias limit).
  async function paragraphTexts(ids) {
    const missing = ids.filter((id) => !texts.has(id));
    for (let i = 0; i < missing.length; i += 10) {
      const batch = missing.slice(i, i + 10);
      const query = "query Texts(" + batch.map((_, j) => "$p" + j + ": ID!").join(", ") + ") {\n" + batch.map((_, j) => "  p" + j + ": source(id: $p" + j + ") { id title section paragraph text }").join("\n") + "\n}";
      const variables = {};
      batch.forEach((id, j) => (variables["p" + j] = id));
      const data = await graphql(query, variables);
      batch.forEach((id, j) => texts.set(id, data["p" + j] || { id: id, text: null }));
    }
    return texts;
  }

  // paragraphText shows a paragraph's text with spans highlighted; onSpan,
  // when given, makes each highlight a button called with the spans under
  // it. Without the document registered it says how to register it.
  function paragraphText(src, spans, onSpan) {
    if (src.text === null || src.text === undefined) return unregistered(src);
    if (spans.length === 0) return el("blockquote", { class: "ex-para-text" }, src.text);
    const start = Evidence.paragraphStart(src.text, spans);
    if (start === null) {
      return el("div", null, el("blockquote", { class: "ex-para-text" }, src.text), el("p", { class: "ex-muted" }, "The evidence could not be placed in this paragraph's text."));
    }
    return el(
      "blockquote",
      { class: "ex-para-text" },
      Evidence.segments(src.text, start, spans).map((seg) => {
        if (seg.spans.length === 0) return seg.text;
        const attrs = { class: "ex-span", title: "Evidence in paragraph " + (src.paragraph || "?") };
        if (!onSpan) return el("mark", attrs, seg.text);
        attrs.class += " ex-span-link";
        attrs["data-facts"] = seg.spans.map((sp) => (sp.fact ? sp.fact.fact.id : "")).join(" ");
        return el("mark", Object.assign(attrs, { tabindex: "0", role: "button", on: { click: () => onSpan(seg.spans), keydown: (ev) => ev.key === "Enter" && onSpan(seg.spans) } }), seg.text);
      }),
    );
  }

  // unregistered says that the server does not hold a document's text and
  // how to make it serve it.
  function unregistered(src) {
    const file = src.document && src.document.file;
    return el(
      "p",
      { class: "ex-unregistered" },
      "This server does not have the document's text, so the passage cannot be shown. Register it by starting the server with ",
      el("code", null, "parley serve --documents DIR"),
      file ? [", DIR being the folder that holds ", el("code", null, file)] : null,
      ".",
    );
  }

  // citeLine is a paragraph's citation with a "copy citation" button that
  // copies the full citation (document, section, paragraph).
  function citeLine(src) {
    const status = el("span", { class: "ex-copy-status", role: "status" });
    const button = el(
      "button",
      {
        type: "button",
        class: "ex-copy-cite",
        on: {
          click: () => copyText(Evidence.citationText(src)).then(
            () => (status.textContent = "Copied."),
            () => (status.textContent = "Could not copy: " + Evidence.citationText(src)),
          ),
        },
      },
      "Copy citation",
    );
    return el("p", { class: "ex-source" }, "Source: ", cite(src), " ", button, " ", status);
  }

  // copyText puts text on the clipboard, with the old selection trick where
  // the Clipboard API is missing (a page served over plain HTTP).
  async function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text);
      return;
    }
    const area = el("textarea", { class: "ex-offscreen", readonly: true });
    area.value = text;
    document.body.append(area);
    area.select();
    const ok = document.execCommand("copy");
    area.remove();
    if (!ok) throw new Error("copy refused");
  }

  // entityLink is a button that opens the entity in the current graph.
  function entityLink(ref) {
    if (!ref) return el("span", { class: "ex-muted" }, "unknown");
    return el(
      "button",
      { type: "button", class: "ex-link", title: "Show " + ref.name + " in the graph", on: { click: () => focusEntity(ref) } },
      swatch(ref.type),
      ref.name,
    );
  }

  // joinNodes puts separators between nodes: a, b and c.
  function joinNodes(nodes) {
    const out = [];
    nodes.forEach((n, i) => {
      if (i > 0) out.push(i === nodes.length - 1 ? " and " : ", ");
      out.push(n);
    });
    return out;
  }

  function section(title, ...children) {
    return el("section", { class: "ex-section" }, el("h3", null, title), ...children);
  }

  function quote(text) {
    return text ? el("blockquote", { class: "ex-quote" }, "“" + text + "”") : null;
  }

  // ---- Messages and status ------------------------------------------------

  // showMessage covers the stage with a loading, empty or error message;
  // kind is "loading", "empty" or "error", or null to hide it.
  function showMessage(kind, text, extra) {
    if (!kind) {
      message.hidden = true;
      message.replaceChildren();
      return;
    }
    message.hidden = false;
    message.className = "ex-message ex-message-" + kind;
    message.setAttribute("role", kind === "error" ? "alert" : "status");
    const spinner = el("span", { class: "ex-spinner", "aria-hidden": "true" });
    message.replaceChildren(...[kind === "loading" ? spinner : null, el("p", null, text), extra].filter(Boolean));
  }

  function setStatus(text) {
    statusLine.textContent = text;
  }

  // ---- The graph ----------------------------------------------------------

  cytoscape.use(cytoscapeFcose);

  const cy = cytoscape({
    container: graphBox,
    minZoom: 0.15,
    maxZoom: 3,
    style: [
      {
        selector: "node",
        style: {
          "background-color": "data(color)",
          shape: "data(shape)",
          label: "data(label)",
          width: 26,
          height: 26,
          "font-size": 11,
          "min-zoomed-font-size": 6,
          color: "#0f172a",
          "text-valign": "bottom",
          "text-margin-y": 4,
          "text-wrap": "wrap",
          "text-max-width": 130,
          "text-background-color": "#ffffff",
          "text-background-opacity": 0.8,
          "text-background-padding": 1,
          "border-width": 2,
          "border-color": "#ffffff",
        },
      },
      { selector: "node[?expanded]", style: { "border-color": "#0f172a", "border-width": 2 } },
      { selector: "node.root", style: { width: 40, height: 40, "font-size": 13, "font-weight": "bold" } },
      { selector: "node[type = 'CLAIM']", style: { width: 20, height: 20, "font-size": 9, "font-style": "italic", color: "#334155" } },
      { selector: "node[status = 'DISPUTED']", style: { "border-color": DISPUTE_COLOR, "border-width": 3 } },
      { selector: "node.loading", style: { "border-style": "dashed", "border-color": "#f59e0b", "border-width": 3 } },
      {
        selector: "edge",
        style: {
          width: 1.5,
          "curve-style": "bezier",
          "line-color": "data(color)",
          "target-arrow-color": "data(color)",
          "target-arrow-shape": "triangle",
          "arrow-scale": 0.8,
          label: "data(label)",
          "font-size": 9,
          "min-zoomed-font-size": 7,
          color: "#334155",
          "text-rotation": "autorotate",
          "text-background-color": "#ffffff",
          "text-background-opacity": 0.85,
          "text-background-padding": 1,
        },
      },
      { selector: "edge[kind = 'position']", style: { width: 2.5 } },
      { selector: "edge[kind = 'outlook']", style: { width: 2.5, "line-style": "dashed" } },
      { selector: "edge[kind = 'claim']", style: { "line-style": "dashed" } },
      { selector: "edge[label = 'disputes']", style: { "target-arrow-shape": "tee" } },
      { selector: "edge.path", style: { width: 3.5 } },
      { selector: "node:selected", style: { "underlay-color": "#f59e0b", "underlay-opacity": 0.45, "underlay-padding": 7, "underlay-shape": "ellipse" } },
      { selector: "edge:selected", style: { "line-color": "#f59e0b", "target-arrow-color": "#f59e0b", width: 4 } },
    ],
  });

  // records holds what the panel shows for each graph element: the loaded
  // entities by id, the claims and positions by id, the relations by edge id.
  const records = new Map();
  // expanded holds the ids of the entities whose neighbourhood is drawn.
  const expanded = new Set();

  // addNode adds an entity (or a claim) to the graph once, near near (a
  // position) when given, and returns its node.
  function addNode(ref, near, extra) {
    let node = cy.getElementById(ref.id);
    if (node.length > 0) return node;
    const t = TYPES[ref.type] || TYPES.CLAIM;
    const data = Object.assign({ id: ref.id, label: ref.name, type: ref.type, color: t.color, shape: t.shape }, extra);
    const position = near ? { x: near.x + (Math.random() - 0.5) * 120, y: near.y + (Math.random() - 0.5) * 120 } : undefined;
    return cy.add({ group: "nodes", data: data, position: position });
  }

  // addEdge adds an edge once; record is what the panel shows for it.
  function addEdge(id, from, to, label, kind, color, record) {
    if (cy.getElementById(id).length > 0) return;
    records.set(id, record);
    cy.add({ group: "edges", data: { id: id, source: from, target: to, label: label, kind: kind, color: color } });
  }

  // claimLabel names a claim node by its status: "disputed claim".
  function claimLabel(claim) {
    return claim.status.toLowerCase() + " claim";
  }

  // drawClaim adds a claim as a small node between its claimant, what it is
  // about and those who dispute it.
  function drawClaim(claim, near) {
    records.set(claim.id, { kind: "claim", claim: claim });
    addNode({ id: claim.id, name: claimLabel(claim), type: "CLAIM" }, near, { status: claim.status });
    const rec = { kind: "claim", claim: claim };
    addNode(claim.claimant, near);
    addEdge("claimant|" + claim.id, claim.claimant.id, claim.id, "claims", "claim", EDGE_COLOR, rec);
    for (const about of claim.about) {
      addNode(about, near);
      addEdge("about|" + claim.id + "|" + about.id, claim.id, about.id, "about", "claim", EDGE_COLOR, rec);
    }
    for (const who of claim.disputedBy) {
      addNode(who, near);
      addEdge("disputes|" + claim.id + "|" + who.id, who.id, claim.id, "disputes", "claim", DISPUTE_COLOR, rec);
    }
  }

  // drawPosition adds a position as an edge from its holder to its topic,
  // labelled with the stance.
  function drawPosition(pos, near) {
    addNode(pos.holder, near);
    addNode(pos.topic, near);
    addEdge("position|" + pos.id, pos.holder.id, pos.topic.id, Palette.describe(pos), pos.stance ? "position" : "outlook", Palette.of(pos).color, {
      kind: "position",
      position: pos,
    });
  }

  // drawNeighbourhood adds an entity and everything around it.
  function drawNeighbourhood(entity) {
    const centre = addNode(entity);
    const near = centre.position();
    records.set(entity.id, { kind: "entity", entity: entity });
    expanded.add(entity.id);
    centre.data("expanded", true);
    for (const r of entity.relations) {
      if (!r.other || r.other.id === entity.id) continue;
      addNode(r.other, near);
      const [from, to] = r.direction === "IN" ? [r.other, entity] : [entity, r.other];
      addEdge("rel|" + from.id + "|" + r.predicate + "|" + to.id, from.id, to.id, r.predicate, "relation", EDGE_COLOR, {
        kind: "relation",
        from: from,
        to: to,
        predicate: r.predicate,
        source: r.source,
      });
    }
    for (const role of entity.roles || []) {
      if (!role.of) continue;
      addNode(role.of, near);
      addEdge("role|" + entity.id + "|" + role.title + "|" + role.of.id, entity.id, role.of.id, role.title, "relation", EDGE_COLOR, {
        kind: "relation",
        from: entity,
        to: role.of,
        predicate: role.title,
        source: role.source,
        role: true,
      });
    }
    for (const p of entity.positions.concat(entity.positionsOn || [])) drawPosition(p, near);
    for (const c of entity.claims.concat(entity.claimsAbout)) drawClaim(c, near);
  }

  let layout = null;
  let layoutRunning = false;

  // relayout lays the graph out with fcose: from scratch (randomize) for a
  // new view, else from the current positions, so that an expansion moves
  // the drawing as little as it can.
  function relayout(randomize) {
    if (layout) layout.stop();
    const n = cy.nodes().length;
    layout = cy.layout({
      name: "fcose",
      quality: n > 300 ? "draft" : "default",
      randomize: randomize,
      animate: !randomize && n < 300,
      animationDuration: 450,
      fit: true,
      padding: 40,
      nodeDimensionsIncludeLabels: true,
      idealEdgeLength: () => 110,
      nodeRepulsion: () => 9000,
      nodeSeparation: 90,
    });
    layoutRunning = true;
    layout.one("layoutstop", () => {
      layoutRunning = false;
    });
    layout.run();
  }

  // clearGraph empties the drawing for a new view.
  function clearGraph() {
    if (layout) layout.stop();
    cy.elements().remove();
    records.clear();
    expanded.clear();
  }

  function countLine() {
    return cy.nodes().length + " nodes, " + cy.edges().length + " edges";
  }

  // ---- Loading entities -----------------------------------------------------

  // fetchEntity loads one entity's neighbourhood, by {id} or {name}.
  async function fetchEntity(key) {
    const by = key.id ? "id" : "name";
    const variables = { [by]: key[by] };
    const query = neighbourhoodQuery(by);
    const data = await graphql(query, variables);
    return { entity: data.entity, request: { query: query, variables: variables, field: "entity" } };
  }

  // expand draws the neighbourhood of a node already in the graph and shows
  // its details; an expanded node only shows its details.
  async function expand(id) {
    const node = cy.getElementById(id);
    const rec = records.get(id);
    if (rec && rec.kind === "claim") {
      showClaim(rec.claim);
      return;
    }
    if (expanded.has(id)) {
      showEntity(records.get(id).entity);
      return;
    }
    node.addClass("loading");
    setStatus("Expanding " + node.data("label") + "…");
    try {
      const { entity } = await fetchEntity({ id: id });
      if (!entity) throw new Error("The API no longer knows " + id + ".");
      const before = cy.elements().length;
      drawNeighbourhood(entity);
      const added = cy.elements().length - before;
      relayout(false);
      showEntity(entity);
      remember(entity);
      setStatus("Expanded " + entity.name + ": " + (added > 0 ? added + " new elements" : "nothing new") + " (" + countLine() + ").");
    } catch (err) {
      setStatus("Could not expand " + node.data("label") + ": " + err.message);
    } finally {
      node.removeClass("loading");
    }
  }

  // remember adds an expanded entity to the address of a neighbourhood, so
  // that a shared link shows the expansions too.
  function remember(entity) {
    if (state.mode !== "neighbourhood" || entity.name === state.entity || state.expand.includes(entity.name)) return;
    state.expand.push(entity.name);
    history.replaceState(null, "", addressOf(state));
  }

  // focusEntity selects an entity's node, adding it to the graph first when
  // it is not drawn, and expands it. In the timeline it opens the entity's
  // neighbourhood instead.
  function focusEntity(ref) {
    if (state.mode === "timeline") {
      navigate({ mode: "neighbourhood", entity: ref.name });
      return;
    }
    let node = cy.getElementById(ref.id);
    if (node.length === 0) {
      node = addNode(ref, cy.nodes().length > 0 ? cy.nodes()[0].position() : null);
    }
    cy.elements().unselect();
    node.select();
    cy.animate({ center: { eles: node }, duration: 250 });
    expand(ref.id);
  }

  // ---- The panel ------------------------------------------------------------

  // showPanel fills the panel, and cites at its foot, once, the documents
  // its citations refer to.
  function showPanel(...children) {
    details.replaceChildren(...children.flat(Infinity).filter(Boolean));
    details.scrollTop = 0;
    refreshDocuments();
  }

  // refreshDocuments (re)writes the panel's foot from the citations now in
  // it, which load after the panel shows.
  function refreshDocuments() {
    const titles = new Set([...details.querySelectorAll("[data-doc-title]")].map((n) => n.dataset.docTitle).filter(Boolean));
    const foot = details.querySelector(".ex-documents");
    if (titles.size === 0) {
      if (foot) foot.remove();
      return;
    }
    if (foot) foot.replaceWith(documentsView([...titles]));
    else details.append(documentsView([...titles]));
  }

  // claimView renders one claim: status, summary, quote, who claims it, what
  // it is about, who disputes it, where it was made, and its source.
  function claimView(claim, withHeading) {
    const status = claim.status.toLowerCase();
    return el(
      "article",
      { class: "ex-card ex-claim ex-status-" + status },
      withHeading ? el("h2", null, "Claim") : null,
      el("p", null, el("span", { class: "ex-pill ex-pill-" + status }, status), " ", claim.summary),
      quote(claim.quote),
      el("p", null, el("span", { class: "ex-label" }, "Claimed by "), entityLink(claim.claimant)),
      claim.about.length ? el("p", null, el("span", { class: "ex-label" }, "About "), joinNodes(claim.about.map(entityLink))) : null,
      claim.disputedBy.length
        ? el("p", { class: "ex-disputed" }, el("span", { class: "ex-label" }, "Disputed by "), joinNodes(claim.disputedBy.map(entityLink)))
        : el("p", { class: "ex-muted" }, "No one in the sources disputes it."),
      claim.madeIn ? el("p", null, el("span", { class: "ex-label" }, "Made in "), entityLink(claim.madeIn)) : null,
      evidenceView(claim.evidence, claim.source),
    );
  }

  // positionView renders one position: holder, stance, topic, summary,
  // quote and source.
  function positionView(pos, withHeading) {
    return el(
      "article",
      { class: "ex-card ex-position", "data-fact": pos.id },
      withHeading ? el("h2", null, "Position") : null,
      el("p", null, entityLink(pos.holder), " ", stancePills(pos), " ", entityLink(pos.topic)),
      el("p", null, pos.summary),
      quote(pos.quote),
      evidenceView(pos.evidence, pos.source),
    );
  }

  // stancePills shows a position's stance and outlook as coloured pills,
  // each with its mark so that colour is not the only cue.
  function stancePills(pos) {
    const pills = [];
    if (pos.stance) pills.push(pill(Palette.STANCES[pos.stance] || Palette.NONE, pos.stance));
    if (pos.outlook) pills.push(pill(Palette.OUTLOOKS[pos.outlook] || Palette.NONE, pos.outlook));
    if (pills.length === 0) pills.push(pill(Palette.NONE, ""));
    return el("span", { class: "ex-pills" }, joinNodes(pills));
  }

  function pill(entry, value) {
    const p = el("span", { class: "ex-pill", "data-value": value, title: entry.label }, entry.mark + " " + entry.label);
    p.style.background = entry.color;
    return p;
  }

  function showClaim(claim) {
    showPanel(claimView(claim, true));
  }

  // showEntity shows an entity's name, type, aliases and description, its
  // claims and positions, its relations and the paragraphs that mention it.
  function showEntity(e) {
    const facts = e.relations.filter((r) => r.other);
    const values = e.relations.filter((r) => !r.other && r.value && !["name", "description", "alternateName"].includes(r.predicate));
    showPanel(
      el("h2", null, e.name),
      el("p", null, typeBadge(e.type), e.date || e.dateText ? " · " + [e.date, e.dateText].filter(Boolean).join(" — ") : ""),
      e.aliases.length ? el("p", { class: "ex-aliases" }, el("span", { class: "ex-label" }, "Also called "), e.aliases.join(", ")) : null,
      e.description ? el("p", null, e.description) : null,
      el(
        "p",
        { class: "ex-actions" },
        el("button", { type: "button", on: { click: () => navigate({ mode: "neighbourhood", entity: e.name }) } }, "Centre on it"),
        el("button", { type: "button", on: { click: () => navigate({ mode: "timeline", entity: e.name }) } }, "Timeline"),
        el("button", { type: "button", on: { click: () => startConnection(e.name) } }, "Connect to…"),
      ),
      e.claimsAbout.length ? section("Claims about " + e.name, e.claimsAbout.map((c) => claimView(c))) : null,
      e.claims.length ? section("Claims " + e.name + " made", e.claims.map((c) => claimView(c))) : null,
      linksView("Broader topics", e.broader),
      linksView("Narrower topics", e.narrower),
      linksView(e.name + " is affiliated with", e.affiliatedWith),
      linksView("Affiliated with " + e.name, e.affiliates),
      ACTORS.has(e.type) ? heldView(e) : e.positions.length ? section("Positions " + e.name + " holds", e.positions.map((p) => positionView(p))) : null,
      (e.positionsOn || []).length ? section("Positions on " + e.name, e.positionsOn.map((p) => positionView(p))) : null,
      facts.length || (e.roles || []).length
        ? section(
            "Relations",
            el(
              "ul",
              { class: "ex-facts" },
              (e.roles || []).filter((r) => r.of).map((r) => el("li", null, e.name, " ", el("em", null, r.title), " ", entityLink(r.of), " ", cite(r.source))),
              facts.map((r) =>
                el(
                  "li",
                  null,
                  r.direction === "IN" ? [entityLink(r.other), " ", el("em", null, r.predicate), " ", e.name] : [e.name, " ", el("em", null, r.predicate), " ", entityLink(r.other)],
                  " ",
                  cite(r.source),
                ),
              ),
            ),
          )
        : null,
      values.length
        ? section("Values", el("ul", { class: "ex-facts" }, values.map((r) => el("li", null, el("em", null, r.predicate), ": ", r.value, " ", cite(r.source)))))
        : null,
      e.sources.length ? section("Mentioned in", el("ul", { class: "ex-facts" }, e.sources.map((s) => el("li", null, cite(s))))) : null,
    );
  }

  // ACTORS are the kinds of entity that hold positions, directly or through
  // their affiliates.
  const ACTORS = new Set(["PERSON", "STATE", "INSTITUTION"]);

  const HELD_QUERY = withFragments(`query Held($holder: String!) {
  positions(holder: $holder) { ...PositionFields }
}`);

  // linksView lists entities under a heading, or nothing when there are none.
  function linksView(title, refs) {
    if (!refs || refs.length === 0) return null;
    return section(title, el("p", { class: "ex-links" }, joinNodes(refs.map(entityLink))));
  }

  // heldView lists the positions an actor holds itself and those its
  // affiliates hold (positions(holder:) includes them), each marked "own"
  // or "via" the affiliate that holds it. It loads after the panel shows.
  function heldView(e) {
    const box = section("Positions of " + e.name + " and its affiliates", el("p", { class: "ex-muted" }, "Loading…"));
    const mine = ++heldSeq;
    graphql(HELD_QUERY, { holder: e.id })
      .then((d) => {
        if (mine !== heldSeq) return;
        const own = d.positions.filter((p) => p.holder.id === e.id);
        const via = d.positions.filter((p) => p.holder.id !== e.id);
        box.replaceChildren(
          ...[
          el("h3", null, "Positions of " + e.name + " and its affiliates"),
          d.positions.length === 0 ? el("p", { class: "ex-muted" }, "The sources state no position of " + e.name + " or its affiliates.") : null,
          own.map((p) => el("div", { class: "ex-held ex-held-own" }, el("p", { class: "ex-held-mark" }, "Own position"), positionView(p))),
          via.map((p) => el("div", { class: "ex-held ex-held-via" }, el("p", { class: "ex-held-mark" }, "Via ", entityLink(p.holder)), positionView(p))),
          ]
            .flat()
            .filter(Boolean),
        );
        refreshDocuments();
      })
      .catch((err) => {
        if (mine !== heldSeq) return;
        box.replaceChildren(el("h3", null, "Positions " + e.name + " holds"), el("p", { class: "ex-muted" }, "Could not load the affiliates' positions: " + err.message), ...e.positions.map((p) => positionView(p)));
      });
    return box;
  }
  let heldSeq = 0;

  // showEdge shows what an edge stands for, with its source.
  function showEdge(edge) {
    const rec = records.get(edge.id());
    if (!rec) return;
    if (rec.kind === "claim") {
      showClaim(rec.claim);
    } else if (rec.kind === "position") {
      showPanel(positionView(rec.position, true));
    } else {
      const where = el("div", null, el("p", { class: "ex-source" }, "Source: ", cite(rec.source)));
      showPanel(
        el("h2", null, "Relation"),
        el("p", { class: "ex-fact" }, entityLink(rec.from), " ", el("em", null, rec.predicate), " ", entityLink(rec.to)),
        rec.note ? el("p", { class: "ex-muted" }, rec.note) : null,
        where,
      );
      relationEvidence(rec).then(
        (evidence) => {
          if (evidence.length > 0 && where.isConnected) where.replaceChildren(evidenceView(evidence, rec.source));
        },
        () => {}, // the source paragraph stays
      );
    }
  }

  const RELATION_EVIDENCE_QUERY = withFragments(`query RelationEvidence($id: ID!, $predicate: String!) {
  entity(id: $id) {
    relations(predicate: $predicate, direction: OUT) { other { id } evidence { ...Ev } }
  }
}`);

  // relationEvidence loads the evidence of a relation (a role is not one,
  // and has none); the neighbourhood's query leaves it out to stay within
  // the API's cost limit.
  async function relationEvidence(rec) {
    if (rec.role || !rec.from || !rec.to || !rec.from.id || !rec.to.id) return [];
    const data = await graphql(RELATION_EVIDENCE_QUERY, { id: rec.from.id, predicate: rec.predicate });
    const r = data.entity && data.entity.relations.find((r) => r.other && r.other.id === rec.to.id);
    return r ? r.evidence : [];
  }

  cy.on("tap", "node", (ev) => expand(ev.target.id()));
  cy.on("add remove", () => {
    $("ex-tools").hidden = state.mode === "timeline" || cy.nodes().length === 0;
  });
  cy.on("tap", "edge", (ev) => showEdge(ev.target));

  // ---- Copy as code ---------------------------------------------------------

  const codeLang = $("ex-code-lang");
  const codeText = $("ex-code-text");
  const codeStatus = $("ex-code-status");
  let currentRequest = null;

  for (const [lang, label] of Object.entries(LANGUAGES)) {
    if (window.ParleyCodegen && ParleyCodegen[lang]) codeLang.append(el("option", { value: lang }, label));
  }

  // setRequest makes req ({query, variables, field}) the request that "copy
  // as code" writes out.
  function setRequest(req) {
    currentRequest = req;
    renderCode();
  }

  function renderCode() {
    codeStatus.textContent = "";
    if (!currentRequest) {
      codeText.value = "Open a view first: its GraphQL request appears here.";
      return;
    }
    codeText.value = ParleyCodegen[codeLang.value]({
      url: endpoint,
      query: currentRequest.query,
      variables: currentRequest.variables,
      operationName: null,
      headers: {},
      fields: [currentRequest.field],
    });
  }

  codeLang.addEventListener("change", renderCode);
  $("ex-code-copy").addEventListener("click", async () => {
    try {
      await navigator.clipboard.writeText(codeText.value);
      codeStatus.textContent = "Copied.";
    } catch (err) {
      codeText.focus();
      codeText.select();
      codeStatus.textContent = document.execCommand("copy") ? "Copied." : "Press Ctrl+C to copy the selection.";
    }
  });
  renderCode();

  // ---- Views ----------------------------------------------------------------

  // state is the current view, as in the address bar.
  const state = { mode: "neighbourhood", entity: "", id: "", to: "", hops: "4", expand: [], doc: "", fact: "" };
  // viewSeq numbers the views, so that a slow answer for an old view is
  // dropped.
  let viewSeq = 0;

  // notFound explains an unknown or ambiguous name, and offers the search
  // results for it as links.
  async function notFound(name, err) {
    let hits = [];
    try {
      hits = (await graphql(SEARCH_QUERY, { text: name })).search;
    } catch (e) {
      // keep the original error
    }
    const text =
      err.code === "NOT_FOUND"
        ? "Parley knows nothing called “" + name + "”."
        : err.code === "BAD_USER_INPUT"
          ? "“" + name + "” names more than one entity."
          : err.message;
    const choices = hits.length
      ? el("div", null, el("p", null, "Did you mean:"), el("ul", { class: "ex-try" }, hits.map((h) => el("li", null, el("a", { href: "?" + new URLSearchParams(h.name === name ? { id: h.id } : { entity: h.name }) }, h.name), " ", typeBadge(h.type)))))
      : null;
    showMessage("error", text, choices);
  }

  async function showNeighbourhood(seq) {
    const key = state.id ? { id: state.id } : { name: state.entity };
    const label = state.entity || state.id;
    clearGraph();
    showMessage("loading", "Loading the neighbourhood of " + label + "…");
    setStatus("");
    try {
      const { entity, request } = await fetchEntity(key);
      if (seq !== viewSeq) return;
      setRequest(request);
      if (!entity) throw Object.assign(new Error("Nothing found."), { code: "NOT_FOUND" });
      showMessage(null);
      drawNeighbourhood(entity);
      const missed = [];
      for (const name of state.expand) {
        try {
          const more = (await fetchEntity({ name: name })).entity;
          if (seq !== viewSeq) return;
          if (more) drawNeighbourhood(more);
        } catch (err) {
          missed.push(name);
        }
      }
      cy.getElementById(entity.id).addClass("root").select();
      relayout(true);
      showEntity(entity);
      document.title = entity.name + " — Parley explorer";
      setStatus(
        entity.name +
          (state.expand.length ? " and " + state.expand.length + " expanded" : "") +
          ": " +
          countLine() +
          ". Click a node to expand it, an edge for its source." +
          (missed.length ? " Could not expand " + missed.join(", ") + "." : ""),
      );
    } catch (err) {
      if (seq !== viewSeq) return;
      await notFound(label, err);
    }
  }

  async function showConnection(seq) {
    clearGraph();
    const variables = { from: state.entity, to: state.to, maxHops: Number(state.hops) || 4 };
    setRequest({ query: CONNECTION_QUERY, variables: variables, field: "connection" });
    showMessage("loading", "Looking for a connection from " + state.entity + " to " + state.to + "…");
    setStatus("");
    try {
      const hops = (await graphql(CONNECTION_QUERY, variables)).connection;
      if (seq !== viewSeq) return;
      document.title = state.entity + " → " + state.to + " — Parley explorer";
      if (!hops || hops.length === 0) {
        showMessage("empty", "No connection from " + state.entity + " to " + state.to + " within " + variables.maxHops + " hops. Allow more hops, or try other names.");
        return;
      }
      showMessage(null);
      const path = [hops[0].from].concat(hops.map((h) => h.to));
      path.forEach((ref, i) => addNode(ref, null).position({ x: i * 220, y: i % 2 === 0 ? 0 : 70 }));
      hops.forEach((h, i) => {
        const [from, to] = h.inverse ? [h.to, h.from] : [h.from, h.to];
        const id = "hop|" + i + "|" + from.id + "|" + h.predicate + "|" + to.id;
        addEdge(id, from.id, to.id, h.predicate, "relation", EDGE_COLOR, {
          kind: "relation",
          from: from,
          to: to,
          predicate: h.predicate,
          source: h.source,
          note: h.via ? "Through " + h.via + "." : null,
        });
        cy.getElementById(id).addClass("path");
      });
      cy.nodes().first().addClass("root");
      cy.nodes().last().addClass("root");
      cy.fit(undefined, 60);
      setStatus(hops.length + (hops.length === 1 ? " hop" : " hops") + " from " + path[0].name + " to " + path[path.length - 1].name + ". Click a node to expand it.");
      showPanel(
        el("h2", null, "From " + path[0].name + " to " + path[path.length - 1].name),
        el("p", { class: "ex-muted" }, "The shortest chain of relations, read from the sources. An arrow runs from a fact's subject to its object, so some run backwards along the path."),
        el(
          "ol",
          { class: "ex-hops" },
          hops.map((h) => {
            const [from, to] = h.inverse ? [h.to, h.from] : [h.from, h.to];
            return el("li", null, el("p", { class: "ex-fact" }, entityLink(from), " ", el("em", null, h.predicate), " ", entityLink(to)), el("p", { class: "ex-source" }, cite(h.source)));
          }),
        ),
      );
    } catch (err) {
      if (seq !== viewSeq) return;
      showMessage("error", err.code === "NOT_FOUND" ? err.message + " Check both names: the suggestions list what Parley knows." : err.message);
    }
  }

  // firstOffset is where a fact is first evidenced in the document (its
  // earliest span, else its first paragraph), for document order.
  function firstOffset(fact) {
    const starts = (fact.evidence || []).map((ev) => ev.start);
    if (starts.length > 0) return Math.min(...starts);
    const paras = (fact.sources || []).map((s) => s.paragraph || Infinity);
    return paras.length > 0 ? 1e12 + Math.min(...paras) : Infinity;
  }

  // eventView renders one event: name, date or "undated", status, place,
  // participants and its evidence.
  function eventView(ev, withHeading, compact) {
    return el(
      "article",
      { class: "ex-card ex-event-card", "data-fact": ev.id },
      withHeading ? el("h2", null, "Event") : null,
      el("h3", null, entityLink(ev)),
      el("p", null, ev.date ? el("time", { datetime: ev.date }, ev.date) : el("span", { class: "ex-undated-mark" }, "undated"), ev.dateText && ev.dateText !== ev.date ? " (“" + ev.dateText + "”)" : "", ev.status ? " · " + ev.status.toLowerCase() : ""),
      ev.description ? el("p", null, ev.description) : null,
      ev.location ? el("p", null, el("span", { class: "ex-label" }, "Where "), entityLink(ev.location)) : null,
      ev.participants.length ? el("p", null, el("span", { class: "ex-label" }, "Who "), joinNodes(ev.participants.map(entityLink))) : null,
      ev.evidence && ev.evidence.length
        ? compact
          ? el("details", { class: "ex-event-evidence" }, el("summary", null, "Evidence (" + ev.evidence.length + (ev.evidence.length === 1 ? " passage)" : " passages)")), evidenceView(ev.evidence, null))
          : evidenceView(ev.evidence, null)
        : ev.sources.length ? el("p", { class: "ex-source" }, "Source: ", joinNodes(ev.sources.map(cite))) : null,
    );
  }

  // timelineAxis places dated events on a time axis, evenly by date.
  function timelineAxis(events) {
    const days = events.map((ev) => Date.parse(ev.date));
    const lo = Math.min(...days);
    const span = Math.max(...days) - lo || 1;
    const axis = el("div", { class: "ex-axis", role: "img", "aria-label": "Time axis from " + events[0].date + " to " + events[events.length - 1].date });
    events.forEach((ev, i) => {
      const x = events.length === 1 ? 50 : 4 + (92 * (days[i] - lo)) / span;
      const mark = el("button", { type: "button", class: "ex-axis-mark", title: ev.date + ": " + ev.name, on: { click: () => showPanel(eventView(ev, true)) } }, el("span", { class: "ex-axis-label" }, ev.date));
      mark.style.left = x + "%";
      mark.style.setProperty("--row", String(i % 3));
      axis.append(mark);
    });
    return axis;
  }

  async function showTimeline(seq) {
    clearGraph();
    timeline.replaceChildren();
    const variables = { name: state.entity };
    setRequest({ query: TIMELINE_QUERY, variables: variables, field: "timeline" });
    showMessage("loading", "Loading the events of " + state.entity + "…");
    setStatus("");
    try {
      const data = await graphql(TIMELINE_QUERY, variables);
      const entity = data.entity;
      if (seq !== viewSeq) return;
      if (!entity) throw Object.assign(new Error("Nothing found."), { code: "NOT_FOUND" });
      document.title = entity.name + ": timeline — Parley explorer";
      const dated = data.timeline;
      const undated = entity.events.filter((ev) => !ev.date).sort((a, b) => firstOffset(a) - firstOffset(b));
      if (dated.length + undated.length === 0) {
        showMessage("empty", "The sources name no event that " + entity.name + " took part in.");
        return;
      }
      showMessage(null);
      setStatus(entity.name + ": " + dated.length + " dated events (as timeline(entity:) answers), " + undated.length + " undated.");
      const items = [
        el("li", { class: "ex-timeline-part" }, el("h3", null, "Dated"), dated.length ? timelineAxis(dated) : el("p", { class: "ex-muted" }, "The sources date none of these events.")),
        ...dated.map((ev) => el("li", { class: "ex-event" }, eventView(ev, false, true))),
        undated.length ? el("li", { class: "ex-timeline-part" }, el("h3", null, "Undated, in the order the document tells them")) : null,
        ...undated.map((ev) => el("li", { class: "ex-event ex-undated" }, eventView(ev, false, true))),
      ].filter(Boolean);
      timeline.replaceChildren(...items);
      showPanel(
        el("h2", null, entity.name + ": timeline"),
        el("p", null, typeBadge(entity.type)),
        entity.aliases.length ? el("p", null, el("span", { class: "ex-label" }, "Also called "), entity.aliases.join(", ")) : null,
        entity.description ? el("p", null, entity.description) : null,
        el(
          "p",
          { class: "ex-actions" },
          el("button", { type: "button", on: { click: () => navigate({ mode: "neighbourhood", entity: entity.name }) } }, "Neighbourhood"),
          el("button", { type: "button", on: { click: () => startConnection(entity.name) } }, "Connect to…"),
        ),
        el("p", { class: "ex-muted" }, "The dated events are those GraphQL's timeline(entity:) answers, oldest first, on a time axis. The undated events " + entity.name + " took part in follow, in the order the source first tells them, marked undated."),
      );
    } catch (err) {
      if (seq !== viewSeq) return;
      await notFound(state.entity, err);
    }
  }

  // showMatrix draws the actor × topic grid: a row per holder, a column per
  // topic, each cell coloured by the stances (or outlooks) of the holder's
  // positions on that topic; clicking a cell shows them with their evidence.
  async function showMatrix(seq) {
    clearGraph();
    page.replaceChildren();
    setRequest({ query: MATRIX_QUERY, variables: {}, field: "positions" });
    showMessage("loading", "Loading every position…");
    setStatus("");
    try {
      const positions = (await graphql(MATRIX_QUERY, {})).positions;
      if (seq !== viewSeq) return;
      document.title = "Stance matrix — Parley explorer";
      showMessage(null);
      const rows = byCount(positions, (p) => p.holder);
      const cols = byCount(positions, (p) => p.topic);
      const cells = new Map();
      for (const p of positions) {
        const key = p.holder.id + "|" + p.topic.id;
        if (!cells.has(key)) cells.set(key, []);
        cells.get(key).push(p);
      }
      const head = el("tr", null, el("th", { scope: "col", class: "ex-matrix-corner" }, "Actor \\ topic"), cols.map((t) => el("th", { scope: "col", class: "ex-matrix-topic" }, el("span", null, entityLink(t)))));
      const body = rows.map((h) =>
        el(
          "tr",
          null,
          el("th", { scope: "row" }, entityLink(h)),
          cols.map((t) => {
            const ps = cells.get(h.id + "|" + t.id);
            if (!ps) return el("td", { class: "ex-matrix-empty" });
            return el("td", null, matrixCell(h, t, ps));
          }),
        ),
      );
      page.append(
        el("h2", null, "Stance matrix"),
        el("p", { class: "ex-muted" }, positions.length + " positions of " + rows.length + " actors on " + cols.length + " topics. A cell shows the stance (or, when the source states none, the outlook) of each position the actor holds on the topic; click it for the positions and their evidence."),
        el("ul", { class: "ex-matrix-legend" }, stanceLegend()),
        el("div", { class: "ex-matrix-scroll" }, el("table", { class: "ex-matrix" }, el("thead", null, head), el("tbody", null, body))),
      );
      setStatus(positions.length + " positions, " + rows.length + " actors × " + cols.length + " topics.");
      showPanel(el("h2", null, "Stance matrix"), el("p", null, "Click a cell to read the positions behind it."));
    } catch (err) {
      if (seq !== viewSeq) return;
      showMessage("error", err.message);
    }
  }

  // byCount lists the distinct entities key picks out of items, most
  // frequent first, then by name.
  function byCount(items, key) {
    const seen = new Map();
    for (const it of items) {
      const ref = key(it);
      const e = seen.get(ref.id) || { ref: ref, n: 0 };
      e.n++;
      seen.set(ref.id, e);
    }
    return [...seen.values()].sort((a, b) => b.n - a.n || a.ref.name.localeCompare(b.ref.name)).map((e) => e.ref);
  }

  // matrixCell is a button coloured by the positions' stances: one band per
  // position, each with its mark.
  function matrixCell(holder, topic, ps) {
    const entries = ps.map((p) => Palette.of(p));
    const cell = el(
      "button",
      {
        type: "button",
        class: "ex-matrix-cell",
        title: holder.name + " on " + topic.name + ": " + ps.map((p) => Palette.describe(p)).join("; "),
        "data-stances": ps.map((p) => p.stance || p.outlook || "").join(" "),
        on: { click: () => showPanel(el("h2", null, holder.name + " on " + topic.name), ps.map((p) => positionView(p))) },
      },
      entries.map((e) => e.mark).join(" "),
    );
    const n = entries.length;
    cell.style.background = n === 1 ? entries[0].color : "linear-gradient(90deg, " + entries.map((e, i) => e.color + " " + (100 * i) / n + "% " + (100 * (i + 1)) / n + "%").join(", ") + ")";
    return cell;
  }

  // showReader shows a whole document, paragraph by paragraph, with the span
  // of every fact highlighted; clicking a highlight shows its facts.
  async function showReader(seq) {
    clearGraph();
    page.replaceChildren();
    setRequest({ query: READER_QUERY, variables: {}, field: "sources" });
    showMessage("loading", "Loading the document…");
    setStatus("");
    try {
      const [paras0, factsData] = await Promise.all([graphql(READER_QUERY, {}), graphql(READER_FACTS_QUERY, {})]);
      const data = Object.assign({}, paras0, factsData);
      if (seq !== viewSeq) return;
      for (const s of data.sources) texts.set(s.id, s);
      const docs = new Map();
      for (const s of data.sources) if (s.document) docs.set(s.document.id, s.document);
      const doc = docs.get(state.doc) || [...docs.values()].find((d) => d.file === state.doc || d.title === state.doc) || [...docs.values()][0];
      if (!doc) {
        showMessage("empty", "The graph cites no document.");
        return;
      }
      showMessage(null);
      document.title = doc.title + " — Parley reader";
      const facts = [];
      for (const p of data.positions) facts.push({ kind: "position", fact: p });
      for (const c of data.claims) facts.push({ kind: "claim", fact: c });
      for (const ev of data.events) facts.push({ kind: "event", fact: ev });
      const spans = new Map(); // paragraph IRI → spans, each with its fact
      for (const f of facts) {
        for (const ev of f.fact.evidence || []) {
          if (!spans.has(ev.source.id)) spans.set(ev.source.id, []);
          spans.get(ev.source.id).push(Object.assign({}, ev, { fact: f }));
        }
      }
      const paras = data.sources.filter((s) => s.document && s.document.id === doc.id).sort((a, b) => (a.paragraph || 0) - (b.paragraph || 0));
      const out = [el("h2", { class: "ex-reader-title" }, doc.title), doc.registered ? null : unregistered({ document: doc })];
      let sectionName = null;
      let marked = 0;
      for (const s of paras) {
        if (s.section && s.section !== sectionName) {
          sectionName = s.section;
          if (s.text !== s.section) out.push(el("h3", { class: "ex-reader-section" }, s.section));
        }
        const mine = spans.get(s.id) || [];
        marked += mine.length;
        if (s.text === null || s.text === undefined) {
          out.push(el("p", { class: "ex-reader-para ex-muted", "data-paragraph": s.paragraph }, "¶" + s.paragraph + ": " + mine.length + " facts (text not registered)"));
          continue;
        }
        out.push(el("div", { class: "ex-reader-para", id: "p" + s.paragraph, "data-paragraph": s.paragraph }, el("span", { class: "ex-reader-num" }, s.paragraph), paragraphText(s, mine, showFacts)));
      }
      page.append(...out.filter(Boolean));
      // The form for adding statements from a selection (authoring.js).
      if (window.ParleyAuthoring) window.ParleyAuthoring.reader({ doc: doc, paragraphs: paras, page: page, graphql: graphql, reload: render });
      setStatus(paras.length + " paragraphs, " + marked + " evidence spans of " + facts.length + " facts. Click a highlight to read the fact.");
      const chosen = state.fact && facts.find((f) => f.fact.id === state.fact);
      if (chosen) {
        showFacts([{ fact: chosen }]);
        const mark = [...page.querySelectorAll("mark[data-facts]")].find((m) => m.dataset.facts.split(" ").includes(chosen.fact.id));
        if (mark) {
          mark.classList.add("ex-span-chosen");
          mark.scrollIntoView({ block: "center" });
        }
      }
      else showPanel(el("h2", null, "Reader"), el("p", null, "Every highlighted passage is the evidence of a fact in the graph. Click one to read the fact."), el("p", null, cite(paras[0] || null)));
    } catch (err) {
      if (seq !== viewSeq) return;
      showMessage("error", err.message);
    }
  }

  // showFacts shows the facts of the spans under a clicked highlight, and
  // keeps the first in the address.
  function showFacts(spans) {
    const seen = new Set();
    const views = [];
    for (const s of spans) {
      const f = s.fact;
      if (seen.has(f.fact.id)) continue;
      seen.add(f.fact.id);
      views.push(f.kind === "position" ? positionView(f.fact, true) : f.kind === "claim" ? claimView(f.fact, true) : eventView(f.fact, true));
    }
    if (views.length === 0) return;
    state.fact = spans[0].fact.fact.id;
    for (const m of page.querySelectorAll(".ex-span-chosen")) m.classList.remove("ex-span-chosen");
    for (const m of page.querySelectorAll("mark[data-facts]")) {
      if (m.dataset.facts.split(" ").includes(state.fact)) m.classList.add("ex-span-chosen");
    }
    history.replaceState(null, "", addressOf(state));
    showPanel(...views);
  }

  // ---- Mode, address and form -----------------------------------------------

  // PAGE_MODES are the views that need no entity and show a page instead
  // of the graph.
  const PAGE_MODES = new Set(["matrix", "reader"]);

  // applyMode shows the fields and the stage of a mode.
  function applyMode(mode) {
    state.mode = mode;
    for (const b of document.querySelectorAll("[data-mode]")) b.setAttribute("aria-pressed", String(b.dataset.mode === mode));
    for (const f of document.querySelectorAll("[data-only]")) f.hidden = f.dataset.only !== mode;
    toInput.required = mode === "connection";
    $("ex-entity-label").textContent = mode === "connection" ? "From" : "Entity";
    const isTimeline = mode === "timeline";
    const isPage = PAGE_MODES.has(mode);
    timeline.hidden = !isTimeline;
    page.hidden = !isPage;
    graphBox.hidden = isTimeline || isPage;
    $("ex-legend").hidden = isTimeline || isPage;
    $("ex-tools").hidden = isTimeline || isPage || cy.nodes().length === 0;
  }

  // readAddress sets state from the address bar.
  function readAddress() {
    const p = new URLSearchParams(location.search);
    const mode = p.get("mode");
    state.mode = ["connection", "timeline", "matrix", "reader"].includes(mode) ? mode : "neighbourhood";
    state.doc = p.get("doc") || "";
    state.fact = p.get("fact") || "";
    state.entity = p.get("entity") || p.get("from") || "";
    state.id = p.get("id") || "";
    state.to = p.get("to") || "";
    state.hops = p.get("hops") || "4";
    state.expand = p.getAll("expand").filter(Boolean);
  }

  function addressOf(s) {
    const p = new URLSearchParams();
    if (s.mode !== "neighbourhood") p.set("mode", s.mode);
    if (s.id && s.mode === "neighbourhood") p.set("id", s.id);
    else if (s.entity && !PAGE_MODES.has(s.mode)) p.set("entity", s.entity);
    if (s.mode === "neighbourhood") {
      for (const name of s.expand) p.append("expand", name);
    }
    if (s.mode === "reader") {
      if (s.doc) p.set("doc", s.doc);
      if (s.fact) p.set("fact", s.fact);
    }
    if (s.mode === "connection") {
      if (s.to) p.set("to", s.to);
      if (s.hops && s.hops !== "4") p.set("hops", s.hops);
    }
    const q = p.toString();
    return location.pathname + (q ? "?" + q : "");
  }

  // render shows the view that state describes.
  function render() {
    const seq = ++viewSeq;
    if (window.ParleyAuthoring) window.ParleyAuthoring.leave();
    applyMode(state.mode);
    entityInput.value = state.entity || state.id;
    toInput.value = state.to;
    hopsSelect.value = state.hops;
    if (state.mode === "matrix") {
      showMatrix(seq);
      return;
    }
    if (state.mode === "reader") {
      showReader(seq);
      return;
    }
    if (!state.entity && !state.id) {
      clearGraph();
      showMessage("empty", state.mode === "connection" ? "Name two entities to see how they are connected." : "Type a name above to begin: Pokrovsk, Witkoff, frozen assets…");
      return;
    }
    if (state.mode === "connection") {
      if (!state.to) {
        clearGraph();
        showMessage("empty", "Now name the entity to connect " + state.entity + " to.");
        toInput.focus();
        return;
      }
      showConnection(seq);
    } else if (state.mode === "timeline") {
      showTimeline(seq);
    } else {
      showNeighbourhood(seq);
    }
  }

  // navigate moves to a new view, keeping the old one in the history.
  function navigate(next) {
    Object.assign(state, { id: "", expand: [], fact: "" }, next);
    history.pushState(null, "", addressOf(state));
    render();
  }

  // startConnection switches to the connection mode with from filled in.
  function startConnection(from) {
    applyMode("connection");
    entityInput.value = from;
    toInput.value = "";
    toInput.focus();
  }

  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    const name = entityInput.value.trim();
    if (!name) return;
    // From the matrix or the reader, a name opens its neighbourhood.
    navigate({ mode: PAGE_MODES.has(state.mode) ? "neighbourhood" : state.mode, entity: name, to: toInput.value.trim(), hops: hopsSelect.value });
  });

  for (const b of document.querySelectorAll("[data-mode]")) {
    b.addEventListener("click", () => {
      if (PAGE_MODES.has(b.dataset.mode)) {
        navigate({ mode: b.dataset.mode });
        return;
      }
      applyMode(b.dataset.mode);
      if (entityInput.value.trim() && (b.dataset.mode !== "connection" || toInput.value.trim())) form.requestSubmit();
      else (b.dataset.mode === "connection" && entityInput.value.trim() ? toInput : entityInput).focus();
    });
  }

  window.addEventListener("popstate", () => {
    readAddress();
    render();
  });

  $("ex-fit").addEventListener("click", () => cy.fit(undefined, 40));
  $("ex-relayout").addEventListener("click", () => relayout(true));

  // ---- Suggestions ----------------------------------------------------------

  // combobox makes input an ARIA combobox with a list of suggestions from
  // the search query, driven by the keyboard (arrows, Enter, Escape) or the
  // mouse; onPick runs after a suggestion is chosen.
  function combobox(input, onPick) {
    const list = el("ul", { id: input.id + "-list", class: "ex-suggestions", role: "listbox", "aria-label": "Suggestions", hidden: true });
    const box = el("div", { class: "ex-combo" });
    input.classList.remove("ex-combo");
    input.replaceWith(box);
    box.append(input, list);
    for (const [k, v] of Object.entries({ role: "combobox", "aria-autocomplete": "list", "aria-expanded": "false", "aria-controls": list.id })) {
      input.setAttribute(k, v);
    }
    let items = [];
    let active = -1;
    let timer = 0;
    let seq = 0;

    function close() {
      list.hidden = true;
      active = -1;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
    }

    function draw() {
      const text = input.value.trim().toLowerCase();
      list.replaceChildren(
        ...items.map((it, i) => {
          if (it.snippet) {
            return el(
              "li",
              { id: list.id + "-" + i, role: "option", class: "ex-suggestion ex-suggestion-text", "aria-selected": String(i === active), on: { mousedown: (ev) => { ev.preventDefault(); pick(i); } } },
              swatch(it.type),
              el("span", { class: "ex-suggestion-name" }, it.name),
              el("span", { class: "ex-muted" }, " · " + it.what + ": "),
              snippetNode(it.snippet),
            );
          }
          const alias = it.aliases.find((a) => a.toLowerCase().includes(text)) || it.aliases[0];
          return el(
            "li",
            { id: list.id + "-" + i, role: "option", class: "ex-suggestion", "aria-selected": String(i === active), on: { mousedown: (ev) => { ev.preventDefault(); pick(i); } } },
            swatch(it.type),
            el("span", { class: "ex-suggestion-name" }, it.name),
            alias ? el("span", { class: "ex-muted" }, " also " + alias) : null,
            el("span", { class: "ex-suggestion-type" }, TYPES[it.type] ? TYPES[it.type].label : it.type),
          );
        }),
      );
      if (items.length === 0 && text) {
        list.append(el("li", { class: "ex-suggestion ex-muted", role: "option", "aria-disabled": "true" }, "Nothing matches “" + input.value.trim() + "”."));
      }
      list.hidden = list.children.length === 0;
      input.setAttribute("aria-expanded", String(!list.hidden));
      if (active >= 0) input.setAttribute("aria-activedescendant", list.id + "-" + active);
      else input.removeAttribute("aria-activedescendant");
    }

    async function suggest() {
      const text = input.value.trim();
      const mine = ++seq;
      if (!text) {
        items = [];
        close();
        return;
      }
      try {
        const data = await graphql(SEARCH_QUERY, { text: text });
        if (mine !== seq || document.activeElement !== input) return;
        items = data.search.concat(textSuggestions(data.hits));
        active = -1;
        draw();
      } catch (err) {
        close();
      }
    }

    function pick(i) {
      input.value = items[i].name;
      seq++;
      close();
      onPick(items[i]);
    }

    input.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(suggest, 120);
    });
    input.addEventListener("keydown", (ev) => {
      if (ev.key === "ArrowDown" || ev.key === "ArrowUp") {
        const n = items.length;
        if (list.hidden || n === 0) {
          if (list.hidden) suggest();
          return;
        }
        ev.preventDefault();
        active = ev.key === "ArrowDown" ? (active + 1) % n : (active - 1 + n) % n;
        draw();
      } else if (ev.key === "Enter" && !list.hidden && items.length > 0) {
        // Enter takes the highlighted suggestion, else the top one.
        ev.preventDefault();
        pick(active >= 0 ? active : 0);
      } else if (ev.key === "Escape") {
        close();
      } else if (ev.key === "Enter") {
        seq++;
        close();
      }
    });
    input.addEventListener("blur", () => setTimeout(close, 100));
  }

  combobox(entityInput, () => {
    if (state.mode === "connection" && !toInput.value.trim()) toInput.focus();
    else form.requestSubmit();
  });
  combobox(toInput, () => {
    if (entityInput.value.trim()) form.requestSubmit();
  });

  // ---- Legend and counts ------------------------------------------------------

  $("ex-legend").replaceChildren(
    el("h2", null, "Legend"),
    el(
      "ul",
      null,
      Object.entries(TYPES).map(([type, t]) => el("li", null, swatch(type), t.label)),
      stanceLegend(),
      el("li", null, el("span", { class: "ex-line ex-line-claim" }), "claims, about"),
      el("li", null, el("span", { class: "ex-line ex-line-dispute" }), "disputes"),
    ),
  );

  // stanceLegend lists the colour and mark of every stance and outlook; an
  // edge of a position with only an outlook is dashed.
  function stanceLegend() {
    const item = (entry, dashed) => {
      const line = el("span", { class: "ex-line" + (dashed ? " ex-line-outlook" : "") });
      line.style.borderColor = entry.color;
      return el("li", { class: "ex-legend-stance" }, line, entry.mark + " " + entry.label);
    };
    return [
      el("li", { class: "ex-legend-head" }, "Positions: stance"),
      Object.values(Palette.STANCES).map((e) => item(e, false)),
      el("li", { class: "ex-legend-head" }, "outlook only (dashed)"),
      Object.values(Palette.OUTLOOKS).map((e) => item(e, true)),
    ];
  }

  const documentsLoaded = graphql(DOCUMENTS_QUERY, {}).then(
    (d) => {
      for (const s of d.sources) if (s.document) documents.set(s.document.title, s.document);
    },
    () => {}, // the panels then cite the title alone
  );

  // The counts go into the introduction, which a view may have replaced by
  // the time they arrive: then they go nowhere.
  const counts = $("ex-counts");
  graphql(COUNTS_QUERY, {})
    .then((d) => {
      const disputed = d.claims.filter((c) => c.status === "DISPUTED").length;
      counts.textContent =
        "It holds " + d.entities.totalCount + " entities, " + d.positions.length + " positions and " + d.claims.length + " claims (" + disputed + " disputed), from " + d.sources.length + " source paragraphs.";
    })
    .catch((err) => {
      counts.textContent = "The GraphQL API does not answer: " + err.message;
    });

  // parleyExplorer lets tests and the console reach the graph; settled()
  // is true when no layout runs and no node is loading.
  window.parleyExplorer = {
    cy: cy,
    state: state,
    settled: () => !layoutRunning && cy.nodes(".loading").length === 0,
  };

  readAddress();
  history.replaceState(null, "", addressOf(state));
  render();
  if (!state.entity && !state.id) entityInput.focus();
})();
