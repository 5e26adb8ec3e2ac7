package graph

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/cayleygraph/quad"
)

// Retraction is the record that a document or a contribution was
// withdrawn: who, when and why.
type Retraction struct {
	IRI    string
	Target string // the document or contribution withdrawn
	By     string
	At     string // RFC 3339
	Reason string
}

// Retract withdraws target, a document (every statement taken from it) or
// a contribution, recording who (ch.Author), when and why. Nothing is
// deleted: default queries leave the withdrawn positions, claims and events
// out, queries with IncludeRetracted show them with their retraction, and
// export keeps every quad. The entities and aliases that only the withdrawn
// quads gave are found by no name any more, as before they were added. It
// returns the retraction's IRI.
func (s *Store) Retract(ctx context.Context, ch Change, target, reason string) (string, error) {
	if strings.TrimSpace(ch.Author) == "" {
		return "", invalidf("a retraction needs an author")
	}
	if strings.TrimSpace(reason) == "" {
		return "", invalidf("a retraction needs a reason")
	}
	target = strings.Trim(strings.TrimSpace(target), "<>")
	when := ch.Time
	if when.IsZero() {
		when = time.Now()
	}
	when = when.UTC().Truncate(time.Second)
	var nonce [6]byte
	if _, err := rand.Read(nonce[:]); err != nil {
		return "", fmt.Errorf("name retraction: %w", err)
	}
	r := quad.IRI(RetractionBase + when.Format("20060102T150405Z") + "-" + hex.EncodeToString(nonce[:]))
	stamp := when.Format(time.RFC3339)
	quads := []quad.Quad{
		quad.Make(r, quad.IRI(PredType), quad.IRI(ClassRetraction), r),
		quad.Make(r, quad.IRI(PredName), quad.String("Retraction by "+ch.Author+" at "+stamp), r),
		quad.Make(r, quad.IRI(PredRetracts), quad.IRI(target), r),
		quad.Make(r, quad.IRI(PredRetractedBy), quad.String(ch.Author), r),
		quad.Make(r, quad.IRI(PredRetractedAt), quad.TypedString{Value: quad.String(stamp), Type: XSDDateTime}, r),
		quad.Make(r, quad.IRI(PredReason), quad.String(reason), r),
	}
	err := s.serialWrite(ctx, func() error {
		have, err := s.subjectQuads(ctx, []string{target})
		if err != nil {
			return err
		}
		stmts := make([]Statement, len(quads))
		for i, q := range quads {
			stmts[i] = Statement{Quad: q, File: "retraction", Line: i + 1}
		}
		known := make([]Statement, 0, len(have[target]))
		for _, q := range have[target] {
			known = append(known, Statement{Quad: q})
		}
		if len(known) == 0 {
			return fmt.Errorf("%w: nothing to retract: the store holds no document or contribution <%s>", ErrNotFound, target)
		}
		if vs := checkAgainst(stmts, known); vs != nil {
			return &ViolationsError{Violations: vs}
		}
		s.lock.write(func() { err = s.write(ctx, quads) })
		if err != nil {
			return fmt.Errorf("write retraction of %s: %w", target, err)
		}
		s.log.InfoContext(ctx, "retracted", "author", ch.Author, "target", target, "retraction", string(r))
		// The names only the retracted source gave go with it.
		if err := s.withdrawNames(ctx); err != nil {
			return fmt.Errorf("retraction %s of %s is recorded, but the name index still finds its names: %w", r, target, err)
		}
		return nil
	})
	return string(r), err
}

// withdrawal is what retractions withdraw, as the labels of the quads they
// withdraw. It is the one rule that both the statement filters
// ([Store.retracted]) and the name index follow.
type withdrawal struct {
	// roots are the retracted documents and contributions, and the
	// paragraphs of retracted documents.
	roots map[string]*Retraction
	// labels are the roots and the contributions that cite a root or were
	// written from a retracted document's authoring file.
	labels map[string]*Retraction
}

// covers returns the retraction that withdraws the quads labelled label,
// or nil.
func (w *withdrawal) covers(label string) *Retraction {
	if w == nil {
		return nil
	}
	return w.labels[label]
}

// linked returns the retraction that q brings its subject under: q says
// that a contribution cites a root or was written from one. A contribution
// written after a retraction, from or citing what it retracts, is
// withdrawn too.
func (w *withdrawal) linked(q quad.Quad) *Retraction {
	if w == nil {
		return nil
	}
	switch iriOf(q.Predicate) {
	case PredAuthoredFrom, PredCites:
		return w.roots[iriOf(q.Object)]
	}
	return nil
}

