// explorer-dom.js gives the explorer's other scripts (see explorer.js) the
// means to build the page: el(), which makes elements and sets text only as
// text, never as HTML; the page's elements they share (the form, the stage,
// the panel); the copy-to-clipboard fallback; and the stage's message and
// the status line, which every view uses to say what it is doing. It
// touches nothing when it loads.
(function (X) {
  "use strict";

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

  // $ finds an element of the page by id; the constants below are the
  // elements several files use.
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

  // joinNodes puts separators between nodes: a, b and c.
  function joinNodes(nodes) {
    const out = [];
    nodes.forEach((n, i) => {
      if (i > 0) out.push(i === nodes.length - 1 ? " and " : ", ");
      out.push(n);
    });
    return out;
  }

  // section is a panel section: a heading over its children.
  function section(title, ...children) {
    return el("section", { class: "ex-section" }, el("h3", null, title), ...children);
  }

  // quote is a direct quote in quotation marks, or nothing without one.
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

  // setStatus writes the line beside the form that says what the view shows.
  function setStatus(text) {
    statusLine.textContent = text;
  }

  Object.assign(X, {
    el: el,
    $: $,
    form: form,
    entityInput: entityInput,
    toInput: toInput,
    hopsSelect: hopsSelect,
    details: details,
    timeline: timeline,
    page: page,
    graphBox: graphBox,
    copyText: copyText,
    joinNodes: joinNodes,
    section: section,
    quote: quote,
    showMessage: showMessage,
    setStatus: setStatus,
  });
})(window.ParleyExplorer);
