package seed_test

// The evidence checks of vocabulary v2: every span names a stretch of the
// article by paragraph, sentence, code point offsets and SHA-256, and every
// position, claim, event and relation points at spans. Offsets are checked
// with graph/doctext, the package the server uses to serve spans, so a span
// that this test accepts is one the server can show.

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/cayleygraph/quad"

	"github.com/parley-kg/parley/graph/doctext"
)

const (
	spanBase         = "https://w3id.org/parley/source/000_508fa90569225c0e/span/"
	classSpan        = vocabNS + "Span"
	classStatement   = "http://www.w3.org/1999/02/22-rdf-syntax-ns#Statement"
	classPosition    = vocabNS + "Position"
	classClaim       = schemaNS + "Claim"
	classEvent       = schemaNS + "Event"
	predEvidence     = vocabNS + "evidence"
	predInSource     = vocabNS + "inSource"
	predSentence     = vocabNS + "sentence"
	predStart        = vocabNS + "start"
	predEnd          = vocabNS + "end"
	predSHA256       = vocabNS + "sha256"
	predAltName      = schemaNS + "alternateName"
	predNote         = vocabNS + "note"
	predRDFSubject   = "http://www.w3.org/1999/02/22-rdf-syntax-ns#subject"
	predRDFPred      = "http://www.w3.org/1999/02/22-rdf-syntax-ns#predicate"
	predRDFObject    = "http://www.w3.org/1999/02/22-rdf-syntax-ns#object"
	skosBroader      = "http://www.w3.org/2004/02/skos/core#broader"
	containedInPlace = schemaNS + "containedInPlace"
)

// relationPredicates are the predicates whose quads are relations between
// entities (seed/README.md, "Relations"): each needs an rdf:Statement with
// evidence, unless it is labelled with the document (the project's own
// organisation, which no paragraph states).
var relationPredicates = func() map[string]bool {
	m := map[string]bool{containedInPlace: true, skosBroader: true}
	for _, p := range []string{"sonInLawOf", "advises", "envoyOf", "represents", "partOf", "annexed", "occupies",
		"claimsTerritory", "invaded", "seeksMembership", "alliedWith", "seatOfGovernment", "memberOf"} {
		m[vocabNS+p] = true
	}
	return m
}()

// one returns the single object of s's p, or "" and a message.
func (c *corpus) one(s, p string) (record, string) {
	rs := c.objects(s, p)
	if len(rs) != 1 {
		return record{}, fmt.Sprintf("<%s> has %d %s quads, want 1", s, len(rs), short(p))
	}
	return rs[0], ""
}

