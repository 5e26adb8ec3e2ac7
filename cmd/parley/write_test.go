package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

const (
	aliceToken = "alice-0123456789abcdef"
	// pokrowskNQ adds a spelling of Pokrovsk, citing paragraph 18 (where
	// the article gives the town's Soviet-era name).
	pokrowskNQ = `<https://w3id.org/parley/id/pokrovsk> <https://schema.org/alternateName> "Pokrowsk" <https://w3id.org/parley/source/000_508fa90569225c0e/p18> .` + "\n"
)

// writableServer serves the seed and takes writes with aliceToken.
func writableServer(tb testing.TB, maxWriteBody int64) string {
	tb.Helper()
	auth, err := loadWriteTokens("", "alice "+aliceToken, slog.New(slog.DiscardHandler))
	if err != nil {
		tb.Fatal(err)
	}
	return newTestServerWith(tb, serveConfig{corsOrigins: []string{"*"}, queryTimeout: 10 * time.Second, queryLimit: 100,
		maxBody: 1 << 20, maxWriteBody: maxWriteBody, writes: auth}).URL
}

// sendJSON makes a request and returns its status, headers and decoded JSON body.
func sendJSON(tb testing.TB, method, url string, hdr map[string]string, body io.Reader) (int, http.Header, map[string]any) {
	tb.Helper()
	req, err := http.NewRequest(method, url, body)
	if err != nil {
		tb.Fatal(err)
	}
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		tb.Fatal(err)
	}
	defer res.Body.Close()
	var out map[string]any
	b, _ := io.ReadAll(res.Body)
	if len(b) > 0 && json.Unmarshal(b, &out) != nil {
		tb.Fatalf("%s %s: %d, body not JSON: %.200s", method, url, res.StatusCode, b)
	}
	return res.StatusCode, res.Header, out
}

func bearer(token string) map[string]string {
	return map[string]string{"Authorization": "Bearer " + token, "Content-Type": "application/n-quads"}
}

// aliasFound reports whether GraphQL finds Pokrovsk by name.
func aliasFound(tb testing.TB, base, name string) bool {
	tb.Helper()
	_, r := postGraphQL(tb, base, fmt.Sprintf(`{ entity(name: %q) { id } }`, name))
	return len(r.Errors) == 0 && r.Data["entity"] != nil
}

func TestWritesAreOffByDefault(t *testing.T) {
	base := newTestServer(t).URL
	for _, path := range []string{"/api/v2/write", "/api/v2/delete"} {
		status, _, body := sendJSON(t, "POST", base+path, bearer(aliceToken), strings.NewReader(pokrowskNQ))
		if status != http.StatusForbidden || !strings.Contains(fmt.Sprint(body["error"]), "--write-token-file") {
			t.Errorf("%s on a read-only server: %d %v; want 403 saying how to enable writes", path, status, body)
		}
	}
	_, r := postGraphQL(t, base, `mutation { addQuads(nquads: "x") { changed } }`)
	if len(r.Errors) != 1 || r.Errors[0].Extensions["code"] != "FORBIDDEN" || !strings.Contains(r.Errors[0].Message, "PARLEY_WRITE_TOKEN") {
		t.Errorf("mutation on a read-only server: %+v; want FORBIDDEN saying how to enable writes", r.Errors)
	}
	if aliasFound(t, base, "Pokrowsk") {
		t.Error("a refused write changed the graph")
	}
}

func TestWritesNeedTheToken(t *testing.T) {
	base := writableServer(t, 1<<20)
	for _, tc := range []struct {
		name string
		hdr  map[string]string
	}{
		{"no token", map[string]string{"Content-Type": "application/n-quads"}},
		{"wrong token", bearer("alice-0123456789abcdeX")},
		{"token prefix", bearer(aliceToken[:16])},
		{"basic auth", map[string]string{"Authorization": "Basic " + aliceToken}},
	} {
		status, hdr, body := sendJSON(t, "POST", base+"/api/v2/write", tc.hdr, strings.NewReader(pokrowskNQ))
		if status != http.StatusUnauthorized || !strings.HasPrefix(hdr.Get("WWW-Authenticate"), "Bearer") {
			t.Errorf("%s: %d %v; want 401 with a Bearer challenge", tc.name, status, body)
		}
	}
	// A wrong token is refused on the GraphQL endpoint too, even for a read.
	req, _ := http.NewRequest("POST", base+"/graphql", strings.NewReader(`{"query":"mutation { addQuads(nquads: \"x\") { changed } }"}`))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer not-the-token-at-all")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusUnauthorized {
		t.Errorf("GraphQL with a wrong token: %d; want 401", res.StatusCode)
	}
	if aliasFound(t, base, "Pokrowsk") {
		t.Error("an unauthorised write changed the graph")
	}
}

