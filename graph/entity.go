package graph

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/cayleygraph/quad"
)

// Resolve returns the IRI of the entity that ref names: an IRI (bare or in
// angle brackets), a name or an alias, matched without regard to case or
// accents. It fails with a [*NotFoundError] (suggesting the nearest names)
// or [ErrAmbiguous].
func (s *Store) Resolve(ctx context.Context, ref string) (string, error) {
	return s.catalog().resolve(ref)
}

func (c *catalog) resolve(ref string) (string, error) {
	ref = strings.TrimSpace(ref)
	if iri := strings.TrimSuffix(strings.TrimPrefix(ref, "<"), ">"); c.isEntity(iri) {
		return iri, nil
	}
	switch iris := c.lookup(ref); len(iris) {
	case 0:
		return "", &NotFoundError{Ref: ref, Suggestions: c.suggest(ref)}
	case 1:
		return iris[0], nil
	default:
		names := make([]string, len(iris))
		for i, iri := range iris {
			names[i] = fmt.Sprintf("%s (%s)", c.names[iri], iri)
		}
		return "", fmt.Errorf("%w: %q names %s", ErrAmbiguous, ref, strings.Join(names, ", "))
	}
}

// ResolveRetracted is [Store.Resolve] for a query that asks for what
// retractions withdrew too (IncludeRetracted): a name or alias that only
// withdrawn statements give (the new person of a retracted document, an
// alias it added) then names its entity as well.
func (s *Store) ResolveRetracted(ctx context.Context, ref string) (string, error) {
	c := s.catalog()
	iri, err := c.resolve(ref)
	if !errors.Is(err, ErrNotFound) {
		return iri, err
	}
	switch iris := c.lookupWithdrawn(ref); len(iris) {
	case 0:
		return "", err
	case 1:
		return iris[0], nil
	default:
		return "", fmt.Errorf("%w: %q names %s, each only in withdrawn statements", ErrAmbiguous, ref, strings.Join(iris, ", "))
	}
}

// lookupWithdrawn returns the entities that ref names by a name or alias
// that only withdrawn quads give, sorted.
func (c *catalog) lookupWithdrawn(ref string) []string {
	want := fold(ref)
	var out []string
	for iri, name := range c.ghost.names {
		if fold(name) == want {
			out = append(out, iri)
		}
	}
	for iri, aliases := range c.ghost.aliases {
		if slices.ContainsFunc(aliases, func(a string) bool { return fold(a) == want }) && !slices.Contains(out, iri) {
			out = append(out, iri)
		}
	}
	sort.Strings(out)
	return out
}

// Entity returns the entity that ref names (see [Store.Resolve]).
func (s *Store) Entity(ctx context.Context, ref string) (*Entity, error) {
	iri, err := s.Resolve(ctx, ref)
	if err != nil {
		return nil, err
	}
	m, err := s.EntitiesByIRI(ctx, []string{iri})
	if err != nil {
		return nil, err
	}
	e, ok := m[iri]
	if !ok {
		return nil, fmt.Errorf("%w: entity %s", ErrNotFound, iri)
	}
	return e, nil
}

