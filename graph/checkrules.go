package graph

import (
	"strings"

	"github.com/cayleygraph/quad"
)

// The value sets of vocabulary v2. The validator keeps its own, so that
// what data may say does not depend on what the readers map.
var (
	// validStances are the objects of [PredStance]: preferences only.
	validStances = map[string]bool{StanceSupports: true, StanceOpposes: true, StanceDemands: true,
		StanceRejects: true, StanceConditional: true, StanceDemandsSay: true, StanceNeutral: true}
	// validOutlooks are the objects of [PredOutlook]: expectations.
	validOutlooks = map[string]bool{OutlookOptimistic: true, OutlookSkeptical: true}
	// validEventStatuses are the objects of [PredEventStatus].
	validEventStatuses = map[string]bool{EventScheduled: true, EventHeld: true, EventOngoing: true, EventFailed: true}
)

// attendance are the predicates that name who took part in an event.
var attendance = []string{PredAttendee, PredVirtualAttendee, PredExpectedAttendee}

// checkShape checks what a node of class t must have beyond single
// predicates: a position states a stance or an outlook, an event has an
// attendee of some kind, a span's offsets make sense.
func (c *checker) checkShape(iri, t string, n *checkedNode) {
	switch t {
	case ClassPosition:
		if n.counts[PredStance]+n.counts[PredOutlook] == 0 {
			c.report(n.first, iri, PredStance, "Position has no stance and no outlook; it needs at least one")
		}
	case ClassEvent:
		count := 0
		for _, p := range attendance {
			count += n.counts[p]
		}
		if count == 0 {
			c.report(n.first, iri, PredAttendee, "Event has no attendee, virtual attendee or expected attendee; it needs at least one")
		}
	case ClassSpan:
		start, hasStart := n.ints[PredStart]
		end, hasEnd := n.ints[PredEnd]
		if hasStart && start.n < 0 {
			c.report(start.st, iri, PredStart, "start %d is negative", start.n)
		}
		if hasStart && hasEnd && start.n >= end.n {
			c.report(end.st, iri, PredEnd, "end %d is not after start %d", end.n, start.n)
		}
		if s, ok := n.ints[PredSentence]; ok && s.n < 1 {
			c.report(s.st, iri, PredSentence, "sentence %d is not a 1-based sentence number", s.n)
		}
	}
}

// checkReified checks that an rdf:Statement names a quad the data holds, so
// that its evidence supports something the graph says.
func (c *checker) checkReified(iri string, n *checkedNode) {
	if !c.hasClass(iri, ClassStatement) || n.reify[0] == "" || n.reify[1] == "" || n.reify[2] == "" {
		return
	}
	key := tripleKey(quad.Quad{Subject: quad.IRI(n.reify[0]), Predicate: quad.IRI(n.reify[1]), Object: quad.IRI(n.reify[2])})
	if !c.triples[key] {
		c.report(n.first, iri, PredRDFSubject, "the statement names <%s> %s <%s>, which the data does not hold",
			n.reify[0], localName(n.reify[1]), n.reify[2])
	}
}

// checkBroaderCycles reports each skos:broader statement of stmts that
// closes a cycle: a topic must not end up broader than itself.
func (c *checker) checkBroaderCycles(stmts []Statement) {
	for _, st := range stmts {
		if iriOf(st.Quad.Predicate) != PredBroader {
			continue
		}
		from, to := iriOf(st.Quad.Subject), iriOf(st.Quad.Object)
		if path := c.broaderPath(to, from); path != nil {
			c.report(st, from, PredBroader, "skos:broader cycle: %s", strings.Join(append([]string{from}, path...), " → "))
		}
	}
}

// broaderPath returns a path of broader links from start to goal, both
// included, or nil when goal is not above start.
func (c *checker) broaderPath(start, goal string) []string {
	prev := map[string]string{start: ""}
	queue := []string{start}
	for len(queue) > 0 {
		cur := queue[0]
		queue = queue[1:]
		if cur == goal {
			var path []string
			for at := cur; at != ""; at = prev[at] {
				path = append([]string{at}, path...)
			}
			return path
		}
		for _, up := range c.broader[cur] {
			if _, seen := prev[up]; !seen {
				prev[up] = cur
				queue = append(queue, up)
			}
		}
	}
	return nil
}

// isSHA256 reports whether s is a SHA-256 in lower-case hex.
func isSHA256(s string) bool {
	if len(s) != 64 {
		return false
	}
	for _, r := range s {
		if !('0' <= r && r <= '9' || 'a' <= r && r <= 'f') {
			return false
		}
	}
	return true
}
