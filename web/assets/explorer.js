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

  // STANCES colours the position edges: against, for, in between.
  const STANCES = {
    DEMANDS: "#b91c1c", REJECTS: "#b91c1c", OPPOSES: "#b91c1c",
    SUPPORTS: "#15803d", OPTIMISTIC: "#15803d",
    CONDITIONAL: "#b45309", SKEPTICAL: "#b45309", NEUTRAL: "#64748b",
  };

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
    Ref: "fragment Ref on Entity { id name type }",
    PositionFields: `fragment PositionFields on Position {
  id stance summary quote
  holder { ...Ref }
  topic { ...Ref }
  source { ...Cite }
}`,
    ClaimFields: `fragment ClaimFields on Claim {
  id summary status quote
  claimant { ...Ref }
  about { ...Ref }
  disputedBy { ...Ref }
  madeIn { ...Ref }
  source { ...Cite }
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
    ... on Person { roles { title of { ...Ref } source { ...Cite } } }
    ... on Topic { positionsOn { ...PositionFields } }
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

  const TIMELINE_QUERY = withFragments(`query Timeline($name: String!) {
  entity(name: $name) {
    ...Ref
    aliases
    description
    events {
      ...Ref
      date
      dateText
      description
      location { ...Ref }
      participants { ...Ref }
      sources { ...Cite }
    }
  }
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
    for (const c of children.flat()) {
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

  // cite renders a source paragraph: "¶18 · section · title".
  function cite(src) {
    if (!src) return el("span", { class: "ex-cite ex-muted" }, "no source recorded");
    const where = [];
    if (src.paragraph) where.push("paragraph " + src.paragraph);
    if (src.section) where.push("section “" + src.section + "”");
    return el(
      "cite",
      { class: "ex-cite", title: src.id || "" },
      el("span", { class: "ex-cite-where" }, where.join(", ") || "paragraph unknown"),
      " of ",
      el("span", { class: "ex-cite-doc" }, src.title || "an untitled document"),
    );
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
    addEdge("position|" + pos.id, pos.holder.id, pos.topic.id, pos.stance.toLowerCase(), "position", STANCES[pos.stance] || EDGE_COLOR, {
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

  function showPanel(...children) {
    details.replaceChildren(...children.filter(Boolean));
    details.scrollTop = 0;
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
      el("p", { class: "ex-source" }, "Source: ", cite(claim.source)),
    );
  }

  // positionView renders one position: holder, stance, topic, summary,
  // quote and source.
  function positionView(pos, withHeading) {
    const stance = el("span", { class: "ex-pill" }, pos.stance.toLowerCase());
    stance.style.background = STANCES[pos.stance] || EDGE_COLOR;
    return el(
      "article",
      { class: "ex-card ex-position" },
      withHeading ? el("h2", null, "Position") : null,
      el("p", null, entityLink(pos.holder), " ", stance, " ", entityLink(pos.topic)),
      el("p", null, pos.summary),
      quote(pos.quote),
      el("p", { class: "ex-source" }, "Source: ", cite(pos.source)),
    );
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
      e.positions.length ? section("Positions " + e.name + " holds", e.positions.map((p) => positionView(p))) : null,
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

  // showEdge shows what an edge stands for, with its source.
  function showEdge(edge) {
    const rec = records.get(edge.id());
    if (!rec) return;
    if (rec.kind === "claim") {
      showClaim(rec.claim);
    } else if (rec.kind === "position") {
      showPanel(positionView(rec.position, true));
    } else {
      showPanel(
        el("h2", null, "Relation"),
        el("p", { class: "ex-fact" }, entityLink(rec.from), " ", el("em", null, rec.predicate), " ", entityLink(rec.to)),
        rec.note ? el("p", { class: "ex-muted" }, rec.note) : null,
        el("p", { class: "ex-source" }, "Source: ", cite(rec.source)),
      );
    }
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
  const state = { mode: "neighbourhood", entity: "", id: "", to: "", hops: "4", expand: [] };
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

  async function showTimeline(seq) {
    clearGraph();
    timeline.replaceChildren();
    const variables = { name: state.entity };
    setRequest({ query: TIMELINE_QUERY, variables: variables, field: "entity" });
    showMessage("loading", "Loading the events of " + state.entity + "…");
    setStatus("");
    try {
      const entity = (await graphql(TIMELINE_QUERY, variables)).entity;
      if (seq !== viewSeq) return;
      if (!entity) throw Object.assign(new Error("Nothing found."), { code: "NOT_FOUND" });
      document.title = entity.name + ": timeline — Parley explorer";
      if (entity.events.length === 0) {
        showMessage("empty", "The sources name no event that " + entity.name + " took part in.");
        return;
      }
      showMessage(null);
      const dated = entity.events.filter((e) => e.date).length;
      setStatus(entity.name + ": " + entity.events.length + " events, " + dated + " of them dated.");
      timeline.replaceChildren(
        ...entity.events.map((ev) =>
          el(
            "li",
            { class: "ex-event" + (ev.date ? "" : " ex-undated") },
            el("time", { datetime: ev.date || null, class: "ex-when" }, ev.date || "undated", ev.dateText && ev.dateText !== ev.date ? el("span", { class: "ex-muted" }, "“" + ev.dateText + "”") : null),
            el(
              "div",
              { class: "ex-event-body" },
              el("h3", null, entityLink(ev)),
              ev.description ? el("p", null, ev.description) : null,
              ev.location ? el("p", null, el("span", { class: "ex-label" }, "Where "), entityLink(ev.location)) : null,
              ev.participants.length ? el("p", null, el("span", { class: "ex-label" }, "Who "), joinNodes(ev.participants.map(entityLink))) : null,
              ev.sources.length ? el("p", { class: "ex-source" }, "Source: ", joinNodes(ev.sources.map(cite))) : null,
            ),
          ),
        ),
      );
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
        el("p", { class: "ex-muted" }, "Oldest first. Events the sources do not date come last, with the words the source uses (“Tuesday”). Click a name to see its neighbourhood."),
      );
    } catch (err) {
      if (seq !== viewSeq) return;
      await notFound(state.entity, err);
    }
  }

  // ---- Mode, address and form -----------------------------------------------

  // applyMode shows the fields and the stage of a mode.
  function applyMode(mode) {
    state.mode = mode;
    for (const b of document.querySelectorAll("[data-mode]")) b.setAttribute("aria-pressed", String(b.dataset.mode === mode));
    for (const f of document.querySelectorAll("[data-only]")) f.hidden = f.dataset.only !== mode;
    toInput.required = mode === "connection";
    $("ex-entity-label").textContent = mode === "connection" ? "From" : "Entity";
    const isTimeline = mode === "timeline";
    timeline.hidden = !isTimeline;
    graphBox.hidden = isTimeline;
    $("ex-legend").hidden = isTimeline;
    $("ex-tools").hidden = isTimeline || cy.nodes().length === 0;
  }

  // readAddress sets state from the address bar.
  function readAddress() {
    const p = new URLSearchParams(location.search);
    const mode = p.get("mode");
    state.mode = mode === "connection" || mode === "timeline" ? mode : "neighbourhood";
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
    else if (s.entity) p.set("entity", s.entity);
    if (s.mode === "neighbourhood") {
      for (const name of s.expand) p.append("expand", name);
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
    applyMode(state.mode);
    entityInput.value = state.entity || state.id;
    toInput.value = state.to;
    hopsSelect.value = state.hops;
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
    Object.assign(state, { id: "", expand: [] }, next);
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
    navigate({ mode: state.mode, entity: name, to: toInput.value.trim(), hops: hopsSelect.value });
  });

  for (const b of document.querySelectorAll("[data-mode]")) {
    b.addEventListener("click", () => {
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
      } else if (ev.key === "Enter" && !list.hidden && active >= 0) {
        ev.preventDefault();
        pick(active);
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
      el("li", null, el("span", { class: "ex-line ex-line-for" }), "supports"),
      el("li", null, el("span", { class: "ex-line ex-line-between" }), "conditional, sceptical"),
      el("li", null, el("span", { class: "ex-line ex-line-against" }), "demands, rejects, opposes"),
      el("li", null, el("span", { class: "ex-line ex-line-claim" }), "claims, about"),
      el("li", null, el("span", { class: "ex-line ex-line-dispute" }), "disputes"),
    ),
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
