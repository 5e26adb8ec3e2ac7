package browsertest_test

import (
	"bytes"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/parley-kg/parley/web/browsertest"
)

// recordingTB records the errors a check reports, without failing.
type recordingTB struct {
	testing.TB
	errors []string
}

func (r *recordingTB) Helper() {}

func (r *recordingTB) Errorf(format string, args ...any) {
	r.errors = append(r.errors, fmt.Sprintf(format, args...))
}

func TestBrowser(t *testing.T) {
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "image/svg+xml")
		fmt.Fprint(w, `<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"/>`)
	}))
	defer other.Close()
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/" {
			http.NotFound(w, r)
			return
		}
		fmt.Fprintf(w, `<!doctype html><title>t</title><link rel="icon" href="data:,">
<h1 id="hi">Hello</h1><img id="img" src="%s/x.svg"><script>console.error("boom")</script>`, other.URL)
	}))
	defer ts.Close()
	t.Setenv("PARLEY_ARTIFACTS", t.TempDir())

	ctx := browsertest.New(t)
	rec := browsertest.Record(ctx)
	browsertest.Run(t, ctx, "open the page",
		chromedp.Navigate(ts.URL),
		chromedp.WaitVisible(chromedp.ID("hi")),
		browsertest.WaitTrue(`document.getElementById("img").complete`),
	)

	file := browsertest.Screenshot(t, ctx, "browsertest/hello")
	png, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(png, []byte("\x89PNG")) {
		t.Errorf("%s is not a PNG", file)
	}

	// The image on the other server and the console error must be reported;
	// the events arrive from another goroutine.
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if len(rec.Console()) > 0 && slices.Contains(rec.Requests(), other.URL+"/x.svg") {
			break
		}
	}
	check := &recordingTB{TB: t}
	rec.CheckOffline(check, ts.URL)
	got := strings.Join(check.errors, "\n")
	for _, want := range []string{other.URL + "/x.svg", "boom"} {
		if !strings.Contains(got, want) {
			t.Errorf("CheckOffline reported:\n%s\nwant %q in it", got, want)
		}
	}
}
