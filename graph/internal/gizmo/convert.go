// Parley addition to the copy of Cayley's query/gizmo (see README.md): moving values
// between the JavaScript VM and Go without goja's unbounded Export.

package gizmo

import (
	"fmt"
	"reflect"
	"sort"
	"strconv"

	"github.com/dop251/goja"
)

var (
	typeJSArray  = reflect.TypeOf([]interface{}(nil))
	typeJSObject = reflect.TypeOf(map[string]interface{}(nil))
	typeError    = reflect.TypeOf((*error)(nil)).Elem()
)

// exporter converts JavaScript values to Go like goja's Value.Export, with the same
// result shapes, but bounded: goja's Export recurses without limit (a cyclic object
// overflows the Go stack, which kills the process) and allocates an array's full
// length up front (Array(4e9) asks for 64 GB). Each exporter has a budget of values
// and string bytes that all the values it exports share.
type exporter struct {
	values int  // values left
	bytes  int  // string bytes left
	dry    bool // only check the limits; export returns nil
}

func newExporter() *exporter {
	return &exporter{values: maxExportValues, bytes: maxExportBytes}
}

// export returns the Go form of v, or an error wrapping ErrResourceLimit when v is
// nested more than maxExportDepth deep or is larger than the budget left.
func (e *exporter) export(v goja.Value) (interface{}, error) {
	return e.value(v, 0)
}

func (e *exporter) value(v goja.Value, depth int) (interface{}, error) {
	if v == nil {
		return nil, nil
	}
	if depth > maxExportDepth {
		return nil, fmt.Errorf("gizmo: value nested more than %d deep: %w", maxExportDepth, ErrResourceLimit)
	}
	if e.values--; e.values < 0 {
		return nil, fmt.Errorf("gizmo: value has more than %d parts: %w", maxExportValues, ErrResourceLimit)
	}
	o, ok := v.(*goja.Object)
	if !ok { // a primitive
		x := v.Export()
		if s, ok := x.(string); ok {
			if e.bytes -= len(s); e.bytes < 0 {
				return nil, fmt.Errorf("gizmo: value has more than %d bytes of strings: %w", maxExportBytes, ErrResourceLimit)
			}
		}
		return x, nil
	}
	switch o.ExportType() {
	case typeJSArray:
		n := o.Get("length").ToInteger()
		if n < 0 || n > int64(e.values) {
			return nil, fmt.Errorf("gizmo: array of length %d is too long: %w", n, ErrResourceLimit)
		}
		var arr []interface{}
		if !e.dry {
			arr = make([]interface{}, n)
		}
		for i := int64(0); i < n; i++ {
			x, err := e.value(o.Get(strconv.FormatInt(i, 10)), depth+1)
			if err != nil {
				return nil, err
			}
			if !e.dry {
				arr[i] = x
			}
		}
		return arr, nil
	case typeJSObject:
		keys := o.Keys()
		var m map[string]interface{}
		if !e.dry {
			m = make(map[string]interface{}, len(keys))
		}
		for _, k := range keys {
			x, err := e.value(o.Get(k), depth+1)
			if err != nil {
				return nil, err
			}
			if !e.dry {
				m[k] = x
			}
		}
		return m, nil
	default:
		// Functions, dates, boxed primitives and Go values wrapped by the VM
		// (paths, filters, quad values): goja exports them without recursion.
		return o.Export(), nil
	}
}

// goError returns the Go error that v wraps, if v is a Go error thrown with throwErr,
// without calling goja's Export on an arbitrary (perhaps cyclic) thrown value.
func goError(v goja.Value) (error, bool) {
	o, ok := v.(*goja.Object)
	if !ok {
		return nil, false
	}
	if t := o.ExportType(); t == nil || !t.Implements(typeError) {
		return nil, false
	}
	err, ok := o.Export().(error)
	return err, ok
}

// toJS converts Go results (tag maps, arrays of values, JSON-LD objects) into plain
// JavaScript objects and arrays. Cayley handed the Go maps and slices to the VM as
// they were; goja then exports every value a script assigns into them (a cyclic one
// overflows the stack) and grows a slice to any index assigned (a[4e9] = 1 asks for
// 64 GB), so scripts get ordinary JavaScript values instead.
func (s *Session) toJS(x interface{}) goja.Value {
	switch v := x.(type) {
	case map[string]interface{}:
		o := s.vm.NewObject()
		for _, k := range sortedKeys(v) {
			s.setProp(o, k, s.toJS(v[k]))
		}
		return o
	case map[string]string:
		o := s.vm.NewObject()
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			s.setProp(o, k, s.vm.ToValue(v[k]))
		}
		return o
	case []interface{}:
		arr := s.newArray()
		for i, e := range v {
			s.setProp(arr, strconv.Itoa(i), s.toJS(e))
		}
		return arr
	case []map[string]interface{}:
		arr := s.newArray()
		for i, e := range v {
			s.setProp(arr, strconv.Itoa(i), s.toJS(e))
		}
		return arr
	default:
		return s.vm.ToValue(x)
	}
}

func sortedKeys(m map[string]interface{}) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// newArray returns an empty JavaScript array made with the Array constructor saved
// when the VM was built, so that a script cannot replace it.
func (s *Session) newArray() *goja.Object {
	v, err := s.arrayCtor(goja.Undefined())
	if err != nil {
		s.rethrow(err)
	}
	return v.ToObject(s.vm)
}

func (s *Session) setProp(o *goja.Object, name string, v goja.Value) {
	if err := o.Set(name, v); err != nil {
		s.rethrow(err)
	}
}

// rethrow re-raises an error that goja returned from JavaScript code called from Go,
// so that an exception stays catchable by the script and an interrupt stays fatal to it.
func (s *Session) rethrow(err error) {
	switch err.(type) {
	case *goja.InterruptedError, *goja.Exception:
		panic(err)
	}
	throwErr(s.vm, err)
}
