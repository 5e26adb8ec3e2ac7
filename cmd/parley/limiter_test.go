package main

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

// A burst many times larger than --max-concurrent is served whole: the
// requests beyond the bound wait their turn instead of getting 503.
func TestLimiterServesBurst(t *testing.T) {
	cfg := serveConfig{corsOrigins: []string{"*"}, queryTimeout: 10 * time.Second, queryLimit: 100, maxBody: 1 << 20,
		maxConcurrent: 1, maxQueued: 100, queueWait: 30 * time.Second}
	ts := newTestServerWith(t, cfg)
	const n = 60
	statuses := make([]int, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			statuses[i], _ = post(t, ts.URL+"/graphql", "application/json", gqlBody(`{ entity(name: "Pokrovsk") { name } }`, nil)())
		}()
	}
	wg.Wait()
	for i, s := range statuses {
		if s != http.StatusOK {
			t.Errorf("request %d of a burst of %d: status %d, want 200", i, n, s)
		}
	}
}

// What a request gets when it cannot have a slot: 503, Retry-After, a
// message naming the limit that stopped it, and a JSON body for both kinds
// of client.
func TestLimiterRefuses(t *testing.T) {
	tests := []struct {
		name    string
		queued  int
		wait    time.Duration
		holders int // requests that hold a slot or a place in the queue first
		want    string
	}{
		{"no queue", 0, 0, 1, "max-concurrent 1 queries are running; retry"},
		{"queue full", 1, time.Minute, 2, "max-queued 1 are waiting"},
		{"waited too long", 1, 50 * time.Millisecond, 1, "queue-wait 50ms"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			l := newLimiter(limiterConfig{running: 1, queued: tc.queued, wait: tc.wait})
			release := make(chan struct{})
			entered := make(chan struct{}, 8)
			h := l.wrap(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if r.Header.Get("X-Hold") != "" {
					entered <- struct{}{}
					<-release
				}
			}))
			var wg sync.WaitGroup
			defer func() { close(release); wg.Wait() }()
			for range tc.holders {
				wg.Add(1)
				go func() {
					defer wg.Done()
					r := httptest.NewRequest("POST", "/graphql", nil)
					r.Header.Set("X-Hold", "1")
					h.ServeHTTP(httptest.NewRecorder(), r)
				}()
			}
			<-entered // one runs; wait until the others are queued
			for deadline := time.Now().Add(10 * time.Second); l.waiting() < tc.holders-1; {
				if time.Now().After(deadline) {
					t.Fatalf("%d of %d holders queued", l.waiting(), tc.holders-1)
				}
				time.Sleep(time.Millisecond)
			}
			{
				w := httptest.NewRecorder()
				h.ServeHTTP(w, httptest.NewRequest("POST", "/graphql", nil))
				body := w.Body.String()
				if w.Code != http.StatusServiceUnavailable || !strings.Contains(body, tc.want) {
					t.Fatalf("status %d, body %s; want 503 naming %q", w.Code, body, tc.want)
				}
				var v struct {
					Error  string
					Errors []struct {
						Extensions map[string]any
					}
				}
				if err := json.Unmarshal(w.Body.Bytes(), &v); err != nil || v.Error == "" || len(v.Errors) != 1 ||
					v.Errors[0].Extensions["code"] != "SERVER_BUSY" || w.Header().Get("Retry-After") == "" {
					t.Errorf("503 body %s, headers %v: want error, errors with SERVER_BUSY, Retry-After", body, w.Header())
				}
			}
		})
	}
}

// A client that goes away while queued leaves the queue at once, and its
// place is free for the next.
func TestLimiterClientGoneWhileQueued(t *testing.T) {
	l := newLimiter(limiterConfig{running: 1, queued: 1, wait: time.Minute})
	release := make(chan struct{})
	entered := make(chan struct{})
	h := l.wrap(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		entered <- struct{}{}
		<-release
	}))
	go h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("POST", "/", nil))
	<-entered
	for range 3 {
		ctx, cancel := context.WithCancel(context.Background())
		w := httptest.NewRecorder()
		done := make(chan struct{})
		go func() { h.ServeHTTP(w, httptest.NewRequest("POST", "/", nil).WithContext(ctx)); close(done) }()
		for l.waiting() == 0 {
			time.Sleep(time.Millisecond)
		}
		cancel()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			t.Fatal("a queued request whose client went away still waits")
		}
		if w.Code != http.StatusServiceUnavailable || strings.Contains(w.Body.String(), "max-queued") {
			t.Errorf("queued request whose client went away: status %d, body %s; want 503 and its place freed", w.Code, w.Body)
		}
	}
	close(release)
}

// grant is what the limiter answered one acquire.
type grant struct {
	release func()
	err     error
}

