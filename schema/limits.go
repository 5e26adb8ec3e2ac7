package schema

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/graphql-go/graphql"
	"github.com/graphql-go/graphql/gqlerrors"
	"github.com/graphql-go/graphql/language/ast"
	"github.com/graphql-go/graphql/language/location"
)

// CodeLimitExceeded is the extensions.code of a document that breaks one
// of the handler's [Limits]; extensions.limit names the limit (as the flag
// of "parley serve" does, such as "max-depth") and extensions.max its value.
const CodeLimitExceeded = "LIMIT_EXCEEDED"

// Limits bound the size and shape of the GraphQL documents [Handler]
// accepts. They are checked before graphql-go validates or executes a
// document, in two passes: a lexical pass over the raw text (tokens,
// directives and bracket nesting, without graphql-go's parser, whose
// recursion and validation a deeply nested document would exhaust), then a
// pass over the parsed document that expands fragments, memoising each one,
// and rejects fragment cycles. Introspection is allowed and bounded like
// any other query. A zero field means its default.
type Limits struct {
	// MaxDepth bounds how deep fields nest, counting every field, after
	// fragment expansion. Introspection's ofType does not count: it
	// unwraps one type, cannot fan out, and GraphiQL's introspection query
	// nests it nine deep. The lexical pass also rejects brackets nested
	// more than twice this deep.
	MaxDepth int
	// MaxAliases bounds the aliases of an operation, after fragment
	// expansion.
	MaxAliases int
	// MaxRootFields bounds the fields an operation selects at its root,
	// after fragment expansion.
	MaxRootFields int
	// MaxTokens bounds the lexical tokens of the document (names,
	// punctuators, numbers and strings; not comments or commas).
	MaxTokens int
	// MaxDirectives bounds the directives (@name) of the document.
	MaxDirectives int
	// MaxCost bounds an operation's cost after fragment expansion: every
	// field costs 1 plus the cost of its selection, and the selection of a
	// list counts once per item it may hold: as many as its "first" (or
	// Query.connection's "maxHops") asks for, by its value, its variable's
	// value or, when left out, the default its resolver uses; and
	// [UnpagedListItems] for a list without such an argument. A page's own
	// lists (EntityConnection.nodes) and introspection's count once.
	MaxCost int
	// MaxIntrospectionCost bounds the values an operation's introspection
	// (__schema, __type) returns, counted on the schema itself: every
	// field of every value costs 1, and a list costs what its items do
	// (see introcost.go). GraphiQL's introspection query stays far below
	// the default.
	MaxIntrospectionCost int
}

// Defaults of [Limits], in the spirit of graphql-armor's, with room for the
// explorer's and GraphiQL's own queries.
const (
	DefaultMaxDepth      = 10
	DefaultMaxAliases    = 15
	DefaultMaxRootFields = 10
	DefaultMaxTokens     = 1000
	DefaultMaxDirectives = 50
	DefaultMaxCost       = 5000
	// DefaultMaxIntrospectionCost is about six times what GraphiQL's
	// introspection query costs on Parley's schema (3,400 values), and
	// bounds an introspection answer to well under a megabyte.
	DefaultMaxIntrospectionCost = 20000
)

// withDefaults returns l with its zero fields set to their defaults.
func (l Limits) withDefaults() Limits {
	set := func(v *int, def int) {
		if *v <= 0 {
			*v = def
		}
	}
	set(&l.MaxDepth, DefaultMaxDepth)
	set(&l.MaxAliases, DefaultMaxAliases)
	set(&l.MaxRootFields, DefaultMaxRootFields)
	set(&l.MaxTokens, DefaultMaxTokens)
	set(&l.MaxDirectives, DefaultMaxDirectives)
	set(&l.MaxCost, DefaultMaxCost)
	set(&l.MaxIntrospectionCost, DefaultMaxIntrospectionCost)
	return l
}

// exceeded returns the error for a document that breaks the limit named
// name (max is its value); detail says by how much.
func exceeded(name string, max int, detail string, args ...any) []gqlerrors.FormattedError {
	return []gqlerrors.FormattedError{{
		Message:    fmt.Sprintf("query exceeds %s %d: %s", name, max, fmt.Sprintf(detail, args...)),
		Locations:  []location.SourceLocation{},
		Extensions: map[string]any{"code": CodeLimitExceeded, "limit": name, "max": max},
	}}
}

// lexed counts what the lexical pass saw.
type lexed struct {
	tokens, directives, nesting int // nesting: the deepest bracket nesting
}

