package graph_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/parley-kg/parley/graph"
)

// v2 builds N-Quads lines for the vocabulary v2 cases: each term is an IRI
// under id/ ("x"), a vocabulary IRI ("v:Span"), a full IRI in brackets, or a
// literal in quotes; every quad is labelled with paragraph 1 of document d.
func v2(lines ...[3]string) string {
	term := func(t string) string {
		switch {
		case strings.HasPrefix(t, `"`), strings.HasPrefix(t, "<"):
			return t
		case strings.HasPrefix(t, "v:"):
			return "<" + graph.NS + t[2:] + ">"
		}
		return "<https://w3id.org/parley/id/" + t + ">"
	}
	var b strings.Builder
	for _, l := range lines {
		fmt.Fprintf(&b, "%s %s %s <https://w3id.org/parley/source/d/p1> .\n", term(l[0]), term(l[1]), term(l[2]))
	}
	return b.String()
}

// iri brackets a full IRI for v2.
func iri(s string) string { return "<" + s + ">" }

const (
	xsdInt  = "^^<http://www.w3.org/2001/XMLSchema#integer>"
	xsdBool = "^^<http://www.w3.org/2001/XMLSchema#boolean>"
	hash64  = `"0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"`
)

func TestCheckVocabularyV2(t *testing.T) {
	typ, name := iri(graph.PredType), iri(graph.PredName)
	// base: the source, its document, entities, a claim, an event and a
	// position: 38 lines. ok adds an outlook and a span: 46 lines. The
	// cases add lines from 39 (to base) or 47 (to ok) on.
	src := `<https://w3id.org/parley/source/d/p1> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://w3id.org/parley/vocab#Source> <https://w3id.org/parley/source/d/p1> .
<https://w3id.org/parley/source/d/p1> <https://schema.org/name> "Paragraph 1" <https://w3id.org/parley/source/d/p1> .
<https://w3id.org/parley/source/d/p1> <https://w3id.org/parley/vocab#document> <https://w3id.org/parley/doc/d> <https://w3id.org/parley/doc/d> .
<https://w3id.org/parley/source/d/p1> <https://w3id.org/parley/vocab#paragraph> "1"^^<http://www.w3.org/2001/XMLSchema#integer> <https://w3id.org/parley/source/d/p1> .
<https://w3id.org/parley/doc/d> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://schema.org/NewsArticle> <https://w3id.org/parley/doc/d> .
<https://w3id.org/parley/doc/d> <https://schema.org/name> "D" <https://w3id.org/parley/doc/d> .
`
	base := src + v2(
		[3]string{"p", typ, iri(graph.ClassPerson)}, [3]string{"p", name, `"P"`},
		[3]string{"c", typ, iri(graph.ClassCountry)}, [3]string{"c", name, `"C"`},
		[3]string{"t", typ, iri(graph.ClassTopic)}, [3]string{"t", name, `"T"`},
		[3]string{"u", typ, iri(graph.ClassTopic)}, [3]string{"u", name, `"U"`},
		[3]string{"w", typ, iri(graph.ClassTopic)}, [3]string{"w", name, `"W"`},
		[3]string{"org", typ, iri(graph.ClassOrganization)}, [3]string{"org", name, `"O"`},
		[3]string{"city", typ, iri(graph.ClassCity)}, [3]string{"city", name, `"City"`},
		[3]string{"p", "v:advises", "p"}, [3]string{"c", "v:invaded", "c"},
		// claim: lines 23-28
	) + v2(
		[3]string{"cl", typ, iri(graph.ClassClaim)}, [3]string{"cl", name, `"Claim"`},
		[3]string{"cl", "v:claimant", "p"}, [3]string{"cl", "v:summary", `"S"`},
		[3]string{"cl", iri(graph.PredAbout), "t"}, [3]string{"cl", "v:status", "v:Asserted"},
	) + v2( // event: lines 29-32 (its source line comes with the claim's)
		[3]string{"ev", typ, iri(graph.ClassEvent)}, [3]string{"ev", name, `"E"`},
		[3]string{"ev", iri(graph.PredAttendee), "p"}, [3]string{"cl", "v:source", iri("https://w3id.org/parley/source/d/p1")},
	) + v2( // position: lines 33-38
		[3]string{"pos", typ, iri(graph.ClassPosition)}, [3]string{"pos", name, `"P on T"`},
		[3]string{"pos", "v:holder", "p"}, [3]string{"pos", "v:topic", "t"},
		[3]string{"pos", "v:summary", `"P and T."`}, [3]string{"pos", "v:source", iri("https://w3id.org/parley/source/d/p1")},
	)
	posOutlook := v2([3]string{"pos", "v:outlook", "v:Optimistic"}) // line 39
	span := v2(                                                     // lines 40-46 after posOutlook
		[3]string{"sp", typ, "v:Span"}, [3]string{"sp", name, `"Paragraph 1, sentence 1"`},
		[3]string{"sp", "v:inSource", iri("https://w3id.org/parley/source/d/p1")},
		[3]string{"sp", "v:sentence", `"1"` + xsdInt}, [3]string{"sp", "v:start", `"3"` + xsdInt},
		[3]string{"sp", "v:end", `"9"` + xsdInt}, [3]string{"sp", "v:sha256", hash64},
	)
	// statement: lines 47-52 after posOutlook+span
	stmt := func(s, p, o string) string {
		return v2([3]string{"st", typ, iri(graph.ClassStatement)}, [3]string{"st", name, `"P advises P"`},
			[3]string{"st", iri(graph.PredRDFSubject), s}, [3]string{"st", iri(graph.PredRDFPredicate), p},
			[3]string{"st", iri(graph.PredRDFObject), o}, [3]string{"st", "v:evidence", iri("https://w3id.org/parley/id/sp")})
	}
	ok := base + posOutlook + span
	tests := []struct {
		name, data string
		line       int    // line of the first violation (0: none wanted)
		want       string // text the violation must contain
	}{
		{"ValidWithOutlookOnly", ok, 0, ""},
		{"ValidStatementWithEvidence", ok + stmt("p", "v:advises", "p"), 0, ""},
		{"ValidDemandsSayAndOutlook", base + v2([3]string{"pos", "v:stance", "v:DemandsSay"}, [3]string{"pos", "v:outlook", "v:Skeptical"}), 0, ""},
		{"ValidHierarchy", ok + v2([3]string{"t", iri(graph.PredBroader), "u"}, [3]string{"u", iri(graph.PredBroader), "w"}, [3]string{"t", iri(graph.PredBroader), "w"}), 0, ""},
		{"ValidEventMarks", ok + v2([3]string{"ev", iri(graph.PredEventStatus), "v:Scheduled"}, [3]string{"ev", "v:expectedAttendee", "c"},
			[3]string{"ev", "v:virtualAttendee", "org"}, [3]string{"ev", "v:reported", `"false"` + xsdBool}), 0, ""},

		{"PositionWithNeither", base, 33, "no stance and no outlook"},
		{"OptimisticAsStance", base + v2([3]string{"pos", "v:stance", "v:Optimistic"}), 39, "is an outlook, not a stance"},
		{"StanceAsOutlook", base + v2([3]string{"pos", "v:outlook", "v:Supports"}), 39, "is a stance, not an outlook"},
		{"UnknownOutlook", base + v2([3]string{"pos", "v:outlook", "v:Gloomy"}), 39, "unknown outlook"},
		{"TwoOutlooks", ok + v2([3]string{"pos", "v:outlook", "v:Skeptical"}), 33, "appears 2 times"},
		{"TwoStances", ok + v2([3]string{"pos", "v:stance", "v:Supports"}, [3]string{"pos", "v:stance", "v:Opposes"}), 33, "appears 2 times"},
		{"OutlookOnClaim", ok + v2([3]string{"cl", "v:outlook", "v:Skeptical"}), 47, "applies only to [Position]"},

		{"BroaderToPerson", ok + v2([3]string{"t", iri(graph.PredBroader), "p"}), 47, "want one of [Topic]"},
		{"BroaderFromPerson", ok + v2([3]string{"p", iri(graph.PredBroader), "t"}), 47, "applies only to [Topic]"},
		{"BroaderCycle", ok + v2([3]string{"t", iri(graph.PredBroader), "u"}, [3]string{"u", iri(graph.PredBroader), "w"}, [3]string{"w", iri(graph.PredBroader), "t"}), 47, "skos:broader cycle"},
		{"BroaderSelf", ok + v2([3]string{"t", iri(graph.PredBroader), "t"}), 47, "skos:broader cycle"},

		{"SpeakerNotPerson", ok + v2([3]string{"pos", "v:speaker", "c"}), 47, "want one of [Person]"},
		{"SpeakerOnEvent", ok + v2([3]string{"ev", "v:speaker", "p"}), 47, "applies only to [Position Claim]"},
		{"OccasionNotEvent", ok + v2([3]string{"pos", "v:occasion", "t"}), 47, "want one of [Event]"},
		{"ReportedNotBoolean", ok + v2([3]string{"pos", "v:reported", `"yes"`}), 47, `"true" or "false"`},
		{"ReportedWrongValue", ok + v2([3]string{"cl", "v:reported", `"maybe"` + xsdBool}), 47, `"true" or "false"`},
		{"FormerOnPosition", ok + v2([3]string{"pos", "v:former", `"true"` + xsdBool}), 47, "applies only to [Role]"},

		{"UnknownEventStatus", ok + v2([3]string{"ev", iri(graph.PredEventStatus), "v:Postponed"}), 47, "unknown event status"},
		{"EventWithoutAttendee", strings.Replace(ok, v2([3]string{"ev", iri(graph.PredAttendee), "p"}), v2([3]string{"ev", iri(graph.PredAbout), "t"}), 1), 29, "no attendee"},
		{"ExpectedAttendeeTopic", ok + v2([3]string{"ev", "v:expectedAttendee", "t"}), 47, "want one of [Person Country Organization]"},
		{"VirtualAttendeeOnClaim", ok + v2([3]string{"cl", "v:virtualAttendee", "p"}), 47, "applies only to [Event]"},

		{"RebutsNonClaim", ok + v2([3]string{"cl", "v:rebuts", "ev"}), 47, "want one of [Claim]"},
		{"SupportsClaimFromPosition", ok + v2([3]string{"pos", "v:supportsClaim", "cl"}), 47, "applies only to [Claim]"},

		{"SpanEndBeforeStart", strings.Replace(ok, `"9"`+xsdInt, `"2"`+xsdInt, 1), 45, "not after start"},
		{"SpanEmpty", strings.Replace(ok, `"9"`+xsdInt, `"3"`+xsdInt, 1), 45, "not after start"},
		{"SpanSentenceZero", strings.Replace(ok, `"1"`+xsdInt+" <https://w3id.org/parley/source/d/p1> .\n<https://w3id.org/parley/id/sp> <"+graph.PredStart, `"0"`+xsdInt+" <https://w3id.org/parley/source/d/p1> .\n<https://w3id.org/parley/id/sp> <"+graph.PredStart, 1), 43, "1-based"},
		{"SpanBadHash", strings.Replace(ok, hash64, `"ABC"`, 1), 46, "64 lower-case hex"},
		{"SpanStartNotInteger", strings.Replace(ok, `"3"`+xsdInt, `"three"`, 1), 44, "xsd:integer"},
		{"SpanWithoutSentence", strings.Replace(ok, v2([3]string{"sp", "v:sentence", `"1"` + xsdInt}), "", 1), 40, "Span has no sentence"},
		{"SpanInSourceNotSource", strings.Replace(ok, v2([3]string{"sp", "v:inSource", iri("https://w3id.org/parley/source/d/p1")}), v2([3]string{"sp", "v:inSource", "t"}), 1), 42, "want one of [Source]"},
		{"EvidenceNotSpan", ok + v2([3]string{"pos", "v:evidence", "t"}), 47, "want one of [Span]"},
		{"EvidenceOnTopic", ok + v2([3]string{"t", "v:evidence", "sp"}), 47, "applies only to [Position Claim Event Statement]"},

		{"StatementOfAbsentQuad", ok + stmt("p", "v:advises", "c"), 47, "which the data does not hold"},
		{"StatementUnknownPredicate", ok + stmt("p", "v:likes", "p"), 50, "predicate of the vocabulary"},
		{"StatementWithoutEvidence", ok + strings.Replace(stmt("p", "v:advises", "p"), v2([3]string{"st", "v:evidence", iri("https://w3id.org/parley/id/sp")}), "", 1), 47, "Statement has no evidence"},

		{"MemberOfTopic", ok + v2([3]string{"p", "v:memberOf", "t"}), 47, "want one of [Organization]"},
		{"MemberOfFromTopic", ok + v2([3]string{"t", "v:memberOf", "org"}), 47, "applies only to [Person Country Organization]"},
		{"SeatOfGovernmentFromCountry", ok + v2([3]string{"c", "v:seatOfGovernment", "c"}), 47, "applies only to [Place City AdministrativeArea]"},
		{"SeatOfGovernmentToTopic", ok + v2([3]string{"city", "v:seatOfGovernment", "t"}), 47, "want one of [Person Country Organization]"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			vs := checkCase(t, tc.data, tc.line, tc.want)
			if vs == nil {
				return
			}
			for _, v := range vs {
				if v.File == "case.nq" && v.Line == tc.line && strings.Contains(v.Error(), tc.want) {
					return
				}
			}
			t.Errorf("no violation at case.nq:%d mentioning %q; got %v", tc.line, tc.want, vs)
		})
	}
}