// withdrawal reads what the stored retractions withdraw; nil when the
// store holds none.
func (s *Store) withdrawal(ctx context.Context) (*withdrawal, error) {
	var rs []string
	err := s.eachQuad(ctx, quad.Object, quad.IRI(ClassRetraction), func(q quad.Quad) error {
		if iriOf(q.Predicate) == PredType {
			rs = append(rs, iriOf(q.Subject))
		}
		return nil
	})
	if err != nil || len(rs) == 0 {
		return nil, err
	}
	nodes, err := s.readNodes(ctx, nil, rs)
	if err != nil {
		return nil, err
	}
	w := &withdrawal{roots: map[string]*Retraction{}, labels: map[string]*Retraction{}}
	for i, n := range nodes {
		r := &Retraction{IRI: rs[i], Target: n.first(PredRetracts), By: n.first(PredRetractedBy),
			At: n.first(PredRetractedAt), Reason: n.first(PredReason)}
		w.roots[r.Target] = r
		// A document: its paragraphs are roots too.
		err := s.eachQuad(ctx, quad.Object, quad.IRI(r.Target), func(q quad.Quad) error {
			if iriOf(q.Predicate) == PredDocument {
				w.roots[iriOf(q.Subject)] = r
			}
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("read what %s retracts: %w", r.IRI, err)
		}
	}
	for root, r := range w.roots {
		w.labels[root] = r
		err := s.eachQuad(ctx, quad.Object, quad.IRI(root), func(q quad.Quad) error {
			if l := w.linked(q); l != nil {
				w.labels[iriOf(q.Subject)] = l
			}
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("read what %s retracts: %w", r.IRI, err)
		}
	}
	return w, nil
}

// retracted returns the positions, claims and events that retractions
// withdraw, each with its retraction: those whose typing quad carries a
// withdrawn label (see withdrawal).
func (s *Store) retracted(ctx context.Context) (map[string]*Retraction, error) {
	w, err := s.withdrawal(ctx)
	if err != nil || w == nil {
		return nil, err
	}
	out := map[string]*Retraction{}
	for label, r := range w.labels {
		err := s.eachQuad(ctx, quad.Label, quad.IRI(label), func(q quad.Quad) error {
			if iriOf(q.Predicate) != PredType {
				return nil
			}
			switch iriOf(q.Object) {
			case ClassPosition, ClassClaim, ClassEvent:
				out[iriOf(q.Subject)] = r
			}
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("read what %s retracts: %w", r.IRI, err)
		}
	}
	return out, nil
}

// ErrRetracted is returned for a write to a document that a retraction
// withdrew, and for a document's file that states again what the
// retraction of one of its contributions withdrew. A retraction is never
// undone: the statements stay withdrawn, and adding them again would
// write nothing new, or only statements withdrawn as they are written.
var ErrRetracted = errors.New("retracted")

// refuseRetracted fails with [ErrRetracted] (and [ErrInvalid], which the
// HTTP and GraphQL edges report as bad input) when doc has been retracted,
// or when stmts state again what a retraction of one of the contributions
// written from doc withdrew (old are the quads of those contributions):
// the store holds such a quad, so the write would add nothing, and the
// statement would stay withdrawn while the writer is told all is well.
// The error says by whom, when and why, and where each such statement
// is; when one is doc's own record, the document takes no more
// statements, as if it had been retracted itself.
func (s *Store) refuseRetracted(ctx context.Context, doc string, old []quad.Quad, stmts []Statement) error {
	w, err := s.withdrawal(ctx)
	if err != nil {
		return fmt.Errorf("check whether %s was retracted: %w", doc, err)
	}
	if w == nil {
		return nil
	}
	if r := w.covers(doc); r != nil && r.Target == doc {
		return fmt.Errorf("%w: %w: document <%s> was retracted by %s at %s (%q): a retraction is never undone, so the document takes no more statements, and its own stay withdrawn (queries with includeRetracted show them)",
			ErrInvalid, ErrRetracted, doc, r.By, r.At, r.Reason)
	}
	withdrawn := map[string]*Retraction{}
	live := map[string]bool{}
	for _, q := range old {
		if r := w.covers(iriOf(q.Label)); r != nil {
			withdrawn[tripleKey(q)] = r
		} else {
			live[tripleKey(q)] = true
		}
	}
	var vs []Violation
	for _, st := range stmts {
		k := tripleKey(st.Quad)
		r := withdrawn[k]
		if r == nil || live[k] {
			continue
		}
		if iriOf(st.Quad.Subject) == doc {
			return fmt.Errorf("%w: %w: the record of document <%s> was withdrawn by %s's retraction of <%s> at %s (%q): a retraction is never undone, so the document takes no more statements (queries with includeRetracted show its own)",
				ErrInvalid, ErrRetracted, doc, r.By, r.Target, r.At, r.Reason)
		}
		vs = append(vs, violation(st, "this statement was withdrawn by %s's retraction of <%s> at %s (%q); a retraction is never undone, so leave it out of the file", r.By, r.Target, r.At, r.Reason))
	}
	if vs != nil {
		return fmt.Errorf("%w (%w)", &ViolationsError{Violations: vs}, ErrRetracted)
	}
	return nil
}
