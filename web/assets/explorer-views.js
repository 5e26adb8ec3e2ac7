// explorer-views.js holds the explorer's views of one entity (or two):
// its neighbourhood in the graph, the shortest connection between two
// entities, and its timeline of events. Each view clears the stage, hands
// its GraphQL request to "Copy as code", says that it is loading, and then
// draws what the API answers, or explains an unknown name with the search's
// suggestions. explorer-main.js's render picks the view from the address.
(function (X) {
  "use strict";

  const { el, timeline, showMessage, setStatus, state, graphql, SEARCH_QUERY, CONNECTION_QUERY, TIMELINE_QUERY } = X;
  const { EDGE_COLOR, typeBadge, cite, cy, addNode, addEdge, drawNeighbourhood, relayout, clearGraph, countLine, fetchEntity } = X;
  const { entityLink, eventView, showPanel, showEntity, setRequest } = X;

  // notFound explains an unknown or ambiguous name, and offers the search
  // results for it as links.
  async function notFound(name, err) {
    let hits = [];
    try {
      hits = (await graphql(SEARCH_QUERY, { text: name })).search;
    } catch (e) {
      // keep the original error
    }
    const text =
      err.code === "NOT_FOUND"
        ? "Parley knows nothing called “" + name + "”."
        : err.code === "BAD_USER_INPUT"
          ? "“" + name + "” names more than one entity."
          : err.message;
    const choices = hits.length
      ? el("div", null, el("p", null, "Did you mean:"), el("ul", { class: "ex-try" }, hits.map((h) => el("li", null, el("a", { href: "?" + new URLSearchParams(h.name === name ? { id: h.id } : { entity: h.name }) }, h.name), " ", typeBadge(h.type)))))
      : null;
    showMessage("error", text, choices);
  }

  // showNeighbourhood draws an entity's neighbourhood, with the entities
  // the address expands, and shows the entity in the panel. seq is the
  // view's number: an answer that comes after another view began is dropped.
  async function showNeighbourhood(seq) {
    const key = state.id ? { id: state.id } : { name: state.entity };
    const label = state.entity || state.id;
    clearGraph();
    showMessage("loading", "Loading the neighbourhood of " + label + "…");
    setStatus("");
    try {
      const { entity, request } = await fetchEntity(key);
      if (seq !== X.viewSeq) return;
      setRequest(request);
      if (!entity) throw Object.assign(new Error("Nothing found."), { code: "NOT_FOUND" });
      showMessage(null);
      drawNeighbourhood(entity);
      const missed = [];
      for (const name of state.expand) {
        try {
          const more = (await fetchEntity({ name: name })).entity;
          if (seq !== X.viewSeq) return;
          if (more) drawNeighbourhood(more);
        } catch (err) {
          missed.push(name);
        }
      }
      cy.getElementById(entity.id).addClass("root").select();
      relayout(true);
      showEntity(entity);
      document.title = entity.name + " — Parley explorer";
      setStatus(
        entity.name +
          (state.expand.length ? " and " + state.expand.length + " expanded" : "") +
          ": " +
          countLine() +
          ". Click a node to expand it, an edge for its source." +
          (missed.length ? " Could not expand " + missed.join(", ") + "." : ""),
      );
    } catch (err) {
      if (seq !== X.viewSeq) return;
      await notFound(label, err);
    }
  }

  // showConnection draws the shortest chain of relations between two
  // entities, left to right, and lists its hops in the panel.
  async function showConnection(seq) {
    clearGraph();
    const variables = { from: state.entity, to: state.to, maxHops: Number(state.hops) || 4 };
    setRequest({ query: CONNECTION_QUERY, variables: variables, field: "connection" });
    showMessage("loading", "Looking for a connection from " + state.entity + " to " + state.to + "…");
    setStatus("");
    try {
      const hops = (await graphql(CONNECTION_QUERY, variables)).connection;
      if (seq !== X.viewSeq) return;
      document.title = state.entity + " → " + state.to + " — Parley explorer";
      if (!hops || hops.length === 0) {
        showMessage("empty", "No connection from " + state.entity + " to " + state.to + " within " + variables.maxHops + " hops. Allow more hops, or try other names.");
        return;
      }
      showMessage(null);
      const path = [hops[0].from].concat(hops.map((h) => h.to));
      path.forEach((ref, i) => addNode(ref, null).position({ x: i * 220, y: i % 2 === 0 ? 0 : 70 }));
      hops.forEach((h, i) => {
        const [from, to] = h.inverse ? [h.to, h.from] : [h.from, h.to];
        const id = "hop|" + i + "|" + from.id + "|" + h.predicate + "|" + to.id;
        addEdge(id, from.id, to.id, h.predicate, "relation", EDGE_COLOR, {
          kind: "relation",
          from: from,
          to: to,
          predicate: h.predicate,
          source: h.source,
          note: h.via ? "Through " + h.via + "." : null,
        });
        cy.getElementById(id).addClass("path");
      });
      cy.nodes().first().addClass("root");
      cy.nodes().last().addClass("root");
      cy.fit(undefined, 60);
      setStatus(hops.length + (hops.length === 1 ? " hop" : " hops") + " from " + path[0].name + " to " + path[path.length - 1].name + ". Click a node to expand it.");
      showPanel(
        el("h2", null, "From " + path[0].name + " to " + path[path.length - 1].name),
        el("p", { class: "ex-muted" }, "The shortest chain of relations, read from the sources. An arrow runs from a fact's subject to its object, so some run backwards along the path."),
        el(
          "ol",
          { class: "ex-hops" },
          hops.map((h) => {
            const [from, to] = h.inverse ? [h.to, h.from] : [h.from, h.to];
            return el("li", null, el("p", { class: "ex-fact" }, entityLink(from), " ", el("em", null, h.predicate), " ", entityLink(to)), el("p", { class: "ex-source" }, cite(h.source)));
          }),
        ),
      );
    } catch (err) {
      if (seq !== X.viewSeq) return;
      showMessage("error", err.code === "NOT_FOUND" ? err.message + " Check both names: the suggestions list what Parley knows." : err.message);
    }
  }

  // firstOffset is where a fact is first evidenced in the document (its
  // earliest span, else its first paragraph), for document order.
  function firstOffset(fact) {
    const starts = (fact.evidence || []).map((ev) => ev.start);
    if (starts.length > 0) return Math.min(...starts);
    const paras = (fact.sources || []).map((s) => s.paragraph || Infinity);
    return paras.length > 0 ? 1e12 + Math.min(...paras) : Infinity;
  }

  // timelineAxis places dated events on a time axis, evenly by date.
  function timelineAxis(events) {
    const days = events.map((ev) => Date.parse(ev.date));
    const lo = Math.min(...days);
    const span = Math.max(...days) - lo || 1;
    const axis = el("div", { class: "ex-axis", role: "img", "aria-label": "Time axis from " + events[0].date + " to " + events[events.length - 1].date });
    events.forEach((ev, i) => {
      const x = events.length === 1 ? 50 : 4 + (92 * (days[i] - lo)) / span;
      const mark = el("button", { type: "button", class: "ex-axis-mark", title: ev.date + ": " + ev.name, on: { click: () => showPanel(eventView(ev, true)) } }, el("span", { class: "ex-axis-label" }, ev.date));
      mark.style.left = x + "%";
      mark.style.setProperty("--row", String(i % 3));
      axis.append(mark);
    });
    return axis;
  }

  // showTimeline lists an entity's events: the dated ones on a time axis,
  // as GraphQL's timeline(entity:) answers, then the undated ones.
  async function showTimeline(seq) {
    clearGraph();
    timeline.replaceChildren();
    const variables = { name: state.entity };
    setRequest({ query: TIMELINE_QUERY, variables: variables, field: "timeline" });
    showMessage("loading", "Loading the events of " + state.entity + "…");
    setStatus("");
    try {
      const data = await graphql(TIMELINE_QUERY, variables);
      const entity = data.entity;
      if (seq !== X.viewSeq) return;
      if (!entity) throw Object.assign(new Error("Nothing found."), { code: "NOT_FOUND" });
      document.title = entity.name + ": timeline — Parley explorer";
      const dated = data.timeline;
      const undated = entity.events.filter((ev) => !ev.date).sort((a, b) => firstOffset(a) - firstOffset(b));
      if (dated.length + undated.length === 0) {
        showMessage("empty", "The sources name no event that " + entity.name + " took part in.");
        return;
      }
      showMessage(null);
      setStatus(entity.name + ": " + dated.length + " dated events (as timeline(entity:) answers), " + undated.length + " undated.");
      const items = [
        el("li", { class: "ex-timeline-part" }, el("h3", null, "Dated"), dated.length ? timelineAxis(dated) : el("p", { class: "ex-muted" }, "The sources date none of these events.")),
        ...dated.map((ev) => el("li", { class: "ex-event" }, eventView(ev, false, true))),
        undated.length ? el("li", { class: "ex-timeline-part" }, el("h3", null, "Undated, in the order the document tells them")) : null,
        ...undated.map((ev) => el("li", { class: "ex-event ex-undated" }, eventView(ev, false, true))),
      ].filter(Boolean);
      timeline.replaceChildren(...items);
      showPanel(
        el("h2", null, entity.name + ": timeline"),
        el("p", null, typeBadge(entity.type)),
        entity.aliases.length ? el("p", null, el("span", { class: "ex-label" }, "Also called "), entity.aliases.join(", ")) : null,
        entity.description ? el("p", null, entity.description) : null,
        el(
          "p",
          { class: "ex-actions" },
          el("button", { type: "button", on: { click: () => X.navigate({ mode: "neighbourhood", entity: entity.name }) } }, "Neighbourhood"),
          el("button", { type: "button", on: { click: () => X.startConnection(entity.name) } }, "Connect to…"),
        ),
        el("p", { class: "ex-muted" }, "The dated events are those GraphQL's timeline(entity:) answers, oldest first, on a time axis. The undated events " + entity.name + " took part in follow, in the order the source first tells them, marked undated."),
      );
    } catch (err) {
      if (seq !== X.viewSeq) return;
      await notFound(state.entity, err);
    }
  }

  // showMatrix draws the actor × topic grid: a row per holder, a column per

  Object.assign(X, {
    showNeighbourhood: showNeighbourhood,
    showConnection: showConnection,
    showTimeline: showTimeline,
  });
})(window.ParleyExplorer);
