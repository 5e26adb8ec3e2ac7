// explorer-sources.js shows where the explorer's facts come from: a
// paragraph's citation, the documents a panel cites (once, at its foot),
// and a fact's passage, the paragraph's text with the fact's evidence spans
// highlighted (placed by evidence.js, which counts code points), with a
// button that copies the full citation. The paragraphs' texts are asked for
// only when a passage is shown, and cached; the reader view fills the same
// cache. Without the document's text the server cannot show a passage, and
// the explorer says how to register it.
(function (X) {
  "use strict";

  const { el, details, copyText, graphql, DOCUMENTS_QUERY } = X;

  // Evidence (evidence.js) places evidence spans and writes citations.
  const Evidence = window.ParleyEvidence;

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

  // documentsLoaded settles when loadDocuments has filled documents (or
  // failed), so that a passage's citation can name its document in full.
  let documentsLoaded = null;

  // loadDocuments asks for the document records once, at the start.
  function loadDocuments() {
    documentsLoaded = graphql(DOCUMENTS_QUERY, {}).then(
      (d) => {
        for (const s of d.sources) if (s.document) documents.set(s.document.title, s.document);
      },
      () => {}, // the panels then cite the title alone
    );
  }

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
        if (box.isConnected && details.contains(box)) X.refreshDocuments();
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

  Object.assign(X, {
    cite: cite,
    documents: documents,
    loadDocuments: loadDocuments,
    documentsView: documentsView,
    evidenceView: evidenceView,
    texts: texts,
    paragraphText: paragraphText,
    unregistered: unregistered,
  });
})(window.ParleyExplorer);
