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
