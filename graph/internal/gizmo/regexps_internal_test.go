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

// BenchmarkCompileCheck compares the compile pre-check with goja's compile on
// an ordinary query: the check is the cost every Gizmo query now pays.
func BenchmarkCompileCheck(b *testing.B) {
	const qu = `g.V().has("<https://schema.org/name>", "Pokrovsk").out("<https://schema.org/alternateName>").all()`
	b.Run("Check", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			if err := checkCompile("query", qu); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("Compile", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			if _, err := goja.Compile("", qu, false); err != nil {
				b.Fatal(err)
			}
		}
	})
}
