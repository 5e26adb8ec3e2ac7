// explorer-panel.js fills the explorer's side panel: an entity (its
// aliases, description, claims, positions held itself or through its
// affiliates, broader and narrower topics, relations and mentions), a
// claim, a position, a relation or an event, each fact with its passage
// and citation (explorer-sources.js). Every entity it names is a button
// that finds the entity in the graph and expands it. The views and the
// graph's taps call these; the panel's own buttons move to another view
// through explorer-main.js.
(function (X) {
  "use strict";

  const { el, details, joinNodes, section, quote, graphql, HELD_QUERY, RELATION_EVIDENCE_QUERY } = X;
  const { swatch, typeBadge, stancePills, cite, documentsView, evidenceView, records, focusEntity } = X;

  // entityLink is a button that opens the entity in the current graph.
  function entityLink(ref) {
    if (!ref) return el("span", { class: "ex-muted" }, "unknown");
    return el(
      "button",
      { type: "button", class: "ex-link", title: "Show " + ref.name + " in the graph", on: { click: () => focusEntity(ref) } },
      swatch(ref.type),
      ref.name,
    );
  }

  // showPanel fills the panel, and cites at its foot, once, the documents
  // its citations refer to.
  function showPanel(...children) {
    details.replaceChildren(...children.flat(Infinity).filter(Boolean));
    details.scrollTop = 0;
    refreshDocuments();
  }

  // refreshDocuments (re)writes the panel's foot from the citations now in
  // it, which load after the panel shows.
  function refreshDocuments() {
    const titles = new Set([...details.querySelectorAll("[data-doc-title]")].map((n) => n.dataset.docTitle).filter(Boolean));
    const foot = details.querySelector(".ex-documents");
    if (titles.size === 0) {
      if (foot) foot.remove();
      return;
    }
    if (foot) foot.replaceWith(documentsView([...titles]));
    else details.append(documentsView([...titles]));
  }

  // claimView renders one claim: status, summary, quote, who claims it, what
  // it is about, who disputes it, where it was made, and its source.
  function claimView(claim, withHeading) {
    const status = claim.status.toLowerCase();
    return el(
      "article",
      { class: "ex-card ex-claim ex-status-" + status },
      withHeading ? el("h2", null, "Claim") : null,
      el("p", null, el("span", { class: "ex-pill ex-pill-" + status }, status), " ", claim.summary),
      quote(claim.quote),
      el("p", null, el("span", { class: "ex-label" }, "Claimed by "), entityLink(claim.claimant)),
      claim.about.length ? el("p", null, el("span", { class: "ex-label" }, "About "), joinNodes(claim.about.map(entityLink))) : null,
      claim.disputedBy.length
        ? el("p", { class: "ex-disputed" }, el("span", { class: "ex-label" }, "Disputed by "), joinNodes(claim.disputedBy.map(entityLink)))
        : el("p", { class: "ex-muted" }, "No one in the sources disputes it."),
      claim.madeIn ? el("p", null, el("span", { class: "ex-label" }, "Made in "), entityLink(claim.madeIn)) : null,
      evidenceView(claim.evidence, claim.source),
    );
  }

  // positionView renders one position: holder, stance, topic, summary,
  // quote and source.
  function positionView(pos, withHeading) {
    return el(
      "article",
      { class: "ex-card ex-position", "data-fact": pos.id },
      withHeading ? el("h2", null, "Position") : null,
      el("p", null, entityLink(pos.holder), " ", stancePills(pos), " ", entityLink(pos.topic)),
      el("p", null, pos.summary),
      quote(pos.quote),
      evidenceView(pos.evidence, pos.source),
    );
  }

  // showClaim shows one claim in the panel.
  function showClaim(claim) {
    showPanel(claimView(claim, true));
  }

  // showEntity shows an entity's name, type, aliases and description, its
  // claims and positions, its relations and the paragraphs that mention it.
  function showEntity(e) {
    const facts = e.relations.filter((r) => r.other);
    const values = e.relations.filter((r) => !r.other && r.value && !["name", "description", "alternateName"].includes(r.predicate));
    showPanel(
      el("h2", null, e.name),
      el("p", null, typeBadge(e.type), e.date || e.dateText ? " · " + [e.date, e.dateText].filter(Boolean).join(" — ") : ""),
      e.aliases.length ? el("p", { class: "ex-aliases" }, el("span", { class: "ex-label" }, "Also called "), e.aliases.join(", ")) : null,
      e.description ? el("p", null, e.description) : null,
      el(
        "p",
        { class: "ex-actions" },
        el("button", { type: "button", on: { click: () => X.navigate({ mode: "neighbourhood", entity: e.name }) } }, "Centre on it"),
        el("button", { type: "button", on: { click: () => X.navigate({ mode: "timeline", entity: e.name }) } }, "Timeline"),
        el("button", { type: "button", on: { click: () => X.startConnection(e.name) } }, "Connect to…"),
      ),
      e.claimsAbout.length ? section("Claims about " + e.name, e.claimsAbout.map((c) => claimView(c))) : null,
      e.claims.length ? section("Claims " + e.name + " made", e.claims.map((c) => claimView(c))) : null,
      linksView("Broader topics", e.broader),
      linksView("Narrower topics", e.narrower),
      linksView(e.name + " is affiliated with", e.affiliatedWith),
      linksView("Affiliated with " + e.name, e.affiliates),
      ACTORS.has(e.type) ? heldView(e) : e.positions.length ? section("Positions " + e.name + " holds", e.positions.map((p) => positionView(p))) : null,
      (e.positionsOn || []).length ? section("Positions on " + e.name, e.positionsOn.map((p) => positionView(p))) : null,
      facts.length || (e.roles || []).length
        ? section(
            "Relations",
            el(
              "ul",
              { class: "ex-facts" },
              (e.roles || []).filter((r) => r.of).map((r) => el("li", null, e.name, " ", el("em", null, r.title), " ", entityLink(r.of), " ", cite(r.source))),
              facts.map((r) =>
                el(
                  "li",
                  null,
                  r.direction === "IN" ? [entityLink(r.other), " ", el("em", null, r.predicate), " ", e.name] : [e.name, " ", el("em", null, r.predicate), " ", entityLink(r.other)],
                  " ",
                  cite(r.source),
                ),
              ),
            ),
          )
        : null,
      values.length
        ? section("Values", el("ul", { class: "ex-facts" }, values.map((r) => el("li", null, el("em", null, r.predicate), ": ", r.value, " ", cite(r.source)))))
        : null,
      e.sources.length ? section("Mentioned in", el("ul", { class: "ex-facts" }, e.sources.map((s) => el("li", null, cite(s))))) : null,
    );
  }

  // ACTORS are the kinds of entity that hold positions, directly or through
  // their affiliates.
  const ACTORS = new Set(["PERSON", "STATE", "INSTITUTION"]);

  // linksView lists entities under a heading, or nothing when there are none.
  function linksView(title, refs) {
    if (!refs || refs.length === 0) return null;
    return section(title, el("p", { class: "ex-links" }, joinNodes(refs.map(entityLink))));
  }

  // heldView lists the positions an actor holds itself and those its
  // affiliates hold (positions(holder:) includes them), each marked "own"
  // or "via" the affiliate that holds it. It loads after the panel shows.
  function heldView(e) {
    const box = section("Positions of " + e.name + " and its affiliates", el("p", { class: "ex-muted" }, "Loading…"));
    const mine = ++heldSeq;
    graphql(HELD_QUERY, { holder: e.id })
      .then((d) => {
        if (mine !== heldSeq) return;
        const own = d.positions.filter((p) => p.holder.id === e.id);
        const via = d.positions.filter((p) => p.holder.id !== e.id);
        box.replaceChildren(
          ...[
          el("h3", null, "Positions of " + e.name + " and its affiliates"),
          d.positions.length === 0 ? el("p", { class: "ex-muted" }, "The sources state no position of " + e.name + " or its affiliates.") : null,
          own.map((p) => el("div", { class: "ex-held ex-held-own" }, el("p", { class: "ex-held-mark" }, "Own position"), positionView(p))),
          via.map((p) => el("div", { class: "ex-held ex-held-via" }, el("p", { class: "ex-held-mark" }, "Via ", entityLink(p.holder)), positionView(p))),
          ]
            .flat()
            .filter(Boolean),
        );
        refreshDocuments();
      })
      .catch((err) => {
        if (mine !== heldSeq) return;
        box.replaceChildren(el("h3", null, "Positions " + e.name + " holds"), el("p", { class: "ex-muted" }, "Could not load the affiliates' positions: " + err.message), ...e.positions.map((p) => positionView(p)));
      });
    return box;
  }
  // heldSeq numbers heldView's requests, so that only the latest fills
  // its box.
  let heldSeq = 0;

  // showEdge shows what an edge stands for, with its source.
  function showEdge(edge) {
    const rec = records.get(edge.id());
    if (!rec) return;
    if (rec.kind === "claim") {
      showClaim(rec.claim);
    } else if (rec.kind === "position") {
      showPanel(positionView(rec.position, true));
    } else {
      const where = el("div", null, el("p", { class: "ex-source" }, "Source: ", cite(rec.source)));
      showPanel(
        el("h2", null, "Relation"),
        el("p", { class: "ex-fact" }, entityLink(rec.from), " ", el("em", null, rec.predicate), " ", entityLink(rec.to)),
        rec.note ? el("p", { class: "ex-muted" }, rec.note) : null,
        where,
      );
      relationEvidence(rec).then(
        (evidence) => {
          if (evidence.length > 0 && where.isConnected) where.replaceChildren(evidenceView(evidence, rec.source));
        },
        () => {}, // the source paragraph stays
      );
    }
  }

  // relationEvidence loads the evidence of a relation (a role is not one,
  // and has none); the neighbourhood's query leaves it out to stay within
  // the API's cost limit.
  async function relationEvidence(rec) {
    if (rec.role || !rec.from || !rec.to || !rec.from.id || !rec.to.id) return [];
    const data = await graphql(RELATION_EVIDENCE_QUERY, { id: rec.from.id, predicate: rec.predicate });
    const r = data.entity && data.entity.relations.find((r) => r.other && r.other.id === rec.to.id);
    return r ? r.evidence : [];
  }

  // eventView renders one event: name, date or "undated", status, place,
  // participants and its evidence.
  function eventView(ev, withHeading, compact) {
    return el(
      "article",
      { class: "ex-card ex-event-card", "data-fact": ev.id },
      withHeading ? el("h2", null, "Event") : null,
      el("h3", null, entityLink(ev)),
      el("p", null, ev.date ? el("time", { datetime: ev.date }, ev.date) : el("span", { class: "ex-undated-mark" }, "undated"), ev.dateText && ev.dateText !== ev.date ? " (“" + ev.dateText + "”)" : "", ev.status ? " · " + ev.status.toLowerCase() : ""),
      ev.description ? el("p", null, ev.description) : null,
      ev.location ? el("p", null, el("span", { class: "ex-label" }, "Where "), entityLink(ev.location)) : null,
      ev.participants.length ? el("p", null, el("span", { class: "ex-label" }, "Who "), joinNodes(ev.participants.map(entityLink))) : null,
      ev.evidence && ev.evidence.length
        ? compact
          ? el("details", { class: "ex-event-evidence" }, el("summary", null, "Evidence (" + ev.evidence.length + (ev.evidence.length === 1 ? " passage)" : " passages)")), evidenceView(ev.evidence, null))
          : evidenceView(ev.evidence, null)
        : ev.sources.length ? el("p", { class: "ex-source" }, "Source: ", joinNodes(ev.sources.map(cite))) : null,
    );
  }

  Object.assign(X, {
    entityLink: entityLink,
    showPanel: showPanel,
    refreshDocuments: refreshDocuments,
    claimView: claimView,
    positionView: positionView,
    eventView: eventView,
    showClaim: showClaim,
    showEntity: showEntity,
    showEdge: showEdge,
  });
})(window.ParleyExplorer);
