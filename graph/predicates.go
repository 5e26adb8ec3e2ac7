package graph

import (
	"fmt"
	"slices"
	"strings"
)

// checkPredicate fails with [ErrInvalid] when want, a predicate by full IRI
// (bare or in angle brackets) or local name, is not in the vocabulary: a
// filter on it could only answer nothing. The message suggests the nearest
// predicates and lists the known ones. An empty want passes.
func checkPredicate(want string) error {
	if want == "" || KnownPredicate(want) {
		return nil
	}
	msg := fmt.Sprintf("unknown predicate %q", want)
	if near := nearPredicates(want); len(near) > 0 {
		msg += "; did you mean " + strings.Join(near, " or ") + "?"
	}
	return invalidf("%s; the vocabulary's predicates are %s", msg, strings.Join(predicateNames(), ", "))
}

// KnownPredicate reports whether p names a predicate of the vocabulary, by
// full IRI (bare or in angle brackets) or by local name.
func KnownPredicate(p string) bool {
	p = strings.TrimSuffix(strings.TrimPrefix(strings.TrimSpace(p), "<"), ">")
	if _, ok := vocabulary[p]; ok {
		return true
	}
	return slices.Contains(predicateNames(), p)
}

// predicateNames returns the local names of the vocabulary's predicates,
// sorted and without repeats.
func predicateNames() []string {
	names := make([]string, 0, len(vocabulary))
	for iri := range vocabulary {
		names = append(names, localName(iri))
	}
	slices.Sort(names)
	return slices.Compact(names)
}

// nearPredicates returns the local names of the vocabulary's predicates
// near want's local name.
func nearPredicates(want string) []string {
	return Nearest(localName(strings.TrimSuffix(strings.TrimPrefix(want, "<"), ">")), predicateNames())
}

// Nearest returns the candidates near word, ignoring case, nearest first
// (then in their given order): within an edit distance of a third of
// word's length, at least 1 and at most 2, or starting with word when it
// has 3 letters or more. It is for "did you mean" messages.
func Nearest(word string, candidates []string) []string {
	w := strings.ToLower(word)
	limit := min(2, max(1, len([]rune(w))/3))
	type hit struct {
		c string
		d int
	}
	var hits []hit
	for _, c := range candidates {
		lc := strings.ToLower(c)
		d := levenshtein(w, lc, limit)
		if d < 0 && len(w) >= 3 && strings.HasPrefix(lc, w) {
			d = limit + 1
		}
		if d >= 0 {
			hits = append(hits, hit{c, d})
		}
	}
	slices.SortStableFunc(hits, func(a, b hit) int { return a.d - b.d })
	out := make([]string, len(hits))
	for i, h := range hits {
		out[i] = h.c
	}
	return out
}
