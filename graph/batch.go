package graph

import (
	"context"
	"fmt"
	"slices"
	"sync"

	cgraph "github.com/cayleygraph/cayley/graph"
	ckv "github.com/cayleygraph/cayley/graph/kv"
	"github.com/cayleygraph/cayley/graph/proto"
	"github.com/cayleygraph/quad"
)

// resolveBatch is how many quads a read collects, between index scans,
// before it turns their references into values in one call to the store.
const resolveBatch = 1024

// maxBuffered is how many quads a read collects, in the middle of one index
// scan, before it turns their references into values while the scan goes
// on, where that is safe (see [Store.mayNest]). On bolt it is not safe for
// a read that runs beside writes: a goroutine that opens a second read
// transaction while holding one can deadlock with a write that must grow
// bolt's memory map (the map lock is a sync.RWMutex, and a waiting writer
// blocks new readers). Such a read keeps every reference until its scan's
// iterator has closed instead, about 100 bytes a quad, which only a scan of
// a large part of the store (a hub's every quad) makes noticeable.
const maxBuffered = 1 << 16

// resolver turns Cayley's quad references into quads. On a kv store
// (bolt), where every QuadStore.Quad call opens a read transaction and looks
// up each of the four values on its own, it looks up the values of many
// quads in one transaction and remembers them, so that a predicate, a label
// or a class read once is not read again. Other stores resolve a quad at a
// time, which for the memory store is a map look-up and for the SQL stores
// goes through Cayley's own value cache.
type resolver struct {
	qs     cgraph.QuadStore
	kv     *ckv.QuadStore        // nil: resolve with qs.Quad
	vals   map[uint64]quad.Value // node ID → value, for this read
	shared *valueCache           // the store's (see Store.values)
}

// newResolver returns a resolver over s's quad store with an empty cache of
// its own.
func newResolver(s *Store) *resolver {
	r := &resolver{qs: s.qs}
	if kv, ok := s.qs.(*ckv.QuadStore); ok {
		r.kv = kv
		r.vals = map[uint64]quad.Value{}
		r.shared = &s.values
	}
	return r
}

// maxCachedValues bounds a store's value cache: at about 100 bytes a value,
// some megabytes.
const maxCachedValues = 1 << 16

// valueCache remembers, for the life of a kv store, the values of the node
// IDs its reads have met, so that the predicates, classes, labels and hubs
// that nearly every read meets are looked up once. A kv store's node IDs
// come from a counter that only grows, and a node that is deleted and added
// again gets a new ID, so the value of an ID never changes. When full, the
// cache starts again empty.
type valueCache struct {
	mu sync.RWMutex
	m  map[uint64]quad.Value
}

// get copies the remembered values of ids into out.
func (c *valueCache) get(ids []uint64, out map[uint64]quad.Value) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	for _, id := range ids {
		if v, ok := c.m[id]; ok {
			out[id] = v
		}
	}
}

// put remembers values.
func (c *valueCache) put(ids []uint64, vals []quad.Value) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.m)+len(ids) > maxCachedValues {
		clear(c.m)
	}
	for i, id := range ids {
		if vals[i] != nil {
			c.m[id] = vals[i]
		}
	}
}

// remember records that ref is the node v, when the caller knows it already
// (the value an index scan starts from).
func (r *resolver) remember(ref cgraph.Ref, v quad.Value) {
	if id, ok := ref.(ckv.Int64Value); ok && r.vals != nil {
		r.vals[uint64(id)] = v
	}
}

// refsOf returns the references of vals; nil for a value not in the store.
func (r *resolver) refsOf(ctx context.Context, vals []quad.Value) ([]cgraph.Ref, error) {
	out := make([]cgraph.Ref, len(vals))
	if r.kv == nil {
		for i, v := range vals {
			out[i] = r.qs.ValueOf(v)
		}
		return out, nil
	}
	refs, err := r.kv.RefsOf(ctx, vals) // one read transaction
	if err != nil {
		return nil, fmt.Errorf("look up %d nodes: %w", len(vals), err)
	}
	for i, ref := range refs {
		if id, ok := ref.(ckv.Int64Value); ok && id != 0 { // 0: not found
			out[i] = ref
			r.remember(ref, vals[i])
		}
	}
	return out, nil
}

