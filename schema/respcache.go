package schema

import (
	"container/list"
	"context"
	"encoding/json"
	"strings"
	"sync"
)

// Versioned is a [Graph] that says when its answers may have changed (as
// [graph.Store.Generation] does): the handler's response cache (see
// [HandlerOptions.ResponseCacheBytes]) reuses an answer only while the
// generation it was computed at is current, and only an answer computed
// while the generation stayed stable and unchanged.
type Versioned interface {
	Generation(ctx context.Context) (gen uint64, stable bool, err error)
}

// responseCache keeps the bodies of successful query responses, by query
// text, operation name and variables, for one generation of the graph at a
// time: many clients (notebooks, the explorer) ask the same questions, and
// the answer to a read-only query depends on nothing else (not on who asks:
// only mutations read the caller). A newer generation empties it. It is
// bounded in bytes and forgets the least recently used answers first.
type responseCache struct {
	mu    sync.Mutex
	max   int64 // bytes of keys and bodies
	size  int64
	gen   uint64
	order list.List                // front: most recently used; values are *respEntry
	byKey map[string]*list.Element // → element of order
}

type respEntry struct {
	key  string
	body []byte
}

// respOverhead is what an entry costs beyond its key and body, roughly: the
// list element, the map entry and the headers of the strings.
const respOverhead = 160

// newResponseCache returns a cache of at most max bytes, or nil (no cache)
// when max <= 0.
func newResponseCache(max int64) *responseCache {
	if max <= 0 {
		return nil
	}
	return &responseCache{max: max, byKey: map[string]*list.Element{}}
}

// responseKey is the cache key of a request, or false when it has none
// (its variables do not encode). encoding/json writes a map's keys in
// order, so equal variables give equal keys.
func responseKey(p params) (string, bool) {
	var b strings.Builder
	b.Grow(len(p.Query) + len(p.OperationName) + 2)
	b.WriteString(p.Query)
	b.WriteByte(0)
	b.WriteString(p.OperationName)
	b.WriteByte(0)
	if len(p.Variables) > 0 {
		v, err := json.Marshal(p.Variables)
		if err != nil {
			return "", false
		}
		b.Write(v)
	}
	return b.String(), true
}

// get returns the body cached for key at generation gen.
func (c *responseCache) get(gen uint64, key string) ([]byte, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.advance(gen)
	e, ok := c.byKey[key]
	if !ok || c.gen != gen {
		return nil, false
	}
	c.order.MoveToFront(e)
	return e.Value.(*respEntry).body, true
}

// put remembers body for key at generation gen, unless a newer generation
// is current or the entry would take more than a sixteenth of the cache.
// body must not change afterwards.
func (c *responseCache) put(gen uint64, key string, body []byte) {
	cost := int64(len(key)+len(body)) + respOverhead
	if cost > c.max/16 {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.advance(gen)
	if c.gen != gen {
		return
	}
	if e, ok := c.byKey[key]; ok {
		c.order.MoveToFront(e)
		return
	}
	for c.size+cost > c.max && c.order.Len() > 0 {
		old := c.order.Remove(c.order.Back()).(*respEntry)
		delete(c.byKey, old.key)
		c.size -= int64(len(old.key)+len(old.body)) + respOverhead
	}
	c.byKey[key] = c.order.PushFront(&respEntry{key: key, body: body})
	c.size += cost
}

// advance empties the cache when gen is newer than its generation:
// generations only grow, and nothing of an older one will be asked again.
func (c *responseCache) advance(gen uint64) {
	if gen <= c.gen {
		return
	}
	c.gen, c.size = gen, 0
	c.order.Init()
	clear(c.byKey)
}
