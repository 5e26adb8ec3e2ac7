// Copyright 2017 The Cayley Authors. All rights reserved.
//
// Licensed under the Apache License, Version 2.0 (the "License");
// you may not use this file except in compliance with the License.
// You may obtain a copy of the License at
//
//     http://www.apache.org/licenses/LICENSE-2.0
//
// Unless required by applicable law or agreed to in writing, software
// distributed under the License is distributed on an "AS IS" BASIS,
// WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
// See the License for the specific language governing permissions and
// limitations under the License.
//
// Modified for Parley: no init registration (Language returns the query.Language);
// panics in the VM and in iterators become query errors; the session limit is a hard
// cap on results, with truncation reported by Truncated; Execute derives the query's
// context from the caller's and a watchdog interrupts the VM when it is done or when
// the query uses too much stack or heap; uncaught exceptions become plain errors.

package gizmo

import (
	"context"
	"fmt"
	"reflect"
	"sort"
	"strings"
	"sync/atomic"
	"unicode"
	"unicode/utf8"

	"github.com/dop251/goja"

	"github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/query"
	"github.com/cayleygraph/cayley/schema"
	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/jsonld"
	"github.com/cayleygraph/quad/voc"
)

const Name = "gizmo"

// Language returns the Gizmo query language, the value Cayley's query/gizmo
// registers in its init, for registering with query.RegisterLanguage (which
// replaces a language of the same name). Every session runs one query at a time.
func Language() query.Language {
	return query.Language{
		Name: Name,
		Session: func(qs graph.QuadStore) query.Session {
			return NewSession(qs)
		},
		HTTP: func(qs graph.QuadStore) query.HTTP {
			return NewSession(qs)
		},
		REPL: func(qs graph.QuadStore) query.REPLSession {
			return NewSession(qs)
		},
	}
}

func NewSession(qs graph.QuadStore) *Session {
	s := &Session{
		ctx: context.Background(),
		sch: schema.NewConfig(),
		qs:  qs, limit: -1,
		trunc: new(atomic.Bool),
	}
	if err := s.buildEnv(); err != nil {
		panic(err)
	}
	return s
}

func lcFirst(str string) string {
	rune, size := utf8.DecodeRuneInString(str)
	return string(unicode.ToLower(rune)) + str[size:]
}

type fieldNameMapper struct{}

func (fieldNameMapper) FieldName(t reflect.Type, f reflect.StructField) string {
	return lcFirst(f.Name)
}

const constructMethodPrefix = "New"
const backwardsCompatibilityPrefix = "Capitalized"

func (fieldNameMapper) MethodName(t reflect.Type, m reflect.Method) string {
	if strings.HasPrefix(m.Name, backwardsCompatibilityPrefix) {
		return strings.TrimPrefix(m.Name, backwardsCompatibilityPrefix)
	}
	if strings.HasPrefix(m.Name, constructMethodPrefix) {
		return strings.TrimPrefix(m.Name, constructMethodPrefix)
	}
	return lcFirst(m.Name)
}

type Session struct {
	qs  graph.QuadStore
	vm  *goja.Runtime
	ns  voc.Namespaces
	sch *schema.Config
	col query.Collation

	last string
	p    *goja.Program

	out   chan *Result
	ctx   context.Context
	limit int
	count int

	err   error
	shape map[string]interface{}

	// Parley guards.
	arrayCtor goja.Callable           // the VM's own Array constructor
	joinDepth int                     // nesting of Array.prototype.join
	collected int                     // values brought into the VM by finals
	trunc     *atomic.Bool            // the current query dropped results
	gen       int                     // counts Execute calls
	cancel    context.CancelCauseFunc // cancels the current query
	done      chan struct{}           // closed when the current run has ended
	pending   bool                    // an interrupt may not have been delivered
	broken    bool                    // a panic escaped the VM: rebuild it
	storeLock func(fn func())         // keeps writes out while fn reads qs (see reads.go)
}

