package graph

import "testing"

func TestLevenshtein(t *testing.T) {
	for _, tc := range []struct {
		a, b  string
		limit int
		want  int
	}{
		{"witkof", "witkoff", 2, 1},
		{"sevre", "serve", 1, 1}, // a swap is one edit
		{"kitten", "sitting", 3, 3},
		{"kitten", "sitting", 2, -1},
		{"", "abc", 3, 3},
		{"peskov", "peskov", 0, 0},
		{"zelenskyy", "zełenskyy", 1, 1}, // runes, not bytes
	} {
		if got := levenshtein(tc.a, tc.b, tc.limit); got != tc.want {
			t.Errorf("levenshtein(%q, %q, %d) = %d, want %d", tc.a, tc.b, tc.limit, got, tc.want)
		}
	}
}
