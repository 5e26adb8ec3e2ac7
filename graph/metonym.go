package graph

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/cayleygraph/quad"
)

// Resolution records that an actor argument named a place that stands for
// a government (a metonym: "Washington" for the United States), and which
// actor the query used instead.
type Resolution struct {
	Argument     string // the argument, e.g. "holder"
	Name         string // the place's name
	Place        string // IRI of the place
	ResolvedTo   string // IRI of the actor
	ResolvedName string // the actor's name
	Via          string // the predicate followed: [PredSeatOfGovernment]
}

// ResolveActor returns the actor that iri stands for in an actor argument
// (arg names it, for the record): the actor whose seat of government the
// place iri is, or iri itself. A resolution is recorded in the request's
// cache (see [Resolutions]).
func (s *Store) ResolveActor(ctx context.Context, arg, iri string) (string, error) {
	cat := s.catalog()
	if cat.kinds[iri] != KindTerritory {
		return iri, nil // only places are seats of government
	}
	var seats []string
	err := s.scan(ctx, nil, []scanReq{{quad.Subject, quad.IRI(iri)}}, predFilter{keep: []string{PredSeatOfGovernment}},
		func(_ int, q quad.Quad) error {
			if o := iriOf(q.Object); o != "" {
				seats = append(seats, o)
			}
			return nil
		})
	if err != nil {
		return "", fmt.Errorf("%s: read the seat of government of %s: %w", arg, iri, err)
	}
	if len(seats) == 0 {
		return iri, nil
	}
	if len(seats) > 1 {
		return "", fmt.Errorf("%w: %s: %s is the seat of government of %d actors; name one of them", ErrAmbiguous, arg, cat.names[iri], len(seats))
	}
	requestCacheOf(ctx).resolved(Resolution{Argument: arg, Name: cat.names[iri], Place: iri,
		ResolvedTo: seats[0], ResolvedName: cat.names[seats[0]], Via: PredSeatOfGovernment})
	return seats[0], nil
}

// selector is a filter argument that names an entity, the hierarchy its
// closure follows, and the predicates that lead from the entities of that
// closure, through the object index, to the records sought.
type selector struct {
	arg, ref string
	h        Hierarchy // 0: the entity alone
	preds    []string
	kinds    []Kind // the kinds it may name; empty: any
}

// Kinds that filter arguments may name.
var (
	actorKinds = []Kind{KindPerson, KindState, KindInstitution}
	topicKinds = []Kind{KindTopic}
	placeKinds = []Kind{KindTerritory, KindState}
)

// checkKind fails with [ErrInvalid] when iri, the entity that argument arg
// names (after metonyms), is of none of the kinds it allows, saying what
// it names instead.
func (c *catalog) checkKind(arg, iri string, kinds []Kind) error {
	k, _ := c.kindOf(iri) // a withdrawn entity too, named by its IRI
	if len(kinds) == 0 || slices.Contains(kinds, k) {
		return nil
	}
	want := make([]string, len(kinds))
	for i, w := range kinds {
		want[i] = string(w)
	}
	msg := fmt.Sprintf("%s: %s is a %s, not a %s", arg, c.names[iri], k, strings.Join(want, " or "))
	if k == KindTerritory && slices.Contains(kinds, KindState) {
		msg += " (a place stands for a government only when it is its seat of government)"
	}
	return invalidf("%s", msg)
}

// selection holds, for each given argument, the entities a record may
// name for it.
type selection map[string]map[string]bool

// match reports whether one of iris is allowed for arg; an argument not
// given allows everything.
func (sel selection) match(arg string, iris ...string) bool {
	allowed, given := sel[arg]
	if !given {
		return true
	}
	for _, iri := range iris {
		if iri != "" && allowed[iri] {
			return true
		}
	}
	return false
}

// selectRecords resolves the filter arguments that name entities (an
// unknown name is an error naming its argument; a place that is a seat of
// government stands for its actor in an [Affiliates] argument), widens
// each to its closure unless direct, and returns the IRIs of the candidate
// records: those found from the first argument given, the most selective
// end, or every node of class when none is given.
func (s *Store) selectRecords(ctx context.Context, class string, direct bool, sels ...selector) ([]string, selection, error) {
	sel := selection{}
	var (
		from     []string
		fromPred []string
	)
	for _, st := range sels {
		if st.ref == "" {
			continue
		}
		iri, err := s.Resolve(ctx, st.ref)
		if err != nil {
			return nil, nil, fmt.Errorf("%s: %w", st.arg, err)
		}
		if st.h == Affiliates {
			if iri, err = s.ResolveActor(ctx, st.arg, iri); err != nil {
				return nil, nil, err
			}
		}
		if err := s.catalog().checkKind(st.arg, iri, st.kinds); err != nil {
			return nil, nil, err
		}
		set := []string{iri}
		if st.h != 0 && !direct {
			if set, err = s.Closure(ctx, st.h, iri); err != nil {
				return nil, nil, fmt.Errorf("%s: %w", st.arg, err)
			}
		}
		allowed := make(map[string]bool, len(set))
		for _, x := range set {
			allowed[x] = true
		}
		sel[st.arg] = allowed
		if from == nil {
			from, fromPred = set, st.preds
		}
	}
	if from == nil {
		iris, err := s.ofClass(ctx, class)
		return iris, sel, err
	}
	subj, err := s.subjectsLinking(ctx, fromPred, from)
	if err != nil {
		return nil, nil, err
	}
	var iris []string
	for _, ss := range subj {
		iris = append(iris, ss...)
	}
	return unique(iris), sel, nil
}
