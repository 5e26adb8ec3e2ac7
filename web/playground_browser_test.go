package web_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/graphql-go/graphql"
	"github.com/parley-kg/parley/web"
	"github.com/parley-kg/parley/web/browsertest"
)

// testQuery is what the browser test types into the editor, and testAnswer
// is in the fake endpoint's answer to it.
const (
	testQuery  = `query Frozen { positions(topic: "frozen assets") { summary holder { name } } }`
	testAnswer = "Emmanuel Macron"
)

// TestPlaygroundBrowser opens the playground in a real, offline Chromium
// against a fake GraphQL endpoint: GraphiQL must render from the embedded
// files alone, load the schema's docs, run a query, and turn it into code
// that runs.
func TestPlaygroundBrowser(t *testing.T) {
	ts := httptest.NewServer(newPlaygroundMux(t))
	defer ts.Close()

	ctx := browsertest.New(t)
	rec := browsertest.Record(ctx)

	browsertest.Run(t, ctx, "open the playground",
		chromedp.Navigate(ts.URL),
		chromedp.WaitVisible(chromedp.CSS(".graphiql-container")),
		chromedp.WaitVisible(chromedp.CSS(".parley-header")),
		browsertest.WaitTrue(`document.querySelectorAll(".graphiql-tab").length === `+strconv.Itoa(len(web.Examples()))),
	)
	browsertest.Screenshot(t, ctx, "playground-examples")

	// The subtests share the page and run in order.
	t.Run("Docs", func(t *testing.T) {
		browsertest.Run(t, ctx, "open the schema docs",
			chromedp.Click(chromedp.CSS(`.graphiql-sidebar button[aria-label="Show Documentation Explorer"]`)),
			// The docs list the types that introspection found.
			browsertest.WaitTrue(`document.querySelector(".graphiql-plugin").textContent.includes("Position")`),
		)
		browsertest.Screenshot(t, ctx, "playground-docs")
	})

	t.Run("Run", func(t *testing.T) {
		browsertest.Run(t, ctx, "run a query",
			chromedp.Evaluate[chromedp.Void](`document.querySelector(".graphiql-query-editor .CodeMirror").CodeMirror.setValue(`+jsString(testQuery)+`)`),
			// Run at once: GraphiQL still holds the tab's old operation name
			// for 100ms, which playground.js must correct.
			chromedp.Click(chromedp.CSS(".graphiql-execute-button")),
			browsertest.WaitTrue(`document.querySelector(".graphiql-response .CodeMirror").CodeMirror.getValue().includes(`+jsString(testAnswer)+`)`),
		)
		browsertest.Screenshot(t, ctx, "playground")
	})

	t.Run("CopyAsCode", func(t *testing.T) {
		for _, tc := range []struct{ lang, tool string }{
			{"curl", "sh"}, {"python", "python3"}, {"javascript", "node"}, {"pandas", ""}, {"r", ""},
		} {
			t.Run(tc.lang, func(t *testing.T) {
				code := copyAsCode(t, ctx, tc.lang)
				for _, want := range []string{ts.URL + "/graphql", "positions(topic: ", "frozen assets"} {
					if !strings.Contains(code, want) {
						t.Errorf("%s code lacks %s:\n%s", tc.lang, want, code)
					}
				}
				if tc.tool != "" {
					runSnippet(t, tc.tool, code)
				}
			})
		}
	})

	t.Run("ExamplesMenu", func(t *testing.T) {
		browsertest.Run(t, ctx, "open an example",
			chromedp.Evaluate[chromedp.Void](`(() => {
				const menu = document.getElementById("parley-examples-menu");
				menu.value = "positions-frozen-assets";
				menu.dispatchEvent(new Event("change"));
			})()`),
			// The first tab now holds testQuery, so the example opens in a new tab.
			browsertest.WaitTrue(`document.querySelectorAll(".graphiql-tab").length === `+strconv.Itoa(len(web.Examples())+1)),
			browsertest.WaitTrue(`document.querySelector(".graphiql-query-editor .CodeMirror").CodeMirror.getValue().includes("PositionsOnFrozenAssets")`),
		)
	})

	rec.CheckOffline(t, ts.URL)
}

