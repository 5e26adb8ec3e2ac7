// explorer-marks.js says how the explorer draws kinds of things, so that
// the graph, the panel, the matrix and the legend agree: each node type's
// label, colour and shape (the shapes tell the types apart without
// colour), the colours of edges, the stance and outlook pills (their
// colours and marks come from palette.js, shared with the other pages),
// and the legend that explains them all.
(function (X) {
  "use strict";

  const { el, $, joinNodes } = X;

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
  // every page.
  const Palette = window.ParleyPalette;

  // EDGE_COLOR is the colour of relations and claims' edges, DISPUTE_COLOR
  // that of "disputes" edges and of a disputed claim's ring.
  const EDGE_COLOR = "#94a3b8";
  const DISPUTE_COLOR = "#dc2626";

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

  // stancePills shows a position's stance and outlook as coloured pills,
  // each with its mark so that colour is not the only cue.
  function stancePills(pos) {
    const pills = [];
    if (pos.stance) pills.push(pill(Palette.STANCES[pos.stance] || Palette.NONE, pos.stance));
    if (pos.outlook) pills.push(pill(Palette.OUTLOOKS[pos.outlook] || Palette.NONE, pos.outlook));
    if (pills.length === 0) pills.push(pill(Palette.NONE, ""));
    return el("span", { class: "ex-pills" }, joinNodes(pills));
  }

  // pill is one coloured pill: the entry's mark and label.
  function pill(entry, value) {
    const p = el("span", { class: "ex-pill", "data-value": value, title: entry.label }, entry.mark + " " + entry.label);
    p.style.background = entry.color;
    return p;
  }

  // drawLegend fills the legend under the graph: every node type, stance
  // and outlook, and the lines of claims and disputes.
  function drawLegend() {
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
  }

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

  Object.assign(X, {
    TYPES: TYPES,
    Palette: Palette,
    EDGE_COLOR: EDGE_COLOR,
    DISPUTE_COLOR: DISPUTE_COLOR,
    swatch: swatch,
    typeBadge: typeBadge,
    stancePills: stancePills,
    stanceLegend: stanceLegend,
    drawLegend: drawLegend,
  });
})(window.ParleyExplorer);
