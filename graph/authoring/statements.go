package authoring

import (
	"fmt"
	"strings"

	"github.com/cayleygraph/quad"
	"github.com/parley-kg/parley/graph"
)

// entityTypes maps the type names an authoring file may declare to classes.
var entityTypes = map[string]string{
	"person": graph.ClassPerson, "state": graph.ClassCountry, "country": graph.ClassCountry,
	"institution": graph.ClassOrganization, "organization": graph.ClassOrganization,
	"territory": graph.ClassPlace, "place": graph.ClassPlace, "city": graph.ClassCity,
	"region": graph.ClassAdminArea, "administrativearea": graph.ClassAdminArea, "topic": graph.ClassTopic,
}

var (
	stances = values(graph.StanceSupports, graph.StanceOpposes, graph.StanceDemands, graph.StanceRejects,
		graph.StanceConditional, graph.StanceDemandsSay, graph.StanceNeutral)
	outlooks      = values(graph.OutlookOptimistic, graph.OutlookSkeptical)
	claimStatuses = values(graph.StatusAsserted, graph.StatusDisputed, graph.StatusUnverified, graph.StatusConfirmed)
	eventStatuses = values(graph.EventScheduled, graph.EventHeld, graph.EventOngoing, graph.EventFailed)
	relationPreds = values(graph.PredSonInLawOf, graph.PredAdvises, graph.PredEnvoyOf, graph.PredRepresents, graph.PredPartOf,
		graph.PredAnnexed, graph.PredOccupies, graph.PredClaimsTerritory, graph.PredInvaded, graph.PredSeeksMembership,
		graph.PredAlliedWith, graph.PredMemberOf, graph.PredSeatOfGovernment, graph.PredContainedIn, graph.PredBroader)
)

// values maps the folded local names of IRIs to the IRIs.
func values(iris ...string) map[string]string {
	m := map[string]string{}
	for _, iri := range iris {
		m[strings.ToLower(local(iri))] = iri
	}
	return m
}

func local(iri string) string {
	return iri[strings.LastIndexAny(iri, "#/")+1:]
}

// enum returns the IRI of value v in set, or reports it.
func (c *compiler) enum(set map[string]string, v, what string, line int) string {
	if iri, ok := set[strings.ToLower(strings.ReplaceAll(v, "_", ""))]; ok {
		return iri
	}
	var names []string
	for _, iri := range set {
		names = append(names, local(iri))
	}
	c.errorf(line, "%s %q is not one of %s", what, v, strings.Join(sorted(names), ", "))
	return ""
}

// loadClaims reads the IRIs of the store's claims, which rebuts and
// supports may name.
func (c *compiler) loadClaims() error {
	cs, err := c.names.Claims(c.ctx, graph.ClaimFilter{})
	if err != nil {
		return fmt.Errorf("read the store's claims: %w", err)
	}
	for _, cl := range cs {
		c.claims[cl.IRI] = true
	}
	return nil
}

// declare enters the file's new entities, events and claims in the local
// name index, so that statements can name them in any order.
func (c *compiler) declare() {
	add := func(iri string, line int, names ...string) {
		for _, n := range names {
			if n == "" {
				continue
			}
			if have, ok := c.local[fold(n)]; ok && have != iri {
				c.errorf(line, "%q names both <%s> and <%s> in this file", n, have, iri)
			}
			c.local[fold(n)] = iri
		}
	}
	for i := range c.f.Entities {
		e := &c.f.Entities[i]
		if e.Type != "" {
			add(graph.IDBase+slug(or(e.ID, e.Name)), e.Line, append([]string{e.Name, e.ID}, e.Aliases...)...)
		}
	}
	for i := range c.f.Events {
		e := &c.f.Events[i]
		add(graph.IDBase+slug(or(e.ID, e.Name)), e.Line, append([]string{e.Name, e.ID}, e.Aliases...)...)
	}
	for i := range c.f.Claims {
		c.claims[graph.IDBase+"claim/"+slug(or(c.f.Claims[i].ID, c.f.Claims[i].Name))] = true
	}
}

