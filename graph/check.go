package graph

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/cayleygraph/quad"
)

// Violation is one way in which data breaks the vocabulary.
type Violation struct {
	File      string `json:"file,omitempty"` // where the offending quad was read, if known
	Line      int    `json:"line,omitempty"`
	Subject   string `json:"subject"`             // IRI of the node concerned
	Predicate string `json:"predicate,omitempty"` // IRI of the predicate concerned, if one
	Message   string `json:"message"`
}

func (v Violation) Error() string {
	var b strings.Builder
	if v.File != "" {
		fmt.Fprintf(&b, "%s:%d: ", v.File, v.Line)
	}
	b.WriteString("<" + v.Subject + ">")
	if v.Predicate != "" {
		b.WriteString(" " + localName(v.Predicate))
	}
	b.WriteString(": " + v.Message)
	return b.String()
}

// objectKind says what a predicate's object must be.
type objectKind int

const (
	objLiteral     objectKind = iota // a plain string
	objInteger                       // an xsd:integer literal
	objDateTime                      // an xsd:dateTime literal
	objNode                          // a node described in the data
	objExternal                      // an IRI outside the data (owl:sameAs)
	objClass                         // a known class
	objStance                        // a stance value
	objStatus                        // a claim status value
	objOutlook                       // an outlook value
	objEventStatus                   // an event status value
	objBoolean                       // an xsd:boolean literal, "true" or "false"
	objHash                          // a lower-case hex SHA-256, as a plain string
	objPredicate                     // the IRI of a predicate of the vocabulary
)

// predicateSpec is what the vocabulary says of one predicate: what its
// object must be, for node objects which classes the object may have (none
// listed: any described node), and which classes its subject may have (none
// listed: any).
type predicateSpec struct {
	object  objectKind
	classes []string
	domain  []string
}

var (
	entityClasses = []string{ClassPerson, ClassCountry, ClassOrganization, ClassPlace, ClassCity, ClassAdminArea, ClassEvent, ClassTopic}
	actorClasses  = []string{ClassPerson, ClassCountry, ClassOrganization}
	placeClasses  = []string{ClassPlace, ClassCity, ClassAdminArea, ClassCountry}
	// labelClasses are the classes a quad's label may have.
	labelClasses = []string{ClassSource, ClassDocument, ClassContribution, ClassRetraction}
	// evidenced are the classes whose nodes carry evidence spans.
	evidenced = []string{ClassPosition, ClassClaim, ClassEvent, ClassStatement}
	// seats are the place classes that can be a seat of government.
	seats = []string{ClassPlace, ClassCity, ClassAdminArea}
)