func (s *Session) context() context.Context {
	return s.ctx
}

func (s *Session) buildEnv() error {
	if s.vm != nil {
		return nil
	}
	s.vm = goja.New()
	if err := s.guardBuiltins(); err != nil {
		return err
	}
	s.vm.SetFieldNameMapper(fieldNameMapper{})
	s.vm.Set("graph", &graphObject{s: s})
	s.vm.Set("g", s.vm.Get("graph"))
	for name, val := range defaultEnv {
		fnc := val
		s.vm.Set(name, func(call goja.FunctionCall) goja.Value {
			return fnc(s.vm, call)
		})
	}
	return nil
}

func (s *Session) quadValueToNative(v quad.Value) interface{} {
	if v == nil {
		return nil
	}
	if s.col == query.JSONLD {
		return jsonld.FromValue(v)
	}
	out := v.Native()
	if nv, ok := out.(quad.Value); ok && v == nv {
		return quad.StringOf(v)
	}
	return out
}

func (s *Session) tagsToValueMap(m map[string]graph.Ref) map[string]interface{} {
	outputMap := make(map[string]interface{})
	for k, v := range m {
		if o := s.quadValueToNative(s.qs.NameOf(v)); o != nil {
			outputMap[k] = o
		}
	}
	if len(outputMap) == 0 {
		return nil
	}
	return outputMap
}

// send passes r to the results iterator. It reports whether the query may send
// more: false once the session limit is reached (Parley: across the whole query,
// marking it truncated when a result is dropped) or ctx is done.
func (s *Session) send(ctx context.Context, r *Result) bool {
	if s.limit > 0 && s.count >= s.limit {
		if !r.Meta {
			s.trunc.Store(true)
		}
		return false
	}
	if s.out == nil {
		return false
	}
	if ctx == nil {
		ctx = s.ctx
	}
	select {
	case s.out <- r:
	case <-ctx.Done():
		return false
	}
	s.count++
	return true
}

type Result struct {
	Meta bool
	Val  interface{}
	Tags map[string]graph.Ref

	names map[string]quad.Value // Parley: the values of Tags, read with them (see reads.go)
}

func (r *Result) Result() interface{} {
	if r.Tags != nil {
		return r.Tags
	}
	return r.Val
}

func (s *Session) compile(ctx context.Context, qu string) error {
	if s.last == qu && s.last != "" {
		return nil
	}
	// Parley: a size limit, a limit on compile work (compileChecked), and
	// compiling in a goroutine that the caller's ctx can abandon, since goja's
	// compiler cannot be interrupted.
	if len(qu) > maxQueryBytes {
		return fmt.Errorf("gizmo: query is %d bytes, over the limit of %d: %w", len(qu), maxQueryBytes, ErrResourceLimit)
	}
	type compiled struct {
		p   *goja.Program
		err error
	}
	ch := make(chan compiled, 1)
	go func() {
		defer func() {
			if r := recover(); r != nil {
				ch <- compiled{err: fmt.Errorf("gizmo: compile: %v", r)}
			}
		}()
		p, err := compileChecked(qu)
		ch <- compiled{p: p, err: err}
	}()
	select {
	case c := <-ch:
		if c.err != nil {
			return c.err
		}
		s.last, s.p = qu, c.p
		return nil
	case <-ctx.Done():
		return fmt.Errorf("gizmo: compile: %w", ctx.Err())
	}
}

// run runs the compiled program. Parley: a panic that escapes the VM becomes an
// error (and the VM is rebuilt before the next query), and exceptions become
// errors that are safe to keep (see scriptError).
func (s *Session) run() (v goja.Value, err error) {
	defer func() {
		if r := recover(); r != nil {
			s.broken = true
			v, err = nil, panicError(r)
		}
	}()
	v, err = s.vm.RunProgram(s.p)
	if err != nil {
		err = s.scriptError(err)
	}
	return v, err
}

