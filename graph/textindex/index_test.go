package textindex_test

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/parley-kg/parley/graph/textindex"
)

// fixture is a small made-up graph's text, each doc testing one behaviour.
var fixture = []textindex.Doc{
	{ID: "kushner", Kinds: []string{"ENTITY", "PERSON"}, Text: map[string][]string{
		"name": {"Jared Kushner"}, "summary": {"An adviser and son-in-law."}}},
	{ID: "zelenskyy", Kinds: []string{"ENTITY", "PERSON"}, Text: map[string][]string{
		"name": {"Volodymyr Zelenskyy"}, "alias": {"Zélensky"}}},
	{ID: "crimea-claim", Kinds: []string{"CLAIM"}, Text: map[string][]string{
		"summary": {"Russia annexed the peninsula in 2014."}}},
	{ID: "guarantees", Kinds: []string{"POSITION"}, Text: map[string][]string{
		"summary": {"Wants security guarantees before any ceasefire."}}},
	{ID: "reversed", Kinds: []string{"POSITION"}, Text: map[string][]string{
		"summary": {"Guarantees of security are not enough."}}},
	{ID: "war", Kinds: []string{"EVENT"}, Text: map[string][]string{
		"name": {"The war"}}},
	{ID: "html", Kinds: []string{"SOURCE"}, Text: map[string][]string{
		"text": {"A paragraph with <script>alert(1)</script> and a treaty."}}},
	// One word in four fields, to rank.
	{ID: "by-name", Kinds: []string{"EVENT"}, Text: map[string][]string{"name": {"Minsk talks"}}},
	{ID: "by-alias", Kinds: []string{"EVENT"}, Text: map[string][]string{"name": {"Belarus accords"}, "alias": {"Minsk"}}},
	{ID: "by-summary", Kinds: []string{"POSITION"}, Text: map[string][]string{"summary": {"Recalls Minsk"}}},
	{ID: "by-quote", Kinds: []string{"CLAIM"}, Text: map[string][]string{"quote": {"we remember Minsk"}}},
}

func mustIndex(tb testing.TB, docs []textindex.Doc) *textindex.Index {
	tb.Helper()
	ix, err := textindex.NewMemory(textindex.DefaultFields())
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { ix.Close() })
	if err := ix.Update(docs, nil, "m1"); err != nil {
		tb.Fatal(err)
	}
	return ix
}

func ids(hits []textindex.Hit) []string {
	out := make([]string, len(hits))
	for i, h := range hits {
		out[i] = h.ID
	}
	return out
}

func TestSearch(t *testing.T) {
	ix := mustIndex(t, fixture)
	tests := []struct {
		name, text string
		kinds      []string
		complete   bool
		want       []string // must be among the hits
		wantNot    []string // must not
	}{
		{name: "Stemming", text: "annexations", want: []string{"crimea-claim"}},
		{name: "CaseFolding", text: "KUSHNER", want: []string{"kushner"}},
		{name: "AccentFolding", text: "Zelensky", want: []string{"zelenskyy"}},
		{name: "AccentInQuery", text: "Zélenskyy", want: []string{"zelenskyy"}},
		{name: "TypoInLongWord", text: "Kushnir", want: []string{"kushner"}},
		{name: "TwoTyposInLongerWord", text: "Zelanskiy", want: []string{"zelenskyy"}},
		{name: "NoTypoInShortWord", text: "wax", wantNot: []string{"war"}},
		{name: "Phrase", text: `"security guarantees"`, want: []string{"guarantees"}, wantNot: []string{"reversed"}},
		{name: "WordsInAnyOrder", text: "security guarantees", want: []string{"guarantees", "reversed"}},
		{name: "AllWordsMustMatch", text: "security kushner", wantNot: []string{"guarantees", "kushner"}},
		{name: "Exclude", text: `guarantees -ceasefire`, want: []string{"reversed"}, wantNot: []string{"guarantees"}},
		{name: "Prefix", text: "guaran*", want: []string{"guarantees", "reversed"}},
		{name: "Kinds", text: "Minsk", kinds: []string{"CLAIM"}, want: []string{"by-quote"}, wantNot: []string{"by-name", "by-alias", "by-summary"}},
		{name: "CompleteLastWord", text: "Jared Kush", complete: true, want: []string{"kushner"}},
		{name: "NoCompleteWithoutAsking", text: "Kush", wantNot: []string{"kushner"}},
		{name: "RegexIsPlainText", text: "/kush.+/", wantNot: []string{"kushner"}},
		{name: "WildcardIsPlainText", text: "kushn?r", wantNot: []string{"kushner"}},
		{name: "StopWordsOnly", text: "the of", wantNot: []string{"war"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			hits, err := ix.Search(context.Background(), textindex.Query{Text: tc.text, Kinds: tc.kinds, Complete: tc.complete})
			if err != nil {
				t.Fatal(err)
			}
			got := ids(hits)
			for _, w := range tc.want {
				if !slices.Contains(got, w) {
					t.Errorf("Search(%q) = %v, want %s among them", tc.text, got, w)
				}
			}
			for _, w := range tc.wantNot {
				if slices.Contains(got, w) {
					t.Errorf("Search(%q) = %v, want no %s", tc.text, got, w)
				}
			}
		})
	}
}

