// evidence.js places Parley's evidence spans in a paragraph's text and
// writes citations, for the explorer's fact panels and its reader view. It
// has no dependencies and touches no page: in a page it defines
// window.ParleyEvidence; under CommonJS (node) it exports the same object.
//
// Evidence.start and Evidence.end count Unicode code points into the whole
// document file, while JavaScript strings index UTF-16 code units, so a
// character outside the Basic Multilingual Plane (an emoji) counts once in
// the offsets and twice in a string: every conversion goes through
// utf16Index. Source.text is one paragraph, and the API does not say where
// the paragraph starts in the document, so paragraphStart finds it from a
// span whose text the server read from the same file.
(function (root, factory) {
  const api = factory();
  if (typeof module === "object" && module.exports) module.exports = api;
  else root.ParleyEvidence = api;
})(typeof self !== "undefined" ? self : this, function () {
  "use strict";

  // codePoints counts the code points of s.
  function codePoints(s) {
    let n = 0;
    for (const _ of s) n++;
    return n;
  }

  // utf16Index returns the UTF-16 index in text of the code point offset cp,
  // or -1 when text is shorter.
  function utf16Index(text, cp) {
    if (cp < 0) return -1;
    let i = 0;
    for (let n = 0; n < cp; n++) {
      if (i >= text.length) return -1;
      const c = text.charCodeAt(i);
      i += c >= 0xd800 && c <= 0xdbff && i + 1 < text.length ? 2 : 1;
    }
    return i;
  }

  // paragraphStart returns the code point offset in the document at which
  // the paragraph text starts, from the first span (with text) found in it
  // where its offsets say; null when no span can anchor it.
  function paragraphStart(text, spans) {
    for (const s of spans) {
      if (!s.text) continue;
      for (let at = text.indexOf(s.text); at >= 0; at = text.indexOf(s.text, at + 1)) {
        const start = s.start - codePoints(text.slice(0, at));
        if (start >= 0) return start;
      }
    }
    return null;
  }

  // segments cuts a paragraph's text at the edges of the spans (each with
  // document offsets start, end) and returns its pieces in order, each as
  // {text, spans}: the spans covering that piece, none for plain text.
  // Spans outside the paragraph are ignored; overlapping spans share pieces.
  function segments(text, start, spans) {
    const len = codePoints(text);
    const inside = spans
      .map((s) => ({ span: s, from: s.start - start, to: s.end - start }))
      .filter((s) => s.to > 0 && s.from < len && s.to > s.from)
      .map((s) => ({ span: s.span, from: Math.max(0, s.from), to: Math.min(len, s.to) }));
    const cuts = new Set([0, len]);
    for (const s of inside) cuts.add(s.from).add(s.to);
    const edges = [...cuts].sort((a, b) => a - b);
    const out = [];
    for (let i = 0; i + 1 < edges.length; i++) {
      const [a, b] = [edges[i], edges[i + 1]];
      const piece = text.slice(utf16Index(text, a), utf16Index(text, b));
      out.push({ text: piece, spans: inside.filter((s) => s.from <= a && s.to >= b).map((s) => s.span) });
    }
    return out;
  }

  const UNKNOWN = "not known";

  // citationFields lists a source paragraph's citation as [label, value]
  // pairs, value "not known" for what the document record lacks. src is a
  // Source with its document.
  function citationFields(src) {
    const d = (src && src.document) || {};
    return [
      ["Title", d.title || (src && src.title) || UNKNOWN],
      ["Author", d.author || UNKNOWN],
      ["Publisher", d.publisher || UNKNOWN],
      ["Date", d.published || UNKNOWN],
      ["URL", d.url || UNKNOWN],
      ["Section", (src && src.section) || UNKNOWN],
      ["Paragraph", src && src.paragraph ? String(src.paragraph) : UNKNOWN],
    ];
  }

  // citationText writes a source paragraph's citation on one line, for the
  // clipboard: “Title”. Author: not known. Publisher: … Paragraph: 22.
  function citationText(src) {
    const [[, title], ...rest] = citationFields(src);
    return "“" + title + "”. " + rest.map(([k, v]) => k + ": " + v + ".").join(" ") + (src && src.id ? " <" + src.id + ">" : "");
  }

  return Object.freeze({
    codePoints: codePoints,
    utf16Index: utf16Index,
    paragraphStart: paragraphStart,
    segments: segments,
    citationFields: citationFields,
    citationText: citationText,
    UNKNOWN: UNKNOWN,
  });
});
