package graph

// Kind is what an entity is: the GraphQL EntityType.
type Kind string

// The kinds of entity. Each maps from one or more rdf:type classes
// (see [KindOfClass]).
const (
	KindPerson      Kind = "PERSON"
	KindState       Kind = "STATE"
	KindInstitution Kind = "INSTITUTION"
	KindTerritory   Kind = "TERRITORY"
	KindEvent       Kind = "EVENT"
	KindTopic       Kind = "TOPIC"
)

// Kinds lists every entity kind in a stable order.
var Kinds = []Kind{KindPerson, KindState, KindInstitution, KindTerritory, KindEvent, KindTopic}

// Entity is a person, state, institution, territory, event or topic, with the
// literal fields the graph holds about it. IRIs are absolute, without angle
// brackets.
type Entity struct {
	IRI         string
	Kind        Kind
	Name        string
	Aliases     []string
	Description string
	SameAs      []string

	// Roles are a person's roles (title, and the entity it is of).
	Roles []Role

	// Date is an event's date in ISO 8601, only as precise as the source
	// allows ("2014", "2022-02"); empty when the source gives none.
	Date string
	// DateText is an event's date as the source words it ("Tuesday").
	DateText string
	// Location is the IRI of an event's place, or empty.
	Location string
	// Participants are the IRIs of everyone who attended, joined
	// virtually or was expected at an event (see Attendance for which).
	Participants []string
	// Attendance says how each participant of an event took part.
	Attendance []Attendance
	// About are the IRIs of the topics or places an event is about.
	About []string
	// Status is an event's status, or empty when the source gives none.
	Status EventStatus
	// Reported is set when the source hedges the event ("reportedly").
	Reported bool
	// Evidence are the IRIs of the spans of the source that support an
	// event (see [Span]).
	Evidence []string

	// Note is the project's note on the entity, where the source's wording
	// is wrong or needs context; empty when there is none.
	Note string
	// Broader are the IRIs of the topics a topic is narrower than.
	Broader []string
	// AffiliatedWith are the IRIs of the actors this entity is directly an
	// affiliate of: through a role of them that is not former, partOf,
	// represents or memberOf (see [AffiliationPredicates]).
	AffiliatedWith []string
	// SeatOf is the IRI of the actor whose seat of government a place is
	// (Washington → United States), or empty.
	SeatOf string
	// Retraction withdraws it; set only when a query includes retracted
	// items (IncludeRetracted).
	Retraction *Retraction
}

// AttendanceMode is how a participant took part in an event: the GraphQL
// AttendanceMode enum.
type AttendanceMode string

// Attendance modes, mapped from [PredAttendee], [PredVirtualAttendee] and
// [PredExpectedAttendee].
const (
	Attended AttendanceMode = "ATTENDED"
	Virtual  AttendanceMode = "VIRTUAL"
	Expected AttendanceMode = "EXPECTED"
)

// Attendance is one participant of an event and how they took part.
type Attendance struct {
	Participant string // IRI
	Mode        AttendanceMode
}

// EventStatus is an event's status: the GraphQL EventStatus enum.
type EventStatus string

// Event statuses, mapped from the objects of [PredEventStatus].
const (
	Scheduled EventStatus = "SCHEDULED"
	Held      EventStatus = "HELD"
	Ongoing   EventStatus = "ONGOING"
	Failed    EventStatus = "FAILED"
)

// Role is a title a person holds, of a state or institution.
type Role struct {
	IRI    string
	Title  string
	Of     string // IRI of the state or institution; may be empty
	Source string // IRI of the source paragraph
	// Former is set when the person no longer holds the role; a former
	// role is not an affiliation.
	Former bool
	// Note is the project's note on the role, e.g. where the source names
	// it wrongly; the source's wording stays in Title.
	Note string
}

// Direction says which way a relation runs from the entity asked about.
type Direction int

// Directions of a relation.
const (
	Both Direction = iota
	Out
	In
)

// String returns the GraphQL name of d.
func (d Direction) String() string {
	switch d {
	case Out:
		return "OUT"
	case In:
		return "IN"
	}
	return "BOTH"
}

// Relation is one quad seen from an entity: its predicate, the direction,
// the other end (an IRI, or a literal value) and its provenance.
type Relation struct {
	Predicate string
	Direction Direction // Out or In, never Both
	Other     string    // IRI of the other node; empty when the object is a literal
	Value     string    // the literal object; empty when Other is set
	Source    string    // IRI of the source paragraph (the quad's label)
	// Evidence are the IRIs of the spans that support the quad, from the
	// rdf:Statement nodes that reify it.
	Evidence []string
}

