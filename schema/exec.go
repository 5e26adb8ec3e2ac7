package schema

import (
	"context"
	"errors"
	"reflect"
	"runtime"
	"sync"
	"weak"

	"github.com/graphql-go/graphql"
	"github.com/graphql-go/graphql/language/ast"
	"github.com/parley-kg/parley/graph"
)

// A direct executor for the queries the document cache serves.
//
// graphql-go v0.8.1 spends more time on its own bookkeeping than the
// resolvers spend reading the graph: per field it collects the
// sub-selection again for every item of a list, builds argument maps,
// response paths and a ResolveInfo, and calls the extension hooks, each
// with maps and closures (pprof: about half of an execution and most of
// its allocations). A plan compiled once per cached document does that
// work once; executing it calls the same resolvers, with the same
// arguments, and completes values the way graphql-go does, so that a
// successful result is the one graphql-go would return.
//
// The plan covers what Parley's clients send: queries with fields,
// aliases, arguments (literals, and variables of scalar or enum types),
// fragments and inline fragments, and __typename. Anything else
// (mutations, introspection, directives, list or input-object variables)
// has no plan, and graphql-go executes it. So does any execution that
// meets an error, a null in a non-null position, a panic or the end of
// its context: the plan gives up and graphql-go executes the document
// from the start, so that errors, their paths and partial data are
// exactly graphql-go's. Queries only read, so a second execution is safe;
// it costs time only when the answer is an error.

// graphs maps the Query type of every schema that [New] built to the graph
// its resolvers read, so that [executePlan] can give an execution its
// loader. Keys are weak: a schema that is no longer used is collected, and
// its entry deleted.
var graphs sync.Map // weak.Pointer[graphql.Object] → Graph

// registerGraph records that the schema with Query type q reads g.
func registerGraph(q *graphql.Object, g Graph) {
	key := weak.Make(q)
	graphs.Store(key, g)
	runtime.AddCleanup(q, func(k weak.Pointer[graphql.Object]) { graphs.Delete(k) }, key)
}

// graphOf returns the graph of a schema built by [New], or nil.
func graphOf(s *graphql.Schema) Graph {
	q := s.QueryType()
	if q == nil {
		return nil
	}
	g, _ := graphs.Load(weak.Make(q))
	gr, _ := g.(Graph)
	return gr
}

// plan is a compiled query operation, or the reason it has none.
type plan struct {
	g         Graph // the graph the schema's resolvers read, for the loader
	op        *ast.OperationDefinition
	fragments map[string]ast.Definition // for ResolveInfo.Fragments
	root      []*planField              // the Query type's fields
	vars      []planVar
	ok        bool // false: graphql-go executes the document
}

// planVar is a variable of the operation, of a scalar or enum type.
type planVar struct {
	name    string
	leaf    interface{ ParseValue(any) any } // a *graphql.Scalar or *graphql.Enum
	nonNull bool
	def     ast.Value // default value, or nil
	typ     graphql.Input
}

// planField is one response key of a selection set, for one parent type.
type planField struct {
	key      string
	name     string
	typename bool // __typename
	def      *graphql.FieldDefinition
	args     []*ast.Argument
	asts     []*ast.Field // the fields merged under key, for ResolveInfo.FieldASTs
	// sub holds, by runtime object type, the fields of the selection of an
	// object or interface value.
	sub map[*graphql.Object][]*planField
}

// errNoPlan is the reason a document has no plan.
var errNoPlan = errors.New("no plan")

