package graph

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/parley-kg/parley/graph/textindex"
)

// HitKind is what a text search hit is: the GraphQL HitKind enum.
type HitKind string

// Hit kinds.
const (
	HitEntity   HitKind = "ENTITY"   // an entity other than an event
	HitPosition HitKind = "POSITION" // a position, by its summary or quote
	HitClaim    HitKind = "CLAIM"    // a claim, by its summary or quote
	HitEvent    HitKind = "EVENT"    // an event
	HitSource   HitKind = "SOURCE"   // a paragraph of a registered document
)

// HitKinds lists every hit kind.
var HitKinds = []HitKind{HitEntity, HitPosition, HitClaim, HitEvent, HitSource}

// HitQuery is a full-text search of the graph (see [Store.Hits]).
type HitQuery struct {
	// Text is the query: words, "phrases", -excluded, prefix* (see
	// [textindex.Parse]).
	Text string
	// Kinds limits the hits to these kinds; empty means all.
	Kinds []HitKind
	// First is how many hits at most; 0 means 20.
	First int
	// MinScore leaves out hits that score lower.
	MinScore float64
	// IncludeRetracted keeps the positions, claims and events a
	// retraction withdrew (see [Store.Retract]), each with its
	// Retraction; by default they are left out, as Positions, Claims and
	// Events leave them out.
	IncludeRetracted bool
}

// Hit is a node whose text matches a [HitQuery]. Exactly one of Entity
// (also for an event), Position, Claim and Source is set, as Kind says.
type Hit struct {
	Score float64
	// Field is the text field that matched best: name, alias, summary
	// (a description, summary or note), quote or text (a registered
	// document's paragraph).
	Field string
	// Snippet is that field's text, HTML-escaped, with the matched words
	// in <mark> elements.
	Snippet string
	Kind    HitKind
	IRI     string

	Entity   *Entity
	Position *Position
	Claim    *Claim
	Source   *Source
}

// Hits searches the text of the graph: names, aliases, descriptions,
// summaries, notes, quotes and the paragraphs of registered documents,
// best match first (a name above an alias above a summary above body
// text). What a retraction withdrew is left out unless q.IncludeRetracted.
// A query that does not parse, or is too broad, is ErrInvalid.
func (s *Store) Hits(ctx context.Context, q HitQuery) ([]Hit, error) {
	// No kind or every kind asked for: no filter, rather than a filter of
	// every kind, which every document passes (each has a hit kind, see
	// textDoc) but which costs a look-up in five long tag lists per match.
	var tags []string
	if slices.ContainsFunc(HitKinds, func(k HitKind) bool { return !slices.Contains(q.Kinds, k) }) {
		for _, k := range q.Kinds {
			tags = append(tags, hitTag+string(k))
		}
	}
	gone, err := s.retracted(ctx)
	if err != nil {
		return nil, err
	}
	tq := textindex.Query{Text: q.Text, Kinds: tags, First: q.First, MinScore: q.MinScore}
	if !q.IncludeRetracted {
		tq.Exclude = append(sortedKeys(gone), s.catalog().withdrawnOnly()...)
	}
	found, err := s.searchText(ctx, tq)
	if err != nil {
		return nil, err
	}
	return s.hitTargets(ctx, found, gone)
}

// Search returns up to first entities (events included) whose name or an
// alias matches text, best first: names, then aliases. The words match as
// in [Store.Hits] (stems, typos, phrases), and the last word also matches
// as a prefix, so that it serves name completion
// ("Kush" finds Kushner). kinds, when not empty, limits the kinds
// returned. Events a retraction withdrew are left out, as Events leaves
// them out by default, and so are entities whose names only withdrawn
// quads gave, as entity look-ups leave them out.
func (s *Store) Search(ctx context.Context, text string, kinds []Kind, first int) ([]*Entity, error) {
	if strings.TrimSpace(text) == "" {
		return nil, invalidf("search text is empty")
	}
	if first <= 0 {
		first = 20
	}
	tags := []string{hitTag + string(HitEntity), hitTag + string(HitEvent)}
	if len(kinds) > 0 {
		tags = tags[:0]
		for _, k := range kinds {
			tags = append(tags, kindTag+string(k))
		}
	}
	gone, err := s.retracted(ctx)
	if err != nil {
		return nil, err
	}
	found, err := s.searchText(ctx, textindex.Query{Text: text, Kinds: tags, First: first, Complete: true,
		Fields: []string{"name", "alias"}, Exclude: append(sortedKeys(gone), s.catalog().withdrawnOnly()...)})
	if err != nil {
		return nil, err
	}
	iris := make([]string, len(found))
	for i, h := range found {
		iris[i] = h.ID
	}
	return s.ordered(ctx, iris)
}