// vocabulary lists every predicate the data may use.
var vocabulary = map[string]predicateSpec{
	PredType:          {object: objClass},
	PredName:          {object: objLiteral},
	PredAlternateName: {object: objLiteral},
	PredDescription:   {object: objLiteral},
	PredSameAs:        {object: objExternal},

	PredRole:  {objNode, []string{ClassRole}, nil},
	PredTitle: {object: objLiteral},
	PredOf:    {objNode, actorClasses, nil},

	PredStartDate: {object: objLiteral},
	PredDateText:  {object: objLiteral},
	PredLocation:  {objNode, placeClasses, nil},
	PredAttendee:  {objNode, actorClasses, nil},
	PredAbout:     {objNode, entityClasses, nil},

	PredHolder:  {objNode, actorClasses, nil},
	PredTopic:   {objNode, []string{ClassTopic}, nil},
	PredStance:  {object: objStance},
	PredSummary: {object: objLiteral},
	PredQuote:   {object: objLiteral},
	PredSource:  {objNode, []string{ClassSource}, nil},

	PredClaimant:   {objNode, actorClasses, nil},
	PredStatus:     {object: objStatus},
	PredDisputedBy: {objNode, actorClasses, nil},
	PredMadeIn:     {objNode, []string{ClassEvent}, nil},

	PredContainedIn:     {objNode, placeClasses, nil},
	PredSonInLawOf:      {objNode, []string{ClassPerson}, nil},
	PredAdvises:         {objNode, []string{ClassPerson}, nil},
	PredEnvoyOf:         {objNode, actorClasses, nil},
	PredRepresents:      {objNode, actorClasses, nil},
	PredPartOf:          {objNode, actorClasses, nil},
	PredAnnexed:         {objNode, placeClasses, nil},
	PredOccupies:        {objNode, placeClasses, nil},
	PredClaimsTerritory: {objNode, placeClasses, nil},
	PredInvaded:         {objNode, []string{ClassCountry}, nil},
	PredSeeksMembership: {objNode, []string{ClassOrganization}, nil},
	PredAlliedWith:      {objNode, actorClasses, nil},

	PredDocument:  {objNode, []string{ClassDocument}, nil},
	PredSection:   {object: objLiteral},
	PredParagraph: {object: objInteger},
	PredFile:      {object: objLiteral},

	PredWrittenBy:    {object: objLiteral},
	PredWrittenAt:    {object: objDateTime},
	PredCites:        {objNode, labelClasses, nil},
	PredAuthoredFrom: {objNode, []string{ClassDocument}, []string{ClassContribution}},
	PredRetracts:     {objNode, []string{ClassDocument, ClassContribution}, []string{ClassRetraction}},
	PredRetractedBy:  {objLiteral, nil, []string{ClassRetraction}},
	PredRetractedAt:  {objDateTime, nil, []string{ClassRetraction}},
	PredReason:       {objLiteral, nil, []string{ClassRetraction}},

	// Vocabulary v2.
	PredBroader:          {objNode, []string{ClassTopic}, []string{ClassTopic}},
	PredMemberOf:         {objNode, []string{ClassOrganization}, actorClasses},
	PredFormer:           {objBoolean, nil, []string{ClassRole}},
	PredSeatOfGovernment: {objNode, actorClasses, seats},
	PredOutlook:          {objOutlook, nil, []string{ClassPosition}},
	PredSpeaker:          {objNode, []string{ClassPerson}, []string{ClassPosition, ClassClaim}},
	PredOccasion:         {objNode, []string{ClassEvent}, []string{ClassPosition}},
	PredReported:         {objBoolean, nil, []string{ClassPosition, ClassClaim, ClassEvent}},
	PredNote:             {object: objLiteral},
	PredEventStatus:      {objEventStatus, nil, []string{ClassEvent}},
	PredVirtualAttendee:  {objNode, actorClasses, []string{ClassEvent}},
	PredExpectedAttendee: {objNode, actorClasses, []string{ClassEvent}},
	PredRebuts:           {objNode, []string{ClassClaim}, []string{ClassClaim}},
	PredSupportsClaim:    {objNode, []string{ClassClaim}, []string{ClassClaim}},
	PredEvidence:         {objNode, []string{ClassSpan}, evidenced},
	PredInSource:         {objNode, []string{ClassSource}, []string{ClassSpan}},
	PredSentence:         {objInteger, nil, []string{ClassSpan}},
	PredStart:            {objInteger, nil, []string{ClassSpan}},
	PredEnd:              {objInteger, nil, []string{ClassSpan}},
	PredSHA256:           {objHash, nil, []string{ClassSpan, ClassDocument}},
	PredRDFSubject:       {objNode, nil, []string{ClassStatement}},
	PredRDFPredicate:     {objPredicate, nil, []string{ClassStatement}},
	PredRDFObject:        {objNode, nil, []string{ClassStatement}},
	PredPublisher:        {objLiteral, nil, []string{ClassDocument}},
	PredDatePublished:    {objLiteral, nil, []string{ClassDocument}},
	PredURL:              {objLiteral, nil, []string{ClassDocument}},
	PredAuthor:           {objLiteral, nil, []string{ClassDocument}},
	PredInLanguage:       {objLiteral, nil, []string{ClassDocument}},
}

