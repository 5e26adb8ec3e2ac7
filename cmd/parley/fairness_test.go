package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"
)

// fairServer serves the seed with writes for aliceToken and small limits,
// for the fairness tests.
func fairServer(tb testing.TB, cfg serveConfig) string {
	tb.Helper()
	auth, err := loadWriteTokens("", "alice "+aliceToken, slog.New(slog.DiscardHandler))
	if err != nil {
		tb.Fatal(err)
	}
	cfg.corsOrigins, cfg.queryLimit, cfg.maxBody, cfg.maxWriteBody, cfg.writes = []string{"*"}, 100, 1<<20, 1<<20, auth
	return newTestServerWith(tb, cfg).URL
}

// dialFrom returns a dialer whose connections come from ip, one of the
// loopback addresses: the server tells clients apart by address.
func dialFrom(ip string) *net.Dialer {
	return &net.Dialer{LocalAddr: &net.TCPAddr{IP: net.ParseIP(ip)}, Timeout: 5 * time.Second}
}

// clientFrom returns an HTTP client whose requests come from ip.
func clientFrom(ip string) *http.Client {
	return &http.Client{Transport: &http.Transport{DialContext: dialFrom(ip).DialContext}}
}

// goodQuery asks a GraphQL question from c and returns its status.
func goodQuery(tb testing.TB, c *http.Client, base string) int {
	tb.Helper()
	res, err := c.Post(base+"/graphql", "application/json", strings.NewReader(`{"query": "{ entity(name: \"Pokrovsk\") { name } }"}`))
	if err != nil {
		tb.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	if res.StatusCode == http.StatusOK && !strings.Contains(string(b), `"Pokrovsk"`) {
		tb.Fatalf("good query answered %s", b)
	}
	return res.StatusCode
}

// writeCompletes writes an alias of Pokrovsk from c and checks that it
// was written.
func writeCompletes(tb testing.TB, c *http.Client, base string) {
	tb.Helper()
	req, _ := http.NewRequest("POST", base+"/api/v2/write", strings.NewReader(pokrowskNQ))
	for k, v := range bearer(aliceToken) {
		req.Header.Set(k, v)
	}
	res, err := c.Do(req)
	if err != nil {
		tb.Fatal(err)
	}
	b, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != http.StatusOK || !aliasFound(tb, base, "Pokrowsk") {
		tb.Fatalf("write after the attack: %d %s", res.StatusCode, b)
	}
}

// F3: connections that send their bodies one byte at a time hold no query
// slot: every other client is answered while they trickle, and each gets
// 408 naming --body-timeout when its time is up.
func TestSlowBodiesHoldNoSlot(t *testing.T) {
	cfg := serveConfig{queryTimeout: 10 * time.Second, maxConcurrent: 2, maxQueued: 4, queueWait: 200 * time.Millisecond,
		bodyTimeout: 2 * time.Second}
	base := fairServer(t, cfg)
	addr := strings.TrimPrefix(base, "http://")
	const slow = 8
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	answers := make(chan string, slow)
	var wg sync.WaitGroup
	for range slow {
		conn, err := dialFrom("127.0.0.2").DialContext(ctx, "tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close()
		fmt.Fprintf(conn, "POST /graphql HTTP/1.1\r\nHost: parley\r\nContent-Type: application/json\r\nContent-Length: 1027\r\n\r\n{")
		wg.Add(1)
		go func() { // one byte every 100 ms; the body would take 100 s
			defer wg.Done()
			for ctx.Err() == nil {
				if _, err := conn.Write([]byte(" ")); err != nil {
					return
				}
				time.Sleep(100 * time.Millisecond)
			}
		}()
		go func() {
			res, err := http.ReadResponse(bufio.NewReader(conn), nil)
			if err != nil {
				answers <- err.Error()
				return
			}
			b, _ := io.ReadAll(res.Body)
			answers <- fmt.Sprintf("%d %s", res.StatusCode, b)
		}()
	}
	good := clientFrom("127.0.0.1")
	for i := range 5 {
		if status := goodQuery(t, good, base); status != http.StatusOK {
			t.Fatalf("good query %d while %d bodies trickle: status %d", i+1, slow, status)
		}
		if len(answers) > 0 {
			t.Fatalf("a slow body was answered before the good queries were: %s", <-answers)
		}
	}
	for range slow {
		select {
		case a := <-answers:
			if !strings.HasPrefix(a, "408 ") || !strings.Contains(a, "--body-timeout 2s") {
				t.Errorf("slow body answered %q; want 408 naming --body-timeout", a)
			}
		case <-time.After(time.Minute):
			t.Fatal("a slow body was never answered")
		}
	}
	cancel()
	wg.Wait()
	if status := goodQuery(t, good, base); status != http.StatusOK {
		t.Fatalf("good query after the slow bodies: status %d", status)
	}
	writeCompletes(t, good, base)
}

// F9: one client's endless queries take at most --max-per-client slots,
// so another client is answered at once, and /export is bounded like any
// heavy request.
func TestEndlessQueriesOfOneClientLeaveSlots(t *testing.T) {
	cfg := serveConfig{queryTimeout: 2 * time.Second, maxConcurrent: 4, maxPerClient: 2, maxQueued: 16, queueWait: 200 * time.Millisecond,
		bodyTimeout: 2 * time.Second}
	base := fairServer(t, cfg)
	greedy := clientFrom("127.0.0.2")
	endless := func() (int, string) {
		res, err := greedy.Post(base+"/api/v1/query/gizmo", "text/plain", strings.NewReader(`while (true) {}`))
		if err != nil {
			return 0, err.Error()
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		return res.StatusCode, string(b)
	}
	const greed = 8
	statuses := make(chan int, greed)
	for range greed {
		go func() {
			status, body := endless()
			if status != http.StatusGatewayTimeout && status != http.StatusServiceUnavailable {
				t.Errorf("endless query: %d %s; want 504 or 503", status, body)
			}
			statuses <- status
		}()
	}
	// The greedy client runs its share, 2; the rest of its queries wait
	// out the queue and get 503.
	for range greed - cfg.maxPerClient {
		if status := <-statuses; status != http.StatusServiceUnavailable {
			t.Fatalf("an endless query beyond the client's share ended with %d; want 503", status)
		}
	}
	if status, body := endless(); status != http.StatusServiceUnavailable || !strings.Contains(body, "max-per-client 2") {
		t.Fatalf("greedy client's extra query: %d %s; want 503 naming its share", status, body)
	}
	good := clientFrom("127.0.0.1")
	if status := goodQuery(t, good, base); status != http.StatusOK {
		t.Fatalf("good query while another client's endless queries run: status %d", status)
	}
	res, err := clientFrom("127.0.0.3").Get(base + "/export")
	if err != nil {
		t.Fatal(err)
	}
	io.Copy(io.Discard, res.Body)
	res.Body.Close()
	if res.StatusCode != http.StatusOK {
		t.Errorf("export while another client's endless queries run: status %d", res.StatusCode)
	}
	for range cfg.maxPerClient {
		<-statuses
	}
	if status := goodQuery(t, good, base); status != http.StatusOK {
		t.Fatalf("good query after the endless queries: status %d", status)
	}
	writeCompletes(t, good, base)
}

// /export takes a query slot while it spools: with the only slot held by
// an endless query, it waits out --queue-wait and gets 503.
func TestExportTakesASlot(t *testing.T) {
	cfg := serveConfig{queryTimeout: 2 * time.Second, maxConcurrent: 1, maxQueued: 4, queueWait: 100 * time.Millisecond}
	base := fairServer(t, cfg)
	done := make(chan struct{})
	go func() {
		defer close(done)
		res, err := clientFrom("127.0.0.2").Post(base+"/api/v1/query/gizmo", "text/plain", strings.NewReader(`while (true) {}`))
		if err == nil {
			res.Body.Close()
		}
	}()
	deadline := time.Now().Add(cfg.queryTimeout / 2)
	for {
		res, err := http.Get(base + "/export")
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode == http.StatusServiceUnavailable {
			if !strings.Contains(string(b), "max-concurrent 1") || res.Header.Get("Retry-After") == "" {
				t.Errorf("export refused with %v %s; want Retry-After and the limit named", res.Header, b)
			}
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("export while the only slot is held: %d; want 503", res.StatusCode)
		}
	}
	<-done
	if status := goodQuery(t, http.DefaultClient, base); status != http.StatusOK {
		t.Fatalf("good query after: status %d", status)
	}
}

// A body that takes longer than --query-timeout to arrive, but not longer
// than --body-timeout, is answered: the query's time starts once its body
// is in.
func TestQueryTimeoutStartsAfterTheBody(t *testing.T) {
	cfg := serveConfig{queryTimeout: 300 * time.Millisecond, maxConcurrent: 2, bodyTimeout: 10 * time.Second}
	base := fairServer(t, cfg)
	body := `{"query": "{ entity(name: \"Pokrovsk\") { name } }"}`
	pr, pw := io.Pipe()
	go func() {
		for _, part := range []string{body[:10], body[10:20], body[20:]} {
			pw.Write([]byte(part))
			time.Sleep(cfg.queryTimeout)
		}
		pw.Close()
	}()
	req, _ := http.NewRequest("POST", base+"/graphql", pr)
	req.Header.Set("Content-Type", "application/json")
	req.ContentLength = int64(len(body))
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != http.StatusOK || !strings.Contains(string(b), `"Pokrovsk"`) {
		t.Fatalf("a body sent over %v: %d %s; want the answer", 3*cfg.queryTimeout, res.StatusCode, b)
	}
}
