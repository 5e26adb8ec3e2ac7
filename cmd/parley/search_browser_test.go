package main

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/parley-kg/parley/web/browsertest"
)

// TestSearchInBrowser drives the text index through the explorer's search
// box and the playground's name completion, in Debian's Chromium: a
// misspelt name is suggested correctly, words of a position suggest its
// holder with the words marked, and the playground completes a name
// argument from what is typed.
func TestSearchInBrowser(t *testing.T) {
	ctx := browsertest.New(t) // skips without chromium, unless CI is set
	base := startServer(t, "--store", "memory")
	rec := browsertest.Record(ctx)

	browsertest.Run(t, ctx, "open the explorer",
		chromedp.Navigate(base+"/explore"),
		chromedp.WaitVisible(chromedp.ID("ex-entity")),
	)
	browsertest.Run(t, ctx, "a misspelt name is suggested",
		chromedp.SendKeys(chromedp.ID("ex-entity"), "Kushnir"),
		browsertest.WaitTrue(`!document.getElementById("ex-entity-list").hidden &&
			document.querySelector("#ex-entity-list .ex-suggestion-name").textContent === "Jared Kushner"`),
	)
	browsertest.Screenshot(t, ctx, "search-typo")

	browsertest.Run(t, ctx, "words of a position suggest its holder",
		chromedp.Evaluate[chromedp.Void](`document.getElementById("ex-entity").value = ""`),
		chromedp.SendKeys(chromedp.ID("ex-entity"), "annexations"),
		browsertest.WaitTrue(`document.querySelector("#ex-entity-list .ex-suggestion-text mark") !== null`),
	)
	browsertest.Screenshot(t, ctx, "search-text")
	marked, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll("#ex-entity-list .ex-suggestion-text mark")].map((m) => m.textContent)`))
	if err != nil {
		t.Fatalf("read the marked words: %v", err)
	}
	holder, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector("#ex-entity-list .ex-suggestion-text .ex-suggestion-name").textContent`))
	if err != nil {
		t.Fatalf("read the suggested holder: %v", err)
	}
	for _, m := range marked {
		if !strings.HasPrefix(strings.ToLower(m), "annex") {
			t.Errorf("marked %q, not a form of annexation", m)
		}
	}
	browsertest.Run(t, ctx, "pick the text suggestion",
		chromedp.Evaluate[chromedp.Void](`(() => {
			const items = [...document.querySelectorAll("#ex-entity-list .ex-suggestion")];
			items.find((li) => li.classList.contains("ex-suggestion-text")).dispatchEvent(new MouseEvent("mousedown", { bubbles: true }));
		})()`),
		browsertest.WaitTrue(`new URLSearchParams(location.search).get("entity") === `+jsQuote(holder)),
	)

	browsertest.Run(t, ctx, "open the playground",
		chromedp.Navigate(base+"/"),
		chromedp.WaitVisible(chromedp.CSS(".graphiql-query-editor .CodeMirror")),
		chromedp.Evaluate[chromedp.Void](`(() => {
			const cm = document.querySelector(".graphiql-query-editor .CodeMirror").CodeMirror;
			cm.setValue('{ entity(name: "") { name } }');
			cm.setCursor({ line: 0, ch: 16 });
			cm.focus();
		})()`),
	)
	browsertest.Run(t, ctx, "type part of a name and pick the completion",
		chromedp.SendKeys(chromedp.CSS(".graphiql-query-editor textarea"), "Kushn"),
		browsertest.WaitTrue(`document.querySelector(".CodeMirror-hints") !== null &&
			document.querySelector(".CodeMirror-hints").textContent.includes("Jared Kushner")`),
	)
	browsertest.Screenshot(t, ctx, "playground-completion")
	browsertest.Run(t, ctx, "pick the completion",
		chromedp.Click(chromedp.CSS(".CodeMirror-hint-active")),
		browsertest.WaitTrue(`document.querySelector(".graphiql-query-editor .CodeMirror").CodeMirror.getValue().includes('entity(name: "Jared Kushner")')`),
	)
	rec.CheckOffline(t, base)
}
