package schema

import (
	"encoding/json"
	"fmt"
	"reflect"

	"github.com/graphql-go/graphql"
	"github.com/graphql-go/graphql/gqlerrors"
	"github.com/graphql-go/graphql/language/ast"
	"github.com/graphql-go/graphql/language/printer"
	"github.com/parley-kg/parley/graph"
)

// What the plan executor copies of graphql-go v0.8.1 (go.mod pins it), in
// one place. Each item names the graphql-go function whose behaviour it
// reproduces; the differential tests (exec_test.go) run every example
// query, every explorer query and the held-out style of question, errors
// included, both ways and compare the results. Upgrading graphql-go means
// reading these functions again.
//
//   - executor.go collectFields: fields merged by response key in
//     first-seen order, inline fragments and fragment spreads whose type
//     condition matches, each named fragment once per selection set
//     (compiler.compile in plan.go).
//   - values.go getVariableValues, for variables of scalar and enum types:
//     a missing non-null variable, an invalid value and their messages;
//     defaults; values coerced by ParseValue ([plan.variables]).
//   - values.go getArgumentValues and valueFromAST: each given value, else
//     the default, leaving out nulls ([execution.args], [valueFromAST]).
//   - executor.go completeValue, completeLeafValue, completeListValue,
//     completeAbstractValue and isNullish, with their error messages
//     ([execution.complete], [leaf], [isNullish], the *Error functions
//     below).
//   - executor.go resolveField, completeValueCatchingError and
//     handleFieldError: a resolver's error, located at its field and
//     path (NewLocatedErrorWithPath), is recorded at the nearest nullable
//     position, which holds null; at the root, graphql-go reports that
//     error alone, without data ([execution.catch], [plan.execute]).
//   - executor.go Execute: when the context ends, the result is the
//     context's error alone ([plan.execute]).
//
// What it does not copy it leaves to graphql-go, decided when the
// document is compiled ([compilePlan]): mutations (executed serially),
// introspection, directives (@include, @skip), unions, IsTypeOf, list and
// input-object variables, and any operation name that does not select
// exactly one operation. graphql-go reports errors among sibling fields in
// map order, so the order of several errors may differ; their set does not.

// variables coerces the request's variables as graphql-go's
// getVariableValues does for scalar and enum types.
func (p *plan) variables(in map[string]any) (map[string]any, error) {
	out := make(map[string]any, len(p.vars))
	for _, v := range p.vars {
		val, err := v.value(in[v.name])
		if err != nil {
			return nil, err
		}
		out[v.name] = val
	}
	return out, nil
}

// value is graphql-go's getVariableValue for one input.
func (v planVar) value(input any) (any, error) {
	if isNullish(input) {
		if v.nonNull {
			return nil, gqlerrors.NewError(fmt.Sprintf(`Variable "$%v" of required type "%v" was not provided.`,
				v.name, printer.Print(v.def.Type)), []ast.Node{v.def}, "", nil, []int{}, nil)
		}
		if v.def.DefaultValue != nil {
			return valueFromAST(v.def.DefaultValue, v.typ, nil), nil
		}
		return nil, nil
	}
	parsed := v.leaf.ParseValue(input)
	if isNullish(parsed) {
		b, _ := json.Marshal(input)
		return nil, gqlerrors.NewError(fmt.Sprintf("Variable \"$%v\" got invalid value %v.\nExpected type \"%v\", found \"%v\".",
			v.name, string(b), v.typ.Name(), input), []ast.Node{v.def}, "", nil, []int{}, nil)
	}
	return parsed, nil
}

// args returns a field's argument values as graphql-go's getArgumentValues
// computes them: each given value, else the default, leaving out nulls.
func (x *execution) args(f *planField) map[string]any {
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

// valueFromAST is graphql-go's valueFromAST for the input types of
// Parley's arguments (scalars, enums, lists and non-nulls of them): a
// variable's value, or a literal parsed by its type.
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
	return nil // Parley has no input objects
}

// leaf is graphql-go's completeLeafValue: a serialised value, or nil.
func leaf(v any) any {
	if isNullish(v) {
		return nil
	}
	return v
}

// isNullish is graphql-go's isNullish: nil, a nil pointer, or NaN. The
// types Parley's resolvers return are checked without reflection.
func isNullish(v any) bool {
	switch v := v.(type) {
	case nil:
		return true
	case string, bool, int:
		return false
	case *node:
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

// nonNullError is completeValue's error for a null in a non-null position.
func nonNullError(parent *graphql.Object, field string) string {
	return fmt.Sprintf("Cannot return null for non-nullable field %v.%v.", parent, field)
}

// abstractError is completeAbstractValue's error for a value whose type
// does not resolve to a possible object type.
func abstractError(t graphql.Abstract, parent *graphql.Object, field string, v any, o *graphql.Object) error {
	if o == nil {
		return gqlerrors.NewFormattedError(fmt.Sprintf(`Abstract type %v must resolve to an Object type at runtime `+
			`for field %v.%v with value "%v", received "%v".`, t, parent, field, v, o))
	}
	return gqlerrors.NewFormattedError(fmt.Sprintf(`Runtime Object type "%v" is not a possible type for "%v".`, o, t))
}

// notIterableError is completeListValue's error for a list field whose
// resolver returned something else.
func notIterableError(parent *graphql.Object, field string) error {
	return gqlerrors.NewFormattedError(fmt.Sprintf("User Error: expected iterable, but did not find one for field %v.%v.", parent, field))
}

// unexpectedTypeError is completeValue's error for a type it does not know.
func unexpectedTypeError(t graphql.Type) error {
	return gqlerrors.NewFormattedError(fmt.Sprintf(`Cannot complete value of unexpected type "%v."`, t))
}
