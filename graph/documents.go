package graph

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"sync"

	"github.com/parley-kg/parley/graph/doctext"
)

// DocumentHashError is a document file whose SHA-256 differs from the
// hash its record in the graph gives: the file is not the text the
// graph's evidence spans point into, and is refused.
type DocumentHashError struct {
	Document string // IRI of the document record
	File     string
	Expected string // the record's parley:sha256; empty when it has none
	Actual   string // the file's
}

func (e *DocumentHashError) Error() string {
	if e.Expected == "" {
		return fmt.Sprintf("document file %s: its record <%s> gives no sha256 to check it against (the file's is %s)", e.File, e.Document, e.Actual)
	}
	return fmt.Sprintf("document file %s: sha256 %s, but its record <%s> expects %s", e.File, e.Actual, e.Document, e.Expected)
}

// documents is the registry of document files a store serves text from,
// by document IRI. Registering replaces it whole.
type documents struct {
	mu sync.RWMutex
	m  map[string]*doctext.Doc
}

func (d *documents) get(iri string) *doctext.Doc {
	d.mu.RLock()
	defer d.mu.RUnlock()
	return d.m[iri]
}

// RegisterDocuments registers the files of the graph's documents that dir
// holds: each document record with a parley:file is looked up in dir by
// that name, and its bytes must hash to the record's parley:sha256. A file
// that does not is refused with a [*DocumentHashError], and then nothing
// is registered; a file dir lacks leaves its document unregistered (and
// logged). It returns the IRIs of the documents registered. Their text is
// then served by [Store.SpanText] and [Store.ParagraphText].
func (s *Store) RegisterDocuments(ctx context.Context, dir fs.FS) ([]string, error) {
	iris, err := s.ofClass(ctx, ClassDocument)
	if err != nil {
		return nil, fmt.Errorf("register documents: %w", err)
	}
	nodes, err := s.readNodes(ctx, nil, iris)
	if err != nil {
		return nil, fmt.Errorf("register documents: %w", err)
	}
	m := map[string]*doctext.Doc{}
	var registered []string
	for i, n := range nodes {
		rec := s.readDocument(iris[i], n)
		if rec.File == "" {
			continue
		}
		if !fs.ValidPath(rec.File) {
			return nil, fmt.Errorf("register documents: the record <%s> names the file %q, which is not a plain file name", rec.IRI, rec.File)
		}
		data, err := fs.ReadFile(dir, rec.File)
		if errors.Is(err, fs.ErrNotExist) {
			s.log.InfoContext(ctx, "document file absent; its text is not served", "document", rec.IRI, "file", rec.File)
			continue
		} else if err != nil {
			return nil, fmt.Errorf("register document file %s: %w", rec.File, err)
		}
		if actual := doctext.Hash(string(data)); actual != rec.SHA256 {
			return nil, &DocumentHashError{Document: rec.IRI, File: rec.File, Expected: rec.SHA256, Actual: actual}
		}
		d, err := doctext.New(string(data))
		if err != nil {
			return nil, fmt.Errorf("register document file %s: %w", rec.File, err)
		}
		m[rec.IRI] = d
		registered = append(registered, rec.IRI)
		s.log.InfoContext(ctx, "document registered", "document", rec.IRI, "file", rec.File)
	}
	s.docs.mu.Lock()
	s.docs.m = m
	s.docs.mu.Unlock()
	return registered, nil
}

// RegisterDocumentText registers text as the file of the document doc,
// beside those already registered, once it hashes to the record's
// parley:sha256 (a [*DocumentHashError] otherwise). `parley add` calls it,
// so that a running server serves a new document's evidence at once.
func (s *Store) RegisterDocumentText(ctx context.Context, doc, text string) error {
	m, err := s.DocumentsByIRI(ctx, []string{doc})
	if err != nil {
		return fmt.Errorf("register document %s: %w", doc, err)
	}
	rec := m[doc]
	if rec == nil {
		return fmt.Errorf("register document %s: %w", doc, ErrNotFound)
	}
	if actual := doctext.Hash(text); actual != rec.SHA256 {
		return &DocumentHashError{Document: doc, File: rec.File, Expected: rec.SHA256, Actual: actual}
	}
	d, err := doctext.New(text)
	if err != nil {
		return fmt.Errorf("register document %s: %w", doc, err)
	}
	s.docs.mu.Lock()
	defer s.docs.mu.Unlock()
	next := make(map[string]*doctext.Doc, len(s.docs.m)+1)
	for k, v := range s.docs.m {
		next[k] = v
	}
	next[doc] = d
	s.docs.m = next
	return nil
}
