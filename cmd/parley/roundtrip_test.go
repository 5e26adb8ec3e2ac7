package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// unloadable are literals that the N-Quads parser would store as something
// no export could restore, or as another text than the one written.
var unloadable = []struct{ name, literal, want string }{
	{"EscapedNUL", `"a\u0000b"`, `escaped NUL \u0000`},
	{"LongEscapedNUL", `"a\U00000000b"`, `escaped NUL \U00000000`},
	{"LoneSurrogate", `"\uD800"`, `\uD800`},
	{"SurrogatePair", `"\uD83D\uDE00"`, `surrogate pair`},
	{"PastLastCodePoint", `"\U00110000"`, `past U+10FFFF`},
	{"NULInLanguageString", `"a\u0000b"@uk`, `escaped NUL`},
}

// aliasLine is an N-Quads line giving Pokrovsk the alias literal, citing
// the paragraph that gives its other names.
func aliasLine(literal string) string {
	return `<https://w3id.org/parley/id/pokrovsk> <https://schema.org/alternateName> ` + literal +
		` <https://w3id.org/parley/source/000_508fa90569225c0e/p18> .` + "\n"
}

// F8: every write route refuses, naming the line, a value that could not
// round-trip, and writes nothing of the request; whatever the routes
// accepted meanwhile (escapes that do round-trip included) exports to a
// file that `parley check` and `parley load` take.
func TestWritesThatCannotRoundTripAreRefusedEverywhere(t *testing.T) {
	base := writableServer(t, 1<<20)
	getenv := func(k string) string { return map[string]string{"PARLEY_WRITE_TOKEN": "alice " + aliceToken}[k] }
	dir := t.TempDir()
	routes := []struct {
		name  string
		write func(body string) (refusal string, err error) // refusal: what the client was told
	}{
		{"APIv2Write", func(body string) (string, error) {
			status, _, res := sendJSON(t, "POST", base+"/api/v2/write", bearer(aliceToken), strings.NewReader(body))
			if status == http.StatusOK {
				return "", nil
			}
			return fmt.Sprintf("%d %v", status, res["error"]), nil
		}},
		{"GraphQLAddQuads", func(body string) (string, error) {
			q, _ := json.Marshal(map[string]any{
				"query":     `mutation ($q: String!) { addQuads(nquads: $q) { changed } }`,
				"variables": map[string]any{"q": body},
			})
			hdr := map[string]string{"Authorization": "Bearer " + aliceToken, "Content-Type": "application/json"}
			_, _, res := sendJSON(t, "POST", base+"/graphql", hdr, bytes.NewReader(q))
			if res["errors"] == nil {
				return "", nil
			}
			return fmt.Sprint(res["errors"]), nil
		}},
		{"LoadServer", func(body string) (string, error) {
			name := filepath.Join(dir, "w.nq")
			if err := os.WriteFile(name, []byte(body), 0o600); err != nil {
				return "", err
			}
			err := run(context.Background(), []string{"load", "--server", base, name}, getenv, nil, io.Discard, io.Discard)
			if err == nil {
				return "", nil
			}
			return err.Error(), nil
		}},
	}
	for _, rt := range routes {
		for _, u := range unloadable {
			t.Run(rt.name+"/"+u.name, func(t *testing.T) {
				// A good line first: the whole request must be refused.
				body := aliasLine(`"Pokrowsk `+rt.name+u.name+`"`) + aliasLine(u.literal)
				refusal, err := rt.write(body)
				switch {
				case err != nil:
					t.Fatal(err)
				case refusal == "":
					t.Fatalf("%s was written", u.literal)
				case !strings.Contains(refusal, ":2: invalid input") || !strings.Contains(refusal, u.want):
					t.Fatalf("refused with %q; want line 2 named and %q", refusal, u.want)
				case aliasFound(t, base, "Pokrowsk "+rt.name+u.name):
					t.Fatal("the good line of a refused request was written")
				}
			})
		}
		t.Run(rt.name+"/EscapesThatRoundTrip", func(t *testing.T) {
			body := aliasLine(`"Pokrowsk caf\u00e9 \U0001F600 `+rt.name+`"`) + aliasLine(`"a\\u0000b `+rt.name+`"`)
			if refusal, err := rt.write(body); err != nil || refusal != "" {
				t.Fatalf("write of escapes that round-trip: %v %s", err, refusal)
			}
			if !aliasFound(t, base, "Pokrowsk café 😀 "+rt.name) {
				t.Error("the alias written with escapes is not found decoded")
			}
		})
	}

	res, err := http.Get(base + "/export")
	if err != nil {
		t.Fatal(err)
	}
	export := filepath.Join(dir, "export.nq")
	b, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != http.StatusOK || os.WriteFile(export, b, 0o600) != nil {
		t.Fatalf("export: %d", res.StatusCode)
	}
	var out strings.Builder
	if err := run(context.Background(), []string{"check", export}, getenv, nil, &out, io.Discard); err != nil {
		t.Fatalf("parley check of the export: %v\n%s", err, out.String())
	}
	if err := run(context.Background(), []string{"load", "--store", "memory", "--no-seed", export}, getenv, nil, &out, io.Discard); err != nil {
		t.Fatalf("parley load of the export: %v", err)
	}
}
