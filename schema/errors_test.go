package schema_test

import (
	"bytes"
	"errors"
	"log/slog"
	"strings"
	"testing"

	"github.com/parley-kg/parley/graph"
	"github.com/parley-kg/parley/schema"
)

// errorWorld is a fake graph with two entities that share an alias.
func errorWorld() *fakeGraph {
	f := handlerWorld()
	f.add(graph.KindPerson, "Jared Kushner", "Kushner", "JK")
	f.add(graph.KindInstitution, "Joint Kommission", "JK")
	return f
}

func TestErrors(t *testing.T) {
	s := mustSchema(t, errorWorld())
	tests := []struct {
		name, query string
		code        string
		msg         string // a substring of the message
	}{
		{"UnknownHolder", `{ positions(holder: "Atlantis") { id } }`, schema.CodeNotFound, `unknown entity "Atlantis" (argument holder)`},
		{"UnknownTopic", `{ positions(topic: "Atlantis") { id } }`, schema.CodeNotFound, `unknown entity "Atlantis" (argument topic)`},
		{"UnknownParticipant", `{ events(participant: "Atlantis") { id } }`, schema.CodeNotFound, `(argument participant)`},
		{"UnknownLocation", `{ events(location: "Atlantis") { id } }`, schema.CodeNotFound, `(argument location)`},
		{"UnknownAbout", `{ claims(about: "Atlantis") { id } }`, schema.CodeNotFound, `(argument about)`},
		{"UnknownClaimant", `{ claims(claimant: "Atlantis") { id } }`, schema.CodeNotFound, `(argument claimant)`},
		{"UnknownTimelineEntity", `{ timeline(entity: "Atlantis") { id } }`, schema.CodeNotFound, `(argument entity)`},
		{"UnknownConnectionFrom", `{ connection(from: "Atlantis", to: "Kushner") { predicate } }`, schema.CodeNotFound, `(argument from)`},
		{"UnknownConnectionTo", `{ connection(from: "Kushner", to: "Atlantis") { predicate } }`, schema.CodeNotFound, `(argument to)`},
		{"UnknownEntityName", `{ entity(name: "Atlantis") { id } }`, schema.CodeNotFound, `unknown entity "Atlantis" (argument name)`},
		{"UnknownEntityID", `{ entity(id: "https://example.org/atlantis") { id } }`, schema.CodeNotFound, `(argument id)`},
		{"UnknownSource", `{ source(id: "https://example.org/p1") { title } }`, schema.CodeNotFound, `unknown source`},
		{"AmbiguousName", `{ entity(name: "jk") { id } }`, schema.CodeBadUserInput, `ambiguous entity "jk"`},
		{"AmbiguousHolder", `{ positions(holder: "JK") { id } }`, schema.CodeBadUserInput, `(argument holder)`},
		{"EntityNeitherIDNorName", `{ entity { id } }`, schema.CodeBadUserInput, `give id or name`},
		{"EntityBothIDAndName", `{ entity(id: "x", name: "y") { id } }`, schema.CodeBadUserInput, `not both`},
		{"SearchEmptyText", `{ search(text: "  ") { id } }`, schema.CodeBadUserInput, `argument text`},
		{"SearchNegativeFirst", `{ search(text: "a", first: -1) { id } }`, schema.CodeBadUserInput, `argument first must be between 0 and 500, got -1`},
		{"EntitiesFirstAboveCap", `{ entities(first: 501) { totalCount } }`, schema.CodeBadUserInput, `argument first`},
		{"QuadsFirstAboveCap", `{ quads(first: 100000) { subject } }`, schema.CodeBadUserInput, `argument first`},
		{"MaxHopsZero", `{ connection(from: "Kushner", to: "Witkoff", maxHops: 0) { predicate } }`, schema.CodeBadUserInput, `argument maxHops must be between 1 and 8`},
		{"MaxHopsNine", `{ connection(from: "Kushner", to: "Witkoff", maxHops: 9) { predicate } }`, schema.CodeBadUserInput, `argument maxHops`},
		{"EventsBadDate", `{ events(from: "last Tuesday") { id } }`, schema.CodeBadUserInput, `argument from`},
		{"EventsFromAfterTo", `{ events(from: "2025-12", to: "2025-01") { id } }`, schema.CodeBadUserInput, `after argument to`},
		{"QuadsMalformedTerm", `{ quads(subject: "<https://w3id.org/parley/id/x") { subject } }`, schema.CodeBadUserInput, `unterminated IRI`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := run(t, s, tc.query, nil)
			if len(r.Errors) != 1 {
				t.Fatalf("%d errors (%s), want 1", len(r.Errors), r.messages())
			}
			if got := r.codes()[0]; got != tc.code {
				t.Errorf("code=%q, want %q (%s)", got, tc.code, r.messages())
			}
			if got := r.Errors[0].Message; !strings.Contains(got, tc.msg) {
				t.Errorf("message=%q, want it to contain %q", got, tc.msg)
			}
		})
	}
}