// scan is the lexical pass: it reads query as GraphQL's lexer would,
// without building tokens, and stops at the first limit broken. It is
// linear in the length of query and does not recurse.
func (l Limits) scan(query string) (lexed, []gqlerrors.FormattedError) {
	maxNesting := 2 * l.MaxDepth
	var n lexed
	nesting := 0
	for i := 0; i < len(query); {
		c := query[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ',':
			i++
			continue
		case c == 0xEF && len(query) >= i+3 && query[i+1] == 0xBB && query[i+2] == 0xBF: // byte order mark
			i += 3
			continue
		case c == '#':
			for i < len(query) && query[i] != '\n' && query[i] != '\r' {
				i++
			}
			continue
		case c == '"':
			i = skipString(query, i)
		case c == '.' && len(query) >= i+3 && query[i+1] == '.' && query[i+2] == '.':
			i += 3
		case isNameStart(c):
			for i++; i < len(query) && (isNameStart(query[i]) || isDigit(query[i])); i++ {
			}
		case c == '-' || isDigit(c):
			for i++; i < len(query) && (isDigit(query[i]) || query[i] == '.' || query[i] == 'e' || query[i] == 'E' || query[i] == '+' || query[i] == '-'); i++ {
			}
		default: // punctuators, and characters the parser will reject
			switch c {
			case '{', '[', '(':
				nesting++
				if n.nesting = max(n.nesting, nesting); nesting > maxNesting {
					return n, exceeded("max-depth", l.MaxDepth, "brackets nest more than %d deep", maxNesting)
				}
			case '}', ']', ')':
				nesting = max(nesting-1, 0)
			case '@':
				if n.directives++; n.directives > l.MaxDirectives {
					return n, exceeded("max-directives", l.MaxDirectives, "the document has more than %d directives", l.MaxDirectives)
				}
			}
			i++
		}
		if n.tokens++; n.tokens > l.MaxTokens {
			return n, exceeded("max-tokens", l.MaxTokens, "the document has more than %d tokens", l.MaxTokens)
		}
	}
	return n, nil
}

// skipString returns the index just past the string or block string that
// starts at query[i], or len(query) when it is not terminated.
func skipString(query string, i int) int {
	if len(query) >= i+3 && query[i:i+3] == `"""` {
		for j := i + 3; j+3 <= len(query); j++ {
			switch {
			case query[j] == '\\' && len(query) >= j+4 && query[j+1:j+4] == `"""`:
				j += 3
			case query[j:j+3] == `"""`:
				return j + 3
			}
		}
		return len(query)
	}
	for j := i + 1; j < len(query); j++ {
		switch query[j] {
		case '\\':
			j++
		case '"':
			return j + 1
		case '\n', '\r':
			return j
		}
	}
	return len(query)
}

