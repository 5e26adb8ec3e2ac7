// palette.js holds the colours of Parley's stance and outlook values, for
// every page that shows them (the explorer, the playground, the notebook's
// export of them): one colour per value, from the Okabe–Ito palette, which
// stays distinct under the common colour-vision deficiencies, and a short
// mark per value so that no reading depends on colour alone.
//
// It is a UMD-style script with no dependencies: in a page it defines
// window.ParleyPalette; under CommonJS (node) it exports the same object.
// The values are the GraphQL enums Stance and Outlook.
(function (root, factory) {
  const palette = factory();
  if (typeof module === "object" && module.exports) module.exports = palette;
  else root.ParleyPalette = palette;
})(typeof self !== "undefined" ? self : this, function () {
  "use strict";

  // STANCES: the preference a position states (Position.stance).
  const STANCES = {
    SUPPORTS: { label: "supports", mark: "+", color: "#009E73" }, // bluish green
    OPPOSES: { label: "opposes", mark: "−", color: "#D55E00" }, // vermillion
    DEMANDS: { label: "demands", mark: "!", color: "#0072B2" }, // blue
    REJECTS: { label: "rejects", mark: "×", color: "#000000" }, // black
    CONDITIONAL: { label: "conditional", mark: "?", color: "#E69F00" }, // orange
    DEMANDS_SAY: { label: "demands a say", mark: "☞", color: "#CC79A7" }, // reddish purple
    NEUTRAL: { label: "neutral", mark: "○", color: "#999999" }, // grey
  };

  // OUTLOOKS: how hopeful a position is about its topic (Position.outlook).
  // A position may state only an outlook; the explorer then draws it dashed.
  const OUTLOOKS = {
    OPTIMISTIC: { label: "optimistic", mark: "↑", color: "#56B4E9" }, // sky blue
    SKEPTICAL: { label: "skeptical", mark: "↓", color: "#8C6D00" }, // dark yellow, readable on white
  };

  // NONE colours what has neither value.
  const NONE = { label: "no stance", mark: "·", color: "#94a3b8" };

  // of returns the entry for a position (or anything with stance and
  // outlook): its stance's when it has one, else its outlook's.
  function of(pos) {
    if (pos && pos.stance && STANCES[pos.stance]) return STANCES[pos.stance];
    if (pos && pos.outlook && OUTLOOKS[pos.outlook]) return OUTLOOKS[pos.outlook];
    return NONE;
  }

  // describe names a position's stance and outlook in words:
  // "conditional, skeptical", "optimistic".
  function describe(pos) {
    const words = [];
    if (pos && pos.stance) words.push(STANCES[pos.stance] ? STANCES[pos.stance].label : pos.stance.toLowerCase());
    if (pos && pos.outlook) words.push(OUTLOOKS[pos.outlook] ? OUTLOOKS[pos.outlook].label : pos.outlook.toLowerCase());
    return words.join(", ") || NONE.label;
  }

  return Object.freeze({ STANCES: STANCES, OUTLOOKS: OUTLOOKS, NONE: NONE, of: of, describe: describe });
});
