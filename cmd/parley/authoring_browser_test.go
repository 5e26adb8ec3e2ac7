package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/chromedp/chromedp"
	"github.com/parley-kg/parley/graph/authoring"
	"github.com/parley-kg/parley/web/browsertest"
)

// fictionText is the fictional test document the authoring file cites.
const fictionText = "../../graph/authoring/testdata/fiction-ceasefire.txt"

// TestAuthoringFormInBrowser adds statements to the fictional document (a
// test fixture, marked as fiction in its first line) with the explorer's
// form: the researcher selects words in the reader, declares a new person,
// makes a position of the selection on a topic the seed has, reviews the
// diff (the CLI's, through the server), sees an error next to the field it
// is about, writes with the token, and downloads the authoring file, which
// parley add then finds nothing new in; after a reload the form holds the
// statements again. Then the whole fixture is added by
// API and the reader highlights its spans; retracting it restores the
// answers GraphQL gave before.
func TestAuthoringFormInBrowser(t *testing.T) {
	ctx := browsertest.New(t) // skips without chromium, unless CI is set
	text := string(mustRead(t, fictionText))
	fixture, err := authoring.Parse(fictionYAML, mustRead(t, fictionYAML))
	if err != nil {
		t.Fatal(err)
	}
	docs := t.TempDir()
	writeFile(t, filepath.Join(docs, fixture.Document.File), text)
	tokens := filepath.Join(t.TempDir(), "tokens")
	writeFile(t, tokens, "alice "+aliceToken+"\n")
	base := startServer(t, "--store", "memory", "--documents", docs, "--write-token-file", tokens)
	before := answers(t, base)

	// The fixture's new person, and its position on a seed topic, which the
	// form makes again from the selected words.
	person, pos := fixture.Entities[0], fixture.Positions[0]
	selected := pos.Evidence[0].Exact
	if person.Type == "" || pos.Topic.Name == "" || strings.Count(text, selected) != 1 {
		t.Fatalf("the fixture changed: want a new entity first and a position whose first quote occurs once; have %+v, %+v", person, pos)
	}

	// The document must be in the graph for the reader to show it: add
	// its record alone, as a file with no statements.
	meta, err := authoring.Render(&authoring.File{Name: "meta.yaml", Document: fixture.Document})
	if err != nil {
		t.Fatal(err)
	}
	if status, body := postAdd(t, base, addRequest{Name: "meta.yaml", Authoring: string(meta), Document: text}); status != http.StatusOK {
		t.Fatalf("add the document's record: %d %v", status, body)
	}
	docIRI := fixture.DocumentIRI()

	browsertest.Run(t, ctx, "open the fictional document in the reader",
		chromedp.Navigate(base+"/explore?mode=reader&doc="+url.QueryEscape(docIRI)),
		browsertest.WaitTrue(`document.querySelectorAll(".ex-reader-para .ex-para-text").length > 0 && !document.getElementById("au-panel").hidden`),
	)
	browsertest.Run(t, ctx, "select the words",
		chromedp.Evaluate[chromedp.Void](`(() => {
			const want = `+jsQuote(selected)+`;
			for (const bq of document.querySelectorAll(".ex-reader-para .ex-para-text")) {
				const walk = document.createTreeWalker(bq, NodeFilter.SHOW_TEXT);
				for (let n = walk.nextNode(); n; n = walk.nextNode()) {
					const i = n.data.indexOf(want);
					if (i < 0) continue;
					const r = document.createRange();
					r.setStart(n, i);
					r.setEnd(n, i + want.length);
					getSelection().removeAllRanges();
					getSelection().addRange(r);
					return;
				}
			}
		})()`),
		browsertest.WaitTrue(`document.getElementById("au-selection").textContent.includes(`+jsQuote("“"+selected+"”")+`)`),
	)
	browsertest.Run(t, ctx, "declare the new person",
		chromedp.Click(chromedp.ID("au-new-entity")),
		browsertest.WaitTrue(`document.activeElement && document.activeElement.id === "au-entities-0-type"`),
		chromedp.SetValue(chromedp.ID("au-entities-0-type"), person.Type),
		chromedp.Evaluate[chromedp.Void](`document.getElementById("au-entities-0-type").dispatchEvent(new Event("change", { bubbles: true }))`),
		chromedp.SendKeys(chromedp.ID("au-entities-0-name"), person.Name),
		chromedp.SendKeys(chromedp.ID("au-entities-0-aliases"), strings.Join(person.Aliases, ", ")),
	)
	// The topic completes from the store's names; the holder, misspelt at
	// first, is an error shown next to its field.
	topicStart := strings.Fields(pos.Topic.Name)[0]
	browsertest.Run(t, ctx, "make a position of the selection",
		chromedp.Click(chromedp.CSS(`#au-panel button[data-kind="positions"]`)),
		chromedp.SendKeys(chromedp.ID("au-positions-0-holder"), person.Name+"z"),
		chromedp.SendKeys(chromedp.ID("au-positions-0-topic"), topicStart),
		browsertest.WaitTrue(`[...document.querySelectorAll("#au-names option")].some((o) => o.value === `+jsQuote(pos.Topic.Name)+`)`),
		chromedp.SetValue(chromedp.ID("au-positions-0-topic"), pos.Topic.Name),
		chromedp.Evaluate[chromedp.Void](`document.getElementById("au-positions-0-topic").dispatchEvent(new Event("input", { bubbles: true }))`),
		chromedp.SetValue(chromedp.ID("au-positions-0-stance"), pos.Stance),
		chromedp.Evaluate[chromedp.Void](`document.getElementById("au-positions-0-stance").dispatchEvent(new Event("change", { bubbles: true }))`),
		chromedp.SendKeys(chromedp.ID("au-positions-0-summary"), pos.Summary),
	)
	browsertest.Run(t, ctx, "reviewing without a token says so at the token",
		chromedp.Click(chromedp.ID("au-review")),
		browsertest.WaitTrue(`document.querySelector("#au-token + .au-field-error") !== null`),
	)
	browsertest.Run(t, ctx, "the misspelt holder is an error next to it",
		chromedp.SendKeys(chromedp.ID("au-token"), aliceToken),
		chromedp.Click(chromedp.ID("au-review")),
		browsertest.WaitTrue(`(() => {
			const e = document.querySelector("#au-positions-0-holder + .au-field-error");
			return e !== null && e.textContent.includes(`+jsQuote(person.Name+"z")+`) &&
				document.getElementById("au-positions-0-holder").getAttribute("aria-describedby") === e.id;
		})()`),
	)
	browsertest.Screenshot(t, ctx, "authoring-field-error")
	browsertest.Run(t, ctx, "review the corrected statements",
		chromedp.SetValue(chromedp.ID("au-positions-0-holder"), person.Name),
		chromedp.Evaluate[chromedp.Void](`document.getElementById("au-positions-0-holder").dispatchEvent(new Event("input", { bubbles: true }))`),
		chromedp.Click(chromedp.ID("au-review")),
		browsertest.WaitTrue(`!document.getElementById("au-diff").hidden && !document.getElementById("au-write").disabled`),
	)
	browsertest.Screenshot(t, ctx, "authoring-review")
	diff := evalString(t, ctx, `document.getElementById("au-diff").textContent`)
	file := evalString(t, ctx, `document.getElementById("au-yaml").value`)
	// The review is the CLI's dry run of the same file.
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, fixture.Document.File), text)
	downloaded := filepath.Join(dir, "form.yaml")
	writeFile(t, downloaded, file)
	if cli := addByCLI(t, base, downloaded, "--dry-run"); cli != diff {
		t.Errorf("the form's review differs from parley add --dry-run's:\n%s\nCLI:\n%s", diff, cli)
	}
	if !strings.Contains(diff, fmt.Sprintf("+ new %s %q", person.Type, person.Name)) || !strings.Contains(diff, "+ position") {
		t.Errorf("the review does not show the new person and position:\n%s", diff)
	}

	browsertest.Run(t, ctx, "write with the token",
		chromedp.Click(chromedp.ID("au-write")),
		browsertest.WaitTrue(`document.getElementById("au-status").textContent.startsWith("Written")`),
		// The reader reloads, and highlights the new position's words.
		browsertest.WaitTrue(`[...document.querySelectorAll(".ex-reader-para mark.ex-span")].some((m) => m.textContent === `+jsQuote(selected)+`)`),
	)
	browsertest.Screenshot(t, ctx, "authoring-written")

	// GraphQL has the position, on the topic and on each broader topic,
	// with its evidence at the selected words.
	at := strings.Index(text, selected)
	start := utf8.RuneCountInString(text[:at])
	want := [2]float64{float64(start), float64(start + utf8.RuneCountInString(selected))}
	topics := append([]string{pos.Topic.Name}, broaderTopics(t, base, pos.Topic.Name)...)
	if len(topics) < 2 {
		t.Fatalf("the seed files %q under no broader topic", pos.Topic.Name)
	}
	for _, topic := range topics {
		ev := evidenceOf(t, base, topic, person.Name)
		if ev == nil {
			t.Errorf("positions(topic: %q) lacks %s's position", topic, person.Name)
			continue
		}
		if got := [2]float64{ev["start"].(float64), ev["end"].(float64)}; got != want || ev["text"] != selected {
			t.Errorf("positions(topic: %q): %s's evidence is %v %q, want the selection at %v", topic, person.Name, got, ev["text"], want)
		}
	}

	// The download is the file reviewed, and adding it again adds nothing.
	browsertest.Run(t, ctx, "download the authoring file",
		chromedp.Click(chromedp.ID("au-download")),
		browsertest.WaitTrue(`document.getElementById("au-status").textContent.startsWith("Downloaded")`),
	)
	again := evalString(t, ctx, `document.getElementById("au-yaml").value`)
	writeFile(t, downloaded, again)
	if out := addByCLI(t, base, downloaded, "--dry-run"); strings.Contains(out, "\n+ ") || !strings.Contains(out, "0 quads to add, 0 to remove") {
		t.Errorf("parley add --dry-run of the downloaded file finds something to do:\n%s", out)
	}

	// The statements are drafted in this browser: after a reload the form
	// holds them again, and reviewing them finds nothing to change, where
	// an empty form would remove what was written.
	browsertest.Run(t, ctx, "the draft survives a reload",
		chromedp.Reload(),
		browsertest.WaitTrue(`(document.getElementById("au-status")?.textContent ?? "").startsWith("Restored the 2 statements")`),
		browsertest.WaitTrue(`document.querySelectorAll("#au-items fieldset.au-item").length === 2 &&
			document.getElementById("au-positions-0-holder").value === `+jsQuote(person.Name)),
		chromedp.SendKeys(chromedp.ID("au-token"), aliceToken),
		chromedp.Click(chromedp.ID("au-review")),
		browsertest.WaitTrue(`!document.getElementById("au-diff").hidden`),
	)
	if diff := evalString(t, ctx, `document.getElementById("au-diff").textContent`); strings.Contains(diff, "\n- ") || !strings.Contains(diff, "0 quads to add, 0 to remove") {
		t.Errorf("reviewing the restored draft finds something to change:\n%s", diff)
	}

	// (b) The whole fixture, added by API, is highlighted in the reader:
	// the marks are exactly the quotes of its positions, claims and events.
	req, err := readAddRequest(fictionYAML)
	if err != nil {
		t.Fatal(err)
	}
	if status, body := postAdd(t, base, req); status != http.StatusOK {
		t.Fatalf("add the fixture: %d %v", status, body)
	}
	var quotes []string
	for _, p := range fixture.Positions {
		for _, q := range p.Evidence {
			quotes = append(quotes, q.Exact)
		}
	}
	for _, c := range fixture.Claims {
		for _, q := range c.Evidence {
			quotes = append(quotes, q.Exact)
		}
	}
	for _, e := range fixture.Events {
		for _, q := range e.Evidence {
			quotes = append(quotes, q.Exact)
		}
	}
	slices.Sort(quotes)
	quotes = slices.Compact(quotes)
	wantMarks, _ := json.Marshal(quotes)
	browsertest.Run(t, ctx, "the reader highlights the added document's spans",
		chromedp.Reload(),
		browsertest.WaitTrue(`JSON.stringify([...new Set([...document.querySelectorAll(".ex-reader-para mark.ex-span")].map((m) => m.textContent))].sort()) === `+jsQuote(string(wantMarks))),
	)
	browsertest.Screenshot(t, ctx, "authoring-fixture-highlighted")

	// (c) Retracting the document restores the earlier answers.
	body, _ := json.Marshal(retractRequest{Target: docIRI, Reason: "fiction, for tests"})
	if status, _, res := sendJSON(t, http.MethodPost, base+"/api/v2/retract", map[string]string{"Authorization": "Bearer " + aliceToken, "Content-Type": "application/json"}, bytes.NewReader(body)); status != http.StatusOK {
		t.Fatalf("retract: %d %v", status, res)
	}
	if after := answers(t, base); after != before {
		t.Errorf("after the retraction GraphQL answers\n%s\nwant, as before the adds,\n%s", after, before)
	}
}

