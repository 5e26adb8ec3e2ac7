package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"

	"github.com/parley-kg/parley/graph"
	"github.com/parley-kg/parley/schema"
)

// Query languages of "parley query" beyond Cayley's own.
const (
	// langGraphQL runs Parley's GraphQL schema, the one /graphql serves.
	langGraphQL = "graphql"
	// langCayleyGraphQL runs Cayley's GraphQL dialect, which the graph
	// calls "graphql" (and /api/v1/query/graphql serves).
	langCayleyGraphQL = "cayley-graphql"
)

// queryLanguages lists the values of "parley query --lang".
func queryLanguages() []string {
	var out []string
	for _, l := range graph.QueryLanguages() {
		if l == langGraphQL {
			l = langCayleyGraphQL
		}
		out = append(out, l)
	}
	return append(out, langGraphQL)
}

// runGraphQL runs text against Parley's GraphQL schema over s, through the
// same handler /graphql serves, and writes the response (data, errors and
// extensions) to w. It fails when the response has errors, so that the
// command exits non-zero.
func runGraphQL(ctx context.Context, s *graph.Store, log *slog.Logger, text, variables string, w io.Writer) error {
	sch, err := schema.New(s, schema.Options{Logger: log})
	if err != nil {
		return fmt.Errorf("build GraphQL schema: %w", err)
	}
	req := map[string]any{"query": text}
	if variables != "" {
		var vars map[string]any
		if err := json.Unmarshal([]byte(variables), &vars); err != nil {
			return usagef("query: --variables must be a JSON object: %v", err)
		}
		req["variables"] = vars
	}
	body, err := json.Marshal(req)
	if err != nil {
		return fmt.Errorf("encode GraphQL request: %w", err)
	}
	r := httptest.NewRequestWithContext(ctx, http.MethodPost, "/graphql", bytes.NewReader(body))
	r.Header.Set("Content-Type", "application/json")
	rec := httptest.NewRecorder()
	// The command prints the errors itself: the handler's log line
	// about them would only repeat them.
	schema.Handler(sch, schema.HandlerOptions{Logger: slog.New(slog.DiscardHandler)}).ServeHTTP(rec, r)
	var resp struct {
		Errors []struct {
			Message string `json:"message"`
		} `json:"errors"`
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &resp); err != nil {
		return fmt.Errorf("read GraphQL response (status %d): %w", rec.Code, err)
	}
	var out bytes.Buffer
	if err := json.Indent(&out, rec.Body.Bytes(), "", "  "); err != nil {
		return fmt.Errorf("format GraphQL response: %w", err)
	}
	out.WriteByte('\n')
	if _, err := w.Write(out.Bytes()); err != nil {
		return err
	}
	switch n := len(resp.Errors); {
	case n == 1:
		return fmt.Errorf("query: GraphQL error: %s", resp.Errors[0].Message)
	case n > 1:
		return fmt.Errorf("query: %d GraphQL errors, the first: %s", n, resp.Errors[0].Message)
	case rec.Code != http.StatusOK:
		return fmt.Errorf("query: GraphQL request failed with status %d", rec.Code)
	}
	return nil
}
