package graph

import (
	"context"
	"fmt"

	"github.com/cayleygraph/quad"
)

// updateCatalog brings the name index up to date after a write: the
// subjects in remaining are indexed afresh from the quads they have left,
// and added quads are indexed on top. Added quads that record a retraction
// (a load of an export) change what is withdrawn, so the index is rebuilt.
func (s *Store) updateCatalog(ctx context.Context, remaining map[string][]quad.Quad, added []quad.Quad) {
	for _, q := range added {
		if iriOf(q.Predicate) == PredRetracts {
			if err := s.reindex(ctx); err != nil {
				s.log.WarnContext(ctx, "cannot rebuild the name index after a write that records a retraction", "err", err)
			}
			return
		}
	}
	cat := s.catalog().clone()
	for iri, qs := range remaining {
		cat.forget(iri)
		cat.addAll(qs)
	}
	cat.addAll(added)
	cat.finish()
	s.mu.Lock()
	s.cat = cat
	s.mu.Unlock()
}

// withdrawNames brings the name index up to date after a retraction: the
// entities that a newly withdrawn label typed, named or aliased are indexed
// afresh from all their quads, so that only what the retraction withdraws
// goes (a seed entity that the retracted source also names stays). The
// cost follows the quads of the retracted source, not the graph's size.
func (s *Store) withdrawNames(ctx context.Context) error {
	w, err := s.withdrawal(ctx)
	if err != nil {
		return err
	}
	old := s.catalog()
	touched := map[string]bool{}
	for label := range w.labels {
		if old.withdrawn.covers(label) != nil {
			continue
		}
		err := s.eachQuad(ctx, quad.Label, quad.IRI(label), func(q quad.Quad) error {
			switch iriOf(q.Predicate) {
			case PredType, PredName, PredAlternateName, PredStartDate:
				touched[iriOf(q.Subject)] = true
			}
			return nil
		})
		if err != nil {
			return fmt.Errorf("read the quads labelled %s: %w", label, err)
		}
	}
	subjects := sortedKeys(touched)
	have, err := s.subjectQuads(ctx, subjects)
	if err != nil {
		return err
	}
	cat := old.clone()
	cat.withdrawn, cat.ownWithdrawn = w, true
	for _, iri := range subjects {
		cat.forget(iri)
		for _, q := range have[iri] {
			cat.add(q)
		}
	}
	cat.finish()
	s.mu.Lock()
	s.cat = cat
	s.mu.Unlock()
	return nil
}
