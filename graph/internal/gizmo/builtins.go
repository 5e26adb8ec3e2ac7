// Parley addition to the copy of Cayley's query/gizmo (see README.md): guards on the
// JavaScript built-ins that can exhaust memory or the Go stack in native code, where
// an interrupt cannot stop them.

package gizmo

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/dop251/goja"
)

// guardBuiltins wraps the built-ins of a new VM. It must run before any script.
func (s *Session) guardBuiltins() error {
	vm := s.vm
	arrayCtor := vm.Get("Array")
	ctor, ok := goja.AssertFunction(arrayCtor)
	if !ok {
		return fmt.Errorf("gizmo: no Array constructor")
	}
	s.arrayCtor = ctor

	arrayProto := arrayCtor.ToObject(vm).Get("prototype").ToObject(vm)
	for _, name := range []string{
		"concat", "every", "filter", "forEach", "indexOf", "lastIndexOf", "map",
		"reduce", "reduceRight", "reverse", "shift", "slice", "some", "sort",
		"splice", "toLocaleString", "unshift",
	} {
		s.guardMethod(arrayProto, name, s.checkArrays)
	}
	if err := arrayProto.Set("join", s.join); err != nil {
		return err
	}

	funcCtor := vm.Get("Function").ToObject(vm)
	funcProto := funcCtor.Get("prototype").ToObject(vm)
	s.guardMethod(funcProto, "apply", func(call goja.FunctionCall) error {
		if n := lengthOf(vm, call.Argument(1)); n > maxApplyArgs {
			return fmt.Errorf("gizmo: apply(): %d arguments, over the limit of %d: %w", n, maxApplyArgs, ErrResourceLimit)
		}
		return nil
	})

	stringProto := vm.Get("String").ToObject(vm).Get("prototype").ToObject(vm)
	s.guardMethod(stringProto, "replace", checkReplace)
	s.guardMethod(stringProto, "concat", func(call goja.FunctionCall) error {
		n := int64(len(call.This.String()))
		for _, a := range call.Arguments {
			n += int64(len(a.String()))
		}
		if n > maxStringLength {
			return fmt.Errorf("gizmo: concat(): string longer than %d: %w", maxStringLength, ErrResourceLimit)
		}
		return nil
	})

	json := vm.Get("JSON").ToObject(vm)
	s.guardMethod(json, "stringify", func(call goja.FunctionCall) error {
		if n := lengthOf(vm, call.Argument(1)); n > maxArrayLength {
			return fmt.Errorf("gizmo: JSON.stringify(): replacer too long: %w", ErrResourceLimit)
		}
		e := newExporter()
		e.dry = true
		_, err := e.export(call.Argument(0))
		return err
	})
	parse, ok := goja.AssertFunction(json.Get("parse"))
	if !ok {
		return fmt.Errorf("gizmo: no JSON.parse")
	}
	if err := json.Set("parse", func(call goja.FunctionCall) goja.Value {
		text := call.Argument(0).String() // converted once, here
		if err := checkJSONDepth(text); err != nil {
			throwErr(vm, err)
		}
		v, err := parse(call.This, vm.ToValue(text), call.Argument(1))
		if err != nil {
			s.rethrow(err)
		}
		return v
	}); err != nil {
		return err
	}

	// Code compiled at run time gets the same size limit as the query. Replacing
	// eval makes every eval indirect (it runs in the global scope).
	s.guardMethod(vm.GlobalObject(), "eval", func(call goja.FunctionCall) error {
		src, ok := call.Argument(0).Export().(string)
		if !ok {
			return nil
		}
		if len(src) > maxQueryBytes {
			return fmt.Errorf("gizmo: eval(): code is %d bytes, over the limit of %d: %w", len(src), maxQueryBytes, ErrResourceLimit)
		}
		return checkCompile("eval()", src)
	})
	origFunc, ok := goja.AssertFunction(funcCtor)
	if !ok {
		return fmt.Errorf("gizmo: no Function constructor")
	}
	guardedFunc := vm.ToValue(func(call goja.ConstructorCall) *goja.Object {
		args := make([]goja.Value, len(call.Arguments))
		n := 0
		for i, a := range call.Arguments {
			src := a.String()
			n += len(src)
			args[i] = vm.ToValue(src)
		}
		if n > maxQueryBytes {
			throwErr(vm, fmt.Errorf("gizmo: Function(): code is %d bytes, over the limit of %d: %w", n, maxQueryBytes, ErrResourceLimit))
		}
		if err := checkCompile("Function()", functionSource(args)); err != nil {
			throwErr(vm, err)
		}
		v, err := origFunc(goja.Undefined(), args...)
		if err != nil {
			s.rethrow(err)
		}
		return v.ToObject(vm)
	}).ToObject(vm)
	for _, err := range []error{
		guardedFunc.Set("prototype", funcProto),
		funcProto.Set("constructor", guardedFunc),
		vm.GlobalObject().Set("Function", guardedFunc),
	} {
		if err != nil {
			return err
		}
	}
	return s.guardRegexps()
}

// functionSource is the program goja compiles for Function(args...).
func functionSource(args []goja.Value) string {
	var b strings.Builder
	b.WriteString("(function anonymous(")
	for i := 0; i+1 < len(args); i++ {
		if i > 0 {
			b.WriteString(",")
		}
		b.WriteString(args[i].String())
	}
	b.WriteString("){")
	if len(args) > 0 {
		b.WriteString(args[len(args)-1].String())
	}
	b.WriteString("})")
	return b.String()
}

