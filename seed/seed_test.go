package seed_test

// The evidence-integrity test of the seed: every quad must be traceable to a
// paragraph of the source article, every quotation must be in that paragraph
// byte for byte, every source node must describe its paragraph correctly, and
// paraphrase must stay paraphrase. The article is read from shared/, beside
// the repository; without it the checks that need it skip, except under CI
// (the CI variable non-empty), where its absence fails the test.

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"sort"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/nquads"
	"github.com/parley-kg/parley/graph/doctext"

	"github.com/parley-kg/parley/seed"
)

// articlePath is the source article, relative to this package's folder.
const articlePath = "../../shared/seeds/000_508fa90569225c0e.txt"

const (
	docIRI       = "https://w3id.org/parley/doc/000_508fa90569225c0e"
	sourceBase   = "https://w3id.org/parley/source/000_508fa90569225c0e/p"
	parleyBase   = "https://w3id.org/parley/"
	vocabNS      = "https://w3id.org/parley/vocab#"
	schemaNS     = "https://schema.org/"
	rdfType      = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
	xsdInteger   = "http://www.w3.org/2001/XMLSchema#integer"
	predName     = schemaNS + "name"
	predDesc     = schemaNS + "description"
	predQuote    = vocabNS + "quote"
	predSource   = vocabNS + "source"
	predSummary  = vocabNS + "summary"
	predSection  = vocabNS + "section"
	predPara     = vocabNS + "paragraph"
	predDocument = vocabNS + "document"
	classSource  = vocabNS + "Source"
	classDoc     = schemaNS + "NewsArticle"
)

// expectedHeadings are the article's heading lines, as 1-based indexes of
// its non-empty lines. The test derives headings by rule (a short line with
// no final punctuation) and checks the rule against this list, so that a
// change to the article or to the rule cannot pass unnoticed.
var expectedHeadings = []int{2, 6, 9, 12, 17, 20, 24, 27, 30}

// maxCopied is the longest stretch, in characters, that a summary or a
// description may share verbatim with the article.
const maxCopied = 60

// record is one quad of the seed with the place it was read from.
type record struct {
	file string
	line int
	q    quad.Quad
}

func (r record) where() string { return fmt.Sprintf("%s:%d", r.file, r.line) }

// field names the record's predicate for messages ("parley:quote").
func (r record) field() string { return short(iriOf(r.q.Predicate)) }

// article is the source article split into paragraphs.
type article struct {
	text     string
	paras    []string // paras[i] is paragraph i+1: the (i+1)th non-empty line
	sections []string // the heading in force at each paragraph; "" before the first
	heading  []bool   // whether each paragraph is itself a heading
}

// corpus is everything a check needs.
type corpus struct {
	art     *article
	recs    []record
	types   map[string][]string // subject IRI → its rdf:type IRIs
	bySubj  map[string][]record
	subject map[string]bool
}

func newCorpus(art *article, recs []record) *corpus {
	c := &corpus{art: art, recs: recs, types: map[string][]string{},
		bySubj: map[string][]record{}, subject: map[string]bool{}}
	for _, r := range recs {
		s := iriOf(r.q.Subject)
		c.subject[s] = true
		c.bySubj[s] = append(c.bySubj[s], r)
		if iriOf(r.q.Predicate) == rdfType {
			c.types[s] = append(c.types[s], iriOf(r.q.Object))
		}
	}
	return c
}

// objects returns the records of subject s with predicate p.
func (c *corpus) objects(s, p string) []record {
	var out []record
	for _, r := range c.bySubj[s] {
		if iriOf(r.q.Predicate) == p {
			out = append(out, r)
		}
	}
	return out
}

func (c *corpus) hasType(s, class string) bool {
	for _, t := range c.types[s] {
		if t == class {
			return true
		}
	}
	return false
}

// paragraphOf returns the paragraph number a source node declares, or an
// explanation of why it has none.
func (c *corpus) paragraphOf(src string) (int, string) {
	ps := c.objects(src, predPara)
	if len(ps) != 1 {
		return 0, fmt.Sprintf("source %s has %d parley:paragraph quads, want 1", src, len(ps))
	}
	n, ok := intOf(ps[0].q.Object)
	if !ok {
		return 0, fmt.Sprintf("%s: parley:paragraph of %s is %s, want an xsd:integer", ps[0].where(), src, ps[0].q.Object)
	}
	if n < 1 || n > len(c.art.paras) {
		return 0, fmt.Sprintf("%s: parley:paragraph of %s is %d, the article has paragraphs 1 to %d", ps[0].where(), src, n, len(c.art.paras))
	}
	return n, ""
}

