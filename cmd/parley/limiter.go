package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"sync"
	"time"
)

// limiter bounds how many requests its handlers serve at once, and shares
// them fairly between clients (remote addresses). A request that finds no
// slot it may take waits in a bounded queue, for at most a set time, so
// that a burst (a notebook firing its cells, a page loading its panels) is
// served rather than refused; only when the queue is full, or the wait
// runs out, does the request get 503 with Retry-After.
//
// Fairness has two parts. One client may run at most perClient requests
// at once, fewer than the slots, so that however long its requests run
// (a stuck query, until --query-timeout) some slots stay free for others.
// And a freed slot goes to the waiting request of the client that runs
// the fewest, oldest first; a client alone is served in arrival order.
// When the queue is full, a newcomer pushes out the newest waiter of the
// client that has the most waiting, if that is more than its own.
//
// Requests reach the limiter with their body already read (see
// bufferBodies): a slow body holds a goroutine, never a slot.
type limiter struct {
	slots     int           // requests running at once; 0: no bound
	perClient int           // of which one client may run
	queued    int           // requests waiting at once
	wait      time.Duration // longest a request waits
	memory    *memoryGuard

	mu      sync.Mutex
	running int
	clients map[string]*clientLoad // clients running or waiting
	waiters []*waiter              // in arrival order
}

// clientLoad is what one client has running and waiting.
type clientLoad struct{ running, waiting int }

// waiter is a request in the queue. Its ready channel is closed when the
// request may go: with a slot, or with err set.
type waiter struct {
	client string
	ready  chan struct{}
	err    error
}

// limiterConfig is what a limiter bounds.
type limiterConfig struct {
	running   int           // requests at once; < 1: no bound
	perClient int           // of them from one client; < 1: three quarters of running, at least 1
	queued    int           // requests waiting at once; < 1: none waits
	wait      time.Duration // longest a request waits
	memory    *memoryGuard  // refuses every request while memory is short; nil: none
}

// newLimiter returns the limiter cfg describes.
func newLimiter(cfg limiterConfig) *limiter {
	l := &limiter{memory: cfg.memory}
	if cfg.running < 1 {
		return l
	}
	l.slots, l.perClient, l.queued, l.wait = cfg.running, cfg.perClient, max(cfg.queued, 0), cfg.wait
	if l.perClient < 1 || l.perClient > l.slots {
		l.perClient = max(1, l.slots-l.slots/4)
	}
	if l.wait <= 0 {
		l.queued = 0
	}
	l.clients = map[string]*clientLoad{}
	return l
}

// wrap returns next behind the limiter. CORS preflights do not reach it:
// the CORS handler answers them first.
func (l *limiter) wrap(next http.Handler) http.Handler {
	if l.slots == 0 && l.memory == nil {
		return next
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		release, err := l.acquire(r.Context(), clientOf(r))
		if err != nil {
			l.refuse(w, err)
			return
		}
		defer release()
		next.ServeHTTP(w, r)
	})
}

// clientOf names the client of r for fairness: its remote IP address.
// Clients behind one proxy share it.
func clientOf(r *http.Request) string {
	if host, _, err := net.SplitHostPort(r.RemoteAddr); err == nil {
		return host
	}
	return r.RemoteAddr
}

// acquire takes a slot for client, waiting in the queue if there is
// room, and returns the function that gives it back; or an error, wrapping
// errBusy or errMemory, that says which limit stopped it.
func (l *limiter) acquire(ctx context.Context, client string) (release func(), err error) {
	if err := l.memory.check(); err != nil {
		return nil, err
	}
	if l.slots == 0 {
		return func() {}, nil
	}
	l.mu.Lock()
	c := l.load(client)
	if l.running < l.slots && c.running < l.perClient {
		l.start(c)
		l.mu.Unlock()
		return l.releaser(client), nil
	}
	if err := l.enqueue(client, c); err != nil {
		l.forget(client, c)
		l.mu.Unlock()
		return nil, err
	}
	w := &waiter{client: client, ready: make(chan struct{})}
	l.waiters = append(l.waiters, w)
	c.waiting++
	l.mu.Unlock()

	t := time.NewTimer(l.wait)
	defer t.Stop()
	select {
	case <-w.ready:
	case <-t.C:
		l.leave(w, func(c *clientLoad) error {
			if c.running >= l.perClient {
				return l.busy(fmt.Sprintf("this client ran max-per-client %d queries for the whole queue-wait %v", l.perClient, l.wait))
			}
			return l.busy(fmt.Sprintf("max-concurrent %d queries ran for the whole queue-wait %v", l.slots, l.wait))
		})
	case <-ctx.Done():
		why := "the client went away while waiting"
		if cause := context.Cause(ctx); errors.Is(cause, context.DeadlineExceeded) {
			why = cause.Error() + " while waiting"
		}
		l.leave(w, func(*clientLoad) error { return l.busy(why) })
	}
	if w.err != nil {
		return nil, w.err
	}
	return l.releaser(client), nil
}

