package graph

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"io"
	"strings"
	"time"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"
)

// MaxWriteQuads bounds the quads of one write. A bigger change is several
// writes, or `parley load` against a stopped server.
const MaxWriteQuads = 100_000

// Change says who makes a write and when, for the provenance the store
// records with it.
type Change struct {
	// Author names whoever holds the credential the write came with.
	Author string
	// Time is when the write is made; zero means now.
	Time time.Time
}

// WriteResult says what a write did.
type WriteResult struct {
	// Quads counts the quads of the request, duplicates included.
	Quads int
	// Changed counts the quads added or removed. An add skips quads whose
	// subject, predicate and object are already in the store.
	Changed int
	// Contributions lists the IRIs of the contribution nodes the added
	// quads are labelled with, one per source the request cited.
	Contributions []string
}

// AddQuads validates the N-Quads of r against the vocabulary, in the
// context of what the store holds, and adds them in one transaction: on any
// error nothing is written. The label of each quad must name the source it
// is taken from (a source paragraph, document or contribution, in the store
// or in r); the store relabels each quad with a contribution node saying
// who wrote it, when, and which source it cited, so that provenance
// survives user additions. name is used in errors ("name:line: …").
func (s *Store) AddQuads(ctx context.Context, ch Change, name string, r io.Reader) (WriteResult, error) {
	return s.change(ctx, ch, name, r, func(stmts []Statement) (res WriteResult, err error) {
		fresh, err := s.checkAdd(ctx, stmts)
		if err != nil || len(fresh) == 0 {
			return res, err
		}
		quads, contribs, err := contribute(ch, fresh)
		if err != nil {
			return res, err
		}
		s.lock.write(func() { err = s.write(ctx, quads) })
		if err != nil {
			return res, fmt.Errorf("write %d quads: %w", len(quads), err)
		}
		s.updateCatalog(ctx, nil, quads)
		s.textWritten(ctx, nil, quads)
		s.log.InfoContext(ctx, "quads written", "author", ch.Author, "quads", len(stmts), "added", len(fresh), "contributions", contribs)
		return WriteResult{Changed: len(fresh), Contributions: contribs}, nil
	})
}

// RemoveQuads removes the N-Quads of r, each given exactly as stored (with
// its label, as `parley export` writes it), in one transaction: on any error
// nothing is removed. Every quad must be in the store, and what remains must
// still satisfy the vocabulary: a node keeps its type, name and required
// facts unless all of its quads go, and then nothing may still point at it.
// A contribution none of whose quads remain goes too.
func (s *Store) RemoveQuads(ctx context.Context, ch Change, name string, r io.Reader) (WriteResult, error) {
	return s.change(ctx, ch, name, r, func(stmts []Statement) (res WriteResult, err error) {
		plan, err := s.checkRemove(ctx, stmts)
		if err != nil {
			return res, err
		}
		tx := cgraph.NewTransactionN(len(plan.remove))
		for _, q := range plan.remove {
			tx.RemoveQuad(q)
		}
		s.lock.write(func() { err = s.qw.ApplyTransaction(tx) })
		if err != nil {
			return res, fmt.Errorf("remove %d quads: %w", len(plan.remove), err)
		}
		s.updateCatalog(ctx, plan.remaining, nil)
		s.textWritten(ctx, plan.remaining, nil)
		s.log.InfoContext(ctx, "quads removed", "author", ch.Author, "quads", len(stmts), "removed", len(plan.remove))
		return WriteResult{Changed: len(plan.remove)}, nil
	})
}

// change parses a write and applies it with apply, one write at a time,
// so that what apply checks still holds when it writes: one at a time in
// this process, and on PostgreSQL one at a time among every process that
// shares the database.
func (s *Store) change(ctx context.Context, ch Change, name string, r io.Reader, apply func([]Statement) (WriteResult, error)) (WriteResult, error) {
	stmts, err := s.parseWrite(ch, name, r)
	if err != nil {
		return WriteResult{}, err
	}
	s.writeMu.Lock()
	defer s.writeMu.Unlock()
	if s.sql != nil {
		unlock, err := s.sql.lockWrites(ctx)
		if err != nil {
			return WriteResult{}, err
		}
		defer unlock()
	}
	res, err := apply(stmts)
	res.Quads = len(stmts)
	return res, err
}

// parseWrite parses a write's N-Quads, without decompressing them, and
// checks what holds whatever the store contains.
func (s *Store) parseWrite(ch Change, name string, r io.Reader) ([]Statement, error) {
	if strings.TrimSpace(ch.Author) == "" {
		return nil, invalidf("a write needs an author")
	}
	stmts, err := parseStatements(name, r, false)
	if err != nil {
		return nil, err
	}
	switch {
	case len(stmts) == 0:
		return nil, invalidf("%s: no quads to write", name)
	case len(stmts) > MaxWriteQuads:
		return nil, invalidf("%s: %d quads in one write; at most %d", name, len(stmts), MaxWriteQuads)
	}
	var vs []Violation
	for _, st := range stmts {
		if reserved(st.Quad) {
			vs = append(vs, violation(st, "contributions are recorded by the server; a write may not make, change or remove one"))
		}
	}
	if vs != nil {
		return nil, &ViolationsError{Violations: vs}
	}
	return stmts, nil
}

// reserved reports whether q describes a contribution, which only the
// server writes.
func reserved(q quad.Quad) bool {
	if isContribution(iriOf(q.Subject)) || strings.HasPrefix(iriOf(q.Subject), RetractionBase) {
		return true
	}
	switch iriOf(q.Predicate) {
	case PredWrittenBy, PredWrittenAt, PredCites, PredAuthoredFrom, PredRetracts, PredRetractedBy, PredRetractedAt:
		return true
	case PredType:
		return iriOf(q.Object) == ClassContribution || iriOf(q.Object) == ClassRetraction
	}
	return false
}

// contribute relabels quads with new contribution nodes, one per label
// they carry, and returns them with the contributions' own quads.
func contribute(ch Change, stmts []Statement) (quads []quad.Quad, iris []string, err error) {
	when := ch.Time
	if when.IsZero() {
		when = time.Now()
	}
	when = when.UTC().Truncate(time.Second)
	var nonce [6]byte
	if _, err := rand.Read(nonce[:]); err != nil {
		return nil, nil, fmt.Errorf("name contribution: %w", err)
	}
	base := ContributionBase + when.Format("20060102T150405Z") + "-" + hex.EncodeToString(nonce[:])
	byLabel := map[string]quad.IRI{}
	for _, st := range stmts {
		label := iriOf(st.Quad.Label)
		c, ok := byLabel[label]
		if !ok {
			c = quad.IRI(fmt.Sprintf("%s/%d", base, len(byLabel)+1))
			byLabel[label] = c
			iris = append(iris, string(c))
			stamp := when.Format(time.RFC3339)
			quads = append(quads,
				quad.Make(c, quad.IRI(PredType), quad.IRI(ClassContribution), c),
				quad.Make(c, quad.IRI(PredName), quad.String("Contribution by "+ch.Author+" at "+stamp), c),
				quad.Make(c, quad.IRI(PredWrittenBy), quad.String(ch.Author), c),
				quad.Make(c, quad.IRI(PredWrittenAt), quad.TypedString{Value: quad.String(stamp), Type: XSDDateTime}, c),
				quad.Make(c, quad.IRI(PredCites), quad.IRI(label), c),
			)
		}
		q := st.Quad
		q.Label = c
		quads = append(quads, q)
	}
	return quads, iris, nil
}
