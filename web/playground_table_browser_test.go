package web_test

import (
	"context"
	"encoding/csv"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/chromedp"
	"github.com/parley-kg/parley/web/browsertest"
)

// sharedQuery is the query of the shared link the test opens; its variables
// name a metonym, which the fake endpoint notes in extensions as the real
// server does.
const (
	sharedQuery     = "query Shared($holder: String) {\n  positions(topic: $holder) {\n    holder {\n      name\n    }\n    summary\n    evidence {\n      paragraph\n    }\n  }\n}"
	sharedVariables = `{"holder": "Washington"}`
)

// TestPlaygroundTableBrowser opens a shared link (/?query=…&variables=…) in
// a fresh browser, runs it, and checks the answer as a table (one row per
// evidence span, nested names as columns), its CSV download, the
// extensions note, and that the address follows the editor.
func TestPlaygroundTableBrowser(t *testing.T) {
	ts := httptest.NewServer(newPlaygroundMux(t))
	defer ts.Close()
	ctx := browsertest.New(t) // a fresh profile: nothing stored from another run
	rec := browsertest.Record(ctx)

	link := ts.URL + "/?" + url.Values{"query": {sharedQuery}, "variables": {sharedVariables}}.Encode()
	browsertest.Run(t, ctx, "open the shared link",
		chromedp.Navigate(link),
		chromedp.WaitVisible(chromedp.CSS(".graphiql-container")),
		browsertest.WaitTrue(`document.querySelector(".graphiql-query-editor .CodeMirror").CodeMirror.getValue() === `+jsString(sharedQuery)),
	)
	browsertest.Run(t, ctx, "show the variables",
		chromedp.Click(chromedp.CSS(`.graphiql-editor-tools button[data-name="variables"], .graphiql-editor-tools button`)),
		browsertest.WaitTrue(`[...document.querySelectorAll(".graphiql-editor-tool .CodeMirror")].some(e => e.CodeMirror.getValue().includes('"Washington"'))`),
	)
	browsertest.Screenshot(t, ctx, "playground-shared-link")

	browsertest.Run(t, ctx, "run the shared query",
		chromedp.Click(chromedp.CSS(".graphiql-execute-button")),
		browsertest.WaitTrue(`document.querySelectorAll("#parley-table tbody tr").length === 2`),
	)
	var header []string
	var rows [][]string
	browsertest.Run(t, ctx, "read the table",
		func(ctx context.Context, tg *chromedp.Target) (chromedp.Void, error) {
			var err error
			header, err = chromedp.Evaluate[[]string](`[...document.querySelectorAll("#parley-table thead th")].map(th => th.textContent)`)(ctx, tg)
			if err != nil {
				return chromedp.Void{}, err
			}
			rows, err = chromedp.Evaluate[[][]string](`[...document.querySelectorAll("#parley-table tbody tr")].map(tr => [...tr.cells].map(td => td.textContent))`)(ctx, tg)
			return chromedp.Void{}, err
		},
	)
	// Columns follow the answer's JSON, whose keys this fake server sorts.
	wantHeader := []string{"evidence.paragraph", "holder.name", "summary"}
	if strings.Join(header, "|") != strings.Join(wantHeader, "|") {
		t.Errorf("table columns %q, want %q", header, wantHeader)
	}
	for i, para := range []string{"16", "23"} {
		if i < len(rows) && (rows[i][1] != testAnswer || rows[i][0] != para) {
			t.Errorf("row %d = %q, want %s with paragraph %s", i, rows[i], testAnswer, para)
		}
	}
	browsertest.Run(t, ctx, "see the extensions note",
		browsertest.WaitTrue(`!document.getElementById("parley-extensions").hidden &&
			document.getElementById("parley-extensions").textContent.includes("United States") &&
			document.getElementById("parley-extensions").textContent.includes("Washington")`),
	)
	browsertest.Screenshot(t, ctx, "playground-table")

	t.Run("CSV", func(t *testing.T) {
		dir := t.TempDir()
		browsertest.Run(t, ctx, "download the CSV",
			chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
				_, err := chromedp.CallBrowser(ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
					Behavior: browser.SetDownloadBehaviorBehaviorAllow, DownloadPath: dir,
				})
				return err
			}),
			chromedp.Click(chromedp.ID("parley-download-csv")),
		)
		file := filepath.Join(dir, "positions.csv")
		content := waitForFile(t, file)
		records, err := csv.NewReader(strings.NewReader(string(content))).ReadAll()
		if err != nil {
			t.Fatalf("the download is not CSV: %v\n%s", err, content)
		}
		if len(records) != 3 || strings.Join(records[0], "|") != strings.Join(wantHeader, "|") ||
			records[1][1] != testAnswer || !strings.Contains(records[1][2], `"now"`) || records[2][0] != "23" {
			t.Errorf("CSV records %q: want the header and the two rows of the table, quotes kept", records)
		}
		if err := os.WriteFile(filepath.Join(browsertest.ArtifactsDir(), "playground-table.csv"), content, 0o644); err != nil {
			t.Error(err)
		}
		// Show the CSV as the browser saved it, for people to look at.
		browsertest.Run(t, ctx, "show the CSV",
			chromedp.Evaluate[chromedp.Void](`(() => {
				const pre = document.createElement("pre");
				pre.id = "parley-test-csv";
				pre.style.cssText = "position:fixed;inset:auto 0 0 auto;z-index:99;background:#fff;color:#000;border:2px solid #000;padding:1em;margin:1em;font-size:14px";
				pre.textContent = "positions.csv (downloaded)\n\n" + `+jsString(string(content))+`;
				document.body.append(pre);
			})()`),
		)
		browsertest.Screenshot(t, ctx, "playground-table-csv")
		browsertest.Run(t, ctx, "hide the CSV", chromedp.Evaluate[chromedp.Void](`document.getElementById("parley-test-csv").remove()`))
	})

	t.Run("Flatten", func(t *testing.T) {
		tests := []struct {
			name, data string
			want       []string // per top-level field: columns, then rows, cells joined by "|"
		}{
			{"ListOfObjects", `{"positions": [{"holder": {"name": "A"}, "stance": "SUPPORTS"}, {"holder": {"name": "B"}, "stance": null}]}`,
				[]string{"positions: holder.name|stance / A|SUPPORTS / B|"}},
			{"NestedListToRows", `{"e": [{"name": "E", "attendance": [{"who": {"name": "X"}, "mode": "ATTENDED"}, {"who": {"name": "Y"}, "mode": "EXPECTED"}]}]}`,
				[]string{"e: name|attendance.who.name|attendance.mode / E|X|ATTENDED / E|Y|EXPECTED"}},
			{"SiblingListsJoined", `{"c": [{"s": "S", "disputedBy": [{"name": "U"}, {"name": "O"}], "rebuttedBy": [{"x": "1"}, {"x": "2"}]}]}`,
				[]string{"c: s|disputedBy.name|rebuttedBy.x / S|U|1; 2 / S|O|1; 2"}},
			{"EmptyNestedList", `{"p": [{"n": "A", "evidence": []}, {"n": "B", "evidence": [{"s": 3}]}]}`,
				[]string{"p: n|evidence.s / A| / B|3"}},
			{"ScalarList", `{"t": [{"name": "T", "aliases": ["a", "b"]}]}`,
				[]string{"t: name|aliases / T|a; b"}},
			{"ObjectAndAliases", `{"one": {"name": "W"}, "two": [], "three": null, "four": "x"}`,
				[]string{"one: name / W", "two: ", "three: ", "four: value / x"}},
		}
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				got, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`ParleyTable.tables(`+tc.data+`).map(t =>
					t.name + ": " + [t.columns].concat(t.rows).map(r => r.join("|")).join(" / "))`))
				if err != nil {
					t.Fatal(err)
				}
				if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
					t.Errorf("tables(%s)\n got %q\nwant %q", tc.data, got, tc.want)
				}
			})
		}
	})

	t.Run("AddressFollowsEditor", func(t *testing.T) {
		const edited = `query Edited { positions(topic: "ceasefire") { summary } }`
		browsertest.Run(t, ctx, "edit the query",
			chromedp.Evaluate[chromedp.Void](`window.__historyLength = history.length`),
			chromedp.Evaluate[chromedp.Void](`document.querySelector(".graphiql-query-editor .CodeMirror").CodeMirror.setValue(`+jsString(edited)+`)`),
			browsertest.WaitTrue(`new URLSearchParams(location.search).get("query") === `+jsString(edited)),
			browsertest.WaitTrue(`new URLSearchParams(location.search).get("variables") === `+jsString(sharedVariables)),
			// replaceState: editing adds no entry to the history.
			browsertest.WaitTrue(`history.length === window.__historyLength`),
		)
	})

	rec.CheckOffline(t, ts.URL)
}

// waitForFile waits for the browser to finish writing name, and returns its
// content.
func waitForFile(t *testing.T, name string) []byte {
	t.Helper()
	deadline := time.Now().Add(browsertest.StepTimeout)
	for time.Now().Before(deadline) {
		if b, err := os.ReadFile(name); err == nil && len(b) > 0 {
			return b
		}
		time.Sleep(100 * time.Millisecond)
	}
	entries, _ := os.ReadDir(filepath.Dir(name))
	t.Fatalf("%s did not appear; the directory holds %v", name, entries)
	return nil
}
