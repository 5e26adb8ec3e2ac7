package web_test

import (
	"bufio"
	"encoding/json"
	"go/ast"
	"go/constant"
	"go/parser"
	"go/token"
	"go/types"
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/parley-kg/parley/seed"
	"github.com/parley-kg/parley/web"
)

// writeAPISection is the one section of the vocabulary that seed/README.md
// does not document: the server mints contributions, the seed has none.
const writeAPISection = "Contributions (write API)"

// TestVocabularyMatchesGraph fails when graph/vocab.go gains a class,
// predicate or value that /vocab does not describe, or /vocab describes a
// term that graph/vocab.go lacks.
func TestVocabularyMatchesGraph(t *testing.T) {
	consts := graphVocabConstants(t)
	described := map[string]string{}
	for _, term := range web.Vocabulary() {
		described[term.IRI()] = term.CURIE
	}
	known := map[string]bool{}
	for name, iri := range consts {
		known[iri] = true
		if _, ok := described[iri]; !ok {
			t.Errorf("graph.%s = %s is not in web's vocabulary table (web/vocabterms.go)", name, iri)
		}
	}
	for iri, curie := range described {
		if !known[iri] {
			t.Errorf("%s (%s) is in web's vocabulary table, but no constant of graph/vocab.go has it", curie, iri)
		}
	}
	if len(consts) < 50 {
		t.Fatalf("found %d constants in graph/vocab.go; the parser of this test has broken", len(consts))
	}
}

// graphVocabConstants type-checks graph/vocab.go alone (it imports nothing)
// and returns its class, predicate and value constants by name.
func graphVocabConstants(t *testing.T) map[string]string {
	t.Helper()
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "../graph/vocab.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	info := &types.Info{Defs: map[*ast.Ident]types.Object{}}
	if _, err := (&types.Config{}).Check("graph", fset, []*ast.File{f}, info); err != nil {
		t.Fatalf("type-check graph/vocab.go alone: %v", err)
	}
	kinds := regexp.MustCompile(`^(Pred|Class|Stance|Outlook|Event|Status)[A-Z]`)
	out := map[string]string{}
	for id, obj := range info.Defs {
		c, ok := obj.(*types.Const)
		if !ok || !kinds.MatchString(id.Name) || c.Val().Kind() != constant.String {
			continue
		}
		out[id.Name] = constant.StringVal(c.Val())
	}
	// Optimistic and Skeptical are outlooks in v2: the Stance* names are
	// aliases of the same IRIs, which the table describes once.
	return out
}

// readmeTerms reads the CURIEs that seed/README.md's tables document under
// "Classes", "Predicates", "Stances and outlooks" and "Event status and
// claim status values", each with the meaning cell of the first row that
// names it.
func readmeTerms(t *testing.T) (meanings map[string]string, order []string, eventStatus string) {
	t.Helper()
	f, err := os.Open("../seed/README.md")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	meaningColumn := map[string]int{"Classes": 2, "Predicates": 3, "Stances and outlooks": 2, "Event status and claim status values": 2}
	curie := regexp.MustCompile("`([a-z]+:[A-Za-z0-9]+)`")
	meanings = map[string]string{}
	var section string
	var header bool
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "## "):
			section, header = strings.TrimPrefix(line, "## "), false
			continue
		case !strings.HasPrefix(line, "|"):
			header = false
			continue
		case !header:
			header = true // the table's header row
			continue
		case strings.Trim(line, "|- ") == "":
			continue
		}
		col, ok := meaningColumn[section]
		if !ok {
			continue
		}
		cells := strings.Split(strings.Trim(line, "|"), "|")
		for _, m := range curie.FindAllStringSubmatch(cells[0], -1) {
			if _, seen := meanings[m[1]]; seen {
				continue
			}
			meanings[m[1]] = strings.TrimSpace(cells[col])
			order = append(order, m[1])
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return meanings, order, meanings["schema:eventStatus"]
}

// TestVocabularyMatchesREADME fails when seed/README.md and /vocab drift:
// the same terms, with the same meanings word for word.
func TestVocabularyMatchesREADME(t *testing.T) {
	meanings, order, eventStatus := readmeTerms(t)
	if len(order) < 80 {
		t.Fatalf("read %d terms from seed/README.md; its tables or this test's reader changed", len(order))
	}
	table := map[string]web.Term{}
	for _, term := range web.Vocabulary() {
		if _, dup := table[term.CURIE]; dup {
			t.Errorf("%s is in the vocabulary table twice", term.CURIE)
		}
		table[term.CURIE] = term
		if term.Section == writeAPISection {
			continue
		}
		meaning, ok := meanings[term.CURIE]
		switch {
		case ok && meaning != term.Description:
			t.Errorf("%s: the table says %q, seed/README.md says %q", term.CURIE, term.Description, meaning)
		case !ok && term.Section == "Event status values":
			if !strings.Contains(eventStatus, term.Local()+": "+term.Description) {
				t.Errorf("%s: %q is not what seed/README.md's schema:eventStatus says of it: %q", term.CURIE, term.Description, eventStatus)
			}
		case !ok:
			t.Errorf("%s is in the vocabulary table, but seed/README.md does not document it", term.CURIE)
		}
	}
	for _, c := range order {
		if _, ok := table[c]; !ok {
			t.Errorf("seed/README.md documents %s, which the vocabulary table lacks", c)
		}
	}
}

