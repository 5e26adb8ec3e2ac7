package schema

import (
	"regexp"
	"strings"

	"github.com/graphql-go/graphql"
)

// args reads and checks the arguments of one field. Its methods return
// coded errors that name the argument, so that a user knows what to fix.
type args struct {
	p graphql.ResolveParams
}

// str returns the string argument name, trimmed; "" when absent.
func (a args) str(name string) string {
	s, _ := a.p.Args[name].(string)
	return strings.TrimSpace(s)
}

// entity resolves the argument name, an id, name or alias, to an IRI;
// with includeRetracted, names that only withdrawn statements give count
// too. An absent or empty argument gives "" and no error; one that names
// nothing gives NOT_FOUND, and one that names several entities
// BAD_USER_INPUT.
func (a args) entity(g Graph, name string) (string, error) {
	ref := a.str(name)
	if ref == "" {
		return "", nil
	}
	resolve := g.Resolve
	if withdrawn, _ := a.p.Args["includeRetracted"].(bool); withdrawn {
		// What a retraction withdrew is asked for: so are the names that
		// only withdrawn statements give.
		resolve = g.ResolveRetracted
	}
	iri, err := resolve(a.p.Context, ref)
	if err != nil {
		return "", argError(name, ref, err)
	}
	return iri, nil
}

// ref pairs an entity-naming argument with the filter field its IRI goes to.
type ref struct {
	arg string
	iri *string
}

// entities resolves each argument of refs with [args.entity], in order,
// and stops at the first error.
func (a args) entities(g Graph, refs ...ref) error {
	for _, r := range refs {
		iri, err := a.entity(g, r.arg)
		if err != nil {
			return err
		}
		*r.iri = iri
	}
	return nil
}

// requiredEntity is [args.entity] for a non-null argument: empty is an error.
func (a args) requiredEntity(g Graph, name string) (string, error) {
	if a.str(name) == "" {
		return "", badInput("argument %s must not be empty", name)
	}
	return a.entity(g, name)
}

// intIn returns the Int argument name (its default applies when absent),
// or BAD_USER_INPUT when it lies outside [lo, hi].
func (a args) intIn(name string, lo, hi int) (int, error) {
	n, _ := a.p.Args[name].(int)
	if n < lo || n > hi {
		return 0, badInput("argument %s must be between %d and %d, got %d", name, lo, hi, n)
	}
	return n, nil
}

// isoDate matches the date prefixes that event filters take: a year, a
// month or a day.
var isoDate = regexp.MustCompile(`^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$`)

// date returns the date argument name: empty, or an ISO 8601 date or a
// prefix of one ("2025", "2025-11", "2025-11-30").
func (a args) date(name string) (string, error) {
	d := a.str(name)
	if d != "" && !isoDate.MatchString(d) {
		return "", badInput("argument %s must be an ISO 8601 date or a prefix of one (2025, 2025-11, 2025-11-30), got %q", name, d)
	}
	return d, nil
}