// newPlaygroundMux serves the playground and its assets as cmd/parley does,
// with a fake GraphQL endpoint over a small real schema.
func newPlaygroundMux(t *testing.T) *http.ServeMux {
	holder := graphql.NewObject(graphql.ObjectConfig{Name: "Holder", Fields: graphql.Fields{
		"name": &graphql.Field{Type: graphql.String},
	}})
	evidence := graphql.NewObject(graphql.ObjectConfig{Name: "Evidence", Fields: graphql.Fields{
		"paragraph": &graphql.Field{Type: graphql.Int},
	}})
	position := graphql.NewObject(graphql.ObjectConfig{Name: "Position", Fields: graphql.Fields{
		"summary":  &graphql.Field{Type: graphql.String},
		"holder":   &graphql.Field{Type: holder},
		"evidence": &graphql.Field{Type: graphql.NewList(evidence)},
	}})
	schema, err := graphql.NewSchema(graphql.SchemaConfig{Query: graphql.NewObject(graphql.ObjectConfig{
		Name: "Query",
		Fields: graphql.Fields{"positions": &graphql.Field{
			Type:        graphql.NewList(position),
			Description: "Positions on a topic.",
			Args:        graphql.FieldConfigArgument{"topic": {Type: graphql.String}},
			Resolve: func(p graphql.ResolveParams) (any, error) {
				return []map[string]any{{
					"summary":  "Use the frozen Russian assets for Ukraine, \"now\"",
					"holder":   map[string]any{"name": testAnswer},
					"evidence": []map[string]any{{"paragraph": 16}, {"paragraph": 23}},
				}}, nil
			},
		}},
	})})
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.Handle("GET /{$}", web.Playground(web.PlaygroundOptions{}))
	mux.Handle("GET /assets/", http.StripPrefix("/assets/", web.Assets()))
	mux.HandleFunc("POST /graphql", func(w http.ResponseWriter, r *http.Request) {
		var req struct {
			Query         string         `json:"query"`
			Variables     map[string]any `json:"variables"`
			OperationName string         `json:"operationName"`
		}
		if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		result := graphql.Do(graphql.Params{
			Schema: schema, RequestString: req.Query, VariableValues: req.Variables,
			OperationName: req.OperationName, Context: r.Context(),
		})
		// The real server notes a metonym it resolved; so does this one.
		if holder, _ := req.Variables["holder"].(string); holder == "Washington" {
			result.Extensions = map[string]any{"resolutions": []map[string]any{{
				"argument": "holder", "name": "Washington", "place": "https://w3id.org/parley/id/washington",
				"resolvedTo": "https://w3id.org/parley/id/united-states", "resolvedName": "United States",
				"via": "https://w3id.org/parley/vocab#seatOfGovernment",
			}}}
		}
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(result)
	})
	return mux
}

// copyAsCode picks lang in the "Copy as code" menu and returns the code the
// dialog shows.
func copyAsCode(t *testing.T, ctx context.Context, lang string) string {
	t.Helper()
	browsertest.Run(t, ctx, "copy as "+lang,
		chromedp.Click(chromedp.CSS("#parley-copy-menu summary")),
		chromedp.Click(chromedp.CSS(`#parley-copy-menu [data-lang="`+lang+`"]`)),
		chromedp.WaitVisible(chromedp.ID("parley-code-dialog")),
	)
	code, err := chromedp.Run(ctx, chromedp.Value(chromedp.ID("parley-code")))
	if err != nil {
		t.Fatal(err)
	}
	if lang == "python" {
		browsertest.Screenshot(t, ctx, "playground-copy-as-code")
	}
	browsertest.Run(t, ctx, "close the dialog",
		chromedp.Click(chromedp.ID("parley-code-close")),
		chromedp.WaitNotVisible(chromedp.ID("parley-code-dialog")),
	)
	return code
}

// runSnippet runs generated code with tool (sh, python3 or node) against the
// test server, and checks that it prints the answer.
func runSnippet(t *testing.T, tool, code string) {
	t.Helper()
	if _, err := exec.LookPath(tool); err != nil {
		t.Skipf("%s is not installed: the code is not run", tool)
	}
	args := map[string][]string{
		"sh":      {"-c", code},
		"python3": {"-c", code},
		"node":    {"--input-type=module", "-e", code},
	}[tool]
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	out, err := exec.CommandContext(ctx, tool, args...).CombinedOutput()
	if err != nil || !strings.Contains(string(out), testAnswer) {
		t.Errorf("%s ran the code: err=%v, output:\n%s\nwant %q in it; code:\n%s", tool, err, out, testAnswer, code)
	}
}

// jsString quotes s as a JavaScript string.
func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}
