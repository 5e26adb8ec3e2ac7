// explorer-graph.js draws the explorer's graph with cytoscape and the
// fcose layout: entities as nodes coloured and shaped by type, claims as
// small nodes between their claimant, what they are about and who disputes
// them, positions as edges from holder to topic coloured by stance, and
// relations as labelled edges. It loads an entity's neighbourhood, expands
// a node when it is tapped (adding the expansion to the address), and
// keeps, for every element, the record the side panel shows for it.
(function (X) {
  "use strict";

  const { $, graphBox, setStatus, graphql, neighbourhoodQuery, state, addressOf, TYPES, Palette, EDGE_COLOR, DISPUTE_COLOR } = X;

  cytoscape.use(cytoscapeFcose);

  // cy is the graph in #ex-graph, with the explorer's styles: nodes by type,
  // edges by kind, the root larger, a loading node dashed.
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

  // countLine counts what the graph shows, for the status line.
  function countLine() {
    return cy.nodes().length + " nodes, " + cy.edges().length + " edges";
  }

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
      X.showClaim(rec.claim);
      return;
    }
    if (expanded.has(id)) {
      X.showEntity(records.get(id).entity);
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
      X.showEntity(entity);
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
      X.navigate({ mode: "neighbourhood", entity: ref.name });
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

  // settled is true when no layout runs and no node is loading.
  function settled() {
    return !layoutRunning && cy.nodes(".loading").length === 0;
  }

  // A tap on a node expands it; on an edge, the panel shows its fact.
  cy.on("tap", "node", (ev) => expand(ev.target.id()));
  cy.on("add remove", () => {
    $("ex-tools").hidden = state.mode === "timeline" || cy.nodes().length === 0;
  });
  cy.on("tap", "edge", (ev) => X.showEdge(ev.target));

  Object.assign(X, {
    cy: cy,
    records: records,
    addNode: addNode,
    addEdge: addEdge,
    drawNeighbourhood: drawNeighbourhood,
    relayout: relayout,
    clearGraph: clearGraph,
    countLine: countLine,
    settled: settled,
    fetchEntity: fetchEntity,
    focusEntity: focusEntity,
  });
})(window.ParleyExplorer);
