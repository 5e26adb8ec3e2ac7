// Parley addition to the copy of Cayley's query/gizmo (see README.md): a time
// bound on regular expressions that goja runs with regexp2.

package gizmo

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"time"
	"unsafe"

	"github.com/dlclark/regexp2"
	"github.com/dop251/goja"
)

// maxRegexpTime bounds the regexp2 matching of one call of a regular-expression
// method when the query's deadline is further away (or it has none).
const maxRegexpTime = 5 * time.Second

// goja runs patterns that Go's regexp cannot (lookahead, backreferences) with
// regexp2, which backtracks: /^(?=a)(a+)+$/ on 34 a's and a "!" runs for hours in
// Go code that no interrupt reaches. regexp2 checks a per-pattern MatchTimeout
// (every 1000 steps), which goja leaves at "forever" and does not expose, so the
// methods that match (exec, test, match, replace, search, split) are wrapped:
// before each call the pattern's MatchTimeout is set to the time left, so that
// the match ends at the query's deadline. goja ignores regexp2's errors (a
// timed-out match looks like no match), so a call that used its whole budget
// throws instead of returning. The methods that may match many times in one
// call (split, and match and replace with the g flag) restart the timeout at
// every match: they first run the same matches here, with half the budget for
// all of them, and the original then repeats that work within the other half.

// guardRegexps wraps the methods of RegExp.prototype and String.prototype that
// match regular expressions.
func (s *Session) guardRegexps() error {
	vm := s.vm
	ctor := vm.Get("RegExp")
	newRegexp, ok := goja.AssertFunction(ctor)
	if !ok {
		return errors.New("gizmo: no RegExp constructor")
	}
	// A pattern given to String.prototype.match or search as a string is made a
	// RegExp here, as the original would, so that its timeout can be set.
	asRegexp := func(v goja.Value) goja.Value {
		if o, ok := v.(*goja.Object); ok && regexpObject(o) {
			return v
		}
		re, err := newRegexp(goja.Undefined(), v)
		if err != nil {
			s.rethrow(err)
		}
		return re
	}
	this := func(call goja.FunctionCall) (goja.Value, bool) { return call.This, false }
	global := func(v goja.Value) bool {
		o, ok := v.(*goja.Object)
		if !ok {
			return false
		}
		g := o.Get("global")
		return g != nil && g.ToBoolean()
	}
	reProto := ctor.ToObject(vm).Get("prototype").ToObject(vm)
	strProto := vm.Get("String").ToObject(vm).Get("prototype").ToObject(vm)
	exec, ok := goja.AssertFunction(reProto.Get("exec"))
	if !ok {
		return errors.New("gizmo: no RegExp.prototype.exec")
	}
	for _, m := range []struct {
		obj  *goja.Object
		name string
		use  func(goja.FunctionCall) (goja.Value, bool)
	}{
		{reProto, "exec", this},
		{reProto, "test", this},
		{strProto, "search", func(call goja.FunctionCall) (goja.Value, bool) {
			return call.Argument(0), false
		}},
		{strProto, "match", func(call goja.FunctionCall) (goja.Value, bool) {
			return call.Argument(0), global(call.Argument(0))
		}},
		{strProto, "replace", func(call goja.FunctionCall) (goja.Value, bool) {
			return call.Argument(0), global(call.Argument(0))
		}},
		{strProto, "split", func(call goja.FunctionCall) (goja.Value, bool) {
			return call.Argument(0), true
		}},
	} {
		if err := s.guardRegexpMethod(m.obj, m.name, asRegexp, exec, m.use); err != nil {
			return err
		}
	}
	return nil
}

// guardRegexpMethod replaces obj[name] with a function that bounds the regexp2
// matching of the original. use returns the regular expression the call uses and
// whether it may match more than once; exec is the VM's own
// RegExp.prototype.exec.
func (s *Session) guardRegexpMethod(obj *goja.Object, name string, asRegexp func(goja.Value) goja.Value, exec goja.Callable, use func(goja.FunctionCall) (goja.Value, bool)) error {
	orig, ok := goja.AssertFunction(obj.Get(name))
	if !ok {
		return fmt.Errorf("gizmo: no %s method", name)
	}
	return obj.Set(name, func(call goja.FunctionCall) goja.Value {
		if name == "match" || name == "search" {
			args := append([]goja.Value(nil), call.Arguments...)
			if len(args) == 0 {
				args = append(args, goja.Undefined())
			}
			args[0] = asRegexp(args[0])
			call.Arguments = args
		}
		v, many := use(call)
		re := regexp2Of(v)
		if re == nil { // Go's regexp: linear time
			res, err := orig(call.This, call.Arguments...)
			if err != nil {
				s.rethrow(err)
			}
			return res
		}
		budget := s.regexpBudget()
		if name == "match" && many && !goja.IsNull(call.This) && !goja.IsUndefined(call.This) {
			return s.matchAll(exec, call.This, v.(*goja.Object), re, budget)
		}
		start := time.Now()
		if many && budget > 0 {
			if err := prerun(re, call.This.String(), budget/2); err != nil {
				throwErr(s.vm, s.regexpError(name, re, budget))
			}
		}
		left := budget - time.Since(start)
		if left <= 0 {
			throwErr(s.vm, s.regexpError(name, re, budget))
		}
		re.MatchTimeout = left
		res, err := orig(call.This, call.Arguments...)
		if err != nil {
			s.rethrow(err)
		}
		if time.Since(start) >= budget {
			throwErr(s.vm, s.regexpError(name, re, budget))
		}
		return res
	})
}

