package textindex_test

import (
	"context"
	"strings"
	"testing"

	"github.com/parley-kg/parley/graph/textindex"
)

// TestSnippets checks how hits are highlighted: from the stored text, at
// the offsets of the words as written, only where the query matched.
func TestSnippets(t *testing.T) {
	long := strings.Repeat("Delegations arrived and the agenda was read out. ", 6) +
		"Then the envoys discussed the corridor for grain exports at length. " +
		strings.Repeat("Nothing else was agreed that day by anyone present. ", 6)
	docs := []textindex.Doc{
		{ID: "accent", Text: map[string][]string{"alias": {"Zélensky"}}},
		{ID: "accent-before", Text: map[string][]string{"summary": {"Le président Zélensky a rencontré Macron à Paris."}}},
		{ID: "phrase", Text: map[string][]string{"summary": {"Security first; guarantees later, and security guarantees now."}}},
		{ID: "long", Text: map[string][]string{"text": {long}}},
		{ID: "aliases", Text: map[string][]string{"name": {"Donald Trump"}, "alias": {"the president", "Trump administration head"}}},
		{ID: "typo", Text: map[string][]string{"name": {"Jared Kushner"}}},
	}
	ix := mustIndex(t, docs)
	tests := []struct {
		name, text, id, field string
		want                  []string // in the snippet
		wantNot               []string // not in it
	}{
		{name: "AccentInText", text: "zelensky", id: "accent", field: "alias", want: []string{"<mark>Zélensky</mark>"}},
		{name: "AccentsBeforeTheWord", text: "macron", id: "accent-before", field: "summary",
			want: []string{"<mark>Macron</mark> à Paris", "Le président Zélensky"}},
		{name: "PhraseOnlyWhereItIs", text: `"security guarantees"`, id: "phrase", field: "summary",
			want: []string{"<mark>security</mark> <mark>guarantees</mark> now", "Security first; guarantees later"}},
		{name: "WordsAnywhere", text: "security guarantees", id: "phrase", field: "summary",
			want: []string{"<mark>Security</mark> first; <mark>guarantees</mark> later"}},
		{name: "LongTextCut", text: "corridor", id: "long", field: "text",
			want: []string{"…", "the <mark>corridor</mark> for grain"}, wantNot: []string{"Delegations arrived and the agenda was read out. Delegations"}},
		{name: "Prefix", text: "corri*", id: "long", field: "text", want: []string{"<mark>corridor</mark>"}},
		{name: "StopWordUnmarked", text: "the corridor", id: "long", field: "text", want: []string{"the <mark>corridor</mark>"}},
		{name: "BestValueOfAField", text: "administration", id: "aliases", field: "alias",
			want: []string{"Trump <mark>administration</mark> head"}, wantNot: []string{"the president"}},
		{name: "NameBeforeAlias", text: "trump", id: "aliases", field: "name", want: []string{"Donald <mark>Trump</mark>"}},
		{name: "Typo", text: "Kushnir", id: "typo", field: "name", want: []string{"Jared <mark>Kushner</mark>"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			hits, err := ix.Search(context.Background(), textindex.Query{Text: tc.text})
			if err != nil {
				t.Fatal(err)
			}
			if len(hits) == 0 || hits[0].ID != tc.id {
				t.Fatalf("Search(%q) = %v, want %s first", tc.text, ids(hits), tc.id)
			}
			h := hits[0]
			if h.Field != tc.field {
				t.Errorf("field %q, want %q", h.Field, tc.field)
			}
			for _, w := range tc.want {
				if !strings.Contains(h.Snippet, w) {
					t.Errorf("snippet %q lacks %q", h.Snippet, w)
				}
			}
			for _, w := range tc.wantNot {
				if strings.Contains(h.Snippet, w) {
					t.Errorf("snippet %q holds %q", h.Snippet, w)
				}
			}
			if len(h.Snippet) > 260 {
				t.Errorf("snippet is %d bytes long", len(h.Snippet))
			}
		})
	}
}