func TestSearchRanksFields(t *testing.T) {
	ix := mustIndex(t, fixture)
	hits, err := ix.Search(context.Background(), textindex.Query{Text: "minsk"})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"by-name", "by-alias", "by-summary", "by-quote"}
	if got := ids(hits); !slices.Equal(got, want) {
		t.Fatalf("Search(minsk) = %v, want %v (name, alias, summary, body)", got, want)
	}
	fields := []string{"name", "alias", "summary", "quote"}
	for i, h := range hits {
		if h.Field != fields[i] {
			t.Errorf("hit %s: field %q, want %q", h.ID, h.Field, fields[i])
		}
		if i > 0 && h.Score > hits[i-1].Score {
			t.Errorf("hit %s scores %v, above the hit before it (%v)", h.ID, h.Score, hits[i-1].Score)
		}
	}
	// An exact name outranks a typo in a name.
	hits, err = ix.Search(context.Background(), textindex.Query{Text: "minsk", MinScore: hits[1].Score})
	if err != nil {
		t.Fatal(err)
	}
	if got := ids(hits); !slices.Equal(got, want[:2]) {
		t.Errorf("MinScore: got %v, want %v", got, want[:2])
	}
}

func TestSearchSnippet(t *testing.T) {
	ix := mustIndex(t, fixture)
	hits, err := ix.Search(context.Background(), textindex.Query{Text: "treaties"})
	if err != nil || len(hits) != 1 {
		t.Fatalf("Search(treaties) = %v, %v; want the html doc", hits, err)
	}
	s := hits[0].Snippet
	if !strings.Contains(s, "<mark>treaty</mark>") {
		t.Errorf("snippet %q does not mark the matched word", s)
	}
	if strings.Contains(s, "<script>") || !strings.Contains(s, "&lt;script&gt;") {
		t.Errorf("snippet %q does not escape the text's markup", s)
	}
	if hits[0].Field != "text" {
		t.Errorf("field %q, want text", hits[0].Field)
	}
}

func TestSearchBadQueries(t *testing.T) {
	ix := mustIndex(t, fixture)
	tests := []struct {
		name, text string
		want       error
		mention    string
	}{
		{"UnterminatedQuote", `"security guar`, textindex.ErrSyntax, "at 0"},
		{"EmptyPhrase", `kushner ""`, textindex.ErrSyntax, "empty phrase"},
		{"LoneMinus", `kushner -`, textindex.ErrSyntax, "minus"},
		{"OnlyExcluded", `-kushner`, textindex.ErrSyntax, "nothing to look for"},
		{"LeadingStar", `*shner`, textindex.ErrSyntax, "star may only end"},
		{"InnerStar", `ku*ner`, textindex.ErrSyntax, "star may only end"},
		{"RegexStar", `/kush.*/`, textindex.ErrSyntax, "star may only end"},
		{"ShortPrefix", `k*`, textindex.ErrSyntax, "at least 2"},
		{"TooLong", strings.Repeat("a", textindex.MaxQueryBytes+1), textindex.ErrTooBroad, fmt.Sprint(textindex.MaxQueryBytes)},
		{"TooManyTerms", strings.Repeat("kushner ", textindex.MaxTerms+1), textindex.ErrTooBroad, fmt.Sprint(textindex.MaxTerms)},
		{"InvalidUTF8", "kush\xffner", textindex.ErrSyntax, "UTF-8"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ix.Search(context.Background(), textindex.Query{Text: tc.text})
			if !errors.Is(err, tc.want) || !strings.Contains(err.Error(), tc.mention) {
				t.Fatalf("Search(%.40q) error = %v, want %v mentioning %q", tc.text, err, tc.want, tc.mention)
			}
		})
	}
}

func TestSearchBoundsExpansion(t *testing.T) {
	var docs []textindex.Doc
	for i := range textindex.MaxExpansion + 10 {
		docs = append(docs, textindex.Doc{ID: fmt.Sprint(i), Text: map[string][]string{"summary": {fmt.Sprintf("word ab%04dx", i)}}})
	}
	ix := mustIndex(t, docs)
	_, err := ix.Search(context.Background(), textindex.Query{Text: "ab*"})
	if !errors.Is(err, textindex.ErrTooBroad) || !strings.Contains(err.Error(), fmt.Sprint(textindex.MaxExpansion)) {
		t.Fatalf("Search(ab*) error = %v, want ErrTooBroad naming the limit %d", err, textindex.MaxExpansion)
	}
	hits, err := ix.Search(context.Background(), textindex.Query{Text: "ab000*"})
	if err != nil || len(hits) != 10 {
		t.Fatalf("Search(ab000*) = %d hits, %v; want 10", len(hits), err)
	}
}

