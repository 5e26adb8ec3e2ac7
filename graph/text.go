package graph

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"sync"
	"time"

	"github.com/cayleygraph/quad"
	hkv "github.com/hidal-go/hidalgo/kv"
	"github.com/parley-kg/parley/graph/textindex"
)

// textDir is the text index's directory inside a bolt store's directory.
const textDir = "text.bleve"

// textFieldOf maps the predicates whose literals the text index holds to
// its fields (see [textindex.DefaultFields]).
var textFieldOf = map[string]string{
	PredName:          "name",
	PredAlternateName: "alias",
	PredDescription:   "summary",
	PredSummary:       "summary",
	PredNote:          "summary",
	PredQuote:         "quote",
}

// Tags of the text index's documents: what a hit is, and an entity's kind.
const (
	hitTag  = "hit:"
	kindTag = "kind:"
)

// textSearch is a store's full-text index and what keeps it current.
type textSearch struct {
	mu sync.RWMutex // held for reading by each search, for writing by a swap
	ix *textindex.Index

	// kv is the bolt database, whose write horizon marks the index's
	// state; nil on other backends.
	kv hkv.KV

	docsMu sync.Mutex
	docs   map[string]string // registered paragraph text by source IRI

	// On PostgreSQL, how far the index has followed the database, and what
	// the last refresh did; both guarded by Store.refreshMu.
	pos      textPosition
	followed textFollow
}

// textFollow is what one refresh of a PostgreSQL server's text index did.
type textFollow struct {
	subjects int  // subjects read again and indexed
	full     bool // rebuilt in full: the changes could not be bridged
}

// openText opens the text index (beside a bolt store, in a temporary
// directory otherwise) and rebuilds it when it does not reflect the store.
func (s *Store) openText(ctx context.Context, cfg Config, kv hkv.KV) (err error) {
	start := time.Now()
	t := &textSearch{kv: kv, docs: map[string]string{}}
	s.text = t
	if s.sql != nil {
		if err := s.sql.ensureTextLog(ctx); err != nil {
			return err
		}
		// Read before the build: what changes meanwhile is indexed again
		// at the next refresh, which does no harm.
		if t.pos, err = s.sql.textPositionNow(ctx); err != nil {
			return err
		}
	}
	if s.backend != BackendBolt {
		return s.rebuildText(ctx)
	}
	dir := filepath.Join(cfg.Path, textDir)
	ix, err := textindex.Open(dir, textindex.DefaultFields())
	if err != nil {
		return err
	}
	t.ix = ix
	want, err := s.textMarker(ctx)
	if err != nil {
		return err
	}
	if have, err := ix.Marker(); err != nil || have != want {
		s.log.InfoContext(ctx, "rebuilding the text index", "dir", dir, "was", have, "store", want)
		ix.Close()
		t.ix = nil
		if err := os.RemoveAll(dir); err != nil {
			return fmt.Errorf("remove stale text index: %w", err)
		}
		if t.ix, err = textindex.Open(dir, textindex.DefaultFields()); err != nil {
			return err
		}
		return s.fillText(ctx, t.ix)
	}
	// Registered documents are registered anew at each start.
	stale, err := ix.IDsOfKind(hitTag + string(HitSource))
	if err == nil && len(stale) > 0 {
		err = ix.Update(nil, stale, want)
	}
	s.log.DebugContext(ctx, "text index opened", "took", time.Since(start))
	return err
}

// closeText closes the text index; closing it again does nothing.
func (s *Store) closeText() error {
	if s.text == nil {
		return nil
	}
	t := s.text
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.ix == nil {
		return nil
	}
	err := t.ix.Close()
	t.ix = nil
	return err
}

// rebuildText builds a new text index from the store and puts it in place
// of the current one (memory and SQL backends). It lives in a temporary
// directory, not in memory, so that Bleve merges the segments that writes
// add (see textindex.NewTemp).
func (s *Store) rebuildText(ctx context.Context) error {
	ix, err := textindex.NewTemp(textindex.DefaultFields())
	if err != nil {
		return err
	}
	if err := s.fillText(ctx, ix); err != nil {
		ix.Close()
		return err
	}
	t := s.text
	t.mu.Lock()
	old := t.ix
	t.ix = ix
	t.mu.Unlock()
	if old != nil {
		old.Close()
	}
	return nil
}

// textBatch is how many documents one index update holds when building.
const textBatch = 10000

