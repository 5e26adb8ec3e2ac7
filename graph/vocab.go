package graph

// The IRIs of Parley's vocabulary. Standard vocabularies (RDF, schema.org,
// OWL) are used where they fit; the rest lives under [NS]. seed/README.md
// documents every class and predicate with an example.
const (
	// NS is the namespace of Parley's own classes and predicates.
	NS = "https://w3id.org/parley/vocab#"
	// IDBase prefixes the IRIs of the things the graph describes.
	IDBase = "https://w3id.org/parley/id/"
	// SourceBase prefixes the IRIs of source paragraphs.
	SourceBase = "https://w3id.org/parley/source/"
	// DocBase prefixes the IRIs of source documents.
	DocBase = "https://w3id.org/parley/doc/"
	// ContributionBase prefixes the IRIs of contributions: the provenance
	// nodes the server labels written quads with. Only the server mints them.
	ContributionBase = SourceBase + "contribution/"

	rdfNS    = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
	schemaNS = "https://schema.org/"
	owlNS    = "http://www.w3.org/2002/07/owl#"
	xsdNS    = "http://www.w3.org/2001/XMLSchema#"
	skosNS   = "http://www.w3.org/2004/02/skos/core#"
)

// Predicates.
const (
	PredType          = rdfNS + "type"
	PredName          = schemaNS + "name"
	PredAlternateName = schemaNS + "alternateName"
	PredDescription   = schemaNS + "description"
	PredSameAs        = owlNS + "sameAs"

	// Roles: a person holds a role node, which has a title and is of an entity.
	PredRole  = NS + "role"
	PredTitle = NS + "title"
	PredOf    = NS + "of"

	// Events.
	PredStartDate = schemaNS + "startDate"
	PredDateText  = NS + "dateText"
	PredLocation  = schemaNS + "location"
	PredAttendee  = schemaNS + "attendee"
	PredAbout     = schemaNS + "about"

	// Positions.
	PredHolder  = NS + "holder"
	PredTopic   = NS + "topic"
	PredStance  = NS + "stance"
	PredSummary = NS + "summary"
	PredQuote   = NS + "quote"
	PredSource  = NS + "source"

	// Claims (they share summary, source and schema:about with the above).
	PredClaimant   = NS + "claimant"
	PredStatus     = NS + "status"
	PredDisputedBy = NS + "disputedBy"
	PredMadeIn     = NS + "madeIn"

	// Places.
	PredContainedIn = schemaNS + "containedInPlace"

	// Relations between people, states, institutions and territories.
	PredSonInLawOf      = NS + "sonInLawOf"      // person → person
	PredAdvises         = NS + "advises"         // person → person
	PredEnvoyOf         = NS + "envoyOf"         // person → the person or state they are envoy for
	PredRepresents      = NS + "represents"      // person → state or institution they speak or negotiate for
	PredPartOf          = NS + "partOf"          // institution → state or institution
	PredAnnexed         = NS + "annexed"         // state → territory
	PredOccupies        = NS + "occupies"        // state → territory
	PredClaimsTerritory = NS + "claimsTerritory" // state → territory it claims as its own
	PredInvaded         = NS + "invaded"         // state → state
	PredSeeksMembership = NS + "seeksMembership" // state → institution
	PredAlliedWith      = NS + "alliedWith"      // state or institution → state or institution

	// Sources and documents.
	PredDocument  = NS + "document"
	PredSection   = NS + "section"
	PredParagraph = NS + "paragraph"
	PredFile      = NS + "file"

	// Contributions: who wrote quads through the write API, when, and
	// which source they cited for them.
	PredWrittenBy = NS + "writtenBy"
	PredWrittenAt = NS + "writtenAt"
	PredCites     = NS + "cites"
)

// Classes.
const (
	ClassPerson       = schemaNS + "Person"
	ClassCountry      = schemaNS + "Country"
	ClassOrganization = schemaNS + "Organization"
	ClassPlace        = schemaNS + "Place"
	ClassCity         = schemaNS + "City"
	ClassAdminArea    = schemaNS + "AdministrativeArea"
	ClassEvent        = schemaNS + "Event"
	ClassTopic        = NS + "Topic"
	ClassRole         = NS + "Role"
	ClassPosition     = NS + "Position"
	ClassClaim        = schemaNS + "Claim"
	ClassSource       = NS + "Source"
	ClassDocument     = schemaNS + "NewsArticle"
	ClassContribution = NS + "Contribution"
)

// Datatypes of typed literals.
const (
	XSDInteger  = xsdNS + "integer"  // paragraph numbers
	XSDDateTime = xsdNS + "dateTime" // when a contribution was written
)

// Stance values: the objects of [PredStance].
const (
	StanceSupports    = NS + "Supports"
	StanceOpposes     = NS + "Opposes"
	StanceDemands     = NS + "Demands"
	StanceRejects     = NS + "Rejects"
	StanceConditional = NS + "Conditional"
	StanceOptimistic  = NS + "Optimistic"
	StanceSkeptical   = NS + "Skeptical"
	StanceNeutral     = NS + "Neutral"
)

// Claim status values: the objects of [PredStatus].
const (
	StatusAsserted   = NS + "Asserted"
	StatusDisputed   = NS + "Disputed"
	StatusUnverified = NS + "Unverified"
	StatusConfirmed  = NS + "Confirmed"
)

