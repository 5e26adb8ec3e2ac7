package gizmo_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/parley-kg/parley/graph/internal/gizmo"
)

// TestRegexpDeadline checks that regular expressions goja runs with regexp2
// (lookahead, backreferences) stop at the query's deadline in every method that
// matches, and that the same methods still answer ordinary patterns.
func TestRegexpDeadline(t *testing.T) {
	qs := mustStore(t, mustParse(t, testData))
	s := `Array(35).join("a") + "!"`
	for _, tc := range []struct{ name, query string }{
		{"Test", `g.emit(/^(?=a)(a+)+$/.test(` + s + `))`},
		{"Exec", `g.emit(/^(?=a)(a+)+$/.exec(` + s + `))`},
		{"Constructor", `g.emit(new RegExp("^(?=a)(a+)+$").test(` + s + `))`},
		{"MatchString", `g.emit((` + s + `).match("^(?=a)(a+)+$"))`},
		{"SearchString", `g.emit((` + s + `).search("^(?=a)(a+)+$"))`},
		{"Replace", `g.emit((` + s + `).replace(/^(?=a)(a+)+$/, "x"))`},
		{"ReplaceGlobal", `g.emit((` + s + `).replace(/(?=a)(a+)+$/g, "x"))`},
		{"MatchGlobal", `g.emit((` + s + `).match(/(?=a)(a+)+$/g))`},
		{"Split", `g.emit((` + s + `).split(/(?=a)(a+)+$/))`},
		{"CaughtInLoop", `for (var i = 0; i < 100; i++) { try { /^(?=a)(a+)+$/.test(` + s + `) } catch (e) {} } g.emit(1)`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			start := time.Now()
			out := run(t, qs, tc.query, 100, time.Second, 30*time.Second)
			if el := time.Since(start); el > 3*time.Second {
				t.Errorf("answered after %v, want about the 1s deadline", el)
			}
			if out.err == nil {
				t.Fatalf("results=%v, want an error", out.results)
			}
			if !errors.Is(out.err, context.DeadlineExceeded) && !strings.Contains(out.err.Error(), "regular expression") {
				t.Errorf("err=%v, want the deadline or the regular expression limit", out.err)
			}
		})
	}
	for _, tc := range []struct{ query, want string }{
		{`g.emit(/^(?=a)(a+)$/.test("aaa"))`, `[true]`},
		{`g.emit(/(a)\1/.exec("xaay")[0])`, `["aa"]`},
		{`g.emit("a1b2".match(/(?=\d)\d/g))`, `[["1","2"]]`},
		{`g.emit("a1b2".replace(/(?=\d)\d/g, "#"))`, `["a#b#"]`},
		{`g.emit("a1b2".split(/(?=\d)/))`, `[["a","1b","2"]]`},
		{`g.emit("abba".search("(b)\\1"))`, `[1]`},
		{`g.emit("abc".match("b").index)`, `[1]`},
		{`g.emit("x".match())`, `[[""]]`},
	} {
		out := run(t, qs, tc.query, 100, 5*time.Second, 30*time.Second)
		if out.err != nil {
			t.Errorf("%s: %v", tc.query, out.err)
			continue
		}
		if got := jsonOf(t, out.results); got != tc.want {
			t.Errorf("%s = %s, want %s", tc.query, got, tc.want)
		}
	}
}

// TestRegexpLimitWithoutDeadline checks the bound on one call when the query
// has no deadline of its own: the error names the limit.
func TestRegexpLimitWithoutDeadline(t *testing.T) {
	if testing.Short() {
		t.Skip("runs a regular expression to its 5s limit")
	}
	qs := mustStore(t, mustParse(t, testData))
	out := run(t, qs, `/^(?=a)(a+)+$/.test(Array(40).join("a") + "!")`, 100, time.Hour, 30*time.Second)
	if !errors.Is(out.err, gizmo.ErrResourceLimit) || !strings.Contains(out.err.Error(), "ran longer than its limit of 5s") {
		t.Fatalf("err=%v, want the 5s regular expression limit", out.err)
	}
}

// TestCompileLimit checks that programs whose compiling would take long are
// refused before goja compiles them, in the query and in eval and Function, and
// that ordinary long expressions still compile.
func TestCompileLimit(t *testing.T) {
	qs := mustStore(t, mustParse(t, testData))
	for _, qu := range []string{
		`g.emit(` + strings.Repeat("1||", 40) + `1)`,
		`g.emit(` + strings.Repeat("0&&", 40) + `1)`,
		`g.emit(` + strings.Repeat("(1||1||1||1||1||1||1||1||1||1||1||1)+", 1200) + `1)`,
		`g.emit(` + strings.Repeat("1+", 30000) + `1)`,
		`eval("` + strings.Repeat("1||", 40) + `1")`,
		`Function("return ` + strings.Repeat("1||", 40) + `1")`,
	} {
		start := time.Now()
		out := run(t, qs, qu, 100, 10*time.Second, 30*time.Second)
		if !errors.Is(out.err, gizmo.ErrResourceLimit) && (out.err == nil || !strings.Contains(out.err.Error(), "steps, over the limit")) {
			t.Errorf("%.60s...: err=%v, want the compile limit", qu, out.err)
		}
		if el := time.Since(start); el > 2*time.Second {
			t.Errorf("%.60s...: refused after %v", qu, el)
		}
	}
	for _, tc := range []struct{ query, want string }{
		{`g.emit(` + strings.Repeat("1||", 12) + `1)`, `[1]`},
		{`g.emit(` + strings.Repeat("1+", 1000) + `1)`, `[1001]`},
		{`var x = 0; g.emit(` + strings.Repeat("x||", 1000) + `2)`, `[2]`},
		{`g.emit(eval("` + strings.Repeat("1+", 100) + `1"))`, `[101]`},
	} {
		out := run(t, qs, tc.query, 100, 10*time.Second, 30*time.Second)
		if out.err != nil {
			t.Errorf("%.60s...: %v", tc.query, out.err)
			continue
		}
		if got := jsonOf(t, out.results); got != tc.want {
			t.Errorf("%.60s... = %s, want %s", tc.query, got, tc.want)
		}
	}
}

// TestRegexpManyMatches checks that a global match with a regexp2 pattern on a
// long string, which goja runs in time quadratic in the string's length
// without looking at the deadline, stops at the deadline.
func TestRegexpManyMatches(t *testing.T) {
	qs := mustStore(t, mustParse(t, testData))
	start := time.Now()
	out := run(t, qs, `var s = Array(1<<20).join("a"); g.emit(s.match(/(?=a)a/g).length)`, 100, time.Second, 60*time.Second)
	if el := time.Since(start); el > 5*time.Second {
		t.Errorf("answered after %v, want about the 1s deadline", el)
	}
	if out.err == nil {
		t.Fatalf("results=%v, want an error", out.results)
	}
	out = run(t, qs, `var s = Array(1000).join("ab"); g.emit(s.match(/(?=a)a/g).length)`, 100, 10*time.Second, 60*time.Second)
	if out.err != nil || jsonOf(t, out.results) != "[999]" {
		t.Errorf("999 matches: results=%v err=%v", out.results, out.err)
	}
}
