package schema_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// hitList returns the hits of a result.
func hitList(tb testing.TB, r result) []map[string]any {
	tb.Helper()
	if len(r.Errors) > 0 {
		tb.Fatalf("errors: %s", r.messages())
	}
	var out []map[string]any
	for _, h := range r.Data["hits"].([]any) {
		out = append(out, h.(map[string]any))
	}
	return out
}

const hitFields = `score field snippet entity { name } position { summary holder { name } } claim { summary } event { name } source { paragraph }`

func TestHits(t *testing.T) {
	s := seedSchema(t)

	// A misspelt name finds the person first, by name.
	hits := hitList(t, run(t, s, `{ hits(text: "Kushnir") { `+hitFields+` } }`, nil))
	if len(hits) == 0 {
		t.Fatal("hits(Kushnir) is empty")
	}
	if e, _ := hits[0]["entity"].(map[string]any); e == nil || e["name"] != "Jared Kushner" || hits[0]["field"] != "name" {
		t.Errorf("hits(Kushnir) first = %v; want Jared Kushner by name", hits[0])
	}
	if sn, _ := hits[0]["snippet"].(string); !strings.Contains(sn, "<mark>Kushner</mark>") {
		t.Errorf("snippet %q does not mark Kushner", sn)
	}

	// Every hit has exactly one target, and scores fall.
	hits = hitList(t, run(t, s, `{ hits(text: "Putin", first: 60) { `+hitFields+` } }`, nil))
	kinds := map[string]bool{}
	for i, h := range hits {
		set := 0
		for _, k := range []string{"entity", "position", "claim", "event", "source"} {
			if h[k] != nil {
				set++
				kinds[k] = true
			}
		}
		if set != 1 {
			t.Errorf("hit %v has %d targets, want 1", h, set)
		}
		if i > 0 && h["score"].(float64) > hits[i-1]["score"].(float64) {
			t.Errorf("hit %d scores above the one before it", i)
		}
	}
	for _, k := range []string{"entity", "position", "event"} {
		if !kinds[k] {
			t.Errorf("hits(Putin) has no %s; the article has Putin's positions and meetings", k)
		}
	}

	// kinds and minScore filter.
	for _, h := range hitList(t, run(t, s, `{ hits(text: "frozen assets", kinds: [POSITION]) { `+hitFields+` } }`, nil)) {
		if h["position"] == nil {
			t.Errorf("hits(kinds: [POSITION]) gave %v", h)
		}
	}
	if hits := hitList(t, run(t, s, `{ hits(text: "Putin", minScore: 1e9) { score } }`, nil)); len(hits) != 0 {
		t.Errorf("hits(minScore: 1e9) = %v; want none", hits)
	}
}

func TestHitsBadInput(t *testing.T) {
	s := seedSchema(t)
	tests := []struct{ name, text, mention string }{
		{"UnterminatedQuote", `"security guar`, "unterminated quote"},
		{"LeadingStar", `*shner`, "star"},
		{"TooManyTerms", strings.Repeat("peace ", 17), "16"},
		{"Empty", ``, "empty"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			for _, field := range []string{"hits", "search"} {
				r := run(t, s, fmt.Sprintf(`query($t: String!) { %s(text: $t) { __typename } }`, field), map[string]any{"t": tc.text})
				if !slices.Equal(r.codes(), []string{"BAD_USER_INPUT"}) || !strings.Contains(r.messages(), tc.mention) {
					t.Errorf("%s(%q): codes %v, messages %q; want BAD_USER_INPUT mentioning %q", field, tc.text, r.codes(), r.messages(), tc.mention)
				}
			}
		})
	}
}

func TestSearchReadsTheIndex(t *testing.T) {
	s := seedSchema(t)
	r := run(t, s, `{ search(text: "Kushnir", first: 3) { name } }`, nil)
	if len(r.Errors) > 0 {
		t.Fatal(r.messages())
	}
	es := r.Data["search"].([]any)
	if len(es) == 0 || es[0].(map[string]any)["name"] != "Jared Kushner" {
		t.Errorf("search(Kushnir) = %v; want Jared Kushner first", es)
	}
}
