package schema

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"strings"
	"testing"
)

// stdJSON is what the handler wrote before appendJSON: encoding/json
// without HTML escaping.
func stdJSON(t testing.TB, v any) string {
	t.Helper()
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	return strings.TrimSuffix(buf.String(), "\n")
}

// TestAppendJSON checks that appendJSON writes what encoding/json writes,
// for the values GraphQL results hold, and refuses the others.
func TestAppendJSON(t *testing.T) {
	var all strings.Builder
	for c := range 0x80 {
		all.WriteByte(byte(c))
	}
	tests := []struct {
		name string
		v    any
	}{
		{"Null", nil},
		{"Bools", []any{true, false}},
		{"Ints", []any{0, -1, 42, 1 << 62, -1 << 63}},
		{"ASCII", all.String()},
		{"HTMLKept", `<https://w3id.org/parley/id/pokrovsk> & "quoted" \ back`},
		{"Unicode", "Покровськ, Zelensky’s “plan”, 🇺🇦, \u2028 and \u2029, \ufffd"},
		{"InvalidUTF8", "a\xffb\xc3(c\xe2\x28\xa1"},
		{"EmptyAndNested", map[string]any{"": []any{}, "b": map[string]any{}, "a": []any{map[string]any{"z": nil, "y": "x"}}}},
		{"KeysSorted", map[string]any{"name": "Pokrovsk", "aliases": []any{"Krasnoarmeysk"}, "__typename": "Territory", "Z": 1, "é": 2}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := appendJSON(nil, tc.v)
			if !ok {
				t.Fatalf("appendJSON refused %#v", tc.v)
			}
			if want := stdJSON(t, tc.v); string(got) != want {
				t.Fatalf("appendJSON wrote\n%s\nencoding/json\n%s", got, want)
			}
		})
	}
	for _, v := range []any{1.5, []any{"a", float64(2)}, map[string]any{"x": struct{}{}}, []string{"typed"}} {
		if _, ok := appendJSON(nil, v); ok {
			t.Errorf("appendJSON accepted %#v, which it leaves to encoding/json", v)
		}
	}
}

// TestAppendJSONRandom compares appendJSON with encoding/json on random
// result trees of random strings.
func TestAppendJSONRandom(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	str := func() string {
		b := make([]byte, rng.IntN(12))
		for i := range b {
			b[i] = byte(rng.IntN(256))
		}
		return string(b)
	}
	var value func(depth int) any
	value = func(depth int) any {
		switch k := rng.IntN(6); {
		case depth > 3 || k == 0:
			return str()
		case k == 1:
			return rng.IntN(2000) - 1000
		case k == 2:
			return nil
		case k == 3:
			return rng.IntN(2) == 0
		case k == 4:
			l := make([]any, rng.IntN(4))
			for i := range l {
				l[i] = value(depth + 1)
			}
			return l
		}
		m := map[string]any{}
		for range rng.IntN(5) {
			m[str()] = value(depth + 1)
		}
		return m
	}
	for i := range 2000 {
		v := value(0)
		got, ok := appendJSON(nil, v)
		if !ok {
			t.Fatalf("case %d: appendJSON refused %#v", i, v)
		}
		if want := stdJSON(t, v); string(got) != want {
			t.Fatalf("case %d: appendJSON wrote\n%q\nencoding/json\n%q", i, got, want)
		}
	}
}

// FuzzAppendJSONString compares appendJSON's strings with encoding/json's.
func FuzzAppendJSONString(f *testing.F) {
	for _, s := range []string{"", "plain", "\x00\x1f\"\\", "\u2028\u2029", "\xff\xfe", "Покровськ 🇺🇦", "<a href='x'>&amp;</a>"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, _ := appendJSON(nil, map[string]any{s: []any{s}})
		if want := stdJSON(t, map[string]any{s: []any{s}}); string(got) != want {
			t.Fatalf("appendJSON wrote %q, encoding/json %q", got, want)
		}
	})
}
