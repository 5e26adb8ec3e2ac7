package textindex

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/mapping"
)

// Doc is the text of one node, as the index holds it.
type Doc struct {
	// ID identifies the node (its IRI).
	ID string
	// Kinds are the tags a search may be limited to ([Query.Kinds]).
	Kinds []string
	// Text holds the node's text by field name; a field may hold several
	// values (several aliases).
	Text map[string][]string
}

// Index is a full-text index of [Doc]s. Its methods are safe for
// concurrent use.
type Index struct {
	b      bleve.Index
	fields []Field
	m      *mapping.IndexMappingImpl
	// unfolded is the text fields' analyzer without accent folding, for
	// highlighting text that has none.
	unfolded analysis.Analyzer
	// temp is the directory of an index made by NewTemp, removed on close.
	temp string
}

// Keys of the index's own values.
var (
	markerKey = []byte("parley.marker")
	layoutKey = []byte("parley.layout")
)

// layoutVersion changes whenever the mapping or the documents change
// shape, so that an index built by another version is rebuilt.
const layoutVersion = "parley-text-2"

// NewMemory returns an empty index held in memory. Each [Index.Update]
// adds a segment to it, which every search then reads, and Bleve merges
// segments only on disk: it suits an index built once, not one written
// to for long (see [NewTemp]).
func NewMemory(fields []Field) (*Index, error) {
	m, err := newMapping(fields)
	if err != nil {
		return nil, err
	}
	// Scorch without a path keeps its segments in memory: smaller and
	// faster to build than NewMemOnly's tree store.
	b, err := bleve.NewUsing("", m, scorch.Name, scorch.Name, nil)
	if err != nil {
		return nil, fmt.Errorf("create text index in memory: %w", err)
	}
	return newIndex(b, m, fields), nil
}

// NewTemp returns an empty index in a new temporary directory, which
// [Index.Close] removes: for an index that lives as long as the process
// and is written to all along (that of a memory or PostgreSQL store).
// On disk, Bleve merges the segments each update adds in the background,
// which it does not do in memory: after 2,000 one-document updates, a
// search of an index of 50,000 documents took 15 times as long in memory
// (2.6 to 39 ms), and no longer in a temporary directory (2.6 to 2.7 ms;
// BenchmarkSearchAfterWrites). Writes do not wait for the disk.
func NewTemp(fields []Field) (*Index, error) {
	m, err := newMapping(fields)
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp("", "parley-text-")
	if err != nil {
		return nil, fmt.Errorf("create text index directory: %w", err)
	}
	b, err := bleve.NewUsing(dir, m, scorch.Name, scorch.Name, map[string]any{"unsafe_batch": true})
	if err != nil {
		os.RemoveAll(dir)
		return nil, fmt.Errorf("create text index in %s: %w", dir, err)
	}
	ix := newIndex(b, m, fields)
	ix.temp = dir
	return ix, nil
}

// Open opens the index in the directory dir, creating it when missing.
// An index of another layout version (or one that cannot be opened) is
// removed and created empty: its marker is then empty, which tells the
// caller to fill it.
func Open(dir string, fields []Field) (*Index, error) {
	m, err := newMapping(fields)
	if err != nil {
		return nil, err
	}
	// An index that cannot be opened, or has another layout, is only a
	// cache of the store: it is built afresh.
	if b, err := bleve.Open(dir); err == nil {
		if v, _ := b.GetInternal(layoutKey); string(v) == layoutVersion {
			return newIndex(b, m, fields), nil
		}
		b.Close()
	}
	if err := os.RemoveAll(dir); err != nil {
		return nil, fmt.Errorf("remove old text index %s: %w", dir, err)
	}
	if err := os.MkdirAll(filepath.Dir(dir), 0o700); err != nil {
		return nil, fmt.Errorf("create text index directory: %w", err)
	}
	b, err := bleve.New(dir, m)
	if err != nil {
		return nil, fmt.Errorf("create text index %s: %w", dir, err)
	}
	if err := b.SetInternal(layoutKey, []byte(layoutVersion)); err != nil {
		b.Close()
		return nil, fmt.Errorf("write text index layout version: %w", err)
	}
	return newIndex(b, m, fields), nil
}