// checkSpans: every span's offsets lie within the paragraph its inSource
// names, its sentence number is the one doctext gives, its SHA-256 is that
// of the text between its offsets, its IRI and name say the same, and its
// quads are labelled with its paragraph.
func checkSpans(c *corpus) []string {
	var out []string
	doc, err := doctext.New(c.art.text)
	if err != nil {
		return []string{fmt.Sprintf("the article cannot be indexed: %v", err)}
	}
	for _, s := range c.subjectsOf(classSpan) {
		first := c.bySubj[s][0]
		var vals [3]int
		bad := false
		for i, p := range []string{predSentence, predStart, predEnd} {
			r, msg := c.one(s, p)
			if msg == "" {
				n, ok := intOf(r.q.Object)
				if !ok {
					msg = fmt.Sprintf("%s: %s of <%s> is %s, want an xsd:integer", r.where(), short(p), s, r.q.Object)
				}
				vals[i] = n
			}
			if msg != "" {
				out, bad = append(out, first.where()+": "+msg), true
			}
		}
		src, msg := c.one(s, predInSource)
		if msg != "" {
			out, bad = append(out, first.where()+": "+msg), true
		}
		if bad {
			continue
		}
		n, problem := c.paragraphOf(iriOf(src.q.Object))
		if problem != "" {
			out = append(out, src.where()+": parley:inSource: "+problem)
			continue
		}
		sentence, start, end := vals[0], vals[1], vals[2]
		p := doc.Paragraphs()[n-1]
		if start < p.Start || end > p.End || start >= end {
			out = append(out, fmt.Sprintf("%s: span <%s> runs %d-%d, outside paragraph %d (%d-%d) that parley:inSource names",
				first.where(), s, start, end, n, p.Start, p.End))
			continue
		}
		loc, err := doc.Locate(start, end)
		if err != nil {
			out = append(out, fmt.Sprintf("%s: span <%s>: %v", first.where(), s, err))
			continue
		}
		if loc.Sentence != sentence {
			out = append(out, fmt.Sprintf("%s: span <%s> starts in sentence %d of paragraph %d, not sentence %d", first.where(), s, loc.Sentence, n, sentence))
		}
		if h, msg := c.one(s, predSHA256); msg != "" {
			out = append(out, first.where()+": "+msg)
		} else if got := literal(h.q.Object); got != loc.SHA256 {
			out = append(out, fmt.Sprintf("%s: span <%s>: sha256 %s is not the hash of the text at %d-%d (%s)", h.where(), s, got, start, end, loc.SHA256))
		}
		if want := fmt.Sprintf("%s%d-%d", spanBase, start, end); s != want {
			out = append(out, fmt.Sprintf("%s: span <%s> has offsets %d-%d, so its IRI should be <%s>", first.where(), s, start, end, want))
		}
		for _, nm := range c.objects(s, predName) {
			if want := fmt.Sprintf("Paragraph %d, sentence %d", n, sentence); literal(nm.q.Object) != want {
				out = append(out, fmt.Sprintf("%s: schema:name of <%s> is %q, want %q", nm.where(), s, literal(nm.q.Object), want))
			}
		}
		for _, r := range c.bySubj[s] {
			if iriOf(r.q.Label) != iriOf(src.q.Object) {
				out = append(out, fmt.Sprintf("%s: %s of span <%s> is labelled %s, want its paragraph <%s>", r.where(), r.field(), s, r.q.Label, iriOf(src.q.Object)))
			}
		}
	}
	return out
}

// checkEvidence: every position, claim, event and rdf:Statement has at
// least one parley:evidence span, each evidence quad is labelled with the
// span's paragraph, a position's or claim's evidence includes a span in its
// own source paragraph, and every relation quad that a paragraph states has
// an rdf:Statement naming it.
func checkEvidence(c *corpus) []string {
	var out []string
	for _, class := range []string{classPosition, classClaim, classEvent, classStatement} {
		for _, s := range c.subjectsOf(class) {
			evs := c.objects(s, predEvidence)
			if len(evs) == 0 {
				out = append(out, fmt.Sprintf("%s: %s <%s> has no parley:evidence", c.bySubj[s][0].where(), short(class), s))
				continue
			}
			var paras []string
			for _, e := range evs {
				span := iriOf(e.q.Object)
				if !c.hasType(span, classSpan) {
					out = append(out, fmt.Sprintf("%s: parley:evidence of <%s> is <%s>, not a parley:Span", e.where(), s, span))
					continue
				}
				src, msg := c.one(span, predInSource)
				if msg != "" {
					continue // reported by checkSpans
				}
				paras = append(paras, iriOf(src.q.Object))
				if iriOf(e.q.Label) != iriOf(src.q.Object) {
					out = append(out, fmt.Sprintf("%s: parley:evidence of <%s> is labelled %s, want the span's paragraph <%s>", e.where(), s, e.q.Label, iriOf(src.q.Object)))
				}
			}
			if srcs := c.objects(s, predSource); len(srcs) == 1 && len(paras) > 0 {
				if own := iriOf(srcs[0].q.Object); !contains(paras, own) {
					out = append(out, fmt.Sprintf("%s: <%s> has no evidence span in its source paragraph <%s> (spans in %v)", evs[0].where(), s, own, paras))
				}
			}
		}
	}
	reified := map[string]bool{}
	for _, s := range c.subjectsOf(classStatement) {
		var key []string
		for _, p := range []string{predRDFSubject, predRDFPred, predRDFObject} {
			r, msg := c.one(s, p)
			if msg != "" {
				out = append(out, c.bySubj[s][0].where()+": "+msg)
			}
			key = append(key, iriOf(r.q.Object))
		}
		reified[strings.Join(key, " ")] = true
	}
	for _, r := range c.recs {
		p := iriOf(r.q.Predicate)
		if !relationPredicates[p] || iriOf(r.q.Label) == docIRI {
			continue
		}
		if !reified[iriOf(r.q.Subject)+" "+p+" "+iriOf(r.q.Object)] {
			out = append(out, fmt.Sprintf("%s: relation <%s> %s <%s> has no rdf:Statement carrying its evidence", r.where(), iriOf(r.q.Subject), short(p), iriOf(r.q.Object)))
		}
	}
	return out
}

