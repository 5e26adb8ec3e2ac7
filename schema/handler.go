package schema

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"runtime/debug"

	"github.com/graphql-go/graphql"
	"github.com/graphql-go/graphql/gqlerrors"
	"github.com/graphql-go/graphql/language/ast"
	"github.com/graphql-go/graphql/language/parser"
	"github.com/graphql-go/graphql/language/source"
	"github.com/parley-kg/parley/graph/caller"
)

// HandlerOptions configure [Handler].
type HandlerOptions struct {
	// Logger receives one line per failed request. Nil means [slog.Default].
	Logger *slog.Logger
	// MaxBodyBytes caps a POST body; larger bodies get 413. Zero means
	// [DefaultMaxBodyBytes].
	MaxBodyBytes int64
	// WriterMaxBodyBytes caps the body of a request whose context names
	// a writer ([caller.WithAuthor]), so that an addQuads mutation may carry as
	// much as the server's write API takes. Zero or less than
	// MaxBodyBytes means MaxBodyBytes.
	WriterMaxBodyBytes int64
	// CacheSize is how many parsed and validated documents to keep, by
	// query text. Zero means [DefaultCacheSize]; negative disables the cache.
	CacheSize int
	// Limits bound the documents the handler accepts; zero fields mean
	// their defaults.
	Limits Limits
	// ResponseCacheBytes bounds the cache of successful query responses
	// (see [responseCache]), which is used only when the schema's graph is
	// [Versioned]; zero or less turns it off.
	ResponseCacheBytes int64
}

// Defaults of [HandlerOptions].
const (
	DefaultMaxBodyBytes = 1 << 20
	DefaultCacheSize    = 256
)

// maxCachedQuery is the longest query text the document cache keeps, so
// that a few huge queries cannot pin much memory.
const maxCachedQuery = 64 << 10

// Handler returns the GraphQL-over-HTTP endpoint for s, for a route such as
// "/graphql" (https://graphql.github.io/graphql-over-http/draft/):
//
//   - POST with Content-Type application/json and a body of
//     {"query", "operationName", "variables"}; anything else gets 415.
//   - GET with query, operationName and variables (a JSON object) as URL
//     parameters, for queries only: a mutation over GET gets 405 with
//     Allow: POST. Other methods get 405.
//   - The response is application/graphql-response+json when the Accept
//     header prefers it; then a document that fails to parse or validate, or
//     a request that cannot execute (unknown operation, bad variables), gets
//     400. Otherwise, and when Accept is missing or */*, the response is
//     application/json, with status 200 for every GraphQL error. An Accept
//     header that allows neither gets 406.
//   - Malformed JSON or a missing query gets 400; a body over
//     MaxBodyBytes gets 413.
//   - A document that breaks one of the [Limits] is rejected before it is
//     validated or executed, like one that fails to parse, with
//     extensions.code [CodeLimitExceeded].
//
// Every execution gets r.Context(), so resolvers stop when the client goes
// away. The handler never panics: graphql-go's own panics (it panics on
// some malformed documents) become GraphQL errors.
func Handler(s *Schema, opts HandlerOptions) http.Handler {
	if opts.Logger == nil {
		opts.Logger = slog.Default()
	}
	if opts.MaxBodyBytes <= 0 {
		opts.MaxBodyBytes = DefaultMaxBodyBytes
	}
	if opts.CacheSize == 0 {
		opts.CacheSize = DefaultCacheSize
	}
	opts.WriterMaxBodyBytes = max(opts.WriterMaxBodyBytes, opts.MaxBodyBytes)
	h := &handler{schema: s, log: opts.Logger, limit: opts.MaxBodyBytes, writerLimit: opts.WriterMaxBodyBytes, cache: newDocCache(opts.CacheSize),
		limits: opts.Limits.withDefaults()}
	if v, ok := s.g.(Versioned); ok {
		h.versioned, h.responses = v, newResponseCache(opts.ResponseCacheBytes)
	}
	return h
}

