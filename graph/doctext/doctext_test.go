package doctext_test

import (
	"testing"

	"github.com/parley-kg/parley/graph/doctext"
)

func TestSentences(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want []string
	}{
		{"One. Two? Three!", []string{"One.", "Two?", "Three!"}},
		{"Mr. Witkoff met U.S. officials. Then he left.", []string{"Mr. Witkoff met U.S. officials.", "Then he left."}},
		{`He said "it is done." She did not.`, []string{`He said "it is done."`, "She did not."}},
		{"J. Smith spoke. No end", []string{"J. Smith spoke.", "No end"}},
		{"A heading", []string{"A heading"}},
	} {
		r := []rune(tt.in)
		var got []string
		for _, s := range doctext.Sentences(tt.in) {
			got = append(got, string(r[s.Start:s.End]))
		}
		if len(got) != len(tt.want) {
			t.Errorf("Sentences(%q) = %q, want %q", tt.in, got, tt.want)
			continue
		}
		for i := range got {
			if got[i] != tt.want[i] {
				t.Errorf("Sentences(%q)[%d] = %q, want %q", tt.in, i, got[i], tt.want[i])
			}
		}
	}
}

func TestLocate(t *testing.T) {
	d, err := doctext.New("Title\n\nFirst one. Kyiv’s second one.\r\nLast.\n")
	if err != nil {
		t.Fatal(err)
	}
	if got := len(d.Paragraphs()); got != 3 {
		t.Fatalf("paragraphs = %d, want 3", got)
	}
	at := d.Find("Kyiv’s second")
	if len(at) != 1 {
		t.Fatalf("Find = %v, want one match", at)
	}
	s, err := d.Locate(at[0][0], at[0][1])
	if err != nil {
		t.Fatal(err)
	}
	if s.Paragraph != 2 || s.Sentence != 2 {
		t.Errorf("Locate = paragraph %d sentence %d, want 2 and 2", s.Paragraph, s.Sentence)
	}
	if text, _ := d.Text(s.Start, s.End); text != "Kyiv’s second" || s.SHA256 != doctext.Hash(text) {
		t.Errorf("span text %q hash %s", text, s.SHA256)
	}
	if p, _ := d.ParagraphText(3); p != "Last." {
		t.Errorf("paragraph 3 = %q, want without its CR", p)
	}
	if _, err := d.Locate(at[0][0], at[0][1]+20); err == nil {
		t.Error("Locate accepted a span that runs past its paragraph")
	}
}
