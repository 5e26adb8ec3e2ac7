package graph

import (
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"
)

// maxSuggestions is how many names a [NotFoundError] suggests.
const maxSuggestions = 5

// Suggestion is a known name near one that matched nothing: the entity's
// name, the alias that was near (empty when the name itself was), its IRI
// and kind.
type Suggestion struct {
	Name  string `json:"name"`
	Alias string `json:"alias,omitempty"`
	IRI   string `json:"iri"`
	Kind  Kind   `json:"kind"`
}

func (s Suggestion) String() string {
	if s.Alias != "" {
		return fmt.Sprintf("%s (%s, %s)", s.Alias, s.Name, s.Kind)
	}
	return fmt.Sprintf("%s (%s)", s.Name, s.Kind)
}

// NotFoundError is a name, alias or IRI that matches no entity, with the
// nearest names the graph knows. It unwraps to [ErrNotFound], so callers
// test for it with errors.Is and read the suggestions with errors.As.
type NotFoundError struct {
	Ref         string       // what was asked for
	Suggestions []Suggestion // nearest first; may be empty
}

func (e *NotFoundError) Error() string {
	msg := fmt.Sprintf("%v: no entity is named %q", ErrNotFound, e.Ref)
	if len(e.Suggestions) == 0 {
		return msg
	}
	names := make([]string, len(e.Suggestions))
	for i, s := range e.Suggestions {
		names[i] = s.String()
	}
	return msg + "; did you mean " + strings.Join(names, ", ") + "?"
}

// Unwrap returns [ErrNotFound].
func (e *NotFoundError) Unwrap() error { return ErrNotFound }

// suggest returns the entities whose name or an alias is nearest to ref:
// within an edit distance of a third of its length (at least 1), or having
// a word that is or starts with it; nearest first, then by name.
//
// An IRI gets none: it is looked up, not typed from memory, and callers
// that test many IRIs for presence must not pay a scan of every name each.
func (c *catalog) suggest(ref string) []Suggestion {
	needle := fold(strings.TrimSuffix(strings.TrimPrefix(strings.TrimSpace(ref), "<"), ">"))
	if needle == "" || strings.Contains(needle, "://") {
		return nil
	}
	limit := max(1, len([]rune(needle))/3)
	type hit struct {
		s    Suggestion
		dist int
	}
	var hits []hit
	for _, iri := range c.all {
		// The folded names are computed once, at indexing: folding every
		// name on each miss cost most of the time.
		best, near := -1, ""
		for _, f := range c.folded[iri] {
			if d := nameDistance(needle, f, limit); d >= 0 && (best < 0 || d < best) {
				best, near = d, f
			}
		}
		if best >= 0 {
			hits = append(hits, hit{Suggestion{Name: c.names[iri], Alias: c.aliasFolding(iri, near), IRI: iri, Kind: c.kinds[iri]}, best})
		}
	}
	sort.Slice(hits, func(i, j int) bool {
		a, b := hits[i], hits[j]
		if a.dist != b.dist {
			return a.dist < b.dist
		}
		if a.s.Name != b.s.Name {
			return a.s.Name < b.s.Name
		}
		return a.s.IRI < b.s.IRI
	})
	out := []Suggestion{}
	for i := 0; i < len(hits) && i < maxSuggestions; i++ {
		out = append(out, hits[i].s)
	}
	return out
}

// aliasFolding returns the alias of iri that folds to f, or "" when its
// name does.
func (c *catalog) aliasFolding(iri, f string) string {
	if fold(c.names[iri]) == f {
		return ""
	}
	for _, a := range c.aliases[iri] {
		if fold(a) == f {
			return a
		}
	}
	return ""
}

// nameDistance scores how near the folded name n is to the folded needle:
// the edit distance to n, or one more than that to one of its words (a
// whole name or alias near the needle is the better suggestion), or
// limit+1 when a word of n starts with the needle; -1 when farther.
func nameDistance(needle, n string, limit int) int {
	best := levenshtein(needle, n, limit)
	if !strings.Contains(n, " ") {
		if best < 0 && len(needle) >= 3 && strings.HasPrefix(n, needle) {
			best = limit + 1
		}
		return best
	}
	for rest := n; rest != ""; {
		var w string
		w, rest, _ = strings.Cut(rest, " ")
		d := levenshtein(needle, w, limit)
		if d < 0 && len(needle) >= 3 && strings.HasPrefix(w, needle) {
			d = limit
		}
		if d >= 0 && (best < 0 || d+1 < best) {
			best = d + 1
		}
	}
	return best
}

// levenshtein returns the edit distance between a and b in runes, a swap
// of neighbours counting as one edit (optimal string alignment), or -1
// when it exceeds limit (checked early, so that far names cost little).
func levenshtein(a, b string, limit int) int {
	// Counting runes first spares the far lengths, most names, any
	// allocation.
	if d := utf8.RuneCountInString(a) - utf8.RuneCountInString(b); d > limit || -d > limit {
		return -1
	}
	ra, rb := []rune(a), []rune(b)
	// Three rows: a swap of two neighbours looks two rows back.
	pprev := make([]int, len(rb)+1)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], pprev[j-2]+1)
			}
			rowMin = min(rowMin, cur[j])
		}
		if rowMin > limit {
			return -1
		}
		pprev, prev, cur = prev, cur, pprev
	}
	if prev[len(rb)] > limit {
		return -1
	}
	return prev[len(rb)]
}