// fillText indexes the text of every node of the store into ix.
func (s *Store) fillText(ctx context.Context, ix *textindex.Index) error {
	start := time.Now()
	nodes := map[string]node{}
	preds := []string{PredType}
	for p := range textFieldOf {
		preds = append(preds, p)
	}
	read := s.eachQuadOf
	if s.sql != nil {
		read = s.sql.eachQuadOf
	}
	err := read(ctx, preds, func(q quad.Quad) {
		iri := iriOf(q.Subject)
		if iri == "" {
			return
		}
		n := nodes[iri]
		if n == nil {
			n = node{}
			nodes[iri] = n
		}
		p := iriOf(q.Predicate)
		n[p] = append(n[p], q)
	})
	if err != nil {
		return fmt.Errorf("build text index: %w", err)
	}
	marker, err := s.textMarker(ctx)
	if err != nil {
		return err
	}
	iris := sortedKeys(nodes)
	for i := 0; i < len(iris); i += textBatch {
		part := iris[i:min(i+textBatch, len(iris))]
		docs := make([]textindex.Doc, 0, len(part))
		for _, iri := range part {
			if d, ok := s.textDoc(iri, nodes[iri]); ok {
				docs = append(docs, d)
			}
		}
		m := "" // incomplete until the last batch
		if i+textBatch >= len(iris) {
			m = marker
		}
		if err := ix.Update(docs, nil, m); err != nil {
			return err
		}
	}
	if len(iris) == 0 {
		if err := ix.Update(nil, nil, marker); err != nil {
			return err
		}
	}
	s.log.DebugContext(ctx, "text index built", "nodes", len(iris), "took", time.Since(start))
	return nil
}

// textMarker names the state of the store the text index must reflect:
// on bolt its quad count and write horizon, which every write moves;
// elsewhere nothing, since those indexes are rebuilt at each start.
func (s *Store) textMarker(ctx context.Context) (string, error) {
	if s.text == nil || s.text.kv == nil {
		return "", nil
	}
	st, err := s.stats(ctx)
	if err != nil {
		return "", err
	}
	var horizon uint64
	err = hkv.View(s.text.kv, func(tx hkv.Tx) error {
		v, err := tx.Get(ctx, hkv.Key{[]byte("meta"), []byte("horizon")})
		if errors.Is(err, hkv.ErrNotFound) {
			return nil
		} else if err != nil {
			return err
		}
		if len(v) == 8 {
			horizon = binary.LittleEndian.Uint64(v)
		}
		return nil
	})
	if err != nil {
		return "", fmt.Errorf("read store horizon: %w", err)
	}
	return fmt.Sprintf("quads=%d horizon=%d", st.Quads.Size, horizon), nil
}

// textDoc returns the text index's document of the node iri, and false
// when the node is nothing a hit can be (a role, a document, a span).
func (s *Store) textDoc(iri string, n node) (textindex.Doc, bool) {
	d := textindex.Doc{ID: iri, Text: map[string][]string{}}
	for _, class := range n.all(PredType) {
		switch k, ok := kindOfClass[class]; {
		case ok && k == KindEvent:
			d.Kinds = append(d.Kinds, hitTag+string(HitEvent), kindTag+string(k))
		case ok:
			d.Kinds = append(d.Kinds, hitTag+string(HitEntity), kindTag+string(k))
		case class == ClassPosition:
			d.Kinds = append(d.Kinds, hitTag+string(HitPosition))
		case class == ClassClaim:
			d.Kinds = append(d.Kinds, hitTag+string(HitClaim))
		case class == ClassSource:
			d.Kinds = append(d.Kinds, hitTag+string(HitSource))
		}
	}
	if len(d.Kinds) == 0 {
		return d, false
	}
	// A paragraph's own quads only name it ("Paragraph 3: …"): its text
	// is the registered document's.
	for p, qs := range n {
		if n.is(ClassSource) {
			break
		}
		f, ok := textFieldOf[p]
		if !ok {
			continue
		}
		for _, q := range qs {
			d.Text[f] = append(d.Text[f], literal(q.Object))
		}
	}
	for _, vs := range d.Text {
		sort.Strings(vs) // the same node gives the same document
	}
	s.text.docsMu.Lock()
	if text, ok := s.text.docs[iri]; ok {
		d.Text["text"] = []string{text}
	}
	s.text.docsMu.Unlock()
	return d, true
}

