// authoring.js is the explorer's form for adding statements to a registered
// document from its reader view: the researcher selects words in the text,
// makes a position, claim or event of them (and declares any new entity),
// reviews what the server would add, and writes it with a write token. The
// statements are an authoring file (graph/authoring): the server renders
// them as one (POST api/v2/authoring), the review is "parley add --dry-run"
// through the server (POST api/v2/add with dryRun) and the download is that
// same file, so the file stays the record.
//
// explorer.js calls ParleyAuthoring.reader(ctx) after it shows a document,
// and ParleyAuthoring.leave() before any other view. The quotes cite the
// selected words; when they occur more than once in the document, a prefix
// or suffix of the words around them picks the selected place.
(function (root) {
  "use strict";

  const DOC_BASE = "https://w3id.org/parley/doc/";
  const ENTITY_TYPES = ["person", "state", "organization", "place", "city", "region", "topic"];
  const ENUMS_QUERY = `query AuthoringEnums {
  stance: __type(name: "Stance") { enumValues { name } }
  outlook: __type(name: "Outlook") { enumValues { name } }
  claimStatus: __type(name: "ClaimStatus") { enumValues { name } }
  eventStatus: __type(name: "EventStatus") { enumValues { name } }
}`;
  const DOC_QUERY = `query AuthoringDocument {
  sources { document { id title publisher published url author language file note } }
}`;
  const NAMES_QUERY = `query AuthoringNames($text: String!) { search(text: $text, first: 8) { name } }`;

  // The fields of each kind of statement: [key, label, input kind]. "name"
  // inputs complete entity names; "names" take several, comma-separated.
  const FIELDS = {
    entities: [["type", "Type", "type"], ["name", "Name", "text"], ["aliases", "Aliases (comma-separated)", "list"], ["description", "Description", "text"]],
    positions: [["holder", "Holder", "name"], ["topic", "Topic", "name"], ["stance", "Stance", "stance"], ["outlook", "Outlook", "outlook"], ["summary", "Summary", "area"], ["quote", "Direct quote (optional)", "text"]],
    claims: [["name", "Name", "text"], ["claimant", "Claimant", "name"], ["summary", "Summary", "area"], ["about", "About (comma-separated)", "names"], ["status", "Status", "claimStatus"], ["rebuts", "Rebuts claims (ids, comma-separated)", "list"]],
    events: [["name", "Name", "text"], ["status", "Status", "eventStatus"], ["date", "Date (YYYY-MM-DD)", "text"], ["attendees", "Participants (comma-separated)", "names"], ["about", "About (comma-separated)", "names"]],
  };
  const KIND_LABEL = { entities: "New entity", positions: "Position", claims: "Claim", events: "Event" };

  let ctx = null; // what explorer.js passed for the document shown
  let enums = null;
  let docRecord = null;
  let selection = null; // the last selection in the reader: {paragraph, exact, prefix, suffix}
  let items = { entities: [], positions: [], claims: [], events: [] };
  let reviewed = null; // the authoring file last reviewed without error
  let seq = 0;
  const panel = buildPanel();

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === "on") for (const [type, fn] of Object.entries(v)) node.addEventListener(type, fn);
      else node.setAttribute(k, v === true ? "" : v);
    }
    for (const c of children.flat(Infinity)) if (c !== null && c !== undefined && c !== false) node.append(c);
    return node;
  }
  const q = (sel) => panel.querySelector(sel);

  function buildPanel() {
    const p = el(
      "section",
      { id: "au-panel", class: "au-panel", "aria-labelledby": "au-title", hidden: true },
      el("h2", { id: "au-title" }, "Add statements"),
      el("p", { class: "ex-muted" }, "Select words in the document, then make a statement of them. Review what would be added, then write it with your write token."),
      el("p", { id: "au-selection", class: "au-selection", role: "status" }, "Nothing selected yet."),
      el(
        "div",
        { class: "au-actions", role: "group", "aria-label": "New statement from the selection" },
        ["positions", "claims", "events"].map((k) => el("button", { type: "button", "data-kind": k, disabled: true, on: { click: () => addItem(k, true) } }, KIND_LABEL[k] + " from selection")),
        el("button", { type: "button", id: "au-new-entity", on: { click: () => addItem("entities", false) } }, "Declare a new entity"),
      ),
      el("datalist", { id: "au-names" }),
      el("div", { id: "au-items" }),
      el("div", { id: "au-general", class: "au-error", role: "alert" }),
      el("div", { class: "au-field" }, el("label", { for: "au-token" }, "Write token"), el("input", { id: "au-token", type: "password", autocomplete: "off", spellcheck: "false", "data-path": "token" })),
      el(
        "div",
        { class: "au-actions" },
        el("button", { type: "button", id: "au-review", on: { click: review } }, "Review changes"),
        el("button", { type: "button", id: "au-write", disabled: true, on: { click: write } }, "Write"),
        el("button", { type: "button", id: "au-download", on: { click: download } }, "Download authoring file"),
      ),
      el("p", { id: "au-status", class: "au-status", role: "status", "aria-live": "polite" }),
      el("pre", { id: "au-diff", class: "au-diff", tabindex: "0", "aria-label": "What would change", hidden: true }),
      el("details", { class: "au-file" }, el("summary", null, "Authoring file"), el("textarea", { id: "au-yaml", readonly: true, rows: "12", spellcheck: "false", "aria-label": "Authoring file" })),
    );
    p.addEventListener("input", (ev) => {
      if (ev.target.id !== "au-token") stale();
    });
    return p;
  }

  // reader shows the form beside the document c.doc, whose paragraphs
  // c.paragraphs hold the text. A different document starts from the
  // statements drafted for it in this browser, if any.
  function reader(c) {
    if (!c.doc || !c.doc.registered) return leave();
    if (!ctx || ctx.doc.id !== c.doc.id) {
      items = restoreDraft(c.doc.id);
      reviewed = null;
      selection = null;
      docRecord = null;
      draw();
      const n = Object.values(items).reduce((sum, list) => sum + list.length, 0);
      status(n ? "Restored the " + n + " statements drafted for this document in this browser." : "");
    }
    ctx = c;
    const aside = document.querySelector(".ex-panel");
    if (aside && panel.parentNode !== aside) aside.prepend(panel);
    panel.hidden = false;
    showSelection();
    if (!c.doc.id.startsWith(DOC_BASE)) general("Statements can be added only to documents whose IRI starts with " + DOC_BASE + ".");
    loadEnums();
  }

  function leave() {
    panel.hidden = true;
  }

  async function loadEnums() {
    if (enums) return;
    try {
      const d = await ctx.graphql(ENUMS_QUERY, {});
      enums = {};
      for (const k of Object.keys(d)) enums[k] = d[k].enumValues.map((v) => v.name);
      draw();
    } catch (err) {
      general("Cannot load the vocabulary's values: " + err.message);
    }
  }

  // ---- The selection ----------------------------------------------------

  document.addEventListener("selectionchange", () => {
    if (!ctx || panel.hidden) return;
    const sel = document.getSelection();
    if (!sel || sel.rangeCount === 0 || sel.isCollapsed) return;
    const r = sel.getRangeAt(0);
    const box = r.commonAncestorContainer.nodeType === 1 ? r.commonAncestorContainer : r.commonAncestorContainer.parentNode;
    const quote = box.closest && box.closest(".ex-reader-para .ex-para-text");
    if (!quote || !ctx.page.contains(quote)) return;
    const para = ctx.paragraphs.find((s) => String(s.paragraph) === quote.closest(".ex-reader-para").dataset.paragraph);
    if (!para || typeof para.text !== "string") return;
    let [a, b] = [offsetIn(quote, r.startContainer, r.startOffset), offsetIn(quote, r.endContainer, r.endOffset)];
    while (a < b && /\s/.test(para.text[a])) a++;
    while (b > a && /\s/.test(para.text[b - 1])) b--;
    if (a >= b) return;
    selection = Object.assign({ paragraph: para.paragraph }, quoteOf(para.text, a, b));
    showSelection();
  });

  // offsetIn returns the UTF-16 offset in box's text of (node, offset).
  function offsetIn(box, node, offset) {
    const r = document.createRange();
    r.selectNodeContents(box);
    r.setEnd(node, offset);
    return r.toString().length;
  }

  // quoteOf makes a TextQuoteSelector of text[a:b]: the words alone when
  // the document holds them once, else with as many words around them as
  // pick this place.
  function quoteOf(text, a, b) {
    const exact = text.slice(a, b);
    for (let n = 0; ; n += 8) {
      const prefix = text.slice(Math.max(0, a - n), a);
      const suffix = text.slice(b, b + n);
      if (count(prefix + exact + suffix) === 1 || (a - n <= 0 && b + n >= text.length)) {
        if (count(prefix + exact) === 1) return { exact: exact, prefix: prefix, suffix: "" };
        if (count(exact + suffix) === 1) return { exact: exact, prefix: "", suffix: suffix };
        return { exact: exact, prefix: prefix, suffix: suffix };
      }
    }
  }

  // count is how many times the document's paragraphs hold s.
  function count(s) {
    let n = 0;
    for (const p of ctx.paragraphs) {
      if (typeof p.text !== "string") continue;
      for (let at = p.text.indexOf(s); at >= 0; at = p.text.indexOf(s, at + 1)) n++;
    }
    return n;
  }

  function showSelection() {
    q("#au-selection").textContent = selection ? "Selected in paragraph " + selection.paragraph + ": “" + selection.exact + "”" : "Nothing selected yet: select words in the document.";
    for (const b of panel.querySelectorAll("button[data-kind]")) b.disabled = !selection;
  }

  // ---- The statements ---------------------------------------------------

  function addItem(kind, withQuote) {
    const it = {};
    if (withQuote && selection) {
      const ev = { quote: selection.exact };
      if (selection.prefix) ev.prefix = selection.prefix;
      if (selection.suffix) ev.suffix = selection.suffix;
      it.evidence = [ev];
    }
    items[kind].push(it);
    stale();
    draw();
    const set = q(`fieldset[data-path="${kind}.${items[kind].length - 1}"]`);
    const first = set && set.querySelector("input, select, textarea");
    if (first) first.focus();
  }

  // draw writes one fieldset per statement, its inputs bound to it.
  function draw() {
    const box = q("#au-items");
    box.replaceChildren();
    for (const kind of ["entities", "positions", "claims", "events"]) {
      items[kind].forEach((it, i) => {
        const path = kind + "." + i;
        box.append(
          el(
            "fieldset",
            { class: "au-item", "data-path": path },
            el("legend", null, KIND_LABEL[kind] + " " + (i + 1)),
            (it.evidence || []).map((ev, j) => el("blockquote", { class: "au-quote", "data-path": path + ".evidence." + j }, ev.prefix ? el("span", { class: "ex-muted" }, "…" + ev.prefix) : null, el("mark", null, ev.quote), ev.suffix ? el("span", { class: "ex-muted" }, ev.suffix + "…") : null)),
            FIELDS[kind].map(([key, label, type]) => field(it, path, key, label, type)),
            el("button", { type: "button", class: "au-remove", on: { click: () => { items[kind].splice(i, 1); stale(); draw(); } } }, "Remove " + KIND_LABEL[kind].toLowerCase() + " " + (i + 1)),
          ),
        );
      });
    }
  }

  function field(it, path, key, label, type) {
    const id = "au-" + path.replace(/\./g, "-") + "-" + key;
    const attrs = { id: id, "data-path": path + "." + key, spellcheck: "false" };
    let input;
    const list = type === "list" || type === "names";
    const value = list ? (it[key] || []).join(", ") : it[key] || "";
    const set = (v) => {
      if (list) it[key] = v.split(",").map((s) => s.trim()).filter(Boolean);
      else it[key] = v.trim();
    };
    if (type === "type" || (enums && enums[type])) {
      const values = type === "type" ? ENTITY_TYPES : enums[type].map(vocabName);
      input = el("select", attrs, el("option", { value: "" }, "—"), values.map((v) => el("option", { value: v, selected: v === value }, v)));
      input.addEventListener("change", () => set(input.value));
    } else if (type === "area") {
      input = el("textarea", Object.assign(attrs, { rows: "2" }));
      input.value = value;
      input.addEventListener("input", () => set(input.value));
    } else {
      input = el("input", Object.assign(attrs, { type: "text", list: type === "name" || type === "names" ? "au-names" : null, autocomplete: "off" }));
      input.value = value;
      input.addEventListener("input", () => {
        set(input.value);
        if (type === "name" || type === "names") suggest(input, type === "names");
      });
    }
    return el("div", { class: "au-field" }, el("label", { for: id }, label), input);
  }

  // vocabName writes a GraphQL enum value as the vocabulary names it:
  // DEMANDS_SAY → DemandsSay.
  function vocabName(v) {
    return v.toLowerCase().split("_").map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join("");
  }

  let suggestSeq = 0;
  // suggest fills the names list with the declared entities and the
  // store's names that complete what input holds (its last item, for a
  // list of names).
  async function suggest(input, many) {
    const mine = ++suggestSeq;
    const parts = input.value.split(",");
    const last = parts.pop().trim();
    const head = many && parts.length ? parts.join(",") + ", " : "";
    const declared = items.entities.map((e) => e.name).filter((n) => n && n.toLowerCase().includes(last.toLowerCase()));
    let found = [];
    if (last.length >= 2) {
      try {
        found = (await ctx.graphql(NAMES_QUERY, { text: last })).search.map((e) => e.name);
      } catch (err) {
        found = [];
      }
    }
    if (mine !== suggestSeq) return;
    const names = [...new Set(declared.concat(found))];
    q("#au-names").replaceChildren(...names.map((n) => el("option", { value: head + n })));
  }

  // ---- Review, write, download ------------------------------------------

  // file is the authoring file of the form's statements, as an object in
  // the format's keys (JSON is YAML, so the server reads it as the file).
  function file() {
    const d = docRecord || {};
    const out = { document: {} };
    for (const k of ["title", "publisher", "published", "url", "author", "language", "file", "note"]) if (d[k]) out.document[k] = d[k];
    out.document.id = ctx.doc.id.slice(DOC_BASE.length);
    for (const kind of Object.keys(items)) if (items[kind].length) out[kind] = items[kind];
    return out;
  }

  function fileName() {
    return ctx.doc.id.slice(DOC_BASE.length) + ".yaml";
  }

  function apiURL(path) {
    return new URL("api/v2/" + path, location.href).href;
  }

  async function post(path, body, token) {
    const headers = { "Content-Type": "application/json" };
    if (token) headers.Authorization = "Bearer " + token;
    let res;
    try {
      res = await fetch(apiURL(path), { method: "POST", headers: headers, body: JSON.stringify(body) });
    } catch (err) {
      throw new Error("Cannot reach " + apiURL(path) + ": " + err.message);
    }
    let data = {};
    try {
      data = await res.json();
    } catch (err) {
      data = { error: "HTTP " + res.status + " with no JSON" };
    }
    return { status: res.status, data: data };
  }

  // render asks the server to write the form's statements as an authoring
  // file; it answers the file and the line of each key.
  async function render() {
    if (!docRecord) {
      const d = await ctx.graphql(DOC_QUERY, {});
      const src = d.sources.find((s) => s.document && s.document.id === ctx.doc.id);
      docRecord = src ? src.document : ctx.doc;
    }
    const r = await post("authoring", { name: fileName(), authoring: JSON.stringify(file(), null, 1) });
    if (r.status !== 200) throw new Error(r.data.error || "HTTP " + r.status);
    q("#au-yaml").value = r.data.authoring;
    return r.data;
  }

  async function review() {
    await addFile(true);
  }

  async function write() {
    await addFile(false);
  }

  // addFile renders the statements and posts them to api/v2/add, as a dry
  // run or for real, showing the diff or each error next to its field.
  async function addFile(dryRun) {
    const mine = ++seq;
    clearErrors();
    const token = q("#au-token").value.trim();
    if (!token) return fieldError(q("#au-token"), "A write token is needed, to review as to write: the server's --write-token-file holds them.");
    status(dryRun ? "Reviewing…" : "Writing…");
    try {
      const rendered = await render();
      if (!dryRun && rendered.authoring !== reviewed) return status("The statements changed since the review: review them again.");
      const r = await post("add", { name: fileName(), authoring: rendered.authoring, dryRun: dryRun }, token);
      if (mine !== seq) return;
      if (r.status === 401 || r.status === 403) return fieldError(q("#au-token"), r.data.error || "The server refused the token.");
      if (r.status !== 200) {
        showErrors(r.data, rendered.lines);
        return status("The server found mistakes: nothing was written.");
      }
      const diff = q("#au-diff");
      diff.textContent = r.data.diff;
      diff.hidden = false;
      reviewed = dryRun ? rendered.authoring : null;
      q("#au-write").disabled = !dryRun;
      status(dryRun ? "Review the changes below, then write them." : "Written: " + r.data.added + " quads added, " + r.data.removed + " removed.");
      if (!dryRun && ctx.reload) ctx.reload();
    } catch (err) {
      if (mine === seq) general(err.message);
    }
  }

  async function download() {
    clearErrors();
    try {
      const rendered = await render();
      const a = el("a", { href: URL.createObjectURL(new Blob([rendered.authoring], { type: "application/yaml" })), download: fileName() });
      document.body.append(a);
      a.click();
      a.remove();
      status("Downloaded " + fileName() + ": add it with parley add " + fileName() + ".");
    } catch (err) {
      general(err.message);
    }
  }

  // showErrors puts each error the server names at a line next to the
  // form's field that the line came from.
  function showErrors(data, lines) {
    const byLine = new Map();
    for (const [path, line] of Object.entries(lines || {})) {
      const had = byLine.get(line);
      if (!had || path.length > had.length) byLine.set(line, path);
    }
    const errs = data.errors || [{ line: 0, message: data.error || "The server refused the statements." }];
    let first = null;
    for (const e of errs) {
      let path = byLine.get(e.line) || "";
      let target = null;
      while (path && !(target = q(`[data-path="${path}"]`))) path = path.split(".").slice(0, -1).join(".");
      if (!target || path === "document") {
        general(e.message);
        continue;
      }
      fieldError(target, e.message);
      first = first || target;
    }
    if (first) first.focus();
  }

  let errorSeq = 0;
  function fieldError(target, msg) {
    const id = "au-error-" + ++errorSeq;
    const p = el("p", { class: "au-error au-field-error", id: id }, msg);
    if (target.matches("fieldset")) target.querySelector("legend").after(p);
    else target.after(p);
    if (target.matches("input, select, textarea")) {
      target.setAttribute("aria-invalid", "true");
      target.setAttribute("aria-describedby", id);
      target.focus();
    }
    status("");
  }

  function general(msg) {
    q("#au-general").append(el("p", null, msg));
  }

  function clearErrors() {
    for (const p of panel.querySelectorAll(".au-field-error")) p.remove();
    q("#au-general").replaceChildren();
    for (const n of panel.querySelectorAll("[aria-invalid]")) {
      n.removeAttribute("aria-invalid");
      n.removeAttribute("aria-describedby");
    }
  }

  function stale() {
    reviewed = null;
    q("#au-write").disabled = true;
    saveDraft();
  }

  // ---- The draft ------------------------------------------------------------
  // Writing replaces what was written before for the document (the file
  // is the record), so the statements are kept in this browser as they
  // are edited, and written or not: after a reload the form holds them
  // again, and a later write keeps them rather than removing them.

  const draftKey = (id) => "parley.authoring.draft " + id;

  function saveDraft() {
    if (!ctx) return;
    try {
      localStorage.setItem(draftKey(ctx.doc.id), JSON.stringify(items));
    } catch (e) {
      // storage full or refused: the form still works, without the draft
    }
  }

  function restoreDraft(id) {
    const empty = { entities: [], positions: [], claims: [], events: [] };
    try {
      const saved = JSON.parse(localStorage.getItem(draftKey(id)) || "null");
      if (!saved || typeof saved !== "object") return empty;
      for (const kind of Object.keys(empty)) if (Array.isArray(saved[kind])) empty[kind] = saved[kind].filter((it) => it && typeof it === "object");
    } catch (e) {
      // an unreadable draft is left alone; the form starts empty
    }
    return empty;
  }

  function status(msg) {
    q("#au-status").textContent = msg;
  }

  root.ParleyAuthoring = Object.freeze({ reader: reader, leave: leave });
})(self);