// check is one evidence rule; it returns one message per violation.
type check struct {
	name         string
	needsArticle bool
	fn           func(*corpus) []string
}

var checks = []check{
	{"every quad is labelled with a source", false, checkLabels},
	{"source nodes match the article", true, checkSources},
	{"quotes are verbatim in their paragraph", true, checkQuotes},
	{"summaries and descriptions paraphrase", true, checkParaphrase},
	{"nodes have one type and one name and no dangling IRIs", false, checkNodes},
	{"spans match the article's offsets, sentences and hashes", true, checkSpans},
	{"positions, claims, events and relations carry evidence", false, checkEvidence},
	{"aliases labelled with a paragraph occur in it", true, checkAliases},
	{"the document record hashes the article file", true, checkDocumentHash},
	{"no name or alias belongs to two entities", false, checkUniqueNames},
}

// TestSeedEvidence runs every check on the embedded seed. Without the
// article (outside CI) the checks that compare with it skip; the others
// still run.
func TestSeedEvidence(t *testing.T) {
	art, missing := readArticle(t)
	c := newCorpus(art, loadSeed(t))
	if len(c.recs) == 0 {
		t.Fatal("the seed holds no quads")
	}
	for _, ch := range checks {
		t.Run(ch.name, func(t *testing.T) {
			if ch.needsArticle && art == nil {
				t.Skip(missing)
			}
			for _, msg := range ch.fn(c) {
				t.Error(msg)
			}
		})
	}
}

// TestHeadingRule checks that the heading rule finds exactly the headings
// known to be in the article.
func TestHeadingRule(t *testing.T) {
	art := loadArticle(t)
	var got []int
	for i, h := range art.heading {
		if h {
			got = append(got, i+1)
		}
	}
	if fmt.Sprint(got) != fmt.Sprint(expectedHeadings) {
		t.Fatalf("headings found by rule at paragraphs %v, want %v", got, expectedHeadings)
	}
	if art.sections[0] != "" {
		t.Errorf("paragraph 1 has section %q, want none (it precedes every heading)", art.sections[0])
	}
}

