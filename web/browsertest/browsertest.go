// Package browsertest starts a headless Chromium for tests that drive a page
// with chromedp, and saves screenshots of it for people to look at.
//
// A test calls [New] for a browser tab, runs chromedp actions on the context
// it returns, and calls [Screenshot] to keep a picture of the page:
//
//	ctx := browsertest.New(t)
//	if err := chromedp.Do(ctx, chromedp.Navigate(ts.URL)); err != nil {
//		t.Fatal(err)
//	}
//	browsertest.Screenshot(t, ctx, "playground")
//
// [New] skips the test when Chromium is not installed, unless the environment
// variable CI is set: then a missing browser fails the test, so that CI cannot
// pass by skipping. Install Debian's browser with `apt-get install chromium`,
// or point CHROMIUM_PATH at another binary.
package browsertest

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// DefaultChromium is where Debian's chromium package installs the browser.
const DefaultChromium = "/usr/bin/chromium"

// Timeout bounds the life of the browser that [New] starts, so that a page
// that never shows what a test waits for fails the test instead of hanging
// it. A test's own deadline (go test -timeout) wins when it is sooner.
const Timeout = 3 * time.Minute

// flags returns the switches Chromium starts with, on top of chromedp's
// defaults and --user-data-dir. Without the networking switches a headless
// Chromium tries to reach Google's services, which a machine with no network
// refuses.
func flags() []string {
	return []string{
		"headless", "no-sandbox", "disable-gpu", "disable-quic", "no-first-run",
		"disable-background-networking", "disable-component-update", "disable-sync",
	}
}

// FindChromium returns the browser to run: $CHROMIUM_PATH when it is set,
// else /usr/bin/chromium, else chromium or chromium-browser on $PATH.
func FindChromium() (string, error) {
	if p := os.Getenv("CHROMIUM_PATH"); p != "" {
		if _, err := os.Stat(p); err != nil {
			return "", fmt.Errorf("CHROMIUM_PATH: %w", err)
		}
		return p, nil
	}
	if _, err := os.Stat(DefaultChromium); err == nil {
		return DefaultChromium, nil
	}
	for _, name := range []string{"chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			return p, nil
		}
	}
	return "", errors.New("no chromium: not at " + DefaultChromium + " nor on $PATH, and CHROMIUM_PATH is unset")
}

// New starts a headless Chromium with a new, empty profile in t.TempDir()
// and returns the chromedp context of a tab in it. Chromium runs with
// --headless --no-sandbox --disable-gpu --disable-quic --no-first-run
// --disable-background-networking --disable-component-update --disable-sync
// and a 1280×800 window. The browser stops when
// the test ends, or after [Timeout]. Messages the page writes to its
// console, and exceptions it does not catch, appear in the test's log.
//
// New skips the test when no Chromium is found (see [FindChromium]), and
// fails it instead when the environment variable CI is not empty.
func New(t testing.TB) context.Context {
	t.Helper()
	execPath, err := FindChromium()
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("browser test needs chromium, and CI is set: %v (apt-get install chromium)", err)
		}
		t.Skipf("skipping browser test: %v (apt-get install chromium, or set CHROMIUM_PATH)", err)
	}

	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(execPath),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 800),
	)
	for _, f := range flags() {
		opts = append(opts, chromedp.Flag(f, true))
	}
	var output lockedBuffer
	opts = append(opts, chromedp.CombinedOutput(&output))

	deadline := time.Now().Add(Timeout)
	if d, ok := t.(interface{ Deadline() (time.Time, bool) }); ok {
		if td, ok := d.Deadline(); ok && td.Before(deadline) {
			deadline = td.Add(-5 * time.Second) // leave time to report
		}
	}
	parent, cancelTimeout := context.WithDeadline(context.Background(), deadline)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(parent, opts...)
	ctx, cancelTab := chromedp.NewContext(allocCtx)
	console := &consoleLog{t: t}
	t.Cleanup(func() {
		console.stop()
		cancelTab()
		cancelAlloc()
		cancelTimeout()
	})

	if err := chromedp.Do(ctx); err != nil { // starts the browser and opens the tab
		t.Fatalf("start %s: %v\nbrowser output:\n%s", execPath, err, output.String())
	}
	go console.copy(ctx)
	return ctx
}

// Screenshot saves a full-page PNG of the tab as NAME.png in the artifacts
// directory, logs its path and returns it. The directory is $PARLEY_ARTIFACTS,
// or parley-artifacts in the system's temporary directory; a later
// screenshot with the same name replaces the file. A failure to take or
// save the screenshot fails the test.
func Screenshot(t testing.TB, ctx context.Context, name string) string {
	t.Helper()
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatalf("screenshot %s: %v", name, err)
	}
	dir := ArtifactsDir()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatalf("screenshot %s: %v", name, err)
	}
	file := filepath.Join(dir, safeName(name)+".png")
	if err := os.WriteFile(file, png, 0o644); err != nil {
		t.Fatalf("screenshot %s: %v", name, err)
	}
	t.Logf("screenshot: %s", file)
	return file
}

// ArtifactsDir returns the directory [Screenshot] writes to: $PARLEY_ARTIFACTS,
// or parley-artifacts in [os.TempDir].
func ArtifactsDir() string {
	if d := os.Getenv("PARLEY_ARTIFACTS"); d != "" {
		return d
	}
	return filepath.Join(os.TempDir(), "parley-artifacts")
}

// safeName turns a test or screenshot name into a file name.
func safeName(name string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '-', r == '_', r == '.':
			return r
		}
		return '_'
	}, name)
}

// consoleLog copies the page's console to the test's log until the test
// ends; testing.T must not be used after that.
type consoleLog struct {
	t       testing.TB
	mu      sync.Mutex
	stopped bool
}

// copy logs each console message of the tab of ctx.
func (l *consoleLog) copy(ctx context.Context) {
	for m, err := range chromedp.Console(ctx) {
		if err != nil {
			return
		}
		l.mu.Lock()
		if !l.stopped {
			l.t.Logf("browser console: %s (%s:%d)", m, m.URL, m.Line+1)
		}
		l.mu.Unlock()
	}
}

// stop ends the logging; it is called before the test ends.
func (l *consoleLog) stop() {
	l.mu.Lock()
	l.stopped = true
	l.mu.Unlock()
}

// lockedBuffer collects the browser's output, which its process writes from
// other goroutines.
type lockedBuffer struct {
	mu  sync.Mutex
	buf strings.Builder
}

// Write appends p.
func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

// String returns what was written.
func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
