package gizmo_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/parley-kg/parley/graph/internal/gizmo"
)

// bombs are scripts that, on Cayley's gizmo and goja, abort the process (Go stack
// overflow, out of memory), panic in native code, or loop in native code where an
// interrupt cannot reach them.
var bombs = []struct {
	name, query string
}{
	{"CyclicEmit", `var a = {}; a.a = a; g.emit(a)`},
	{"CyclicArgument", `var a = {}; a.a = a; g.V(a).all()`},
	{"CyclicFinalValue", `var a = {}; a.a = a; a`},
	{"CyclicIntoToArray", `var a = {}; a.a = a; var t = g.V().toArray(); t[0] = a; g.emit(t)`},
	{"CyclicIntoForEach", `var a = {}; a.a = a; g.V().forEach(function(d){ d.x = a; g.emit(d) })`},
	{"GrowToArray", `var t = g.V().toArray(); t[4000000000] = 1; g.emit(t.length)`},
	{"HugeLengthEmit", `var a = []; a.length = 4294967295; g.emit(a)`},
	{"HugeTag", `var a = []; a.length = 4294967295; g.V().tag(a).all()`},
	{"HugeFilter", `var a = []; a.length = 4294967295; g.V().filter(a).all()`},
	{"HugeMap", `Array(4294967295).map(function(){})`},
	{"HugeJoin", `Array(1e9).join()`},
	{"HugeToString", `String(Array(4294967295))`},
	{"HugeIndexOf", `Array(4294967295).indexOf(1)`},
	{"HugeForEach", `Array(4294967295).forEach(function(){})`},
	{"HugeConcat", `[].concat(Array(4294967295))`},
	{"HugeShift", `var a = []; a[4294967294] = 1; a.shift()`},
	{"HugeApply", `String.fromCharCode.apply(null, Array(1e8))`},
	{"HugeStringify", `JSON.stringify(Array(3e8))`},
	{"HugeStringifyReplacer", `JSON.stringify({}, Array(4294967295))`},
	{"QuadraticReplace", `var s = Array(100001).join("x"); s.replace(/(?:)/g, s)`},
	{"DollarReplace", `var s = Array(1e6).join("x"); s.replace(/x/g, "$&$&$&$&$&$&$&$&$&$&$&$&$&$&$&$&$&$&$&$&")`},
	{"SharedJoin", `var s = Array(100001).join("x"); var a = []; for (var i = 0; i < 100000; i++) a.push(s); a.join()`},
	{"DeepToString", `var a = []; for (var i = 0; i < 1000000; i++) a = [a]; "" + a`},
	{"DeepStringify", `var a = []; for (var i = 0; i < 1000000; i++) a = [a]; JSON.stringify(a)`},
	{"DeepParse", `JSON.parse(Array(3000000).join("["))`},
	{"DeepParseObject", `JSON.parse({toString: function(){ return Array(3000000).join("[") }})`},
	{"DeepEval", `eval(Array(1000000).join("(") + "1" + Array(1000000).join(")"))`},
	{"DeepFunction", `Function(Array(1000000).join("(") + "1" + Array(1000000).join(")"))`},
	{"DeepFunctionConstructor", `(function(){}).constructor(Array(1000000).join("[") + Array(1000000).join("]"))`},
	{"CallRecursion", `function f(){ f.call(null) } f()`},
	{"ApplyRecursion", `function f(){ f.apply(null, []) } f()`},
	{"GetterRecursion", `var o = {get x(){ return o.x }}; o.x`},
	{"MapRecursion", `function f(){ [1].map(f) } f()`},
	{"ForEachRecursion", `function f(){ g.V("<alice>").forEach(f) } f()`},
	{"ThrowCyclic", `var a = {}; a.a = a; throw a`},
	{"ThrowToString", `throw {toString: function(){ while(true){} }}`},
	{"ThrowThrowingToString", `throw {toString: function(){ throw 1 }}`},
	{"ThrowHuge", `throw Array(1e6).join("x")`},
}

// TestBombs checks that each bomb returns an error (or a result) promptly and
// leaves the process running.
func TestBombs(t *testing.T) {
	qs := mustStore(t, mustParse(t, testData))
	for _, tc := range bombs {
		t.Run(tc.name, func(t *testing.T) {
			out := run(t, qs, tc.query, 100, 3*time.Second, 60*time.Second)
			if out.err != nil {
				if strings.Contains(out.err.Error(), "gizmo: query failed") {
					t.Errorf("a Go panic reached the VM: %v", out.err)
				}
				if n := len(out.err.Error()); n > 8<<10 {
					t.Errorf("error message of %d bytes", n)
				}
				t.Logf("err=%.200v", out.err)
				return
			}
			t.Logf("results=%.200v", out.results)
		})
	}
}

// TestStackLimit checks that recursion through native calls stops on the stack
// limit rather than when the runtime aborts the process.
func TestStackLimit(t *testing.T) {
	if testing.Short() {
		t.Skip("grows the stack to the limit")
	}
	qs := mustStore(t, mustParse(t, testData))
	for _, qu := range []string{
		`function f(){ f.call(null) } f()`,
		`var o = {get x(){ return o.x }}; o.x`,
	} {
		out := run(t, qs, qu, 100, time.Minute, 2*time.Minute)
		if !errors.Is(out.err, gizmo.ErrResourceLimit) {
			t.Errorf("%s: err=%v, want ErrResourceLimit", qu, out.err)
		}
	}
}

// TestQuerySize checks the limit on the source of a query.
func TestQuerySize(t *testing.T) {
	qs := mustStore(t, mustParse(t, testData))
	out := run(t, qs, strings.Repeat("(", 1<<20)+"1"+strings.Repeat(")", 1<<20), 100, 5*time.Second, 30*time.Second)
	if !errors.Is(out.err, gizmo.ErrResourceLimit) {
		t.Fatalf("err=%v, want ErrResourceLimit", out.err)
	}
	// A long but ordinary query still runs.
	qu := `g.V(` + strings.Repeat(`"<alice>", `, 3000) + `"<bob>").unique().all()`
	out = run(t, qs, qu, 100, 5*time.Second, 30*time.Second)
	if out.err != nil || len(out.results) != 2 {
		t.Fatalf("%d-byte query: results=%v err=%v", len(qu), out.results, out.err)
	}
}