// TestChecksCatchBrokenSeeds proves that each check can fail: each case
// damages a copy of the seed in one way and expects the named check to
// report it.
func TestChecksCatchBrokenSeeds(t *testing.T) {
	art := loadArticle(t)
	recs := loadSeed(t)
	find := func(pred string, nth int) int {
		for i, r := range recs {
			if iriOf(r.q.Predicate) == pred {
				if nth == 0 {
					return i
				}
				nth--
			}
		}
		t.Fatalf("the seed has no %s quad to damage", short(pred))
		return -1
	}
	sourceOf := func(n int) string { return sourceBase + strconv.Itoa(n) }
	// requote moves the first quoted node to paragraph n and gives it quote q.
	requote := func(rs []record, n int, q string) []record {
		i := find(predQuote, 0)
		rs[i].q.Object = quad.String(q)
		rs[i].q.Label = quad.IRI(sourceOf(n))
		subj := iriOf(rs[i].q.Subject)
		for j, r := range rs {
			if iriOf(r.q.Subject) == subj && iriOf(r.q.Predicate) == predSource {
				rs[j].q.Object = quad.IRI(sourceOf(n))
			}
		}
		return rs
	}
	cases := []struct {
		name   string
		check  func(*corpus) []string
		want   string // a part of the message the check must give
		damage func([]record) []record
	}{
		{"a quote with one changed character", checkQuotes, "does not occur verbatim", func(rs []record) []record {
			i := find(predQuote, 0)
			s := string(rs[i].q.Object.(quad.String))
			rs[i].q.Object = quad.String(s[:len(s)-1] + "X")
			return rs
		}},
		{"a quote with a straight apostrophe for a curly one", checkQuotes, "does not occur verbatim in paragraph 13", func(rs []record) []record {
			return requote(rs, 13, "Kyiv's core priorities")
		}},
		{"a quote of words the article does not put in quotation marks", checkQuotes, "not as the start of a quotation", func(rs []record) []record {
			return requote(rs, 13, "Kyiv’s core priorities")
		}},
		{"a quote pointed at the wrong paragraph", checkQuotes, "in paragraph 31", func(rs []record) []record {
			i := find(predQuote, 0)
			subj := iriOf(rs[i].q.Subject)
			for j, r := range rs {
				if iriOf(r.q.Subject) == subj && iriOf(r.q.Predicate) == predSource {
					rs[j].q.Object = quad.IRI(sourceOf(31))
				}
			}
			return rs
		}},
		{"a section on paragraph 1", checkSources, "must have no section", func(rs []record) []record {
			return append(rs, record{"damaged.nq", 1, quad.Make(quad.IRI(sourceOf(1)), quad.IRI(predSection),
				quad.String("A Critical Diplomatic Overture"), quad.IRI(sourceOf(1)))})
		}},
		{"a wrong section", checkSources, "the article's heading there is", func(rs []record) []record {
			i := find(predSection, 3)
			rs[i].q.Object = quad.String("Core Obstacles to Lasting Peace!")
			return rs
		}},
		{"a paragraph number off by one", checkSources, "so its IRI should be", func(rs []record) []record {
			i := find(predPara, 5)
			n, _ := intOf(rs[i].q.Object)
			rs[i].q.Object = quad.Int(n + 1)
			return rs
		}},
		{"a missing source node", checkSources, "has no parley:Source node", func(rs []record) []record {
			var out []record
			for _, r := range rs {
				if iriOf(r.q.Subject) != sourceOf(17) {
					out = append(out, r)
				}
			}
			return out
		}},
		{"a quad without a label", checkLabels, "has no label", func(rs []record) []record {
			rs[find(predName, 40)].q.Label = nil
			return rs
		}},
		{"a label that is not a source", checkLabels, "is not typed parley:Source", func(rs []record) []record {
			rs[find(predName, 40)].q.Label = quad.IRI("https://w3id.org/parley/id/russia")
			return rs
		}},
		{"a summary copied from the article", checkParaphrase, "copies 113 characters", func(rs []record) []record {
			// The third sentence of paragraph 15, taken from the article at
			// run time so that the repository holds no copy of it.
			p := []rune(art.paras[14])
			s := doctext.Sentences(string(p))[2]
			rs[find(predSummary, 0)].q.Object = quad.String(string(p[s.Start:s.End]))
			return rs
		}},
		{"a subject with two names", checkNodes, "has 2 schema:name quads", func(rs []record) []record {
			r := rs[find(predName, 40)]
			r.q.Object = quad.String("Another name")
			return append(rs, r)
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			damaged := tc.damage(append([]record(nil), recs...))
			msgs := tc.check(newCorpus(art, damaged))
			for _, m := range msgs {
				if strings.Contains(m, tc.want) {
					t.Logf("caught: %s", m)
					return
				}
			}
			t.Errorf("the check did not report %q for a seed with %s; it reported %q", tc.want, tc.name, msgs)
		})
	}
}

// checkLabels: every quad has a label, and the label is a node typed
// parley:Source or schema:NewsArticle.
func checkLabels(c *corpus) []string {
	var out []string
	for _, r := range c.recs {
		if r.q.Label == nil {
			out = append(out, fmt.Sprintf("%s: %s: quad has no label (4th term)", r.where(), r.field()))
			continue
		}
		l, ok := r.q.Label.(quad.IRI)
		if !ok {
			out = append(out, fmt.Sprintf("%s: %s: label %s is not an IRI", r.where(), r.field(), r.q.Label))
			continue
		}
		if !c.hasType(string(l), classSource) && !c.hasType(string(l), classDoc) {
			out = append(out, fmt.Sprintf("%s: %s: label %s is not typed parley:Source or schema:NewsArticle", r.where(), r.field(), l))
		}
	}
	return out
}

