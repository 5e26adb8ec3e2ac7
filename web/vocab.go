package web

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html/template"
	"net/http"
	"regexp"
	"strings"
)

// TermKind says what a vocabulary term is.
type TermKind string

// The kinds of [Term].
const (
	KindClass    TermKind = "class"    // an rdf:type of nodes
	KindProperty TermKind = "property" // a predicate
	KindValue    TermKind = "value"    // an IRI a predicate takes as its value (a stance, a status)
)

// Term is one class, predicate or value of Parley's vocabulary, as
// seed/README.md documents it.
type Term struct {
	// CURIE is the term's IRI in prefixed form, such as "parley:holder".
	CURIE string
	// Kind says whether it is a class, a predicate or a value.
	Kind TermKind
	// Section is the part of seed/README.md that documents it.
	Section string
	// Subject and Object are, for a predicate, what it links (markdown
	// with `code`); empty for classes and values.
	Subject, Object string
	// GraphQL is the GraphQL kind (classes) or enum value (values) the term
	// maps to, if any.
	GraphQL string
	// Description is what the term means (markdown with `code`).
	Description string
	// Required lists, for a class, what its nodes must have.
	Required string
	// Example is an example in words, where the seed has none or the
	// README gives one.
	Example string
	// SeedQuad is a triple of the seed that uses the term, in prefixed
	// form (id/…, source/…, doc/… are Parley's IRIs); empty when the seed
	// has none.
	SeedQuad string
}

// IRI returns the term's full IRI.
func (t Term) IRI() string {
	prefix, local, _ := strings.Cut(t.CURIE, ":")
	return Prefixes[prefix] + local
}

// Local returns the term's name without its prefix, as used for anchors.
func (t Term) Local() string {
	_, local, _ := strings.Cut(t.CURIE, ":")
	return local
}

// Prefixes maps the prefixes of the vocabulary's CURIEs to their
// namespaces, as seed/README.md lists them.
var Prefixes = map[string]string{
	"rdf":    "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
	"rdfs":   "http://www.w3.org/2000/01/rdf-schema#",
	"schema": "https://schema.org/",
	"owl":    "http://www.w3.org/2002/07/owl#",
	"xsd":    "http://www.w3.org/2001/XMLSchema#",
	"skos":   "http://www.w3.org/2004/02/skos/core#",
	"parley": "https://w3id.org/parley/vocab#",
}

// prefixOrder is the order [Vocab] lists the prefixes in.
var prefixOrder = []string{"parley", "schema", "rdf", "rdfs", "owl", "skos", "xsd"}

// Vocabulary returns Parley's vocabulary: every class, predicate and value,
// in seed/README.md's order. The slice is a copy.
func Vocabulary() []Term {
	return append([]Term(nil), terms...)
}

// vocabFormats maps the values of ?format= to the media types [Vocab]
// answers with.
var vocabFormats = map[string]string{
	"html":    "text/html; charset=utf-8",
	"turtle":  "text/turtle; charset=utf-8",
	"ttl":     "text/turtle; charset=utf-8",
	"jsonld":  "application/ld+json",
	"json-ld": "application/ld+json",
}

// vocabHandler serves the vocabulary, rendered once per format.
type vocabHandler struct {
	pages map[string]*page // media type (no parameters) → page
}

// Vocab returns a handler for the vocabulary page: every class, predicate
// and value of Parley's vocabulary with its description, what it links, and
// an example from the seed. It answers HTML for people, Turtle or JSON-LD
// for tools: ?format=html|turtle|ttl|jsonld|json-ld chooses, else the
// Accept header (text/turtle, application/ld+json), else HTML. An unknown
// ?format= is 400 and names the formats. The page links the playground at
// opts.PlaygroundURL (default "./") and loads its style from [Assets] at
// opts.AssetsURL. It answers GET and HEAD (405 otherwise), with an ETag,
// Cache-Control: no-cache and Vary: Accept.
func Vocab(opts VocabOptions) http.Handler {
	opts = opts.withDefaults()
	h := &vocabHandler{pages: map[string]*page{}}
	for media, render := range map[string]func(VocabOptions) ([]byte, error){
		"text/html": renderVocabHTML, "text/turtle": renderTurtle, "application/ld+json": renderJSONLD,
	} {
		content, err := render(opts)
		if err != nil {
			panic("web: render vocabulary as " + media + ": " + err.Error()) // the package's tests rule it out
		}
		ct := media
		if strings.HasPrefix(media, "text/") {
			ct += "; charset=utf-8"
		}
		header := map[string]string{"Content-Type": ct, "Cache-Control": ownCache, "ETag": etagOf(content), "Vary": "Accept"}
		if media == "text/html" {
			header["Content-Security-Policy"] = playgroundCSP(PlaygroundOptions{AssetsURL: opts.AssetsURL})
		}
		h.pages[media] = &page{content: content, header: header}
	}
	return h
}

