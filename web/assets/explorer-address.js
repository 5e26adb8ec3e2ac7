// explorer-address.js holds the explorer's view as data (state: the mode,
// the entity, the expansions, the document and fact of the reader) and the
// two conversions between it and the address bar, so that every view can
// be shared as a link and the back button works. explorer-main.js reads the
// address at the start and on popstate; the views write it back with
// history.replaceState when they add to it (an expansion, a chosen fact).
(function (X) {
  "use strict";

  // PAGE_MODES are the views that need no entity and show a page instead
  // of the graph.
  const PAGE_MODES = new Set(["matrix", "reader"]);

  // state is the current view, as in the address bar.
  const state = { mode: "neighbourhood", entity: "", id: "", to: "", hops: "4", expand: [], doc: "", fact: "" };

  // readAddress sets state from the address bar.
  function readAddress() {
    const p = new URLSearchParams(location.search);
    const mode = p.get("mode");
    state.mode = ["connection", "timeline", "matrix", "reader"].includes(mode) ? mode : "neighbourhood";
    state.doc = p.get("doc") || "";
    state.fact = p.get("fact") || "";
    state.entity = p.get("entity") || p.get("from") || "";
    state.id = p.get("id") || "";
    state.to = p.get("to") || "";
    state.hops = p.get("hops") || "4";
    state.expand = p.getAll("expand").filter(Boolean);
  }

  // addressOf writes a view as the explorer's address, leaving out what
  // the mode does not use and the defaults.
  function addressOf(s) {
    const p = new URLSearchParams();
    if (s.mode !== "neighbourhood") p.set("mode", s.mode);
    if (s.id && s.mode === "neighbourhood") p.set("id", s.id);
    else if (s.entity && !PAGE_MODES.has(s.mode)) p.set("entity", s.entity);
    if (s.mode === "neighbourhood") {
      for (const name of s.expand) p.append("expand", name);
    }
    if (s.mode === "reader") {
      if (s.doc) p.set("doc", s.doc);
      if (s.fact) p.set("fact", s.fact);
    }
    if (s.mode === "connection") {
      if (s.to) p.set("to", s.to);
      if (s.hops && s.hops !== "4") p.set("hops", s.hops);
    }
    const q = p.toString();
    return location.pathname + (q ? "?" + q : "");
  }

  Object.assign(X, {
    PAGE_MODES: PAGE_MODES,
    state: state,
    readAddress: readAddress,
    addressOf: addressOf,
  });
})(window.ParleyExplorer);
