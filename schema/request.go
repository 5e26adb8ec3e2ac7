package schema

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"
)

// Media types of GraphQL over HTTP.
const (
	mediaJSON     = "application/json"
	mediaResponse = "application/graphql-response+json"
)

// params are the parameters of a GraphQL-over-HTTP request.
type params struct {
	Query         string
	OperationName string
	Variables     map[string]any
}

// httpError is a request the handler refuses before GraphQL sees it.
type httpError struct {
	status int
	msg    string
	allow  string // the Allow header of a 405
}

func (e *httpError) Error() string { return e.msg }

func badRequest(format string, args ...any) *httpError {
	return &httpError{status: http.StatusBadRequest, msg: fmt.Sprintf(format, args...)}
}

// negotiate picks the response media type from the Accept header:
// application/graphql-response+json when the client ranks it at least as
// high as application/json, else application/json. A missing Accept header,
// */* and application/* give application/json, which every GraphQL client
// reads. ok is false when the client accepts neither (406).
func negotiate(accept string) (media string, ok bool) {
	if strings.TrimSpace(accept) == "" {
		return mediaJSON, true
	}
	qResp, qJSON := -1.0, -1.0 // -1: not mentioned; specific ranges beat wildcards
	qWild := -1.0
	for _, r := range strings.Split(accept, ",") {
		mt, ps, err := mime.ParseMediaType(strings.TrimSpace(r))
		if err != nil {
			continue
		}
		q := 1.0
		if s, ok := ps["q"]; ok {
			if q, err = strconv.ParseFloat(s, 64); err != nil {
				continue
			}
		}
		switch mt {
		case mediaResponse:
			qResp = q
		case mediaJSON:
			qJSON = q
		case "*/*", "application/*":
			qWild = max(qWild, q)
		}
	}
	if qJSON < 0 {
		qJSON = qWild
	}
	switch {
	case qResp > 0 && qResp >= qJSON:
		return mediaResponse, true
	case qJSON > 0:
		return mediaJSON, true
	}
	return "", false
}

// readParams reads the request's parameters: from the URL for GET, from a
// JSON body for POST. The body is capped at limit bytes.
func readParams(w http.ResponseWriter, r *http.Request, limit int64) (params, *httpError) {
	switch r.Method {
	case http.MethodGet:
		return urlParams(r)
	case http.MethodPost:
		return bodyParams(w, r, limit)
	}
	return params{}, &httpError{status: http.StatusMethodNotAllowed, allow: "GET, POST",
		msg: fmt.Sprintf("method %s is not allowed: use POST, or GET for queries", r.Method)}
}

// urlParams reads query, operationName and variables (a JSON object) from
// the URL of a GET request.
func urlParams(r *http.Request) (params, *httpError) {
	v := r.URL.Query()
	p := params{Query: v.Get("query"), OperationName: v.Get("operationName")}
	if !v.Has("query") {
		return p, badRequest("missing query parameter")
	}
	for _, name := range []string{"variables", "extensions"} {
		s := v.Get(name)
		if s == "" || s == "null" {
			continue
		}
		var m map[string]any
		if err := json.Unmarshal([]byte(s), &m); err != nil || m == nil {
			return p, badRequest("parameter %s must be a JSON object", name)
		}
		if name == "variables" {
			p.Variables = m
		}
	}
	return p, nil
}

// bodyParams reads a POST body of type application/json.
func bodyParams(w http.ResponseWriter, r *http.Request, limit int64) (params, *httpError) {
	ct := r.Header.Get("Content-Type")
	mt, ps, err := mime.ParseMediaType(ct)
	if ct == "" || err != nil || mt != mediaJSON {
		return params{}, &httpError{status: http.StatusUnsupportedMediaType,
			msg: fmt.Sprintf("unsupported content type %q: send application/json", ct)}
	}
	if cs, ok := ps["charset"]; ok && !strings.EqualFold(cs, "utf-8") {
		return params{}, &httpError{status: http.StatusUnsupportedMediaType,
			msg: fmt.Sprintf("unsupported charset %q: send utf-8", cs)}
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, limit))
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return params{}, &httpError{status: http.StatusRequestEntityTooLarge,
				msg: fmt.Sprintf("request body is larger than %d bytes", limit)}
		}
		return params{}, badRequest("read request body: %v", err)
	}
	return decodeBody(body)
}

// decodeBody decodes a JSON request body, checking each parameter's type
// as GraphQL over HTTP requires: query a string; operationName a string or
// null; variables and extensions objects or null.
func decodeBody(body []byte) (params, *httpError) {
	var raw map[string]json.RawMessage
	dec := json.NewDecoder(bytes.NewReader(body))
	if err := dec.Decode(&raw); err != nil {
		return params{}, badRequest("request body is not a JSON object: %v", err)
	}
	if dec.More() {
		return params{}, badRequest("request body has data after the JSON object")
	}
	if raw == nil {
		return params{}, badRequest("request body is not a JSON object")
	}
	var p params
	if q, ok := raw["query"]; !ok || isNull(q) {
		return p, badRequest("missing query")
	} else if json.Unmarshal(q, &p.Query) != nil {
		return p, badRequest("query must be a string")
	}
	if op, ok := raw["operationName"]; ok && !isNull(op) && json.Unmarshal(op, &p.OperationName) != nil {
		return p, badRequest("operationName must be a string or null")
	}
	for _, name := range []string{"variables", "extensions"} {
		v, ok := raw[name]
		if !ok || isNull(v) {
			continue
		}
		var m map[string]any
		if json.Unmarshal(v, &m) != nil {
			return p, badRequest("%s must be a JSON object or null", name)
		}
		if name == "variables" {
			p.Variables = m
		}
	}
	return p, nil
}

func isNull(m json.RawMessage) bool { return bytes.Equal(bytes.TrimSpace(m), []byte("null")) }
