// explorer-suggest.js turns the explorer's name fields into ARIA
// comboboxes: as the researcher types, the search query suggests entities
// by name and alias (the last word completed), and the holders and
// claimants of positions and claims whose words match, each with its
// matching snippet. Arrows, Enter (the highlighted suggestion, else the top
// one) and Escape drive the list, as does the mouse.
(function (X) {
  "use strict";

  const { el, graphql, SEARCH_QUERY, TYPES, swatch } = X;

  // textSuggestions turns position and claim hits into suggestions of
  // their holders and claimants, each with the matching text.
  function textSuggestions(hits) {
    return (hits || [])
      .map((h) => {
        const who = h.position ? h.position.holder : h.claim ? h.claim.claimant : null;
        if (!who) return null;
        const what = h.position ? "position" + (h.position.topic ? " on " + h.position.topic.name : "") : "claim";
        return Object.assign({}, who, { snippet: h.snippet, what: what });
      })
      .filter(Boolean);
  }

  // snippetNode renders a hit's snippet, which the server sends as
  // escaped text with <mark> elements: only the text and the marks are
  // kept, whatever else it might hold.
  function snippetNode(html) {
    const tpl = document.createElement("template");
    tpl.innerHTML = html;
    const out = el("span", { class: "ex-snippet" });
    for (const n of tpl.content.childNodes) {
      out.append(n.nodeName === "MARK" ? el("mark", null, n.textContent) : n.textContent);
    }
    return out;
  }

  // combobox makes input an ARIA combobox with a list of suggestions from
  // the search query, driven by the keyboard (arrows, Enter, Escape) or the
  // mouse; onPick runs after a suggestion is chosen.
  function combobox(input, onPick) {
    const list = el("ul", { id: input.id + "-list", class: "ex-suggestions", role: "listbox", "aria-label": "Suggestions", hidden: true });
    const box = el("div", { class: "ex-combo" });
    input.classList.remove("ex-combo");
    input.replaceWith(box);
    box.append(input, list);
    for (const [k, v] of Object.entries({ role: "combobox", "aria-autocomplete": "list", "aria-expanded": "false", "aria-controls": list.id })) {
      input.setAttribute(k, v);
    }
    let items = [];
    let active = -1;
    let timer = 0;
    let seq = 0;

    function close() {
      list.hidden = true;
      active = -1;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
    }

    function draw() {
      const text = input.value.trim().toLowerCase();
      list.replaceChildren(
        ...items.map((it, i) => {
          if (it.snippet) {
            return el(
              "li",
              { id: list.id + "-" + i, role: "option", class: "ex-suggestion ex-suggestion-text", "aria-selected": String(i === active), on: { mousedown: (ev) => { ev.preventDefault(); pick(i); } } },
              swatch(it.type),
              el("span", { class: "ex-suggestion-name" }, it.name),
              el("span", { class: "ex-muted" }, " · " + it.what + ": "),
              snippetNode(it.snippet),
            );
          }
          const alias = it.aliases.find((a) => a.toLowerCase().includes(text)) || it.aliases[0];
          return el(
            "li",
            { id: list.id + "-" + i, role: "option", class: "ex-suggestion", "aria-selected": String(i === active), on: { mousedown: (ev) => { ev.preventDefault(); pick(i); } } },
            swatch(it.type),
            el("span", { class: "ex-suggestion-name" }, it.name),
            alias ? el("span", { class: "ex-muted" }, " also " + alias) : null,
            el("span", { class: "ex-suggestion-type" }, TYPES[it.type] ? TYPES[it.type].label : it.type),
          );
        }),
      );
      if (items.length === 0 && text) {
        list.append(el("li", { class: "ex-suggestion ex-muted", role: "option", "aria-disabled": "true" }, "Nothing matches “" + input.value.trim() + "”."));
      }
      list.hidden = list.children.length === 0;
      input.setAttribute("aria-expanded", String(!list.hidden));
      if (active >= 0) input.setAttribute("aria-activedescendant", list.id + "-" + active);
      else input.removeAttribute("aria-activedescendant");
    }

    async function suggest() {
      const text = input.value.trim();
      const mine = ++seq;
      if (!text) {
        items = [];
        close();
        return;
      }
      try {
        const data = await graphql(SEARCH_QUERY, { text: text });
        if (mine !== seq || document.activeElement !== input) return;
        items = data.search.concat(textSuggestions(data.hits));
        active = -1;
        draw();
      } catch (err) {
        close();
      }
    }

    function pick(i) {
      input.value = items[i].name;
      seq++;
      close();
      onPick(items[i]);
    }

    input.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(suggest, 120);
    });
    input.addEventListener("keydown", (ev) => {
      if (ev.key === "ArrowDown" || ev.key === "ArrowUp") {
        const n = items.length;
        if (list.hidden || n === 0) {
          if (list.hidden) suggest();
          return;
        }
        ev.preventDefault();
        active = ev.key === "ArrowDown" ? (active + 1) % n : (active - 1 + n) % n;
        draw();
      } else if (ev.key === "Enter" && !list.hidden && items.length > 0) {
        // Enter takes the highlighted suggestion, else the top one.
        ev.preventDefault();
        pick(active >= 0 ? active : 0);
      } else if (ev.key === "Escape") {
        close();
      } else if (ev.key === "Enter") {
        seq++;
        close();
      }
    });
    input.addEventListener("blur", () => setTimeout(close, 100));
  }

  X.combobox = combobox;
})(window.ParleyExplorer);