// quads returns the quads that prims refer to, in order.
func (r *resolver) quads(ctx context.Context, prims []cgraph.Ref) ([]quad.Quad, error) {
	out := make([]quad.Quad, len(prims))
	if r.kv == nil {
		for i, p := range prims {
			out[i] = r.qs.Quad(p)
		}
		return out, nil
	}
	// The IDs of the values to read. r.vals has an entry, nil until read,
	// for every ID queued, so that each is queued once.
	var missing []uint64
	for _, p := range prims {
		if p, ok := p.(*proto.Primitive); ok {
			for _, id := range [4]uint64{p.Subject, p.Predicate, p.Object, p.Label} {
				if _, ok := r.vals[id]; !ok && id != 0 {
					r.vals[id] = nil
					missing = append(missing, id)
				}
			}
		}
	}
	if len(missing) > 0 {
		r.shared.get(missing, r.vals)
		missing = slices.DeleteFunc(missing, func(id uint64) bool { return r.vals[id] != nil })
	}
	if len(missing) > 0 {
		// In ID order, bolt's page look-ups walk its log bucket forwards.
		slices.Sort(missing)
		refs := make([]cgraph.Ref, len(missing))
		for i, id := range missing {
			refs[i] = ckv.Int64Value(id)
		}
		vals, err := r.kv.ValuesOf(ctx, refs) // one read transaction
		if err != nil {
			return nil, fmt.Errorf("read the values of %d nodes: %w", len(missing), err)
		}
		for i, id := range missing {
			r.vals[id] = vals[i]
		}
		r.shared.put(missing, vals)
	}
	for i, p := range prims {
		prim, ok := p.(*proto.Primitive)
		if !ok {
			out[i] = r.qs.Quad(p)
			continue
		}
		out[i] = quad.Quad{Subject: r.vals[prim.Subject], Predicate: r.vals[prim.Predicate], Object: r.vals[prim.Object]}
		if prim.Label != 0 {
			out[i].Label = r.vals[prim.Label]
		}
	}
	return out, nil
}

// predKey returns a key for the predicate of the quad p refers to, without
// reading its value: its node ID on a kv store, else the key of its
// reference.
func (r *resolver) predKey(p cgraph.Ref) any {
	if prim, ok := p.(*proto.Primitive); ok && r.kv != nil {
		return prim.Predicate
	}
	return cgraph.ToKey(r.qs.QuadDirection(p, quad.Predicate))
}

// refKey is the key predKey returns for the predicate node ref.
func (r *resolver) refKey(ref cgraph.Ref) any {
	if id, ok := ref.(ckv.Int64Value); ok && r.kv != nil {
		return uint64(id)
	}
	return ref.Key()
}

// scanReq asks for every quad whose direction dir is val.
type scanReq struct {
	dir quad.Direction
	val quad.Value
}

// predFilter limits a scan by predicate IRI before any value is read: only
// those in keep when keep is not empty, and none of those in skip.
type predFilter struct {
	keep, skip []string
}

// scan calls fn(i, q) for every quad q that reqs[i] asks for and f lets
// through: request by request, each in index order, which is the order of
// one [Store.eachQuad] per request. It reads the requests' values in one
// look-up and resolves the quads found in batches (see [resolver]); r, when
// not nil, carries remembered values from an earlier scan. fn runs after
// the store's lock is released, as in [Store.iterate].
func (s *Store) scan(ctx context.Context, r *resolver, reqs []scanReq, f predFilter, fn func(i int, q quad.Quad) error) error {
	if r == nil {
		r = newResolver(s)
	}
	// The quads pass from the store to fn in the resolver's batches, not
	// one by one: under a lock (memory) they are buffered until it is
	// released, and a buffer of batches is a few slices where a buffer of
	// quads was a copy of every quad.
	type hits struct {
		owner []int
		qs    []quad.Quad
	}
	return readThen(&s.lock, plainRead, func(emit func(hits) error) error {
		return s.scanStore(ctx, r, reqs, f, func(owner []int, qs []quad.Quad) error { return emit(hits{owner, qs}) })
	}, func(h hits) error {
		for j, q := range h.qs {
			if err := fn(h.owner[j], q); err != nil {
				return err
			}
		}
		return nil
	})
}