// checkSources: every source node names paragraph N of the article, its
// section is the heading in force at N (none for paragraph 1), it belongs to
// the document, its own quads are labelled with itself, and every paragraph
// of the article has exactly one source node; the document names the
// article's file and labels its own quads with itself.
func checkSources(c *corpus) []string {
	var out []string
	seen := map[int]string{}
	var srcs []string
	for s := range c.subject {
		if c.hasType(s, classSource) {
			srcs = append(srcs, s)
		}
	}
	sort.Strings(srcs)
	for _, s := range srcs {
		first := c.bySubj[s][0]
		n, problem := c.paragraphOf(s)
		if problem != "" {
			out = append(out, fmt.Sprintf("%s: parley:paragraph: %s", first.where(), problem))
			continue
		}
		if prev, dup := seen[n]; dup {
			out = append(out, fmt.Sprintf("%s: parley:paragraph: %s and %s both claim paragraph %d", first.where(), prev, s, n))
		}
		seen[n] = s
		if want := sourceBase + strconv.Itoa(n); s != want {
			out = append(out, fmt.Sprintf("%s: parley:paragraph: source <%s> declares paragraph %d, so its IRI should be <%s>", first.where(), s, n, want))
		}
		want := c.art.sections[n-1]
		secs := c.objects(s, predSection)
		switch {
		case want == "" && len(secs) > 0:
			out = append(out, fmt.Sprintf("%s: parley:section: paragraph %d precedes every heading and must have no section, has %s", secs[0].where(), n, secs[0].q.Object))
		case want != "" && len(secs) != 1:
			out = append(out, fmt.Sprintf("%s: parley:section: paragraph %d has %d section quads, want 1 (%q)", first.where(), n, len(secs), want))
		case want != "":
			if got := literal(secs[0].q.Object); got != want {
				out = append(out, fmt.Sprintf("%s: parley:section: paragraph %d has section %q, the article's heading there is %q", secs[0].where(), n, got, want))
			}
		}
		docs := c.objects(s, predDocument)
		if len(docs) != 1 || iriOf(docs[0].q.Object) != docIRI {
			out = append(out, fmt.Sprintf("%s: parley:document: source %s must have exactly one parley:document <%s>", first.where(), s, docIRI))
		}
		for _, nm := range c.objects(s, predName) {
			if prefix := fmt.Sprintf("Paragraph %d", n); !strings.HasPrefix(literal(nm.q.Object), prefix) {
				out = append(out, fmt.Sprintf("%s: schema:name: %q should start with %q", nm.where(), literal(nm.q.Object), prefix))
			}
		}
		for _, r := range c.bySubj[s] {
			if iriOf(r.q.Label) != s {
				out = append(out, fmt.Sprintf("%s: %s: a source node's own quads are labelled with the node itself, got %s", r.where(), r.field(), r.q.Label))
			}
		}
	}
	if !c.hasType(docIRI, classDoc) {
		out = append(out, fmt.Sprintf("the document <%s> is not typed schema:NewsArticle", docIRI))
	}
	files := c.objects(docIRI, vocabNS+"file")
	if len(files) != 1 || literal(files[0].q.Object) != path.Base(articlePath) {
		out = append(out, fmt.Sprintf("the document <%s> must have exactly one parley:file %q", docIRI, path.Base(articlePath)))
	}
	for _, r := range c.bySubj[docIRI] {
		if iriOf(r.q.Label) != docIRI {
			out = append(out, fmt.Sprintf("%s: %s: the document's own quads are labelled with the document, got %s", r.where(), r.field(), r.q.Label))
		}
	}
	for n := 1; n <= len(c.art.paras); n++ {
		if _, ok := seen[n]; !ok {
			out = append(out, fmt.Sprintf("paragraph %d of the article (%.40q…) has no parley:Source node <%s%d>", n, c.art.paras[n-1], sourceBase, n))
		}
	}
	return out
}