// answers is what GraphQL says about the facts the fixture touches: the
// holders of the positions on its topic and the topics above it, and the
// claims that rebut the seed claim it disputes. Its new person and alias
// are left out: graph.Store.Retract withdraws positions, claims and
// events, and names stay resolvable.
func answers(t *testing.T, base string) string {
	t.Helper()
	var b strings.Builder
	const topic = "Refined peace framework"
	for _, tp := range append([]string{topic}, broaderTopics(t, base, topic)...) {
		_, r := postGraphQL(t, base, fmt.Sprintf(`{ positions(topic: %q) { holder { name } } }`, tp))
		holders := collect(r.Data, "name")
		slices.Sort(holders)
		fmt.Fprintf(&b, "%s: %v\n", tp, holders)
	}
	_, r := postGraphQL(t, base, `{ claims { id rebuttedBy { id } } }`)
	for _, c := range r.Data["claims"].([]any) {
		c := c.(map[string]any)
		if strings.HasSuffix(c["id"].(string), "/russia-captured-pokrovsk") {
			fmt.Fprintf(&b, "rebutted by: %v\n", collect(c["rebuttedBy"], "id"))
		}
	}
	return b.String()
}

// broaderTopics lists the topics above topic, transitively.
func broaderTopics(t *testing.T, base, topic string) []string {
	t.Helper()
	var out []string
	for next := []string{topic}; len(next) > 0; {
		tp := next[0]
		next = next[1:]
		_, r := postGraphQL(t, base, fmt.Sprintf(`{ entity(name: %q) { ... on Topic { broader { name } } } }`, tp))
		for _, n := range collect(r.Data, "name") {
			if !slices.Contains(out, n) {
				out = append(out, n)
				next = append(next, n)
			}
		}
	}
	return out
}