// enqueue makes room in the queue for one more request of client, if
// there is room or a waiter it may push out, or says why not. l.mu is held.
func (l *limiter) enqueue(client string, c *clientLoad) error {
	if l.queued == 0 {
		if c.running >= l.perClient && l.running < l.slots {
			return l.busy(fmt.Sprintf("this client runs max-per-client %d queries", l.perClient))
		}
		return l.busy(fmt.Sprintf("max-concurrent %d queries are running", l.slots))
	}
	if len(l.waiters) < l.queued {
		return nil
	}
	// Push out the newest waiter of the client with the most waiting.
	var victim *waiter
	most := c.waiting + 1
	for i := len(l.waiters) - 1; i >= 0; i-- {
		w := l.waiters[i]
		if n := l.clients[w.client].waiting; n > most {
			victim, most = w, n
		}
	}
	if victim == nil {
		return l.busy(fmt.Sprintf("max-concurrent %d queries are running and max-queued %d are waiting", l.slots, l.queued))
	}
	l.remove(victim)
	victim.err = l.busy(fmt.Sprintf("max-queued %d are waiting, most of them this client's", l.queued))
	close(victim.ready)
	return nil
}

// leave takes w out of the queue with the error why gives, from what its
// client runs and waits for, unless w was let go first.
func (l *limiter) leave(w *waiter, why func(*clientLoad) error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	select {
	case <-w.ready: // let go (or pushed out) before it could leave
		return
	default:
	}
	w.err = why(l.clients[w.client])
	l.remove(w)
	close(w.ready)
}

// remove takes w out of the queue. l.mu is held.
func (l *limiter) remove(w *waiter) {
	for i, x := range l.waiters {
		if x == w {
			l.waiters = append(l.waiters[:i], l.waiters[i+1:]...)
			break
		}
	}
	c := l.clients[w.client]
	c.waiting--
	l.forget(w.client, c)
}

// releaser returns the function that gives client's slot back and hands
// it on to the waiter that has the best claim to it.
func (l *limiter) releaser(client string) func() {
	var once sync.Once
	return func() {
		once.Do(func() {
			l.mu.Lock()
			defer l.mu.Unlock()
			c := l.clients[client]
			c.running--
			l.running--
			l.forget(client, c)
			l.dispatch()
		})
	}
}

// dispatch lets waiters go while slots are free: each time the oldest
// waiter of the client that runs the fewest, among those under
// perClient. l.mu is held.
func (l *limiter) dispatch() {
	for l.running < l.slots {
		best := -1
		for i, w := range l.waiters {
			c := l.clients[w.client]
			if c.running < l.perClient && (best < 0 || c.running < l.clients[l.waiters[best].client].running) {
				best = i
			}
		}
		if best < 0 {
			return
		}
		w := l.waiters[best]
		l.waiters = append(l.waiters[:best], l.waiters[best+1:]...)
		c := l.clients[w.client]
		c.waiting--
		l.start(c)
		close(w.ready)
	}
}

// load returns client's entry, making it. l.mu is held.
func (l *limiter) load(client string) *clientLoad {
	c := l.clients[client]
	if c == nil {
		c = &clientLoad{}
		l.clients[client] = c
	}
	return c
}

// start counts a request of c's client as running. l.mu is held.
func (l *limiter) start(c *clientLoad) {
	c.running++
	l.running++
}

// forget drops client's entry once it has nothing running or waiting.
// l.mu is held.
func (l *limiter) forget(client string, c *clientLoad) {
	if c.running == 0 && c.waiting == 0 {
		delete(l.clients, client)
	}
}

// waiting returns how many requests wait in the queue.
func (l *limiter) waiting() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.waiters)
}

// busyError is a request the limiter refused, and why.
type busyError struct {
	why   string
	slots int
}

func (e busyError) Error() string { return "server busy: " + e.why + "; retry shortly" }

// Unwrap returns errBusy.
func (e busyError) Unwrap() error { return errBusy }

func (l *limiter) busy(why string) error { return busyError{why: why, slots: l.slots} }

// refuse answers a request the limiter could not serve (see statusTable).
func (l *limiter) refuse(w http.ResponseWriter, err error) {
	ext := map[string]any{"limit": "max-concurrent", "max": l.slots}
	if errors.Is(err, errMemory) {
		ext = map[string]any{"limit": "memory-limit", "max": l.memory.limit.bytes}
	}
	writeProblem(w, err, ext)
}
