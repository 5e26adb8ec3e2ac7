package graph

import (
	"context"
	"regexp"
	"slices"
	"sort"
)

// Events returns the events that match f: dated events oldest first, then
// undated ones by name. A participant answers for itself and its
// affiliates (as attendee, virtual or expected), unless f.Direct; a seat of
// government stands for its government (see [Store.Positions]).
func (s *Store) Events(ctx context.Context, f EventFilter) ([]*Entity, error) {
	lo, hi, err := dateRange(f.From, f.To)
	if err != nil {
		return nil, err
	}
	cat := s.catalog()
	candidates := cat.byKind[KindEvent]
	for _, c := range []selector{
		{"participant", f.Participant, Affiliates, attendancePreds, actorKinds},
		{"location", f.Location, 0, []string{PredLocation}, placeKinds},
	} {
		if c.ref == "" {
			continue
		}
		iris, _, err := s.selectRecords(ctx, ClassEvent, f.Direct, c)
		if err != nil {
			return nil, err
		}
		slices.Sort(iris)
		candidates = intersect(candidates, iris)
	}
	events, err := s.ordered(ctx, candidates)
	if err != nil {
		return nil, err
	}
	gone, err := s.retracted(ctx)
	if err != nil {
		return nil, err
	}
	out := []*Entity{}
	for _, e := range events {
		if r := gone[e.IRI]; r != nil {
			if !f.IncludeRetracted {
				continue
			}
			withdrawn := *e // e may be shared with the entity cache
			withdrawn.Retraction = r
			e = &withdrawn
		}
		if e.Kind == KindEvent && inRange(e.Date, lo, hi) {
			out = append(out, e)
		}
	}
	sortEvents(out)
	return out, nil
}

// attendancePreds link an event to its participants, in the order of the
// attendance modes they mean.
var attendancePreds = []string{PredAttendee, PredVirtualAttendee, PredExpectedAttendee}

// Timeline returns the dated events that entity (an IRI, name or alias)
// took part in, happened at, or is the subject of, oldest first; every dated
// event when entity is empty.
func (s *Store) Timeline(ctx context.Context, entity string) ([]*Entity, error) {
	heads, err := s.TimelineHeaders(ctx, entity)
	if err != nil {
		return nil, err
	}
	iris := make([]string, len(heads))
	for i, h := range heads {
		iris[i] = h.IRI
	}
	events, err := s.ordered(ctx, iris)
	if err != nil {
		return nil, err
	}
	out := []*Entity{}
	for _, e := range events {
		if e.Date != "" {
			out = append(out, e)
		}
	}
	sortEvents(out)
	return out, nil
}

// TimelineHeaders is [Store.Timeline] with each event as a header (see
// [Store.EntityHeaders]): its IRI, kind, name and date, from the name
// index, without reading the events' quads.
func (s *Store) TimelineHeaders(ctx context.Context, entity string) ([]*Entity, error) {
	cat, err := s.checkedCatalog()
	if err != nil {
		return nil, err
	}
	candidates := cat.byKind[KindEvent]
	if entity != "" {
		iri, err := cat.resolve(entity)
		if err != nil {
			return nil, err
		}
		linked, err := s.subjectsOfAny(ctx, append(slices.Clone(attendancePreds), PredLocation, PredAbout), []string{iri})
		if err != nil {
			return nil, err
		}
		candidates = intersect(candidates, linked[0])
	}
	out := []*Entity{}
	for _, iri := range candidates {
		if e, ok := cat.header(iri); ok && e.Date != "" {
			out = append(out, e)
		}
	}
	sortEvents(out)
	return out, nil
}

func sortEvents(events []*Entity) {
	sort.SliceStable(events, func(i, j int) bool {
		a, b := events[i], events[j]
		if (a.Date == "") != (b.Date == "") {
			return a.Date != ""
		}
		if a.Date != b.Date {
			return a.Date < b.Date
		}
		return a.Name < b.Name
	})
}

// intersect returns the members of sorted (in ascending order) that are
// also in other, in the order of sorted. It costs in the size of the smaller
// of the two: a graph's events are many, one entity's links few.
func intersect(sorted, other []string) []string {
	var out []string
	if len(other) < len(sorted) {
		in := make(map[string]bool, len(other))
		for _, o := range other {
			if i, found := slices.BinarySearch(sorted, o); found && !in[o] {
				in[o] = true
				out = append(out, sorted[i])
			}
		}
		slices.Sort(out)
		return out
	}
	in := make(map[string]bool, len(other))
	for _, o := range other {
		in[o] = true
	}
	for _, s := range sorted {
		if in[s] {
			out = append(out, s)
		}
	}
	return out
}

var isoDate = regexp.MustCompile(`^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$`)

// dateRange turns From and To (ISO 8601 dates, or year or month prefixes)
// into the first and last day they cover. Empty means unbounded.
func dateRange(from, to string) (lo, hi string, err error) {
	for _, d := range []struct{ name, v string }{{"from", from}, {"to", to}} {
		if d.v != "" && !isoDate.MatchString(d.v) {
			return "", "", invalidf("%s: %q is not a date: want YYYY, YYYY-MM or YYYY-MM-DD", d.name, d.v)
		}
	}
	if from != "" {
		lo = spanStart(from)
	}
	if to != "" {
		hi = spanEnd(to)
	}
	return lo, hi, nil
}

// inRange reports whether an event dated date (possibly partial, as
// "2014") overlaps [lo, hi]. An undated event matches only an open range.
func inRange(date, lo, hi string) bool {
	if lo == "" && hi == "" {
		return true
	}
	if date == "" || !isoDate.MatchString(date) {
		return false
	}
	return (lo == "" || spanEnd(date) >= lo) && (hi == "" || spanStart(date) <= hi)
}

func spanStart(d string) string { return d + "-01-01"[len(d)-4:] }
func spanEnd(d string) string   { return d + "-12-31"[len(d)-4:] }
