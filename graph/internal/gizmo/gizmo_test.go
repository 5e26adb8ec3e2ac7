package gizmo_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	cgraph "github.com/cayleygraph/cayley/graph"
	_ "github.com/cayleygraph/cayley/graph/memstore"
	"github.com/cayleygraph/cayley/query"
	cgizmo "github.com/cayleygraph/cayley/query/gizmo"
	"github.com/cayleygraph/cayley/writer"
	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/nquads"

	"github.com/parley-kg/parley/graph/internal/gizmo"
)

// testData is Cayley's query test graph (data/testdata.nq).
const testData = `<alice> <follows> <bob> .
<bob> <follows> <fred> .
<bob> <status> "cool_person" .
<dani> <follows> <bob> .
<charlie> <follows> <bob> .
<charlie> <follows> <dani> .
<dani> <follows> <greg> .
<dani> <status> "cool_person" .
<emily> <follows> <fred> .
<fred> <follows> <greg> .
<greg> <status> "cool_person" .
<predicates> <are> <follows> .
<predicates> <are> <status> .
<emily> <status> "smart_person" <smart_graph> .
<greg> <status> "smart_person" <smart_graph> .
`

// mustStore returns a memstore holding quads.
func mustStore(tb testing.TB, quads []quad.Quad) cgraph.QuadStore {
	tb.Helper()
	qs, err := cgraph.NewQuadStore("memstore", "", nil)
	if err != nil {
		tb.Fatal(err)
	}
	w, err := writer.NewSingle(qs, cgraph.IgnoreOpts{IgnoreDup: true})
	if err != nil {
		tb.Fatal(err)
	}
	if err := w.AddQuadSet(quads); err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { qs.Close() })
	return qs
}

// mustParse parses N-Quads, one per line.
func mustParse(tb testing.TB, text string) []quad.Quad {
	tb.Helper()
	var quads []quad.Quad
	for _, line := range strings.Split(strings.TrimSpace(text), "\n") {
		q, err := nquads.Parse(line)
		if err != nil {
			tb.Fatalf("parse %q: %v", line, err)
		}
		quads = append(quads, q)
	}
	return quads
}

// manyQuads returns n quads <n0> <p> <n1>, <n1> <p> <n2>, ...
func manyQuads(n int) []quad.Quad {
	quads := make([]quad.Quad, n)
	for i := range quads {
		quads[i] = quad.MakeIRI(fmt.Sprintf("n%d", i), "p", fmt.Sprintf("n%d", i+1), "")
	}
	return quads
}

type outcome struct {
	results   []interface{}
	truncated bool
	err       error
}

// runQuery executes qu on a new session of lang and collects the JSON results.
func runQuery(ctx context.Context, sess query.Session, qu string, limit int) outcome {
	it, err := sess.Execute(ctx, qu, query.Options{Collation: query.JSON, Limit: limit})
	if err != nil {
		return outcome{err: err}
	}
	defer it.Close()
	var out outcome
	for it.Next(ctx) {
		out.results = append(out.results, it.Result())
	}
	out.err = it.Err()
	out.truncated = gizmo.Truncated(it)
	return out
}

// run executes qu with a timeout on a new Parley Gizmo session and fails the test
// if it does not return within bound.
func run(tb testing.TB, qs cgraph.QuadStore, qu string, limit int, timeout, bound time.Duration) outcome {
	tb.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	done := make(chan outcome, 1)
	go func() { done <- runQuery(ctx, gizmo.NewSession(qs), qu, limit) }()
	select {
	case out := <-done:
		return out
	case <-time.After(bound):
		tb.Fatalf("query did not return within %v: %s", bound, qu)
		return outcome{}
	}
}

func TestLanguage(t *testing.T) {
	l := gizmo.Language()
	if l.Name != "gizmo" || l.Session == nil || l.HTTP == nil || l.REPL == nil {
		t.Fatalf("Language() = %+v", l)
	}
	qs := mustStore(t, mustParse(t, testData))
	query.RegisterLanguage(l) // replaces Cayley's registration from its init
	out := runQuery(context.Background(), query.NewSession(qs, "gizmo"), `g.V("<alice>").out("<follows>").all()`, 10)
	if out.err != nil {
		t.Fatal(out.err)
	}
	if got, want := jsonOf(t, out.results), `[{"id":"\u003cbob\u003e"}]`; got != want {
		t.Fatalf("results=%s, want %s", got, want)
	}
	// The registered language is this package's: the crasher returns an error.
	out = runQuery(context.Background(), query.NewSession(qs, "gizmo"), `g.V().out({}).all()`, 10)
	if out.err == nil {
		t.Fatal("no error from g.V().out({})")
	}
}