func or(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// label returns the statement label: the first evidence's paragraph, or
// the document when a statement cites none.
func (c *compiler) label(l string) string {
	if l == "" {
		return c.docIRI
	}
	return l
}

func (c *compiler) entity(e *Entity) {
	if e.Name == "" {
		c.errorf(e.Line, "entity: no name")
		return
	}
	it := Item{Kind: "entity", Line: e.Line}
	if e.Type == "" {
		iri := c.resolve(Ref{Name: e.Name, Line: e.Line}, "entity", e.Line)
		if iri == "" {
			return
		}
		it.Kind, it.IRI, it.Text = "alias", iri, fmt.Sprintf("%s also known as %s", e.Name, strings.Join(e.Aliases, ", "))
		l := c.label(c.evidence(&it, e.Line, "", e.Evidence, false))
		for _, a := range e.Aliases {
			c.emit(&it, e.Line, iri, graph.PredAlternateName, quad.String(a), l)
		}
		c.items = append(c.items, it)
		return
	}
	class, ok := entityTypes[strings.ToLower(e.Type)]
	if !ok {
		var names []string
		for n := range entityTypes {
			names = append(names, n)
		}
		c.errorf(at(e.Keys, "type", e.Line), "entity %q: type %q is not one of %s", e.Name, e.Type, strings.Join(sorted(names), ", "))
		return
	}
	iri := graph.IDBase + slug(or(e.ID, e.Name))
	if have, err := c.names.Resolve(c.ctx, e.Name); err == nil && have != iri {
		c.errorf(e.Line, "entity %q is declared new, but the store already has it as <%s>: leave out its type to refer to it", e.Name, have)
		return
	}
	it.IRI, it.Text = iri, fmt.Sprintf("new %s %q", strings.ToLower(e.Type), e.Name)
	l := c.label(c.evidence(&it, e.Line, "", e.Evidence, false))
	c.emit(&it, e.Line, iri, graph.PredType, quad.IRI(class), l)
	c.emit(&it, e.Line, iri, graph.PredName, quad.String(e.Name), l)
	for _, a := range e.Aliases {
		c.emit(&it, e.Line, iri, graph.PredAlternateName, quad.String(a), l)
	}
	if e.Description != "" {
		c.emit(&it, e.Line, iri, graph.PredDescription, quad.String(e.Description), l)
	}
	for _, b := range e.Broader {
		if t := c.resolve(b, "broader", e.Line); t != "" {
			c.emit(&it, b.Line, iri, graph.PredBroader, quad.IRI(t), l)
		}
	}
	c.items = append(c.items, it)
}

// refs emits subject p o for each o that refs resolve to.
func (c *compiler) refs(it *Item, subject, p string, refs []Ref, what, label string, line int) {
	for _, r := range refs {
		if o := c.resolve(r, what, line); o != "" {
			c.emit(it, r.Line, subject, p, quad.IRI(o), label)
		}
	}
}

// optional emits subject p o when ref is given.
func (c *compiler) optional(it *Item, subject, p string, ref Ref, what, label string, line int) {
	if ref.Name != "" {
		c.refs(it, subject, p, []Ref{ref}, what, label, line)
	}
}

// literals emits each non-empty literal.
func (c *compiler) literals(it *Item, line int, subject, label string, kvs ...string) {
	for i := 0; i+1 < len(kvs); i += 2 {
		if kvs[i+1] != "" {
			c.emit(it, line, subject, kvs[i], quad.String(kvs[i+1]), label)
		}
	}
}

func (c *compiler) position(p *Position) {
	iri := graph.IDBase + "position/" + slug(or(p.ID, or(p.Name, p.Holder.Name+" "+p.Topic.Name)))
	it := Item{Kind: "position", IRI: iri, Line: p.Line}
	l := c.evidence(&it, p.Line, iri, p.Evidence, true)
	holder := c.resolve(p.Holder, "holder", p.Line)
	topic := c.resolve(p.Topic, "topic", p.Line)
	if p.Stance == "" && p.Outlook == "" {
		c.errorf(p.Line, "position: give a stance, an outlook or both")
	}
	if p.Summary == "" {
		c.errorf(p.Line, "position: no summary")
	}
	if l == "" || holder == "" || topic == "" {
		return
	}
	name := or(p.Name, p.Holder.Name+" on "+p.Topic.Name)
	it.Text = fmt.Sprintf("position %q: %s", name, strings.Trim(p.Stance+" "+p.Outlook, " "))
	c.emit(&it, p.Line, iri, graph.PredType, quad.IRI(graph.ClassPosition), l)
	c.emit(&it, p.Line, iri, graph.PredName, quad.String(name), l)
	c.emit(&it, p.Holder.Line, iri, graph.PredHolder, quad.IRI(holder), l)
	c.emit(&it, p.Topic.Line, iri, graph.PredTopic, quad.IRI(topic), l)
	if p.Stance != "" {
		if v := c.enum(stances, p.Stance, "stance", at(p.Keys, "stance", p.Line)); v != "" {
			c.emit(&it, p.Line, iri, graph.PredStance, quad.IRI(v), l)
		}
	}
	if p.Outlook != "" {
		if v := c.enum(outlooks, p.Outlook, "outlook", at(p.Keys, "outlook", p.Line)); v != "" {
			c.emit(&it, p.Line, iri, graph.PredOutlook, quad.IRI(v), l)
		}
	}
	c.quote(p.Quote, at(p.Keys, "quote", p.Line))
	c.literals(&it, p.Line, iri, l, graph.PredSummary, p.Summary, graph.PredQuote, p.Quote, graph.PredNote, p.Note)
	c.emit(&it, p.Line, iri, graph.PredSource, quad.IRI(l), l)
	c.optional(&it, iri, graph.PredSpeaker, p.Speaker, "speaker", l, p.Line)
	c.optional(&it, iri, graph.PredOccasion, p.Occasion, "occasion", l, p.Line)
	if p.Reported {
		c.emit(&it, p.Line, iri, graph.PredReported, yes, l)
	}
	c.items = append(c.items, it)
}

// quote checks that a statement's parley:quote is the document's words.
func (c *compiler) quote(q string, line int) {
	if q != "" && len(c.doc.Find(q)) == 0 {
		c.errorf(line, "quote %q is not in %s%s", short(q), c.f.Document.File, c.nearest(Quote{Exact: q}))
	}
}

func (c *compiler) claim(cl *Claim) {
	iri := graph.IDBase + "claim/" + slug(or(cl.ID, cl.Name))
	it := Item{Kind: "claim", IRI: iri, Line: cl.Line}
	if cl.Name == "" {
		c.errorf(cl.Line, "claim: no name")
		return
	}
	l := c.evidence(&it, cl.Line, iri, cl.Evidence, true)
	claimant := c.resolve(cl.Claimant, "claimant", cl.Line)
	if cl.Summary == "" {
		c.errorf(cl.Line, "claim %q: no summary", cl.Name)
	}
	if len(cl.About) == 0 {
		c.errorf(cl.Line, "claim %q: no about: name what it is about", cl.Name)
	}
	status := c.enum(claimStatuses, or(cl.Status, "Asserted"), "status", at(cl.Keys, "status", cl.Line))
	if l == "" || claimant == "" || status == "" {
		return
	}
	it.Text = fmt.Sprintf("claim %q (%s)", cl.Name, local(status))
	c.emit(&it, cl.Line, iri, graph.PredType, quad.IRI(graph.ClassClaim), l)
	c.emit(&it, cl.Line, iri, graph.PredName, quad.String(cl.Name), l)
	c.emit(&it, cl.Claimant.Line, iri, graph.PredClaimant, quad.IRI(claimant), l)
	c.emit(&it, cl.Line, iri, graph.PredStatus, quad.IRI(status), l)
	c.quote(cl.Quote, at(cl.Keys, "quote", cl.Line))
	c.literals(&it, cl.Line, iri, l, graph.PredSummary, cl.Summary, graph.PredQuote, cl.Quote, graph.PredNote, cl.Note)
	c.emit(&it, cl.Line, iri, graph.PredSource, quad.IRI(l), l)
	c.refs(&it, iri, graph.PredAbout, cl.About, "about", l, cl.Line)
	c.refs(&it, iri, graph.PredDisputedBy, cl.DisputedBy, "disputedBy", l, cl.Line)
	c.optional(&it, iri, graph.PredSpeaker, cl.Speaker, "speaker", l, cl.Line)
	c.optional(&it, iri, graph.PredMadeIn, cl.MadeIn, "madeIn", l, cl.Line)
	for _, link := range []struct {
		pred string
		refs []Ref
	}{{graph.PredRebuts, cl.Rebuts}, {graph.PredSupportsClaim, cl.Supports}} {
		for _, r := range link.refs {
			if o := c.claimRef(r); o != "" {
				c.emit(&it, r.Line, iri, link.pred, quad.IRI(o), l)
			}
		}
	}
	if cl.Reported {
		c.emit(&it, cl.Line, iri, graph.PredReported, yes, l)
	}
	c.items = append(c.items, it)
}

// claimRef resolves a claim by IRI or by id (the last segment of its IRI).
func (c *compiler) claimRef(r Ref) string {
	for _, iri := range []string{strings.Trim(r.Name, "<>"), graph.IDBase + "claim/" + slug(r.Name)} {
		if c.claims[iri] {
			return iri
		}
	}
	var near []string
	for iri := range c.claims {
		for _, w := range strings.Fields(strings.ReplaceAll(slug(r.Name), "-", " ")) {
			if len(w) >= 4 && strings.Contains(local(iri), w) {
				near = append(near, local(iri))
				break
			}
		}
	}
	hint := ""
	if len(near) > 0 {
		hint = " (did you mean " + strings.Join(sorted(near)[:min(5, len(near))], ", ") + "?)"
	}
	c.errorf(r.Line, "no claim has the IRI or id %q%s", r.Name, hint)
	return ""
}

func (c *compiler) event(e *Event) {
	iri := graph.IDBase + slug(or(e.ID, e.Name))
	it := Item{Kind: "event", IRI: iri, Line: e.Line, Text: fmt.Sprintf("event %q", e.Name)}
	if e.Name == "" {
		c.errorf(e.Line, "event: no name")
		return
	}
	l := c.evidence(&it, e.Line, iri, e.Evidence, true)
	if l == "" {
		return
	}
	c.emit(&it, e.Line, iri, graph.PredType, quad.IRI(graph.ClassEvent), l)
	c.emit(&it, e.Line, iri, graph.PredName, quad.String(e.Name), l)
	for _, a := range e.Aliases {
		c.emit(&it, e.Line, iri, graph.PredAlternateName, quad.String(a), l)
	}
	c.literals(&it, e.Line, iri, l, graph.PredDescription, e.Description, graph.PredStartDate, e.Date,
		graph.PredDateText, e.DateText, graph.PredNote, e.Note)
	if e.Status != "" {
		if v := c.enum(eventStatuses, e.Status, "status", at(e.Keys, "status", e.Line)); v != "" {
			c.emit(&it, e.Line, iri, graph.PredEventStatus, quad.IRI(v), l)
		}
	}
	c.optional(&it, iri, graph.PredLocation, e.Location, "location", l, e.Line)
	c.refs(&it, iri, graph.PredAttendee, e.Attendees, "attendees", l, e.Line)
	c.refs(&it, iri, graph.PredVirtualAttendee, e.Virtual, "virtualAttendees", l, e.Line)
	c.refs(&it, iri, graph.PredExpectedAttendee, e.Expected, "expectedAttendees", l, e.Line)
	c.refs(&it, iri, graph.PredAbout, e.About, "about", l, e.Line)
	if e.Reported {
		c.emit(&it, e.Line, iri, graph.PredReported, yes, l)
	}
	c.items = append(c.items, it)
}

func (c *compiler) relation(r *Relation) {
	it := Item{Kind: "relation", Line: r.Line}
	pred := c.enum(relationPreds, r.Predicate, "predicate", at(r.Keys, "predicate", r.Line))
	s := c.resolve(r.Subject, "subject", r.Line)
	o := c.resolve(r.Object, "object", r.Line)
	if pred == "" || s == "" || o == "" {
		return
	}
	name := or(r.Name, fmt.Sprintf("%s %s %s", r.Subject.Name, local(pred), r.Object.Name))
	st := graph.IDBase + "statement/" + slug(local(s)+" "+local(pred)+" "+local(o))
	it.IRI, it.Text = st, "relation: "+name
	l := c.evidence(&it, r.Line, st, r.Evidence, true)
	if l == "" {
		return
	}
	c.emit(&it, r.Line, s, pred, quad.IRI(o), l)
	c.emit(&it, r.Line, st, graph.PredType, quad.IRI(graph.ClassStatement), l)
	c.emit(&it, r.Line, st, graph.PredName, quad.String(name), l)
	c.emit(&it, r.Line, st, graph.PredRDFSubject, quad.IRI(s), l)
	c.emit(&it, r.Line, st, graph.PredRDFPredicate, quad.IRI(pred), l)
	c.emit(&it, r.Line, st, graph.PredRDFObject, quad.IRI(o), l)
	c.items = append(c.items, it)
}
