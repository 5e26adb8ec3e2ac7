package schema

import (
	"context"

	"github.com/graphql-go/graphql"
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

// ExecutePlan executes d by its compiled plan, or returns nil when the
// handler would let graphql-go execute it.
func ExecutePlan(ctx context.Context, s graphql.Schema, d *Document, opName string, vars map[string]any) *graphql.Result {
	return executePlan(ctx, &s, d.plan(&s, opName), vars)
}

// ExecuteDocument executes d as the handler executes a cached document.
func ExecuteDocument(ctx context.Context, s graphql.Schema, d *Document, opName string, vars map[string]any) *graphql.Result {
	return executeDocument(ctx, &s, d, opName, vars)
}