// prepare readies the session for a new run: it stops the previous query and waits
// for its goroutine to end, rebuilds a VM that a panic left in an unknown state,
// and clears an interrupt that arrived after the previous run ended.
func (s *Session) prepare(ctx context.Context) error {
	if s.cancel != nil {
		s.cancel(errSuperseded)
		s.cancel = nil
	}
	if s.done != nil {
		select {
		case <-s.done:
			s.done = nil
		case <-ctx.Done():
			return fmt.Errorf("gizmo: waiting for the previous query to stop: %w", ctx.Err())
		}
	}
	if s.broken {
		s.vm, s.broken, s.pending = nil, false, false
		if err := s.buildEnv(); err != nil {
			return err
		}
	}
	if s.pending {
		// An empty program checks for an interrupt before its first instruction.
		if p, err := goja.Compile("", "", false); err == nil {
			_, _ = s.vm.RunProgram(p)
		}
		s.pending = false
	}
	s.joinDepth = 0
	return nil
}

// Execute runs qu. Parley: the query's context derives from ctx, so cancelling ctx
// stops the script and its iterators; opt.Limit caps the results of the whole query
// (see Truncated).
func (s *Session) Execute(ctx context.Context, qu string, opt query.Options) (query.Iterator, error) {
	switch opt.Collation {
	case query.Raw, query.JSON, query.JSONLD, query.REPL:
	default:
		return nil, &query.ErrUnsupportedCollation{Collation: opt.Collation}
	}
	if err := s.prepare(ctx); err != nil {
		return nil, err
	}
	if err := s.compile(ctx, qu); err != nil {
		return nil, err
	}
	s.limit = opt.Limit
	s.count = 0
	s.collected = 0
	s.trunc = new(atomic.Bool)
	s.gen++
	ctx, cancel := context.WithCancelCause(ctx)
	s.ctx = ctx
	s.cancel = cancel
	s.col = opt.Collation
	return &results{
		col: opt.Collation,
		s:   s,
		ctx: ctx, cancel: cancel,
		gen:   s.gen,
		trunc: s.trunc,
	}, nil
}

type results struct {
	s      *Session
	col    query.Collation
	ctx    context.Context
	cancel context.CancelCauseFunc

	gen      int          // the session's Execute that made it
	trunc    *atomic.Bool // results were dropped at the limit
	out      chan *Result
	errc     chan error
	done     chan struct{} // closed when the script's goroutine has ended
	finished bool

	err error
	cur *Result
}

func (it *results) stop(err error) {
	it.cancel(err)
}

// start runs the script in a goroutine, with a watchdog that interrupts it when
// it.ctx is done or the query uses too much stack or heap.
func (it *results) start() {
	s := it.s
	it.out = make(chan *Result)
	it.errc = make(chan error, 1)
	s.out = it.out
	done := make(chan struct{})
	s.done, it.done = done, done
	stopWatch := s.watch(it.ctx)
	go func() {
		var err error
		defer func() {
			stopWatch()
			if err != nil {
				it.errc <- err
			}
			close(it.errc)
			close(done)
		}()
		defer func() {
			if r := recover(); r != nil {
				s.broken = true
				err = panicError(r)
			}
		}()
		var v goja.Value
		v, err = s.run()
		if err != nil {
			return
		}
		if v != nil && !goja.IsNull(v) && !goja.IsUndefined(v) {
			// The value of the script's last statement: JSON results show it as
			// null, so only Raw and REPL export it (bounded, see convert.go).
			var val interface{}
			if it.col == query.Raw || it.col == query.REPL {
				if val, err = newExporter().export(v); err != nil {
					return
				}
			}
			s.send(it.ctx, &Result{Meta: true, Val: val})
		}
	}()
}

