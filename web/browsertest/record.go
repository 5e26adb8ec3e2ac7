package browsertest

import (
	"context"
	"iter"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// Recording holds what a tab did since [Record]: the URLs it requested and
// the messages it wrote to its console.
type Recording struct {
	mu       sync.Mutex
	requests []string
	console  []chromedp.ConsoleMessage
}

// Record starts recording the requests and the console of the tab of ctx,
// until ctx ends. Call it before the navigation whose effects you want.
// Events arrive from another goroutine, so a message may show up a moment
// after the action that caused it.
func Record(ctx context.Context) *Recording {
	r := &Recording{}
	go collect(chromedp.Events(ctx, network.RequestWillBeSent), &r.mu, func(ev network.EventRequestWillBeSent) {
		r.requests = append(r.requests, ev.Request.URL)
	})
	go collect(chromedp.Console(ctx), &r.mu, func(m chromedp.ConsoleMessage) {
		r.console = append(r.console, m)
	})
	return r
}

// collect calls add, under mu, for each value of seq until seq ends.
func collect[T any](seq iter.Seq2[T, error], mu *sync.Mutex, add func(T)) {
	for v, err := range seq {
		if err != nil {
			return
		}
		mu.Lock()
		add(v)
		mu.Unlock()
	}
}

// Requests returns the URLs the tab requested so far, in order.
func (r *Recording) Requests() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return slices.Clone(r.requests)
}

// Console returns the console messages so far, in order.
func (r *Recording) Console() []chromedp.ConsoleMessage {
	r.mu.Lock()
	defer r.mu.Unlock()
	return slices.Clone(r.console)
}

// CheckOffline fails t for each request to a URL outside origin (such as
// httptest.Server.URL) other than data: and blob: URLs, and for each error or
// uncaught exception on the console, which is where Chromium reports failed
// loads and Content-Security-Policy violations.
func (r *Recording) CheckOffline(t testing.TB, origin string) {
	t.Helper()
	origin = strings.TrimSuffix(origin, "/") + "/"
	for _, u := range r.Requests() {
		if !strings.HasPrefix(u, origin) && !strings.HasPrefix(u, "data:") && !strings.HasPrefix(u, "blob:") {
			t.Errorf("the page requested %s, outside %s", u, origin)
		}
	}
	for _, m := range r.Console() {
		if m.Type == chromedp.ConsoleError || m.IsException() {
			t.Errorf("browser console: %s (%s:%d)", m, m.URL, m.Line+1)
		}
	}
}
