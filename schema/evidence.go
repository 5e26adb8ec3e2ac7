package schema

import (
	"github.com/graphql-go/graphql"
	"github.com/parley-kg/parley/graph"
)

// v2Types are the types vocabulary v2 adds to the schema.
type v2Types struct {
	outlook, eventStatus, attendanceMode *graphql.Enum
	evidence, document, attendance       *graphql.Object
	retraction                           *graphql.Object
}

// buildV2 makes the types of vocabulary v2; build calls it before the
// types whose fields refer to them.
func (b *builder) buildV2() {
	b.v2.outlook = newEnum("Outlook",
		"A position's expectation about its topic, apart from what the holder wants (its Stance).",
		enumValue{"OPTIMISTIC", graph.Optimistic, "Hopeful about its prospects."},
		enumValue{"SKEPTICAL", graph.Skeptical, "Doubtful about it, or about the other side's good faith."},
	)
	b.v2.eventStatus = newEnum("EventStatus",
		"Whether an event has taken place, as the source tells it.",
		enumValue{"SCHEDULED", graph.Scheduled, "Planned, not yet held."},
		enumValue{"HELD", graph.Held, "Took place."},
		enumValue{"ONGOING", graph.Ongoing, "A war or process still going on."},
		enumValue{"FAILED", graph.Failed, "Held or attempted, and failed."},
	)
	b.v2.attendanceMode = newEnum("AttendanceMode",
		"How a participant took part in an event.",
		enumValue{"ATTENDED", graph.Attended, "Took part, in person or in a way the source does not say; for a war, a party to it."},
		enumValue{"VIRTUAL", graph.Virtual, "Joined virtually."},
		enumValue{"EXPECTED", graph.Expected, "Expected to take part; not confirmed."},
	)
	b.v2.document = b.documentType()
	b.v2.evidence = b.evidenceType()
	b.v2.retraction = b.retractionType()
	b.v2.attendance = graphql.NewObject(graphql.ObjectConfig{
		Name:        "Attendance",
		Description: "One participant of an event and how they took part.",
		Fields: graphql.FieldsThunk(func() graphql.Fields {
			return graphql.Fields{
				"participant": entityRef(b, nonNull(b.entity), "Who took part.",
					func(a graph.Attendance) string { return a.Participant }),
				"mode": attr(nonNull(b.v2.attendanceMode), "How they took part.",
					func(a graph.Attendance) any { return a.Mode }),
			}
		}),
	})
}

// evidenceType is Evidence: a located span of a source document.
func (b *builder) evidenceType() *graphql.Object {
	return graphql.NewObject(graphql.ObjectConfig{
		Name: "Evidence",
		Description: "The stretch of a source document that supports a statement, located in its paragraph: a sentence number, " +
			"start and end offsets in Unicode code points into the whole document as written, and the SHA-256 that pins it. " +
			"The graph does not hold the text; text serves it when the server has the document (parley serve --documents).",
		Fields: graphql.FieldsThunk(func() graphql.Fields {
			return graphql.Fields{
				"source": sourceRef(b, nonNull(b.source), "The paragraph the span lies in.",
					func(sp *graph.Span) string { return sp.Source }),
				"sentence": attr(nonNull(graphql.Int), "The number of the sentence, within its paragraph, where the span starts; from 1.",
					func(sp *graph.Span) any { return sp.Sentence }),
				"start": attr(nonNull(graphql.Int), "Where the span starts: an offset in Unicode code points into the whole document, inclusive.",
					func(sp *graph.Span) any { return sp.Start }),
				"end": attr(nonNull(graphql.Int), "Where the span ends: an offset in Unicode code points into the whole document, exclusive.",
					func(sp *graph.Span) any { return sp.End }),
				"sha256": attr(nonNull(graphql.String), "The lower-case hex SHA-256 of the span's text (its UTF-8 bytes).",
					func(sp *graph.Span) any { return sp.SHA256 }),
				"text": &graphql.Field{Type: graphql.String,
					Description: "The span's text, read from the document; null unless the server has the document registered and the text matches sha256.",
					Resolve: b.resolve(func(p graphql.ResolveParams) (any, error) {
						sp, _ := p.Source.(*graph.Span)
						g, ok := b.g.(V2Graph)
						if !ok || sp == nil {
							return nil, errNoV2
						}
						if text, ok := g.SpanText(sp); ok {
							return text, nil
						}
						return nil, nil
					})},
			}
		}),
	})
}

