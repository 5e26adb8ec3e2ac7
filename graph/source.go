package graph

import (
	"context"
	"sort"
	"strconv"
)

// Sources returns every source paragraph, in reading order.
func (s *Store) Sources(ctx context.Context) ([]Source, error) {
	iris, err := s.ofClass(ctx, ClassSource)
	if err != nil {
		return nil, err
	}
	m, err := s.SourcesByIRI(ctx, iris)
	if err != nil {
		return nil, err
	}
	out := make([]Source, 0, len(m))
	for _, src := range m {
		out = append(out, *src)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Document != out[j].Document {
			return out[i].Document < out[j].Document
		}
		return out[i].Paragraph < out[j].Paragraph
	})
	return out, nil
}

// SourcesByIRI reads the source paragraphs with the given IRIs, with their
// document's title. IRIs that are not sources are absent from the result.
// It reads the nodes in two batches, the sources and the sources that
// contributions cite, and the documents' titles from the name index.
func (s *Store) SourcesByIRI(ctx context.Context, iris []string) (map[string]*Source, error) {
	iris = unique(iris)
	nodes, err := s.readNodes(ctx, nil, iris)
	if err != nil {
		return nil, err
	}
	var cites []string
	for _, n := range nodes {
		if !n.is(ClassSource) && n.is(ClassContribution) {
			cites = append(cites, n.first(PredCites))
		}
	}
	cites = unique(cites)
	citedNodes, err := s.readNodes(ctx, nil, cites)
	if err != nil {
		return nil, err
	}
	cited := make(map[string]node, len(cites))
	for i, iri := range cites {
		cited[iri] = citedNodes[i]
	}
	out := make(map[string]*Source, len(iris))
	for i, iri := range iris {
		n := nodes[i]
		src := &Source{IRI: iri}
		switch {
		case n.is(ClassSource):
			src.Document, src.Section = n.first(PredDocument), n.first(PredSection)
			src.Paragraph, _ = strconv.Atoi(n.first(PredParagraph))
		case n.is(ClassContribution):
			contribution(src, n, cited[n.first(PredCites)])
		default:
			continue
		}
		out[iri] = src
	}
	// A document's title is its name, which the name index holds: reading
	// the documents' quads was a third of this function's time.
	cat, err := s.checkedCatalog()
	if err != nil {
		return nil, err
	}
	for _, src := range out {
		src.Title = cat.names[src.Document]
	}
	return out, nil
}

// contribution fills src from the contribution node n and the node it
// cites: a source paragraph or a document.
func contribution(src *Source, n, cited node) {
	src.Author, src.WrittenAt, src.Cites = n.first(PredWrittenBy), n.first(PredWrittenAt), n.first(PredCites)
	switch {
	case cited.is(ClassSource):
		src.Document, src.Section = cited.first(PredDocument), cited.first(PredSection)
		src.Paragraph, _ = strconv.Atoi(cited.first(PredParagraph))
	case cited.is(ClassDocument):
		src.Document = src.Cites
	}
}

// Topics returns every topic, by name.
func (s *Store) Topics(ctx context.Context) ([]*Entity, error) {
	topics, err := s.ordered(ctx, s.catalog().byKind[KindTopic])
	if err != nil {
		return nil, err
	}
	sort.SliceStable(topics, func(i, j int) bool { return topics[i].Name < topics[j].Name })
	return topics, nil
}
