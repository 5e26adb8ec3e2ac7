package graph

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
)

// FuzzLookup looks arbitrary text up as a name, through the catalog and
// through the Store's entry points (Resolve, Entity, Search) on a memory
// store holding the seed. Nothing may panic or fail other than with
// ErrNotFound, ErrAmbiguous or ErrInvalid; folding must be idempotent, so
// that a folded key looks up what the text it came from does; every entity
// looked up must have its IRI, name or an alias match the text; and
// Search must find the entity a name resolves to.
func FuzzLookup(f *testing.F) {
	ctx := context.Background()
	s := seededStore(f, BackendMemory)
	cat := s.catalog()
	if len(cat.all) == 0 {
		f.Fatal("the seed holds no entities")
	}
	// Every name, alias and IRI of the seed, and variants of one.
	for _, iri := range cat.all {
		f.Add(iri)
		f.Add(cat.names[iri])
		for _, a := range cat.aliases[iri] {
			f.Add(a)
		}
	}
	for _, s := range []string{"", " ", "the", "The Kremlin", "the the kremlin", "  ZELENSKYY ", "Zélenskyy", "Kyiv’s",
		"Krasnoarmeysk", "<https://w3id.org/parley/id/nowhere>", "ﬁ", "İstanbul", "ǅ", "\u0301a", "a\u0301", "\xff\xfe", "k\u212a"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		key := fold(text)
		if again := fold(key); again != key {
			t.Fatalf("fold is not idempotent: %q → %q → %q", text, key, again)
		}
		for _, iri := range cat.lookup(text) {
			if !hasKey(cat, iri, key) {
				t.Errorf("lookup(%q) found %s, whose names fold to %q, not %q", text, iri, cat.folded[iri], key)
			}
		}

		iri, err := s.Resolve(ctx, text)
		checkLookupErr(t, "Resolve", text, err)
		if err == nil { // Entity is Resolve, then a read: its failures are Resolve's
			e, err := s.Entity(ctx, text)
			if err != nil {
				t.Fatalf("Resolve(%q) = %s, but Entity(%q) failed: %v", text, iri, text, err)
			}
			if e.IRI != iri {
				t.Errorf("Resolve(%q) = %s, Entity(%q) = %s", text, iri, text, e.IRI)
			}
			ref := strings.TrimSuffix(strings.TrimPrefix(strings.TrimSpace(text), "<"), ">")
			if iri != ref && !namedBy(e, key) {
				t.Errorf("Resolve(%q) = %s, named %q and %q, none folding to %q", text, iri, e.Name, e.Aliases, key)
			}
		}

		// Search reads the text index: it finds stems, typos and words of
		// descriptions, so it need not contain the text; but it answers
		// entities only, within first, and finds what a name resolves to.
		found, err := s.Search(ctx, text, nil, 50)
		checkLookupErr(t, "Search", text, err)
		if len(found) > 50 {
			t.Errorf("Search(%q, first 50) returned %d entities", text, len(found))
		}
		var iris []string
		for _, e := range found {
			if e == nil || !cat.isEntity(e.IRI) {
				t.Fatalf("Search(%q) returned %+v, not an entity", text, e)
			}
			iris = append(iris, e.IRI)
		}
		if iri, rerr := s.Resolve(ctx, text); rerr == nil && err == nil && namedBy(mustEntity(t, s, iri), key) && !slices.Contains(iris, iri) {
			t.Errorf("Search(%q) = %v, without %s, which the text names", text, iris, iri)
		}
	})
}

// checkLookupErr fails t when err is other than nil, ErrNotFound,
// ErrAmbiguous or ErrInvalid.
func checkLookupErr(t *testing.T, op, text string, err error) {
	t.Helper()
	if err != nil && !errors.Is(err, ErrNotFound) && !errors.Is(err, ErrAmbiguous) && !errors.Is(err, ErrInvalid) {
		t.Fatalf("%s(%q): unexpected error %v", op, text, err)
	}
}

// hasKey reports whether the catalog indexes iri under the folded key.
func hasKey(cat *catalog, iri, key string) bool {
	for _, k := range cat.folded[iri] {
		if k == key {
			return true
		}
	}
	return false
}

// namedBy reports whether e's name or an alias folds to key.
func namedBy(e *Entity, key string) bool {
	for _, n := range append([]string{e.Name}, e.Aliases...) {
		if fold(n) == key {
			return true
		}
	}
	return false
}

// mustEntity reads the entity iri.
func mustEntity(t *testing.T, s *Store, iri string) *Entity {
	t.Helper()
	e, err := s.Entity(context.Background(), iri)
	if err != nil {
		t.Fatal(err)
	}
	return e
}
