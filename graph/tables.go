package graph

import (
	"archive/zip"
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// Tables: the graph as one CSV table per record type, for spreadsheets
// and data frames. Values are plain (no N-Quads quotes or angle
// brackets), IRIs under Parley's bases are short ids ("steve-witkoff",
// "000_508fa90569225c0e/p3"), and lists are joined with ";".

// TableNames lists the tables [Store.WriteTable] writes, in the order a
// zip of all of them holds them.
func TableNames() []string {
	return []string{"entities", "positions", "claims", "events", "relations", "sources"}
}

// ShortID returns iri without the base of Parley's ids, sources or
// documents; other IRIs are returned whole.
func ShortID(iri string) string {
	for _, base := range []string{IDBase, SourceBase, DocBase} {
		if rest, ok := strings.CutPrefix(iri, base); ok && rest != "" {
			return rest
		}
	}
	return iri
}

// WriteTable writes the table name (one of [TableNames]) as CSV with a
// header row.
func (s *Store) WriteTable(ctx context.Context, w io.Writer, name string) error {
	rows, err := s.table(ctx, name)
	if err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	if err := cw.WriteAll(rows); err != nil {
		return fmt.Errorf("write table %s: %w", name, err)
	}
	return nil
}

// WriteTables writes every table to w as a zip archive of NAME.csv files.
func (s *Store) WriteTables(ctx context.Context, w io.Writer) error {
	zw := zip.NewWriter(w)
	for _, name := range TableNames() {
		f, err := zw.Create(name + ".csv")
		if err != nil {
			return fmt.Errorf("write tables: %w", err)
		}
		if err := s.WriteTable(ctx, f, name); err != nil {
			return err
		}
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("write tables: %w", err)
	}
	return nil
}

// table reads the rows of the table name, header first.
func (s *Store) table(ctx context.Context, name string) ([][]string, error) {
	t := tableReader{s: s}
	switch name {
	case "entities":
		return t.entities(ctx)
	case "positions":
		return t.positions(ctx)
	case "claims":
		return t.claims(ctx)
	case "events":
		return t.events(ctx)
	case "relations":
		return t.relations(ctx)
	case "sources":
		return t.sources(ctx)
	}
	msg := fmt.Sprintf("unknown table %q: want one of %s", name, strings.Join(TableNames(), ", "))
	if near := Nearest(name, TableNames()); len(near) > 0 {
		msg += "; did you mean " + near[0] + "?"
	}
	return nil, invalidf("%s", msg)
}

// tableReader builds tables from the store's readers.
type tableReader struct {
	s *Store
}

// ids returns the short ids of iris joined with ";".
func ids(iris []string) string {
	out := make([]string, len(iris))
	for i, iri := range iris {
		out[i] = ShortID(iri)
	}
	return strings.Join(out, ";")
}

// name returns the name of the entity iri, or "".
func (t tableReader) name(iri string) string { return t.s.catalog().names[iri] }

func boolText(b bool) string { return strconv.FormatBool(b) }

// evidence returns the columns of a record's evidence: its spans' ids,
// paragraphs, start and end offsets, each joined with ";". spans holds
// the spans read beforehand (see spansOf).
func evidence(iris []string, spans map[string]*Span, sources map[string]*Source) []string {
	var par, start, end []string
	for _, iri := range iris {
		sp := spans[iri]
		if sp == nil {
			par, start, end = append(par, ""), append(start, ""), append(end, "")
			continue
		}
		par = append(par, paragraph(sources, sp.Source))
		start, end = append(start, strconv.Itoa(sp.Start)), append(end, strconv.Itoa(sp.End))
	}
	return []string{ids(iris), strings.Join(par, ";"), strings.Join(start, ";"), strings.Join(end, ";")}
}

// spansAndSources reads, in one batch each, the spans of every record's evidence
// and every source, for the evidence and paragraph columns.
func (t tableReader) spansAndSources(ctx context.Context, evidence ...[]string) (map[string]*Span, map[string]*Source, error) {
	var all []string
	for _, e := range evidence {
		all = append(all, e...)
	}
	spans, err := t.s.SpansByIRI(ctx, all)
	if err != nil {
		return nil, nil, err
	}
	sources, err := t.sourcesOf(ctx)
	return spans, sources, err
}

var evidenceColumns = []string{"evidence", "evidence_paragraph", "evidence_start", "evidence_end"}

// sourcesOf reads every source, by IRI, for paragraph numbers.
func (t tableReader) sourcesOf(ctx context.Context) (map[string]*Source, error) {
	all, err := t.s.Sources(ctx)
	if err != nil {
		return nil, err
	}
	out := make(map[string]*Source, len(all))
	for i := range all {
		out[all[i].IRI] = &all[i]
	}
	return out, nil
}

// paragraph returns the paragraph number of the source iri, or "".
func paragraph(sources map[string]*Source, iri string) string {
	if src := sources[iri]; src != nil && src.Paragraph > 0 {
		return strconv.Itoa(src.Paragraph)
	}
	return ""
}
