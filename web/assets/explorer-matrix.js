// explorer-matrix.js is the explorer's stance matrix: every position in
// the graph on one actor × topic grid, a row per holder and a column per
// topic (the most frequent first), each cell coloured and marked by the
// stances (or outlooks) of the holder's positions on the topic; a click on
// a cell shows those positions with their evidence in the panel.
(function (X) {
  "use strict";

  const { el, page, showMessage, setStatus, graphql, MATRIX_QUERY, Palette, stanceLegend, clearGraph } = X;
  const { entityLink, positionView, showPanel, setRequest } = X;

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
      if (seq !== X.viewSeq) return;
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
      if (seq !== X.viewSeq) return;
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

  X.showMatrix = showMatrix;
})(window.ParleyExplorer);
