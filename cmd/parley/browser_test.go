package main

import (
	"encoding/json"
	"fmt"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/parley-kg/parley/web/browsertest"
)

// TestPlaygroundInBrowser opens the playground that the real binary serves,
// in Debian's Chromium with no network, runs a query for the positions on
// frozen Russian assets, and looks for Macron in the result pane (the
// article reports his position on them). The screenshot is kept as an
// artifact of the run.
func TestPlaygroundInBrowser(t *testing.T) {
	ctx := browsertest.New(t) // skips without chromium, unless CI is set
	base := startServer(t, "--store", "memory")

	const query = `query FrozenAssets { positions(topic: "frozen assets") { stance holder { name } source { paragraph } } }`
	q, _ := json.Marshal(query)
	browsertest.Run(t, ctx, "open the playground",
		chromedp.Navigate(base+"/"),
		chromedp.WaitVisible(chromedp.CSS(".graphiql-container")),
	)
	browsertest.Run(t, ctx, "run a query",
		chromedp.Evaluate[chromedp.Void](`document.querySelector(".graphiql-query-editor .CodeMirror").CodeMirror.setValue(`+string(q)+`)`),
		chromedp.Click(chromedp.CSS(".graphiql-execute-button")),
		browsertest.WaitTrue(`document.querySelector(".graphiql-response .CodeMirror").CodeMirror.getValue().includes("Emmanuel Macron")`),
	)
	browsertest.Run(t, ctx, "see the answer as a table",
		browsertest.WaitTrue(`[...document.querySelectorAll("#parley-table tbody tr")].some(tr => tr.textContent.includes("Emmanuel Macron"))`),
		browsertest.WaitTrue(`[...document.querySelectorAll("#parley-table thead th")].map(th => th.textContent).includes("holder.name")`),
	)
	browsertest.Screenshot(t, ctx, "playground-real-server")

	// "Washington" as a holder is read as the United States (paragraph 21),
	// and the page says so.
	washington, _ := json.Marshal(`query W { positions(holder: "Washington") { holder { name } outlook } }`)
	browsertest.Run(t, ctx, "run a query naming a metonym",
		chromedp.Evaluate[chromedp.Void](`document.querySelector(".graphiql-query-editor .CodeMirror").CodeMirror.setValue(`+string(washington)+`)`),
		chromedp.Click(chromedp.CSS(".graphiql-execute-button")),
		browsertest.WaitTrue(`!document.getElementById("parley-extensions").hidden &&
			document.getElementById("parley-extensions").textContent.includes("United States")`),
	)
	browsertest.Screenshot(t, ctx, "playground-metonym-extensions")

	// The landing page says what Parley holds and links the notebook and
	// the exports, which the server must serve.
	browsertest.Run(t, ctx, "open About",
		chromedp.Click(chromedp.CSS("#parley-about summary")),
		browsertest.WaitTrue(`document.querySelector("#parley-about").open &&
			document.querySelector("#parley-about").textContent.includes("negotiations to end the war in Ukraine")`),
	)
	browsertest.Screenshot(t, ctx, "playground-about")
	for i, sel := range []string{`#parley-about a[href^="notebooks/"]`, `#parley-about a[href="export?format=csv"]`, `.parley-nav a[href="vocab"]`} {
		// Fetch the link once, then wait for its answer to be 200.
		flag := fmt.Sprintf("window.__link%d", i)
		browsertest.Run(t, ctx, "follow "+sel,
			chromedp.Evaluate[chromedp.Void](`fetch(document.querySelector(`+jsQuote(sel)+`).href).then(r => { `+flag+` = r.status })`),
			browsertest.WaitTrue(flag+` === 200`),
		)
	}

	// The Docs link leads to the served vocabulary, which works offline.
	docs, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector(".parley-nav a[href='vocab']").href`))
	if err != nil || docs != base+"/vocab" {
		t.Fatalf("Docs links to %q (%v), want %s/vocab", docs, err, base)
	}
	browsertest.Run(t, ctx, "follow Docs",
		chromedp.Navigate(docs),
		browsertest.WaitTrue(`location.pathname === "/vocab" && document.getElementById("DemandsSay") !== null &&
			document.getElementById("seatOfGovernment").textContent.includes("Washington")`),
	)
	browsertest.Screenshot(t, ctx, "vocab")
}

func jsQuote(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}
