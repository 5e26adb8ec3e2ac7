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
func (s *Store) SourcesByIRI(ctx context.Context, iris []string) (map[string]*Source, error) {
	out := make(map[string]*Source, len(iris))
	titles := map[string]string{}
	for _, iri := range iris {
		if out[iri] != nil {
			continue
		}
		n, err := s.readNode(ctx, iri)
		if err != nil {
			return nil, err
		}
		src := &Source{IRI: iri}
		switch {
		case n.is(ClassSource):
			src.Document, src.Section = n.first(PredDocument), n.first(PredSection)
			src.Paragraph, _ = strconv.Atoi(n.first(PredParagraph))
		case n.is(ClassContribution):
			if err := s.contribution(ctx, src, n); err != nil {
				return nil, err
			}
		default:
			continue
		}
		if src.Document != "" {
			title, ok := titles[src.Document]
			if !ok {
				doc, err := s.readNode(ctx, src.Document)
				if err != nil {
					return nil, err
				}
				title = doc.first(PredName)
				titles[src.Document] = title
			}
			src.Title = title
		}
		out[iri] = src
	}
	return out, nil
}

// contribution fills src from the contribution node n and the source it
// cites: a source paragraph or a document.
func (s *Store) contribution(ctx context.Context, src *Source, n node) error {
	src.Author, src.WrittenAt, src.Cites = n.first(PredWrittenBy), n.first(PredWrittenAt), n.first(PredCites)
	cited, err := s.readNode(ctx, src.Cites)
	if err != nil {
		return err
	}
	switch {
	case cited.is(ClassSource):
		src.Document, src.Section = cited.first(PredDocument), cited.first(PredSection)
		src.Paragraph, _ = strconv.Atoi(cited.first(PredParagraph))
	case cited.is(ClassDocument):
		src.Document = src.Cites
	}
	return nil
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