// compilePlan compiles the operation that opName selects in doc.
func compilePlan(s *graphql.Schema, doc *ast.Document, opName string) *plan {
	p := &plan{g: graphOf(s)}
	op := operation(doc, opName)
	if p.g == nil || op == nil || op.Operation != ast.OperationTypeQuery || len(op.Directives) > 0 {
		return p
	}
	sc := *s // IsPossibleType writes to the schema it is called on (see warm): use a copy
	c := &compiler{schema: &sc, fragments: map[string]*ast.FragmentDefinition{}, memo: map[memoKey][]*planField{}}
	for _, def := range doc.Definitions {
		if f, ok := def.(*ast.FragmentDefinition); ok && f.Name != nil {
			c.fragments[f.Name.Value] = f
			if p.fragments == nil {
				p.fragments = map[string]ast.Definition{}
			}
			p.fragments[f.Name.Value] = f
		}
	}
	for _, vd := range op.VariableDefinitions {
		v, err := c.variable(vd)
		if err != nil {
			return p
		}
		p.vars = append(p.vars, v)
	}
	root, err := c.fields(s.QueryType(), []*ast.SelectionSet{op.SelectionSet})
	if err != nil {
		return p
	}
	p.op, p.root, p.ok = op, root, true
	return p
}

type compiler struct {
	schema    *graphql.Schema
	fragments map[string]*ast.FragmentDefinition
	depth     int
	count     int // fields compiled, bounded by maxPlanFields
	// memo holds the fields compiled for a type and selection, so that a
	// selection under an interface, compiled once per possible type,
	// compiles its own sub-selections once per type, not once per path.
	memo map[memoKey][]*planField
}

// memoKey names a compiled selection: an object type and the selection
// sets merged for it (by identity; merges of more than two sets are rare
// and not memoised).
type memoKey struct {
	obj  *graphql.Object
	a, b *ast.SelectionSet
}

// maxPlanFields bounds the fields one plan compiles; a larger document has
// no plan. The handler's limits keep real documents far below it.
const maxPlanFields = 5000

// variable compiles a variable definition of a scalar or enum type.
func (c *compiler) variable(vd *ast.VariableDefinition) (planVar, error) {
	if vd == nil || vd.Variable == nil || vd.Variable.Name == nil {
		return planVar{}, errNoPlan
	}
	v := planVar{name: vd.Variable.Name.Value, def: vd.DefaultValue}
	t := vd.Type
	if nn, ok := t.(*ast.NonNull); ok {
		v.nonNull, t = true, nn.Type
	}
	named, ok := t.(*ast.Named)
	if !ok || named.Name == nil {
		return planVar{}, errNoPlan
	}
	switch typ := c.schema.Type(named.Name.Value).(type) {
	case *graphql.Scalar:
		v.leaf, v.typ = typ, typ
	case *graphql.Enum:
		v.leaf, v.typ = typ, typ
	default:
		return planVar{}, errNoPlan
	}
	return v, nil
}

// fields collects the fields that selection sets select on an object of
// type obj, merged by response key in first-seen order (graphql-go's
// collectFields), and compiles each.
func (c *compiler) fields(obj *graphql.Object, sets []*ast.SelectionSet) ([]*planField, error) {
	var key memoKey
	if len(sets) <= 2 {
		key.obj = obj
		if len(sets) > 0 {
			key.a = sets[0]
		}
		if len(sets) > 1 {
			key.b = sets[1]
		}
		if fs, ok := c.memo[key]; ok {
			return fs, nil
		}
	}
	if c.depth++; c.depth > 64 {
		return nil, errNoPlan
	}
	defer func() { c.depth-- }()
	fs, err := c.compile(obj, sets)
	if err == nil && key.obj != nil {
		c.memo[key] = fs
	}
	return fs, err
}

