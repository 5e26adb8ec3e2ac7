package schema

import (
	"context"
	"errors"

	"github.com/parley-kg/parley/graph"
)

// V2Graph is what the fields of vocabulary v2 read beyond [Graph]: the
// direct links of the hierarchies, evidence spans, document records, and
// the text of registered documents. [*graph.Store] implements it. A Graph
// that does not (a test's fake) answers those fields with an internal
// error, and every other field as before.
type V2Graph interface {
	// NarrowerOf returns, for each topic IRI, the topics directly below it.
	NarrowerOf(ctx context.Context, iris []string) (map[string][]string, error)
	// AffiliatesOf returns, for each actor IRI, its direct affiliates.
	AffiliatesOf(ctx context.Context, iris []string) (map[string][]string, error)
	// SpansByIRI returns the evidence spans with the given IRIs.
	SpansByIRI(ctx context.Context, iris []string) (map[string]*graph.Span, error)
	// DocumentsByIRI returns the document records with the given IRIs.
	DocumentsByIRI(ctx context.Context, iris []string) (map[string]*graph.Document, error)
	// SpanText returns a span's text when its document is registered.
	SpanText(sp *graph.Span) (string, bool)
	// ParagraphText returns a paragraph's text when its document is
	// registered.
	ParagraphText(src *graph.Source) (string, bool)
}

// errNoV2 is the (internal) error of a v2 field over a Graph that is not a
// [V2Graph].
var errNoV2 = errors.New("the graph does not implement schema.V2Graph")

// v2Loader batches the reads of vocabulary v2's fields for one execution,
// as [loader] does for the others: per-entity links over every node of the
// response, spans and documents over every one referred to so far.
type v2Loader struct {
	g          V2Graph
	narrower   *batch[[]string]
	affiliates *batch[[]string]
	spans      *batch[*graph.Span]
	documents  *batch[*graph.Document]
}

// v2 returns the execution's v2 loader, made on first use with every node
// present so far as a key of its per-entity batches; nil when the graph is
// not a [V2Graph].
func (l *loader) v2() *v2Loader {
	if l.ext != nil {
		return l.ext
	}
	g, ok := l.g.(V2Graph)
	if !ok {
		return nil
	}
	x := &v2Loader{g: g,
		narrower:   newBatch(g.NarrowerOf),
		affiliates: newBatch(g.AffiliatesOf),
		spans:      newBatch(g.SpansByIRI),
		documents:  newBatch(g.DocumentsByIRI),
	}
	x.narrower.want(l.present...)
	x.affiliates.want(l.present...)
	x.spans.want(l.evidence...)
	l.evidence = nil
	l.ext = x
	return x
}

// wantEvidence registers span IRIs a response may ask for.
func (l *loader) wantEvidence(iris []string) {
	if l.ext != nil {
		l.ext.spans.want(iris...)
		return
	}
	l.evidence = append(l.evidence, iris...)
}

// links returns the direct links of h below iri: narrower topics or
// affiliates.
func (l *loader) links(ctx context.Context, h graph.Hierarchy, iri string) ([]string, error) {
	x := l.v2()
	if x == nil {
		return nil, errNoV2
	}
	b := x.affiliates
	if h == graph.Narrower {
		b = x.narrower
	}
	out, _, err := b.get(ctx, iri)
	return out, err
}

// spanList returns the spans with the given IRIs, in order, skipping any
// the graph does not hold; what they refer to (their paragraphs and
// documents) is wanted by the next fetch.
func (l *loader) spanList(ctx context.Context, iris []string) ([]*graph.Span, error) {
	x := l.v2()
	if x == nil {
		return nil, errNoV2
	}
	got, err := x.spans.list(ctx, iris)
	if err != nil {
		return nil, err
	}
	out := make([]*graph.Span, 0, len(got))
	for _, sp := range got {
		if sp != nil {
			out = append(out, sp)
			x.documents.want(sp.Document)
		}
	}
	arrive(l, out)
	return out, nil
}

// document returns the document record with the given IRI, or nil.
func (l *loader) document(ctx context.Context, iri string) (*graph.Document, error) {
	if iri == "" {
		return nil, nil
	}
	x := l.v2()
	if x == nil {
		return nil, errNoV2
	}
	d, _, err := x.documents.get(ctx, iri)
	return d, err
}