// checkAliases: an alias labelled with a paragraph occurs in that paragraph
// (ignoring case, and reading the article's curly apostrophe as a straight
// one, which aliases use); a spelling the article does not use is labelled
// with the document, so that no paragraph is said to use it.
func checkAliases(c *corpus) []string {
	var out []string
	fold := func(s string) string { return strings.ToLower(strings.ReplaceAll(s, "’", "'")) }
	for _, r := range c.recs {
		if iriOf(r.q.Predicate) != predAltName || iriOf(r.q.Label) == docIRI {
			continue
		}
		n, problem := c.paragraphOf(iriOf(r.q.Label))
		if problem != "" {
			out = append(out, r.where()+": schema:alternateName: "+problem)
			continue
		}
		if alias := literal(r.q.Object); !strings.Contains(fold(c.art.paras[n-1]), fold(alias)) {
			out = append(out, fmt.Sprintf("%s: schema:alternateName %q of <%s> is labelled with paragraph %d, which does not use it; label it with the document <%s>",
				r.where(), alias, iriOf(r.q.Subject), n, docIRI))
		}
	}
	return out
}

// checkDocumentHash: the document's parley:sha256 is the SHA-256 of the
// article file's bytes.
func checkDocumentHash(c *corpus) []string {
	h, msg := c.one(docIRI, predSHA256)
	if msg != "" {
		return []string{msg}
	}
	sum := sha256.Sum256([]byte(c.art.text))
	if got, want := literal(h.q.Object), hex.EncodeToString(sum[:]); got != want {
		return []string{fmt.Sprintf("%s: parley:sha256 of the document is %s; the file %s hashes to %s", h.where(), got, articlePath, want)}
	}
	return nil
}

