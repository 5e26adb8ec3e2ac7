package main

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/parley-kg/parley/web/browsertest"
)

// The IRIs of the seed's entities and claims that the explorer test clicks.
const (
	pokrovskIRI      = "https://w3id.org/parley/id/pokrovsk"
	russiaIRI        = "https://w3id.org/parley/id/russia"
	ukraineIRI       = "https://w3id.org/parley/id/ukraine"
	pokrovskClaimIRI = "https://w3id.org/parley/id/claim/russia-captured-pokrovsk"
)

// TestExplorerInBrowser drives the graph explorer that the real binary
// serves, in Debian's Chromium with no network: it types "Pokrovsk" and
// picks the suggestion with the keyboard, checks that the panel gives the
// alias Krasnoarmeysk and Russia's disputed claim of capture, expands a
// node with a click, clicks the "disputes" edge for its source, copies the
// query as Python, reopens the expanded view from its address, and opens the
// connection and timeline modes. Screenshots of each step are kept as
// artifacts (see browsertest.ArtifactsDir).
func TestExplorerInBrowser(t *testing.T) {
	ctx := browsertest.New(t) // skips without chromium, unless CI is set
	base := startServer(t, "--store", "memory")
	rec := browsertest.Record(ctx)

	browsertest.Run(t, ctx, "open the explorer",
		chromedp.Navigate(base+"/explore"),
		chromedp.WaitVisible(chromedp.ID("ex-entity")),
		browsertest.WaitTrue(`document.getElementById("ex-counts").textContent.includes("entities")`),
		browsertest.WaitTrue(`document.querySelector('a[href="./"]') !== null`), // the link to the playground
	)
	browsertest.Screenshot(t, ctx, "explorer-start")

	browsertest.Run(t, ctx, "type a name and get suggestions",
		chromedp.SendKeys(chromedp.ID("ex-entity"), "Pokrovsk"),
		browsertest.WaitTrue(`!document.getElementById("ex-entity-list").hidden &&
			document.getElementById("ex-entity-list").textContent.includes("Krasnoarmeysk")`),
	)
	browsertest.Screenshot(t, ctx, "explorer-suggestions")

	browsertest.Run(t, ctx, "pick the first suggestion with the keyboard",
		chromedp.SendKeys(chromedp.ID("ex-entity"), kb.ArrowDown+kb.Enter),
		browsertest.WaitTrue(`location.search === "?entity=Pokrovsk"`),
		browsertest.WaitTrue(`parleyExplorer.cy.getElementById(`+strconv.Quote(pokrovskIRI)+`).data("expanded") === true`),
		browsertest.WaitTrue(`parleyExplorer.settled()`),
	)
	panel, err := chromedp.Run(ctx, chromedp.TextContent(chromedp.ID("ex-details")))
	if err != nil {
		t.Fatalf("read the panel: %v", err)
	}
	for _, want := range []string{"Pokrovsk", "Also called Krasnoarmeysk", "disputed", "Disputed by", "Open-source intelligence projects", "paragraph 18"} {
		if !strings.Contains(panel, want) {
			t.Errorf("panel lacks %q; it reads:\n%s", want, panel)
		}
	}
	browsertest.Run(t, ctx, "see the disputed claim in the graph",
		browsertest.WaitTrue(`parleyExplorer.cy.getElementById(`+strconv.Quote(pokrovskClaimIRI)+`).data("status") === "DISPUTED"`),
	)
	browsertest.Screenshot(t, ctx, "explorer-pokrovsk")

	before := countNodes(t, ctx)
	browsertest.Run(t, ctx, "click Russia to expand it",
		clickAt(`parleyExplorer.cy.getElementById(`+strconv.Quote(russiaIRI)+`).renderedPosition()`),
		browsertest.WaitTrue(`parleyExplorer.cy.getElementById(`+strconv.Quote(russiaIRI)+`).data("expanded") === true`),
		browsertest.WaitTrue(`parleyExplorer.settled()`),
		browsertest.WaitTrue(`document.querySelector("#ex-details h2").textContent === "Russia"`),
		browsertest.WaitTrue(`location.search === "?entity=Pokrovsk&expand=Russia"`),
	)
	expandedNodes := countNodes(t, ctx)
	if expandedNodes <= before {
		t.Errorf("expanding Russia left %d nodes, had %d", expandedNodes, before)
	}
	browsertest.Screenshot(t, ctx, "explorer-expanded")

	disputes := `parleyExplorer.cy.getElementById(` + strconv.Quote("disputes|"+pokrovskClaimIRI+"|"+ukraineIRI) + `)`
	browsertest.Run(t, ctx, "click the edge from Ukraine that disputes the claim",
		chromedp.Evaluate[chromedp.Void](`void parleyExplorer.cy.fit(`+disputes+`.connectedNodes(), 120)`),
		clickAt(clearPointOn(disputes)),
		browsertest.WaitTrue(`document.querySelector("#ex-details h2").textContent === "Claim"`),
		browsertest.WaitTrue(`document.getElementById("ex-details").textContent.includes("Disputed by")`),
	)
	browsertest.Screenshot(t, ctx, "explorer-edge")

	browsertest.Run(t, ctx, "copy the view's query as Python",
		chromedp.Click(chromedp.CSS("#ex-code summary")),
		chromedp.SetValue(chromedp.ID("ex-code-lang"), "python"),
		chromedp.Evaluate[chromedp.Void](`document.getElementById("ex-code-lang").dispatchEvent(new Event("change"))`),
		browsertest.WaitTrue(`document.getElementById("ex-code-text").value.includes("urllib.request") &&
			document.getElementById("ex-code-text").value.includes('"name": "Pokrovsk"')`),
	)
	browsertest.Screenshot(t, ctx, "explorer-code")

	browsertest.Run(t, ctx, "open the shared address of the expanded view",
		chromedp.Navigate(base+"/explore?entity=Pokrovsk&expand=Russia"),
		browsertest.WaitTrue(`parleyExplorer.cy.getElementById(`+strconv.Quote(russiaIRI)+`).data("expanded") === true`),
		browsertest.WaitTrue(`parleyExplorer.cy.nodes().length === `+strconv.Itoa(expandedNodes)),
	)

	browsertest.Run(t, ctx, "show the connection from Kushner to Putin",
		chromedp.Navigate(base+"/explore?mode=connection&entity=Jared+Kushner&to=Vladimir+Putin"),
		browsertest.WaitTrue(`document.querySelectorAll(".ex-hops li").length > 0`),
		browsertest.WaitTrue(`parleyExplorer.cy.nodes().some((n) => n.data("label") === "Vladimir Putin")`),
	)
	browsertest.Screenshot(t, ctx, "explorer-connection")

	browsertest.Run(t, ctx, "show Russia's timeline",
		chromedp.Navigate(base+"/explore?mode=timeline&entity=Russia"),
		browsertest.WaitTrue(`document.querySelectorAll(".ex-event").length > 0`),
		browsertest.WaitTrue(`document.getElementById("ex-timeline").textContent.includes("2022-02")`),
	)
	browsertest.Screenshot(t, ctx, "explorer-timeline")

	browsertest.Run(t, ctx, "name something Parley does not know",
		chromedp.Navigate(base+"/explore?entity=Atlantis"),
		browsertest.WaitTrue(`document.querySelector(".ex-message-error") !== null && !document.getElementById("ex-message").hidden`),
	)

	rec.CheckOffline(t, base)
}