// matchAll is String.prototype.match with a global regexp2 pattern: exec (the
// VM's own RegExp.prototype.exec) from
// lastIndex 0 until no match, stepping over empty matches, as goja's match
// does (ES5.1 15.5.4.10). goja's loop converts the rest of the string for
// every match, in Go, so a long string with many matches takes time
// quadratic in its length; here the deadline is checked between matches.
func (s *Session) matchAll(exec goja.Callable, str goja.Value, re *goja.Object, pattern *regexp2.Regexp, budget time.Duration) goja.Value {
	start := time.Now()
	set := func(i int64) {
		if err := re.Set("lastIndex", i); err != nil {
			s.rethrow(err)
		}
	}
	set(0)
	var found []goja.Value
	prev := int64(0)
	for {
		left := budget - time.Since(start)
		if left <= 0 {
			throwErr(s.vm, s.regexpError("match", pattern, budget))
		}
		pattern.MatchTimeout = left
		m, err := exec(re, str)
		if err != nil {
			s.rethrow(err)
		}
		if time.Since(start) >= budget {
			throwErr(s.vm, s.regexpError("match", pattern, budget))
		}
		if goja.IsNull(m) || goja.IsUndefined(m) {
			break
		}
		if i := re.Get("lastIndex").ToInteger(); i == prev {
			prev++
			set(prev)
		} else {
			prev = i
		}
		found = append(found, m.ToObject(s.vm).Get("0"))
	}
	if len(found) == 0 {
		return goja.Null()
	}
	a, err := s.arrayCtor(goja.Undefined(), found...)
	if err != nil {
		s.rethrow(err)
	}
	return a
}

// regexpBudget is the time a regular-expression call may take: until the query's
// deadline, and at most maxRegexpTime.
func (s *Session) regexpBudget() time.Duration {
	b := maxRegexpTime
	if d, ok := s.ctx.Deadline(); ok {
		if left := time.Until(d); left < b {
			b = left
		}
	}
	return b
}

func (s *Session) regexpError(name string, re *regexp2.Regexp, budget time.Duration) error {
	if err := s.ctx.Err(); err != nil {
		return fmt.Errorf("gizmo: %s(): regular expression stopped: %w", name, context.Cause(s.ctx))
	}
	pat := re.String()
	if len(pat) > 100 {
		pat = pat[:100] + "..."
	}
	return fmt.Errorf("gizmo: %s(): regular expression /%s/ ran longer than its limit of %v (lookahead and backreferences can backtrack exponentially): %w",
		name, pat, budget.Round(time.Millisecond), ErrResourceLimit)
}

// prerun runs re over s the way a global match does, giving all the matches
// together budget. It returns regexp2's error when they take longer.
func prerun(re *regexp2.Regexp, s string, budget time.Duration) error {
	start := time.Now()
	re.MatchTimeout = budget
	m, err := re.FindStringMatch(s)
	for err == nil && m != nil {
		left := budget - time.Since(start)
		if left <= 0 {
			return errors.New("regexp2: out of time")
		}
		re.MatchTimeout = left
		m, err = re.FindNextMatch(m)
	}
	return err
}

// regexpObject reports whether o is a RegExp object.
func regexpObject(o *goja.Object) bool {
	_, ok := regexpPattern(o)
	return ok
}

// regexp2Of returns the regexp2 pattern of the RegExp object v, or nil when v is
// not a RegExp or goja runs its pattern with Go's regexp. goja keeps the pattern
// in unexported fields (Object.self.(*regexpObject).pattern, a *regexp2Wrapper,
// which is a regexp2.Regexp), read here with reflect; the types are checked, and
// TestRegexp2Of fails if a new goja changes them.
func regexp2Of(v goja.Value) *regexp2.Regexp {
	o, ok := v.(*goja.Object)
	if !ok {
		return nil
	}
	p, ok := regexpPattern(o)
	if !ok || p.Kind() != reflect.Ptr || p.IsNil() {
		return nil
	}
	t := p.Type().Elem()
	if t.Name() != "regexp2Wrapper" || !t.ConvertibleTo(reflect.TypeOf(regexp2.Regexp{})) {
		return nil
	}
	return (*regexp2.Regexp)(unsafe.Pointer(p.Pointer()))
}

// regexpPattern returns the dynamic value of the pattern field of o's
// *regexpObject, and whether o is one.
func regexpPattern(o *goja.Object) (reflect.Value, bool) {
	if o == nil {
		return reflect.Value{}, false
	}
	self := reflect.ValueOf(o).Elem().FieldByName("self")
	if self.Kind() != reflect.Interface || self.IsNil() {
		return reflect.Value{}, false
	}
	impl := self.Elem()
	if impl.Kind() != reflect.Ptr || impl.IsNil() || impl.Type().Elem().Name() != "regexpObject" {
		return reflect.Value{}, false
	}
	p := impl.Elem().FieldByName("pattern")
	if p.Kind() != reflect.Interface || p.IsNil() {
		return reflect.Value{}, false
	}
	return p.Elem(), true
}
