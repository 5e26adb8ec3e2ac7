package schema

import (
	"context"
	"reflect"

	"github.com/graphql-go/graphql"
	"github.com/graphql-go/graphql/gqlerrors"
	"github.com/graphql-go/graphql/language/ast"
	"github.com/parley-kg/parley/graph"
)

// The plan executor.
//
// graphql-go v0.8.1 spends more time on its own bookkeeping than the
// resolvers spend reading the graph: per field it collects the
// sub-selection again for every item of a list, builds argument maps,
// response paths and a ResolveInfo, each with maps and closures (pprof:
// about half of an execution and most of its allocations). A plan
// compiled once per cached document (plan.go) does that work once;
// executing it calls the same resolvers, with the same arguments, and
// completes values and reports errors the way graphql-go does (mirror.go),
// so that its result is the one graphql-go would return.

// execute runs a parsed and validated document on s with the request's
// context: by its plan, or with graphql-go when it has none. Either way
// the execution gets a loader of its own, and the extensions its
// resolvers add.
func (s *Schema) execute(ctx context.Context, d *document, opName string, vars map[string]any) *graphql.Result {
	return s.executeBy(ctx, d, opName, vars, d.plan(&s.gql, opName))
}

// executeBy runs d by plan p, or with graphql-go when p is nil or has no
// plan (the differential tests pass nil).
func (s *Schema) executeBy(ctx context.Context, d *document, opName string, vars map[string]any, p *plan) *graphql.Result {
	l := s.newLoader()
	ctx = withRequest(ctx, l)
	var res *graphql.Result
	if p != nil && p.ok {
		res = p.execute(ctx, &s.gql, vars)
	} else {
		res = graphql.Execute(graphql.ExecuteParams{Schema: s.gql, AST: d.doc, OperationName: opName, Args: vars, Context: ctx})
		if ctx.Err() != nil {
			// graphql-go stopped waiting, but its goroutine may still be
			// running resolvers on the loader: leave the loader to it.
			return res
		}
	}
	addResolutions(ctx)
	if len(l.extensions) > 0 {
		res.Extensions = l.extensions
	}
	return res
}

// execution is the state of one run of a plan.
type execution struct {
	ctx    context.Context
	schema *graphql.Schema
	vars   map[string]any
	op     *ast.OperationDefinition
	frags  map[string]ast.Definition
	path   []pathKey // the response path of the value being completed
	errs   []gqlerrors.FormattedError
	// failed is the error that a null in a non-null position carries up
	// to the nearest nullable one (see [execution.catch]).
	failed *gqlerrors.Error
}

// pathKey is one step of a response path: a key, or an index when key is
// empty.
type pathKey struct {
	key   string
	index int
}

// execute runs p with the request's variables. graphql-go v0.8.1 runs the
// resolvers in a goroutine of its own and stops waiting when the context
// ends; a plan runs them on the caller's goroutine: handing a request to
// another goroutine and back cost more than a small query's resolvers on
// a busy machine (tens of µs of scheduling, measured side by side), and
// every resolver's reads take the context and stop with it.
func (p *plan) execute(ctx context.Context, s *graphql.Schema, vars map[string]any) *graphql.Result {
	values, err := p.variables(vars)
	if err != nil {
		return &graphql.Result{Errors: gqlerrors.FormatErrors(err)}
	}
	x := &execution{ctx: ctx, schema: s, vars: values, op: p.op, frags: p.fragments}
	data, ok := x.object(s.QueryType(), p.root, nil)
	switch {
	case ctx.Err() != nil:
		return &graphql.Result{Errors: gqlerrors.FormatErrors(ctx.Err())}
	case !ok: // a null reached the root: graphql-go reports that error alone
		return &graphql.Result{Errors: []gqlerrors.FormattedError{gqlerrors.FormatError(x.failed)}}
	}
	return &graphql.Result{Data: data, Errors: x.errs}
}

// object resolves fields on source, an object of type obj; ok is false
// when a null must propagate to the object's parent.
func (x *execution) object(obj *graphql.Object, fields []*planField, source any) (_ map[string]any, ok bool) {
	out := make(map[string]any, len(fields))
	for _, f := range fields {
		if f.typename {
			out[f.key] = obj.Name()
			continue
		}
		x.path = append(x.path, pathKey{key: f.key})
		v, ok := x.field(obj, f, source)
		x.path = x.path[:len(x.path)-1]
		if !ok {
			return nil, false
		}
		out[f.key] = v
	}
	return out, true
}