// guardMethod replaces obj[name] with a function that calls check and then the
// original.
func (s *Session) guardMethod(obj *goja.Object, name string, check func(goja.FunctionCall) error) {
	orig, ok := goja.AssertFunction(obj.Get(name))
	if !ok {
		return
	}
	err := obj.Set(name, func(call goja.FunctionCall) goja.Value {
		if err := check(call); err != nil {
			throwErr(s.vm, err)
		}
		v, err := orig(call.This, call.Arguments...)
		if err != nil {
			s.rethrow(err)
		}
		return v
	})
	if err != nil {
		panic(err) // the built-ins are writable: this cannot happen
	}
}

// lengthOf returns the length property of v when v is an object, and 0 otherwise.
func lengthOf(vm *goja.Runtime, v goja.Value) int64 {
	o, ok := v.(*goja.Object)
	if !ok {
		return 0
	}
	l := o.Get("length")
	if l == nil {
		return 0
	}
	f := l.ToFloat()
	if math.IsNaN(f) || f <= 0 {
		return 0
	}
	if f > math.MaxInt64/2 {
		return math.MaxInt64 / 2
	}
	return int64(f)
}

// checkArrays limits the length of this and of any array arguments (concat).
func (s *Session) checkArrays(call goja.FunctionCall) error {
	n := lengthOf(s.vm, call.This.ToObject(s.vm))
	for _, a := range call.Arguments {
		if o, ok := a.(*goja.Object); ok && o.ExportType() == typeJSArray {
			n += lengthOf(s.vm, o)
		}
	}
	if n > maxArrayLength {
		return fmt.Errorf("gizmo: array of length %d, over the limit of %d: %w", n, maxArrayLength, ErrResourceLimit)
	}
	return nil
}

// join is Array.prototype.join (ES5.1 15.4.4.5) with a cap on the length of the
// result and on nesting. Lone UTF-16 surrogates in the elements become U+FFFD.
func (s *Session) join(call goja.FunctionCall) goja.Value {
	o := call.This.ToObject(s.vm)
	n := lengthOf(s.vm, o)
	if n > maxArrayLength {
		throwErr(s.vm, fmt.Errorf("gizmo: join(): array of length %d, over the limit of %d: %w", n, maxArrayLength, ErrResourceLimit))
	}
	sep := ","
	if a := call.Argument(0); !goja.IsUndefined(a) {
		sep = a.String()
	}
	s.joinDepth++
	defer func() { s.joinDepth-- }()
	if s.joinDepth > maxJoinDepth {
		throwErr(s.vm, fmt.Errorf("gizmo: join(): arrays nested more than %d deep: %w", maxJoinDepth, ErrResourceLimit))
	}
	var b strings.Builder
	for i := int64(0); i < n; i++ {
		if i > 0 {
			b.WriteString(sep)
		}
		if v := o.Get(strconv.FormatInt(i, 10)); v != nil && !goja.IsUndefined(v) && !goja.IsNull(v) {
			b.WriteString(v.String())
		}
		if b.Len() > maxStringLength {
			throwErr(s.vm, fmt.Errorf("gizmo: join(): string longer than %d: %w", maxStringLength, ErrResourceLimit))
		}
	}
	return s.vm.ToValue(b.String())
}

// checkReplace bounds the result of str.replace(pattern, replacement) when both the
// string and the replacement are primitive strings: every "$" in the replacement
// may copy the whole string, once per match, and a global pattern that matches the
// empty string matches len(str)+1 times.
func checkReplace(call goja.FunctionCall) error {
	str, ok := call.This.Export().(string)
	if !ok {
		return nil
	}
	if _, isObj := call.Argument(1).(*goja.Object); isObj {
		return nil // a function, or an object converted by the original
	}
	repl := call.Argument(1).String()
	matches := 1.0
	if re, ok := call.Argument(0).(*goja.Object); ok {
		if g := re.Get("global"); g != nil && g.ToBoolean() {
			matches = float64(len(str) + 1)
		}
	}
	perMatch := float64(len(repl)) + float64(strings.Count(repl, "$"))*float64(len(str))
	if float64(len(str))+matches*perMatch > maxStringLength {
		return fmt.Errorf("gizmo: replace(): result may be longer than %d: %w", maxStringLength, ErrResourceLimit)
	}
	return nil
}

// checkJSONDepth rejects JSON text nested deeper than maxExportDepth: goja parses
// with Go recursion and overflows the stack on a few million brackets.
func checkJSONDepth(text string) error {
	depth, inString, escaped := 0, false, false
	for i := 0; i < len(text); i++ {
		c := text[i]
		switch {
		case inString:
			switch {
			case escaped:
				escaped = false
			case c == '\\':
				escaped = true
			case c == '"':
				inString = false
			}
		case c == '"':
			inString = true
		case c == '[' || c == '{':
			if depth++; depth > maxExportDepth {
				return fmt.Errorf("gizmo: JSON.parse(): text nested more than %d deep: %w", maxExportDepth, ErrResourceLimit)
			}
		case c == ']' || c == '}':
			depth--
		}
	}
	return nil
}
