package graph

import (
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

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
//
// Quads that a retraction withdraws (their label is withdrawn, see
// withdrawal) do not count: an entity or alias that only a retracted
// source gave is found by no name and listed nowhere, as before that source
// was added. Their facts are kept apart (ghost), so that a retracted
// statement shown with its retraction still names its holder.
type catalog struct {
	// Raw facts, as read from the graph, withdrawn quads left out.
	kinds   map[string]Kind
	names   map[string]string
	aliases map[string][]string
	dates   map[string]string // an event's start date, for timelines

	// ghost holds the facts of withdrawn quads, for headers only.
	ghost *catalogFacts
	// withdrawn is what retractions withdraw; nil when nothing is. Shared
	// between clones until one of them links a new label (ownWithdrawn).
	withdrawn    *withdrawal
	ownWithdrawn bool

	// dirty lists the IRIs whose raw facts changed since a clone, so that
	// finish re-derives only theirs; nil means derive everything.
	dirty map[string]bool

	// Derived in finish.
	byName map[string][]string // folded name or alias → entity IRIs, sorted
	byKind map[Kind][]string   // kind → entity IRIs, sorted
	all    []string            // every entity IRI, sorted
	folded map[string][]string // IRI → folded name and aliases, for search
}

// catalogFacts are the facts of the withdrawn quads that name entities.
type catalogFacts struct {
	kinds   map[string]Kind
	names   map[string]string
	aliases map[string][]string
	dates   map[string]string
}

func newCatalog() *catalog {
	return &catalog{kinds: map[string]Kind{}, names: map[string]string{}, aliases: map[string][]string{}, dates: map[string]string{},
		ghost: &catalogFacts{kinds: map[string]Kind{}, names: map[string]string{}, aliases: map[string][]string{}, dates: map[string]string{}}}
}

// addAll records the quads of qs that add does, after taking in the
// contributions that qs brings under a retraction (a contribution citing a
// retracted document), whatever the order of qs.
func (c *catalog) addAll(qs []quad.Quad) {
	for _, q := range qs {
		r := c.withdrawn.linked(q)
		if r == nil || c.withdrawn.covers(iriOf(q.Subject)) != nil {
			continue
		}
		if !c.ownWithdrawn {
			w := &withdrawal{roots: c.withdrawn.roots, labels: make(map[string]*Retraction, len(c.withdrawn.labels)+1)}
			for k, v := range c.withdrawn.labels {
				w.labels[k] = v
			}
			c.withdrawn, c.ownWithdrawn = w, true
		}
		c.withdrawn.labels[iriOf(q.Subject)] = r
	}
	for _, q := range qs {
		c.add(q)
	}
}

// add records q if it is a type, name, alias or start date quad: among the
// ghost facts when a retraction withdraws it.
func (c *catalog) add(q quad.Quad) {
	subj, ok := q.Subject.(quad.IRI)
	if !ok {
		return
	}
	iri := string(subj)
	pred, _ := q.Predicate.(quad.IRI)
	if c.withdrawn.covers(iriOf(q.Label)) != nil {
		c.ghost.add(iri, string(pred), q.Object)
		return
	}
	if p := string(pred); c.dirty != nil && (p == PredType || p == PredName || p == PredAlternateName) {
		c.dirty[iri] = true
	}
	switch string(pred) {
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
	case PredStartDate:
		if d, have := c.dates[iri]; !have || literal(q.Object) < d {
			c.dates[iri] = literal(q.Object)
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

// add records a withdrawn fact, keeping the first name and date in order
// as the live facts do.
func (g *catalogFacts) add(iri, pred string, obj quad.Value) {
	switch pred {
	case PredType:
		if k, ok := kindOfClass[iriOf(obj)]; ok {
			g.kinds[iri] = k
		}
	case PredName:
		if n, have := g.names[iri]; !have || literal(obj) < n {
			g.names[iri] = literal(obj)
		}
	case PredStartDate:
		if d, have := g.dates[iri]; !have || literal(obj) < d {
			g.dates[iri] = literal(obj)
		}
	case PredAlternateName:
		if a := literal(obj); !slices.Contains(g.aliases[iri], a) {
			g.aliases[iri] = append(g.aliases[iri], a)
		}
	}
}

// header returns the entity iri as the index knows it: IRI, kind, name
// and (events) start date; ok is false when iri is not an entity. An
// entity that retractions withdrew has a header still, from its withdrawn
// facts where it has no others.
func (c *catalog) header(iri string) (e *Entity, ok bool) {
	kind, ok := c.kindOf(iri)
	if !ok {
		return nil, false
	}
	e = &Entity{IRI: iri, Kind: kind, Name: c.names[iri], Date: c.dates[iri]}
	if e.Name == "" {
		e.Name = c.ghost.names[iri]
	}
	if e.Date == "" {
		e.Date = c.ghost.dates[iri]
	}
	return e, true
}

// kindOf returns the kind of the entity iri, withdrawn or not; ok is false
// when iri is not an entity.
func (c *catalog) kindOf(iri string) (Kind, bool) {
	if k, ok := c.kinds[iri]; ok {
		return k, true
	}
	k, ok := c.ghost.kinds[iri]
	return k, ok
}

// withdrawnOnly returns the entities that only withdrawn quads give: found
// by IRI still, but by name, alias or search no more.
func (c *catalog) withdrawnOnly() []string {
	var out []string
	for iri := range c.ghost.kinds {
		if _, live := c.kinds[iri]; !live {
			out = append(out, iri)
		}
	}
	return out
}

// liveAliases returns aliases, as read from the quads of the entity iri,
// without those that only withdrawn quads give.
func (c *catalog) liveAliases(iri string, aliases []string) []string {
	gone := c.ghost.aliases[iri]
	if len(gone) == 0 {
		return aliases
	}
	out := aliases[:0:0]
	for _, a := range aliases {
		if !slices.Contains(gone, a) || slices.Contains(c.aliases[iri], a) {
			out = append(out, a)
		}
	}
	return out
}

// forget drops what c knows of iri, so that its remaining quads can be
// added afresh.
func (c *catalog) forget(iri string) {
	if c.dirty != nil {
		c.dirty[iri] = true
	}
	delete(c.kinds, iri)
	delete(c.names, iri)
	delete(c.aliases, iri)
	delete(c.dates, iri)
	delete(c.ghost.kinds, iri)
	delete(c.ghost.names, iri)
	delete(c.ghost.aliases, iri)
	delete(c.ghost.dates, iri)
}

// clone returns a copy of c to change and finish, sharing what it can: the
// derived tables are copied shallowly and their slices are never changed in
// place, so that finish re-derives only what the changes touch.
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
	for k, v := range c.dates {
		n.dates[k] = v
	}
	for k, v := range c.ghost.kinds {
		n.ghost.kinds[k] = v
	}
	for k, v := range c.ghost.names {
		n.ghost.names[k] = v
	}
	for k, v := range c.ghost.aliases {
		n.ghost.aliases[k] = append([]string(nil), v...)
	}
	for k, v := range c.ghost.dates {
		n.ghost.dates[k] = v
	}
	n.withdrawn = c.withdrawn
	if c.byName == nil {
		return n
	}
	n.dirty = map[string]bool{}
	n.byName = make(map[string][]string, len(c.byName))
	for k, v := range c.byName {
		n.byName[k] = v
	}
	n.byKind = make(map[Kind][]string, len(c.byKind))
	for k, v := range c.byKind {
		n.byKind[k] = v
	}
	n.folded = make(map[string][]string, len(c.folded))
	for k, v := range c.folded {
		n.folded[k] = v
	}
	n.all = c.all
	return n
}

// finish derives the lookup tables from the raw facts: all of them for a
// new catalog, only the changed entities' for a clone.
func (c *catalog) finish() {
	// Each changed entity copies the derived slices it is in, so a change
	// to many (a bulk load) rebuilds them once instead, in N log N.
	if len(c.dirty) > len(c.kinds)/16 {
		c.dirty = nil
	}
	if c.dirty == nil {
		c.byName = map[string][]string{}
		c.byKind = map[Kind][]string{}
		c.folded = map[string][]string{}
		c.all = nil
		for iri := range c.kinds {
			c.index(iri, false)
		}
		sort.Strings(c.all)
		for _, v := range c.byKind {
			sort.Strings(v)
		}
		for _, v := range c.byName {
			sort.Strings(v)
		}
		return
	}
	for iri := range c.dirty {
		for _, f := range c.folded[iri] {
			if c.byName[f] = without(c.byName[f], iri); len(c.byName[f]) == 0 {
				delete(c.byName, f)
			}
		}
		delete(c.folded, iri)
		for k, v := range c.byKind {
			c.byKind[k] = without(v, iri)
		}
		c.all = without(c.all, iri)
		if _, ok := c.kinds[iri]; ok {
			c.index(iri, true)
		}
	}
	c.dirty = nil
}

// index adds the entity iri to the derived tables, keeping them sorted
// when sorted is set (and leaving the sorting to the caller otherwise).
func (c *catalog) index(iri string, sorted bool) {
	put := func(s []string) []string {
		if sorted {
			return with(s, iri)
		}
		return append(s, iri)
	}
	k := c.kinds[iri]
	c.all = put(c.all)
	c.byKind[k] = put(c.byKind[k])
	seen := map[string]bool{}
	for _, n := range append([]string{c.names[iri]}, c.aliases[iri]...) {
		f := fold(n)
		if f == "" || seen[f] {
			continue
		}
		seen[f] = true
		c.folded[iri] = append(c.folded[iri], f)
		c.byName[f] = put(c.byName[f])
	}
}

// with returns the sorted s with x in it, as a new slice if x was missing.
func with(s []string, x string) []string {
	i := sort.SearchStrings(s, x)
	if i < len(s) && s[i] == x {
		return s
	}
	out := make([]string, 0, len(s)+1)
	out = append(append(append(out, s[:i]...), x), s[i:]...)
	return out
}

// without returns the sorted s without x, as a new slice if x was there.
func without(s []string, x string) []string {
	i := sort.SearchStrings(s, x)
	if i == len(s) || s[i] != x {
		return s
	}
	out := make([]string, 0, len(s)-1)
	return append(append(out, s[:i]...), s[i+1:]...)
}

// lookup returns the entities whose name or alias folds to the same text as
// name.
func (c *catalog) lookup(name string) []string { return c.byName[fold(name)] }

// isEntity reports whether iri is a known entity, withdrawn or not: a
// withdrawn entity is found by its IRI (a retracted statement names it so),
// never by a name.
func (c *catalog) isEntity(iri string) bool {
	_, ok := c.kindOf(iri)
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
	t := s
	if !isASCII(s) { // ASCII has no accents to strip: skip the normaliser's allocations
		var err error
		if t, _, err = transform.String(newFolder(), s); err != nil {
			t = s
		}
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

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
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
	case quad.Bool: // a backend may give typed literals back as Go values
		return strconv.FormatBool(bool(v))
	case quad.Int:
		return strconv.FormatInt(int64(v), 10)
	}
	return quad.StringOf(v)
}
