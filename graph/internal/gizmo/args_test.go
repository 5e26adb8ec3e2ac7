package gizmo_test

import (
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/parley-kg/parley/graph/internal/gizmo"
)

// Every Gizmo function that takes arguments, by the object it is called on.
var (
	pathMethods = []string{
		"is", "in", "out", "both", "follow", "followR", "followRecursive",
		"and", "intersect", "union", "or", "back", "tag", "as", "has", "hasR",
		"save", "saveR", "saveOpt", "saveOptR", "except", "unique", "difference",
		"labels", "inPredicates", "outPredicates", "saveInPredicates",
		"saveOutPredicates", "labelContext", "filter", "limit", "skip", "order",
		// finals
		"getLimit", "all", "toArray", "tagArray", "toValue", "tagValue", "map",
		"forEach", "count",
	}
	graphMethods = []string{
		"V", "M", "Vertex", "Morphism", "emit", "Emit", "IRI", "Uri",
		"addNamespace", "AddNamespace", "addDefaultNamespaces", "loadNamespaces",
	}
	globalFuncs = []string{
		"iri", "bnode", "raw", "str", "lang", "typed",
		"lt", "lte", "gt", "gte", "regex", "like",
	}
	// wrongArgs are the wrongly typed arguments; the last few are values that
	// goja could not export or convert without exhausting the stack or memory.
	wrongArgs = []string{
		`{}`, `function(){}`, `[{}]`, `null`, `undefined`, `1.5`, `-1`, `true`,
		`new Date()`, `/re/`,
		`[]`, `[null]`, `[[{}]]`, `NaN`, `g.M()`,
		`cyc`, `huge`, `sparse`, `deep`,
	}
)

// prelude defines the values behind the last wrongArgs.
const prelude = `var cyc = {}; cyc.self = cyc; cyc.list = [cyc];
var huge = []; huge.length = 4294967295;
var sparse = []; sparse[4294967294] = 1;
var deep = []; for (var i = 0; i < 1000; i++) deep = [deep];
`

// capitalized returns name with its first letter in upper case, the backwards
// compatible alias (In for in) that Gizmo keeps for most methods.
func capitalized(name string) string {
	return strings.ToUpper(name[:1]) + name[1:]
}

// wronglyTypedCalls returns a query for every combination of a function, a wrongly
// typed argument and a position for it.
func wronglyTypedCalls() []string {
	var queries []string
	for _, m := range pathMethods {
		for _, name := range []string{m, capitalized(m)} {
			for _, a := range wrongArgs {
				queries = append(queries,
					`g.V().`+name+`(`+a+`).all()`,
					`g.V().`+name+`("<follows>", `+a+`).all()`,
					`g.V().`+name+`(`+a+`, `+a+`).all()`,
					`g.V().follow(g.M().`+name+`(`+a+`)).all()`,
				)
			}
		}
	}
	for _, m := range graphMethods {
		for _, a := range wrongArgs {
			queries = append(queries,
				`g.`+m+`(`+a+`)`,
				`g.`+m+`(`+a+`).all()`,
				`g.`+m+`("x", `+a+`)`,
			)
		}
	}
	for _, f := range globalFuncs {
		for _, a := range wrongArgs {
			queries = append(queries,
				f+`(`+a+`)`,
				f+`("x", `+a+`)`,
				`g.V().has("<status>", `+f+`(`+a+`)).all()`,
				`g.V().filter(`+f+`(`+a+`)).all()`,
			)
		}
	}
	return queries
}

// TestWronglyTypedCalls calls every function with every wrongly typed argument.
// The assertion is that the test process survives (a panic in the goroutine that
// runs the VM would end it) and each call returns; each must also fail as a script
// error rather than as a recovered Go panic.
func TestWronglyTypedCalls(t *testing.T) {
	queries := wronglyTypedCalls()
	if testing.Short() {
		queries = queries[:len(queries)/8]
	}
	var (
		mu        sync.Mutex
		errs, oks int
		typed     int // errors where Cayley's toVia or toStrings panicked
		limited   int // errors from the limits (Cayley: stack overflow or out of memory)
		wg        sync.WaitGroup
		next      = make(chan string)
	)
	for w := 0; w < 4; w++ {
		// A store per worker: memstore's iterators write to the store without a
		// lock (QuadStore.cloneAll), which the race detector reports.
		qs := mustStore(t, mustParse(t, testData))
		wg.Add(1)
		go func() {
			defer wg.Done()
			for qu := range next {
				out := run(t, qs, prelude+qu, 100, 5*time.Second, 30*time.Second)
				mu.Lock()
				switch {
				case out.err == nil:
					oks++
				case strings.Contains(out.err.Error(), "unsupported argument type"):
					errs++
					typed++
				case errors.Is(out.err, gizmo.ErrResourceLimit):
					errs++
					limited++
				default:
					errs++
				}
				mu.Unlock()
				if out.err != nil && strings.Contains(out.err.Error(), "gizmo: query failed") {
					t.Errorf("%s: a Go panic reached the VM: %v", qu, out.err)
				}
			}
		}()
	}
	for _, qu := range queries {
		next <- qu
	}
	close(next)
	wg.Wait()
	t.Logf("%d wrongly typed calls: %d returned an error, %d returned results", len(queries), errs, oks)
	t.Logf("errors: %d unsupported argument types (a panic in Cayley's toVia/toStrings), %d resource limits", typed, limited)
}
