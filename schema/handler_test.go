package schema_test

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/parley-kg/parley/graph"
	"github.com/parley-kg/parley/schema"
)

const (
	jsonType     = "application/json"
	responseType = "application/graphql-response+json"
)

// handlerWorld is a small fake graph for the transport tests.
func handlerWorld() *fakeGraph {
	f := newFakeGraph()
	f.add(graph.KindTerritory, "Pokrovsk", "Krasnoarmeysk")
	f.add(graph.KindPerson, "Steve Witkoff", "Witkoff")
	return f
}

// request describes one HTTP request to the handler.
type request struct {
	method, target, contentType, accept, body string
}

// do sends req to h and returns the recorded response.
func do(h http.Handler, req request) *httptest.ResponseRecorder {
	r := httptest.NewRequest(req.method, req.target, strings.NewReader(req.body))
	if req.contentType != "" {
		r.Header.Set("Content-Type", req.contentType)
	}
	if req.accept != "" {
		r.Header.Set("Accept", req.accept)
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
}

func post(body, accept string) request {
	return request{method: http.MethodPost, target: "/graphql", contentType: jsonType, accept: accept, body: body}
}

func get(query, accept string) request {
	return request{method: http.MethodGet, target: "/graphql?" + query, accept: accept}
}

func gqlBody(query string) string {
	b, _ := json.Marshal(map[string]string{"query": query})
	return string(b)
}

func TestHandler(t *testing.T) {
	h := schema.Handler(mustSchema(t, handlerWorld()), schema.HandlerOptions{
		Logger: slog.New(slog.DiscardHandler), MaxBodyBytes: 4096,
	})
	q := url.QueryEscape
	tests := []struct {
		name      string
		req       request
		status    int
		media     string // Content-Type without parameters; "" to skip
		allow     string // the Allow header, when status is 405
		hasData   bool   // the body has a "data" entry
		wantCodes []string
	}{
		{"PostJSON", post(gqlBody(`{ entity(name: "krasnoarmeysk") { name } }`), ""), 200, jsonType, "", true, nil},
		{"PostAcceptResponseType", post(gqlBody(`{ __typename }`), responseType), 200, responseType, "", true, nil},
		{"PostAcceptBothPrefersResponseType", post(gqlBody(`{ __typename }`), responseType+", application/json;q=0.9"), 200, responseType, "", true, nil},
		{"PostAcceptJSONPreferred", post(gqlBody(`{ __typename }`), responseType+";q=0.5, application/json"), 200, jsonType, "", true, nil},
		{"PostAcceptAny", post(gqlBody(`{ __typename }`), "*/*"), 200, jsonType, "", true, nil},
		{"PostAcceptHTML", post(gqlBody(`{ __typename }`), "text/html"), 406, jsonType, "", false, []string{schema.CodeBadRequest}},
		{"PostCharsetUTF8", request{method: "POST", target: "/graphql", contentType: "application/json; charset=UTF-8", body: gqlBody(`{ __typename }`)}, 200, jsonType, "", true, nil},
		{"PostCharsetLatin1", request{method: "POST", target: "/graphql", contentType: "application/json; charset=latin1", body: gqlBody(`{ __typename }`)}, 415, jsonType, "", false, []string{schema.CodeBadRequest}},
		{"PostTextPlain", request{method: "POST", target: "/graphql", contentType: "text/plain", body: gqlBody(`{ __typename }`)}, 415, jsonType, "", false, []string{schema.CodeBadRequest}},
		{"PostNoContentType", request{method: "POST", target: "/graphql", body: gqlBody(`{ __typename }`)}, 415, jsonType, "", false, []string{schema.CodeBadRequest}},
		{"PostMalformedJSON", post(`{"query":`, ""), 400, jsonType, "", false, []string{schema.CodeBadRequest}},
		{"PostNonsense", post(`NONSENSE`, responseType), 400, responseType, "", false, []string{schema.CodeBadRequest}},
		{"PostJSONArray", post(`[{"query":"{ __typename }"}]`, ""), 400, jsonType, "", false, []string{schema.CodeBadRequest}},
		{"PostTrailingData", post(`{"query":"{ __typename }"} {}`, ""), 400, jsonType, "", false, []string{schema.CodeBadRequest}},
		{"PostMissingQuery", post(`{"qeury":"{ __typename }"}`, ""), 400, jsonType, "", false, []string{schema.CodeBadRequest}},
		{"PostNullQuery", post(`{"query":null}`, ""), 400, jsonType, "", false, []string{schema.CodeBadRequest}},
		{"PostNumberQuery", post(`{"query":7}`, ""), 400, jsonType, "", false, []string{schema.CodeBadRequest}},
		{"PostArrayVariables", post(`{"query":"{ __typename }","variables":[7]}`, ""), 400, jsonType, "", false, []string{schema.CodeBadRequest}},
		{"PostNullVariables", post(`{"query":"{ __typename }","variables":null,"operationName":null,"extensions":null}`, ""), 200, jsonType, "", true, nil},
		{"PostTooLarge", post(`{"query":"{ __typename }","variables":{"pad":"`+strings.Repeat("x", 5000)+`"}}`, ""), 413, jsonType, "", false, []string{schema.CodeBadRequest}},
		{"Get", get("query="+q(`{ entity(name: "Witkoff") { id } }`), ""), 200, jsonType, "", true, nil},
		{"GetVariables", get("query="+q(`query ($n: String) { entity(name: $n) { id } }`)+"&variables="+q(`{"n":"Witkoff"}`), responseType), 200, responseType, "", true, nil},
		{"GetBadVariables", get("query="+q(`{ __typename }`)+"&variables=7", ""), 400, jsonType, "", false, []string{schema.CodeBadRequest}},
		{"GetMissingQuery", get("", ""), 400, jsonType, "", false, []string{schema.CodeBadRequest}},
		{"GetMutation", get("query="+q(`mutation { addQuads(nquads: "") { changed } }`), ""), 405, jsonType, "POST", false, []string{schema.CodeBadRequest}},
		{"GetMutationByName", get("query="+q(`query A { __typename } mutation B { addQuads(nquads: "") { changed } }`)+"&operationName=B", responseType), 405, responseType, "POST", false, []string{schema.CodeBadRequest}},
		{"GetQueryByName", get("query="+q(`query A { __typename } mutation B { addQuads(nquads: "") { changed } }`)+"&operationName=A", ""), 200, jsonType, "", true, nil},
		{"Put", request{method: http.MethodPut, target: "/graphql", contentType: jsonType, body: gqlBody(`{ __typename }`)}, 405, jsonType, "GET, POST", false, []string{schema.CodeBadRequest}},
		{"ParseErrorJSON", post(gqlBody(`{`), ""), 200, jsonType, "", false, []string{schema.CodeParseFailed}},
		{"ParseErrorResponseType", post(gqlBody(`{`), responseType), 400, responseType, "", false, []string{schema.CodeParseFailed}},
		{"PanicQueryJSON", post(gqlBody(`query ($a:) { __typename }`), ""), 200, jsonType, "", false, []string{schema.CodeParseFailed}},
		{"PanicQueryResponseType", post(gqlBody(`query ($a:) { __typename }`), responseType), 400, responseType, "", false, []string{schema.CodeParseFailed}},
		{"PanicQueryGet", get("query="+q(`query ($a:) { __typename }`), responseType), 400, responseType, "", false, []string{schema.CodeParseFailed}},
		{"ValidationErrorJSON", post(gqlBody(`{ nope }`), ""), 200, jsonType, "", false, []string{schema.CodeValidationFailed}},
		{"ValidationErrorResponseType", post(gqlBody(`{ nope }`), responseType), 400, responseType, "", false, []string{schema.CodeValidationFailed}},
		{"UnknownOperationJSON", post(`{"query":"query A { __typename }","operationName":"B"}`, ""), 200, jsonType, "", false, []string{schema.CodeBadRequest}},
		{"UnknownOperationResponseType", post(`{"query":"query A { __typename }","operationName":"B"}`, responseType), 400, responseType, "", false, []string{schema.CodeBadRequest}},
		{"VariableCoercionResponseType", post(`{"query":"query ($n: Int) { search(text: \"a\", first: $n) { id } }","variables":{"n":"many"}}`, responseType), 400, responseType, "", false, []string{schema.CodeBadRequest}},
		{"FieldErrorResponseType", post(gqlBody(`{ entity(name: "Atlantis") { id } }`), responseType), 200, responseType, "", true, []string{schema.CodeNotFound}},
		{"FieldErrorNullsDataResponseType", post(gqlBody(`{ positions(holder: "Atlantis") { id } }`), responseType), 200, responseType, "", true, []string{schema.CodeNotFound}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			w := do(h, tc.req)
			body := w.Body.String()
			if got := w.Code; got != tc.status {
				t.Errorf("status=%d, want %d; body %s", got, tc.status, body)
			}
			if tc.media != "" {
				if got := strings.TrimSpace(strings.Split(w.Header().Get("Content-Type"), ";")[0]); got != tc.media {
					t.Errorf("Content-Type=%q, want %q", w.Header().Get("Content-Type"), tc.media)
				}
			}
			if got := w.Header().Get("Allow"); got != tc.allow {
				t.Errorf("Allow=%q, want %q", got, tc.allow)
			}
			var m map[string]json.RawMessage
			if err := json.Unmarshal(w.Body.Bytes(), &m); err != nil {
				t.Fatalf("body is not a JSON object: %v: %s", err, body)
			}
			if _, got := m["data"]; got != tc.hasData {
				t.Errorf("has data=%v, want %v; body %s", got, tc.hasData, body)
			}
			var r result
			json.Unmarshal(w.Body.Bytes(), &r)
			if got := r.codes(); strings.Join(got, ",") != strings.Join(tc.wantCodes, ",") {
				t.Errorf("error codes=%q, want %q; body %s", got, tc.wantCodes, body)
			}
			for _, e := range r.Errors {
				if e.Message == "" {
					t.Errorf("an error has no message: %s", body)
				}
			}
		})
	}
}