// TestVocabularyExamples checks that every term has an example, and that
// each seed quad it shows is in the seed.
func TestVocabularyExamples(t *testing.T) {
	seedTriples := map[string]bool{}
	err := fs.WalkDir(seed.FS, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(name, ".nq") {
			return err
		}
		b, err := fs.ReadFile(seed.FS, name)
		for _, line := range strings.Split(string(b), "\n") {
			if i := strings.LastIndex(line, " <"); i > 0 && strings.HasSuffix(line, " .") {
				seedTriples[line[:i]] = true // the triple, without its label
			}
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, term := range web.Vocabulary() {
		if term.SeedQuad == "" && term.Example == "" {
			t.Errorf("%s has no example", term.CURIE)
		}
		if term.SeedQuad == "" {
			continue
		}
		if triple := expandTriple(term.SeedQuad); !seedTriples[triple] {
			t.Errorf("%s: example %q (%s) is not in the seed", term.CURIE, term.SeedQuad, triple)
		}
		if !strings.Contains(term.SeedQuad, term.CURIE) {
			t.Errorf("%s: example %q does not use the term", term.CURIE, term.SeedQuad)
		}
	}
}

// expandTriple turns "id/x parley:p id/y ." into the N-Quads triple it
// abbreviates.
func expandTriple(s string) string {
	s = strings.TrimSuffix(s, " .")
	subj, rest, _ := strings.Cut(s, " ")
	pred, obj, _ := strings.Cut(rest, " ")
	iri := func(t string) string {
		for short, long := range map[string]string{"id/": "https://w3id.org/parley/id/", "source/": "https://w3id.org/parley/source/", "doc/": "https://w3id.org/parley/doc/"} {
			if strings.HasPrefix(t, short) {
				return "<" + long + strings.TrimPrefix(t, short) + ">"
			}
		}
		if p, local, ok := strings.Cut(t, ":"); ok && web.Prefixes[p] != "" {
			return "<" + web.Prefixes[p] + local + ">"
		}
		return t
	}
	if strings.HasPrefix(obj, `"`) {
		if lit, dt, ok := strings.Cut(obj, `"^^`); ok {
			obj = lit + `"^^` + iri(dt)
		}
	} else {
		obj = iri(obj)
	}
	return iri(subj) + " " + iri(pred) + " " + obj
}

// TestVocabFormats asks /vocab for each format, by ?format= and by Accept.
func TestVocabFormats(t *testing.T) {
	ts := httptest.NewServer(web.Vocab(web.VocabOptions{}))
	defer ts.Close()
	vocab := web.Vocabulary()
	tests := []struct {
		name, query, accept, wantType string
		check                         func(t *testing.T, body string)
	}{
		{"Default", "", "", "text/html", checkHTML(vocab)},
		{"Browser", "", "text/html,application/xhtml+xml,*/*;q=0.8", "text/html", checkHTML(vocab)},
		{"FormatHTML", "?format=html", "text/turtle", "text/html", checkHTML(vocab)},
		{"FormatTurtle", "?format=turtle", "", "text/turtle", checkTurtle(vocab)},
		{"FormatTTL", "?format=TTL", "", "text/turtle", checkTurtle(vocab)},
		{"AcceptTurtle", "", "text/turtle", "text/turtle", checkTurtle(vocab)},
		{"FormatJSONLD", "?format=jsonld", "", "application/ld+json", checkJSONLD(vocab)},
		{"FormatJSON-LD", "?format=json-ld", "", "application/ld+json", checkJSONLD(vocab)},
		{"AcceptJSONLD", "", "application/ld+json, text/html;q=0.5", "application/ld+json", checkJSONLD(vocab)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			req, _ := http.NewRequest("GET", ts.URL+"/vocab"+tc.query, nil)
			if tc.accept != "" {
				req.Header.Set("Accept", tc.accept)
			}
			res, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer res.Body.Close()
			body, _ := io.ReadAll(res.Body)
			if res.StatusCode != 200 || !strings.HasPrefix(res.Header.Get("Content-Type"), tc.wantType) {
				t.Fatalf("status %d, Content-Type %q; want 200 and %s", res.StatusCode, res.Header.Get("Content-Type"), tc.wantType)
			}
			if res.Header.Get("Vary") != "Accept" || res.Header.Get("ETag") == "" {
				t.Errorf("Vary %q, ETag %q: want Vary: Accept and an ETag", res.Header.Get("Vary"), res.Header.Get("ETag"))
			}
			tc.check(t, string(body))
		})
	}

	t.Run("UnknownFormat", func(t *testing.T) {
		res, err := http.Get(ts.URL + "/vocab?format=rdfxml")
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		body, _ := io.ReadAll(res.Body)
		if res.StatusCode != http.StatusBadRequest || !strings.Contains(string(body), `"rdfxml"`) || !strings.Contains(string(body), "turtle") {
			t.Errorf("status %d, body %q: want 400 naming the format and the ones to use", res.StatusCode, body)
		}
	})
	t.Run("Post", func(t *testing.T) {
		res, err := http.Post(ts.URL+"/vocab", "text/plain", nil)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != http.StatusMethodNotAllowed {
			t.Errorf("POST: status %d, want 405", res.StatusCode)
		}
	})
}

// checkHTML checks that the page lists every term, with an anchor.
func checkHTML(vocab []web.Term) func(*testing.T, string) {
	return func(t *testing.T, body string) {
		for _, term := range vocab {
			if !strings.Contains(body, `<tr id="`+term.Local()+`">`) || !strings.Contains(body, ">"+term.CURIE+"</code>") {
				t.Errorf("the page lacks %s with its anchor", term.CURIE)
			}
		}
		for _, want := range []string{`href="?format=turtle"`, `href="?format=jsonld"`, "Demands", "<code>parley:Source</code>"} {
			if !strings.Contains(body, want) {
				t.Errorf("the page lacks %s", want)
			}
		}
		if remote := remoteLoads(body); len(remote) > 0 {
			t.Errorf("the page loads from other hosts: %q", remote)
		}
	}
}

// turtleTerm matches the start of a term's description in Turtle.
var turtleTerm = regexp.MustCompile(`(?m)^([a-z]+:[A-Za-z0-9]+) a (rdfs:Class|rdf:Property|skos:Concept) ;\n  rdfs:label "[^"]+" ;\n  rdfs:comment "(?:[^"\\]|\\.)+"`)

// checkTurtle checks that every prefix is declared and every term
// described with its comment.
func checkTurtle(vocab []web.Term) func(*testing.T, string) {
	return func(t *testing.T, body string) {
		declared := map[string]bool{}
		for _, m := range regexp.MustCompile(`(?m)^@prefix ([a-z]+): <([^>]+)> \.$`).FindAllStringSubmatch(body, -1) {
			declared[m[1]] = web.Prefixes[m[1]] == m[2]
		}
		for p := range web.Prefixes {
			if !declared[p] {
				t.Errorf("prefix %s: not declared, or with another IRI", p)
			}
		}
		got := map[string]bool{}
		for _, m := range turtleTerm.FindAllStringSubmatch(body, -1) {
			got[m[1]] = true
		}
		for _, term := range vocab {
			if !got[term.CURIE] {
				t.Errorf("Turtle lacks %s, or its label or comment", term.CURIE)
			}
		}
		if n := strings.Count(body, " .\n"); n != len(vocab)+len(web.Prefixes) {
			t.Errorf("%d statements end with \" .\", want %d: a literal is not escaped", n, len(vocab)+len(web.Prefixes))
		}
	}
}

// checkJSONLD checks that the document is JSON with a context of the
// prefixes, and a node per term whose prefixed names all resolve.
func checkJSONLD(vocab []web.Term) func(*testing.T, string) {
	return func(t *testing.T, body string) {
		var doc struct {
			Context map[string]string `json:"@context"`
			Graph   []map[string]any  `json:"@graph"`
		}
		if err := json.Unmarshal([]byte(body), &doc); err != nil {
			t.Fatalf("not JSON: %v", err)
		}
		if len(doc.Graph) != len(vocab) {
			t.Errorf("%d nodes, want %d", len(doc.Graph), len(vocab))
		}
		for i, node := range doc.Graph {
			if i >= len(vocab) {
				break
			}
			if node["@id"] != vocab[i].CURIE || node["rdfs:comment"] == "" || node["skos:example"] == nil {
				t.Errorf("node %d: %v, want %s with a comment and examples", i, node, vocab[i].CURIE)
			}
			for k, v := range node {
				names := []string{k}
				if k == "@id" || k == "@type" {
					names = []string{stringOf(v)}
				}
				for _, name := range names {
					if p, _, ok := strings.Cut(name, ":"); !strings.HasPrefix(name, "@") && (!ok || doc.Context[p] == "") {
						t.Errorf("node %d: the prefix of %q is not in the context", i, name)
					}
				}
			}
		}
	}
}

func stringOf(v any) string {
	s, _ := v.(string)
	return s
}