// compile is [compiler.fields] without the memo.
func (c *compiler) compile(obj *graphql.Object, sets []*ast.SelectionSet) ([]*planField, error) {
	var keys []string
	asts := map[string][]*ast.Field{}
	visited := map[string]bool{}
	var collect func(set *ast.SelectionSet) error
	collect = func(set *ast.SelectionSet) error {
		if set == nil {
			return nil
		}
		for _, sel := range set.Selections {
			switch sel := sel.(type) {
			case *ast.Field:
				if len(sel.Directives) > 0 || sel.Name == nil {
					return errNoPlan
				}
				key := sel.Name.Value
				if sel.Alias != nil && sel.Alias.Value != "" {
					key = sel.Alias.Value
				}
				if _, ok := asts[key]; !ok {
					keys = append(keys, key)
				}
				asts[key] = append(asts[key], sel)
			case *ast.InlineFragment:
				if len(sel.Directives) > 0 {
					return errNoPlan
				}
				if c.matches(sel.TypeCondition, obj) {
					if err := collect(sel.SelectionSet); err != nil {
						return err
					}
				}
			case *ast.FragmentSpread:
				if len(sel.Directives) > 0 || sel.Name == nil {
					return errNoPlan
				}
				name := sel.Name.Value
				if visited[name] {
					continue
				}
				visited[name] = true
				f := c.fragments[name]
				if f == nil || len(f.Directives) > 0 {
					return errNoPlan
				}
				if c.matches(f.TypeCondition, obj) {
					if err := collect(f.SelectionSet); err != nil {
						return err
					}
				}
			default:
				return errNoPlan
			}
		}
		return nil
	}
	for _, set := range sets {
		if err := collect(set); err != nil {
			return nil, err
		}
	}
	out := make([]*planField, 0, len(keys))
	for _, key := range keys {
		if c.count++; c.count > maxPlanFields {
			return nil, errNoPlan
		}
		fs := asts[key]
		f := &planField{key: key, name: fs[0].Name.Value, args: fs[0].Arguments, asts: fs}
		if f.name == "__typename" {
			f.typename = true
			out = append(out, f)
			continue
		}
		f.def = obj.Fields()[f.name]
		if f.def == nil || f.def.Resolve == nil || f.name[0] == '_' {
			return nil, errNoPlan // introspection, or a field validation let through
		}
		var subs []*ast.SelectionSet
		for _, fa := range fs {
			if fa.SelectionSet != nil {
				subs = append(subs, fa.SelectionSet)
			}
		}
		switch t := graphql.GetNamed(f.def.Type).(type) {
		case *graphql.Object:
			if t.IsTypeOf != nil {
				return nil, errNoPlan
			}
			sub, err := c.fields(t, subs)
			if err != nil {
				return nil, err
			}
			f.sub = map[*graphql.Object][]*planField{t: sub}
		case *graphql.Interface:
			if t.ResolveType == nil {
				return nil, errNoPlan
			}
			f.sub = map[*graphql.Object][]*planField{}
			for _, o := range c.schema.PossibleTypes(t) {
				if o.IsTypeOf != nil {
					return nil, errNoPlan
				}
				sub, err := c.fields(o, subs)
				if err != nil {
					return nil, err
				}
				f.sub[o] = sub
			}
		case *graphql.Scalar, *graphql.Enum:
		default:
			return nil, errNoPlan // unions have no plan
		}
		out = append(out, f)
	}
	return out, nil
}

// matches reports whether a fragment with type condition cond applies to
// an object of type obj.
func (c *compiler) matches(cond *ast.Named, obj *graphql.Object) bool {
	if cond == nil || cond.Name == nil {
		return true
	}
	switch t := c.schema.Type(cond.Name.Value).(type) {
	case *graphql.Object:
		return t == obj
	case *graphql.Interface:
		return c.schema.IsPossibleType(t, obj)
	case *graphql.Union:
		return c.schema.IsPossibleType(t, obj)
	}
	return false
}

// executeDocument executes a parsed and validated document: by its plan
// when it has one and the plan succeeds, else with graphql-go.
func executeDocument(ctx context.Context, s *graphql.Schema, d *document, opName string, vars map[string]any) *graphql.Result {
	if res := executePlan(ctx, s, d.plan(s, opName), vars); res != nil {
		return res
	}
	return graphql.Execute(graphql.ExecuteParams{Schema: *s, AST: d.doc, OperationName: opName, Args: vars, Context: ctx})
}