// VocabOptions configures [Vocab]. The zero value suits a server that
// mounts the page at /vocab, the playground at / and [Assets] at /assets/.
type VocabOptions struct {
	// AssetsURL is where [Assets] is mounted, ending in "/". Default
	// "assets/", relative to the page.
	AssetsURL string
	// PlaygroundURL and ExplorerURL are the header's links. Defaults "./"
	// and "explore", relative to the page.
	PlaygroundURL, ExplorerURL string
}

// withDefaults returns o with its empty fields set to their defaults.
func (o VocabOptions) withDefaults() VocabOptions {
	o.AssetsURL = PlaygroundOptions{AssetsURL: o.AssetsURL}.withDefaults().AssetsURL
	if o.PlaygroundURL == "" {
		o.PlaygroundURL = "./"
	}
	if o.ExplorerURL == "" {
		o.ExplorerURL = "explore"
	}
	return o
}

// ServeHTTP serves the vocabulary in the format the request asks for.
func (h *vocabHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if !allowGetHead(w, r) {
		return
	}
	media, err := vocabMedia(r)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	p := h.pages[media]
	serveFile(w, r, "vocab", bytes.NewReader(p.content), p.header)
}

// vocabMedia returns the media type (without parameters) a request asks for.
func vocabMedia(r *http.Request) (string, error) {
	if f := r.URL.Query().Get("format"); f != "" || r.URL.Query().Has("format") {
		ct, ok := vocabFormats[strings.ToLower(f)]
		if !ok {
			return "", fmt.Errorf("vocab: unknown format %q in ?format=; use html, turtle (or ttl) or jsonld (or json-ld)", f)
		}
		media, _, _ := strings.Cut(ct, ";")
		return media, nil
	}
	// The first of the three that Accept names wins; Accept's q-values
	// are not weighed, since a tool names only the one it reads.
	accept := strings.ToLower(r.Header.Get("Accept"))
	best, at := "text/html", len(accept)+1
	for _, media := range []string{"text/turtle", "application/ld+json", "text/html"} {
		if i := strings.Index(accept, media); i >= 0 && i < at {
			best, at = media, i
		}
	}
	return best, nil
}

// code matches markdown's `code`.
var code = regexp.MustCompile("`([^`]*)`")

// plain returns markdown text without its backticks, for Turtle and JSON-LD.
func plain(s string) string { return code.ReplaceAllString(s, "$1") }

// markdown renders the markdown the table uses (only `code`) as HTML.
func markdown(s string) template.HTML {
	var b strings.Builder
	last := 0
	for _, m := range code.FindAllStringSubmatchIndex(s, -1) {
		b.WriteString(template.HTMLEscapeString(s[last:m[0]]))
		b.WriteString("<code>" + template.HTMLEscapeString(s[m[2]:m[3]]) + "</code>")
		last = m[1]
	}
	b.WriteString(template.HTMLEscapeString(s[last:]))
	return template.HTML(b.String())
}

// vocabSection is one section of the HTML page.
type vocabSection struct {
	Title string
	Kind  TermKind
	Terms []Term
}