func TestWriteAndDeleteOverHTTP(t *testing.T) {
	base := writableServer(t, 1<<20)
	status, _, body := sendJSON(t, "POST", base+"/api/v2/write", bearer(aliceToken), strings.NewReader(pokrowskNQ))
	if status != http.StatusOK || body["count"] != 1.0 {
		t.Fatalf("write: %d %v; want 200 and count 1", status, body)
	}
	if !aliasFound(t, base, "pokrowsk") {
		t.Fatal("the written alias is not found")
	}
	contrib := body["contributions"].([]any)[0].(string)
	_, r := postGraphQL(t, base, fmt.Sprintf(`{ source(id: %q) { author paragraph } }`, contrib))
	if src, _ := r.Data["source"].(map[string]any); src == nil || src["author"] != "alice" || src["paragraph"] != 18.0 {
		t.Errorf("contribution %v %+v; want alice's, citing paragraph 18", r.Data, r.Errors)
	}
	stored := strings.Replace(pokrowskNQ, "<https://w3id.org/parley/source/000_508fa90569225c0e/p18>", "<"+contrib+">", 1)
	status, _, body = sendJSON(t, "POST", base+"/api/v2/delete", bearer(aliceToken), strings.NewReader(stored))
	if status != http.StatusOK || body["count"] != 6.0 {
		t.Fatalf("delete: %d %v; want 200 and the quad with its contribution's 5 removed", status, body)
	}
	if aliasFound(t, base, "pokrowsk") {
		t.Error("the deleted alias is still found")
	}
}

func TestWriteBatchIsAllOrNothing(t *testing.T) {
	base := writableServer(t, 1<<20)
	var b strings.Builder
	for i := 1; i <= 1000; i++ {
		if i == 537 {
			b.WriteString(`<https://w3id.org/parley/id/pokrovsk> <https://example.org/nickname> "x" <https://w3id.org/parley/source/000_508fa90569225c0e/p18> .` + "\n")
			continue
		}
		fmt.Fprintf(&b, `<https://w3id.org/parley/id/pokrovsk> <https://schema.org/alternateName> "batch alias %d" <https://w3id.org/parley/source/000_508fa90569225c0e/p18> .`+"\n", i)
	}
	status, _, body := sendJSON(t, "POST", base+"/api/v2/write", bearer(aliceToken), strings.NewReader(b.String()))
	vs, _ := body["violations"].([]any)
	if status != http.StatusBadRequest || len(vs) != 1 || vs[0].(map[string]any)["line"] != 537.0 {
		t.Fatalf("bad batch: %d %v; want 400 naming line 537", status, body)
	}
	if aliasFound(t, base, "batch alias 1") || aliasFound(t, base, "batch alias 1000") {
		t.Error("part of a rejected batch was written")
	}
}

