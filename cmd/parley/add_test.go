package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
)

const fictionYAML = "../../graph/authoring/testdata/fiction-ceasefire.yaml"

// TestAddCommand adds the fictional document to a bolt store by CLI: a dry
// run writes nothing, the add prints the new facts with their evidence,
// and adding the same file again changes nothing.
func TestAddCommand(t *testing.T) {
	db := filepath.Join(t.TempDir(), "parley.db")
	getenv := func(k string) string {
		if k == "USER" {
			return "tester"
		}
		return ""
	}
	add := func(flags ...string) string {
		t.Helper()
		var out bytes.Buffer
		args := append(append([]string{"add", "--db", db}, flags...), fictionYAML)
		if err := run(context.Background(), args, getenv, nil, &out, io.Discard); err != nil {
			t.Fatalf("parley %s: %v", strings.Join(args, " "), err)
		}
		return out.String()
	}
	dry := add("--dry-run")
	if !strings.Contains(dry, `+ new person "Marta Ilves"`) || !strings.Contains(dry, "dry run: nothing was written") {
		t.Errorf("dry run printed:\n%s", dry)
	}
	if first := add(); first != strings.TrimSuffix(dry, "dry run: nothing was written\n") {
		t.Errorf("the add printed\n%s\nwhich differs from its dry run\n%s", first, dry)
	}
	again := add()
	if !strings.Contains(again, "0 quads to add, 0 to remove") || strings.Contains(again, "\n+ ") {
		t.Errorf("adding the same file again:\n%s", again)
	}
	// The alias the file gives is in the store.
	var out bytes.Buffer
	if err := run(context.Background(), []string{"query", "--db", db, "--lang", "gizmo",
		`g.V().Has("<https://schema.org/alternateName>", "Ze").All()`}, getenv, nil, &out, io.Discard); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "volodymyr-zelensky") {
		t.Errorf("the alias Ze is not in the store: %s", out.String())
	}
}

// TestAddOverHTTP adds the fictional document through POST /api/v2/add
// with a write token; without one it is refused, and a bad file is a 400
// naming its line.
func TestAddOverHTTP(t *testing.T) {
	base := writableServer(t, 1<<20)
	req, err := readAddRequest(fictionYAML)
	if err != nil {
		t.Fatal(err)
	}
	post := func(token string, r addRequest) (int, map[string]any) {
		b, _ := json.Marshal(r)
		hdr := map[string]string{"Content-Type": "application/json"}
		if token != "" {
			hdr["Authorization"] = "Bearer " + token
		}
		status, _, body := sendJSON(t, http.MethodPost, base+"/api/v2/add", hdr, bytes.NewReader(b))
		return status, body
	}
	if status, _ := post("", req); status != http.StatusUnauthorized && status != http.StatusForbidden {
		t.Errorf("add without a token: %d", status)
	}
	if aliasFound(t, base, "Ze") {
		t.Fatal("the seed already knows Ze")
	}
	status, body := post(aliceToken, req)
	if status != http.StatusOK || body["added"].(float64) == 0 {
		t.Fatalf("add: %d %v", status, body)
	}
	if !aliasFound(t, base, "Ze") || !aliasFound(t, base, "Marta Ilves") {
		t.Error("after the add, GraphQL does not find the new alias and person")
	}
	bad := req
	bad.Authoring = strings.Replace(req.Authoring, "holder: Marta Ilves", "holder: Marta Ilvez", 1)
	status, body = post(aliceToken, bad)
	if status != http.StatusBadRequest || !strings.Contains(body["error"].(string), fictionYAML+":26:") {
		t.Errorf("bad file: %d %v", status, body)
	}
	// Through the CLI's --server too: the same file again changes nothing.
	var out bytes.Buffer
	getenv := func(k string) string {
		if k == "PARLEY_WRITE_TOKEN" {
			return aliceToken
		}
		return ""
	}
	if err := run(context.Background(), []string{"add", "--server", base, fictionYAML}, getenv, nil, &out, io.Discard); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "0 quads to add, 0 to remove") {
		t.Errorf("parley add --server again:\n%s", out.String())
	}

	// Retracting the document through --server hides its position from
	// GraphQL; the seed's positions on the topic stay.
	ilves := func() (bool, int) {
		_, r := postGraphQL(t, base, `{ positions(topic: "Refined peace framework") { holder { name } } }`)
		ps, _ := r.Data["positions"].([]any)
		return strings.Contains(fmt.Sprint(ps), "Marta Ilves"), len(ps)
	}
	found, withIlves := ilves()
	if !found {
		t.Fatal("GraphQL does not list the added position")
	}
	out.Reset()
	if err := run(context.Background(), []string{"retract", "--server", base, "--reason", "fiction, for tests", fictionYAML}, getenv, nil, &out, io.Discard); err != nil {
		t.Fatal(err)
	}
	if found, n := ilves(); found || n != withIlves-1 {
		t.Errorf("after the retraction GraphQL lists %d positions (Ilves's among them: %v); want %d", n, found, withIlves-1)
	}
}
