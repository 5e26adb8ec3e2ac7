package graph

import (
	"context"
	"fmt"
	"sort"

	"github.com/cayleygraph/quad"
)

// statusOf maps the objects of [PredStatus] to claim statuses.
var statusOf = map[string]ClaimStatus{
	StatusAsserted: Asserted, StatusDisputed: Disputed,
	StatusUnverified: Unverified, StatusConfirmed: Confirmed,
}

// Claims returns the claims that match f, in the order of their sources.
// A claimant answers for itself and its affiliates, as claimant or as
// speaker, unless f.Direct; a seat of government stands for its government
// (see [Store.Positions]).
func (s *Store) Claims(ctx context.Context, f ClaimFilter) ([]Claim, error) {
	if f.Status != "" && !hasValue(statusOf, f.Status) {
		return nil, invalidf("unknown claim status %q", f.Status)
	}
	iris, sel, err := s.selectRecords(ctx, ClassClaim, f.Direct,
		selector{"about", f.About, 0, []string{PredAbout}, nil},
		selector{"claimant", f.Claimant, Affiliates, []string{PredClaimant, PredSpeaker}, actorKinds})
	if err != nil {
		return nil, err
	}
	nodes, err := s.readNodes(ctx, nil, iris)
	if err != nil {
		return nil, err
	}
	gone, err := s.retracted(ctx)
	if err != nil {
		return nil, err
	}
	out := []Claim{}
	var read []string
	for i, iri := range iris {
		n := nodes[i]
		if !n.is(ClassClaim) {
			continue // events are about things too
		}
		if gone[iri] != nil && !f.IncludeRetracted {
			continue
		}
		c := readClaim(iri, n)
		c.Retraction = gone[iri]
		if sel.match("about", c.About...) && sel.match("claimant", c.Claimant, c.Speaker) && (f.Status == "" || c.Status == f.Status) {
			out = append(out, c)
			read = append(read, iri)
		}
	}
	if err := s.claimLinksIn(ctx, read, out); err != nil {
		return nil, err
	}
	if !f.IncludeRetracted && len(gone) > 0 {
		for i := range out {
			c := &out[i]
			c.Rebuts, c.Supports = withoutAny(c.Rebuts, gone), withoutAny(c.Supports, gone)
			c.RebuttedBy, c.SupportedBy = withoutAny(c.RebuttedBy, gone), withoutAny(c.SupportedBy, gone)
		}
	}
	sort.Slice(out, func(i, j int) bool { return sourceOrder(out[i].Source, out[i].IRI, out[j].Source, out[j].IRI) })
	return out, nil
}

// readClaim reads a claim node.
func readClaim(iri string, n node) Claim {
	return Claim{
		IRI:        iri,
		Claimant:   n.first(PredClaimant),
		Summary:    n.first(PredSummary),
		Quote:      n.first(PredQuote),
		About:      n.sorted(PredAbout),
		Status:     statusOf[n.first(PredStatus)],
		DisputedBy: n.sorted(PredDisputedBy),
		MadeIn:     n.first(PredMadeIn),
		Source:     n.first(PredSource),
		Speaker:    n.first(PredSpeaker),
		Reported:   n.flag(PredReported),
		Note:       n.first(PredNote),
		Rebuts:     nonNil(n.sorted(PredRebuts)),
		Supports:   nonNil(n.sorted(PredSupportsClaim)),
		Evidence:   nonNil(n.sorted(PredEvidence)),
	}
}

// claimLinksIn fills RebuttedBy and SupportedBy of cs (whose IRIs are
// iris), in one scan of the object index.
func (s *Store) claimLinksIn(ctx context.Context, iris []string, cs []Claim) error {
	reqs := make([]scanReq, len(iris))
	for i, iri := range iris {
		reqs[i] = scanReq{quad.Object, quad.IRI(iri)}
		cs[i].RebuttedBy, cs[i].SupportedBy = []string{}, []string{}
	}
	err := s.scan(ctx, nil, reqs, predFilter{keep: []string{PredRebuts, PredSupportsClaim}}, func(i int, q quad.Quad) error {
		subj := iriOf(q.Subject)
		if iriOf(q.Predicate) == PredRebuts {
			cs[i].RebuttedBy = append(cs[i].RebuttedBy, subj)
		} else {
			cs[i].SupportedBy = append(cs[i].SupportedBy, subj)
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("read the links to %d claims: %w", len(iris), err)
	}
	for i := range cs {
		sort.Strings(cs[i].RebuttedBy)
		sort.Strings(cs[i].SupportedBy)
	}
	return nil
}

// claimsByIRI reads the claim nodes among iris, with their links from other
// claims, in one batch.
func (s *Store) claimsByIRI(ctx context.Context, iris []string) (map[string]Claim, error) {
	iris = unique(iris)
	nodes, err := s.readNodes(ctx, nil, iris)
	if err != nil {
		return nil, err
	}
	var (
		read []string
		cs   []Claim
	)
	for i, n := range nodes {
		if n.is(ClassClaim) {
			read = append(read, iris[i])
			cs = append(cs, readClaim(iris[i], n))
		}
	}
	if err := s.claimLinksIn(ctx, read, cs); err != nil {
		return nil, err
	}
	out := make(map[string]Claim, len(cs))
	for i, c := range cs {
		out[read[i]] = c
	}
	return out, nil
}

// withoutAny returns iris without those gone holds.
func withoutAny(iris []string, gone map[string]*Retraction) []string {
	out := iris[:0:0]
	for _, iri := range iris {
		if gone[iri] == nil {
			out = append(out, iri)
		}
	}
	return out
}
