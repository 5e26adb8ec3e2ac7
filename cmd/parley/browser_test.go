package main

import (
	"encoding/json"
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
	browsertest.Screenshot(t, ctx, "playground-real-server")
}
