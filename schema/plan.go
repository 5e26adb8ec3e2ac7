package schema

import (
	"errors"

	"github.com/graphql-go/graphql"
	"github.com/graphql-go/graphql/language/ast"
)

// A plan is a query operation compiled once per cached document, for the
// plan executor (exec.go) to run without graphql-go's per-field
// bookkeeping. Whatever the plan executor does not run is decided here,
// once: a document with a mutation, introspection (__schema, __type), a
// directive, a union, or a variable of a list or input-object type, and
// an operation name that selects no single operation, get no plan, and
// graphql-go executes them. mirror.go lists what the executor copies of
// graphql-go v0.8.1.
type plan struct {
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
	def     *ast.VariableDefinition
	typ     graphql.Input // the named type
}

// planField is one response key of a selection set, for one parent type.
type planField struct {
	key      string
	name     string
	typename bool // __typename
	def      *graphql.FieldDefinition
	args     []*ast.Argument
	asts     []*ast.Field // the fields merged under key, for ResolveInfo.FieldASTs and error locations
	// sub holds, by runtime object type, the fields of the selection of an
	// object or interface value.
	sub map[*graphql.Object][]*planField
}

// errNoPlan is the reason a document has no plan.
var errNoPlan = errors.New("no plan")

// compilePlan compiles the operation that opName selects in doc.
func compilePlan(s *graphql.Schema, doc *ast.Document, opName string) *plan {
	p := &plan{}
	op := operation(doc, opName)
	if op == nil || op.Operation != ast.OperationTypeQuery || len(op.Directives) > 0 {
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
	v := planVar{name: vd.Variable.Name.Value, def: vd}
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
