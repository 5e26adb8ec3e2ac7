// explorer-main.js is the last of the explorer's scripts (see explorer.js)
// and starts it: it switches modes (the buttons over the form), renders the
// view that the address describes, moves between views with history (so
// that the back button works and every view is a link), wires the form, the
// suggestions, the graph's Fit and Re-layout buttons and the legend, asks
// for the counts of the introduction, and makes window.parleyExplorer, the
// hook that tests and the console use to reach the graph. It calls
// ParleyAuthoring.leave() (authoring.js) before every view; the reader
// calls ParleyAuthoring.reader.
(function (X) {
  "use strict";

  const { $, form, entityInput, toInput, hopsSelect, timeline, page, graphBox, showMessage, graphql, COUNTS_QUERY } = X;
  const { state, PAGE_MODES, readAddress, addressOf, drawLegend, loadDocuments, cy, relayout, clearGraph, settled } = X;
  const { showNeighbourhood, showConnection, showTimeline, showMatrix, showReader, combobox } = X;

  // viewSeq numbers the views, so that a slow answer for an old view is
  // dropped: render increases it, and a view compares the number it was
  // given with X.viewSeq when its answer comes.
  X.viewSeq = 0;

  // applyMode shows the fields and the stage of a mode.
  function applyMode(mode) {
    state.mode = mode;
    for (const b of document.querySelectorAll("[data-mode]")) b.setAttribute("aria-pressed", String(b.dataset.mode === mode));
    for (const f of document.querySelectorAll("[data-only]")) f.hidden = f.dataset.only !== mode;
    toInput.required = mode === "connection";
    $("ex-entity-label").textContent = mode === "connection" ? "From" : "Entity";
    const isTimeline = mode === "timeline";
    const isPage = PAGE_MODES.has(mode);
    timeline.hidden = !isTimeline;
    page.hidden = !isPage;
    graphBox.hidden = isTimeline || isPage;
    $("ex-legend").hidden = isTimeline || isPage;
    $("ex-tools").hidden = isTimeline || isPage || cy.nodes().length === 0;
  }

  // render shows the view that state describes.
  function render() {
    const seq = ++X.viewSeq;
    if (window.ParleyAuthoring) window.ParleyAuthoring.leave();
    applyMode(state.mode);
    entityInput.value = state.entity || state.id;
    toInput.value = state.to;
    hopsSelect.value = state.hops;
    if (state.mode === "matrix") {
      showMatrix(seq);
      return;
    }
    if (state.mode === "reader") {
      showReader(seq);
      return;
    }
    if (!state.entity && !state.id) {
      clearGraph();
      showMessage("empty", state.mode === "connection" ? "Name two entities to see how they are connected." : "Type a name above to begin: Pokrovsk, Witkoff, frozen assets…");
      return;
    }
    if (state.mode === "connection") {
      if (!state.to) {
        clearGraph();
        showMessage("empty", "Now name the entity to connect " + state.entity + " to.");
        toInput.focus();
        return;
      }
      showConnection(seq);
    } else if (state.mode === "timeline") {
      showTimeline(seq);
    } else {
      showNeighbourhood(seq);
    }
  }

  // navigate moves to a new view, keeping the old one in the history.
  function navigate(next) {
    Object.assign(state, { id: "", expand: [], fact: "" }, next);
    history.pushState(null, "", addressOf(state));
    render();
  }

  // startConnection switches to the connection mode with from filled in.
  function startConnection(from) {
    applyMode("connection");
    entityInput.value = from;
    toInput.value = "";
    toInput.focus();
  }

  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    const name = entityInput.value.trim();
    if (!name) return;
    // From the matrix or the reader, a name opens its neighbourhood.
    navigate({ mode: PAGE_MODES.has(state.mode) ? "neighbourhood" : state.mode, entity: name, to: toInput.value.trim(), hops: hopsSelect.value });
  });

  for (const b of document.querySelectorAll("[data-mode]")) {
    b.addEventListener("click", () => {
      if (PAGE_MODES.has(b.dataset.mode)) {
        navigate({ mode: b.dataset.mode });
        return;
      }
      applyMode(b.dataset.mode);
      if (entityInput.value.trim() && (b.dataset.mode !== "connection" || toInput.value.trim())) form.requestSubmit();
      else (b.dataset.mode === "connection" && entityInput.value.trim() ? toInput : entityInput).focus();
    });
  }

  window.addEventListener("popstate", () => {
    readAddress();
    render();
  });

  $("ex-fit").addEventListener("click", () => cy.fit(undefined, 40));
  $("ex-relayout").addEventListener("click", () => relayout(true));

  // A picked suggestion shows its view, or moves on to the "to" field.
  combobox(entityInput, () => {
    if (state.mode === "connection" && !toInput.value.trim()) toInput.focus();
    else form.requestSubmit();
  });
  combobox(toInput, () => {
    if (entityInput.value.trim()) form.requestSubmit();
  });

  drawLegend();
  loadDocuments();

  // The counts go into the introduction, which a view may have replaced by
  // the time they arrive: then they go nowhere.
  const counts = $("ex-counts");
  graphql(COUNTS_QUERY, {})
    .then((d) => {
      const disputed = d.claims.filter((c) => c.status === "DISPUTED").length;
      counts.textContent =
        "It holds " + d.entities.totalCount + " entities, " + d.positions.length + " positions and " + d.claims.length + " claims (" + disputed + " disputed), from " + d.sources.length + " source paragraphs.";
    })
    .catch((err) => {
      counts.textContent = "The GraphQL API does not answer: " + err.message;
    });

  // parleyExplorer lets tests and the console reach the graph; settled()
  // is true when no layout runs and no node is loading.
  window.parleyExplorer = {
    cy: cy,
    state: state,
    settled: settled,
  };

  Object.assign(X, {
    render: render,
    navigate: navigate,
    startConnection: startConnection,
  });

  readAddress();
  history.replaceState(null, "", addressOf(state));
  render();
  if (!state.entity && !state.id) entityInput.focus();
})(window.ParleyExplorer);