func newIndex(b bleve.Index, m *mapping.IndexMappingImpl, fields []Field) *Index {
	ix := &Index{b: b, m: m, fields: fields}
	if a := m.AnalyzerNamed(stemmed); a != nil {
		ix.unfolded = unfolded(a)
	}
	return ix
}

// Close releases the index, flushing it to disk.
func (ix *Index) Close() error {
	err := ix.b.Close()
	if ix.temp != "" {
		err = errors.Join(err, os.RemoveAll(ix.temp))
	}
	if err != nil {
		return fmt.Errorf("close text index: %w", err)
	}
	return nil
}

// Update indexes docs (replacing any earlier document of the same ID) and
// removes the documents with the IDs in remove, in one batch; a Doc with
// no text is removed too. It then sets the marker to marker, in the same
// batch, so that the marker says which state of the graph the index
// reflects.
func (ix *Index) Update(docs []Doc, remove []string, marker string) error {
	batch := ix.b.NewBatch()
	for _, d := range docs {
		if !d.hasText() {
			batch.Delete(d.ID)
			continue
		}
		if err := batch.Index(d.ID, d.fields()); err != nil {
			return fmt.Errorf("index text of %s: %w", d.ID, err)
		}
	}
	for _, id := range remove {
		batch.Delete(id)
	}
	batch.SetInternal(markerKey, []byte(marker))
	if err := ix.b.Batch(batch); err != nil {
		return fmt.Errorf("update text index: %w", err)
	}
	return nil
}

// Marker returns the marker the last [Index.Update] set, or "" for a new
// index.
func (ix *Index) Marker() (string, error) {
	v, err := ix.b.GetInternal(markerKey)
	if err != nil {
		return "", fmt.Errorf("read text index marker: %w", err)
	}
	return string(v), nil
}

// Count returns the number of documents in the index.
func (ix *Index) Count() (uint64, error) {
	n, err := ix.b.DocCount()
	if err != nil {
		return 0, fmt.Errorf("count text index documents: %w", err)
	}
	return n, nil
}

// Segments returns how many segments a search reads: each update adds one,
// and on disk Bleve merges them in the background (see [NewTemp]).
func (ix *Index) Segments() int {
	m, _ := ix.b.StatsMap()["index"].(map[string]any)
	n := 0
	for _, k := range []string{"TotFileSegmentsAtRoot", "TotMemorySegmentsAtRoot"} {
		if v, ok := m[k].(uint64); ok {
			n += int(v)
		}
	}
	return n
}

// IDsOfKind returns the IDs of the documents tagged kind.
func (ix *Index) IDsOfKind(kind string) ([]string, error) {
	var out []string
	for {
		q := bleve.NewTermQuery(kind)
		q.SetField(kindField)
		req := bleve.NewSearchRequestOptions(q, 1000, len(out), false)
		res, err := ix.b.Search(req)
		if err != nil {
			return nil, fmt.Errorf("list %s documents: %w", kind, err)
		}
		for _, h := range res.Hits {
			out = append(out, h.ID)
		}
		if len(res.Hits) < 1000 {
			return out, nil
		}
	}
}

func (d Doc) hasText() bool {
	for _, vs := range d.Text {
		for _, v := range vs {
			if v != "" {
				return true
			}
		}
	}
	return false
}

// fields returns d as Bleve indexes it.
func (d Doc) fields() map[string]any {
	m := make(map[string]any, len(d.Text)+2)
	var all []string
	for f, vs := range d.Text {
		if len(vs) == 1 {
			m[f] = vs[0]
		} else if len(vs) > 1 {
			m[f] = vs
		}
		all = append(all, vs...)
	}
	m[termsField] = all
	if len(d.Kinds) > 0 {
		m[kindField] = d.Kinds
	}
	return m
}
