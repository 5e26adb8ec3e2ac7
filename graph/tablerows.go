package graph

import (
	"context"
	"strconv"
	"strings"
)

// The rows of each table of [Store.WriteTable].

func (t tableReader) entities(ctx context.Context) ([][]string, error) {
	es, err := t.s.ordered(ctx, t.s.catalog().all)
	if err != nil {
		return nil, err
	}
	rows := [][]string{{"id", "kind", "name", "aliases", "description", "date", "location", "seat_of", "broader", "affiliated_with", "same_as", "note", "iri"}}
	for _, e := range es {
		rows = append(rows, []string{ShortID(e.IRI), string(e.Kind), e.Name, strings.Join(e.Aliases, ";"), e.Description,
			e.Date, ShortID(e.Location), ShortID(e.SeatOf), ids(e.Broader), ids(e.AffiliatedWith), strings.Join(e.SameAs, ";"), e.Note, e.IRI})
	}
	return rows, nil
}

func (t tableReader) positions(ctx context.Context) ([][]string, error) {
	ps, err := t.s.Positions(ctx, PositionFilter{})
	if err != nil {
		return nil, err
	}
	var evs [][]string
	for _, p := range ps {
		evs = append(evs, p.Evidence)
	}
	spans, sources, err := t.spansAndSources(ctx, evs...)
	if err != nil {
		return nil, err
	}
	head := []string{"id", "holder", "holder_name", "topic", "topic_name", "stance", "outlook", "speaker", "speaker_name",
		"occasion", "reported", "summary", "quote", "source", "paragraph", "note"}
	rows := [][]string{append(head, evidenceColumns...)}
	for _, p := range ps {
		ev := evidence(p.Evidence, spans, sources)
		row := []string{ShortID(p.IRI), ShortID(p.Holder), t.name(p.Holder), ShortID(p.Topic), t.name(p.Topic),
			string(p.Stance), string(p.Outlook), ShortID(p.Speaker), t.name(p.Speaker), ShortID(p.Occasion),
			boolText(p.Reported), p.Summary, p.Quote, ShortID(p.Source), paragraph(sources, p.Source), p.Note}
		rows = append(rows, append(row, ev...))
	}
	return rows, nil
}

func (t tableReader) claims(ctx context.Context) ([][]string, error) {
	cs, err := t.s.Claims(ctx, ClaimFilter{})
	if err != nil {
		return nil, err
	}
	var evs [][]string
	for _, c := range cs {
		evs = append(evs, c.Evidence)
	}
	spans, sources, err := t.spansAndSources(ctx, evs...)
	if err != nil {
		return nil, err
	}
	head := []string{"id", "claimant", "claimant_name", "status", "speaker", "speaker_name", "reported", "about",
		"disputed_by", "made_in", "rebuts", "supports", "summary", "quote", "source", "paragraph", "note"}
	rows := [][]string{append(head, evidenceColumns...)}
	for _, c := range cs {
		ev := evidence(c.Evidence, spans, sources)
		row := []string{ShortID(c.IRI), ShortID(c.Claimant), t.name(c.Claimant), string(c.Status), ShortID(c.Speaker),
			t.name(c.Speaker), boolText(c.Reported), ids(c.About), ids(c.DisputedBy), ShortID(c.MadeIn), ids(c.Rebuts),
			ids(c.Supports), c.Summary, c.Quote, ShortID(c.Source), paragraph(sources, c.Source), c.Note}
		rows = append(rows, append(row, ev...))
	}
	return rows, nil
}

func (t tableReader) events(ctx context.Context) ([][]string, error) {
	es, err := t.s.Events(ctx, EventFilter{})
	if err != nil {
		return nil, err
	}
	// Events reads headers only; the participants come with the full read.
	iris := make([]string, len(es))
	for i, e := range es {
		iris[i] = e.IRI
	}
	full, err := t.s.EntitiesByIRI(ctx, iris)
	if err != nil {
		return nil, err
	}
	var evs [][]string
	for _, e := range full {
		evs = append(evs, e.Evidence)
	}
	spans, sources, err := t.spansAndSources(ctx, evs...)
	if err != nil {
		return nil, err
	}
	head := []string{"id", "name", "date", "date_text", "status", "reported", "location", "location_name",
		"attended", "virtual", "expected", "participant_names", "about", "description"}
	rows := [][]string{append(head, evidenceColumns...)}
	for _, iri := range iris {
		e := full[iri]
		if e == nil {
			continue
		}
		byMode := map[AttendanceMode][]string{}
		var names []string
		for _, a := range e.Attendance {
			byMode[a.Mode] = append(byMode[a.Mode], a.Participant)
			names = append(names, t.name(a.Participant))
		}
		ev := evidence(e.Evidence, spans, sources)
		row := []string{ShortID(e.IRI), e.Name, e.Date, e.DateText, string(e.Status), boolText(e.Reported),
			ShortID(e.Location), t.name(e.Location), ids(byMode[Attended]), ids(byMode[Virtual]), ids(byMode[Expected]),
			strings.Join(names, ";"), ids(e.About), e.Description}
		rows = append(rows, append(row, ev...))
	}
	return rows, nil
}

// relations are the links from entities to other nodes, one a row, with
// the predicate's local name; the entities' types, names and other
// literals are in the entities table.
func (t tableReader) relations(ctx context.Context) ([][]string, error) {
	cat := t.s.catalog()
	rels, err := t.s.Relations(ctx, cat.all, RelationFilter{Direction: Out})
	if err != nil {
		return nil, err
	}
	var evs [][]string
	for _, rs := range rels {
		for _, r := range rs {
			evs = append(evs, r.Evidence)
		}
	}
	spans, sources, err := t.spansAndSources(ctx, evs...)
	if err != nil {
		return nil, err
	}
	rows := [][]string{append([]string{"subject", "subject_name", "predicate", "object", "object_name", "source", "paragraph", "predicate_iri"}, evidenceColumns...)}
	for _, iri := range cat.all {
		for _, r := range rels[iri] {
			if r.Other == "" || r.Predicate == PredType {
				continue
			}
			ev := evidence(r.Evidence, spans, sources)
			row := []string{ShortID(iri), t.name(iri), localName(r.Predicate), ShortID(r.Other), t.name(r.Other),
				ShortID(r.Source), paragraph(sources, r.Source), r.Predicate}
			rows = append(rows, append(row, ev...))
		}
	}
	return rows, nil
}

func (t tableReader) sources(ctx context.Context) ([][]string, error) {
	srcs, err := t.s.Sources(ctx)
	if err != nil {
		return nil, err
	}
	rows := [][]string{{"id", "document", "title", "section", "paragraph", "author", "written_at", "cites"}}
	for _, s := range srcs {
		p := ""
		if s.Paragraph > 0 {
			p = strconv.Itoa(s.Paragraph)
		}
		rows = append(rows, []string{ShortID(s.IRI), ShortID(s.Document), s.Title, s.Section, p, s.Author, s.WrittenAt, ShortID(s.Cites)})
	}
	return rows, nil
}
