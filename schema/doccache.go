package schema

import (
	"container/list"
	"sync"

	"github.com/graphql-go/graphql"
	"github.com/graphql-go/graphql/gqlerrors"
	"github.com/graphql-go/graphql/language/ast"
)

// A document is a parsed GraphQL document and the result of validating it
// against the handler's schema. graphql-go does not modify a document when
// it executes it, so one document serves concurrent requests.
type document struct {
	doc     *ast.Document
	invalid []gqlerrors.FormattedError // validation errors; empty when valid

	mu    sync.Mutex
	plans map[string]*plan // by operation name: compiled on first use
}

// maxPlans bounds the plans one document keeps, one per operation name
// asked for.
const maxPlans = 8

// plan returns the compiled plan of the operation that opName selects in
// d, compiling it on first use (see [executePlan]).
func (d *document) plan(s *graphql.Schema, opName string) *plan {
	d.mu.Lock()
	defer d.mu.Unlock()
	if p, ok := d.plans[opName]; ok {
		return p
	}
	p := compilePlan(s, d.doc, opName)
	if d.plans == nil {
		d.plans = map[string]*plan{}
	}
	if len(d.plans) < maxPlans {
		d.plans[opName] = p
	}
	return p
}

// docCache is a small least-recently-used cache of documents by query text,
// so that the playground's and clients' repeated queries skip parsing and
// validation.
type docCache struct {
	mu    sync.Mutex
	max   int
	order *list.List               // front: most recently used; values are *cacheEntry
	byKey map[string]*list.Element // query text → element of order
}

type cacheEntry struct {
	key string
	doc *document
}

// newDocCache returns a cache of at most max documents; max <= 0 disables it.
func newDocCache(max int) *docCache {
	return &docCache{max: max, order: list.New(), byKey: map[string]*list.Element{}}
}

// get returns the document cached for query, or nil.
func (c *docCache) get(query string) *document {
	c.mu.Lock()
	defer c.mu.Unlock()
	el, ok := c.byKey[query]
	if !ok {
		return nil
	}
	c.order.MoveToFront(el)
	return el.Value.(*cacheEntry).doc
}

// put caches d for query, evicting the least recently used document when full.
func (c *docCache) put(query string, d *document) {
	if c.max <= 0 {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if el, ok := c.byKey[query]; ok {
		el.Value.(*cacheEntry).doc = d
		c.order.MoveToFront(el)
		return
	}
	c.byKey[query] = c.order.PushFront(&cacheEntry{key: query, doc: d})
	for c.order.Len() > c.max {
		last := c.order.Back()
		c.order.Remove(last)
		delete(c.byKey, last.Value.(*cacheEntry).key)
	}
}

// len returns the number of cached documents.
func (c *docCache) len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.order.Len()
}