// TestCrasher is the 19-byte query that killed Cayley's process.
func TestCrasher(t *testing.T) {
	qs := mustStore(t, mustParse(t, testData))
	const crasher = `g.V().out({}).all()`
	if len(crasher) != 19 {
		t.Fatalf("len=%d", len(crasher))
	}
	out := run(t, qs, crasher, 100, 2*time.Second, 10*time.Second)
	const want = "gizmo: out(): unsupported argument type map[string]interface {}"
	if out.err == nil || out.err.Error() != want {
		t.Fatalf("err=%v, want %q", out.err, want)
	}
	// Scripts can catch it.
	out = run(t, qs, `try { g.V().out({}).all() } catch (e) { g.emit("caught") }`, 100, 2*time.Second, 10*time.Second)
	if out.err != nil || jsonOf(t, out.results) != `["caught"]` {
		t.Fatalf("results=%v err=%v, want [caught]", out.results, out.err)
	}
}

func jsonOf(tb testing.TB, v interface{}) string {
	tb.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		tb.Fatal(err)
	}
	return string(b)
}

// TestInterrupt checks that scripts that never end return an error once the
// context is done, and that a session is usable again afterwards.
func TestInterrupt(t *testing.T) {
	qs := mustStore(t, mustParse(t, testData))
	tests := []struct{ name, query string }{
		{"While", `while(true){}`},
		{"For", `for(;;){ g.V() }`},
		{"CatchAll", `while(true){ try { while(true){} } catch (e) {} }`},
		{"ForEachCallback", `g.V().forEach(function(d){ while(true){} })`},
		{"CatchInCallback", `while(true){ try { g.V().forEach(function(d){ while(true){} }) } catch (e) {} }`},
		{"AfterResults", `g.V().all(); while(true){}`},
		{"Getter", `g.emit({get x(){ while(true){} }})`},
		{"ToString", `g.V().out({toString: function(){ while(true){} }}).all()`},
		{"Compare", `[3,2,1].sort(function(a, b){ while(true){} })`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out := run(t, qs, tc.query, 100, 200*time.Millisecond, 5*time.Second)
			if out.err == nil {
				t.Fatalf("no error, results=%v", out.results)
			}
			if !errors.Is(out.err, context.DeadlineExceeded) {
				t.Logf("err=%v", out.err) // an error, but not the deadline's
			}
		})
	}

	t.Run("FinalValue", func(t *testing.T) {
		// Raw and REPL results show the value of the last statement, which is
		// exported after the script has ended.
		for _, col := range []query.Collation{query.Raw, query.REPL} {
			sess := gizmo.NewSession(qs)
			ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
			done := make(chan error, 1)
			go func() {
				it, err := sess.Execute(ctx, `({get x(){ while(true){} }})`, query.Options{Collation: col})
				if err != nil {
					done <- err
					return
				}
				defer it.Close()
				for it.Next(ctx) {
				}
				done <- it.Err()
			}()
			select {
			case err := <-done:
				if err == nil {
					t.Fatalf("collation %v: no error", col)
				}
			case <-time.After(5 * time.Second):
				t.Fatalf("collation %v: did not return", col)
			}
			cancel()
			// The session recovers: the getter ran outside the VM's run loop.
			out := runQuery(context.Background(), sess, `g.V("<alice>").all()`, 10)
			if out.err != nil || len(out.results) != 1 {
				t.Fatalf("collation %v, next query: results=%v err=%v", col, out.results, out.err)
			}
		}
	})

	t.Run("SessionReuse", func(t *testing.T) {
		sess := gizmo.NewSession(qs)
		for i := 0; i < 3; i++ {
			ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
			out := runQuery(ctx, sess, `while(true){}`, 10)
			cancel()
			if out.err == nil {
				t.Fatal("no error from while(true){}")
			}
			out = runQuery(context.Background(), sess, `g.V("<alice>").out("<follows>").all()`, 10)
			if out.err != nil || len(out.results) != 1 {
				t.Fatalf("after an interrupted query: results=%v err=%v", out.results, out.err)
			}
		}
	})

	t.Run("CancelExecuteContext", func(t *testing.T) {
		// Cancelling the context given to Execute stops the script even when Next
		// is called with another context.
		ctx, cancel := context.WithCancel(context.Background())
		it, err := gizmo.NewSession(qs).Execute(ctx, `g.emit(1); while(true){}`, query.Options{Collation: query.JSON, Limit: 10})
		if err != nil {
			t.Fatal(err)
		}
		defer it.Close()
		if !it.Next(context.Background()) {
			t.Fatalf("no first result: %v", it.Err())
		}
		time.AfterFunc(100*time.Millisecond, cancel)
		done := make(chan bool, 1)
		go func() { done <- it.Next(context.Background()) }()
		select {
		case ok := <-done:
			if ok || !errors.Is(it.Err(), context.Canceled) {
				t.Fatalf("Next=%v err=%v, want false and context.Canceled", ok, it.Err())
			}
		case <-time.After(5 * time.Second):
			t.Fatal("Next did not return after the Execute context was cancelled")
		}
	})
}

