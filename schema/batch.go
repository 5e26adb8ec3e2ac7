package schema

import (
	"context"

	"github.com/parley-kg/parley/graph"
)

// A batch caches one kind of keyed data for a request and fetches every
// wanted key at the first miss.
type batch[V any] struct {
	done   map[string]V
	wanted map[string]struct{}
	order  []string // wanted keys in arrival order, so that fetches are deterministic
	failed error    // a failed fetch fails the rest of the request's misses too
	fetch  func(ctx context.Context, keys []string) (map[string]V, error)
}

func newBatch[V any](fetch func(context.Context, []string) (map[string]V, error)) *batch[V] {
	return &batch[V]{done: map[string]V{}, wanted: map[string]struct{}{}, fetch: fetch}
}

// want registers keys to fetch with the next miss. Empty keys are ignored.
func (b *batch[V]) want(keys ...string) {
	for _, k := range keys {
		if k == "" {
			continue
		}
		if _, ok := b.done[k]; ok {
			continue
		}
		if _, ok := b.wanted[k]; ok {
			continue
		}
		b.wanted[k] = struct{}{}
		b.order = append(b.order, k)
	}
}

// put caches a value fetched elsewhere.
func (b *batch[V]) put(k string, v V) {
	b.done[k] = v
	delete(b.wanted, k)
}

// get returns the value of k, fetching k and every wanted key on a miss.
// ok is false when the store has no value for k.
func (b *batch[V]) get(ctx context.Context, k string) (v V, ok bool, err error) {
	if _, hit := b.done[k]; !hit {
		b.want(k)
		if err := b.flush(ctx); err != nil {
			return v, false, err
		}
	}
	v, ok = b.done[k]
	return v, ok && !isNil(v), nil
}

// list returns the values of keys in order, skipping those the store lacks.
func (b *batch[V]) list(ctx context.Context, keys []string) ([]V, error) {
	b.want(keys...)
	out := make([]V, 0, len(keys))
	for _, k := range keys {
		v, ok, err := b.get(ctx, k)
		if err != nil {
			return nil, err
		}
		if ok {
			out = append(out, v)
		}
	}
	return out, nil
}

// flush fetches every wanted key in one call. Keys the store lacks are
// cached as absent so that they are never asked for again.
func (b *batch[V]) flush(ctx context.Context) error {
	if b.failed != nil {
		return b.failed
	}
	var keys []string
	for _, k := range b.order {
		if _, ok := b.wanted[k]; ok {
			keys = append(keys, k)
		}
	}
	b.order, b.wanted = nil, map[string]struct{}{}
	if len(keys) == 0 {
		return nil
	}
	got, err := b.fetch(ctx, keys)
	if err != nil {
		b.failed = err
		return err
	}
	for _, k := range keys {
		b.done[k] = got[k]
	}
	return nil
}

// isNil reports whether v is a nil *graph.Source: the value a batch
// caches for a key the store does not hold.
func isNil(v any) bool {
	if s, ok := v.(*graph.Source); ok {
		return s == nil
	}
	return v == nil
}

// once is a value fetched at most once per request.
type once[V any] struct {
	done bool
	v    V
	err  error
}

func (o *once[V]) get(fetch func() (V, error)) (V, error) {
	if !o.done {
		o.v, o.err = fetch()
		o.done = true
	}
	return o.v, o.err
}