// scanStore is scan without the store's lock, giving fn the quads in
// batches, each quad qs[j] with the index owner[j] of its request. fn may
// keep both slices.
func (s *Store) scanStore(ctx context.Context, r *resolver, reqs []scanReq, f predFilter, fn func(owner []int, qs []quad.Quad) error) error {
	if len(reqs) == 0 {
		return nil
	}
	vals := make([]quad.Value, 0, len(reqs)+len(f.keep)+len(f.skip))
	for _, q := range reqs {
		vals = append(vals, q.val)
	}
	for _, p := range f.keep {
		vals = append(vals, quad.IRI(p))
	}
	for _, p := range f.skip {
		vals = append(vals, quad.IRI(p))
	}
	refs, err := r.refsOf(ctx, vals)
	if err != nil {
		return err
	}
	keyset := func(refs []cgraph.Ref) map[any]bool {
		if len(refs) == 0 {
			return nil
		}
		m := make(map[any]bool, len(refs))
		for _, ref := range refs {
			if ref != nil {
				m[r.refKey(ref)] = true
			}
		}
		return m
	}
	keep := keyset(refs[len(reqs) : len(reqs)+len(f.keep)])
	skip := keyset(refs[len(reqs)+len(f.keep):])
	if len(f.keep) > 0 && len(keep) == 0 {
		return ctx.Err() // no quad has any of the predicates
	}
	filter := len(keep) > 0 || len(skip) > 0
	nest := s.mayNest(plainRead)

	var (
		prims []cgraph.Ref
		owner []int // the request of each of prims
	)
	flush := func() error {
		if len(prims) == 0 {
			return nil
		}
		qs, err := r.quads(ctx, prims)
		if err != nil {
			return err
		}
		if err := fn(owner, qs); err != nil {
			return err
		}
		prims, owner = prims[:0], nil // fn keeps owner
		return nil
	}
	for i, ref := range refs[:len(reqs)] {
		if ref == nil {
			continue
		}
		collect := func(p cgraph.Ref) error {
			if filter {
				k := r.predKey(p)
				if skip[k] || (len(keep) > 0 && !keep[k]) {
					return nil
				}
			}
			prims, owner = append(prims, p), append(owner, i)
			if len(prims) >= maxBuffered && nest {
				return flush()
			}
			return nil
		}
		if ind, ok := s.prefixIndex(reqs[i].dir); ok && len(keep) > 0 {
			// Read only the kept predicates' prefixes of the index, in
			// the index's order.
			for _, p := range keptInOrder(refs[len(reqs) : len(reqs)+len(f.keep)]) {
				if err := s.scanPrefix(ctx, ind, ref, p, collect); err != nil {
					return err
				}
			}
		} else if err := s.scanOne(ctx, reqs[i].dir, ref, collect); err != nil {
			return err
		}
		if len(prims) >= resolveBatch { // the scan's iterator is closed
			if err := flush(); err != nil {
				return err
			}
		}
	}
	if err := flush(); err != nil {
		return err
	}
	return ctx.Err()
}

// scanOne calls fn with every quad reference of the index of direction d at
// ref.
func (s *Store) scanOne(ctx context.Context, d quad.Direction, ref cgraph.Ref, fn func(cgraph.Ref) error) error {
	return drain(ctx, s.qs.QuadIterator(d, ref), fn)
}

// refIterator is what drain needs of an iterator over quad references:
// Cayley's index iterators and bolt's prefix iterator (see scanPrefix).
type refIterator interface {
	Next(context.Context) bool
	Result() cgraph.Ref
	Err() error
	Close() error
}

// drain calls fn with every reference it yields, then closes it.
func drain(ctx context.Context, it refIterator, fn func(cgraph.Ref) error) error {
	defer it.Close()
	for it.Next(ctx) {
		if err := fn(it.Result()); err != nil {
			return err
		}
	}
	if err := it.Err(); err != nil {
		return fmt.Errorf("read quads: %w", err)
	}
	return ctx.Err()
}
