// playground.js starts GraphiQL in #graphiql and wires the page header: the
// examples menu and the "Copy as code" menu. It is plain JavaScript with no
// build step, over the UMD globals React, ReactDOM, GraphiQL,
// GraphiQLPluginExplorer and ParleyCodegen (codegen.js).
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
    try {
      return JSON.parse(text);
    } catch (err) {
      const message = "HTTP " + res.status + " " + res.statusText + ": " + text.slice(0, 500);
      return { errors: [{ message: message }] };
    }
  }

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