// TestDateRanges checks that date prefixes compare as ranges: "2025"
// runs to the end of the year, so it is not before "2025-06".
func TestDateRanges(t *testing.T) {
	s := mustSchema(t, errorWorld())
	for _, q := range []string{
		`{ events(from: "2025-06", to: "2025") { id } }`,
		`{ events(from: "2025", to: "2025-06-30") { id } }`,
		`{ events(from: "2022-02-24") { id } }`,
	} {
		if r := run(t, s, q, nil); len(r.Errors) > 0 {
			t.Errorf("%s: %s", q, r.messages())
		}
	}
}

// TestZeroFirst checks that first: 0 is an empty answer, not an error.
func TestZeroFirst(t *testing.T) {
	r := run(t, mustSchema(t, errorWorld()), `{ search(text: "k", first: 0) { id } quads(first: 0) { subject } entities(first: 0) { nodes { id } totalCount pageInfo { hasNextPage } } }`, nil)
	if len(r.Errors) > 0 {
		t.Fatalf("errors: %s", r.messages())
	}
	if got := path(r.Data, "search"); len(got.([]any)) != 0 {
		t.Errorf("search=%v, want []", got)
	}
	if got := path(r.Data, "entities", "totalCount"); got != float64(4) {
		t.Errorf("totalCount=%v, want 4", got)
	}
	if got := path(r.Data, "entities", "pageInfo", "hasNextPage"); got != true {
		t.Errorf("hasNextPage=%v, want true", got)
	}
}

// TestInternalErrors checks that store failures and panics reach clients as
// "internal error" only, and the log gets the real error, once per request.
func TestInternalErrors(t *testing.T) {
	for _, tc := range []struct {
		name  string
		setup func(*fakeGraph)
		inLog string
	}{
		{"StoreError", func(f *fakeGraph) { f.fail = errors.New("disk on fire") }, "disk on fire"},
		{"Panic", func(f *fakeGraph) { f.panics = true }, "boom"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := fakeWorld(20)
			var buf bytes.Buffer
			s, err := schema.New(f, schema.Options{Logger: slog.New(slog.NewTextHandler(&buf, nil))})
			if err != nil {
				t.Fatal(err)
			}
			tc.setup(f)
			r := run(t, s, `{ topics { name } search(text: "Person") { name } }`, nil)
			if len(r.Errors) == 0 {
				t.Fatal("no errors")
			}
			for i, e := range r.Errors {
				if e.Message != "internal error" || r.codes()[i] != schema.CodeInternal {
					t.Errorf("error %q code %q, want \"internal error\" code %s", e.Message, r.codes()[i], schema.CodeInternal)
				}
			}
			if !strings.Contains(buf.String(), tc.inLog) {
				t.Errorf("log %q does not contain %q", buf.String(), tc.inLog)
			}
			if got := strings.Count(buf.String(), "\n"); got != 1 {
				t.Errorf("%d log lines for one request, want 1: %s", got, buf.String())
			}
		})
	}
}