// TestLimit checks that the session limit caps every final and that truncation
// is reported without an error.
func TestLimit(t *testing.T) {
	const limit = 10
	qs := mustStore(t, manyQuads(5*limit)) // 5*limit+1 nodes, plus the predicate
	tests := []struct {
		name      string
		query     string
		want      int // results
		wantArray int // length of the first result when it is an array, or -1
		truncated bool
	}{
		{"All", `g.V().all()`, limit, -1, true},
		{"GetLimitNegative", `g.V().getLimit(-1)`, limit, -1, true},
		{"GetLimitZero", `g.V().getLimit(0)`, limit, -1, true},
		{"GetLimitHuge", `g.V().getLimit(1e9)`, limit, -1, true},
		{"GetLimitSmall", `g.V().getLimit(3)`, 3, -1, false},
		{"AllTwice", `g.V().all(); g.V().all()`, limit, -1, true},
		{"ToArray", `g.emit(g.V().toArray())`, 1, limit, true},
		{"ToArrayNegative", `g.emit(g.V().toArray(-1))`, 1, limit, true},
		{"ToArraySmall", `g.emit(g.V().toArray(4))`, 1, 4, false},
		{"TagArray", `g.emit(g.V().tag("x").tagArray())`, 1, limit, true},
		{"ForEach", `var n = 0; g.V().forEach(function(d){ n++ }); g.emit(n)`, 1, -1, true},
		{"ForEachLimit", `var n = 0; g.V().forEach(-1, function(d){ n++ }); g.emit(n)`, 1, -1, true},
		{"Map", `var n = 0; g.V().map(function(d){ n++ }); g.emit(n)`, 1, -1, true},
		{"ForEachEmit", `g.V().forEach(function(d){ g.emit(d) })`, limit, -1, true},
		{"Emit", `for (var i = 0; i < 100; i++) g.emit(i)`, limit, -1, true},
		{"EmitExactly", `for (var i = 0; i < 10; i++) g.emit(i)`, limit, -1, false},
		{"ToValue", `g.emit(g.V().toValue())`, 1, -1, false},
		{"Count", `g.emit(g.V().count())`, 1, -1, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out := run(t, qs, tc.query, limit, 5*time.Second, 20*time.Second)
			if out.err != nil {
				t.Fatal(out.err)
			}
			if got := len(out.results); got != tc.want {
				t.Fatalf("results=%d, want %d: %v", got, tc.want, out.results)
			}
			if tc.wantArray >= 0 {
				arr, ok := out.results[0].([]interface{})
				if !ok || len(arr) != tc.wantArray {
					t.Fatalf("first result=%v, want an array of %d", out.results[0], tc.wantArray)
				}
			}
			if strings.HasPrefix(tc.name, "ForEach") || tc.name == "Map" {
				if n, ok := out.results[0].(int64); ok && n > limit {
					t.Fatalf("callback ran %d times, over the limit of %d", n, limit)
				}
			}
			if out.truncated != tc.truncated {
				t.Fatalf("truncated=%v, want %v", out.truncated, tc.truncated)
			}
		})
	}

	t.Run("NoLimit", func(t *testing.T) {
		out := run(t, qs, `g.V().getLimit(-1)`, 0, 5*time.Second, 20*time.Second)
		if out.err != nil || len(out.results) != 5*limit+2 || out.truncated {
			t.Fatalf("results=%d truncated=%v err=%v, want %d, false, nil", len(out.results), out.truncated, out.err, 5*limit+2)
		}
	})

	t.Run("ExactlyLimit", func(t *testing.T) {
		qs := mustStore(t, manyQuads(limit-2)) // limit-1 nodes and the predicate
		for _, qu := range []string{
			`g.V().all()`,
			`g.V().getLimit(-1)`,
			`g.V().forEach(function(d){ g.emit(d) })`,
		} {
			out := run(t, qs, qu, limit, 5*time.Second, 20*time.Second)
			if out.err != nil || len(out.results) != limit || out.truncated {
				t.Fatalf("%s: results=%d truncated=%v err=%v, want %d, false, nil", qu, len(out.results), out.truncated, out.err, limit)
			}
		}
		out := run(t, qs, `g.emit(g.V().toArray().length)`, limit, 5*time.Second, 20*time.Second)
		if out.err != nil || jsonOf(t, out.results) != "[10]" || out.truncated {
			t.Fatalf("toArray: results=%v truncated=%v err=%v, want [10], false, nil", out.results, out.truncated, out.err)
		}
	})

	t.Run("Budget", func(t *testing.T) {
		// Finals bring at most limit*1000 values into the VM in one query.
		out := run(t, qs, `while(true) g.V().toArray()`, limit, 20*time.Second, 60*time.Second)
		if !errors.Is(out.err, gizmo.ErrResourceLimit) {
			t.Fatalf("err=%v, want ErrResourceLimit", out.err)
		}
	})

	t.Run("OtherIterator", func(t *testing.T) {
		if gizmo.Truncated(nil) {
			t.Fatal("Truncated(nil) = true")
		}
	})
}