type handler struct {
	schema *Schema
	log    *slog.Logger
	limit  int64
	// writerLimit is limit for requests of an authenticated writer.
	writerLimit int64
	cache       *docCache
	limits      Limits
	versioned   Versioned      // the schema's graph, when it is
	responses   *responseCache // nil: off
}

// outcome is what a request produced: the body and status to send, and
// what to log.
type outcome struct {
	status  int
	stage   string // request, parse, validate or execute
	op      string
	hasData bool
	data    any
	errs    []gqlerrors.FormattedError
	ext     map[string]any // the response's extensions, see [addExtension]
	keep    func([]byte)   // when set, is given the body of a response without errors
}

// ServeHTTP handles the GraphQL endpoint's GET and POST routes.
func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	media, ok := negotiate(r.Header.Get("Accept"))
	if !ok {
		h.refuse(w, r, mediaJSON, &httpError{status: http.StatusNotAcceptable,
			msg: "not acceptable: accept application/graphql-response+json or application/json"})
		return
	}
	limit := h.limit
	if _, ok := caller.Author(r.Context()); ok {
		limit = h.writerLimit
	}
	p, herr := readParams(w, r, limit)
	if herr != nil {
		h.refuse(w, r, media, herr)
		return
	}
	// With application/json every GraphQL response is 200; with
	// application/graphql-response+json, a request that never executes is 400.
	rejected := http.StatusOK
	if media == mediaResponse {
		rejected = http.StatusBadRequest
	}
	d, stage, errs := h.document(p.Query, p.Variables)
	if errs != nil {
		h.reply(w, r, media, outcome{status: rejected, stage: stage, op: p.OperationName, errs: errs})
		return
	}
	op := operation(d.doc, p.OperationName)
	if r.Method == http.MethodGet && op != nil && op.Operation != ast.OperationTypeQuery {
		h.refuse(w, r, media, &httpError{status: http.StatusMethodNotAllowed, allow: http.MethodPost,
			msg: fmt.Sprintf("%s operations need POST", op.Operation)})
		return
	}
	if len(d.invalid) > 0 {
		h.reply(w, r, media, outcome{status: rejected, stage: "validate", op: p.OperationName, errs: d.invalid})
		return
	}
	var keep func([]byte)
	if op != nil && op.Operation == ast.OperationTypeQuery {
		var body []byte
		if body, keep = h.cached(r.Context(), p); body != nil {
			w.Header().Set("Content-Type", media+"; charset=utf-8")
			w.WriteHeader(http.StatusOK)
			w.Write(body)
			return
		}
	}
	res := h.execute(r.Context(), d, p)
	o := outcome{status: http.StatusOK, stage: "execute", op: p.OperationName, data: res.Data, errs: res.Errors, ext: res.Extensions, keep: keep}
	// graphql-go leaves data nil both for request errors (no operation,
	// bad variables), which have no path, and when a field error nulls the
	// whole result, which has one. Only the first means "no data entry".
	o.hasData = res.Data != nil
	for _, e := range res.Errors {
		o.hasData = o.hasData || len(e.Path) > 0
	}
	if !o.hasData {
		o.status = rejected
		if r.Context().Err() == nil {
			o.errs = withCode(CodeBadRequest, o.errs)
		} else if media == mediaResponse {
			o.status = http.StatusServiceUnavailable
		}
	}
	h.reply(w, r, media, o)
}

// document returns the parsed and validated document for query, from the
// cache when it can, after checking it against the handler's limits: the
// lexical ones before parsing, the others (which depend on vars) before
// validation. errs holds the errors of a document rejected at stage
// ("limit" or "parse"), or is nil.
func (h *handler) document(query string, vars map[string]any) (d *document, stage string, errs []gqlerrors.FormattedError) {
	if d = h.cache.get(query); d != nil {
		if errs := h.limits.measure(d.doc, vars, h.schema.costs); errs != nil {
			return nil, "limit", errs
		}
		return d, "", nil
	}
	if _, errs := h.limits.scan(query); errs != nil {
		return nil, "limit", errs
	}
	doc, err := parse(query)
	if err != nil {
		return nil, "parse", withCode(CodeParseFailed, gqlerrors.FormatErrors(err))
	}
	if errs := h.limits.measure(doc, vars, h.schema.costs); errs != nil {
		return nil, "limit", errs
	}
	d = &document{doc: doc, invalid: h.validate(doc)}
	if len(query) <= maxCachedQuery {
		h.cache.put(query, d)
	}
	return d, "", nil
}

