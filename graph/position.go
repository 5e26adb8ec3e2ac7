package graph

import (
	"context"
	"sort"
)

// stanceOf maps the objects of [PredStance] to stances. Data written
// before vocabulary v2 gave the outlooks as stances: they are still known
// values, which map to no stance and read as the outlook (see outlookOf).
var stanceOf = map[string]Stance{
	StanceSupports: Supports, StanceOpposes: Opposes, StanceDemands: Demands,
	StanceRejects: Rejects, StanceConditional: Conditional, StanceDemandsSay: DemandsSay,
	StanceNeutral: Neutral, StanceOptimistic: "", StanceSkeptical: "",
}

// outlookOf maps the objects of [PredOutlook] to outlooks.
var outlookOf = map[string]Outlook{OutlookOptimistic: Optimistic, OutlookSkeptical: Skeptical}

// readPosition reads a position node.
func readPosition(iri string, n node) Position {
	p := Position{
		IRI:      iri,
		Holder:   n.first(PredHolder),
		Topic:    n.first(PredTopic),
		Stance:   stanceOf[n.first(PredStance)],
		Outlook:  outlookOf[n.first(PredOutlook)],
		Summary:  n.first(PredSummary),
		Quote:    n.first(PredQuote),
		Source:   n.first(PredSource),
		Speaker:  n.first(PredSpeaker),
		Occasion: n.first(PredOccasion),
		Reported: n.flag(PredReported),
		Note:     n.first(PredNote),
		Evidence: n.sorted(PredEvidence),
	}
	if o, legacy := outlookOf[n.first(PredStance)]; legacy && p.Outlook == "" {
		p.Outlook = o
	}
	return p
}

// Positions returns the positions that match f, in the order of their
// sources. A topic answers for itself and every topic below it, a holder
// for itself and its affiliates, as holder or as speaker, unless f.Direct
// (see [Store.Closure]); a holder that is a seat of government stands for
// its government (see [Store.ResolveActor]). The query starts from the
// most selective end it is given (the topics, then the holders) and
// follows the object index inwards.
func (s *Store) Positions(ctx context.Context, f PositionFilter) ([]Position, error) {
	if f.Stance != "" && !hasValue(stanceOf, f.Stance) { // "" is no stance, not a filter
		return nil, invalidf("unknown stance %q", f.Stance)
	}
	if f.Outlook != "" && !hasValue(outlookOf, f.Outlook) {
		return nil, invalidf("unknown outlook %q", f.Outlook)
	}
	iris, sel, err := s.selectRecords(ctx, ClassPosition, f.Direct,
		selector{"topic", f.Topic, Narrower, []string{PredTopic}, topicKinds},
		selector{"holder", f.Holder, Affiliates, []string{PredHolder, PredSpeaker}, actorKinds})
	if err != nil {
		return nil, err
	}
	all, err := s.readPositions(ctx, iris)
	if err != nil {
		return nil, err
	}
	gone, err := s.retracted(ctx)
	if err != nil {
		return nil, err
	}
	out := all[:0]
	for _, p := range all {
		if r := gone[p.IRI]; r != nil && !f.IncludeRetracted {
			continue
		} else {
			p.Retraction = r
		}
		if sel.match("topic", p.Topic) && sel.match("holder", p.Holder, p.Speaker) &&
			(f.Stance == "" || p.Stance == f.Stance) && (f.Outlook == "" || p.Outlook == f.Outlook) {
			out = append(out, p)
		}
	}
	return out, nil
}

// PositionsOf returns the positions each holder IRI holds, those a
// retraction withdrew left out.
func (s *Store) PositionsOf(ctx context.Context, holders []string) (map[string][]Position, error) {
	subj, err := s.subjectsOfAny(ctx, []string{PredHolder}, holders)
	if err != nil {
		return nil, err
	}
	gone, err := s.retracted(ctx)
	if err != nil {
		return nil, err
	}
	var iris []string
	for _, ss := range subj {
		iris = append(iris, ss...)
	}
	read, err := s.positionsByIRI(ctx, iris)
	if err != nil {
		return nil, err
	}
	out := make(map[string][]Position, len(holders))
	for i, h := range holders {
		ps := make([]Position, 0, len(subj[i]))
		for _, iri := range subj[i] {
			if p, ok := read[iri]; ok && gone[iri] == nil {
				ps = append(ps, p)
			}
		}
		sortPositions(ps)
		out[h] = ps
	}
	return out, nil
}

// readPositions reads position nodes, skipping nodes that are not positions,
// and orders them by source, then IRI.
func (s *Store) readPositions(ctx context.Context, iris []string) ([]Position, error) {
	read, err := s.positionsByIRI(ctx, iris)
	if err != nil {
		return nil, err
	}
	out := make([]Position, 0, len(iris))
	for _, iri := range iris {
		if p, ok := read[iri]; ok {
			out = append(out, p)
		}
	}
	sortPositions(out)
	return out, nil
}

// positionsByIRI reads the position nodes among iris, in one batch.
func (s *Store) positionsByIRI(ctx context.Context, iris []string) (map[string]Position, error) {
	iris = unique(iris)
	nodes, err := s.readNodes(ctx, nil, iris)
	if err != nil {
		return nil, err
	}
	out := make(map[string]Position, len(iris))
	for i, n := range nodes {
		if !n.is(ClassPosition) {
			continue
		}
		out[iris[i]] = readPosition(iris[i], n)
	}
	return out, nil
}

func sortPositions(ps []Position) {
	sort.Slice(ps, func(i, j int) bool { return sourceOrder(ps[i].Source, ps[i].IRI, ps[j].Source, ps[j].IRI) })
}

// sourceOrder orders two records by source in reading order, then by IRI.
func sourceOrder(srcA, iriA, srcB, iriB string) bool {
	if srcA != srcB {
		pa, na := splitNumber(srcA)
		pb, nb := splitNumber(srcB)
		if pa != pb {
			return pa < pb
		}
		return na < nb
	}
	return iriA < iriB
}
