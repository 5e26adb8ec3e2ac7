package graph

import (
	"context"
	"fmt"
	"sort"
	"strings"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"
)

// ReplaceResult says what [Store.ReplaceDocument] did, or would do.
type ReplaceResult struct {
	// Added are the statements written: those whose subject, predicate and
	// object the store did not hold.
	Added []Statement
	// Removed are the stored quads of the document's earlier statements that
	// the new ones no longer make.
	Removed []quad.Quad
	// Contributions lists the IRIs of the contribution nodes written.
	Contributions []string
}

// ReplaceDocument makes stmts the statements written from doc's authoring
// file: it adds those the store does not hold, and removes the quads of the
// contributions earlier written from doc's file (those with
// parley:authoredFrom doc) that stmts no longer make, in one transaction.
// Every other quad stays, whoever wrote it. The result is validated against
// the vocabulary together with what the store holds; on any error nothing
// changes. With dryRun it only plans and checks. Writing the same stmts
// twice changes nothing the second time. A retracted doc takes no more
// statements ([ErrRetracted]).
func (s *Store) ReplaceDocument(ctx context.Context, ch Change, doc string, stmts []Statement, dryRun bool) (ReplaceResult, error) {
	if strings.TrimSpace(ch.Author) == "" {
		return ReplaceResult{}, invalidf("a write needs an author")
	}
	if len(stmts) > MaxWriteQuads {
		return ReplaceResult{}, invalidf("%d quads in one write; at most %d", len(stmts), MaxWriteQuads)
	}
	var vs []Violation
	for _, st := range stmts {
		if reserved(st.Quad) {
			vs = append(vs, violation(st, "contributions are recorded by the server; a write may not make, change or remove one"))
		}
	}
	if vs != nil {
		return ReplaceResult{}, &ViolationsError{Violations: vs}
	}
	var res ReplaceResult
	err := s.serialWrite(ctx, func() error {
		plan, err := s.planReplace(ctx, doc, stmts)
		if err != nil {
			return err
		}
		res.Added, res.Removed = plan.fresh, plan.remove
		if dryRun || (len(plan.fresh) == 0 && len(plan.remove) == 0) {
			return nil
		}
		var added []quad.Quad
		if len(plan.fresh) > 0 {
			added, res.Contributions, err = contribute(ch, plan.fresh)
			if err != nil {
				return err
			}
			for _, c := range res.Contributions {
				added = append(added, quad.Make(quad.IRI(c), quad.IRI(PredAuthoredFrom), quad.IRI(doc), quad.IRI(c)))
			}
		}
		tx := cgraph.NewTransactionN(len(plan.remove) + len(added))
		for _, q := range plan.remove {
			tx.RemoveQuad(q)
		}
		for _, q := range added {
			tx.AddQuad(q)
		}
		s.lock.write(func() { err = s.qw.ApplyTransaction(tx) })
		if err != nil {
			return fmt.Errorf("replace the statements of %s: %w", doc, err)
		}
		s.updateCatalog(ctx, plan.remaining, added)
		s.textWritten(ctx, plan.remaining, added)
		s.log.InfoContext(ctx, "document statements replaced", "author", ch.Author, "document", doc,
			"added", len(plan.fresh), "removed", len(plan.remove), "contributions", res.Contributions)
		return nil
	})
	return res, err
}

// serialWrite runs fn as the only write: one at a time in this process, and
// on PostgreSQL among every process sharing the database.
func (s *Store) serialWrite(ctx context.Context, fn func() error) error {
	s.writeMu.Lock()
	defer s.writeMu.Unlock()
	if s.sql != nil {
		unlock, err := s.sql.lockWrites(ctx)
		if err != nil {
			return err
		}
		defer unlock()
	}
	return fn()
}

// replacement is a checked replacement.
type replacement struct {
	removal
	fresh []Statement
}

// planReplace finds the quads earlier written from doc's file that stmts do
// not make again, and checks stmts, and what the removal leaves, against
// the vocabulary.
func (s *Store) planReplace(ctx context.Context, doc string, stmts []Statement) (replacement, error) {
	old, err := s.authoredQuads(ctx, doc)
	if err != nil {
		return replacement{}, err
	}
	if err := s.refuseRetracted(ctx, doc, old, stmts); err != nil {
		return replacement{}, err
	}
	keep := make(map[string]bool, len(stmts))
	for _, st := range stmts {
		keep[tripleKey(st.Quad)] = true
	}
	plan := replacement{removal: removal{remaining: map[string][]quad.Quad{}}}
	removed := map[string]bool{}
	var gone []Statement
	for _, q := range old {
		if !keep[tripleKey(q)] {
			removed[quadKey(q)] = true
			plan.remove = append(plan.remove, q)
			gone = append(gone, Statement{Quad: q, File: "(stored)"})
		}
	}
	plan.fresh, err = s.checkAddExcept(ctx, stmts, removed)
	if err != nil {
		return replacement{}, err
	}
	if len(plan.remove) == 0 {
		return plan, nil
	}
	vs, err := s.orphanedStatements(ctx, gone, removed)
	if err != nil {
		return replacement{}, err
	}
	renewed := map[string]bool{}
	for _, st := range stmts {
		renewed[iriOf(st.Quad.Subject)] = true
	}
	var subjects []string
	for _, q := range plan.remove {
		if iri := iriOf(q.Subject); !renewed[iri] && !isContribution(iri) {
			renewed[iri] = true
			subjects = append(subjects, iri)
		}
	}
	have, err := s.subjectQuads(ctx, subjects)
	if err != nil {
		return replacement{}, err
	}
	for _, iri := range subjects {
		var rest []quad.Quad
		for _, q := range have[iri] {
			if !removed[quadKey(q)] {
				rest = append(rest, q)
			}
		}
		plan.remaining[iri] = rest
		at := Statement{Quad: quad.Quad{Subject: quad.IRI(iri)}, File: "(stored)"}
		if len(rest) > 0 {
			vs = append(vs, checkRemaining(at, iri, rest)...)
			continue
		}
		n, example, err := s.referrers(ctx, iri, removed)
		if err != nil {
			return replacement{}, err
		}
		if n > 0 {
			vs = append(vs, violation(at, "the new file drops <%s>, but %d other quads still point at it, such as %s", iri, n, example))
		}
	}
	if vs != nil {
		sort.SliceStable(vs, func(i, j int) bool { return vs[i].Line < vs[j].Line })
		return replacement{}, &ViolationsError{Violations: vs}
	}
	return plan, s.dropEmptyContributions(ctx, &plan.removal, removed)
}

// authoredQuads returns the quads of every contribution written from doc's
// authoring file, the contributions' own quads left out.
func (s *Store) authoredQuads(ctx context.Context, doc string) ([]quad.Quad, error) {
	var contribs []string
	err := s.eachQuad(ctx, quad.Object, quad.IRI(doc), func(q quad.Quad) error {
		if iriOf(q.Predicate) == PredAuthoredFrom && isContribution(iriOf(q.Subject)) {
			contribs = append(contribs, iriOf(q.Subject))
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("find the contributions written from %s: %w", doc, err)
	}
	var out []quad.Quad
	for _, c := range unique(contribs) {
		err := s.eachQuad(ctx, quad.Label, quad.IRI(c), func(q quad.Quad) error {
			if iriOf(q.Subject) != c {
				out = append(out, q)
			}
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("read contribution %s: %w", c, err)
		}
	}
	return out, nil
}
