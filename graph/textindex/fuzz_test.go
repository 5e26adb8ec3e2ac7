package textindex_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/parley-kg/parley/graph/textindex"
)

// FuzzSearch runs arbitrary query text against a small index. Nothing may
// panic; every error must be the query's (ErrSyntax or ErrTooBroad); no
// more hits than asked for come back; and a snippet holds no markup but
// its <mark> elements, whatever the query or the text.
func FuzzSearch(f *testing.F) {
	ix := mustIndex(f, fixture)
	for _, s := range []string{"", "kushner", "Kushnir", `"security guarantees"`, `"security`, "-kushner", "guaran*",
		"k*", "*", "**", "a*b", `/kush.*/`, "kushn?r", `"" -""`, "--x", "- -", "Zélenskyy", "ﬁ", "\xff", strings.Repeat("ab* ", 20),
		"script", "<mark>", "alert(1)", "treaty &amp;", "\"a b c d e f g h i j k l m n o p q\""} {
		f.Add(s, false)
		f.Add(s, true)
	}
	f.Fuzz(func(t *testing.T, text string, complete bool) {
		hits, err := ix.Search(context.Background(), textindex.Query{Text: text, First: 3, Complete: complete})
		if err != nil {
			if !errors.Is(err, textindex.ErrSyntax) && !errors.Is(err, textindex.ErrTooBroad) {
				t.Fatalf("Search(%q): unexpected error %v", text, err)
			}
			return
		}
		if len(hits) > 3 {
			t.Errorf("Search(%q, first 3) gave %d hits", text, len(hits))
		}
		for _, h := range hits {
			rest := strings.NewReplacer("<mark>", "", "</mark>", "").Replace(h.Snippet)
			if strings.ContainsAny(rest, "<>") {
				t.Errorf("Search(%q): snippet %q holds markup", text, h.Snippet)
			}
		}
	})
}
