package graph

import (
	"context"
	"sort"
)

// statusOf maps the objects of [PredStatus] to claim statuses.
var statusOf = map[string]ClaimStatus{
	StatusAsserted: Asserted, StatusDisputed: Disputed,
	StatusUnverified: Unverified, StatusConfirmed: Confirmed,
}

// Claims returns the claims that match f, in the order of their sources.
func (s *Store) Claims(ctx context.Context, f ClaimFilter) ([]Claim, error) {
	if f.Status != "" && !hasValue(statusOf, f.Status) {
		return nil, invalidf("unknown claim status %q", f.Status)
	}
	iris, got, err := s.records(ctx, ClassClaim,
		start{"about", f.About, PredAbout}, start{"claimant", f.Claimant, PredClaimant})
	if err != nil {
		return nil, err
	}
	claimant := got["claimant"]
	nodes, err := s.readNodes(ctx, nil, iris)
	if err != nil {
		return nil, err
	}
	out := []Claim{}
	for i, iri := range iris {
		n := nodes[i]
		if !n.is(ClassClaim) {
			continue // events are about things too
		}
		c := claimOf(iri, n)
		if (claimant == "" || c.Claimant == claimant) && (f.Status == "" || c.Status == f.Status) {
			out = append(out, c)
		}
	}
	sort.Slice(out, func(i, j int) bool { return sourceOrder(out[i].Source, out[i].IRI, out[j].Source, out[j].IRI) })
	return out, nil
}

// claimOf returns the claim node n as a Claim.
func claimOf(iri string, n node) Claim {
	c := Claim{
		IRI:        iri,
		Claimant:   n.first(PredClaimant),
		Summary:    n.first(PredSummary),
		Quote:      n.first(PredQuote),
		About:      n.all(PredAbout),
		Status:     statusOf[n.first(PredStatus)],
		DisputedBy: n.all(PredDisputedBy),
		MadeIn:     n.first(PredMadeIn),
		Source:     n.first(PredSource),
	}
	sort.Strings(c.About)
	sort.Strings(c.DisputedBy)
	return c
}

// claimsByIRI reads the claim nodes among iris, in one batch.
func (s *Store) claimsByIRI(ctx context.Context, iris []string) (map[string]Claim, error) {
	iris = unique(iris)
	nodes, err := s.readNodes(ctx, nil, iris)
	if err != nil {
		return nil, err
	}
	out := make(map[string]Claim, len(iris))
	for i, n := range nodes {
		if n.is(ClassClaim) {
			out[iris[i]] = claimOf(iris[i], n)
		}
	}
	return out, nil
}