// giveUp is the panic value with which an execution of a plan stops for
// graphql-go to execute the document instead.
type giveUp struct{}

// executePlan executes p with the request's variables, and returns nil
// when graphql-go must execute the document instead.
func executePlan(ctx context.Context, s *graphql.Schema, p *plan, vars map[string]any) *graphql.Result {
	if p == nil || !p.ok {
		return nil
	}
	if ctx == nil {
		ctx = context.Background()
	}
	values, ok := p.variables(vars)
	if !ok {
		return nil
	}
	l := newLoader(p.g)
	l.internals = 1 // graphql-go's execution after a failure logs the error, once
	x := &executor{ctx: withRequest(ctx, l), schema: s, vars: values, op: p.op, frags: p.fragments}
	// graphql-go runs the resolvers in a goroutine of their own and stops
	// waiting when the context ends. A plan runs them on the caller's
	// goroutine: handing a request to another goroutine and back cost more
	// than a small query's resolvers on a busy machine (tens of µs of
	// scheduling, measured side by side), and every resolver's reads take
	// the context and stop with it, so the answer still comes when the
	// context ends.
	data := x.run(s.QueryType(), p.root)
	if data == nil || ctx.Err() != nil {
		return nil
	}
	res := &graphql.Result{Data: data}
	addResolutions(x.ctx, res)
	return res
}

// run resolves the root fields, or returns nil when the plan gives up.
func (x *executor) run(root *graphql.Object, fields []*planField) (data map[string]any) {
	defer func() {
		if r := recover(); r != nil {
			data = nil
		}
	}()
	return x.object(root, fields, nil)
}

// variables coerces the request's variables as graphql-go does for valid
// input; ok is false when an input is invalid (graphql-go then reports it).
func (p *plan) variables(in map[string]any) (map[string]any, bool) {
	out := make(map[string]any, len(p.vars))
	for _, v := range p.vars {
		input := in[v.name]
		if isNullish(input) {
			if v.nonNull {
				return nil, false
			}
			if v.def != nil {
				out[v.name] = valueFromAST(v.def, v.typ, nil)
			} else {
				out[v.name] = nil
			}
			continue
		}
		parsed := v.leaf.ParseValue(input)
		if isNullish(parsed) {
			return nil, false
		}
		out[v.name] = parsed
	}
	return out, true
}

type executor struct {
	ctx    context.Context
	schema *graphql.Schema
	vars   map[string]any
	op     *ast.OperationDefinition
	frags  map[string]ast.Definition
}

// object resolves fields on source, an object of type obj.
func (x *executor) object(obj *graphql.Object, fields []*planField, source any) map[string]any {
	out := make(map[string]any, len(fields))
	for _, f := range fields {
		if f.typename {
			out[f.key] = obj.Name()
			continue
		}
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
			panic(giveUp{})
		}
		out[f.key] = x.complete(f.def.Type, f, v)
	}
	return out
}

// args returns a field's argument values as graphql-go's getArgumentValues
// computes them: each given value, else the default, leaving out nulls.
func (x *executor) args(f *planField) map[string]any {
	if len(f.def.Args) == 0 {
		return nil
	}
	out := make(map[string]any, len(f.def.Args))
	for _, a := range f.def.Args {
		var value ast.Value
		for _, given := range f.args {
			if given.Name != nil && given.Name.Value == a.PrivateName {
				value = given.Value
				break
			}
		}
		v := valueFromAST(value, a.Type, x.vars)
		if isNullish(v) {
			v = a.DefaultValue
		}
		if !isNullish(v) {
			out[a.PrivateName] = v
		}
	}
	return out
}