// countNodes returns the number of nodes in the explorer's graph.
func countNodes(t *testing.T, ctx context.Context) int {
	t.Helper()
	n, err := chromedp.Run(ctx, chromedp.Evaluate[int](`parleyExplorer.cy.nodes().length`))
	if err != nil {
		t.Fatalf("count nodes: %v", err)
	}
	return n
}

// clearPointOn returns a JavaScript expression for a point {x, y} on the
// edge (a JavaScript expression for a cytoscape edge), in rendered
// coordinates, that no node covers, so that a click there hits the edge.
func clearPointOn(edge string) string {
	return `(() => {
		const e = ` + edge + `, a = e.renderedSourceEndpoint(), b = e.renderedTargetEndpoint();
		const covered = (p) => parleyExplorer.cy.nodes().some((n) => {
			const bb = n.renderedBoundingBox({ includeLabels: false });
			return p.x > bb.x1 - 4 && p.x < bb.x2 + 4 && p.y > bb.y1 - 4 && p.y < bb.y2 + 4;
		});
		// Another edge within 10 px of the point would take the click: the
		// seed's Pokrovsk-in-Ukraine edge runs close beside this one.
		const crowded = (p) => parleyExplorer.cy.edges().some((o) => {
			if (o.same(e)) return false;
			const s = o.renderedSourceEndpoint(), t = o.renderedTargetEndpoint();
			const dx = t.x - s.x, dy = t.y - s.y, l2 = dx * dx + dy * dy;
			const k = l2 ? Math.max(0, Math.min(1, ((p.x - s.x) * dx + (p.y - s.y) * dy) / l2)) : 0;
			const x = s.x + k * dx - p.x, y = s.y + k * dy - p.y;
			return x * x + y * y < 100;
		});
		const fs = [0.5, 0.4, 0.6, 0.3, 0.7, 0.25, 0.75, 0.2, 0.8, 0.15, 0.85, 0.1, 0.9];
		for (const f of fs) {
			const p = { x: a.x + f * (b.x - a.x), y: a.y + f * (b.y - a.y) };
			if (!covered(p) && !crowded(p)) return p;
		}
		for (const f of fs) {
			const p = { x: a.x + f * (b.x - a.x), y: a.y + f * (b.y - a.y) };
			if (!covered(p)) return p;
		}
		return e.renderedMidpoint();
	})()`
}

// clickAt clicks the mouse where the JavaScript expression, a position
// {x, y} relative to the graph's container (as cytoscape's rendered
// positions are), lies on the page.
func clickAt(expr string) chromedp.Action[chromedp.Void] {
	return func(ctx context.Context, tg *chromedp.Target) (chromedp.Void, error) {
		p, err := chromedp.Evaluate[[]float64](`(() => {
			const p = `+expr+`;
			const r = parleyExplorer.cy.container().getBoundingClientRect();
			return [r.left + p.x, r.top + p.y];
		})()`)(ctx, tg)
		if err != nil {
			return chromedp.Void{}, err
		}
		return chromedp.MouseClickXY(p[0], p[1])(ctx, tg)
	}
}
