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
