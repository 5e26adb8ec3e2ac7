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

// nearPredicates returns the local names within two edits of want's local
// name, ignoring case.
func nearPredicates(want string) []string {
	w := strings.ToLower(localName(strings.TrimSuffix(strings.TrimPrefix(want, "<"), ">")))
	var out []string
	for _, n := range predicateNames() {
		if levenshtein(w, strings.ToLower(n), 2) >= 0 {
			out = append(out, n)
		}
	}
	return out
}
