package schema

import (
	"context"
	"fmt"
	"log/slog"
	"reflect"
	"testing"

	"github.com/parley-kg/parley/graph"
)

// TestNotFoundSuggestions: a graph NotFoundError's suggestions reach the
// GraphQL error as extensions.suggestions, whether an argument's
// resolution or the edge mapped it, and errors without any carry none.
func TestNotFoundSuggestions(t *testing.T) {
	sugg := []graph.Suggestion{{Name: "Steve Witkoff", Alias: "Witkoff", IRI: graph.IDBase + "steve-witkoff", Kind: graph.KindPerson}}
	nf := &graph.NotFoundError{Ref: "Witkof", Suggestions: sugg}
	m := errorMapper{log: slog.New(slog.DiscardHandler)}
	for _, tc := range []struct {
		name string
		err  error
		want any // nil: no suggestions extension
	}{
		{"argument", argError("name", "Witkof", nf), sugg},
		{"edge", m.gqlError(context.Background(), "entity", fmt.Errorf("read entity: %w", nf)), sugg},
		{"no suggestions", argError("name", "qqq", &graph.NotFoundError{Ref: "qqq"}), nil},
		{"plain not found", m.gqlError(context.Background(), "source", graph.ErrNotFound), nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ce, ok := tc.err.(*codedError)
			if !ok {
				t.Fatalf("%T, want a coded error", tc.err)
			}
			ext := ce.Extensions()
			if ext["code"] != CodeNotFound {
				t.Errorf("code %v, want %s", ext["code"], CodeNotFound)
			}
			got, has := ext["suggestions"]
			if tc.want == nil {
				if has {
					t.Errorf("suggestions %v, want none", got)
				}
				return
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("suggestions %v, want %v", got, tc.want)
			}
		})
	}
}
