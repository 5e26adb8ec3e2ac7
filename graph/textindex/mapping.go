package textindex

import (
	"fmt"

	"github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/analysis/char/asciifolding"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/analysis/token/porter"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
	"github.com/blevesearch/bleve/v2/mapping"
)

// Field is a text field of the index, with the boost of a match in it.
type Field struct {
	Name  string
	Boost float64
}

// DefaultFields returns Parley's text fields, best first: a match in a
// name counts most, body text least.
func DefaultFields() []Field {
	return []Field{
		{"name", 16},
		{"alias", 8},
		{"summary", 2}, // descriptions, summaries and notes: the project's words
		{"quote", 1},   // quoted words of the source
		{"text", 1},    // paragraphs of registered documents
	}
}

// Analyzer names in the mapping.
const (
	// stemmed is the analyzer of the text fields and of query words:
	// accents folded, English possessives and stop words dropped, lower
	// case, Porter stems ("annexations" and "annexed" both give "annex").
	stemmed = "parley_en"
	// folded is stemmed without stop words and stems, for prefix words,
	// which must match the start of a word as typed.
	folded = "parley_folded"
	// kindField holds a document's tags, verbatim.
	kindField = "_kind"
	// termsField holds every word of a document once more, without
	// positions: the one dictionary a typo-tolerant or prefix word is
	// expanded against, instead of one per field.
	termsField = "_terms"
)

// newMapping returns the index mapping of fields.
func newMapping(fields []Field) (*mapping.IndexMappingImpl, error) {
	m := mapping.NewIndexMapping()
	err := m.AddCustomAnalyzer(stemmed, map[string]any{
		"type":          custom.Name,
		"char_filters":  []any{asciifolding.Name},
		"tokenizer":     unicode.Name,
		"token_filters": []any{en.PossessiveName, lowercase.Name, en.StopName, porter.Name},
	})
	if err != nil {
		return nil, fmt.Errorf("define analyzer %s: %w", stemmed, err)
	}
	err = m.AddCustomAnalyzer(folded, map[string]any{
		"type":          custom.Name,
		"char_filters":  []any{asciifolding.Name},
		"tokenizer":     unicode.Name,
		"token_filters": []any{lowercase.Name},
	})
	if err != nil {
		return nil, fmt.Errorf("define analyzer %s: %w", folded, err)
	}
	doc := mapping.NewDocumentStaticMapping()
	for _, f := range fields {
		fm := mapping.NewTextFieldMapping()
		fm.Analyzer = stemmed
		fm.Store = true // snippets are cut from the stored text
		fm.IncludeTermVectors = true
		fm.IncludeInAll = false
		fm.DocValues = false
		doc.AddFieldMappingsAt(f.Name, fm)
	}
	tm := mapping.NewTextFieldMapping()
	tm.Analyzer = stemmed
	tm.Store = false
	tm.IncludeTermVectors = false
	tm.IncludeInAll = false
	tm.DocValues = false
	doc.AddFieldMappingsAt(termsField, tm)
	km := mapping.NewKeywordFieldMapping()
	km.Analyzer = keyword.Name
	km.Store = true // hits report their tags
	km.IncludeTermVectors = false
	km.IncludeInAll = false
	km.DocValues = false
	doc.AddFieldMappingsAt(kindField, km)
	m.DefaultMapping = doc
	m.DefaultAnalyzer = stemmed
	m.StoreDynamic = false
	m.IndexDynamic = false
	m.DocValuesDynamic = false
	return m, nil
}