// sections groups the terms by Section, in order of first appearance. A
// predicate documented in two sections of the README appears once, in the
// first.
func sections() []vocabSection {
	var out []vocabSection
	index := map[string]int{}
	for _, t := range terms {
		i, ok := index[t.Section]
		if !ok {
			i = len(out)
			index[t.Section] = i
			out = append(out, vocabSection{Title: t.Section, Kind: t.Kind})
		}
		out[i].Terms = append(out[i].Terms, t)
	}
	return out
}

// renderVocabHTML renders the page for people.
func renderVocabHTML(opts VocabOptions) ([]byte, error) {
	tmpl, err := template.New("vocab.html").Funcs(template.FuncMap{"md": markdown}).ParseFS(files, "templates/vocab.html")
	if err != nil {
		return nil, err
	}
	type prefix struct{ Prefix, IRI string }
	var prefixes []prefix
	for _, p := range prefixOrder {
		prefixes = append(prefixes, prefix{p, Prefixes[p]})
	}
	var buf bytes.Buffer
	err = tmpl.Execute(&buf, struct {
		VocabOptions
		Prefixes []prefix
		Sections []vocabSection
	}{opts, prefixes, sections()})
	return buf.Bytes(), err
}

// rdfType returns the RDF class of a term's description.
func (t Term) rdfType() string {
	switch t.Kind {
	case KindClass:
		return "rdfs:Class"
	case KindProperty:
		return "rdf:Property"
	}
	return "skos:Concept"
}

// turtleString quotes s as a Turtle string literal.
func turtleString(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`, "\r", `\r`)
	return `"` + r.Replace(s) + `"`
}

// comment is a term's description with what it links, for tools.
func (t Term) comment() string {
	c := plain(t.Description)
	if t.Kind == KindProperty && (t.Subject != "" || t.Object != "") {
		c += " (subject: " + plain(t.Subject) + "; object: " + plain(t.Object) + ")"
	}
	if t.Required != "" && t.Required != "—" {
		c += " (required: " + plain(t.Required) + ")"
	}
	return c
}

// examples are a term's examples, for tools.
func (t Term) examples() []string {
	var out []string
	for _, e := range []string{t.SeedQuad, plain(t.Example)} {
		if e != "" {
			out = append(out, e)
		}
	}
	return out
}

// renderTurtle renders the vocabulary as Turtle: each term with rdf:type,
// rdfs:label, rdfs:comment, skos:example and, where it has one, its GraphQL
// name as skos:notation.
func renderTurtle(VocabOptions) ([]byte, error) {
	var b bytes.Buffer
	b.WriteString("# Parley's vocabulary, as /vocab serves it; seed/README.md documents it.\n")
	for _, p := range prefixOrder {
		fmt.Fprintf(&b, "@prefix %s: <%s> .\n", p, Prefixes[p])
	}
	for _, t := range terms {
		fmt.Fprintf(&b, "\n%s a %s ;\n  rdfs:label %s ;\n  rdfs:comment %s", t.CURIE, t.rdfType(), turtleString(t.Local()), turtleString(t.comment()))
		for _, e := range t.examples() {
			fmt.Fprintf(&b, " ;\n  skos:example %s", turtleString(e))
		}
		if t.GraphQL != "" {
			fmt.Fprintf(&b, " ;\n  skos:notation %s", turtleString(t.GraphQL))
		}
		b.WriteString(" .\n")
	}
	return b.Bytes(), nil
}

// renderJSONLD renders the vocabulary as JSON-LD: the same statements as
// [renderTurtle], in a @graph under a @context of the prefixes.
func renderJSONLD(VocabOptions) ([]byte, error) {
	ctx := map[string]any{}
	for p, ns := range Prefixes {
		ctx[p] = ns
	}
	graph := make([]map[string]any, 0, len(terms))
	for _, t := range terms {
		node := map[string]any{
			"@id":          t.CURIE,
			"@type":        t.rdfType(),
			"rdfs:label":   t.Local(),
			"rdfs:comment": t.comment(),
		}
		if e := t.examples(); len(e) > 0 {
			node["skos:example"] = e
		}
		if t.GraphQL != "" {
			node["skos:notation"] = t.GraphQL
		}
		graph = append(graph, node)
	}
	return json.MarshalIndent(map[string]any{"@context": ctx, "@graph": graph}, "", "  ")
}