// field resolves one field and completes its value.
func (x *execution) field(obj *graphql.Object, f *planField, source any) (any, bool) {
	v, err := f.def.Resolve(graphql.ResolveParams{
		Source:  source,
		Args:    x.args(f),
		Context: x.ctx,
		Info: graphql.ResolveInfo{
			FieldName: f.name, FieldASTs: f.asts, ReturnType: f.def.Type, ParentType: obj,
			Operation: x.op, Fragments: x.frags, VariableValues: x.vars,
		},
	})
	if err != nil {
		x.failed = x.located(f, err)
		return x.caught(f.def.Type)
	}
	return x.catch(f.def.Type, obj, f, v)
}

// catch completes v as a value of type t, at a position that may hold an
// error: a field, or an item of a list.
func (x *execution) catch(t graphql.Type, obj *graphql.Object, f *planField, v any) (any, bool) {
	c, ok := x.complete(t, obj, f, v)
	if ok {
		return c, true
	}
	return x.caught(t)
}

// caught handles x.failed at a position of type t, as graphql-go's
// handleFieldError does: a nullable position records the error and holds
// null; a non-null one passes it up.
func (x *execution) caught(t graphql.Type) (any, bool) {
	if _, nonNull := t.(*graphql.NonNull); nonNull {
		return nil, false
	}
	x.errs = append(x.errs, gqlerrors.FormatError(x.failed))
	x.failed = nil
	return nil, true
}

// complete turns a resolved value of type t into its result, as
// graphql-go's completeValue does. ok is false, with x.failed set, when
// the value cannot be completed.
func (x *execution) complete(t graphql.Type, obj *graphql.Object, f *planField, v any) (any, bool) {
	if nn, ok := t.(*graphql.NonNull); ok {
		c, ok := x.complete(nn.OfType, obj, f, v)
		if ok && c == nil {
			x.failed, ok = x.located(f, nonNullError(obj, f.name)), false
		}
		return c, ok
	}
	if isNullish(v) {
		return nil, true
	}
	switch t := t.(type) {
	case *graphql.Scalar:
		return leaf(t.Serialize(v)), true
	case *graphql.Enum:
		return leaf(t.Serialize(v)), true
	case *graphql.List:
		return x.list(t.OfType, obj, f, v)
	case *graphql.Object:
		return x.object(t, f.sub[t], v)
	case *graphql.Interface:
		o := t.ResolveType(graphql.ResolveTypeParams{Value: v, Context: x.ctx})
		sub, ok := f.sub[o]
		if !ok {
			x.failed = x.located(f, abstractError(t, obj, f.name, v, o))
			return nil, false
		}
		return x.object(o, sub, v)
	}
	x.failed = x.located(f, unexpectedTypeError(t))
	return nil, false
}

// list completes each item of a slice. The slices Parley's resolvers
// return are read without reflection.
func (x *execution) list(item graphql.Type, obj *graphql.Object, f *planField, v any) (any, bool) {
	switch s := v.(type) {
	case []*node:
		return completeEach(x, item, obj, f, s)
	case []graph.Relation:
		return completeEach(x, item, obj, f, s)
	case []graph.Position:
		return completeEach(x, item, obj, f, s)
	case []graph.Hop:
		return completeEach(x, item, obj, f, s)
	case []graph.Claim:
		return completeEach(x, item, obj, f, s)
	case []graph.Role:
		return completeEach(x, item, obj, f, s)
	case []graph.Quad:
		return completeEach(x, item, obj, f, s)
	case []*graph.Source:
		return completeEach(x, item, obj, f, s)
	case []string:
		return completeEach(x, item, obj, f, s)
	}
	rv := reflect.ValueOf(v)
	if rv.Kind() == reflect.Ptr {
		rv = rv.Elem()
	}
	if rv.Kind() != reflect.Slice && rv.Kind() != reflect.Array {
		x.failed = x.located(f, notIterableError(obj, f.name))
		return nil, false
	}
	items := make([]any, rv.Len())
	for i := range items {
		items[i] = rv.Index(i).Interface()
	}
	return completeEach(x, item, obj, f, items)
}

func completeEach[T any](x *execution, item graphql.Type, obj *graphql.Object, f *planField, s []T) ([]any, bool) {
	out := make([]any, len(s))
	for i := range s {
		x.path = append(x.path, pathKey{index: i})
		c, ok := x.catch(item, obj, f, s[i])
		x.path = x.path[:len(x.path)-1]
		if !ok {
			return nil, false
		}
		out[i] = c
	}
	return out, true
}

// located is graphql-go's located error for field f at the current path.
func (x *execution) located(f *planField, err any) *gqlerrors.Error {
	path := make([]any, len(x.path))
	for i, k := range x.path {
		if k.key != "" {
			path[i] = k.key
		} else {
			path[i] = k.index
		}
	}
	return graphql.NewLocatedErrorWithPath(err, graphql.FieldASTsToNodeASTs(f.asts), path)
}
