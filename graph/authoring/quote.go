package authoring

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/parley-kg/parley/graph/doctext"
)

// locate finds the one span q selects: its exact words, where the document
// has prefix right before them and suffix right after. A quote found
// nowhere, or more than once, is an error at its line.
func (c *compiler) locate(q Quote) (doctext.Span, bool) {
	if q.Exact == "" {
		c.errorf(q.Line, "evidence: empty quote")
		return doctext.Span{}, false
	}
	var hits [][2]int
	for _, at := range c.doc.Find(q.Exact) {
		if c.before(at[0], q.Prefix) && c.after(at[1], q.Suffix) {
			hits = append(hits, at)
		}
	}
	switch len(hits) {
	case 0:
		c.errorf(q.Line, "evidence: the quote %q is not in %s%s", short(q.Exact), c.f.Document.File, c.nearest(q))
		return doctext.Span{}, false
	case 1:
	default:
		var where []string
		for _, h := range hits {
			sp, _ := c.doc.Locate(h[0], h[1])
			where = append(where, fmt.Sprintf("paragraph %d sentence %d", sp.Paragraph, sp.Sentence))
		}
		c.errorf(q.Line, "evidence: the quote %q is in %s %d times (%s); add a prefix or suffix (the words right before or after it) to pick one",
			short(q.Exact), c.f.Document.File, len(hits), strings.Join(where, "; "))
		return doctext.Span{}, false
	}
	sp, err := c.doc.Locate(hits[0][0], hits[0][1])
	if err != nil {
		c.errorf(q.Line, "evidence: the quote %q: %v; quote within one paragraph", short(q.Exact), err)
		return doctext.Span{}, false
	}
	return sp, true
}

func (c *compiler) before(at int, prefix string) bool {
	if prefix == "" {
		return true
	}
	n := utf8.RuneCountInString(prefix)
	if at < n {
		return false
	}
	t, err := c.doc.Text(at-n, at)
	return err == nil && t == prefix
}

func (c *compiler) after(at int, suffix string) bool {
	if suffix == "" {
		return true
	}
	t, err := c.doc.Text(at, at+utf8.RuneCountInString(suffix))
	return err == nil && t == suffix
}

// nearest describes where the document comes closest to q: the longest
// start of the quote that the document holds, shown with what follows it
// there, or else the longest end of it.
func (c *compiler) nearest(q Quote) string {
	r := []rune(q.Exact)
	best, at := 0, -1
	lo, hi := 1, len(r)-1 // the longest prefix of r found: found(k) is monotone in k
	for lo <= hi {
		mid := (lo + hi) / 2
		if hits := c.doc.Find(string(r[:mid])); len(hits) > 0 {
			best, at = mid, hits[0][0]
			lo = mid + 1
		} else {
			hi = mid - 1
		}
	}
	if best < 3 {
		return ""
	}
	end := at + len(r)
	for _, p := range c.doc.Paragraphs() {
		if at >= p.Start && at < p.End && end > p.End {
			end = p.End
		}
	}
	text, err := c.doc.Text(at, end)
	if err != nil {
		return ""
	}
	sp, err := c.doc.Locate(at, end)
	if err != nil {
		return ""
	}
	return fmt.Sprintf("; the nearest match, in paragraph %d sentence %d, is %q (the first %d characters agree)", sp.Paragraph, sp.Sentence, text, best)
}
