package graph

import (
	"context"
	"sort"
)

// stanceOf maps the objects of [PredStance] to stances.
var stanceOf = map[string]Stance{
	StanceSupports: Supports, StanceOpposes: Opposes, StanceDemands: Demands,
	StanceRejects: Rejects, StanceConditional: Conditional, StanceOptimistic: Optimistic,
	StanceSkeptical: Skeptical, StanceNeutral: Neutral,
}

// Positions returns the positions that match f, in the order of their
// sources. The query starts from the most selective end it is given (the
// topic, then the holder) and follows the object index inwards.
func (s *Store) Positions(ctx context.Context, f PositionFilter) ([]Position, error) {
	if f.Stance != "" && !hasValue(stanceOf, f.Stance) {
		return nil, invalidf("unknown stance %q", f.Stance)
	}
	iris, got, err := s.records(ctx, ClassPosition,
		start{"topic", f.Topic, PredTopic}, start{"holder", f.Holder, PredHolder})
	if err != nil {
		return nil, err
	}
	holder := got["holder"]
	all, err := s.readPositions(ctx, iris)
	if err != nil {
		return nil, err
	}
	out := all[:0]
	for _, p := range all {
		if (holder == "" || p.Holder == holder) && (f.Stance == "" || p.Stance == f.Stance) {
			out = append(out, p)
		}
	}
	return out, nil
}

// PositionsOf returns the positions each holder IRI holds.
func (s *Store) PositionsOf(ctx context.Context, holders []string) (map[string][]Position, error) {
	subj, err := s.subjectsOfAny(ctx, []string{PredHolder}, holders)
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
			if p, ok := read[iri]; ok {
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
		out[iris[i]] = Position{
			IRI:     iris[i],
			Holder:  n.first(PredHolder),
			Topic:   n.first(PredTopic),
			Stance:  stanceOf[n.first(PredStance)],
			Summary: n.first(PredSummary),
			Quote:   n.first(PredQuote),
			Source:  n.first(PredSource),
		}
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