func TestWriteBodyLimits(t *testing.T) {
	const limit = 64 << 10
	base := writableServer(t, limit)
	gz := func(b []byte) *bytes.Buffer {
		var buf bytes.Buffer
		zw := gzip.NewWriter(&buf)
		zw.Write(b)
		zw.Close()
		return &buf
	}
	gzipped := map[string]string{"Authorization": "Bearer " + aliceToken, "Content-Type": "application/n-quads", "Content-Encoding": "gzip"}
	for _, tc := range []struct {
		name   string
		hdr    map[string]string
		body   io.Reader
		status int
	}{
		{"gzip", gzipped, gz([]byte(pokrowskNQ)), http.StatusOK},
		{"over the limit", bearer(aliceToken), strings.NewReader(strings.Repeat("# padding\n", limit/10+1)), http.StatusRequestEntityTooLarge},
		// 64 MB of comment lines in about 64 KB of gzip.
		{"gzip bomb", gzipped, gz(bytes.Repeat([]byte("#\n"), 32<<20)), http.StatusRequestEntityTooLarge},
		{"JSON", map[string]string{"Authorization": "Bearer " + aliceToken, "Content-Type": "application/json"}, strings.NewReader(`[{}]`), http.StatusUnsupportedMediaType},
		{"brotli", map[string]string{"Authorization": "Bearer " + aliceToken, "Content-Encoding": "br"}, strings.NewReader(pokrowskNQ), http.StatusUnsupportedMediaType},
		{"empty", bearer(aliceToken), strings.NewReader(""), http.StatusBadRequest},
	} {
		status, _, body := sendJSON(t, "POST", base+"/api/v2/write", tc.hdr, tc.body)
		if status != tc.status {
			t.Errorf("%s: %d %v; want %d", tc.name, status, body, tc.status)
		}
	}
	if status, _, _ := sendJSON(t, "GET", base+"/healthz", nil, nil); status != http.StatusOK {
		t.Errorf("server after the hostile writes: %d", status)
	}
}

func TestGraphQLMutationWithToken(t *testing.T) {
	base := writableServer(t, 1<<20)
	q, _ := json.Marshal(map[string]any{
		"query":     `mutation ($q: String!) { addQuads(nquads: $q) { changed contributions { author } } }`,
		"variables": map[string]any{"q": pokrowskNQ},
	})
	hdr := map[string]string{"Authorization": "Bearer " + aliceToken, "Content-Type": "application/json"}
	status, _, body := sendJSON(t, "POST", base+"/graphql", hdr, bytes.NewReader(q))
	data, _ := body["data"].(map[string]any)
	if status != http.StatusOK || data == nil || data["addQuads"].(map[string]any)["changed"] != 1.0 {
		t.Fatalf("mutation: %d %v", status, body)
	}
	if !aliasFound(t, base, "Pokrowsk") {
		t.Error("the alias written by the mutation is not found")
	}
}

// A writer's mutation may be as large as --max-write-body, beyond the
// --max-body (1 MiB) that bounds every other request; without a token the
// same body gets 413.
func TestGraphQLMutationBeyondMaxBody(t *testing.T) {
	base := writableServer(t, 8<<20)
	var nq strings.Builder
	for i := 0; nq.Len() < 3<<19; i++ { // 1.5 MiB of aliases of Pokrovsk
		fmt.Fprintf(&nq, "<https://w3id.org/parley/id/pokrovsk> <https://schema.org/alternateName> \"Pokrovsk spelling %d\" <https://w3id.org/parley/source/000_508fa90569225c0e/p18> .\n", i)
	}
	q, _ := json.Marshal(map[string]any{
		"query":     `mutation ($q: String!) { addQuads(nquads: $q) { changed } }`,
		"variables": map[string]any{"q": nq.String()},
	})
	if status, _, body := sendJSON(t, "POST", base+"/graphql", map[string]string{"Content-Type": "application/json"}, bytes.NewReader(q)); status != http.StatusRequestEntityTooLarge {
		t.Errorf("%d KiB mutation without a token: %d %v; want 413", len(q)>>10, status, body)
	}
	hdr := map[string]string{"Authorization": "Bearer " + aliceToken, "Content-Type": "application/json"}
	status, _, body := sendJSON(t, "POST", base+"/graphql", hdr, bytes.NewReader(q))
	data, _ := body["data"].(map[string]any)
	if status != http.StatusOK || data == nil {
		t.Fatalf("%d KiB mutation with a token: %d %.300v", len(q)>>10, status, body)
	}
	if want := float64(strings.Count(nq.String(), "\n")); data["addQuads"].(map[string]any)["changed"] != want {
		t.Errorf("changed %v, want %v", data["addQuads"], want)
	}
	if !aliasFound(t, base, "Pokrovsk spelling 0") {
		t.Error("an alias written by the large mutation is not found")
	}
}