func isNameStart(c byte) bool { return c == '_' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' }
func isDigit(c byte) bool     { return c >= '0' && c <= '9' }

// UnpagedListItems is how many items [Limits.MaxCost] counts for a list
// field that has no argument bounding its length: a root list of every
// topic, position, event, claim or source, and an entity's relations,
// positions, claims, events, sources, participants or roles. Such a list
// holds what the data holds, which no query can raise (the seed has 37
// positions, 31 source paragraphs and 17 topics in all). The bound makes a
// query that nests such lists (every topic's positions' holders' relations'
// other ends' relations...) cost what it may fan out to, while the
// explorer's largest query, an entity's whole neighbourhood, stays under
// half of [DefaultMaxCost].
const UnpagedListItems = 10

// countArgs are the arguments that bound how many items a field returns:
// "first" for pages, "maxHops" for Query.connection's path.
var countArgs = []string{"first", "maxHops"}

// firstDefaults maps the name of every list or paged field of s to how many
// items its selection counts for when the query leaves its count argument
// out (see [countArgs]): that argument's default, which is the page size
// its resolver uses (graph.DefaultPageSize for entities), or
// [UnpagedListItems] for a list without one. Fields absent count once: the
// lists of a page (EntityConnection.nodes and edges), which the paged field
// above them counted already, and introspection's, which list the schema.
// When types share a field name, the largest count wins.
func firstDefaults(s graphql.Schema) map[string]int {
	var (
		out   = map[string]int{}
		pages = map[string]bool{} // objects that paged fields return: their lists are the page
		types []graphql.Type
	)
	for name, t := range s.TypeMap() {
		if !strings.HasPrefix(name, "__") {
			types = append(types, t)
		}
	}
	for _, t := range types {
		for name, f := range fieldsOf(t) {
			for _, a := range f.Args {
				if slices.Contains(countArgs, a.Name()) {
					def, _ := a.DefaultValue.(int)
					out[name] = max(out[name], def, 1)
					if !isList(f.Type) {
						pages[graphql.GetNamed(f.Type).String()] = true
					}
				}
			}
		}
	}
	for _, t := range types {
		for name, f := range fieldsOf(t) {
			if isList(f.Type) && !hasCountArg(f) && !pages[t.Name()] {
				out[name] = max(out[name], UnpagedListItems)
			}
		}
	}
	return out
}

// fieldsOf returns the fields of an object or interface type, or nil.
func fieldsOf(t graphql.Type) graphql.FieldDefinitionMap {
	switch t := t.(type) {
	case *graphql.Object:
		return t.Fields()
	case *graphql.Interface:
		return t.Fields()
	}
	return nil
}

// hasCountArg reports whether f takes one of [countArgs].
func hasCountArg(f *graphql.FieldDefinition) bool {
	for _, a := range f.Args {
		if slices.Contains(countArgs, a.Name()) {
			return true
		}
	}
	return false
}

// isList reports whether t is a list, nullable or not.
func isList(t graphql.Type) bool {
	if nn, ok := t.(*graphql.NonNull); ok {
		t = nn.OfType
	}
	_, ok := t.(*graphql.List)
	return ok
}

// shape is what a selection set amounts to after fragment expansion.
type shape struct {
	depth, cost, aliases, fields int
	intro                        int // introspection's cost
}

// add adds o's counts to s, and takes the deeper depth.
func (s *shape) add(o shape) {
	s.depth = max(s.depth, o.depth)
	s.cost = satAdd(s.cost, o.cost)
	s.intro = satAdd(s.intro, o.intro)
	s.aliases = satAdd(s.aliases, o.aliases)
	s.fields = satAdd(s.fields, o.fields)
}

// measurer measures one operation's selection sets, expanding fragments.
type measurer struct {
	frags   map[string]*ast.FragmentDefinition
	firsts  map[string]int       // field name → default of its first argument
	vars    map[string]any       // the request's variables
	defs    map[string]ast.Value // the operation's variable defaults
	memo    map[string]shape     // fragment name → its shape
	visited map[string]bool      // fragments being measured, to find cycles
	path    []string             // the fragments being measured, in order
	intro   *introCounter        // made at the first __schema or __type
	schema  *graphql.Schema      // for intro
}

// cycleError is a fragment that spreads itself.
type cycleError struct{ path []string }

func (e *cycleError) Error() string {
	msg := "fragment cycle: "
	for _, name := range e.path {
		msg += name + " → "
	}
	return msg + e.path[0]
}

// costs is what the cost limits need to know of a schema, worked out once
// by [New].
type costs struct {
	firsts map[string]int  // see [firstDefaults]
	schema *graphql.Schema // for introspection's cost
}

// costsOf returns the costs of s.
func costsOf(s *graphql.Schema) costs {
	return costs{firsts: firstDefaults(*s), schema: s}
}

// measure checks every operation of doc against l, with the request's
// variables (a first argument can come from one). It returns nil when all
// operations are within the limits.
func (l Limits) measure(doc *ast.Document, vars map[string]any, c costs) []gqlerrors.FormattedError {
	firsts := c.firsts
	frags := map[string]*ast.FragmentDefinition{}
	for _, def := range doc.Definitions {
		if f, ok := def.(*ast.FragmentDefinition); ok && f.Name != nil {
			frags[f.Name.Value] = f
		}
	}
	// graphql-go's validator recurses forever on a fragment cycle, even in
	// a fragment no operation uses.
	m := &measurer{frags: frags, firsts: firsts, memo: map[string]shape{}, visited: map[string]bool{}}
	for _, def := range doc.Definitions {
		if f, ok := def.(*ast.FragmentDefinition); ok && f.Name != nil {
			if _, err := m.fragment(f.Name.Value); err != nil {
				return withCode(CodeValidationFailed, gqlerrors.FormatErrors(err))
			}
		}
	}
	for _, def := range doc.Definitions {
		op, ok := def.(*ast.OperationDefinition)
		if !ok {
			continue
		}
		s, err := measureOperation(op, frags, vars, c)
		if err != nil {
			return withCode(CodeValidationFailed, gqlerrors.FormatErrors(err))
		}
		name := "the operation"
		if op.Name != nil {
			name = "operation " + op.Name.Value
		}
		switch {
		case s.depth > l.MaxDepth:
			return exceeded("max-depth", l.MaxDepth, "fields nest %d deep", s.depth)
		case s.fields > l.MaxRootFields:
			return exceeded("max-root-fields", l.MaxRootFields, "%s selects %d root fields", name, s.fields)
		case s.aliases > l.MaxAliases:
			return exceeded("max-aliases", l.MaxAliases, "%s has %d aliases", name, s.aliases)
		case s.intro > l.MaxIntrospectionCost:
			return exceeded("max-introspection-cost", l.MaxIntrospectionCost, "%s's introspection returns %d values "+
				"(every field of every type, field and argument it lists counts 1)", name, s.intro)
		case s.cost > l.MaxCost:
			cost := strconv.Itoa(s.cost)
			if s.cost >= maxCount {
				cost = "more than " + cost
			}
			return exceeded("max-cost", l.MaxCost, "%s costs %s (a field costs 1 plus its selection, which counts once per item a list may hold: "+
				"its first or maxHops, their default when left out, or %d for a list with neither)", name, cost, UnpagedListItems)
		}
	}
	return nil
}

// measureOperation returns the shape of op, whose fragments are frags.
func measureOperation(op *ast.OperationDefinition, frags map[string]*ast.FragmentDefinition, vars map[string]any, c costs) (shape, error) {
	m := &measurer{frags: frags, firsts: c.firsts, vars: vars, defs: map[string]ast.Value{},
		memo: map[string]shape{}, visited: map[string]bool{}, schema: c.schema}
	for _, vd := range op.VariableDefinitions {
		if vd != nil && vd.Variable != nil && vd.Variable.Name != nil && vd.DefaultValue != nil {
			m.defs[vd.Variable.Name.Value] = vd.DefaultValue
		}
	}
	return m.set(op.SelectionSet)
}

// set measures a selection set.
func (m *measurer) set(ss *ast.SelectionSet) (shape, error) {
	var s shape
	if ss == nil {
		return s, nil
	}
	for _, sel := range ss.Selections {
		switch sel := sel.(type) {
		case *ast.Field:
			child, err := m.set(sel.SelectionSet)
			if err != nil {
				return s, err
			}
			f := shape{depth: child.depth + 1, cost: satAdd(1, satMul(m.first(sel), child.cost)),
				aliases: child.aliases, fields: 1, intro: child.intro}
			if sel.Name != nil && m.schema != nil && (sel.Name.Value == "__schema" || sel.Name.Value == "__type") {
				if m.intro == nil {
					m.intro = &introCounter{schema: m.schema, frags: m.frags, vars: m.vars, memo: map[introKey]int{}}
				}
				f.intro = satAdd(f.intro, m.intro.root(sel))
			}
			if sel.Name != nil && sel.Name.Value == "ofType" {
				f.depth = child.depth
			}
			if sel.Alias != nil {
				f.aliases = satAdd(f.aliases, 1)
			}
			s.add(f)
		case *ast.InlineFragment:
			child, err := m.set(sel.SelectionSet)
			if err != nil {
				return s, err
			}
			s.add(child)
		case *ast.FragmentSpread:
			if sel.Name == nil {
				continue
			}
			child, err := m.fragment(sel.Name.Value)
			if err != nil {
				return s, err
			}
			s.add(child)
		}
	}
	return s, nil
}

// fragment measures the fragment named name once, however often it is
// spread. An unknown fragment measures nothing: validation reports it.
func (m *measurer) fragment(name string) (shape, error) {
	if s, ok := m.memo[name]; ok {
		return s, nil
	}
	f, ok := m.frags[name]
	if !ok {
		return shape{}, nil
	}
	if m.visited[name] {
		for i, n := range m.path {
			if n == name {
				return shape{}, &cycleError{path: m.path[i:]}
			}
		}
	}
	m.visited[name] = true
	m.path = append(m.path, name)
	s, err := m.set(f.SelectionSet)
	m.path = m.path[:len(m.path)-1]
	if err != nil {
		return s, err
	}
	m.memo[name] = s
	return s, nil
}

// first returns how many items field f asks for: 1 for a field that is
// not a list or a page, else its count argument's value (see [countArgs]),
// its variable's value, or, when the query leaves it out, the count of
// [firstDefaults].
func (m *measurer) first(f *ast.Field) int {
	if f.Name == nil {
		return 1
	}
	def, ok := m.firsts[f.Name.Value]
	if !ok {
		return 1
	}
	for _, a := range f.Arguments {
		if a.Name == nil || !slices.Contains(countArgs, a.Name.Value) {
			continue
		}
		v := a.Value
		if vr, ok := v.(*ast.Variable); ok && vr.Name != nil {
			if x, ok := m.vars[vr.Name.Value].(float64); ok {
				return clampCount(x)
			}
			v = m.defs[vr.Name.Value]
		}
		if iv, ok := v.(*ast.IntValue); ok {
			n, err := strconv.ParseFloat(iv.Value, 64)
			if err == nil {
				return clampCount(n)
			}
		}
	}
	return def
}

// maxCount is where counts saturate, far above any limit; twice it still
// fits a 32-bit int.
const maxCount = 1 << 29

// clampCount turns a number of items into a count from 0 to maxCount.
func clampCount(x float64) int {
	switch {
	case x <= 0 || x != x:
		return 0
	case x >= maxCount:
		return maxCount
	}
	return int(x)
}

func satAdd(a, b int) int { return min(a+b, maxCount) } // a, b <= maxCount: no overflow

func satMul(a, b int) int {
	if a != 0 && b > maxCount/a {
		return maxCount
	}
	return a * b
}
