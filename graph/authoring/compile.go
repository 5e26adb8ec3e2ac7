package authoring

import (
	"context"
	"errors"
	"fmt"
	"path"
	"sort"
	"strconv"
	"strings"

	"github.com/cayleygraph/quad"
	"github.com/parley-kg/parley/graph"
	"github.com/parley-kg/parley/graph/doctext"
)

// Names is what the compiler asks of the store: its name index, and the
// claims a new claim may rebut or support.
type Names interface {
	Resolve(ctx context.Context, ref string) (string, error)
	Search(ctx context.Context, text string, kinds []graph.Kind, first int) ([]*graph.Entity, error)
	Claims(ctx context.Context, f graph.ClaimFilter) ([]graph.Claim, error)
}

// Result is a compiled authoring file.
type Result struct {
	Document   string            // the document's IRI
	Statements []graph.Statement // every quad, at the authoring file's line it comes from
	Items      []Item            // what the file states, for a readable diff
}

// Item is one statement of the file, described for people.
type Item struct {
	Kind     string // "entity", "alias", "position", "claim", "event", "relation", "document"
	IRI      string
	Text     string   // a one-line description
	Line     int      // in the authoring file
	Evidence []string // "¶3 s2 [120-180] «…»"
	Triples  []string // the triple keys it writes, to tell new from stored
}

// compiler holds the state of one compilation.
type compiler struct {
	ctx    context.Context
	f      *File
	doc    *doctext.Doc
	names  Names
	stem   string
	docIRI string
	local  map[string]string // folded name, alias or id of a declared entity → IRI
	claims map[string]bool   // IRIs of the file's claims and the store's
	errs   Errors
	out    []graph.Statement
	items  []Item
}

// Compile compiles f, citing text (the document's file), to statements in
// vocabulary v2. Every error in the file is reported, each with its line.
func Compile(ctx context.Context, f *File, text string, names Names) (*Result, error) {
	doc, err := doctext.New(text)
	if err != nil {
		return nil, Errors{{File: f.Name, Line: f.Document.Line, Msg: fmt.Sprintf("document %s: %v", f.Document.File, err)}}
	}
	c := &compiler{ctx: ctx, f: f, doc: doc, names: names, local: map[string]string{}, claims: map[string]bool{}}
	c.stem = f.stem()
	switch {
	case f.Document.File == "":
		c.errorf(f.Document.Line, "document: no file: name the document's text file")
	case f.Document.Title == "":
		c.errorf(f.Document.Line, "document: no title")
	case slug(c.stem) != c.stem:
		c.errorf(f.Document.Line, "document: id %q may hold only lower-case letters, digits, '-' and '_' (try %q)", c.stem, slug(c.stem))
	}
	if len(c.errs) > 0 {
		return nil, c.errs
	}
	c.docIRI = graph.DocBase + c.stem
	if err := c.loadClaims(); err != nil {
		return nil, err
	}
	c.document(text)
	c.declare()
	for i := range f.Entities {
		c.entity(&f.Entities[i])
	}
	for i := range f.Events {
		c.event(&f.Events[i])
	}
	for i := range f.Positions {
		c.position(&f.Positions[i])
	}
	for i := range f.Claims {
		c.claim(&f.Claims[i])
	}
	for i := range f.Relations {
		c.relation(&f.Relations[i])
	}
	if len(c.errs) > 0 {
		return nil, c.errs
	}
	return &Result{Document: c.docIRI, Statements: c.out, Items: c.items}, nil
}

// stem is the document's IRI stem: its id, else its text file's name
// without the extension.
func (f *File) stem() string {
	if f.Document.ID != "" {
		return f.Document.ID
	}
	return strings.TrimSuffix(path.Base(f.Document.File), path.Ext(f.Document.File))
}

// DocumentIRI is the IRI of the document f describes.
func (f *File) DocumentIRI() string { return graph.DocBase + f.stem() }

func (c *compiler) errorf(line int, format string, args ...any) {
	c.errs = append(c.errs, &Error{File: c.f.Name, Line: line, Msg: fmt.Sprintf(format, args...)})
}

// emit adds a quad at line to the output and to item it.
func (c *compiler) emit(it *Item, line int, s, p string, o quad.Value, label string) {
	q := quad.Make(quad.IRI(s), quad.IRI(p), o, quad.IRI(label))
	c.out = append(c.out, graph.Statement{Quad: q, File: c.f.Name, Line: line})
	if it != nil {
		it.Triples = append(it.Triples, q.Subject.String()+" "+q.Predicate.String()+" "+q.Object.String())
	}
}

// document emits the document node and one source node per paragraph.
func (c *compiler) document(text string) {
	m := c.f.Document
	it := Item{Kind: "document", IRI: c.docIRI, Text: fmt.Sprintf("document %q (%s, %d paragraphs)", m.Title, m.File, len(c.doc.Paragraphs())), Line: m.Line}
	d := c.docIRI
	c.emit(&it, m.Line, d, graph.PredType, quad.IRI(graph.ClassDocument), d)
	c.emit(&it, m.Line, d, graph.PredName, quad.String(m.Title), d)
	c.emit(&it, m.Line, d, graph.PredFile, quad.String(path.Base(m.File)), d)
	c.emit(&it, m.Line, d, graph.PredSHA256, quad.String(doctext.Hash(text)), d)
	for _, kv := range [][2]string{{graph.PredPublisher, m.Publisher}, {graph.PredDatePublished, m.Published},
		{graph.PredURL, m.URL}, {graph.PredAuthor, m.Author}, {graph.PredInLanguage, m.Language}, {graph.PredNote, m.Note}} {
		if kv[1] != "" {
			c.emit(&it, m.Line, d, kv[0], quad.String(kv[1]), d)
		}
	}
	for _, p := range c.doc.Paragraphs() {
		src := c.paragraph(p.N)
		c.emit(nil, m.Line, src, graph.PredType, quad.IRI(graph.ClassSource), src)
		c.emit(nil, m.Line, src, graph.PredName, quad.String(fmt.Sprintf("Paragraph %d", p.N)), src)
		c.emit(nil, m.Line, src, graph.PredDocument, quad.IRI(d), src)
		c.emit(nil, m.Line, src, graph.PredParagraph, integer(p.N), src)
	}
	c.items = append(c.items, it)
}