// searchText runs q on the text index, first bringing it up to date with
// other processes' writes on a shared database.
func (s *Store) searchText(ctx context.Context, q textindex.Query) ([]textindex.Hit, error) {
	if s.sql != nil {
		if err := s.refresh(); err != nil {
			return nil, err
		}
	}
	var hits []textindex.Hit
	err := s.withText(func(ix *textindex.Index) (err error) {
		hits, err = ix.Search(ctx, q)
		return err
	})
	if errors.Is(err, textindex.ErrSyntax) || errors.Is(err, textindex.ErrTooBroad) {
		return nil, fmt.Errorf("%w: %w", ErrInvalid, err)
	}
	return hits, err
}

// hitTargets reads what each hit is, in one batch per kind, drops the
// hits whose node the graph no longer holds, and gives each withdrawn
// position, claim or event its retraction (from gone; the hits hold such
// facts only when the search included them).
func (s *Store) hitTargets(ctx context.Context, found []textindex.Hit, gone map[string]*Retraction) ([]Hit, error) {
	byKind := map[HitKind][]string{}
	kindOf := make(map[string]HitKind, len(found))
	for _, h := range found {
		for _, tag := range h.Kinds {
			if k, ok := strings.CutPrefix(tag, hitTag); ok {
				kindOf[h.ID] = HitKind(k)
				byKind[HitKind(k)] = append(byKind[HitKind(k)], h.ID)
				break
			}
		}
	}
	ents, err := s.EntitiesByIRI(ctx, append(byKind[HitEntity], byKind[HitEvent]...))
	if err != nil {
		return nil, err
	}
	var pos map[string]Position
	if iris := byKind[HitPosition]; len(iris) > 0 {
		if pos, err = s.positionsByIRI(ctx, iris); err != nil {
			return nil, err
		}
	}
	var claims map[string]Claim
	if iris := byKind[HitClaim]; len(iris) > 0 {
		if claims, err = s.claimsByIRI(ctx, iris); err != nil {
			return nil, err
		}
	}
	var srcs map[string]*Source
	if iris := byKind[HitSource]; len(iris) > 0 {
		if srcs, err = s.SourcesByIRI(ctx, iris); err != nil {
			return nil, err
		}
	}
	out := make([]Hit, 0, len(found))
	for _, h := range found {
		hit := Hit{Score: h.Score, Field: h.Field, Snippet: h.Snippet, IRI: h.ID, Kind: kindOf[h.ID]}
		switch hit.Kind {
		case HitEntity, HitEvent:
			hit.Entity = ents[h.ID]
			if r := gone[h.ID]; r != nil && hit.Entity != nil {
				withdrawn := *hit.Entity // shared with the entity cache
				withdrawn.Retraction = r
				hit.Entity = &withdrawn
			}
		case HitPosition:
			if p, ok := pos[h.ID]; ok {
				p.Retraction = gone[h.ID]
				hit.Position = &p
			}
		case HitClaim:
			if c, ok := claims[h.ID]; ok {
				c.Retraction = gone[h.ID]
				hit.Claim = &c
			}
		case HitSource:
			hit.Source = srcs[h.ID]
		}
		if hit.Entity == nil && hit.Position == nil && hit.Claim == nil && hit.Source == nil {
			continue // gone since the index was read
		}
		out = append(out, hit)
	}
	return out, nil
}

// IndexDocument adds the text of a registered document to the text
// index: paragraphs[i] is the text of paragraph i+1 (the (i+1)th non-empty
// line of the file), the paragraph whose source node names doc as its
// document. Sources of paragraphs beyond the list are left as they are.
// The text lives in memory only: a document is registered at each start.
func (s *Store) IndexDocument(ctx context.Context, doc string, paragraphs []string) error {
	srcs, err := s.subjectsOf(ctx, PredDocument, doc)
	if err != nil {
		return err
	}
	if len(srcs) == 0 {
		return fmt.Errorf("index text of %s: %w (no source paragraph names it)", doc, ErrNotFound)
	}
	nodes, err := s.readNodes(ctx, nil, srcs)
	if err != nil {
		return err
	}
	s.writeMu.Lock()
	defer s.writeMu.Unlock()
	var docs []*textDocPart
	s.text.docsMu.Lock()
	for i, iri := range srcs {
		n, err := strconv.Atoi(nodes[i].first(PredParagraph))
		if err != nil || n < 1 || n > len(paragraphs) || !nodes[i].is(ClassSource) {
			continue
		}
		s.text.docs[iri] = paragraphs[n-1]
		docs = append(docs, &textDocPart{iri, nodes[i]})
	}
	s.text.docsMu.Unlock()
	return s.indexNodes(ctx, docs)
}

// textDocPart is a node to index afresh.
type textDocPart struct {
	iri string
	n   node
}

// indexNodes indexes the given nodes afresh.
func (s *Store) indexNodes(ctx context.Context, parts []*textDocPart) error {
	docs := make([]textindex.Doc, 0, len(parts))
	for _, p := range parts {
		if d, ok := s.textDoc(p.iri, p.n); ok {
			docs = append(docs, d)
		}
	}
	marker, err := s.textMarker(ctx)
	if err != nil {
		return err
	}
	return s.withText(func(ix *textindex.Index) error { return ix.Update(docs, nil, marker) })
}
