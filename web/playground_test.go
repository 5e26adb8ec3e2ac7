package web_test

import (
	"encoding/json"
	"html"
	"net/http"
	"net/http/httptest"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/parley-kg/parley/web"
)

func TestPlayground(t *testing.T) {
	h := web.Playground(web.PlaygroundOptions{})

	t.Run("OK", func(t *testing.T) {
		rec := serve(h, http.MethodGet, "/", nil)
		if got, want := rec.Code, http.StatusOK; got != want {
			t.Fatalf("status=%d, want %d", got, want)
		}
		for name, want := range map[string]string{
			"Content-Type":           "text/html; charset=utf-8",
			"Cache-Control":          "no-cache",
			"X-Content-Type-Options": "nosniff",
		} {
			if got := rec.Header().Get(name); got != want {
				t.Errorf("%s=%q, want %q", name, got, want)
			}
		}
		if rec.Header().Get("ETag") == "" {
			t.Error("no ETag")
		}
		body := rec.Body.String()
		for _, want := range []string{
			"<title>Parley — GraphQL playground</title>",
			`data-endpoint="/graphql"`,
			`src="assets/vendor/graphiql-4.1.2/graphiql.min.js"`,
			`href="/explore"`,
			">Copy as code<",
			`data-lang="curl"`, `data-lang="python"`, `data-lang="pandas"`, `data-lang="javascript"`, `data-lang="r"`,
			`<option value="positions-frozen-assets">`,
		} {
			if !strings.Contains(body, want) {
				t.Errorf("page lacks %s", want)
			}
		}
	})

	t.Run("HEAD", func(t *testing.T) {
		rec := serve(h, http.MethodHead, "/", nil)
		if rec.Code != http.StatusOK || rec.Body.Len() != 0 {
			t.Errorf("HEAD: status=%d body=%d bytes, want 200 and no body", rec.Code, rec.Body.Len())
		}
	})

	t.Run("MethodNotAllowed", func(t *testing.T) {
		for _, method := range []string{http.MethodPost, http.MethodPut, http.MethodDelete, http.MethodPatch} {
			rec := serve(h, method, "/", nil)
			if got, want := rec.Code, http.StatusMethodNotAllowed; got != want {
				t.Errorf("%s: status=%d, want %d", method, got, want)
			}
			if got, want := rec.Header().Get("Allow"), "GET, HEAD"; got != want {
				t.Errorf("%s: Allow=%q, want %q", method, got, want)
			}
		}
	})

	t.Run("NotModified", func(t *testing.T) {
		etag := serve(h, http.MethodGet, "/", nil).Header().Get("ETag")
		rec := serve(h, http.MethodGet, "/", map[string]string{"If-None-Match": etag})
		if got, want := rec.Code, http.StatusNotModified; got != want {
			t.Errorf("status=%d, want %d", got, want)
		}
	})

	t.Run("CSP", func(t *testing.T) {
		csp := serve(h, http.MethodGet, "/", nil).Header().Get("Content-Security-Policy")
		for _, want := range []string{"default-src 'none'", "script-src 'self';", "connect-src 'self';"} {
			if !strings.Contains(csp, want) {
				t.Errorf("Content-Security-Policy %q lacks %q", csp, want)
			}
		}
		if strings.Contains(csp, "unsafe-eval") || strings.Contains(csp, "script-src 'self' 'unsafe-inline'") {
			t.Errorf("Content-Security-Policy %q lets scripts run inline or eval", csp)
		}
	})

	t.Run("Examples", func(t *testing.T) {
		body := serve(h, http.MethodGet, "/", nil).Body.String()
		m := regexp.MustCompile(`(?s)<script type="application/json" id="parley-examples">(.*?)</script>`).FindStringSubmatch(body)
		if m == nil {
			t.Fatal("page has no examples block")
		}
		var got []web.Example
		if err := json.Unmarshal([]byte(m[1]), &got); err != nil {
			t.Fatalf("examples block: %v", err)
		}
		if want := web.Examples(); !reflect.DeepEqual(got, want) {
			t.Errorf("examples block = %+v, want %+v", got, want)
		}
	})
}

func TestPlaygroundOptions(t *testing.T) {
	tests := []struct {
		name          string
		opts          web.PlaygroundOptions
		want, wantNot []string
		wantCSP       string
	}{
		{
			name:    "AbsoluteEndpoint",
			opts:    web.PlaygroundOptions{Endpoint: "https://parley.example/graphql"},
			want:    []string{`data-endpoint="https://parley.example/graphql"`},
			wantCSP: "connect-src 'self' https://parley.example;",
		},
		{
			name:    "RelativeEndpoint",
			opts:    web.PlaygroundOptions{Endpoint: "api/graphql"},
			want:    []string{`data-endpoint="api/graphql"`},
			wantCSP: "connect-src 'self';",
		},
		{
			name:    "EscapedEndpoint",
			opts:    web.PlaygroundOptions{Endpoint: `/graphql?x="><script>alert(1)</script>`},
			want:    []string{`data-endpoint="/graphql?x=&#34;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"`},
			wantNot: []string{`"><script>alert(1)`},
		},
		{
			name:    "AssetsURL",
			opts:    web.PlaygroundOptions{AssetsURL: "/static"},
			want:    []string{`src="/static/vendor/react-18.3.1/react.production.min.js"`, `href="/static/playground.css"`},
			wantNot: []string{`src="assets/`},
		},
		{
			name: "Links",
			opts: web.PlaygroundOptions{ExplorerURL: "/x/explore", DocsURL: "/docs/"},
			want: []string{`<a href="/x/explore">Explorer</a>`, `<a href="/docs/">Docs</a>`},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rec := serve(web.Playground(tc.opts), http.MethodGet, "/", nil)
			body := rec.Body.String()
			for _, want := range tc.want {
				if !strings.Contains(body, want) {
					t.Errorf("page lacks %s", want)
				}
			}
			for _, bad := range tc.wantNot {
				if strings.Contains(body, bad) {
					t.Errorf("page has %s", bad)
				}
			}
			if csp := rec.Header().Get("Content-Security-Policy"); !strings.Contains(csp, tc.wantCSP) {
				t.Errorf("Content-Security-Policy %q lacks %q", csp, tc.wantCSP)
			}
		})
	}
}

// TestPlaygroundAssetsExist checks that every file the page loads is served
// by [web.Assets], so that a version bump cannot leave a stale path behind.
func TestPlaygroundAssetsExist(t *testing.T) {
	body := serve(web.Playground(web.PlaygroundOptions{}), http.MethodGet, "/", nil).Body.String()
	refs := regexp.MustCompile(`(?:src|href)="assets/([^"]+)"`).FindAllStringSubmatch(body, -1)
	if len(refs) < 7 {
		t.Fatalf("page loads %d assets, want the 4 vendored scripts, 2 vendored styles and the playground's own", len(refs))
	}
	assets := web.Assets()
	for _, ref := range refs {
		name := html.UnescapeString(ref[1])
		if rec := serve(assets, http.MethodGet, "/"+name, nil); rec.Code != http.StatusOK {
			t.Errorf("page loads assets/%s: status %d", name, rec.Code)
		}
	}
}

// serve runs one request through h and returns the recorded response.
func serve(h http.Handler, method, target string, header map[string]string) *httptest.ResponseRecorder {
	r := httptest.NewRequest(method, target, nil)
	for k, v := range header {
		r.Header.Set(k, v)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, r)
	return rec
}