// Stance is a position's preference about its topic: the GraphQL Stance
// enum.
type Stance string

// Stances, mapped from the objects of [PredStance].
const (
	Supports    Stance = "SUPPORTS"
	Opposes     Stance = "OPPOSES"
	Demands     Stance = "DEMANDS"
	Rejects     Stance = "REJECTS"
	Conditional Stance = "CONDITIONAL"
	DemandsSay  Stance = "DEMANDS_SAY"
	Neutral     Stance = "NEUTRAL"
)

// Outlook is a position's expectation about its topic, apart from its
// preference: the GraphQL Outlook enum.
type Outlook string

// Outlooks, mapped from the objects of [PredOutlook].
const (
	Optimistic Outlook = "OPTIMISTIC"
	Skeptical  Outlook = "SKEPTICAL"
)

// Position is a preference or an outlook an entity has stated on a topic.
type Position struct {
	IRI     string
	Holder  string // IRI
	Topic   string // IRI
	Stance  Stance // empty when the source states only an outlook
	Outlook Outlook
	Summary string // in the project's words
	Quote   string // verbatim from the source, or empty
	Source  string // IRI of the source paragraph

	Speaker  string // IRI of the person who voiced it for the holder, or empty
	Occasion string // IRI of the event on or after which it was stated, or empty
	Reported bool   // the source hedges it ("reportedly")
	Note     string // the project's note, or empty
	Evidence []string
	// Retraction withdraws it; set only when a query includes retracted
	// items (IncludeRetracted).
	Retraction *Retraction
}

// ClaimStatus is how far a claim stands: the GraphQL ClaimStatus enum.
type ClaimStatus string

// Claim statuses, mapped from the objects of [PredStatus].
const (
	Asserted   ClaimStatus = "ASSERTED"
	Disputed   ClaimStatus = "DISPUTED"
	Unverified ClaimStatus = "UNVERIFIED"
	Confirmed  ClaimStatus = "CONFIRMED"
)

// Claim is an assertion of fact that someone made and others may dispute.
type Claim struct {
	IRI        string
	Claimant   string // IRI
	Summary    string
	Quote      string
	About      []string // IRIs
	Status     ClaimStatus
	DisputedBy []string // IRIs
	MadeIn     string   // IRI of the event in which it was made, or empty
	Source     string   // IRI of the source paragraph

	Speaker  string // IRI of the person who voiced it for the claimant, or empty
	Reported bool   // the source hedges it ("reportedly")
	Note     string // the project's note, or empty
	// Rebuts and Supports are the IRIs of the claims this one contradicts
	// and corroborates; RebuttedBy and SupportedBy the inverse links.
	Rebuts, Supports, RebuttedBy, SupportedBy []string
	Evidence                                  []string // span IRIs
	// Retraction withdraws it; set only when a query includes retracted
	// items (IncludeRetracted).
	Retraction *Retraction
}

// Source is a paragraph of a source document: the label of every quad. A
// quad written through the write API is labelled with a contribution
// instead, which names its author and time and cites the source the writer
// gave; its Source has the cited paragraph's document, section and number.
type Source struct {
	IRI       string
	Title     string // the document's title
	Document  string // IRI of the document
	Section   string // section heading; empty before the first heading
	Paragraph int    // 1-based: the Nth non-empty line of the document

	// Set for a contribution only.
	Author    string // who wrote the quads
	WrittenAt string // when, RFC 3339
	Cites     string // IRI of the source the writer cited
}

// Hop is one step of a connection between two entities. A direct hop is one
// quad between From and To: (From Predicate To), or (To Predicate From) when
// Inverse is set. A hop through a role, position or claim names that node
// in Via: the quad (Via Predicate To) or (To Predicate Via) links it to To,
// and another quad links it to From.
type Hop struct {
	From      string // IRI
	Predicate string // IRI
	To        string // IRI
	Inverse   bool   // the quad runs from To (or Via) to From
	Via       string // IRI of the role, position or claim passed through, or ""
	Source    string // IRI of the source paragraph of the quad that reaches To
}

// Quad is a quad in N-Quads term syntax: IRIs in angle brackets, literals
// quoted, so that the two can never be confused.
type Quad struct {
	Subject, Predicate, Object, Label string
}