func TestCORSAllowsTheAuthorizationHeader(t *testing.T) {
	base := writableServer(t, 1<<20)
	hdr := map[string]string{"Origin": "https://notebook.example.org", "Access-Control-Request-Method": "POST",
		"Access-Control-Request-Headers": "authorization,content-type"}
	_, h, _ := sendJSON(t, "OPTIONS", base+"/api/v2/write", hdr, nil)
	if !strings.Contains(strings.ToLower(h.Get("Access-Control-Allow-Headers")), "authorization") {
		t.Errorf("preflight allows headers %q; want Authorization among them", h.Get("Access-Control-Allow-Headers"))
	}
}

func TestLoadWriteTokens(t *testing.T) {
	dir := t.TempDir()
	file := func(text string) string {
		p := filepath.Join(dir, fmt.Sprintf("tokens%d", len(text)))
		if err := os.WriteFile(p, []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	log := slog.New(slog.DiscardHandler)
	for _, tc := range []struct {
		name, file, env string
		authors         []string
		err             string
	}{
		{"none", "", "", nil, ""},
		{"env", "", "0123456789abcdef", []string{"editor"}, ""},
		{"file with names and comments", file("# writers\nalice 0123456789abcdef\n\nbob fedcba9876543210\n"), "", []string{"alice", "bob"}, ""},
		{"short", file("# writers\nalice short\n"), "", nil, ":2: write token of alice is 5 characters"},
		{"three words", file("a b c\n"), "", nil, ":1: want TOKEN or NAME TOKEN"},
		{"empty file", file("# nobody\n"), "", nil, "holds no write token"},
		{"missing file", filepath.Join(dir, "nope"), "", nil, "no such file"},
	} {
		a, err := loadWriteTokens(tc.file, tc.env, log)
		if tc.err != "" {
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("%s: err = %v; want %q", tc.name, err, tc.err)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", tc.name, err)
			continue
		}
		var got []string
		for _, tok := range a.tokens {
			got = append(got, tok.author)
		}
		if fmt.Sprint(got) != fmt.Sprint(tc.authors) || a.enabled() != (len(tc.authors) > 0) {
			t.Errorf("%s: authors %v, enabled %v; want %v", tc.name, got, a.enabled(), tc.authors)
		}
	}
}

func TestLoadThroughServer(t *testing.T) {
	base := writableServer(t, 1<<20)
	dir := t.TempDir()
	good := filepath.Join(dir, "good.nq")
	bad := filepath.Join(dir, "bad.nq")
	os.WriteFile(good, []byte(pokrowskNQ), 0o600)
	os.WriteFile(bad, []byte("# an alias, then a predicate the vocabulary lacks\n"+strings.Replace(pokrowskNQ, "Pokrowsk", "Pokrovs'k", 1)+
		`<https://w3id.org/parley/id/pokrovsk> <https://example.org/nickname> "x" <https://w3id.org/parley/source/000_508fa90569225c0e/p18> .`+"\n"), 0o600)
	getenv := func(k string) string { return map[string]string{"PARLEY_WRITE_TOKEN": "alice " + aliceToken}[k] }
	var out, errb strings.Builder
	if err := run(context.Background(), []string{"load", "--server", base, good}, getenv, nil, &out, &errb); err != nil {
		t.Fatalf("load --server: %v", err)
	}
	if !strings.Contains(out.String(), "1 new") || !aliasFound(t, base, "Pokrowsk") {
		t.Errorf("load --server printed %q; want the alias written", out.String())
	}
	err := run(context.Background(), []string{"load", "--server", base, bad}, getenv, nil, &out, &errb)
	if err == nil || !strings.Contains(err.Error(), bad+":3:") || !strings.Contains(err.Error(), "unknown predicate") {
		t.Errorf("load --server of a bad file: %v; want the file's line 3 named", err)
	}
	if aliasFound(t, base, "Pokrovs'k") {
		t.Error("the good line of a rejected file was written")
	}
	err = run(context.Background(), []string{"load", "--server", base, good}, func(string) string { return "" }, nil, &out, &errb)
	if err == nil || !strings.Contains(err.Error(), "PARLEY_WRITE_TOKEN") {
		t.Errorf("load --server without a token: %v; want a usage error naming PARLEY_WRITE_TOKEN", err)
	}
}
