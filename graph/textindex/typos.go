package textindex

import (
	"fmt"
	"unicode/utf8"

	bindex "github.com/blevesearch/bleve_index_api"
)

// typos returns the terms of the index's dictionary of every word that
// start with word's first letter and are within n edits (insertions,
// deletions, substitutions) of word, refusing more than [MaxExpansion].
// The first letter must match: typos there are rare, and the walk then
// reads a small part of the dictionary.
//
// It walks that letter's part of the dictionary and measures each term,
// rather than ask Bleve's Levenshtein automaton: building the automaton
// of a long word two edits wide allocates megabytes and took several
// milliseconds of a query, more than the walk.
func (ix *Index) typos(r bindex.IndexReader, word string, n int) ([]string, error) {
	_, size := utf8.DecodeRuneInString(word)
	d, err := r.FieldDictPrefix(termsField, []byte(word[:size]))
	if err != nil {
		return nil, fmt.Errorf("expand %q in the text index: %w", short(word), err)
	}
	defer d.Close()
	want := []rune(word)
	var (
		terms    []string
		have     []rune
		prev, at []int
	)
	for {
		e, err := d.Next()
		if err != nil {
			return nil, fmt.Errorf("expand %q in the text index: %w", short(word), err)
		}
		if e == nil {
			return terms, nil
		}
		if c := utf8.RuneCountInString(e.Term); c < len(want)-n || c > len(want)+n {
			continue
		}
		have = append(have[:0], []rune(e.Term)...)
		if !within(want, have, n, &prev, &at) {
			continue
		}
		if len(terms) == MaxExpansion {
			return nil, fmt.Errorf("%w: %q matches more than %d words of the index (the limit); type more of the word", ErrTooBroad, short(word), MaxExpansion)
		}
		terms = append(terms, e.Term)
	}
}

// within reports whether a and b are at most n edits apart (Levenshtein
// distance), giving up on a row whose every cell is past n; prev and at
// are rows reused between calls.
func within(a, b []rune, n int, prev, at *[]int) bool {
	p, c := (*prev)[:0], (*at)[:0]
	for j := 0; j <= len(b); j++ {
		p = append(p, j)
	}
	c = append(c, make([]int, len(b)+1)...)
	for i := 1; i <= len(a); i++ {
		c[0] = i
		least := i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			c[j] = min(p[j]+1, c[j-1]+1, p[j-1]+cost)
			least = min(least, c[j])
		}
		if least > n {
			*prev, *at = p, c
			return false
		}
		p, c = c, p
	}
	*prev, *at = p, c
	return p[len(b)] <= n
}
