package schema_test

import (
	"encoding/json"
	"log/slog"
	"strings"
	"testing"

	"github.com/parley-kg/parley/schema"
)

// TestEnumErrorsListValues checks that a wrong enum value in an argument
// is refused with the type's valid values, so that SUPPORT for SUPPORTS is
// one reading away from the fix.
func TestEnumErrorsListValues(t *testing.T) {
	h := schema.Handler(seedSchema(t), schema.HandlerOptions{Logger: slog.New(slog.DiscardHandler)})
	ask := func(query string) (msgs []string) {
		var r result
		if err := json.Unmarshal(do(h, post(gqlBody(query), "")).Body.Bytes(), &r); err != nil {
			t.Fatalf("%s: %v", query, err)
		}
		for _, e := range r.Errors {
			msgs = append(msgs, e.Message)
		}
		return msgs
	}
	for _, tt := range []struct {
		query string
		want  []string
	}{
		{`{ positions(stance: SUPPORT) { summary } }`, []string{`"Stance"`, "SUPPORTS", "DEMANDS_SAY", "NEUTRAL"}},
		{`{ positions(outlook: HOPEFUL) { summary } }`, []string{`"Outlook"`, "OPTIMISTIC", "SKEPTICAL"}},
		{`{ claims(status: FALSE) { summary } }`, []string{`"ClaimStatus"`, "DISPUTED", "CONFIRMED"}},
	} {
		msgs := ask(tt.query)
		if len(msgs) == 0 {
			t.Errorf("%s: no error", tt.query)
			continue
		}
		msg := msgs[0]
		for _, w := range append(tt.want, "Valid values:") {
			if !strings.Contains(msg, w) {
				t.Errorf("%s: error %q lacks %q", tt.query, msg, w)
			}
		}
	}
	// A string argument given a wrong value is not an enum: no values to list.
	if msgs := ask(`{ positions(topic: 3) { summary } }`); len(msgs) == 0 || strings.Contains(msgs[0], "Valid values") {
		t.Errorf("positions(topic: 3): %v; want an error without enum values", msgs)
	}
}