// checkQuotes: every parley:quote occurs byte for byte, as the start of a
// quotation, in the paragraph that its subject's parley:source names, and
// the quote quad is labelled with that paragraph.
func checkQuotes(c *corpus) []string {
	var out []string
	for _, r := range c.recs {
		if iriOf(r.q.Predicate) != predQuote {
			continue
		}
		subj := iriOf(r.q.Subject)
		q, ok := r.q.Object.(quad.String)
		if !ok || q == "" {
			out = append(out, fmt.Sprintf("%s: parley:quote of %s: want a non-empty plain string, got %s", r.where(), subj, r.q.Object))
			continue
		}
		srcs := c.objects(subj, predSource)
		if len(srcs) != 1 {
			out = append(out, fmt.Sprintf("%s: parley:quote of %s: its subject has %d parley:source quads, want 1", r.where(), subj, len(srcs)))
			continue
		}
		src := iriOf(srcs[0].q.Object)
		if !c.hasType(src, classSource) {
			out = append(out, fmt.Sprintf("%s: parley:quote of %s: its parley:source <%s> is not a parley:Source", r.where(), subj, src))
			continue
		}
		n, problem := c.paragraphOf(src)
		if problem != "" {
			out = append(out, fmt.Sprintf("%s: parley:quote of %s: %s", r.where(), subj, problem))
			continue
		}
		para := c.art.paras[n-1]
		switch {
		case !strings.Contains(para, string(q)):
			out = append(out, fmt.Sprintf("%s: parley:quote of %s: %q does not occur verbatim in paragraph %d", r.where(), subj, string(q), n))
		case !strings.Contains(para, `"`+string(q)):
			out = append(out, fmt.Sprintf("%s: parley:quote of %s: %q occurs in paragraph %d but not as the start of a quotation (after a double quote)", r.where(), subj, string(q), n))
		}
		if iriOf(r.q.Label) != src {
			out = append(out, fmt.Sprintf("%s: parley:quote of %s: labelled %s, want its parley:source <%s>", r.where(), subj, r.q.Label, src))
		}
	}
	return out
}

// checkParaphrase: a summary or description shares no stretch longer than
// maxCopied characters with the article, so paraphrase and quotation stay
// apart.
func checkParaphrase(c *corpus) []string {
	var out []string
	for _, r := range c.recs {
		p := iriOf(r.q.Predicate)
		if p != predSummary && p != predDesc && p != predNote {
			continue
		}
		s := literal(r.q.Object)
		if s == "" {
			out = append(out, fmt.Sprintf("%s: %s of %s: want a non-empty plain string, got %s", r.where(), r.field(), iriOf(r.q.Subject), r.q.Object))
			continue
		}
		if copied := longestCopy(s, c.art.text); utf8.RuneCountInString(copied) > maxCopied {
			out = append(out, fmt.Sprintf("%s: %s of %s copies %d characters of the article verbatim (%q); paraphrase it, or quote with parley:quote",
				r.where(), r.field(), iriOf(r.q.Subject), utf8.RuneCountInString(copied), copied))
		}
	}
	return out
}

// longestCopy returns the longest substring of s, in whole runes, that also
// occurs in text.
func longestCopy(s, text string) string {
	rs := []rune(s)
	best := ""
	for i := range rs {
		// Grow the match from i while it still occurs in the text.
		lo := len([]rune(best)) + 1
		for j := i + lo; j <= len(rs); j++ {
			sub := string(rs[i:j])
			if !strings.Contains(text, sub) {
				break
			}
			best = sub
		}
	}
	return best
}

// checkNodes: every subject has exactly one rdf:type and one schema:name, and
// every object IRI in Parley's namespaces (other than the vocabulary) is a
// subject somewhere.
func checkNodes(c *corpus) []string {
	var out []string
	var subjects []string
	for s := range c.subject {
		subjects = append(subjects, s)
	}
	sort.Strings(subjects)
	for _, s := range subjects {
		first := c.bySubj[s][0]
		if n := len(c.types[s]); n != 1 {
			out = append(out, fmt.Sprintf("%s: rdf:type: <%s> has %d rdf:type quads, want 1", first.where(), s, n))
		}
		if n := len(c.objects(s, predName)); n != 1 {
			out = append(out, fmt.Sprintf("%s: schema:name: <%s> has %d schema:name quads, want 1", first.where(), s, n))
		}
	}
	for _, r := range c.recs {
		o, ok := r.q.Object.(quad.IRI)
		if !ok || !strings.HasPrefix(string(o), parleyBase) || strings.HasPrefix(string(o), vocabNS) {
			continue
		}
		if !c.subject[string(o)] {
			out = append(out, fmt.Sprintf("%s: %s: object <%s> is described nowhere in the seed", r.where(), r.field(), o))
		}
	}
	return out
}