// TestHandlerContext checks that resolvers get the request's context.
func TestHandlerContext(t *testing.T) {
	type key struct{}
	f := handlerWorld()
	var got []any
	f.seen = func(ctx context.Context) { got = append(got, ctx.Value(key{})) }
	h := schema.Handler(mustSchema(t, f), schema.HandlerOptions{Logger: slog.New(slog.DiscardHandler)})
	r := httptest.NewRequest(http.MethodPost, "/graphql", strings.NewReader(gqlBody(`{ entity(name: "Witkoff") { id } }`)))
	r.Header.Set("Content-Type", jsonType)
	r = r.WithContext(context.WithValue(r.Context(), key{}, "request"))
	h.ServeHTTP(httptest.NewRecorder(), r)
	if len(got) == 0 {
		t.Fatal("the store was not called")
	}
	for _, v := range got {
		if v != "request" {
			t.Fatalf("store call got context value %v, want the request's", v)
		}
	}
}

// TestHandlerLogs checks that each failed request logs one line, and a
// successful one none.
func TestHandlerLogs(t *testing.T) {
	var buf bytes.Buffer
	h := schema.Handler(mustSchema(t, handlerWorld()), schema.HandlerOptions{Logger: slog.New(slog.NewTextHandler(&buf, nil))})
	do(h, post(gqlBody(`{ __typename }`), ""))
	if buf.Len() != 0 {
		t.Errorf("a successful request logged %q", buf.String())
	}
	for _, req := range []request{post(gqlBody(`{ nope }`), ""), post(`{`, ""), post(gqlBody(`{ entity(name: "Atlantis") { id } }`), "")} {
		buf.Reset()
		do(h, req)
		if got := strings.Count(buf.String(), "\n"); got != 1 {
			t.Errorf("%s: %d log lines, want 1: %q", req.body, got, buf.String())
		}
	}
}

// TestHandlerConcurrent runs requests in parallel, for the race detector:
// the schema and the document cache are shared between requests.
func TestHandlerConcurrent(t *testing.T) {
	h := schema.Handler(mustSchema(t, handlerWorld()), schema.HandlerOptions{Logger: slog.New(slog.DiscardHandler)})
	queries := []string{
		`{ search(text: "o", types: [PERSON, TERRITORY]) { __typename name type ... on Person { roles { title } } } }`,
		`{ entity(name: "Pokrovsk") { ... on Territory { name aliases } relations(direction: OUT) { direction } } }`,
		`{ entities(first: 1) { totalCount pageInfo { hasNextPage } } }`,
	}
	var wg sync.WaitGroup
	for i := range 40 {
		wg.Go(func() {
			w := do(h, post(gqlBody(queries[i%len(queries)]), responseType))
			if w.Code != http.StatusOK || strings.Contains(w.Body.String(), `"errors"`) {
				t.Errorf("status %d: %s", w.Code, w.Body.String())
			}
		})
	}
	wg.Wait()
}