// updateText brings the text index up to date after a write, as
// updateCatalog does the name index: subjects in remaining are indexed
// afresh from the quads they have left, and the subjects of added quads
// that gained a type or text are read back and indexed.
func (s *Store) updateText(ctx context.Context, remaining map[string][]quad.Quad, added []quad.Quad) error {
	var docs []textindex.Doc
	var remove []string
	for iri, qs := range remaining {
		n := node{}
		for _, q := range qs {
			p := iriOf(q.Predicate)
			n[p] = append(n[p], q)
		}
		if d, ok := s.textDoc(iri, n); ok {
			docs = append(docs, d)
		} else {
			remove = append(remove, iri)
		}
	}
	var touched []string
	seen := map[string]bool{}
	for _, q := range added {
		iri, p := iriOf(q.Subject), iriOf(q.Predicate)
		if _, text := textFieldOf[p]; (text || p == PredType) && iri != "" && !seen[iri] && remaining[iri] == nil {
			seen[iri] = true
			touched = append(touched, iri)
		}
	}
	read, bare, err := s.readTextDocs(ctx, touched)
	if err != nil {
		return fmt.Errorf("update text index: %w", err)
	}
	docs, remove = append(docs, read...), append(remove, bare...)
	marker, err := s.textMarker(ctx)
	if err != nil {
		return err
	}
	return s.withText(func(ix *textindex.Index) error { return ix.Update(docs, remove, marker) })
}

// readTextDocs reads the nodes iris from the store, textBatch at a time,
// and returns the index documents of those with text, and the IRIs of
// those without (which the index must not hold).
func (s *Store) readTextDocs(ctx context.Context, iris []string) (docs []textindex.Doc, bare []string, err error) {
	for i := 0; i < len(iris); i += textBatch {
		part := iris[i:min(i+textBatch, len(iris))]
		nodes, err := s.readNodes(ctx, nil, part)
		if err != nil {
			return nil, nil, err
		}
		for j, iri := range part {
			if d, ok := s.textDoc(iri, nodes[j]); ok {
				docs = append(docs, d)
			} else {
				bare = append(bare, iri)
			}
		}
	}
	return docs, bare, nil
}

// withText calls fn with the current text index, which no rebuild or
// Close swaps out meanwhile.
func (s *Store) withText(fn func(*textindex.Index) error) error {
	t := s.text
	t.mu.RLock()
	defer t.mu.RUnlock()
	if t.ix == nil {
		return errors.New("the text index is closed")
	}
	return fn(t.ix)
}

// textWritten is called after every write, with the write lock held: a
// text index that cannot follow is logged, not fatal, since the quads are
// written; its marker then no longer matches, so a bolt store rebuilds it
// at the next start.
func (s *Store) textWritten(ctx context.Context, remaining map[string][]quad.Quad, added []quad.Quad) {
	if s.sql != nil && len(remaining) > 0 {
		// Other servers learn from the log what a removal touched.
		if err := s.sql.logRemovals(ctx, sortedKeys(remaining)); err != nil {
			s.log.ErrorContext(ctx, "cannot log a removal for other servers' text indexes; they will rebuild theirs", "err", err)
		}
	}
	if err := s.updateText(ctx, remaining, added); err != nil {
		s.log.ErrorContext(ctx, "cannot update the text index", "err", err)
	}
}

// maxFollow is the most subjects a refresh indexes again one by one; past
// it, a rebuild reads the text in one query. Each subject read is a round
// trip to the database (about a millisecond, several on a busy machine),
// while the rebuild's one query reads a 10k-quad store's text in well under
// a second: 10,000 subjects one by one outran the refresh's 10 s bound
// (refreshTimeout) on a busy machine, where a rebuild took a fraction.
const maxFollow = 500

// followText brings a PostgreSQL server's text index up to date with
// other servers' writes: it indexes again only the subjects whose quads
// were added or removed since it last looked, and rebuilds it in full
// only when the changes cannot be bridged (see textsql.go). It is called
// by refresh, under refreshMu.
func (s *Store) followText(ctx context.Context) error {
	t := s.text
	preds := []string{PredType}
	for p := range textFieldOf {
		preds = append(preds, p)
	}
	ch, err := s.sql.textChangesSince(ctx, t.pos, preds)
	if err != nil {
		return err
	}
	if !ch.bridged || len(ch.subjects) > maxFollow {
		s.log.InfoContext(ctx, "rebuilding the text index", "bridged", ch.bridged, "subjects", len(ch.subjects))
		if err := s.rebuildText(ctx); err != nil {
			return err
		}
		t.pos, t.followed = ch.now, textFollow{full: true}
		return nil
	}
	docs, remove, err := s.readTextDocs(ctx, ch.subjects)
	if err != nil {
		return fmt.Errorf("follow the text index: %w", err)
	}
	if err := s.withText(func(ix *textindex.Index) error { return ix.Update(docs, remove, "") }); err != nil {
		return err
	}
	t.pos, t.followed = ch.now, textFollow{subjects: len(ch.subjects)}
	return nil
}