// loadArticle reads and splits the article, skipping the test when it is
// absent outside CI.
func loadArticle(t *testing.T) *article {
	t.Helper()
	art, missing := readArticle(t)
	if art == nil {
		t.Skip(missing)
	}
	return art
}

// readArticle reads and splits the article. When the file is absent it
// fails the test under CI (the CI environment variable is non-empty) and
// otherwise returns nil and the reason.
func readArticle(t *testing.T) (*article, string) {
	t.Helper()
	b, err := os.ReadFile(articlePath)
	if errors.Is(err, fs.ErrNotExist) {
		msg := fmt.Sprintf("source article %s not found: shared/ must sit beside the repository", articlePath)
		if os.Getenv("CI") != "" {
			t.Fatal(msg + " (CI is set, so its absence is an error)")
		}
		return nil, msg + "; skipping the checks against the article"
	}
	if err != nil {
		t.Fatalf("reading the article: %v", err)
	}
	art := &article{text: string(b)}
	section := ""
	for _, line := range strings.Split(string(b), "\n") {
		line = strings.TrimRight(line, "\r")
		if strings.TrimSpace(line) == "" {
			continue
		}
		h := isHeading(line)
		if h {
			section = line
		}
		art.paras = append(art.paras, line)
		art.sections = append(art.sections, section)
		art.heading = append(art.heading, h)
	}
	if len(art.paras) == 0 {
		t.Fatalf("the article %s has no paragraphs", articlePath)
	}
	return art, ""
}

// isHeading reports whether a line is a heading: short, and without final
// punctuation.
func isHeading(line string) bool {
	line = strings.TrimSpace(line)
	if utf8.RuneCountInString(line) > 80 {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(line)
	return !strings.ContainsRune(`.!?;:,"'’”)…`, last)
}

// loadSeed parses every embedded .nq file line by line.
func loadSeed(t *testing.T) []record {
	t.Helper()
	files, err := fs.Glob(seed.FS, "*.nq")
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatal("seed.FS holds no .nq files")
	}
	var recs []record
	for _, f := range files {
		b, err := fs.ReadFile(seed.FS, f)
		if err != nil {
			t.Fatal(err)
		}
		for i, line := range strings.Split(string(b), "\n") {
			trimmed := strings.TrimSpace(line)
			if trimmed == "" || strings.HasPrefix(trimmed, "#") {
				continue
			}
			q, err := nquads.Parse(trimmed)
			if err != nil {
				t.Errorf("%s:%d: not a valid N-Quad: %v", path.Base(f), i+1, err)
				continue
			}
			recs = append(recs, record{file: path.Base(f), line: i + 1, q: q})
		}
	}
	if t.Failed() {
		t.FailNow()
	}
	return recs
}

// iriOf returns the IRI of v without brackets, or "" when v is not an IRI.
func iriOf(v quad.Value) string {
	if i, ok := v.(quad.IRI); ok {
		return string(i)
	}
	return ""
}

// literal returns the value of a plain string, or "" for anything else
// (language-tagged and typed strings are not allowed where this is used).
func literal(v quad.Value) string {
	if s, ok := v.(quad.String); ok {
		return string(s)
	}
	return ""
}

// intOf returns the value of an xsd:integer literal.
func intOf(v quad.Value) (int, bool) {
	switch x := v.(type) {
	case quad.Int:
		return int(x), true
	case quad.TypedString:
		if x.Type.Full() != quad.IRI(xsdInteger) {
			return 0, false
		}
		n, err := strconv.Atoi(string(x.Value))
		return n, err == nil
	}
	return 0, false
}

// short abbreviates an IRI with the seed's usual prefixes for messages.
func short(iri string) string {
	for _, p := range [][2]string{
		{"rdf:", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"},
		{"schema:", schemaNS},
		{"owl:", "http://www.w3.org/2002/07/owl#"},
		{"parley:", vocabNS},
	} {
		if strings.HasPrefix(iri, p[1]) {
			return p[0] + strings.TrimPrefix(iri, p[1])
		}
	}
	return "<" + iri + ">"
}
