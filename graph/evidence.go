package graph

import (
	"context"
	"strconv"

	"github.com/parley-kg/parley/graph/doctext"
)

// Span is a located stretch of a source document: the evidence for a
// position, claim, event or relation. Its text is never stored in the
// graph; [Store.SpanText] reads it from the registered document.
type Span struct {
	IRI      string
	Source   string // IRI of the paragraph (a [Source]) the span lies in
	Document string // IRI of that paragraph's document
	Sentence int    // 1-based, within the paragraph
	Start    int    // code point offset into the document, inclusive
	End      int    // code point offset into the document, exclusive
	SHA256   string // lower-case hex SHA-256 of the span's text
}

// Document is the record of a source document: its metadata where known,
// and the file and hash that [Store.RegisterDocuments] checks.
type Document struct {
	IRI       string
	Title     string
	Publisher string
	Published string // ISO 8601
	URL       string
	Author    string
	Language  string
	File      string // the file's name
	SHA256    string // lower-case hex SHA-256 of the file's bytes
	Note      string // the project's note, e.g. on what is not known
	// Registered is set when the server holds the document's file, checked
	// against SHA256, and so can serve its text.
	Registered bool
}

// SpansByIRI reads the span nodes with the given IRIs, and their
// paragraphs' documents, in two batched scans. IRIs that are not spans are
// absent from the result.
func (s *Store) SpansByIRI(ctx context.Context, iris []string) (map[string]*Span, error) {
	iris = unique(iris)
	nodes, err := s.readNodes(ctx, nil, iris)
	if err != nil {
		return nil, err
	}
	out := make(map[string]*Span, len(iris))
	var srcs []string
	for i, n := range nodes {
		if !n.is(ClassSpan) {
			continue
		}
		sp := &Span{IRI: iris[i], Source: n.first(PredInSource), SHA256: n.first(PredSHA256)}
		sp.Sentence, _ = strconv.Atoi(n.first(PredSentence))
		sp.Start, _ = strconv.Atoi(n.first(PredStart))
		sp.End, _ = strconv.Atoi(n.first(PredEnd))
		out[sp.IRI] = sp
		srcs = append(srcs, sp.Source)
	}
	if len(srcs) == 0 {
		return out, nil
	}
	sources, err := s.SourcesByIRI(ctx, srcs)
	if err != nil {
		return nil, err
	}
	for _, sp := range out {
		if src := sources[sp.Source]; src != nil {
			sp.Document = src.Document
		}
	}
	return out, nil
}

// DocumentsByIRI reads the document records with the given IRIs, in one
// batched scan. IRIs that are not documents are absent from the result.
func (s *Store) DocumentsByIRI(ctx context.Context, iris []string) (map[string]*Document, error) {
	iris = unique(iris)
	nodes, err := s.readNodes(ctx, nil, iris)
	if err != nil {
		return nil, err
	}
	out := make(map[string]*Document, len(iris))
	for i, n := range nodes {
		if !n.is(ClassDocument) {
			continue
		}
		out[iris[i]] = s.readDocument(iris[i], n)
	}
	return out, nil
}

func (s *Store) readDocument(iri string, n node) *Document {
	return &Document{
		IRI:        iri,
		Title:      n.first(PredName),
		Publisher:  n.first(PredPublisher),
		Published:  n.first(PredDatePublished),
		URL:        n.first(PredURL),
		Author:     n.first(PredAuthor),
		Language:   n.first(PredInLanguage),
		File:       n.first(PredFile),
		SHA256:     n.first(PredSHA256),
		Note:       n.first(PredNote),
		Registered: s.docs.get(iri) != nil,
	}
}

// SpanText returns the text of sp from its registered document, and false
// when the document is not registered or the text there does not hash to
// the span's SHA-256 (the span is then wrong, and its text would mislead).
func (s *Store) SpanText(sp *Span) (string, bool) {
	d := s.docs.get(sp.Document)
	if d == nil {
		return "", false
	}
	text, err := d.Text(sp.Start, sp.End)
	if err != nil || doctext.Hash(text) != sp.SHA256 {
		s.log.Warn("a span does not match its registered document", "span", sp.IRI, "err", err)
		return "", false
	}
	return text, true
}

// ParagraphText returns the text of the source paragraph src from its
// registered document, and false when the document is not registered (a
// contribution's source is its cited paragraph's).
func (s *Store) ParagraphText(src *Source) (string, bool) {
	d := s.docs.get(src.Document)
	if d == nil || src.Paragraph <= 0 {
		return "", false
	}
	return d.ParagraphText(src.Paragraph)
}
