package gizmo

import (
	"testing"

	"github.com/dop251/goja"
)

// TestRegexp2Of checks that regexp2Of still finds goja's regexp2 patterns: the
// time bound on regular expressions depends on it.
func TestRegexp2Of(t *testing.T) {
	vm := goja.New()
	for _, tc := range []struct {
		src     string
		regexp2 bool
	}{
		{`/^(?=a)(a+)+$/`, true},
		{`new RegExp("(a)\\1")`, true},
		{`/a+/`, false},
		{`({})`, false},
		{`"(?=a)"`, false},
	} {
		v, err := vm.RunString(tc.src)
		if err != nil {
			t.Fatal(err)
		}
		if got := regexp2Of(v) != nil; got != tc.regexp2 {
			t.Errorf("%s: regexp2Of found a pattern: %v, want %v", tc.src, got, tc.regexp2)
		}
	}
}

// BenchmarkCompile compares compiling an ordinary query with the compile-cost
// check (compileChecked: one parse, the cost walk, goja's compile) and
// without (goja.Compile): the difference is what every Gizmo query pays.
func BenchmarkCompile(b *testing.B) {
	const qu = `g.V().has("<https://schema.org/name>", "Pokrovsk").out("<https://schema.org/alternateName>").all()`
	b.Run("Checked", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			if _, err := compileChecked(qu); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("Goja", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			if _, err := goja.Compile("", qu, false); err != nil {
				b.Fatal(err)
			}
		}
	})
}
