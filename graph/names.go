package graph

import (
	"sort"
	"strings"
	"unicode"

	"github.com/cayleygraph/quad"
	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// kindOfClass maps the rdf:type classes of entities to their kinds. Nodes of
// any other class (roles, positions, claims, sources) are not entities.
var kindOfClass = map[string]Kind{
	ClassPerson:       KindPerson,
	ClassCountry:      KindState,
	ClassOrganization: KindInstitution,
	ClassPlace:        KindTerritory,
	ClassCity:         KindTerritory,
	ClassAdminArea:    KindTerritory,
	ClassEvent:        KindEvent,
	ClassTopic:        KindTopic,
}

// KindOfClass returns the entity kind of an rdf:type class IRI, and false
// when nodes of that class are not entities.
func KindOfClass(class string) (Kind, bool) {
	k, ok := kindOfClass[class]
	return k, ok
}

// catalog is the in-memory index of entities: kind, name and aliases by IRI,
// and IRIs by folded name or alias. It is built once and then only read; a
// load builds a new one (copy on write), so readers never lock for long.
type catalog struct {
	// Raw facts, as read from the graph.
	kinds   map[string]Kind
	names   map[string]string
	aliases map[string][]string

	// Derived in finish.
	byName map[string][]string // folded name or alias → entity IRIs, sorted
	byKind map[Kind][]string   // kind → entity IRIs, sorted
	all    []string            // every entity IRI, sorted
	folded map[string][]string // IRI → folded name and aliases, for search
}

func newCatalog() *catalog {
	return &catalog{kinds: map[string]Kind{}, names: map[string]string{}, aliases: map[string][]string{}}
}

// add records q if it is a type, name or alias quad.
func (c *catalog) add(q quad.Quad) {
	subj, ok := q.Subject.(quad.IRI)
	if !ok {
		return
	}
	iri := string(subj)
	switch pred, _ := q.Predicate.(quad.IRI); string(pred) {
	case PredType:
		if class, ok := q.Object.(quad.IRI); ok {
			if k, ok := kindOfClass[string(class)]; ok {
				c.kinds[iri] = k
			}
		}
	case PredName:
		// An entity with two names keeps the first in order, whatever order
		// the backend reads them in (SQL backends have none).
		if n, have := c.names[iri]; !have || literal(q.Object) < n {
			c.names[iri] = literal(q.Object)
		}
	case PredAlternateName:
		a := literal(q.Object)
		for _, have := range c.aliases[iri] {
			if have == a {
				return
			}
		}
		c.aliases[iri] = append(c.aliases[iri], a)
	}
}

// forget drops what c knows of iri, so that its remaining quads can be
// added afresh.
func (c *catalog) forget(iri string) {
	delete(c.kinds, iri)
	delete(c.names, iri)
	delete(c.aliases, iri)
}

// clone returns a catalog with a copy of c's raw facts, to add to.
func (c *catalog) clone() *catalog {
	n := newCatalog()
	for k, v := range c.kinds {
		n.kinds[k] = v
	}
	for k, v := range c.names {
		n.names[k] = v
	}
	for k, v := range c.aliases {
		n.aliases[k] = append([]string(nil), v...)
	}
	return n
}

// finish derives the lookup tables from the raw facts.
func (c *catalog) finish() {
	c.byName = map[string][]string{}
	c.byKind = map[Kind][]string{}
	c.folded = map[string][]string{}
	c.all = c.all[:0]
	for iri, k := range c.kinds {
		c.all = append(c.all, iri)
		c.byKind[k] = append(c.byKind[k], iri)
		seen := map[string]bool{}
		for _, n := range append([]string{c.names[iri]}, c.aliases[iri]...) {
			f := fold(n)
			if f == "" || seen[f] {
				continue
			}
			seen[f] = true
			c.folded[iri] = append(c.folded[iri], f)
			c.byName[f] = append(c.byName[f], iri)
		}
	}
	sort.Strings(c.all)
	for _, v := range c.byKind {
		sort.Strings(v)
	}
	for _, v := range c.byName {
		sort.Strings(v)
	}
}

// lookup returns the entities whose name or alias folds to the same text as
// name.
func (c *catalog) lookup(name string) []string { return c.byName[fold(name)] }

// isEntity reports whether iri is a known entity.
func (c *catalog) isEntity(iri string) bool {
	_, ok := c.kinds[iri]
	return ok
}

// folder strips accents after decomposing, so "Zelenskyy" and "Zélenskyy"
// fold alike; it is stateless apart from its buffers, so each call gets one.
func newFolder() transform.Transformer {
	return transform.Chain(norm.NFKD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
}

// fold normalises a name for lookup: accents removed, lower case, typographic
// apostrophes and dashes made plain, runs of space collapsed, and a leading
// "the " dropped ("The Kremlin" and "kremlin" fold alike).
func fold(s string) string {
	// Invalid bytes become U+FFFD first: the normaliser stops at them,
	// which would leave the rest of s unfolded until a second fold.
	s = strings.ToValidUTF8(s, "\uFFFD")
	t, _, err := transform.String(newFolder(), s)
	if err != nil {
		t = s
	}
	t = strings.Map(func(r rune) rune {
		switch r {
		case '’', '‘', 'ʼ', '`':
			return '\''
		case '–', '—', '‐', '‑':
			return '-'
		}
		if unicode.IsSpace(r) {
			return ' '
		}
		return unicode.ToLower(r)
	}, t)
	t = strings.Join(strings.Fields(t), " ")
	// Every leading "the " goes, not only the first: folding must be
	// idempotent, or a folded key would not look up what it came from.
	for strings.HasPrefix(t, "the ") {
		t = t[len("the "):]
	}
	return t
}

// literal returns the text of a literal value, or the IRI text of an IRI.
func literal(v quad.Value) string {
	switch v := v.(type) {
	case nil:
		return ""
	case quad.String:
		return string(v)
	case quad.LangString:
		return string(v.Value)
	case quad.TypedString:
		return string(v.Value)
	case quad.IRI:
		return string(v)
	}
	return quad.StringOf(v)
}
