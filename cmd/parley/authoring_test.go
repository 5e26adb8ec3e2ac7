package main

import (
	"bytes"
	"encoding/json"
	"log/slog"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestAuthoringRoutes checks the two routes the explorer's form uses: POST
// /api/v2/authoring writes the form's statements (JSON) as an authoring
// file with the line of each key, and POST /api/v2/add without the
// document's text reads it from --documents.
func TestAuthoringRoutes(t *testing.T) {
	text := string(mustRead(t, fictionText))
	docs := t.TempDir()
	writeFile(t, filepath.Join(docs, "fiction-ceasefire.txt"), text)
	auth, err := loadWriteTokens("", "alice "+aliceToken, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	base := newTestServerWith(t, serveConfig{corsOrigins: []string{"*"}, queryTimeout: 10 * time.Second, queryLimit: 100,
		maxBody: 1 << 20, maxWriteBody: 1 << 20, writes: auth, documents: docs}).URL
	const form = `{"document": {"id": "fiction-ceasefire", "title": "T (fiction)", "file": "fiction-ceasefire.txt"},
		"positions": [{"holder": "Volodymyr Zelensky", "topic": "Refined peace framework", "stance": "Supports", "summary": "A test position (fiction).",
		"evidence": [{"quote": "she supports the refined peace framework"}]}]}`
	render := func(authoring string) (int, map[string]any) {
		b, _ := json.Marshal(renderRequest{Name: "f.yaml", Authoring: authoring})
		status, _, body := sendJSON(t, http.MethodPost, base+"/api/v2/authoring", map[string]string{"Content-Type": "application/json"}, bytes.NewReader(b))
		return status, body
	}
	status, body := render(form)
	if status != http.StatusOK {
		t.Fatalf("render: %d %v", status, body)
	}
	yaml, _ := body["authoring"].(string)
	lines, _ := body["lines"].(map[string]any)
	holder, _ := lines["positions.0.holder"].(float64)
	if got := strings.Split(yaml, "\n"); holder < 1 || int(holder) > len(got) || !strings.Contains(got[int(holder)-1], "holder: Volodymyr Zelensky") {
		t.Errorf("lines[positions.0.holder] = %v in\n%s", holder, yaml)
	}

	tests := []struct {
		name, authoring, document string
		status                    int
		want                      string // in the error, or in the diff
	}{
		{"FromDocuments", yaml, "", http.StatusOK, "+ position"},
		{"NotInDocuments", strings.Replace(yaml, "file: fiction-ceasefire.txt", "file: other.txt", 1), "", http.StatusBadRequest, `has no file "other.txt"`},
		{"NotAPlainName", strings.Replace(yaml, "file: fiction-ceasefire.txt", "file: ../fiction-ceasefire.txt", 1), "", http.StatusBadRequest, "plain file name"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			status, body := postAdd(t, base, addRequest{Name: "f.yaml", Authoring: tc.authoring, Document: tc.document, DryRun: true})
			got := body["error"]
			if status == http.StatusOK {
				got = body["diff"]
			}
			if status != tc.status || !strings.Contains(got.(string), tc.want) {
				t.Errorf("add: %d %v; want %d with %q", status, body, tc.status, tc.want)
			}
		})
	}
	if status, body := render(`{"positions": [{"holdr": "x"}]}`); status != http.StatusBadRequest || !strings.Contains(body["error"].(string), `unknown key "holdr"`) {
		t.Errorf("render of a misspelt key: %d %v", status, body)
	}
}