func (c *compiler) paragraph(n int) string {
	return fmt.Sprintf("%s%s/p%d", graph.SourceBase, c.stem, n)
}

func integer(n int) quad.Value {
	return quad.TypedString{Value: quad.String(strconv.Itoa(n)), Type: graph.XSDInteger}
}

var yes = quad.TypedString{Value: "true", Type: graph.XSDBoolean}

// evidence locates the quotes of a statement at line, emits their spans and
// the subject's parley:evidence links, and returns the label of the
// statement: its first span's paragraph. need says a statement must cite.
func (c *compiler) evidence(it *Item, line int, subject string, qs []Quote, need bool) string {
	if len(qs) == 0 {
		if need {
			c.errorf(line, "%s cites no evidence: give the document's exact words under evidence", it.Kind)
		}
		return ""
	}
	label := ""
	for _, q := range qs {
		sp, ok := c.locate(q)
		if !ok {
			continue
		}
		src := c.paragraph(sp.Paragraph)
		if label == "" {
			label = src
		}
		iri := fmt.Sprintf("%s%s/span/%d-%d", graph.SourceBase, c.stem, sp.Start, sp.End)
		c.emit(nil, q.Line, iri, graph.PredType, quad.IRI(graph.ClassSpan), src)
		c.emit(nil, q.Line, iri, graph.PredName, quad.String(fmt.Sprintf("Paragraph %d, sentence %d", sp.Paragraph, sp.Sentence)), src)
		c.emit(nil, q.Line, iri, graph.PredInSource, quad.IRI(src), src)
		c.emit(nil, q.Line, iri, graph.PredSentence, integer(sp.Sentence), src)
		c.emit(nil, q.Line, iri, graph.PredStart, integer(sp.Start), src)
		c.emit(nil, q.Line, iri, graph.PredEnd, integer(sp.End), src)
		c.emit(nil, q.Line, iri, graph.PredSHA256, quad.String(sp.SHA256), src)
		if subject != "" {
			c.emit(it, q.Line, subject, graph.PredEvidence, quad.IRI(iri), label)
		}
		it.Evidence = append(it.Evidence, fmt.Sprintf("¶%d s%d [%d-%d] «%s»", sp.Paragraph, sp.Sentence, sp.Start, sp.End, short(q.Exact)))
	}
	return label
}

// resolve returns the IRI of the entity ref names: one the file declares,
// or one in the store. what says what the reference is for, in errors.
func (c *compiler) resolve(ref Ref, what string, line int) string {
	if ref.Line == 0 {
		ref.Line = line
	}
	if ref.Name == "" {
		c.errorf(ref.Line, "%s: no name given", what)
		return ""
	}
	if iri, ok := c.local[fold(ref.Name)]; ok {
		return iri
	}
	iri, err := c.names.Resolve(c.ctx, ref.Name)
	switch {
	case err == nil:
		return iri
	case errors.Is(err, graph.ErrAmbiguous):
		c.errorf(ref.Line, "%s: %v; write one of them by IRI or by a name only it has", what, err)
	case errors.Is(err, graph.ErrNotFound):
		c.errorf(ref.Line, "%s: no entity is named %q%s; a new entity must be declared under entities: with a type", what, ref.Name, c.suggest(ref.Name))
	default:
		c.errorf(ref.Line, "%s: %v", what, err)
	}
	return ""
}

// suggest names entities whose names come close to name.
func (c *compiler) suggest(name string) string {
	seen := map[string]bool{}
	var hits []string
	try := func(text string) {
		es, err := c.names.Search(c.ctx, text, nil, 5)
		if err != nil {
			return
		}
		for _, e := range es {
			if !seen[e.IRI] && len(hits) < 5 {
				seen[e.IRI] = true
				hits = append(hits, fmt.Sprintf("%q", e.Name))
			}
		}
	}
	try(name)
	for _, w := range strings.Fields(name) {
		if r := []rune(w); len(r) >= 4 {
			try(string(r[:4]))
		}
	}
	for n, iri := range c.local {
		if strings.Contains(n, fold(name)) && !seen[iri] {
			seen[iri] = true
			hits = append(hits, fmt.Sprintf("%q", n))
		}
	}
	if len(hits) == 0 {
		return ""
	}
	return " (did you mean " + strings.Join(hits, ", ") + "?)"
}

func fold(s string) string { return strings.ToLower(strings.TrimSpace(s)) }

// slug makes an IRI path segment of s.
func slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '_':
			b.WriteRune(r)
			dash = false
		case r == '\'' || r == '’':
		default:
			if !dash && b.Len() > 0 {
				b.WriteByte('-')
				dash = true
			}
		}
	}
	return strings.TrimSuffix(b.String(), "-")
}

func short(s string) string {
	if r := []rune(s); len(r) > 60 {
		return string(r[:57]) + "…"
	}
	return s
}

func sorted(s []string) []string {
	sort.Strings(s)
	return s
}