func (it *results) Next(ctx context.Context) bool {
	if it.finished {
		return false
	}
	if it.errc == nil {
		if it.gen != it.s.gen {
			it.err, it.finished = errSuperseded, true
			return false
		}
		it.start()
	}
	select {
	case r := <-it.out:
		it.cur = r
		return true
	case err := <-it.errc:
		if err != nil {
			it.err = err
		}
		it.finished = true
		return false
	case <-ctx.Done():
		it.err = ctx.Err()
		it.stop(it.err)
		it.finished = true
		return false
	case <-it.ctx.Done():
		it.err = context.Cause(it.ctx)
		it.stop(it.err)
		it.finished = true
		return false
	}
}

// Truncated reports whether the query dropped results because of the limit in
// query.Options. See the package function Truncated.
func (it *results) Truncated() bool {
	return it.trunc.Load()
}

func (it *results) Result() interface{} {
	if it.cur == nil {
		return nil
	}
	switch it.col {
	case query.Raw:
		return it.cur
	case query.JSON, query.JSONLD:
		return it.jsonResult()
	case query.REPL:
		return it.replResult()
	}
	return nil
}

func (it *results) jsonResult() interface{} {
	data := it.cur
	if data.Meta {
		return nil
	}
	if data.Val != nil {
		return data.Val
	}
	obj := make(map[string]interface{})
	tags := data.Tags
	var tagKeys []string
	for k := range tags {
		tagKeys = append(tagKeys, k)
	}
	sort.Strings(tagKeys)
	for _, k := range tagKeys {
		if name := data.names[k]; name != nil {
			obj[k] = it.s.quadValueToNative(name)
		} else {
			delete(obj, k)
		}
	}
	return obj
}

func (it *results) replResult() interface{} {
	data := it.cur
	if data.Meta {
		if data.Val != nil {
			s := data.Val
			switch s.(type) {
			case *pathObject, *graphObject:
				s = "[internal Iterator]"
			}
			return fmt.Sprintln("=>", s)
		}
		return fmt.Sprintln("=>", nil)
	}
	var out string
	out = fmt.Sprintln("****")
	if data.Val == nil {
		tags := data.Tags
		tagKeys := make([]string, len(tags))
		i := 0
		for k := range tags {
			tagKeys[i] = k
			i++
		}
		sort.Strings(tagKeys)
		for _, k := range tagKeys {
			if k == "$_" {
				continue
			}
			out += fmt.Sprintf("%s : %s\n", k, quadValueToString(data.names[k]))
		}
	} else {
		switch export := data.Val.(type) {
		case map[string]string:
			for k, v := range export {
				out += fmt.Sprintf("%s : %s\n", k, v)
			}
		case map[string]interface{}:
			for k, v := range export {
				out += fmt.Sprintf("%s : %v\n", k, v)
			}
		default:
			out += fmt.Sprintf("%s\n", data.Val)
		}
	}
	return out
}

func (it *results) Err() error {
	return it.err
}

// Close stops the script and waits for its goroutine to end. Parley:
// Cayley's Close returned at once, and the goroutine could go on reading
// the store after its caller had released the store's read lock, or even
// closed the store (a race found in CI: bolt unmapped under a read).
func (it *results) Close() error {
	it.stop(errClosed)
	if it.done != nil {
		<-it.done
	}
	return nil
}

// Web stuff

// ShapeOf runs qu in shape mode. Parley: it stops after shapeTimeout.
func (s *Session) ShapeOf(qu string) (interface{}, error) {
	ctx, cancel := context.WithTimeout(context.Background(), shapeTimeout)
	defer cancel()
	if err := s.prepare(ctx); err != nil {
		return nil, err
	}
	s.shape = make(map[string]interface{})
	defer func() { s.shape = nil }()
	err := s.compile(ctx, qu)
	if err != nil {
		return nil, err
	}
	s.ctx, s.out = ctx, nil
	s.count, s.collected, s.trunc = 0, 0, new(atomic.Bool)
	stopWatch := s.watch(ctx)
	_, err = s.run()
	stopWatch()
	out := s.shape
	return out, err
}
