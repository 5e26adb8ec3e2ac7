package graph

import (
	"fmt"
	"reflect"
	"testing"

	"github.com/cayleygraph/quad"
)

// TestCatalogIncrementalMatchesFull checks that a clone finished after
// changes derives the same tables as a catalog built from scratch from the
// same facts: writes update the name index incrementally.
func TestCatalogIncrementalMatchesFull(t *testing.T) {
	iri := func(i int) quad.IRI { return quad.IRI(fmt.Sprintf("%se%03d", IDBase, i)) }
	typ, name, alias := quad.IRI(PredType), quad.IRI(PredName), quad.IRI(PredAlternateName)
	base := newCatalog()
	for i := 0; i < 50; i++ {
		base.add(quad.Make(iri(i), typ, quad.IRI([]string{ClassPerson, ClassTopic, ClassCity}[i%3]), nil))
		base.add(quad.Make(iri(i), name, quad.String(fmt.Sprintf("Name %d", i%20)), nil)) // shared names
	}
	base.finish()
	next := base.clone()
	next.forget(string(iri(3)))                                      // an entity goes
	next.add(quad.Make(iri(3), name, quad.String("Renamed"), nil))   // and comes back as a node without a kind
	next.add(quad.Make(iri(4), alias, quad.String("Zélensky"), nil)) // an alias with an accent
	next.add(quad.Make(iri(60), typ, quad.IRI(ClassEvent), nil))     // a new entity
	next.add(quad.Make(iri(60), name, quad.String("Name 1"), nil))   // sharing a name
	next.add(quad.Make(iri(7), typ, quad.IRI(ClassDocument), nil))   // a type that is no kind: no change
	next.finish()

	full := newCatalog()
	full.kinds, full.names, full.aliases = next.kinds, next.names, next.aliases
	full.finish()
	for _, tc := range []struct {
		name      string
		got, want any
	}{
		{"byName", next.byName, full.byName},
		{"byKind", next.byKind, full.byKind},
		{"all", next.all, full.all},
		{"folded", next.folded, full.folded},
	} {
		if !reflect.DeepEqual(tc.got, tc.want) {
			t.Errorf("%s: incremental %v\nfull %v", tc.name, tc.got, tc.want)
		}
	}
	if got := base.lookup("Name 1"); !reflect.DeepEqual(got, []string{string(iri(1)), string(iri(21)), string(iri(41))}) {
		t.Errorf("the published catalog changed under its clone: Name 1 → %v", got)
	}
	if got := next.lookup("zelensky"); !reflect.DeepEqual(got, []string{string(iri(4))}) {
		t.Errorf("zelensky → %v", got)
	}
}