// parse parses a GraphQL document, and rejects what graphql-go v0.8.1's
// parser accepts but its validator panics on (`query ($a:) { __typename }`).
// A panic of the parser becomes a syntax error too.
func parse(query string) (doc *ast.Document, err error) {
	defer func() {
		if r := recover(); r != nil {
			msg := fmt.Sprintf("Syntax Error: the document is malformed (%v)", r)
			doc, err = nil, gqlerrors.NewError(msg, nil, "", nil, []int{}, nil)
		}
	}()
	src := source.NewSource(&source.Source{Body: []byte(query), Name: "GraphQL request"})
	if doc, err = parser.Parse(parser.ParseParams{Source: src}); err != nil {
		return nil, err
	}
	return doc, checkVariables(src, doc)
}

// checkVariables reports the variable definitions that graphql-go's parser
// lets through without a type (`query ($a:) {...}`), which would make its
// validator panic.
func checkVariables(src *source.Source, doc *ast.Document) error {
	for _, def := range doc.Definitions {
		op, ok := def.(*ast.OperationDefinition)
		if !ok {
			continue
		}
		for _, vd := range op.VariableDefinitions {
			if vd == nil || vd.Variable == nil || vd.Variable.Name == nil || vd.Type == nil {
				pos := []int{}
				if vd != nil && vd.Loc != nil {
					pos = append(pos, vd.Loc.Start)
				}
				return gqlerrors.NewError("Syntax Error: a variable definition needs a name and a type, as in ($id: ID!)", nil, "", src, pos, nil)
			}
		}
	}
	return nil
}

// validate applies the specification's validation rules.
func (h *handler) validate(doc *ast.Document) (errs []gqlerrors.FormattedError) {
	defer func() {
		if r := recover(); r != nil {
			h.log.Error("graphql validation panicked", "panic", fmt.Sprint(r), "stack", string(debug.Stack()))
			errs = gqlerrors.FormatErrors(errors.New("the document could not be validated"))
		}
		errs = withCode(CodeValidationFailed, errs)
	}()
	s := h.schema.gql // graphql-go writes to the schema it validates against: use a copy
	return withEnumValues(&s, graphql.ValidateDocument(&s, doc, nil).Errors)
}

// execute runs a validated document with the request's context (see
// [Schema.execute]).
func (h *handler) execute(ctx context.Context, d *document, p params) (res *graphql.Result) {
	defer func() {
		if r := recover(); r != nil {
			h.log.ErrorContext(ctx, "graphql execution panicked", "panic", fmt.Sprint(r), "stack", string(debug.Stack()))
			res = &graphql.Result{Errors: withCode(CodeInternal, gqlerrors.FormatErrors(errors.New("internal error")))}
		}
	}()
	res = h.schema.execute(ctx, d, p.OperationName, p.Variables)
	res.Errors = stoppedErrors(ctx, res.Errors)
	return res
}

// cached returns the cached body of the response to the query p asks
// (see [responseCache]), or, when there is none, a function to give the
// body of a successful response to, which caches it if the graph's
// generation stayed the same meanwhile; keep is nil when the answer may not
// be cached.
func (h *handler) cached(ctx context.Context, p params) (body []byte, keep func([]byte)) {
	if h.responses == nil {
		return nil, nil
	}
	gen, stable, err := h.versioned.Generation(ctx)
	if err != nil || !stable {
		return nil, nil
	}
	key, ok := responseKey(p)
	if !ok {
		return nil, nil
	}
	if body, ok := h.responses.get(gen, key); ok {
		return body, nil
	}
	return nil, func(body []byte) {
		if now, stable, err := h.versioned.Generation(ctx); err == nil && stable && now == gen {
			h.responses.put(gen, key, body)
		}
	}
}