// take acquires a slot of l for client in the background; the answer
// comes on the channel, and a slot it gets is given back at cleanup.
func take(t *testing.T, l *limiter, client string) chan grant {
	done := make(chan grant, 1)
	go func() {
		release, err := l.acquire(context.Background(), client)
		if err == nil {
			t.Cleanup(release)
		}
		done <- grant{release, err}
	}()
	return done
}

// answer waits for the limiter's answer on g.
func answer(t *testing.T, g chan grant) grant {
	t.Helper()
	select {
	case a := <-g:
		return a
	case <-time.After(10 * time.Second):
		t.Fatal("no answer from the limiter")
		return grant{}
	}
}

// pending reports whether g has no answer yet.
func pending(g chan grant) bool { return len(g) == 0 }

// queued waits until n requests wait in l's queue.
func queued(t *testing.T, l *limiter, n int) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); l.waiting() != n; time.Sleep(time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("%d waiting, want %d", l.waiting(), n)
		}
	}
}

// TestLimiterFairness drives the limiter's slots and queue directly, client
// by client, and checks who gets the next slot.
func TestLimiterFairness(t *testing.T) {
	t.Run("OneClientLeavesSlotsForOthers", func(t *testing.T) {
		l := newLimiter(limiterConfig{running: 4, queued: 8, wait: time.Minute})
		for range 3 { // three quarters of 4
			if a := answer(t, take(t, l, "a")); a.err != nil {
				t.Fatal(a.err)
			}
		}
		a := take(t, l, "a")
		queued(t, l, 1)
		if b := answer(t, take(t, l, "b")); b.err != nil {
			t.Fatalf("client b, with a slot free: %v", b.err)
		}
		if !pending(a) {
			t.Error("client a took a fourth slot of four")
		}
	})

	t.Run("FreedSlotGoesToTheClientRunningFewest", func(t *testing.T) {
		l := newLimiter(limiterConfig{running: 2, perClient: 2, queued: 8, wait: time.Minute})
		first := answer(t, take(t, l, "a"))
		answer(t, take(t, l, "a"))
		a3 := take(t, l, "a")
		queued(t, l, 1)
		b1 := take(t, l, "b")
		queued(t, l, 2)
		first.release()
		if b := answer(t, b1); b.err != nil {
			t.Fatalf("client b, running none: %v", b.err)
		}
		if !pending(a3) {
			t.Error("client a's third request went before client b's first")
		}
	})

	t.Run("FullQueuePushesOutTheBusiestClient", func(t *testing.T) {
		l := newLimiter(limiterConfig{running: 1, queued: 2, wait: time.Minute})
		answer(t, take(t, l, "a"))
		a2 := take(t, l, "a")
		queued(t, l, 1)
		a3 := take(t, l, "a")
		queued(t, l, 2)
		b := take(t, l, "b")
		if a := answer(t, a3); a.err == nil || !strings.Contains(a.err.Error(), "most of them this client's") {
			t.Fatalf("client a's newest waiter: %v; want pushed out", a.err)
		}
		queued(t, l, 2)
		if !pending(a2) || !pending(b) {
			t.Error("a waiter other than client a's newest left the queue")
		}
		if a := answer(t, take(t, l, "a")); a.err == nil || !strings.Contains(a.err.Error(), "max-queued 2 are waiting") {
			t.Errorf("client a again, the queue full with one each: %v; want refused", a.err)
		}
	})

	t.Run("AloneAClientIsServedInOrder", func(t *testing.T) {
		l := newLimiter(limiterConfig{running: 1, queued: 8, wait: time.Minute})
		holder := answer(t, take(t, l, "a"))
		var waits []chan grant
		for i := range 5 {
			waits = append(waits, take(t, l, "a"))
			queued(t, l, i+1)
		}
		for i, w := range waits {
			holder.release()
			if holder = answer(t, w); holder.err != nil {
				t.Fatalf("client a alone: %v", holder.err)
			}
			for _, later := range waits[i+1:] {
				if !pending(later) {
					t.Fatal("a later request went first")
				}
			}
		}
	})
}

// BenchmarkLimiter measures what the limiter adds to each request when a
// slot is free: taking and giving back a slot, with and without the memory
// guard's look at the live heap.
func BenchmarkLimiter(b *testing.B) {
	for _, bc := range []struct {
		name   string
		memory *memoryGuard
	}{
		{"Slots", nil},
		{"SlotsAndMemory", newMemoryGuard(memoryLimit{bytes: 1 << 40, source: "test"})},
	} {
		b.Run(bc.name, func(b *testing.B) {
			l := newLimiter(limiterConfig{running: 8, queued: 256, wait: time.Second, memory: bc.memory})
			ctx := context.Background()
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					release, err := l.acquire(ctx, "192.0.2.1")
					if err != nil {
						continue // all 8 slots taken by other goroutines: refused or queued out
					}
					release()
				}
			})
		})
	}
}
