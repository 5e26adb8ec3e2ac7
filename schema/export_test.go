package schema

import (
	"context"

	"github.com/graphql-go/graphql"
	"github.com/graphql-go/graphql/gqlerrors"
	"github.com/graphql-go/graphql/language/ast"
)

// NewDocCache exposes the handler's document cache to the external tests,
// with Get, Put and Len below.
var NewDocCache = newDocCache

func (c *docCache) Get(query string) bool { return c.get(query) != nil }
func (c *docCache) Put(query string)      { c.put(query, &document{}) }
func (c *docCache) Len() int              { return c.len() }

// Document is a parsed and validated document, as the handler caches it.
type Document = document

// NewDocument wraps a parsed and validated document.
func NewDocument(doc *ast.Document) *Document { return &document{doc: doc} }

// GraphQL returns the graphql-go schema behind s, for tests that validate
// documents or introspect it.
func GraphQL(s *Schema) graphql.Schema { return s.gql }

// Execute parses, validates and executes query on s as the handler does,
// without HTTP and its limits.
func Execute(ctx context.Context, s *Schema, query string, vars map[string]any) *graphql.Result {
	doc, err := parse(query)
	if err != nil {
		return &graphql.Result{Errors: gqlerrors.FormatErrors(err)}
	}
	gs := s.gql
	if v := graphql.ValidateDocument(&gs, doc, nil); !v.IsValid {
		return &graphql.Result{Errors: v.Errors}
	}
	return s.execute(ctx, &document{doc: doc}, "", vars)
}

// ExecuteDocument executes d as the handler executes a cached document.
func ExecuteDocument(ctx context.Context, s *Schema, d *Document, opName string, vars map[string]any) *graphql.Result {
	return s.execute(ctx, d, opName, vars)
}

// Planned reports whether the plan executor runs d's operation opName
// (else graphql-go does).
func Planned(s *Schema, d *Document, opName string) bool { return d.plan(&s.gql, opName).ok }

// ExecuteGraphQLGo executes d with graphql-go alone, with a loader of its
// own and the extensions its resolvers add, as the handler gives it, for
// the differential tests.
func ExecuteGraphQLGo(ctx context.Context, s *Schema, d *Document, opName string, vars map[string]any) *graphql.Result {
	return s.executeBy(ctx, d, opName, vars, nil)
}

// ExplorerQueries are the explorer's queries as it sends them.
var ExplorerQueries = explorerQueries