// TestSameAsCayley runs ordinary queries on Cayley's gizmo and on this copy.
func TestSameAsCayley(t *testing.T) {
	qs := mustStore(t, mustParse(t, testData))
	tests := []string{
		`g.V("<alice>").all()`,
		`g.V("<alice>").All()`,
		`g.V().getLimit(5)`,
		`g.V(iri("alice")).all()`,
		`g.V("<alice>").out("<follows>").all()`,
		`g.V("<alice>").Out("<follows>").All()`,
		`g.V("<bob>").out().all()`,
		`g.V("<bob>").in("<follows>").all()`,
		`g.V("<fred>").both("<follows>").all()`,
		`g.V("<bob>").out(null, "pred").all()`,
		`g.V("<dani>").out(["<follows>", "<status>"]).all()`,
		`g.V("<dani>").out(g.V("<status>"), "pred").all()`,
		`g.V("<bob>").in("<follows>").tag("who").out("<follows>").all()`,
		`g.V("<bob>").in("<follows>").as("who").all()`,
		`g.V("<bob>").in("<follows>").tag(["a", "b"]).all()`,
		`g.V("<bob>").Tag("x", "y").all()`,
		`g.V().has("<follows>", "<bob>").all()`,
		`g.V().hasR("<follows>", "<bob>").all()`,
		`g.V().has("<status>").all()`,
		`g.V("<charlie>").out("<follows>").has("<follows>", "<fred>").all()`,
		`g.V().has("<follows>", gt("<f>")).all()`,
		`g.V().has("<status>", regex("cool")).all()`,
		`g.V().filter(regex("ool")).all()`,
		`g.V().filter(like("%ool%")).all()`,
		`g.V().filter(lt("<c>"), gt("<a>")).all()`,
		`g.V().filter([lt("<c>"), gt("<a>")]).all()`,
		`var f = g.M().out("<follows>").out("<follows>"); g.V("<charlie>").follow(f).has("<status>", "cool_person").all()`,
		`var f = g.M().out("<follows>").out("<follows>"); g.V().has("<status>", "cool_person").followR(f).all()`,
		`g.V("<charlie>").followRecursive("<follows>").all()`,
		`g.V("<charlie>").followRecursive("<follows>", "depth").all()`,
		`g.V("<charlie>").followRecursive("<follows>", 1).all()`,
		`g.V("<charlie>").followRecursive(g.V().out("<follows>")).all()`,
		`var c = g.V("<charlie>").out("<follows>"); var d = g.V("<dani>").out("<follows>"); c.intersect(d).all()`,
		`var c = g.V("<charlie>").out("<follows>"); var d = g.V("<dani>").out("<follows>"); c.and(d).all()`,
		`var c = g.V("<charlie>").out("<follows>"); var d = g.V("<dani>").out("<follows>"); c.union(d).all()`,
		`var c = g.V("<charlie>").out("<follows>"); var d = g.V("<dani>").out("<follows>"); c.or(d).all()`,
		`var c = g.V("<charlie>").out("<follows>"); var d = g.V("<dani>").out("<follows>"); c.except(d).all()`,
		`var c = g.V("<charlie>").out("<follows>"); var d = g.V("<dani>").out("<follows>"); c.difference(d).all()`,
		`g.V().tag("start").out("<status>").back("start").in("<follows>").all()`,
		`g.V("<dani>", "<bob>").save("<follows>", "target").all()`,
		`g.V("<bob>").saveR("<follows>", "from").all()`,
		`g.V("<alice>", "<bob>").saveOpt("<status>", "s").all()`,
		`g.V("<bob>").saveOptR("<follows>", "f").all()`,
		`g.V("<bob>").save("<status>").all()`,
		`g.V("<bob>").inPredicates().all()`,
		`g.V("<bob>").outPredicates().all()`,
		`g.V("<bob>").saveInPredicates("pred").all()`,
		`g.V("<bob>").saveOutPredicates("pred").all()`,
		`g.V("<greg>").labels().all()`,
		`g.V().labelContext("<smart_graph>").in("<status>").all()`,
		`g.V("<dani>").out("<follows>").labelContext("<smart_graph>").out("<status>").all()`,
		`g.V().labelContext("<smart_graph>", "lbl").in("<status>").labelContext(null).in("<follows>").all()`,
		`g.V().has("<follows>", "<bob>").limit(2).all()`,
		`g.V().has("<follows>", "<bob>").skip(2).all()`,
		`g.V().order().all()`,
		`g.V().Tag("target").order().all()`,
		`g.V("<bob>", "<bob>").unique().all()`,
		`g.V().out("<follows>").is("<bob>").all()`,
		`g.emit(g.V().count())`,
		`g.emit(g.V("<bob>").in("<follows>").count())`,
		`g.emit(g.V("<bob>").in("<follows>").toArray())`,
		`g.emit(g.V("<bob>").in("<follows>").toArray(2))`,
		`g.emit(g.V("<bob>").in("<follows>").tag("x").tagArray())`,
		`g.emit(g.V("<bob>").in("<follows>").toValue())`,
		`g.emit(g.V("<bob>").in("<follows>").tag("x").tagValue())`,
		`g.emit(g.V("<nobody>").toValue())`,
		`g.V("<bob>").in("<follows>").forEach(function(d){ g.emit(d) })`,
		`g.V("<bob>").in("<follows>").forEach(2, function(o){ g.emit(o.id) })`,
		`g.V("<bob>").in("<follows>").map(function(d){ g.emit(d.id) })`,
		`g.V("<bob>").In("<follows>").ForEach(function(d){ g.Emit(d) })`,
		`var a = g.V("<alice>"); g.emit(a.toValue()); var o = a.out("<follows>"); g.emit(o.toValue()); g.emit(a.toValue())`,
		`g.addDefaultNamespaces(); g.emit(g.IRI("rdf:type"))`,
		`g.addNamespace("ex", "http://example.net/"); g.emit(g.IRI("ex:alice"))`,
		`g.emit({name: "bob", tags: [1, 2.5, "x", null, true], nested: {a: [{}]}})`,
		`g.emit(iri("a"), bnode("b"))`,
		`g.emit(str("s")); g.emit(lang("s", "en")); g.emit(typed("1", "xsd:int")); g.emit(raw("r"))`,
		`g.V("<not-existing>").forEach(function(d){ g.emit(d) })`,
		`var arr = g.V("<bob>").in("<follows>").toArray(); g.emit(arr.length, arr.map(function(x){ return x + "!" }).join("|"))`,
		`var t = g.V("<bob>").in("<follows>").tag("x").tagArray(); g.emit(JSON.stringify(t.map(function(o){ return [o.x, o.id] })))`,
		`g.emit(JSON.parse('{"a":[1,{"b":null}]}'))`,
		`g.emit([1, [2, [3]]].join("-"), [].join(), [null, undefined, 1].join(), String([1,[2,3]]))`,
		`g.emit("abcabc".replace(/b/g, "$&$&"), "x".replace("x", "y"))`,
		`g.emit(eval("1+2"), Function("a", "b", "return a*b")(6, 7), (function(){}).constructor("return 5")())`,
		`g.emit(Math.max.apply(null, [1, 5, 3]), [3,1,2].sort(), [1,2,3].indexOf(2), [1,2].concat([3]))`,
		`try { throw new Error("boom") } catch (e) { g.emit(e.message) }`,
		`1 + 1`,
	}
	for i, qu := range tests {
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			ctx := context.Background()
			want := runQuery(ctx, cgizmo.NewSession(qs), qu, 100)
			got := run(t, qs, qu, 100, 10*time.Second, 30*time.Second)
			if (got.err != nil) != (want.err != nil) {
				t.Fatalf("%s\nerr=%v, Cayley's err=%v", qu, got.err, want.err)
			}
			if g, w := jsonOf(t, got.results), jsonOf(t, want.results); g != w {
				t.Fatalf("%s\n got %s\nwant %s", qu, g, w)
			}
			if got.truncated {
				t.Fatalf("%s: truncated", qu)
			}
		})
	}
}

