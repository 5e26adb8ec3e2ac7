package schema

import (
	"github.com/graphql-go/graphql"
	"github.com/graphql-go/graphql/language/ast"
)

// The cost of introspection, by what it returns. An introspection query
// lists the schema, which a client cannot grow, but nesting its lists
// multiplies them: ten aliases of __schema { types { interfaces {
// possibleTypes { interfaces { possibleTypes ... } } } } } ask for every
// entity type six times over at each level, tens of megabytes from a few
// kilobytes of query. [Limits.MaxIntrospectionCost] bounds the values an
// introspection field returns, counted on this schema's own types before
// anything runs: every field of every value costs 1, and a list field
// costs the sum over the items it returns here.

// introCounter counts what introspection selections return on one schema.
type introCounter struct {
	schema *graphql.Schema
	frags  map[string]*ast.FragmentDefinition
	// memo holds the cost of a selection set on one value (a type, field,
	// argument or directive), so that a selection nested under a list of
	// lists is counted once per distinct value, not once per path.
	memo  map[introKey]int
	vars  map[string]any // the request's variables
	depth int
}

type introKey struct {
	set   *ast.SelectionSet
	value any
}

// root returns the cost of the root field f, __schema or __type, with
// vars for its name argument; 0 for any other field.
func (c *introCounter) root(f *ast.Field) int {
	switch f.Name.Value {
	case "__schema":
		return satAdd(1, c.set(f.SelectionSet, c.schema))
	case "__type":
		for _, a := range f.Arguments {
			if a.Name == nil || a.Name.Value != "name" {
				continue
			}
			name, _ := valueFromAST(a.Value, graphql.String, c.vars).(string)
			if t := c.schema.Type(name); t != nil {
				return satAdd(1, c.set(f.SelectionSet, t))
			}
		}
		return 1
	}
	return 0
}

// set returns the cost of selection set ss on one introspection value v.
func (c *introCounter) set(ss *ast.SelectionSet, v any) int {
	if ss == nil || v == nil {
		return 0
	}
	key := introKey{ss, v}
	if n, ok := c.memo[key]; ok {
		return n
	}
	if c.depth++; c.depth > 64 { // deeper than any limit lets through
		return maxCount
	}
	defer func() { c.depth-- }()
	n := 0
	for _, sel := range ss.Selections {
		switch sel := sel.(type) {
		case *ast.Field:
			n = satAdd(n, 1)
			if sel.SelectionSet != nil && sel.Name != nil {
				for _, item := range c.items(v, sel) {
					n = satAdd(n, c.set(sel.SelectionSet, item))
				}
			}
		case *ast.InlineFragment:
			n = satAdd(n, c.set(sel.SelectionSet, v))
		case *ast.FragmentSpread:
			if sel.Name == nil {
				continue
			}
			if f := c.frags[sel.Name.Value]; f != nil {
				n = satAdd(n, c.set(f.SelectionSet, v))
			}
		}
	}
	c.memo[key] = n
	return n
}

// items returns the values that field f of introspection value v returns
// here: its items for a list, itself for an object, none for null.
func (c *introCounter) items(v any, f *ast.Field) []any {
	name := f.Name.Value
	switch v := v.(type) {
	case *graphql.Schema:
		switch name {
		case "types":
			var out []any
			for _, t := range v.TypeMap() {
				out = append(out, t)
			}
			return out
		case "queryType":
			return one(v.QueryType())
		case "mutationType":
			return one(v.MutationType())
		case "subscriptionType":
			return one(v.SubscriptionType())
		case "directives":
			return each(v.Directives())
		}
	case *graphql.FieldDefinition:
		switch name {
		case "args":
			return each(v.Args)
		case "type":
			return []any{v.Type}
		}
	case *graphql.Argument:
		return []any{v.Type}
	case *graphql.InputObjectField:
		return []any{v.Type}
	case *graphql.Directive:
		if name == "args" {
			return each(v.Args)
		}
	case graphql.Type: // last: some of the cases above implement Type too
		return c.typeItems(v, f)
	}
	return nil
}

// typeItems is [introCounter.items] for a __Type.
func (c *introCounter) typeItems(t graphql.Type, f *ast.Field) []any {
	switch f.Name.Value {
	case "fields":
		switch t := t.(type) {
		case *graphql.Object:
			return c.eachField(t.Fields(), f)
		case *graphql.Interface:
			return c.eachField(t.Fields(), f)
		}
	case "interfaces":
		if o, ok := t.(*graphql.Object); ok {
			return each(o.Interfaces())
		}
	case "possibleTypes":
		if a, ok := t.(graphql.Abstract); ok {
			return each(c.schema.PossibleTypes(a))
		}
	case "enumValues":
		if e, ok := t.(*graphql.Enum); ok {
			var out []any
			for _, v := range e.Values() {
				if v.DeprecationReason == "" || c.includeDeprecated(f) {
					out = append(out, v)
				}
			}
			return out
		}
	case "inputFields":
		if i, ok := t.(*graphql.InputObject); ok {
			var out []any
			for _, f := range i.Fields() {
				out = append(out, f)
			}
			return out
		}
	case "ofType":
		switch t := t.(type) {
		case *graphql.List:
			return []any{t.OfType}
		case *graphql.NonNull:
			return []any{t.OfType}
		}
	}
	return nil
}

func one(o *graphql.Object) []any {
	if o == nil {
		return nil
	}
	return []any{o}
}

func each[T any](s []T) []any {
	out := make([]any, len(s))
	for i, v := range s {
		out[i] = v
	}
	return out
}

// eachField returns the fields of m that field f lists: deprecated ones
// only with includeDeprecated, as graphql-go's __Type.fields does.
func (c *introCounter) eachField(m graphql.FieldDefinitionMap, f *ast.Field) []any {
	out := make([]any, 0, len(m))
	for _, d := range m {
		if d.DeprecationReason == "" || c.includeDeprecated(f) {
			out = append(out, d)
		}
	}
	return out
}

// includeDeprecated returns f's includeDeprecated argument.
func (c *introCounter) includeDeprecated(f *ast.Field) bool {
	for _, a := range f.Arguments {
		if a.Name != nil && a.Name.Value == "includeDeprecated" {
			b, _ := valueFromAST(a.Value, graphql.Boolean, c.vars).(bool)
			return b
		}
	}
	return false
}
