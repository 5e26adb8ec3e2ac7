package graph_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/parley-kg/parley/graph"
	"github.com/parley-kg/parley/seed"
)

// TestNoSilentEmpties: arguments that could only answer nothing (a name of
// the wrong kind, an unknown predicate) are invalid input saying why,
// while a seat of government in an actor argument still stands for its
// government.
func TestNoSilentEmpties(t *testing.T) {
	ctx := context.Background()
	s := mustFixture(t, testBackends(t)[0])
	for _, tc := range []struct {
		name string
		run  func() error
		want string // "" means no error
	}{
		{"person as topic", func() error {
			_, err := s.Positions(ctx, graph.PositionFilter{Topic: "Dmitry Peskov"})
			return err
		}, "topic: Dmitry Peskov is a PERSON, not a TOPIC"},
		{"topic as holder", func() error {
			_, err := s.Positions(ctx, graph.PositionFilter{Holder: "Peace plan"})
			return err
		}, "holder: Peace plan is a TOPIC, not a PERSON or STATE or INSTITUTION"},
		{"topic as participant", func() error {
			_, err := s.Events(ctx, graph.EventFilter{Participant: "NATO membership"})
			return err
		}, "participant: NATO membership is a TOPIC, not a PERSON or STATE or INSTITUTION"},
		{"place without a seat as claimant", func() error {
			_, err := s.Claims(ctx, graph.ClaimFilter{Claimant: "Crimea"})
			return err
		}, "claimant: Crimea is a TERRITORY, not a PERSON or STATE or INSTITUTION (a place stands for a government only when it is its seat of government)"},
		{"person as location", func() error {
			_, err := s.Events(ctx, graph.EventFilter{Location: "Vladimir Putin"})
			return err
		}, "location: Vladimir Putin is a PERSON, not a TERRITORY or STATE"},
		{"seat of government as holder", func() error {
			_, err := s.Positions(ctx, graph.PositionFilter{Holder: "Washington"})
			return err
		}, ""},
		{"topic as topic", func() error {
			_, err := s.Positions(ctx, graph.PositionFilter{Topic: "Donbas"})
			return err
		}, ""},
		{"unknown predicate", func() error {
			_, err := s.Relations(ctx, []string{fx("putin")}, graph.RelationFilter{Predicate: "zzz"})
			return err
		}, `unknown predicate "zzz"; the vocabulary's predicates are `},
		{"misspelt predicate", func() error {
			_, err := s.Relations(ctx, []string{fx("putin")}, graph.RelationFilter{Predicate: "partof"})
			return err
		}, `unknown predicate "partof"; did you mean partOf?`},
		{"known local name", func() error {
			_, err := s.Relations(ctx, []string{fx("putin")}, graph.RelationFilter{Predicate: "role"})
			return err
		}, ""},
		{"known IRI in brackets", func() error {
			_, err := s.Relations(ctx, []string{fx("putin")}, graph.RelationFilter{Predicate: "<" + graph.PredRole + ">"})
			return err
		}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.run()
			if tc.want == "" {
				if err != nil {
					t.Fatalf("unexpected error: %v", err)
				}
				return
			}
			if !errors.Is(err, graph.ErrInvalid) {
				t.Fatalf("error %v, want one wrapping ErrInvalid", err)
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %q does not say %q", err, tc.want)
			}
		})
	}
}

// TestNotFoundSuggestions: a name that matches nothing is a NotFoundError
// carrying the nearest names and aliases, with their kinds.
func TestNotFoundSuggestions(t *testing.T) {
	ctx := context.Background()
	s := mustFixture(t, testBackends(t)[0])
	for _, tc := range []struct {
		ref  string
		want []graph.Suggestion // the first suggestions, in order
		msg  string
	}{
		{"Vladimir Putn", []graph.Suggestion{{Name: "Vladimir Putin", IRI: fx("putin"), Kind: graph.KindPerson}},
			`not found: no entity is named "Vladimir Putn"; did you mean Vladimir Putin (PERSON)?`},
		{"Peskow", []graph.Suggestion{{Name: "Dmitry Peskov", IRI: fx("peskov"), Kind: graph.KindPerson}}, ""},
		{"kreml", []graph.Suggestion{{Name: "Kremlin", IRI: fx("kremlin"), Kind: graph.KindInstitution}}, ""},
		{"Donbass", []graph.Suggestion{{Name: "Donbas", IRI: fx("topic/donbas"), Kind: graph.KindTopic}}, ""},
		{"qqqqqqqq", nil, `not found: no entity is named "qqqqqqqq"`},
		{graph.IDBase + "putn", nil, `not found: no entity is named "https://w3id.org/parley/id/putn"`}, // IRIs get no suggestions
	} {
		t.Run(tc.ref, func(t *testing.T) {
			_, err := s.Entity(ctx, tc.ref)
			var nf *graph.NotFoundError
			if !errors.As(err, &nf) || !errors.Is(err, graph.ErrNotFound) {
				t.Fatalf("error %v, want a NotFoundError", err)
			}
			if len(nf.Suggestions) < len(tc.want) {
				t.Fatalf("suggestions %v, want at least %v", nf.Suggestions, tc.want)
			}
			for i, w := range tc.want {
				if nf.Suggestions[i] != w {
					t.Errorf("suggestion %d = %+v, want %+v", i, nf.Suggestions[i], w)
				}
			}
			if tc.want == nil && len(nf.Suggestions) != 0 {
				t.Errorf("suggestions %v for a name near nothing", nf.Suggestions)
			}
			if tc.msg != "" && err.Error() != tc.msg {
				t.Errorf("message %q, want %q", err, tc.msg)
			}
		})
	}
}

// TestNotFoundSuggestsAliases: in the article's graph, a misspelt surname
// suggests the alias it is near, with the entity it names.
func TestNotFoundSuggestsAliases(t *testing.T) {
	ctx := context.Background()
	s := mustOpen(t, graph.Config{Backend: graph.BackendMemory})
	if _, err := s.LoadFS(ctx, seed.FS); err != nil {
		t.Fatal(err)
	}
	_, err := s.Entity(ctx, "Witkof")
	var nf *graph.NotFoundError
	if !errors.As(err, &nf) || len(nf.Suggestions) == 0 {
		t.Fatalf("error %v, want a NotFoundError with suggestions", err)
	}
	want := graph.Suggestion{Name: "Steve Witkoff", Alias: "Witkoff", IRI: fx("steve-witkoff"), Kind: graph.KindPerson}
	if nf.Suggestions[0] != want {
		t.Errorf("first suggestion %+v, want %+v", nf.Suggestions[0], want)
	}
}

func TestNearest(t *testing.T) {
	cmds := []string{"serve", "load", "query", "export", "check", "gen"}
	for _, tc := range []struct {
		word       string
		candidates []string
		want       []string
	}{
		{"sevre", cmds, []string{"serve"}},
		{"exprot", cmds, []string{"export"}},
		{"QUERY", cmds, []string{"query"}},
		{"exp", cmds, []string{"export"}},
		{"frobnicate", cmds, []string{}},
		{"fromat", []string{"format", "from", "store"}, []string{"format", "from"}},
	} {
		if got := graph.Nearest(tc.word, tc.candidates); !slices.Equal(got, tc.want) {
			t.Errorf("Nearest(%q) = %q, want %q", tc.word, got, tc.want)
		}
	}
}