// documentType is Document: the record of a source document.
func (b *builder) documentType() *graphql.Object {
	str := func(desc string, get func(*graph.Document) string) *graphql.Field {
		return attr(graphql.String, desc, func(d *graph.Document) any { return opt(get(d)) })
	}
	return graphql.NewObject(graphql.ObjectConfig{
		Name: "Document",
		Description: "A source document: its metadata where known (null where not: nothing is invented), " +
			"the file it is read from and the SHA-256 the server checks that file against.",
		Fields: graphql.Fields{
			"id": attr(nonNull(graphql.ID), "The document's IRI, e.g. https://w3id.org/parley/doc/<file stem>.",
				func(d *graph.Document) any { return d.IRI }),
			"title":     str("The document's title.", func(d *graph.Document) string { return d.Title }),
			"publisher": str("Who published it, or null when not known.", func(d *graph.Document) string { return d.Publisher }),
			"published": str("When it was published (ISO 8601), or null when not known.", func(d *graph.Document) string { return d.Published }),
			"url":       str("Where it was published, or null when not known.", func(d *graph.Document) string { return d.URL }),
			"author":    str("Who wrote it, or null when not known.", func(d *graph.Document) string { return d.Author }),
			"language":  str("Its language (a BCP 47 tag such as en), or null when not known.", func(d *graph.Document) string { return d.Language }),
			"file":      str("The name of the document's file, which parley serve --documents looks for.", func(d *graph.Document) string { return d.File }),
			"sha256":    str("The lower-case hex SHA-256 of the file's bytes, which a registered file must match.", func(d *graph.Document) string { return d.SHA256 }),
			"registered": attr(nonNull(graphql.Boolean), "Whether the server holds the file, checked against sha256, and so serves Source.text and Evidence.text from it.",
				func(d *graph.Document) any { return d.Registered }),
			"note": str("The project's note on the document, e.g. on what is not known about it, or null.", func(d *graph.Document) string { return d.Note }),
		},
	})
}

// evidenceField returns an evidence: [Evidence!]! field holding the spans
// whose IRIs are iris(source), for sources of type T. Like [entityRef], it
// registers iris with T's refs, so that the spans of a list of values load
// in one call.
func evidenceField[T any](b *builder, what string, iris func(T) []string) *graphql.Field {
	r := refsOf[T](b.refs)
	r.evidence = append(r.evidence, iris)
	return &graphql.Field{Type: nonNullList(b.v2.evidence),
		Description: evidenceDesc(what),
		Resolve: b.resolve(func(p graphql.ResolveParams) (any, error) {
			v, _ := p.Source.(T)
			return b.loader(p.Context).spanList(p.Context, iris(v))
		})}
}

// ownEvidence returns the evidence field of an entity: the spans whose
// IRIs are iris(the whole entity), registered for the entity's whole
// batch as [builder.ownRefs] does.
func (b *builder) ownEvidence(what string, iris func(*graph.Entity) []string) *graphql.Field {
	f := &refField{register: func(l *loader, e *graph.Entity) { l.wantEvidence(iris(e)) }}
	return &graphql.Field{Type: nonNullList(b.v2.evidence),
		Description: evidenceDesc(what),
		Resolve: b.resolve(func(p graphql.ResolveParams) (any, error) {
			n, _ := p.Source.(*node)
			l := b.loader(p.Context)
			e, err := l.follow(p.Context, n, f)
			if err != nil {
				return nil, err
			}
			return l.spanList(p.Context, iris(e))
		})}
}

func evidenceDesc(what string) string {
	return "Where the source says so: the spans of its text that support this " + what + "."
}

// sourceV2Fields are the fields vocabulary v2 adds to Source.
func (b *builder) sourceV2Fields() graphql.Fields {
	return graphql.Fields{
		"text": &graphql.Field{Type: graphql.String,
			Description: "The paragraph's text, read from its document; null unless the server has the document registered (parley serve --documents).",
			Resolve: b.resolve(func(p graphql.ResolveParams) (any, error) {
				s, _ := p.Source.(*graph.Source)
				g, ok := b.g.(V2Graph)
				if !ok || s == nil {
					return nil, errNoV2
				}
				if text, ok := g.ParagraphText(s); ok {
					return text, nil
				}
				return nil, nil
			})},
		"document": &graphql.Field{Type: b.v2.document,
			Description: "The document the paragraph belongs to, or null.",
			Resolve: b.resolve(func(p graphql.ResolveParams) (any, error) {
				s, _ := p.Source.(*graph.Source)
				d, err := b.loader(p.Context).document(p.Context, s.Document)
				if err != nil || d == nil {
					return nil, err
				}
				return d, nil
			})},
	}
}

// relationV2Fields are the fields vocabulary v2 adds to Relation.
func (b *builder) relationV2Fields() graphql.Fields {
	return graphql.Fields{
		"evidence": evidenceField(b, "fact (from the rdf:Statement nodes that reify it)",
			func(r graph.Relation) []string { return r.Evidence }),
	}
}

// addFields adds more to fs, for the types that vocabulary v2 extends.
func addFields(fs, more graphql.Fields) graphql.Fields {
	for name, f := range more {
		fs[name] = f
	}
	return fs
}