// TestWriteRefusesBroaderCycleThroughStoredLinks writes a link that closes a
// cycle only through links already stored two levels up: NATO membership for
// Ukraine is below security guarantees for Ukraine, which is below security
// guarantees; putting security guarantees below NATO membership would make
// it broader than itself.
func TestWriteRefusesBroaderCycleThroughStoredLinks(t *testing.T) {
	ctx := context.Background()
	s := mustOpen(t, graph.Config{Backend: graph.BackendMemory})
	mustSeed(t, s)
	before := quadCount(t, s)
	p15 := "<https://w3id.org/parley/source/000_508fa90569225c0e/p15>"
	body := nq("<"+id+"security-guarantees>", "<"+graph.PredBroader+">", "<"+id+"nato-membership-for-ukraine>", p15)
	_, err := s.AddQuads(ctx, alice, "body", strings.NewReader(body))
	var ve *graph.ViolationsError
	if !errors.As(err, &ve) || len(ve.Violations) == 0 || ve.Violations[0].Line != 1 ||
		!strings.Contains(ve.Violations[0].Message, "cycle") {
		t.Fatalf("write closing a cycle: err = %v; want a violation at line 1 naming the cycle", err)
	}
	if got := quadCount(t, s); got != before {
		t.Errorf("the refused write changed the store: %d quads, had %d", got, before)
	}
	// A link that closes no cycle is written.
	body = nq("<"+id+"eu-accession>", "<"+graph.PredBroader+">", "<"+id+"european-involvement>", p15)
	if _, err := s.AddQuads(ctx, alice, "body", strings.NewReader(body)); err != nil {
		t.Errorf("write of a link that closes no cycle: %v", err)
	}
}