// required lists, per class, the predicates each node of that class must
// have at least once, beyond the type and name every node needs.
var required = map[string][]string{
	ClassRole:      {PredTitle},
	ClassPosition:  {PredHolder, PredTopic, PredSummary, PredSource}, // and a stance or an outlook
	ClassSpan:      {PredInSource, PredSentence, PredStart, PredEnd, PredSHA256},
	ClassStatement: {PredRDFSubject, PredRDFPredicate, PredRDFObject, PredEvidence},
	ClassClaim:     {PredClaimant, PredSummary, PredAbout, PredStatus, PredSource},
	ClassSource:    {PredDocument, PredParagraph},

	ClassContribution: {PredWrittenBy, PredWrittenAt, PredCites},
	ClassRetraction:   {PredRetracts, PredRetractedBy, PredRetractedAt, PredReason},
}

// single lists predicates a node may have at most once.
var single = []string{PredType, PredName, PredDescription, PredTitle, PredOf, PredStartDate, PredDateText,
	PredLocation, PredHolder, PredTopic, PredStance, PredSummary, PredQuote, PredSource, PredClaimant,
	PredStatus, PredMadeIn, PredDocument, PredSection, PredParagraph, PredFile,
	PredWrittenBy, PredWrittenAt, PredCites, PredAuthoredFrom, PredRetracts, PredRetractedBy, PredRetractedAt, PredReason,
	PredFormer, PredOutlook, PredSpeaker, PredOccasion, PredReported, PredNote, PredEventStatus,
	PredInSource, PredSentence, PredStart, PredEnd, PredSHA256, PredRDFSubject, PredRDFPredicate, PredRDFObject,
	PredPublisher, PredDatePublished, PredURL, PredInLanguage}

var knownClasses = func() map[string]bool {
	m := map[string]bool{ClassRole: true, ClassPosition: true, ClassClaim: true, ClassSource: true, ClassDocument: true, ClassContribution: true,
		ClassSpan: true, ClassStatement: true, ClassRetraction: true}
	for _, c := range entityClasses {
		m[c] = true
	}
	return m
}()

// CheckQuads validates quads against the vocabulary, as [Check] does.
func CheckQuads(quads []quad.Quad) []Violation {
	stmts := make([]Statement, len(quads))
	for i, q := range quads {
		stmts[i] = Statement{Quad: q}
	}
	return Check(stmts)
}

// Check validates data against the vocabulary and returns every violation,
// in input order: every subject has exactly one known type and one name;
// positions, claims, roles, sources and events have what their class
// requires; every predicate is known and its object is of the right kind;
// every node an object names is described, with a class the predicate
// allows; every quad's label is a source or document of the data; and every
// literal is valid UTF-8.
func Check(stmts []Statement) []Violation {
	return checkAgainst(stmts, nil)
}

// checkAgainst is Check of stmts in the context of known, statements
// already in the store: known describe the nodes stmts name, but only
// stmts and the subjects they describe are checked, so that the violations
// are the new statements' own.
func checkAgainst(stmts, known []Statement) []Violation {
	c := newChecker()
	for _, st := range stmts { // first, so that a node is reported at its first new line
		c.collect(st)
	}
	subjects := make([]string, 0, len(c.nodes))
	for iri := range c.nodes {
		subjects = append(subjects, iri)
	}
	for _, st := range known {
		c.collect(st)
	}
	for _, st := range stmts {
		c.checkStatement(st)
	}
	sort.Strings(subjects)
	for _, iri := range subjects {
		c.checkNode(iri, c.nodes[iri])
		c.checkReified(iri, c.nodes[iri])
	}
	c.checkBroaderCycles(stmts)
	sort.SliceStable(c.out, func(i, j int) bool {
		a, b := c.out[i], c.out[j]
		if a.File != b.File {
			return a.File < b.File
		}
		return a.Line < b.Line
	})
	return c.out
}

type checker struct {
	nodes   map[string]*checkedNode
	triples map[string]bool     // tripleKey of every statement collected
	broader map[string][]string // topic → the topics it is narrower than
	out     []Violation
}

func newChecker() checker {
	return checker{nodes: map[string]*checkedNode{}, triples: map[string]bool{}, broader: map[string][]string{}}
}

