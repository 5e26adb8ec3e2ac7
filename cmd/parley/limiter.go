package main

import (
	"fmt"
	"net/http"
	"time"
)

// limiter bounds how many requests its handlers serve at once. A request
// that finds every slot taken waits in a bounded queue, for at most a
// set time, so that a burst (a notebook firing its cells, a page loading
// its panels) is served rather than refused; only when the queue is full,
// or the wait runs out, does the request get 503 with Retry-After.
// Waiting holds a goroutine and the request's connection, nothing more:
// the body has not been read yet.
type limiter struct {
	slots chan struct{} // one token per running request; nil: no bound
	queue chan struct{} // one token per waiting request
	wait  time.Duration // longest a request waits for a slot
}

// newLimiter returns a limiter of running requests at once, with up to
// queued more waiting at most wait each. running < 1 means no bound;
// queued < 1 means none waits.
func newLimiter(running, queued int, wait time.Duration) *limiter {
	if running < 1 {
		return &limiter{}
	}
	l := &limiter{slots: make(chan struct{}, running), wait: wait}
	if queued > 0 && wait > 0 {
		l.queue = make(chan struct{}, queued)
	}
	return l
}

// wrap returns next behind the limiter. CORS preflights do not reach it:
// the CORS handler answers them first.
func (l *limiter) wrap(next http.Handler) http.Handler {
	if l.slots == nil {
		return next
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if why := l.acquire(r); why != "" {
			l.refuse(w, why)
			return
		}
		defer func() { <-l.slots }()
		next.ServeHTTP(w, r)
	})
}

// acquire takes a slot for r, waiting in the queue if there is room. It
// returns why it could not, or "" with the slot taken.
func (l *limiter) acquire(r *http.Request) string {
	select {
	case l.slots <- struct{}{}:
		return ""
	default:
	}
	select {
	case l.queue <- struct{}{}: // a nil queue blocks: falls to default
	default:
		if l.queue == nil {
			return fmt.Sprintf("max-concurrent %d queries are running", cap(l.slots))
		}
		return fmt.Sprintf("max-concurrent %d queries are running and max-queued %d are waiting", cap(l.slots), cap(l.queue))
	}
	defer func() { <-l.queue }()
	t := time.NewTimer(l.wait)
	defer t.Stop()
	select {
	case l.slots <- struct{}{}:
		return ""
	case <-t.C:
		return fmt.Sprintf("max-concurrent %d queries ran for the whole queue-wait %v", cap(l.slots), l.wait)
	case <-r.Context().Done():
		return "the client went away while waiting"
	}
}

// refuse answers 503 with Retry-After, in one body for both kinds of
// client: Cayley's read "error", GraphQL's "errors".
func (l *limiter) refuse(w http.ResponseWriter, why string) {
	msg := "server busy: " + why + "; retry shortly"
	w.Header().Set("Retry-After", "1")
	writeJSON(w, http.StatusServiceUnavailable, map[string]any{
		"error": msg,
		"errors": []map[string]any{{"message": msg,
			"extensions": map[string]any{"code": "SERVER_BUSY", "limit": "max-concurrent", "max": cap(l.slots)}}},
	})
}