// operation returns the operation that name selects in doc, or nil when
// none or several match (execution then reports the problem).
func operation(doc *ast.Document, name string) *ast.OperationDefinition {
	var found *ast.OperationDefinition
	for _, def := range doc.Definitions {
		op, ok := def.(*ast.OperationDefinition)
		if !ok {
			continue
		}
		if name != "" && (op.Name == nil || op.Name.Value != name) {
			continue
		}
		if found != nil {
			return nil
		}
		found = op
	}
	return found
}

// withCode sets extensions.code on errors that have none.
func withCode(code string, errs []gqlerrors.FormattedError) []gqlerrors.FormattedError {
	for i := range errs {
		if errs[i].Extensions == nil {
			errs[i].Extensions = map[string]any{"code": code}
		}
	}
	return errs
}

// refuse answers a request that is not a well-formed GraphQL-over-HTTP
// request, with a GraphQL-shaped body that explains why.
func (h *handler) refuse(w http.ResponseWriter, r *http.Request, media string, e *httpError) {
	if e.allow != "" {
		w.Header().Set("Allow", e.allow)
	}
	errs := withCode(CodeBadRequest, gqlerrors.FormatErrors(errors.New(e.msg)))
	h.reply(w, r, media, outcome{status: e.status, stage: "request", errs: errs})
}

// writeData writes the body of a response without errors with
// [appendJSON], the same bytes encoding/json would write. It reports
// false, having written nothing, when the data holds a value appendJSON
// leaves to encoding/json.
func (h *handler) writeData(w http.ResponseWriter, r *http.Request, o outcome) bool {
	bp := jsonBuffers.Get().(*[]byte)
	b := append((*bp)[:0], '{')
	if o.hasData {
		var ok bool
		if b, ok = appendJSON(append(b, `"data":`...), o.data); !ok {
			jsonBuffers.Put(bp)
			return false
		}
	}
	if len(o.ext) > 0 {
		if o.hasData {
			b = append(b, ',')
		}
		var ok bool
		if b, ok = appendJSON(append(b, `"extensions":`...), o.ext); !ok {
			jsonBuffers.Put(bp)
			return false
		}
	}
	b = append(b, '}', '\n')
	if o.keep != nil && o.status == http.StatusOK && o.hasData {
		o.keep(bytes.Clone(b))
	}
	w.WriteHeader(o.status)
	if _, err := w.Write(b); err != nil {
		h.log.DebugContext(r.Context(), "graphql response not written", "err", err)
	}
	if cap(b) <= maxPooledJSON {
		*bp = b
		jsonBuffers.Put(bp)
	}
	return true
}

// reply writes o as a GraphQL response and logs it when it failed.
func (h *handler) reply(w http.ResponseWriter, r *http.Request, media string, o outcome) {
	body := map[string]any{}
	if o.hasData {
		body["data"] = o.data
	}
	if len(o.errs) > 0 {
		body["errors"] = o.errs
	}
	if len(o.ext) > 0 {
		body["extensions"] = o.ext
	}
	w.Header().Set("Content-Type", media+"; charset=utf-8")
	if len(o.errs) == 0 && h.writeData(w, r, o) {
		return
	}
	w.WriteHeader(o.status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false) // keep <iri> terms readable
	if err := enc.Encode(body); err != nil {
		h.log.DebugContext(r.Context(), "graphql response not written", "err", err)
	}
	if len(o.errs) == 0 {
		return
	}
	level := slog.LevelInfo
	for _, e := range o.errs {
		if e.Extensions["code"] == CodeInternal {
			level = slog.LevelWarn
		}
	}
	h.log.Log(r.Context(), level, "graphql request failed",
		"method", r.Method, "status", o.status, "stage", o.stage, "operation", o.op,
		"errors", len(o.errs), "first_error", o.errs[0].Message)
}
