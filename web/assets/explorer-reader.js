// explorer-reader.js is the explorer's reader: a whole document, paragraph
// by paragraph under its sections, with the evidence span of every fact
// (position, claim, event) highlighted; a click on a highlight shows its
// facts in the panel and keeps the first in the address (?fact=IRI). The
// reader also hands the document to authoring.js, whose form adds
// statements from a selection of its words.
(function (X) {
  "use strict";

  const { el, page, showMessage, setStatus, state, addressOf, graphql, READER_QUERY, READER_FACTS_QUERY } = X;
  const { cite, texts, paragraphText, unregistered, clearGraph, showPanel, positionView, claimView, eventView, setRequest } = X;

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
      if (seq !== X.viewSeq) return;
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
      if (window.ParleyAuthoring) window.ParleyAuthoring.reader({ doc: doc, paragraphs: paras, page: page, graphql: graphql, reload: X.render });
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
      if (seq !== X.viewSeq) return;
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

  X.showReader = showReader;
})(window.ParleyExplorer);