// Vocabulary v2: topic hierarchies, affiliations, metonyms, the split of
// stance into preference and outlook, qualifiers on positions, events and
// claims, and evidence located in the text. seed/README.md documents each.
const (
	// PredBroader links a topic to a broader one (SKOS's broader): queries
	// for a topic also answer for every topic below it.
	PredBroader = skosNS + "broader"

	// PredMemberOf links an actor to a collective or alliance it belongs to.
	// It is one of the [AffiliationPredicates].
	PredMemberOf = NS + "memberOf"
	// PredFormer marks a role as no longer held ("true"^^xsd:boolean); a
	// former role is not an affiliation.
	PredFormer = NS + "former"

	// PredSeatOfGovernment links a place to the actor whose seat it is
	// (Washington → United States): a metonym in an actor argument resolves
	// through it.
	PredSeatOfGovernment = NS + "seatOfGovernment"

	// PredOutlook is a position's expectation (Optimistic, Skeptical), kept
	// apart from its preference, [PredStance].
	PredOutlook = NS + "outlook"
	// PredSpeaker names the person who voiced a position or claim for its
	// holder or claimant.
	PredSpeaker = NS + "speaker"
	// PredOccasion names the event on or after which a position was stated.
	PredOccasion = NS + "occasion"
	// PredReported marks a position, claim or event the source hedges
	// ("reportedly") with "true"^^xsd:boolean.
	PredReported = NS + "reported"
	// PredNote is the project's note on a statement, e.g. where the source's
	// wording is verifiably wrong; the source's wording itself stays.
	PredNote = NS + "note"

	// PredEventStatus is an event's status (Scheduled, Held, Ongoing, Failed).
	PredEventStatus = schemaNS + "eventStatus"
	// PredVirtualAttendee names an actor who joined an event virtually.
	PredVirtualAttendee = NS + "virtualAttendee"
	// PredExpectedAttendee names an actor expected to take part in an event.
	PredExpectedAttendee = NS + "expectedAttendee"

	// PredRebuts links a claim to a claim it contradicts.
	PredRebuts = NS + "rebuts"
	// PredSupportsClaim links a claim to a claim it corroborates.
	PredSupportsClaim = NS + "supportsClaim"

	// PredEvidence links a position, claim, event or rdf:Statement to a span
	// of its source that supports it.
	PredEvidence = NS + "evidence"
	// PredInSource names the paragraph (a parley:Source) a span lies in.
	PredInSource = NS + "inSource"
	// PredSentence is a span's 1-based sentence number within its paragraph.
	PredSentence = NS + "sentence"
	// PredStart and PredEnd are a span's offsets in Unicode code points into
	// the whole document as written, end exclusive.
	PredStart = NS + "start"
	PredEnd   = NS + "end"
	// PredSHA256 is the lower-case hex SHA-256 of a span's UTF-8 text, or of
	// a document file's bytes.
	PredSHA256 = NS + "sha256"

	// RDF reification: a relation quad's evidence hangs off an rdf:Statement
	// that names the quad's subject, predicate and object.
	PredRDFSubject   = rdfNS + "subject"
	PredRDFPredicate = rdfNS + "predicate"
	PredRDFObject    = rdfNS + "object"

	// Document metadata, where known.
	PredPublisher     = schemaNS + "publisher"
	PredDatePublished = schemaNS + "datePublished"
	PredURL           = schemaNS + "url"
	PredAuthor        = schemaNS + "author"
	PredInLanguage    = schemaNS + "inLanguage"
)

// Classes of vocabulary v2.
const (
	// ClassSpan is a located stretch of a document's text: the evidence for
	// a statement.
	ClassSpan = NS + "Span"
	// ClassStatement is a reified relation quad that evidence hangs off.
	ClassStatement = rdfNS + "Statement"
)

// XSDBoolean is the datatype of flags such as [PredReported].
const XSDBoolean = xsdNS + "boolean"

// Stance values added in v2, and the outlook values (objects of
// [PredOutlook]). [StanceOptimistic] and [StanceSkeptical] are outlooks in
// v2, no longer stances.
const (
	StanceDemandsSay  = NS + "DemandsSay"
	OutlookOptimistic = StanceOptimistic
	OutlookSkeptical  = StanceSkeptical
)

// Event status values: the objects of [PredEventStatus].
const (
	EventScheduled = NS + "Scheduled"
	EventHeld      = NS + "Held"
	EventOngoing   = NS + "Ongoing"
	EventFailed    = NS + "Failed"
)

// AffiliationPredicates are the direct links that make an actor an affiliate
// of another (see seed/README.md, "Affiliations"): a role of it (unless
// [PredFormer]), partOf, represents and memberOf. Affiliation is transitive.
// [PredRole] stands for the two-step path role → of.
var AffiliationPredicates = []string{PredRole, PredPartOf, PredRepresents, PredMemberOf}

// Authoring (issue 13): sources added from an authoring file.
const (
	// PredAuthoredFrom links a contribution to the document whose authoring
	// file it was written from, so that adding the file again replaces that
	// document's statements and keeps every other contribution. Only the
	// server writes it.
	PredAuthoredFrom = NS + "authoredFrom"
)

// Retractions (issue 13): a source or a contribution is retracted, never
// deleted. seed/README.md documents them.
const (
	// ClassRetraction is the record that a document or a contribution is
	// withdrawn: who, when and why. Default queries leave out the positions,
	// claims and events it withdraws; the quads stay, so export keeps the
	// history. Only the server writes retractions.
	ClassRetraction = NS + "Retraction"
	// RetractionBase prefixes the IRIs of retractions.
	RetractionBase = SourceBase + "retraction/"
	// PredRetracts names what a retraction withdraws: a document (and so
	// every statement taken from it) or a contribution.
	PredRetracts = NS + "retracts"
	// PredRetractedBy names who retracted it.
	PredRetractedBy = NS + "retractedBy"
	// PredRetractedAt is when (xsd:dateTime).
	PredRetractedAt = NS + "retractedAt"
	// PredReason says why.
	PredReason = NS + "reason"
)
