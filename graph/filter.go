package graph

// EntityFilter selects a page of entities for [Store.Entities].
type EntityFilter struct {
	Kind  Kind   // empty for every kind
	First int    // page size; <= 0 means [DefaultPageSize]
	After string // cursor: the IRI of the last entity of the previous page
}

// EntityPage is one page of entities, ordered by IRI.
type EntityPage struct {
	Entities  []*Entity
	Total     int    // entities matching the filter across all pages
	EndCursor string // pass as After for the next page
	HasNext   bool
}

// DefaultPageSize is the page size when a filter leaves it unset.
const DefaultPageSize = 50

// PositionFilter selects positions for [Store.Positions]. Holder and Topic
// take an IRI, a name or an alias; empty fields match everything.
type PositionFilter struct {
	Topic   string
	Holder  string
	Stance  Stance
	Outlook Outlook
	// Direct restricts Topic and Holder to themselves: no narrower topics,
	// no affiliates.
	Direct bool
	// IncludeRetracted keeps what a retraction withdrew (see
	// [Store.Retract]); each such item carries its Retraction.
	IncludeRetracted bool
}

// EventFilter selects events for [Store.Events]. Participant and Location
// take an IRI, a name or an alias. From and To are ISO 8601 dates or
// prefixes of them ("2022", "2022-02"), inclusive; an event with no date
// matches only when both are empty.
type EventFilter struct {
	Participant string
	Location    string
	From, To    string
	// Direct restricts Participant to itself, without its affiliates.
	Direct bool
	// IncludeRetracted keeps what a retraction withdrew (see
	// [Store.Retract]); each such item carries its Retraction.
	IncludeRetracted bool
}

// ClaimFilter selects claims for [Store.Claims]. About and Claimant take an
// IRI, a name or an alias.
type ClaimFilter struct {
	About    string
	Claimant string
	Status   ClaimStatus
	// Direct restricts Claimant to itself, without its affiliates.
	Direct bool
	// IncludeRetracted keeps what a retraction withdrew (see
	// [Store.Retract]); each such item carries its Retraction.
	IncludeRetracted bool
}

// RelationFilter selects the relations of an entity for [Store.Relations].
// Predicate is a full IRI or its local name ("attendee", "sonInLawOf").
type RelationFilter struct {
	Predicate string
	Direction Direction
}

// QuadFilter selects quads for [Store.Quads]. Each field is a term in
// N-Quads syntax (<iri> or "literal"), or a bare IRI; empty matches anything.
type QuadFilter struct {
	Subject, Predicate, Object, Label string
	First                             int // <= 0 means 100
}