// complete turns a resolved value of type t into its result, as
// graphql-go's completeValue does; whatever graphql-go would report as an
// error stops the execution.
func (x *executor) complete(t graphql.Type, f *planField, v any) any {
	switch t := t.(type) {
	case *graphql.NonNull:
		c := x.complete(t.OfType, f, v)
		if c == nil {
			panic(giveUp{})
		}
		return c
	}
	if isNullish(v) {
		return nil
	}
	switch t := t.(type) {
	case *graphql.Scalar:
		return leaf(t.Serialize(v))
	case *graphql.Enum:
		return leaf(t.Serialize(v))
	case *graphql.List:
		return x.list(t.OfType, f, v)
	case *graphql.Object:
		return x.object(t, f.sub[t], v)
	case *graphql.Interface:
		o := t.ResolveType(graphql.ResolveTypeParams{Value: v, Context: x.ctx})
		sub, ok := f.sub[o]
		if o == nil || !ok {
			panic(giveUp{})
		}
		return x.object(o, sub, v)
	}
	panic(giveUp{})
}

// list completes each item of a slice. The slices Parley's resolvers
// return are read without reflection.
func (x *executor) list(item graphql.Type, f *planField, v any) []any {
	switch s := v.(type) {
	case []*graph.Entity:
		return completeEach(x, item, f, s)
	case []graph.Relation:
		return completeEach(x, item, f, s)
	case []graph.Position:
		return completeEach(x, item, f, s)
	case []graph.Hop:
		return completeEach(x, item, f, s)
	case []graph.Claim:
		return completeEach(x, item, f, s)
	case []*graph.Source:
		return completeEach(x, item, f, s)
	case []string:
		return completeEach(x, item, f, s)
	}
	rv := reflect.ValueOf(v)
	if rv.Kind() == reflect.Ptr {
		rv = rv.Elem()
	}
	if rv.Kind() != reflect.Slice && rv.Kind() != reflect.Array {
		panic(giveUp{})
	}
	out := make([]any, rv.Len())
	for i := range out {
		out[i] = x.complete(item, f, rv.Index(i).Interface())
	}
	return out
}

func completeEach[T any](x *executor, item graphql.Type, f *planField, s []T) []any {
	out := make([]any, len(s))
	for i := range s {
		out[i] = x.complete(item, f, s[i])
	}
	return out
}

// leaf is graphql-go's completeLeafValue: a serialised value, or nil.
func leaf(v any) any {
	if isNullish(v) {
		return nil
	}
	return v
}

// isNullish is graphql-go's isNullish: nil, a nil pointer, or NaN.
func isNullish(v any) bool {
	switch v := v.(type) {
	case nil:
		return true
	case string, bool, int:
		return false
	case *graph.Entity:
		return v == nil
	case *graph.Source:
		return v == nil
	case float64:
		return v != v
	}
	rv := reflect.ValueOf(v)
	if rv.Kind() == reflect.Ptr {
		if rv.IsNil() {
			return true
		}
		rv = rv.Elem()
	}
	switch rv.Kind() {
	case reflect.Float32, reflect.Float64:
		return rv.Float() != rv.Float()
	}
	return false
}

// valueFromAST is graphql-go's valueFromAST for the input types a plan
// allows (scalars, enums, lists and non-nulls of them): a variable's
// value, or a literal parsed by its type.
func valueFromAST(v ast.Value, t graphql.Input, vars map[string]any) any {
	if v == nil {
		return nil
	}
	if v, ok := v.(*ast.Variable); ok {
		if v.Name == nil || vars == nil {
			return nil
		}
		return vars[v.Name.Value]
	}
	switch t := t.(type) {
	case *graphql.NonNull:
		return valueFromAST(v, t.OfType, vars)
	case *graphql.List:
		values := []any{}
		if l, ok := v.(*ast.ListValue); ok {
			for _, item := range l.Values {
				values = append(values, valueFromAST(item, t.OfType, vars))
			}
			return values
		}
		return append(values, valueFromAST(v, t.OfType, vars))
	case *graphql.Scalar:
		return t.ParseLiteral(v)
	case *graphql.Enum:
		return t.ParseLiteral(v)
	}
	panic(giveUp{}) // input objects have no plan
}