// evidenceOf returns the first evidence span of holder's position on
// topic, or nil when GraphQL lists none.
func evidenceOf(t *testing.T, base, topic, holder string) map[string]any {
	t.Helper()
	_, r := postGraphQL(t, base, fmt.Sprintf(`{ positions(topic: %q) { holder { name } evidence { start end text } } }`, topic))
	ps, _ := r.Data["positions"].([]any)
	for _, p := range ps {
		p := p.(map[string]any)
		if p["holder"].(map[string]any)["name"] == holder {
			if evs, _ := p["evidence"].([]any); len(evs) > 0 {
				return evs[0].(map[string]any)
			}
		}
	}
	return nil
}

// postAdd posts req to base's /api/v2/add with aliceToken.
func postAdd(t *testing.T, base string, req addRequest) (int, map[string]any) {
	t.Helper()
	b, _ := json.Marshal(req)
	status, _, body := sendJSON(t, http.MethodPost, base+"/api/v2/add", map[string]string{"Authorization": "Bearer " + aliceToken, "Content-Type": "application/json"}, bytes.NewReader(b))
	return status, body
}

// addByCLI runs parley add --server base with flags on file, and returns
// what it prints.
func addByCLI(t *testing.T, base, file string, flags ...string) string {
	t.Helper()
	var out bytes.Buffer
	getenv := func(k string) string {
		if k == "PARLEY_WRITE_TOKEN" {
			return aliceToken
		}
		return ""
	}
	args := append(append([]string{"add", "--server", base}, flags...), file)
	if err := run(context.Background(), args, getenv, nil, &out, io.Discard); err != nil {
		t.Fatalf("parley %s: %v", strings.Join(args, " "), err)
	}
	return out.String()
}

func evalString(t *testing.T, ctx context.Context, expr string) string {
	t.Helper()
	s, err := chromedp.Run(ctx, chromedp.Evaluate[string](expr))
	if err != nil {
		t.Fatalf("%s: %v", expr, err)
	}
	return s
}

func mustRead(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func writeFile(t *testing.T, name, content string) {
	t.Helper()
	if err := os.WriteFile(name, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
}