// EntitiesByIRI reads the entities with the given IRIs in one batched scan
// of the subject index, and their roles in a second. IRIs that are not
// entities are absent from the result.
func (s *Store) EntitiesByIRI(ctx context.Context, iris []string) (map[string]*Entity, error) {
	cat := s.catalog()
	out := make(map[string]*Entity, len(iris))
	var (
		read []*Entity
		reqs []scanReq
	)
	for _, iri := range iris {
		kind, ok := cat.kindOf(iri) // a withdrawn entity too: a retracted statement names it
		if !ok || out[iri] != nil {
			continue
		}
		e := &Entity{IRI: iri, Kind: kind}
		out[iri] = e
		read = append(read, e)
		reqs = append(reqs, scanReq{quad.Subject, quad.IRI(iri)})
	}
	r := newResolver(s)
	roles := map[string][]*Entity{} // role IRI → the people who hold it
	err := s.scan(ctx, r, reqs, predFilter{}, func(i int, q quad.Quad) error {
		if role := read[i].set(q); role != "" {
			roles[role] = append(roles[role], read[i])
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read %d entities: %w", len(reqs), err)
	}
	for _, e := range read {
		e.Aliases = cat.liveAliases(e.IRI, e.Aliases) // not those a retraction withdrew
		e.sort()
	}
	roleIRIs := sortedKeys(roles)
	rs, err := s.roles(ctx, r, roleIRIs)
	if err != nil {
		return nil, err
	}
	for i, iri := range roleIRIs {
		for _, e := range roles[iri] {
			e.Roles = append(e.Roles, rs[i])
		}
	}
	for _, e := range out {
		sort.Slice(e.Roles, func(i, j int) bool { return e.Roles[i].IRI < e.Roles[j].IRI })
		for _, r := range e.Roles {
			if r.Of != "" && !r.Former && !slices.Contains(e.AffiliatedWith, r.Of) {
				e.AffiliatedWith = append(e.AffiliatedWith, r.Of)
			}
		}
		sort.Strings(e.AffiliatedWith)
		e.AffiliatedWith = slices.Compact(e.AffiliatedWith)
	}
	return out, nil
}

// EntityHeaders returns the entities with the given IRIs with only their
// IRI, kind, name and (events) start date filled in, from the name index:
// no quad is read, so the cost is a map look-up per IRI at any size of
// graph. A query that asks an entity for nothing more (a list of holders by
// name) needs no more.
// IRIs that are not entities are absent from the result.
//
// On a shared database it fails when the index cannot be checked against
// the database, rather than answer from an index that may be stale.
func (s *Store) EntityHeaders(ctx context.Context, iris []string) (map[string]*Entity, error) {
	cat, err := s.checkedCatalog()
	if err != nil {
		return nil, err
	}
	out := make(map[string]*Entity, len(iris))
	for _, iri := range iris {
		if e, ok := cat.header(iri); ok {
			out[iri] = e
		}
	}
	return out, nil
}

// set records one quad of the entity's own; it returns the IRI of a role
// node to read, if q names one.
func (e *Entity) set(q quad.Quad) (role string) {
	obj := literal(q.Object)
	switch iriOf(q.Predicate) {
	case PredName:
		e.Name = obj
	case PredAlternateName:
		e.Aliases = append(e.Aliases, obj)
	case PredDescription:
		e.Description = obj
	case PredSameAs:
		e.SameAs = append(e.SameAs, obj)
	case PredRole:
		return obj
	case PredStartDate:
		e.Date = obj
	case PredDateText:
		e.DateText = obj
	case PredLocation:
		e.Location = obj
	case PredAttendee:
		e.attend(obj, Attended)
	case PredVirtualAttendee:
		e.attend(obj, Virtual)
	case PredExpectedAttendee:
		e.attend(obj, Expected)
	case PredAbout:
		e.About = append(e.About, obj)
	case PredEventStatus:
		e.Status = eventStatusOf[obj]
	case PredReported:
		e.Reported = obj == "true"
	case PredEvidence:
		e.Evidence = append(e.Evidence, obj)
	case PredNote:
		e.Note = obj
	case PredBroader:
		e.Broader = append(e.Broader, obj)
	case PredPartOf, PredRepresents, PredMemberOf:
		e.AffiliatedWith = append(e.AffiliatedWith, obj)
	case PredSeatOfGovernment:
		e.SeatOf = obj
	}
	return ""
}

// eventStatusOf maps the objects of [PredEventStatus] to event statuses.
var eventStatusOf = map[string]EventStatus{
	EventScheduled: Scheduled, EventHeld: Held, EventOngoing: Ongoing, EventFailed: Failed,
}

// attend records a participant of an event; Participants lists each once,
// whatever the modes.
func (e *Entity) attend(iri string, mode AttendanceMode) {
	e.Attendance = append(e.Attendance, Attendance{Participant: iri, Mode: mode})
	if !slices.Contains(e.Participants, iri) {
		e.Participants = append(e.Participants, iri)
	}
}

// sort puts the entity's lists in a stable order, since backends iterate in
// their own orders.
func (e *Entity) sort() {
	sort.Strings(e.Aliases)
	sort.Strings(e.SameAs)
	sort.Strings(e.Participants)
	sort.Strings(e.About)
	sort.Strings(e.Evidence)
	sort.Strings(e.Broader)
	sort.Slice(e.Attendance, func(i, j int) bool {
		a, b := e.Attendance[i], e.Attendance[j]
		if a.Participant != b.Participant {
			return a.Participant < b.Participant
		}
		return a.Mode < b.Mode
	})
}

// roles reads role nodes, in one batched scan.
func (s *Store) roles(ctx context.Context, r *resolver, iris []string) ([]Role, error) {
	out := make([]Role, len(iris))
	reqs := make([]scanReq, len(iris))
	for i, iri := range iris {
		out[i].IRI = iri
		reqs[i] = scanReq{quad.Subject, quad.IRI(iri)}
	}
	err := s.scan(ctx, r, reqs, predFilter{}, func(i int, q quad.Quad) error {
		switch iriOf(q.Predicate) {
		case PredTitle:
			out[i].Title = literal(q.Object)
			out[i].Source = iriOf(q.Label)
		case PredOf:
			out[i].Of = iriOf(q.Object)
		case PredFormer:
			out[i].Former = literal(q.Object) == "true"
		case PredNote:
			out[i].Note = literal(q.Object)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read %d roles: %w", len(iris), err)
	}
	return out, nil
}

// iriOf returns the IRI text of v, or "" when v is not an IRI.
func iriOf(v quad.Value) string {
	if iri, ok := v.(quad.IRI); ok {
		return string(iri)
	}
	return ""
}

// Entities returns a page of entities ordered by IRI.
func (s *Store) Entities(ctx context.Context, f EntityFilter) (EntityPage, error) {
	cat := s.catalog()
	iris := cat.all
	if f.Kind != "" {
		iris = cat.byKind[f.Kind]
	}
	first := f.First
	if first <= 0 {
		first = DefaultPageSize
	}
	start := 0
	if f.After != "" {
		start = sort.SearchStrings(iris, f.After)
		if start < len(iris) && iris[start] == f.After {
			start++
		}
	}
	end := min(start+first, len(iris))
	page := iris[start:end]
	m, err := s.EntitiesByIRI(ctx, page)
	if err != nil {
		return EntityPage{}, err
	}
	out := EntityPage{Total: len(iris), HasNext: end < len(iris), Entities: make([]*Entity, 0, len(page))}
	for _, iri := range page {
		if e := m[iri]; e != nil {
			out.Entities = append(out.Entities, e)
		}
	}
	if len(page) > 0 {
		out.EndCursor = page[len(page)-1]
	}
	return out, nil
}

// SubstringSearch returns up to first entities whose name or an alias
// contains text, ignoring case and accents, best matches first: exact,
// then prefix, then a word that starts with text, then anywhere. kinds,
// when not empty, limits the kinds returned. It was Parley's search before
// the text index ([Store.Search]); benchmarks compare the two.
func (s *Store) SubstringSearch(ctx context.Context, text string, kinds []Kind, first int) ([]*Entity, error) {
	needle := fold(text)
	if needle == "" {
		return nil, invalidf("search text is empty")
	}
	if first <= 0 {
		first = 20
	}
	cat := s.catalog()
	want := map[Kind]bool{}
	for _, k := range kinds {
		want[k] = true
	}
	type hit struct {
		iri  string
		rank int
	}
	var hits []hit
	for iri, names := range cat.folded {
		if len(want) > 0 && !want[cat.kinds[iri]] {
			continue
		}
		best := -1
		for _, n := range names {
			if r := matchRank(n, needle); r >= 0 && (best < 0 || r < best) {
				best = r
			}
		}
		if best >= 0 {
			hits = append(hits, hit{iri, best})
		}
	}
	sort.Slice(hits, func(i, j int) bool {
		if hits[i].rank != hits[j].rank {
			return hits[i].rank < hits[j].rank
		}
		ni, nj := cat.names[hits[i].iri], cat.names[hits[j].iri]
		if ni != nj {
			return ni < nj
		}
		return hits[i].iri < hits[j].iri
	})
	if len(hits) > first {
		hits = hits[:first]
	}
	iris := make([]string, len(hits))
	for i, h := range hits {
		iris[i] = h.iri
	}
	return s.ordered(ctx, iris)
}

// matchRank ranks how well the folded name n matches the folded needle:
// 0 exact, 1 prefix, 2 word prefix, 3 substring, -1 no match.
func matchRank(n, needle string) int {
	switch {
	case n == needle:
		return 0
	case strings.HasPrefix(n, needle):
		return 1
	case strings.Contains(n, " "+needle):
		return 2
	case strings.Contains(n, needle):
		return 3
	}
	return -1
}

// ordered reads the entities with the given IRIs and returns them in the
// same order, skipping any that are missing.
func (s *Store) ordered(ctx context.Context, iris []string) ([]*Entity, error) {
	m, err := s.EntitiesByIRI(ctx, iris)
	if err != nil {
		return nil, err
	}
	out := make([]*Entity, 0, len(iris))
	for _, iri := range iris {
		if e := m[iri]; e != nil {
			out = append(out, e)
		}
	}
	return out, nil
}