// checkedNode is what the checker knows of one subject.
type checkedNode struct {
	first  Statement // where the subject first appears
	types  []string
	counts map[string]int
	ints   map[string]intAt // integer objects of single-valued predicates (a span's offsets)
	reify  [3]string        // a statement's rdf:subject, rdf:predicate and rdf:object
}

// intAt is an integer object and the statement it was read from.
type intAt struct {
	n  int
	st Statement
}

func (c *checker) collect(st Statement) {
	subj := iriOf(st.Quad.Subject)
	if subj == "" {
		return
	}
	n := c.nodes[subj]
	if n == nil {
		n = &checkedNode{first: st, counts: map[string]int{}, ints: map[string]intAt{}}
		c.nodes[subj] = n
	}
	pred := iriOf(st.Quad.Predicate)
	n.counts[pred]++
	if c.triples != nil {
		c.triples[tripleKey(st.Quad)] = true
	}
	switch pred {
	case PredType:
		n.types = append(n.types, iriOf(st.Quad.Object))
	case PredSentence, PredStart, PredEnd:
		if ts, ok := st.Quad.Object.(quad.TypedString); ok {
			if v, err := strconv.Atoi(string(ts.Value)); err == nil {
				n.ints[pred] = intAt{v, st}
			}
		}
	case PredRDFSubject:
		n.reify[0] = iriOf(st.Quad.Object)
	case PredRDFPredicate:
		n.reify[1] = iriOf(st.Quad.Object)
	case PredRDFObject:
		n.reify[2] = iriOf(st.Quad.Object)
	case PredBroader:
		if c.broader != nil {
			c.broader[subj] = append(c.broader[subj], iriOf(st.Quad.Object))
		}
	}
}

func (c *checker) report(st Statement, subj, pred, format string, args ...any) {
	c.out = append(c.out, Violation{File: st.File, Line: st.Line, Subject: subj, Predicate: pred, Message: fmt.Sprintf(format, args...)})
}