// TestErrors compares error messages with Cayley's for queries that fail there
// without a panic.
func TestErrors(t *testing.T) {
	qs := mustStore(t, mustParse(t, testData))
	tests := []string{
		`g.V().has()`,
		`g.V().save()`,
		`g.V().followRecursive()`,
		`g.V().filter()`,
		`g.V(undefinedVariable)`,
		`throw "plain"`,
		`g.V().nosuchmethod()`,
		`g.V("<a>"`,
	}
	for _, qu := range tests {
		want := runQuery(context.Background(), cgizmo.NewSession(qs), qu, 100)
		got := run(t, qs, qu, 100, 5*time.Second, 20*time.Second)
		if got.err == nil || want.err == nil {
			t.Errorf("%s: err=%v, Cayley's err=%v; want both errors", qu, got.err, want.err)
			continue
		}
		t.Logf("%s: %v (Cayley: %v)", qu, got.err, want.err)
	}
}

// TestShapeOf compares shapes with Cayley's and checks that ShapeOf survives the
// crasher and stops a script that never ends.
func TestShapeOf(t *testing.T) {
	qs := mustStore(t, mustParse(t, testData))
	const qu = `g.V("<alice>").out("<follows>").tag("x").all()`
	want, err := cgizmo.NewSession(qs).ShapeOf(qu)
	if err != nil {
		t.Fatal(err)
	}
	got, err := gizmo.Language().HTTP(qs).ShapeOf(qu)
	if err != nil {
		t.Fatal(err)
	}
	if g, w := jsonOf(t, got), jsonOf(t, want); g != w {
		t.Fatalf("shape\n got %s\nwant %s", g, w)
	}
	if _, err := gizmo.NewSession(qs).ShapeOf(`g.V().out({}).all()`); err == nil {
		t.Fatal("no error from the crasher")
	}
	if testing.Short() {
		return
	}
	done := make(chan error, 1)
	go func() {
		_, err := gizmo.NewSession(qs).ShapeOf(`while(true){}`)
		done <- err
	}()
	select {
	case err := <-done:
		if !errors.Is(err, context.DeadlineExceeded) {
			t.Fatalf("err=%v, want a deadline", err)
		}
	case <-time.After(time.Minute):
		t.Fatal("ShapeOf(while(true){}) did not return")
	}
}
