// Parley addition to the copy of Cayley's query/gizmo (see README.md): a bound on
// the work goja's compiler does, checked on the parsed program before compiling.

package gizmo

import (
	"fmt"
	"reflect"

	"github.com/dop251/goja"
	"github.com/dop251/goja/ast"
	"github.com/dop251/goja/parser"
	"github.com/dop251/goja/token"
)

// maxCompileSteps caps the estimated work of compiling one program (the query,
// or code given to eval or Function). goja folds constant expressions while it
// compiles, re-evaluating the left side of every && and || whose left side is
// constant, so a chain like 1||1||...||1 costs about 2^n steps, and a chain of
// other operators n^2; the compiler cannot be interrupted. One step took 1.5 to
// 12 ns of compiling in measurements (1||1||..., 1+1+..., x||x||...), so the cap
// is about 100 ms of CPU at most.
const maxCompileSteps = 8 << 20

// compileChecked compiles the query src as goja.Compile does, refusing it
// first when compiling would take more than maxCompileSteps. It parses once:
// parsing deep nesting grows the goroutine's stack, which is slow the first
// time, so the check and the compile share both the parse and the goroutine.
func compileChecked(src string) (*goja.Program, error) {
	prg, err := parser.ParseFile(nil, "", src, 0)
	if err != nil {
		return goja.Compile("", src, false) // for goja's own syntax error
	}
	if err := checkCost("query", prg); err != nil {
		return nil, err
	}
	return goja.CompileAST(prg, false)
}

// checkCompile parses src and refuses it when compiling it would take more than
// maxCompileSteps. A program that does not parse passes: Compile reports its
// syntax error. The parser runs in linear time.
func checkCompile(fn, src string) error {
	prg, err := parser.ParseFile(nil, "", src, 0)
	if err != nil {
		return nil
	}
	return checkCost(fn, prg)
}

// checkCost refuses prg when compiling it would take more than
// maxCompileSteps.
func checkCost(fn string, prg *ast.Program) error {
	var total float64
	for _, st := range prg.Body {
		total += compileCost(st).emit
	}
	if total > maxCompileSteps {
		return fmt.Errorf("gizmo: %s: compiling it would take about %.3g steps, over the limit of %d (goja folds chains of && and || over constants in 2^n steps, other operator chains in n^2): %w",
			fn, total, maxCompileSteps, ErrResourceLimit)
	}
	return nil
}

// cost is the estimated work goja's compiler does on one node: constant is the
// cost of asking whether it is constant (compiledExpr.constant), emit the cost of
// emitting its code (compiledExpr.emitGetter, or emitExpr with constant
// folding), size the number of nodes, and isConst whether goja may treat it as a
// constant. The estimate is an upper bound: a logical expression counts as
// constant when its left side is, whatever the values. float64 saturates at
// +Inf, so chains too long for int64 still compare above the limit.
type cost struct {
	constant, emit, size float64
	isConst              bool
}

// expr returns the cost of emitExpr(n): a constant is evaluated once (its code
// emitted and run), otherwise its code is emitted.
func (c cost) expr() float64 {
	if c.isConst {
		return c.constant + c.emit + c.size
	}
	return c.constant + c.emit
}

// compileCost estimates the cost of compiling n, bottom up: it visits every
// node once.
func compileCost(n ast.Node) cost {
	switch n := n.(type) {
	case nil:
		return cost{}
	case *ast.NumberLiteral, *ast.StringLiteral, *ast.BooleanLiteral, *ast.NullLiteral:
		return cost{constant: 1, emit: 1, size: 1, isConst: true}
	case *ast.UnaryExpression:
		op := compileCost(n.Operand)
		return cost{
			constant: 1 + op.constant,
			emit:     1 + op.expr(),
			size:     1 + op.size,
			isConst:  op.isConst,
		}
	case *ast.BinaryExpression:
		l, r := compileCost(n.Left), compileCost(n.Right)
		size := 1 + l.size + r.size
		if n.Operator == token.LOGICAL_AND || n.Operator == token.LOGICAL_OR {
			if l.isConst {
				// constant() and emitGetter both evaluate the left side.
				eval := l.emit + l.size
				return cost{
					constant: 1 + l.constant + eval + r.constant,
					emit:     1 + l.constant + eval + r.expr(),
					size:     size,
					isConst:  true,
				}
			}
			return cost{constant: 1 + l.constant, emit: 1 + l.expr() + r.expr(), size: size}
		}
		return cost{
			constant: 1 + l.constant + r.constant,
			emit:     1 + l.expr() + r.expr(),
			size:     size,
			isConst:  l.isConst && r.isConst,
		}
	}
	// Any other node: its children are each emitted once.
	c := cost{constant: 1, emit: 1, size: 1}
	eachChild(reflect.ValueOf(n), func(ch ast.Node) {
		cc := compileCost(ch)
		c.emit += cc.expr()
		c.size += cc.size
	})
	return c
}

var nodeType = reflect.TypeOf((*ast.Node)(nil)).Elem()

// eachChild calls visit with the AST nodes held in the fields of the struct v
// points to, looking through slices and plain structs (ast.Property). It skips
// DeclarationList, which repeats nodes of the body.
func eachChild(v reflect.Value, visit func(ast.Node)) {
	if v.Kind() != reflect.Ptr || v.IsNil() || v.Elem().Kind() != reflect.Struct {
		return
	}
	v = v.Elem()
	for i := 0; i < v.NumField(); i++ {
		if v.Type().Field(i).Name == "DeclarationList" {
			continue
		}
		eachNode(v.Field(i), visit)
	}
}

func eachNode(f reflect.Value, visit func(ast.Node)) {
	switch f.Kind() {
	case reflect.Interface, reflect.Ptr:
		if f.IsNil() || !f.CanInterface() {
			return
		}
		if f.Type().Implements(nodeType) || f.Kind() == reflect.Interface {
			if n, ok := f.Interface().(ast.Node); ok {
				visit(n)
				return
			}
		}
		if f.Kind() == reflect.Ptr && f.Elem().Kind() == reflect.Struct && f.Type().Elem().PkgPath() == nodeType.PkgPath() {
			eachChild(f, visit) // *ast.ParameterList, *ast.FunctionLiteral held as a plain pointer
		}
	case reflect.Slice:
		for j := 0; j < f.Len(); j++ {
			eachNode(f.Index(j), visit)
		}
	case reflect.Struct:
		for j := 0; j < f.NumField(); j++ {
			eachNode(f.Field(j), visit)
		}
	}
}