// TestRemoveRefusesToOrphanAStatement removes the quad "Russia annexed
// Crimea" (p7), which an rdf:Statement reifies with its evidence: alone, the
// removal is refused; with the statement's quads, it goes through.
func TestRemoveRefusesToOrphanAStatement(t *testing.T) {
	ctx := context.Background()
	s := mustOpen(t, graph.Config{Backend: graph.BackendMemory})
	mustSeed(t, s)
	before := quadCount(t, s)
	p7 := "<https://w3id.org/parley/source/000_508fa90569225c0e/p7>"
	relation := nq("<"+id+"russia>", "<"+graph.PredAnnexed+">", "<"+id+"crimea>", p7)
	_, err := s.RemoveQuads(ctx, alice, "body", strings.NewReader(relation))
	var ve *graph.ViolationsError
	if !errors.As(err, &ve) || len(ve.Violations) == 0 || ve.Violations[0].Line != 1 ||
		!strings.Contains(ve.Violations[0].Message, id+"statement/russia-annexed-crimea") {
		t.Fatalf("removing a reified relation alone: err = %v; want a violation at line 1 naming its statement", err)
	}
	if got := quadCount(t, s); got != before {
		t.Errorf("the refused removal changed the store: %d quads, had %d", got, before)
	}
	stmt, err := s.Quads(ctx, graph.QuadFilter{Subject: "<" + id + "statement/russia-annexed-crimea>"})
	if err != nil || len(stmt) == 0 {
		t.Fatalf("the statement's quads: %v, %v", stmt, err)
	}
	body := relation
	for _, q := range stmt {
		body += nq(q.Subject, q.Predicate, q.Object, q.Label)
	}
	if _, err := s.RemoveQuads(ctx, alice, "body", strings.NewReader(body)); err != nil {
		t.Errorf("removing the relation with its statement: %v", err)
	}
}
