package schema_test

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"strings"
	"testing"

	"github.com/parley-kg/parley/graph"
	"github.com/parley-kg/parley/schema"
)

// The store is what cmd/parley serves: it must satisfy the schema's Graph.
var (
	_ schema.Graph  = (*graph.Store)(nil)
	_ schema.Writer = (*graph.Store)(nil)
)

// mustSchema builds the schema over g, failing the test on error.
func mustSchema(tb testing.TB, g schema.Graph) *schema.Schema {
	tb.Helper()
	s, err := schema.New(g, schema.Options{Logger: slog.New(slog.DiscardHandler), Writer: noWrites{}})
	if err != nil {
		tb.Fatalf("New: %v", err)
	}
	return s
}

// noWrites is a [schema.Writer] that refuses everything, so that the
// schemas tests build have their Mutation root, as the server's does.
type noWrites struct{}

func (noWrites) AddQuads(context.Context, graph.Change, string, io.Reader) (graph.WriteResult, error) {
	return graph.WriteResult{}, errors.New("no writes in this test")
}

func (noWrites) RemoveQuads(context.Context, graph.Change, string, io.Reader) (graph.WriteResult, error) {
	return graph.WriteResult{}, errors.New("no writes in this test")
}

// result is a GraphQL response decoded from JSON, so that tests read it as
// a client would.
type result struct {
	Data   map[string]any `json:"data"`
	Errors []struct {
		Message    string         `json:"message"`
		Path       []any          `json:"path"`
		Extensions map[string]any `json:"extensions"`
	} `json:"errors"`
}

// codes returns the extensions.code of each error.
func (r result) codes() []string {
	var out []string
	for _, e := range r.Errors {
		c, _ := e.Extensions["code"].(string)
		out = append(out, c)
	}
	return out
}

// messages returns the errors' messages, joined, for failure output.
func (r result) messages() string {
	var out []string
	for _, e := range r.Errors {
		out = append(out, e.Message)
	}
	return strings.Join(out, "; ")
}

// run executes query against s as the handler does (without HTTP and its
// limits), and decodes the result through JSON.
func run(tb testing.TB, s *schema.Schema, query string, vars map[string]any) result {
	tb.Helper()
	res := schema.Execute(context.Background(), s, query, vars)
	b, err := json.Marshal(res)
	if err != nil {
		tb.Fatalf("marshal result: %v", err)
	}
	var r result
	if err := json.Unmarshal(b, &r); err != nil {
		tb.Fatalf("unmarshal result %s: %v", b, err)
	}
	return r
}

// path walks a decoded JSON value by map keys and list indexes.
func path(v any, keys ...any) any {
	for _, k := range keys {
		switch k := k.(type) {
		case string:
			m, _ := v.(map[string]any)
			v = m[k]
		case int:
			l, _ := v.([]any)
			if k >= len(l) {
				return nil
			}
			v = l[k]
		}
	}
	return v
}

// strings returns the string at key of each object in list.
func stringsAt(list any, keys ...any) []string {
	l, _ := list.([]any)
	var out []string
	for _, item := range l {
		if s, ok := path(item, keys...).(string); ok {
			out = append(out, s)
		}
	}
	return out
}

func TestNew(t *testing.T) {
	t.Run("NilGraph", func(t *testing.T) {
		if _, err := schema.New(nil, schema.Options{}); err == nil {
			t.Fatal("New(nil) succeeded, want an error")
		}
	})
	t.Run("TypeName", func(t *testing.T) {
		r := run(t, mustSchema(t, newFakeGraph()), `{ __typename }`, nil)
		if got, want := path(r.Data, "__typename"), "Query"; got != want {
			t.Fatalf("__typename=%v, want %v", got, want)
		}
	})
}
