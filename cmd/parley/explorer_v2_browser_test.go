package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/parley-kg/parley/web/browsertest"
)

// seedDocuments returns the directory that holds the seed article (the
// worktree's ../shared/seeds, as in CI), skipping the test when it is
// missing, unless CI is set.
func seedDocuments(t *testing.T) string {
	t.Helper()
	dir, err := filepath.Abs(filepath.Join("..", "..", "..", "shared", "seeds"))
	if err == nil {
		_, err = os.Stat(filepath.Join(dir, "000_508fa90569225c0e.txt"))
	}
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("the seed article is missing: %v", err)
		}
		t.Skipf("the seed article is missing (%v): the test needs ../shared/seeds", err)
	}
	return dir
}

// TestExplorerEvidenceInBrowser drives the explorer with the seed article
// registered: a position's panel shows its paragraph with the evidence span
// highlighted and a citation that says what the document record lacks;
// Enter takes the top suggestion; an actor's panel marks positions held
// through its affiliates; a topic shows its broader topic; the reader
// highlights every fact's span and opens the fact on a click; the stance
// matrix colours Putin's position on the peace plan; and the timeline puts
// on its axis exactly the events GraphQL's timeline answers.
func TestExplorerEvidenceInBrowser(t *testing.T) {
	docs := seedDocuments(t)
	ctx := browsertest.New(t)
	base := startServer(t, "--store", "memory", "--documents", docs)
	rec := browsertest.Record(ctx)

	browsertest.Run(t, ctx, "Enter takes the top suggestion",
		chromedp.Navigate(base+"/explore"),
		chromedp.WaitVisible(chromedp.ID("ex-entity")),
		chromedp.SendKeys(chromedp.ID("ex-entity"), "Pokrov"),
		browsertest.WaitTrue(`!document.getElementById("ex-entity-list").hidden &&
			document.getElementById("ex-entity-list").textContent.includes("Pokrovsk")`),
		chromedp.SendKeys(chromedp.ID("ex-entity"), kb.Enter),
		browsertest.WaitTrue(`location.search === "?entity=Pokrovsk"`),
	)

	// Putin called the U.S. draft plan a potential "basis": the article
	// quotes the word, so the highlighted span must hold it, inside the
	// paragraph's longer text.
	// Every value of the schema's Stance and Outlook enums has its own
	// colour and mark in the shared palette.
	browsertest.Run(t, ctx, "the palette covers every stance and outlook, distinctly",
		chromedp.Evaluate[chromedp.Void](`void fetch("/graphql", {method: "POST", headers: {"Content-Type": "application/json"},
			body: JSON.stringify({query: "{ s: __type(name: \"Stance\") { enumValues { name } } o: __type(name: \"Outlook\") { enumValues { name } } }"})})
			.then((r) => r.json()).then((b) => { window.enums = b.data; })`),
		browsertest.WaitTrue(`window.enums !== undefined`),
		browsertest.WaitTrue(`(() => {
			const P = ParleyPalette;
			const entries = enums.s.enumValues.map((v) => P.STANCES[v.name]).concat(enums.o.enumValues.map((v) => P.OUTLOOKS[v.name]));
			return enums.s.enumValues.length >= 7 && entries.every(Boolean) &&
				new Set(entries.map((e) => e.color.toLowerCase())).size === entries.length &&
				new Set(entries.map((e) => e.mark)).size === entries.length &&
				document.querySelectorAll("#ex-legend .ex-legend-stance").length === entries.length;
		})()`),
	)

	// Evidence offsets count code points, JavaScript strings UTF-16 units:
	// a span after an emoji (two units, one code point) must still cover
	// exactly its characters.
	browsertest.Run(t, ctx, "spans are placed by code points",
		browsertest.WaitTrue(`(() => {
			const text = "a\u{1F600} b\u{1F600}c d";
			const start = ParleyEvidence.paragraphStart(text, [{ start: 103, end: 106, text: "b\u{1F600}c" }]);
			const segs = ParleyEvidence.segments(text, start, [{ start: 103, end: 106 }]);
			return start === 100 && segs.length === 3 && segs[1].text === "b\u{1F600}c" && segs[1].spans.length === 1 && segs[2].text === " d";
		})()`),
	)

	browsertest.Run(t, ctx, "a position's evidence is highlighted in its paragraph",
		chromedp.Navigate(base+"/explore?entity=Vladimir+Putin"),
		browsertest.WaitTrue(`[...document.querySelectorAll("#ex-details mark.ex-span")].some((m) => m.textContent.includes('"basis"'))`),
		browsertest.WaitTrue(`(() => {
			const m = [...document.querySelectorAll("#ex-details mark.ex-span")].find((m) => m.textContent.includes('"basis"'));
			return m.closest("blockquote").textContent.length > m.textContent.length;
		})()`),
		chromedp.Evaluate[chromedp.Void](`void [...document.querySelectorAll("#ex-details mark.ex-span")].find((m) => m.textContent.includes('"basis"')).scrollIntoView({block: "center"})`),
	)
	browsertest.Screenshot(t, ctx, "explorer-evidence-span")

	// The seed's document record holds its title only (seed/README.md).
	browsertest.Run(t, ctx, "the citation names the document once and what is not known",
		browsertest.WaitTrue(`document.querySelector("#ex-details .ex-documents") !== null`),
		browsertest.WaitTrue(`(() => {
			const foot = document.querySelector("#ex-details .ex-documents").textContent;
			return foot.includes("Publisher") && foot.includes("not known") && foot.includes("URL");
		})()`),
		browsertest.WaitTrue(`(() => {
			const title = document.querySelector("#ex-details .ex-documents dd").textContent;
			return title.length > 0 && document.getElementById("ex-details").textContent.split(title).length === 2;
		})()`),
		browsertest.WaitTrue(`ParleyEvidence.citationText({ paragraph: 22, section: "S", title: "T", document: { title: "T" } }).includes("Publisher: not known.")`),
		chromedp.Evaluate[chromedp.Void](`void document.querySelector("#ex-details .ex-copy-cite").click()`),
		browsertest.WaitTrue(`document.querySelector("#ex-details .ex-copy-status").textContent !== ""`),
		chromedp.Evaluate[chromedp.Void](`void document.querySelector("#ex-details .ex-documents").scrollIntoView()`),
	)
	browsertest.Screenshot(t, ctx, "explorer-citation")

	browsertest.Run(t, ctx, "an actor's positions are marked own or via an affiliate",
		chromedp.Navigate(base+"/explore?entity=Russia"),
		browsertest.WaitTrue(`document.querySelectorAll("#ex-details .ex-held-own").length > 0`),
		browsertest.WaitTrue(`[...document.querySelectorAll("#ex-details .ex-held-via .ex-held-mark")].some((m) => m.textContent.includes("Vladimir Putin"))`),
		browsertest.WaitTrue(`document.getElementById("ex-details").textContent.includes("Affiliated with Russia")`),
	)

	// The article says Russia annexed Crimea in 2014.
	browsertest.Run(t, ctx, "a relation's evidence is highlighted",
		browsertest.WaitTrue(`parleyExplorer.settled() && parleyExplorer.cy.getElementById("rel|https://w3id.org/parley/id/russia|annexed|https://w3id.org/parley/id/crimea").length === 1`),
		chromedp.Evaluate[chromedp.Void](`void parleyExplorer.cy.getElementById("rel|https://w3id.org/parley/id/russia|annexed|https://w3id.org/parley/id/crimea").emit("tap")`),
		browsertest.WaitTrue(`document.querySelector("#ex-details h2").textContent === "Relation"`),
		browsertest.WaitTrue(`[...document.querySelectorAll("#ex-details mark.ex-span")].some((m) => m.textContent.includes("Crimea"))`),
	)

	browsertest.Run(t, ctx, "a topic shows its broader topic",
		chromedp.Navigate(base+"/explore?entity=Ceasefire+and+frozen+conflict"),
		browsertest.WaitTrue(`[...document.querySelectorAll("#ex-details h3")].some((h) => h.textContent === "Broader topics" && h.parentNode.textContent.includes("De-escalation"))`),
	)

	browsertest.Run(t, ctx, "the reader highlights the facts' spans and opens one",
		chromedp.Navigate(base+"/explore?mode=reader"),
		browsertest.WaitTrue(`document.querySelectorAll("#ex-page mark.ex-span-link").length > 20`),
		chromedp.Evaluate[chromedp.Void](`void [...document.querySelectorAll("#ex-page mark.ex-span-link")].find((m) => m.textContent.includes('"basis"')).click()`),
		browsertest.WaitTrue(`location.search.includes("fact=")`),
		browsertest.WaitTrue(`document.querySelector("#ex-details h2").textContent === "Position"`),
		browsertest.WaitTrue(`document.getElementById("ex-details").textContent.includes("Vladimir Putin")`),
	)
	browsertest.Screenshot(t, ctx, "explorer-reader")

	browsertest.Run(t, ctx, "the reader's address reopens the fact",
		chromedp.Reload(),
		browsertest.WaitTrue(`document.querySelectorAll("#ex-page mark.ex-span-chosen").length > 0`),
		browsertest.WaitTrue(`document.querySelector("#ex-page mark.ex-span-chosen").textContent.includes('"basis"')`),
		browsertest.WaitTrue(`document.querySelector("#ex-details h2").textContent === "Position"`),
	)

	browsertest.Run(t, ctx, "the stance matrix colours Putin on the peace plan",
		chromedp.Navigate(base+"/explore?mode=matrix"),
		browsertest.WaitTrue(`document.querySelectorAll("#ex-page .ex-matrix-cell").length > 10`),
		browsertest.WaitTrue(`(() => {
			const row = [...document.querySelectorAll("#ex-page tbody tr")].find((r) => r.querySelector("th").textContent === "Vladimir Putin");
			return row && [...row.querySelectorAll(".ex-matrix-cell")].some((c) => c.title.includes("peace plan") && c.dataset.stances.includes("CONDITIONAL"));
		})()`),
		chromedp.Evaluate[chromedp.Void](`void [...document.querySelectorAll("#ex-page tbody tr")].find((r) => r.querySelector("th").textContent === "Vladimir Putin").querySelector(".ex-matrix-cell").click()`),
		browsertest.WaitTrue(`document.querySelector("#ex-details h2").textContent.startsWith("Vladimir Putin on ")`),
		browsertest.WaitTrue(`document.querySelectorAll("#ex-details mark.ex-span").length > 0`),
	)
	browsertest.Screenshot(t, ctx, "explorer-stance-matrix")

	for _, name := range []string{"Witkoff", "Russia"} {
		browsertest.Run(t, ctx, name+"'s timeline agrees with GraphQL's timeline",
			chromedp.Navigate(base+"/explore?mode=timeline&entity="+name),
			browsertest.WaitTrue(`document.querySelectorAll("#ex-timeline .ex-event").length > 0`),
			chromedp.Evaluate[chromedp.Void](`void fetch("/graphql", {method: "POST", headers: {"Content-Type": "application/json"},
				body: JSON.stringify({query: '{ timeline(entity: "`+name+`") { date } }'})}).then((r) => r.json()).then((b) => { window.apiTimeline = b.data.timeline; })`),
			browsertest.WaitTrue(`window.apiTimeline !== undefined`),
			browsertest.WaitTrue(`document.querySelectorAll("#ex-timeline .ex-axis-mark").length === apiTimeline.length &&
				document.querySelectorAll("#ex-timeline .ex-event:not(.ex-undated)").length === apiTimeline.length &&
				[...document.querySelectorAll("#ex-timeline .ex-event:not(.ex-undated) time")].map((t) => t.dateTime).join() === apiTimeline.map((e) => e.date).join()`),
			browsertest.WaitTrue(`[...document.querySelectorAll("#ex-timeline .ex-undated")].every((e) => e.textContent.includes("undated"))`),
		)
		browsertest.Screenshot(t, ctx, "explorer-timeline-"+strings.ToLower(name))
	}
	rec.CheckOffline(t, base)
}

// TestExplorerUnregisteredInBrowser checks that without the document
// registered, a fact's panel says how to register it instead of its text.
func TestExplorerUnregisteredInBrowser(t *testing.T) {
	ctx := browsertest.New(t)
	base := startServer(t, "--store", "memory")
	browsertest.Run(t, ctx, "a position's panel says how to register the document",
		chromedp.Navigate(base+"/explore?entity=Vladimir+Putin"),
		browsertest.WaitTrue(`[...document.querySelectorAll("#ex-details .ex-unregistered")].some((p) => p.textContent.includes("parley serve --documents DIR"))`),
		browsertest.WaitTrue(`document.querySelectorAll("#ex-details mark.ex-span").length === 0`),
		chromedp.Evaluate[chromedp.Void](`void document.querySelector("#ex-details .ex-unregistered").scrollIntoView({block: "center"})`),
	)
	browsertest.Screenshot(t, ctx, "explorer-unregistered")
}