// checkStatement checks one quad: its subject, predicate, object and label.
func (c *checker) checkStatement(st Statement) {
	q := st.Quad
	subj, pred := iriOf(q.Subject), iriOf(q.Predicate)
	if subj == "" {
		c.report(st, quad.StringOf(q.Subject), pred, "subject must be an IRI")
		return
	}
	if label := iriOf(q.Label); label == "" {
		c.report(st, subj, pred, "quad has no label naming its source")
	} else if !c.hasClass(label, labelClasses...) {
		c.report(st, subj, pred, "label <%s> is not a source described in the data", label)
	}
	spec, ok := vocabulary[pred]
	if !ok {
		c.report(st, subj, pred, "unknown predicate <%s>", pred)
		return
	}
	if n := c.nodes[subj]; len(spec.domain) > 0 && n != nil && len(n.types) > 0 && !c.hasClass(subj, spec.domain...) {
		c.report(st, subj, pred, "subject has type %v; %s applies only to %v", localNames(n.types), localName(pred), localNames(spec.domain))
	}
	obj := iriOf(q.Object)
	switch spec.object {
	case objLiteral, objInteger, objDateTime:
		s, isString := q.Object.(quad.String)
		switch {
		case spec.object == objInteger:
			ts, ok := q.Object.(quad.TypedString)
			if _, err := strconv.Atoi(string(ts.Value)); !ok || string(ts.Type) != XSDInteger || err != nil {
				c.report(st, subj, pred, "object must be an xsd:integer, got %s", q.Object)
			}
		case spec.object == objDateTime:
			ts, ok := q.Object.(quad.TypedString)
			if _, err := time.Parse(time.RFC3339, string(ts.Value)); !ok || string(ts.Type) != XSDDateTime || err != nil {
				c.report(st, subj, pred, "object must be an RFC 3339 xsd:dateTime, got %s", q.Object)
			}
		case !isString:
			c.report(st, subj, pred, "object must be a plain string literal, got %s", q.Object)
		case !utf8.ValidString(string(s)):
			c.report(st, subj, pred, "literal is not valid UTF-8")
		case strings.TrimSpace(string(s)) == "":
			c.report(st, subj, pred, "literal is empty")
		}
	case objExternal:
		if obj == "" {
			c.report(st, subj, pred, "object must be an IRI")
		}
	case objClass:
		if !knownClasses[obj] {
			c.report(st, subj, pred, "unknown class %s", q.Object)
		}
	case objStance:
		switch {
		case validOutlooks[obj]:
			c.report(st, subj, pred, "%s is an outlook, not a stance: use parley:outlook", localName(obj))
		case !validStances[obj]:
			c.report(st, subj, pred, "unknown stance %s", q.Object)
		}
	case objOutlook:
		switch {
		case validStances[obj]:
			c.report(st, subj, pred, "%s is a stance, not an outlook: use parley:stance", localName(obj))
		case !validOutlooks[obj]:
			c.report(st, subj, pred, "unknown outlook %s; want Optimistic or Skeptical", q.Object)
		}
	case objEventStatus:
		if !validEventStatuses[obj] {
			c.report(st, subj, pred, "unknown event status %s; want Scheduled, Held, Ongoing or Failed", q.Object)
		}
	case objBoolean:
		ts, ok := q.Object.(quad.TypedString)
		if !ok || string(ts.Type) != XSDBoolean || (ts.Value != "true" && ts.Value != "false") {
			c.report(st, subj, pred, `object must be "true" or "false" typed xsd:boolean, got %s`, q.Object)
		}
	case objHash:
		if s, ok := q.Object.(quad.String); !ok || !isSHA256(string(s)) {
			c.report(st, subj, pred, "object must be a SHA-256 as 64 lower-case hex digits, got %s", q.Object)
		}
	case objPredicate:
		if _, ok := vocabulary[obj]; !ok {
			c.report(st, subj, pred, "object must be a predicate of the vocabulary, got %s", q.Object)
		}
	case objStatus:
		if _, ok := statusOf[obj]; !ok {
			c.report(st, subj, pred, "unknown claim status %s", q.Object)
		}
	case objNode:
		target := c.nodes[obj]
		switch {
		case obj == "":
			c.report(st, subj, pred, "object must be an IRI, got %s", q.Object)
		case target == nil:
			c.report(st, subj, pred, "dangling reference: <%s> is not described in the data", obj)
		case len(spec.classes) > 0 && !c.hasClass(obj, spec.classes...):
			c.report(st, subj, pred, "<%s> has type %v; want one of %v", obj, localNames(target.types), localNames(spec.classes))
		}
	}
}

// checkNode checks what one subject must have as a whole.
func (c *checker) checkNode(iri string, n *checkedNode) {
	switch len(n.types) {
	case 0:
		c.report(n.first, iri, PredType, "node has no rdf:type")
	case 1:
	default:
		c.report(n.first, iri, PredType, "node has %d types %v; want exactly one", len(n.types), localNames(n.types))
	}
	if n.counts[PredName] == 0 {
		c.report(n.first, iri, PredName, "node has no schema:name")
	}
	for _, p := range single {
		if p != PredType && n.counts[p] > 1 { // types are reported above
			c.report(n.first, iri, p, "predicate appears %d times; want at most one", n.counts[p])
		}
	}
	for _, t := range n.types {
		for _, p := range required[t] {
			if n.counts[p] == 0 {
				c.report(n.first, iri, p, "%s has no %s", localName(t), localName(p))
			}
		}
		c.checkShape(iri, t, n)
	}
}

// hasClass reports whether iri is described with one of classes.
func (c *checker) hasClass(iri string, classes ...string) bool {
	n := c.nodes[iri]
	if n == nil {
		return false
	}
	for _, t := range n.types {
		for _, want := range classes {
			if t == want {
				return true
			}
		}
	}
	return false
}

func localNames(iris []string) []string {
	out := make([]string, len(iris))
	for i, iri := range iris {
		out[i] = localName(iri)
	}
	return out
}