// subjectsOf returns the subjects typed class, sorted.
func (c *corpus) subjectsOf(class string) []string {
	var out []string
	for s := range c.subject {
		if c.hasType(s, class) {
			out = append(out, s)
		}
	}
	sort.Strings(out)
	return out
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// spanRecord finds the record of span s's predicate p, for damaging it.
func spanRecord(rs []record, s, p string) int {
	for i, r := range rs {
		if iriOf(r.q.Subject) == s && iriOf(r.q.Predicate) == p {
			return i
		}
	}
	return -1
}

// shiftInt returns an xsd:integer literal d more than v.
func shiftInt(v quad.Value, d int) quad.Value {
	n, _ := intOf(v)
	return quad.TypedString{Value: quad.String(strconv.Itoa(n + d)), Type: quad.IRI(xsdInteger)}
}

// TestEvidenceChecksCatchBrokenSeeds proves that each evidence check can
// fail: each case damages a copy of the seed in one way and expects the
// named check to report it.
func TestEvidenceChecksCatchBrokenSeeds(t *testing.T) {
	art := loadArticle(t)
	recs := loadSeed(t)
	c := newCorpus(art, recs)
	spans := c.subjectsOf(classSpan)
	positions := c.subjectsOf(classPosition)
	statements := c.subjectsOf(classStatement)
	if len(spans) == 0 || len(positions) == 0 || len(statements) == 0 {
		t.Fatal("the seed has no spans, positions or statements to damage")
	}
	span := spans[0]
	without := func(rs []record, keep func(record) bool) []record {
		var out []record
		for _, r := range rs {
			if keep(r) {
				out = append(out, r)
			}
		}
		return out
	}
	cases := []struct {
		name   string
		check  func(*corpus) []string
		want   string
		damage func([]record) []record
	}{
		{"a span one code point longer", checkSpans, "is not the hash of the text", func(rs []record) []record {
			i := spanRecord(rs, span, predEnd)
			rs[i].q.Object = shiftInt(rs[i].q.Object, 1)
			return rs
		}},
		{"a span with the wrong sentence", checkSpans, "not sentence", func(rs []record) []record {
			i := spanRecord(rs, span, predSentence)
			rs[i].q.Object = shiftInt(rs[i].q.Object, 1)
			return rs
		}},
		{"a span moved out of its paragraph", checkSpans, "outside paragraph", func(rs []record) []record {
			i := spanRecord(rs, span, predStart)
			rs[i].q.Object = shiftInt(rs[i].q.Object, -2000)
			return rs
		}},
		{"a position without evidence", checkEvidence, "has no parley:evidence", func(rs []record) []record {
			return without(rs, func(r record) bool {
				return iriOf(r.q.Subject) != positions[0] || iriOf(r.q.Predicate) != predEvidence
			})
		}},
		{"evidence labelled with another paragraph", checkEvidence, "want the span's paragraph", func(rs []record) []record {
			i := spanRecord(rs, positions[0], predEvidence)
			rs[i].q.Label = quad.IRI(sourceBase + "31")
			return rs
		}},
		{"a relation without its statement", checkEvidence, "has no rdf:Statement", func(rs []record) []record {
			return without(rs, func(r record) bool { return iriOf(r.q.Subject) != statements[0] })
		}},
		{"an alias labelled with a paragraph that does not use it", checkAliases, "which does not use it", func(rs []record) []record {
			return append(rs, record{"damaged.nq", 1, quad.Make(quad.IRI("https://w3id.org/parley/id/volodymyr-zelensky"),
				quad.IRI(predAltName), quad.String("Zelenskyy"), quad.IRI(sourceBase+"4"))})
		}},
		{"an alias of one entity that names another", checkUniqueNames, "names both", func(rs []record) []record {
			return append(rs, record{"damaged.nq", 1, quad.Make(quad.IRI("https://w3id.org/parley/id/november-draft-peace-plan"),
				quad.IRI(predAltName), quad.String("initial U.S.-Russia draft peace plan"), quad.IRI(sourceBase+"16"))})
		}},
		{"a document hash of other bytes", checkDocumentHash, "hashes to", func(rs []record) []record {
			i := spanRecord(rs, docIRI, predSHA256)
			rs[i].q.Object = quad.String(strings.Repeat("0", 64))
			return rs
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			msgs := tc.check(newCorpus(art, tc.damage(append([]record(nil), recs...))))
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

// entityClasses are the classes whose nodes a name or alias resolves to.
var entityClasses = []string{schemaNS + "Person", schemaNS + "Country", schemaNS + "Organization",
	schemaNS + "AdministrativeArea", schemaNS + "City", schemaNS + "Place", classEvent, vocabNS + "Topic"}

// checkUniqueNames: no name or alias, ignoring case and surrounding space,
// belongs to two entities, so that every name a researcher types from the
// seed resolves to one entity.
func checkUniqueNames(c *corpus) []string {
	var out []string
	owner := map[string]record{}
	for _, r := range c.recs {
		p := iriOf(r.q.Predicate)
		s := iriOf(r.q.Subject)
		if p != predName && p != predAltName {
			continue
		}
		entity := false
		for _, class := range entityClasses {
			entity = entity || c.hasType(s, class)
		}
		if !entity {
			continue
		}
		key := strings.ToLower(strings.TrimSpace(literal(r.q.Object)))
		if prev, ok := owner[key]; ok && iriOf(prev.q.Subject) != s {
			out = append(out, fmt.Sprintf("%s: %q names both <%s> (%s) and <%s>", r.where(), literal(r.q.Object), s, prev.where(), iriOf(prev.q.Subject)))
			continue
		}
		owner[key] = r
	}
	return out
}