func TestUpdateRemoves(t *testing.T) {
	ix := mustIndex(t, fixture)
	// A doc with no text goes, as does one named in remove.
	if err := ix.Update([]textindex.Doc{{ID: "kushner"}}, []string{"zelenskyy"}, "m2"); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"kushner", "zelenskyy"} {
		hits, err := ix.Search(context.Background(), textindex.Query{Text: q})
		if err != nil || len(hits) != 0 {
			t.Errorf("after removal, Search(%s) = %v, %v; want none", q, ids(hits), err)
		}
	}
	if m, err := ix.Marker(); err != nil || m != "m2" {
		t.Errorf("Marker() = %q, %v; want m2", m, err)
	}
}

func TestOpenPersists(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "text.bleve")
	ix, err := textindex.Open(dir, textindex.DefaultFields())
	if err != nil {
		t.Fatal(err)
	}
	if m, _ := ix.Marker(); m != "" {
		t.Errorf("new index marker %q, want empty", m)
	}
	if err := ix.Update(fixture, nil, "m1"); err != nil {
		t.Fatal(err)
	}
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	ix, err = textindex.Open(dir, textindex.DefaultFields())
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if m, _ := ix.Marker(); m != "m1" {
		t.Errorf("reopened index marker %q, want m1", m)
	}
	hits, err := ix.Search(context.Background(), textindex.Query{Text: "Kushnir"})
	if err != nil || !slices.Contains(ids(hits), "kushner") {
		t.Errorf("reopened index: Search(Kushnir) = %v, %v", ids(hits), err)
	}
	n, err := ix.IDsOfKind("PERSON")
	if err != nil || len(n) != 2 {
		t.Errorf("IDsOfKind(PERSON) = %v, %v; want the 2 people", n, err)
	}
}

// TestSearchLongWords shows words too long for typos matched exactly, not
// refused or slow: the typo automaton of a long word outgrows any limit.
func TestSearchLongWords(t *testing.T) {
	ix := mustIndex(t, fixture)
	for _, q := range []string{strings.Repeat("kushner", 140), strings.Repeat("é", 400), strings.Repeat("ab", 30) + "*"} {
		hits, err := ix.Search(context.Background(), textindex.Query{Text: q, Complete: true})
		if err != nil || len(hits) != 0 {
			t.Errorf("Search(%.20q…) = %v, %v; want no hits and no error", q, ids(hits), err)
		}
	}
}

// TestSearchPastMaxScored fills the index with more documents of a common
// word than a search scores: a name with the word is still found first,
// and the body-text hits still fill the page; a better body-text match
// past the bound is left out, unless the search is exhaustive.
func TestSearchPastMaxScored(t *testing.T) {
	docs := make([]textindex.Doc, 0, textindex.MaxScored+100)
	for i := range textindex.MaxScored + 100 {
		docs = append(docs, textindex.Doc{ID: fmt.Sprintf("p%05d", i), Kinds: []string{"POSITION"},
			Text: map[string][]string{"summary": {"Talks on the ceasefire resumed."}}})
	}
	ix := mustIndex(t, docs)
	// Added later, so last in index order, past the documents scored
	// (within one batch, the order is not the order given).
	late := []textindex.Doc{
		{ID: "z-dense", Kinds: []string{"POSITION"}, Text: map[string][]string{"summary": {"Ceasefire, ceasefire."}}},
		{ID: "z-named", Kinds: []string{"EVENT"}, Text: map[string][]string{"name": {"Ceasefire talks"}}},
	}
	if err := ix.Update(late, nil, "m2"); err != nil {
		t.Fatal(err)
	}
	for _, exhaustive := range []bool{false, true} {
		hits, err := ix.Search(context.Background(), textindex.Query{Text: "ceasefire", First: 5, Exhaustive: exhaustive})
		if err != nil {
			t.Fatal(err)
		}
		if len(hits) != 5 || hits[0].ID != "z-named" || hits[0].Field != "name" {
			t.Fatalf("Search(ceasefire, exhaustive %v) = %v; want z-named first, by name, and 5 hits", exhaustive, ids(hits))
		}
		for _, h := range hits[1:] {
			if h.Field != "summary" || !strings.Contains(h.Snippet, "<mark>ceasefire</mark>") || h.Score > hits[0].Score {
				t.Errorf("hit %+v: want a summary hit scoring below the name", h)
			}
		}
		if dense := slices.Contains(ids(hits), "z-dense"); dense != exhaustive {
			t.Errorf("exhaustive %v: z-dense among the hits: %v, want %v", exhaustive, dense, exhaustive)
		}
		if exhaustive && hits[1].ID != "z-dense" {
			t.Errorf("exhaustive: second hit %s, want z-dense", hits[1].ID)
		}
	}
}
