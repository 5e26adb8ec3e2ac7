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
	out := make(map[string][]Position, len(holders))
	for _, h := range holders {
		iris, err := s.subjectsOf(ctx, PredHolder, h)
		if err != nil {
			return nil, err
		}
		ps, err := s.readPositions(ctx, iris)
		if err != nil {
			return nil, err
		}
		out[h] = ps
	}
	return out, nil
}

// readPositions reads position nodes, skipping nodes that are not positions,
// and orders them by source, then IRI.
func (s *Store) readPositions(ctx context.Context, iris []string) ([]Position, error) {
	out := make([]Position, 0, len(iris))
	for _, iri := range iris {
		n, err := s.readNode(ctx, iri)
		if err != nil {
			return nil, err
		}
		if !n.is(ClassPosition) {
			continue
		}
		out = append(out, Position{
			IRI:     iri,
			Holder:  n.first(PredHolder),
			Topic:   n.first(PredTopic),
			Stance:  stanceOf[n.first(PredStance)],
			Summary: n.first(PredSummary),
			Quote:   n.first(PredQuote),
			Source:  n.first(PredSource),
		})
	}
	sort.Slice(out, func(i, j int) bool { return sourceOrder(out[i].Source, out[i].IRI, out[j].Source, out[j].IRI) })
	return out, nil
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
