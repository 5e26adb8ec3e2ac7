package graph

import (
	"context"
	"sync"
)

// A requestCache holds what one request has worked out once and may need
// again: the closures of its hierarchy arguments, and the metonyms it
// resolved, which the answer reports. It lives in the request's context
// (see [WithRequestCache]); without one, nothing is cached or reported.
type requestCache struct {
	mu          sync.Mutex
	closures    map[closureKey][]string
	resolutions []Resolution
}

type closureKey struct {
	h   Hierarchy
	iri string
}

type requestCacheKey struct{}

// WithRequestCache returns a context under which the store caches the
// closures of hierarchy arguments (see [Store.Closure]) and records the
// metonyms it resolves (see [Resolutions]), for one request. The graph does
// not change for the cache's purposes while it lives, so it must not
// outlive the request.
func WithRequestCache(ctx context.Context) context.Context {
	if requestCacheOf(ctx) != nil {
		return ctx
	}
	return context.WithValue(ctx, requestCacheKey{}, &requestCache{closures: map[closureKey][]string{}})
}

// Resolutions returns the metonyms resolved under ctx (see
// [WithRequestCache]), in the order they were resolved.
func Resolutions(ctx context.Context) []Resolution {
	rc := requestCacheOf(ctx)
	if rc == nil {
		return nil
	}
	rc.mu.Lock()
	defer rc.mu.Unlock()
	return append([]Resolution(nil), rc.resolutions...)
}

func requestCacheOf(ctx context.Context) *requestCache {
	rc, _ := ctx.Value(requestCacheKey{}).(*requestCache)
	return rc
}

func (rc *requestCache) closure(h Hierarchy, iri string) ([]string, bool) {
	if rc == nil {
		return nil, false
	}
	rc.mu.Lock()
	defer rc.mu.Unlock()
	c, ok := rc.closures[closureKey{h, iri}]
	return c, ok
}

func (rc *requestCache) putClosure(h Hierarchy, iri string, c []string) {
	if rc == nil {
		return
	}
	rc.mu.Lock()
	defer rc.mu.Unlock()
	rc.closures[closureKey{h, iri}] = c
}

// resolved records r once.
func (rc *requestCache) resolved(r Resolution) {
	if rc == nil {
		return
	}
	rc.mu.Lock()
	defer rc.mu.Unlock()
	for _, have := range rc.resolutions {
		if have == r {
			return
		}
	}
	rc.resolutions = append(rc.resolutions, r)
}
