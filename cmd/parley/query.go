package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/parley-kg/parley/graph"
)

// runQuery implements "parley query --lang gizmo|mql|graphql|cayley-graphql 'QUERY'".
func runQuery(ctx context.Context, args []string, e env) error {
	var cfg storeConfig
	fs := newFlagSet("query", "query [flags] QUERY   (QUERY \"-\" reads standard input)", `  parley query 'g.V("<https://w3id.org/parley/id/pokrovsk>").out("<https://schema.org/alternateName>").all()'
  parley query --lang mql '[{"id": null, "<https://schema.org/name>": "Moscow"}]'
  parley query --limit 1000 - < script.js
  parley query --lang graphql '{ positions(topic: "peace plan") { holder { name } stance } }'
`, e.stderr)
	addStoreFlags(fs, &cfg, e.getenv)
	lang := fs.String("lang", "gizmo", "query language: "+strings.Join(queryLanguages(), ", ")+
		"\n(graphql is Parley's schema, as /graphql serves it; cayley-graphql is Cayley's dialect)")
	variables := fs.String("variables", "", "GraphQL variables, a JSON object (--lang graphql)")
	limit := fs.Int("limit", graph.DefaultQueryLimit, fmt.Sprintf("maximum number of results (1 to %d)", graph.MaxQueryLimit))
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return usagef("query: give exactly one query (quote it), or - to read it from standard input; got %d arguments", fs.NArg())
	}
	text := fs.Arg(0)
	if text == "-" {
		b, err := io.ReadAll(io.LimitReader(e.stdin, 1<<20))
		if err != nil {
			return fmt.Errorf("read query: %w", err)
		}
		text = string(b)
	}
	if !slices.Contains(queryLanguages(), *lang) {
		return usagef("query: unknown --lang %q; choose one of %s", *lang, strings.Join(queryLanguages(), ", "))
	}
	log := newLogger(cfg, e.stderr)
	s, err := openStore(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer s.Close()
	switch *lang {
	case langGraphQL:
		return runGraphQL(ctx, s, log, text, *variables, e.stdout)
	case langCayleyGraphQL:
		*lang = "graphql"
	}
	res, err := s.Query(ctx, *lang, text, *limit)
	if err != nil {
		return err
	}
	enc := json.NewEncoder(e.stdout)
	enc.SetIndent("", "  ")
	out := map[string]any{"result": res.Results}
	if len(res.Warnings) > 0 {
		out["warnings"] = res.Warnings
	}
	if err := enc.Encode(out); err != nil {
		return err
	}
	for _, w := range res.Warnings {
		fmt.Fprintln(e.stderr, "parley: warning:", w)
	}
	if res.Truncated {
		fmt.Fprintf(e.stderr, "parley: results cut at --limit %d; raise it to see more\n", res.Limit)
	}
	return nil
}
