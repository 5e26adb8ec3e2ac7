// playground.js starts GraphiQL in #graphiql and wires the page header: the
// examples menu and the "Copy as code" menu; below the editor it shows each
// answer as a table (with CSV and TSV downloads) and its extensions. The
// address follows the editor (?query=…&variables=…), so that a query can be
// shared as a link, and such a link opens its query. It is plain JavaScript
// with no build step, over the UMD globals React, ReactDOM, GraphiQL,
// GraphiQLPluginExplorer, ParleyCodegen (codegen.js) and ParleyTable
// (table.js).
//
// The Go handler writes the endpoint into <body data-endpoint> and the
// example queries into <script id="parley-examples">.
(function () {
  "use strict";

  const h = React.createElement;
  const endpoint = new URL(document.body.dataset.endpoint || "/graphql", location.href).href;
  const examples = JSON.parse(document.getElementById("parley-examples").textContent || "[]");

  // withOperationName fixes a stale operation name. GraphiQL reads the name
  // from the editor 100ms after a change, so a query run at once after a
  // paste would name the operation it replaced. When the document has one
  // operation, that is the one to run.
  function withOperationName(params) {
    if (!params.operationName) return params;
    let names;
    try {
      names = GraphiQL.GraphQL.parse(params.query).definitions
        .filter((d) => d.kind === "OperationDefinition")
        .map((d) => (d.name ? d.name.value : undefined));
    } catch (err) {
      return params; // the server reports the syntax error
    }
    if (names.length !== 1 || names[0] === params.operationName) return params;
    return Object.assign({}, params, { operationName: names[0] });
  }

  // fetcher posts a GraphQL request and returns the decoded JSON result. A
  // body that is not JSON becomes a GraphQL error, so GraphiQL shows it.
  async function fetcher(graphQLParams, opts) {
    const params = withOperationName(graphQLParams);
    const headers = Object.assign(
      {
        "Content-Type": "application/json",
        Accept: "application/graphql-response+json, application/json",
      },
      opts && opts.headers,
    );
    const res = await fetch(endpoint, { method: "POST", headers: headers, body: JSON.stringify(params) });
    const text = await res.text();
    let result;
    try {
      result = JSON.parse(text);
    } catch (err) {
      const message = "HTTP " + res.status + " " + res.statusText + ": " + text.slice(0, 500);
      result = { errors: [{ message: message }] };
    }
    // Introspection (GraphiQL's docs) is not an answer to show.
    if (!/^\s*query\s+IntrospectionQuery\b/.test(params.query || "")) showResult(result);
    return result;
  }

  // shared is the query and variables of a shared link (/?query=…&variables=…),
  // or null.
  const shared = (() => {
    const p = new URLSearchParams(location.search);
    if (!p.has("query")) return null;
    return { query: p.get("query"), variables: p.get("variables") || "" };
  })();

  // followEditor keeps the address in step with the active tab's query and
  // variables, without adding history entries. Empty variables are left out.
  function followEditor(query, variables) {
    const p = new URLSearchParams();
    if (query && query.trim()) p.set("query", query);
    if (variables && variables.trim()) p.set("variables", variables);
    const search = p.toString();
    const url = location.pathname + (search ? "?" + search : "") + location.hash;
    if (url !== location.pathname + location.search + location.hash) history.replaceState(history.state, "", url);
  }

  // syncAddress puts the active tab's query and variables in the address.
  function syncAddress() {
    if (!editors || !editors.queryEditor) return;
    followEditor(editors.queryEditor.getValue(), editors.variableEditor ? editors.variableEditor.getValue() : "");
  }

  const results = document.getElementById("parley-results");
  const tableEl = document.getElementById("parley-table");
  const tableTabs = document.getElementById("parley-table-tabs");
  const tableCount = document.getElementById("parley-table-count");
  const extensionsEl = document.getElementById("parley-extensions");
  let tables = [];
  let current = 0;

  // showResult draws the answer's tables and its extensions.
  function showResult(result) {
    tables = ParleyTable.tables(result && result.data);
    current = 0;
    showExtensions(result && result.extensions);
    results.hidden = tables.length === 0 && extensionsEl.hidden;
    tableTabs.replaceChildren(
      ...tables.map((t, i) => {
        const b = document.createElement("button");
        b.type = "button";
        b.setAttribute("role", "tab");
        b.textContent = t.name;
        b.addEventListener("click", () => drawTable(i));
        return b;
      }),
    );
    drawTable(0);
  }

  // showExtensions says what the server added to the answer: a metonym it
  // resolved ("Washington" → United States) in words, anything else as JSON.
  function showExtensions(ext) {
    extensionsEl.replaceChildren();
    extensionsEl.hidden = !ext || Object.keys(ext).length === 0;
    if (extensionsEl.hidden) return;
    const title = document.createElement("strong");
    title.textContent = "Extensions: ";
    extensionsEl.append(title);
    for (const key of Object.keys(ext)) {
      if (key === "resolutions" && Array.isArray(ext[key])) {
        for (const r of ext[key]) {
          const p = document.createElement("p");
          p.className = "parley-resolution";
          const via = String(r.via || "").replace(/^.*[#/]/, "");
          p.textContent = `${r.argument}: "${r.name}" is a place; it was read as ${r.resolvedName} (${via}). ` +
            `entity(name: "${r.name}") still returns the place.`;
          extensionsEl.append(p);
        }
        continue;
      }
      const pre = document.createElement("pre");
      pre.textContent = key + ": " + JSON.stringify(ext[key], null, 2);
      extensionsEl.append(pre);
    }
  }

  // drawTable shows table i.
  function drawTable(i) {
    current = i;
    tableTabs.querySelectorAll("button").forEach((b, j) => b.setAttribute("aria-selected", String(j === i)));
    const t = tables[i];
    tableEl.replaceChildren();
    if (!t) {
      tableCount.textContent = "";
      return;
    }
    tableCount.textContent = t.rows.length + (t.rows.length === 1 ? " row" : " rows") +
      (t.truncated ? ` (the first ${ParleyTable.maxRows}; the JSON has all)` : "");
    const head = tableEl.createTHead().insertRow();
    for (const c of t.columns) {
      const th = document.createElement("th");
      th.scope = "col";
      th.textContent = c;
      head.append(th);
    }
    const body = tableEl.createTBody();
    for (const r of t.rows) {
      const tr = body.insertRow();
      for (const cell of r) tr.insertCell().textContent = cell;
    }
  }

  // download saves the shown table as CSV or TSV, named after its field.
  function download(format) {
    const t = tables[current];
    if (!t) return;
    const type = format === "csv" ? "text/csv" : "text/tab-separated-values";
    const url = URL.createObjectURL(new Blob([ParleyTable.delimited(t, format)], { type: type + ";charset=utf-8" }));
    const a = document.createElement("a");
    a.href = url;
    a.download = t.name + "." + format;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }
  document.getElementById("parley-download-csv").addEventListener("click", () => download("csv"));
  document.getElementById("parley-download-tsv").addEventListener("click", () => download("tsv"));

  // editors holds GraphiQL's editor context, read from inside GraphiQL by
  // the Bridge component, so that the header (outside React) can read the
  // current query and open tabs.
  let editors = null;

  function Bridge() {
    editors = GraphiQL.React.useEditorContext({ nonNull: true });
    const cm = editors.queryEditor;
    React.useEffect(() => completeNamesIn(cm), [cm]);
    return null;
  }

  // ---- Name completion --------------------------------------------------------

  // NAME_ARGS are the arguments that name an entity (and search's text):
  // inside their string the editor offers the names the server's text
  // index finds for what is typed so far, typos and all.
  const NAME_ARGS = new Set(["name", "holder", "claimant", "participant", "topic", "about", "from", "to", "entity", "text"]);
  const COMPLETE_QUERY = "query CompleteName($text: String!) { search(text: $text, first: 8) { name type } }";

  // nameContext returns the argument and the text typed so far when the
  // cursor is inside a string argument of NAME_ARGS, or null.
  function nameContext(cm) {
    const cur = cm.getCursor();
    const before = cm.getLine(cur.line).slice(0, cur.ch);
    const m = /(\w+)\s*:\s*"([^"\\]*)$/.exec(before);
    if (!m || !NAME_ARGS.has(m[1]) || !m[2].trim()) return null;
    return { text: m[2], from: { line: cur.line, ch: cur.ch - m[2].length }, to: cur };
  }

  // completeNamesIn makes cm offer names as the user types in a name
  // argument; it returns what undoes that.
  function completeNamesIn(cm) {
    if (!cm || typeof cm.showHint !== "function") return undefined;
    let timer = 0;
    let seq = 0;
    async function complete() {
      const at = nameContext(cm);
      if (!at) return;
      const mine = ++seq;
      let names = [];
      try {
        const res = await fetcher({ query: COMPLETE_QUERY, variables: { text: at.text }, operationName: "CompleteName" });
        names = (res.data && res.data.search) || [];
      } catch (err) {
        return; // no suggestions; the query itself reports errors when run
      }
      const now = nameContext(cm);
      if (mine !== seq || !now || now.text !== at.text || names.length === 0) return;
      cm.showHint({
        completeSingle: false,
        closeCharacters: /["\n]/,
        hint: () => ({
          list: names.map((e) => ({ text: e.name, displayText: e.name + "  \u00b7 " + e.type.toLowerCase(), className: "parley-name-hint" })),
          from: now.from,
          to: now.to,
        }),
      });
    }
    function onKeyUp(_, ev) {
      if (ev.key.length !== 1 && ev.key !== "Backspace") return; // arrows, Enter: the hint list's own keys
      clearTimeout(timer);
      timer = setTimeout(complete, 150);
    }
    cm.on("keyup", onKeyUp);
    return () => {
      clearTimeout(timer);
      cm.off("keyup", onKeyUp);
    };
  }

  function toolbar(buttons) {
    return h(React.Fragment, null, buttons.prettify, buttons.merge, buttons.copy, h(Bridge));
  }

  ReactDOM.createRoot(document.getElementById("graphiql")).render(
    h(
      GraphiQL,
      {
        fetcher: fetcher,
        defaultTabs: examples.map((e) => ({ query: e.query })),
        // A shared link opens its query in a tab of its own (or the tab
        // that already holds it).
        query: shared ? shared.query : undefined,
        variables: shared ? shared.variables : undefined,
        // After an edit or a change of tab, once the editors hold the
        // active tab's text.
        onEditQuery: () => setTimeout(syncAddress),
        onEditVariables: () => setTimeout(syncAddress),
        onTabChange: () => setTimeout(syncAddress),
        plugins: [GraphiQLPluginExplorer.explorerPlugin()],
        defaultEditorToolsVisibility: false,
      },
      h(GraphiQL.Logo, null, ""), // the page header names Parley
      h(GraphiQL.Toolbar, null, toolbar),
    ),
  );

  // openExample switches to the tab that holds the example's query, or opens
  // a new tab with it.
  function openExample(name) {
    const example = examples.find((e) => e.name === name);
    if (!example || !editors) return;
    const index = editors.tabs.findIndex((t) => (t.query || "").trim() === example.query.trim());
    if (index >= 0) {
      editors.changeTab(index);
      return;
    }
    ReactDOM.flushSync(() => editors.addTab());
    editors.queryEditor.setValue(example.query);
  }

  const examplesMenu = document.getElementById("parley-examples-menu");
  examplesMenu.addEventListener("change", () => {
    openExample(examplesMenu.value);
    examplesMenu.value = "";
  });

  // parseJSON parses an editor's text, which may be empty.
  function parseJSON(text, what) {
    if (!text || !text.trim()) return null;
    try {
      return JSON.parse(text);
    } catch (err) {
      throw new Error("The " + what + " are not valid JSON: " + err.message);
    }
  }

  // currentRequest describes the query in the active tab for ParleyCodegen.
  function currentRequest() {
    if (!editors || !editors.queryEditor) throw new Error("The editor has not started yet.");
    const q = editors.queryEditor;
    const operations = q.operations || [];
    const op = operations.find((o) => o.name && o.name.value === q.operationName) || operations[0];
    const fields = op
      ? op.selectionSet.selections.filter((s) => s.kind === "Field").map((s) => (s.alias || s.name).value)
      : [];
    return {
      url: endpoint,
      query: q.getValue().trim(),
      variables: parseJSON(editors.variableEditor && editors.variableEditor.getValue(), "variables"),
      headers: parseJSON(editors.headerEditor && editors.headerEditor.getValue(), "headers") || {},
      operationName: operations.length > 1 ? q.operationName : null,
      fields: fields,
    };
  }

  const copyMenu = document.getElementById("parley-copy-menu");
  const dialog = document.getElementById("parley-code-dialog");
  const code = document.getElementById("parley-code");
  const status = document.getElementById("parley-code-status");

  // copyCode copies the dialog's code to the clipboard, falling back to the
  // old selection command where the Clipboard API is missing (plain http).
  async function copyCode() {
    try {
      await navigator.clipboard.writeText(code.value);
      status.textContent = "Copied to the clipboard.";
    } catch (err) {
      code.select();
      status.textContent = document.execCommand("copy") ? "Copied to the clipboard." : "Select the code and copy it.";
    }
  }

  copyMenu.addEventListener("click", (event) => {
    const item = event.target.closest("[data-lang]");
    if (!item) return;
    copyMenu.open = false;
    document.getElementById("parley-code-title").textContent = item.textContent;
    status.textContent = "";
    try {
      code.value = ParleyCodegen[item.dataset.lang](currentRequest());
    } catch (err) {
      code.value = err.message;
    }
    dialog.showModal();
    copyCode();
  });
  document.getElementById("parley-code-copy").addEventListener("click", copyCode);
  document.getElementById("parley-code-close").addEventListener("click", () => dialog.close());
  document.addEventListener("click", (event) => {
    if (copyMenu.open && !copyMenu.contains(event.target)) copyMenu.open = false;
  });
})();
