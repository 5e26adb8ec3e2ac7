// Parley addition to the copy of Cayley's query/gizmo (see README.md): the limits that
// keep one Gizmo query from taking the whole process down.

package gizmo

import (
	"context"
	"errors"
	"fmt"
	"runtime/metrics"
	"time"

	"github.com/dop251/goja"

	"github.com/cayleygraph/cayley/query"
)

// Limits on a query. Those that depend on the result limit apply only when
// query.Options.Limit is above zero; the others always apply.
const (
	// maxQueryBytes caps the source of a query, and of code built at run time with
	// eval or Function: goja compiles deep nesting with Go recursion (a few MB of
	// brackets overflow the stack) and long operator chains in quadratic time,
	// neither of which can be interrupted.
	maxQueryBytes = 64 << 10

	// collectFactor times the result limit caps the values that finals (toArray,
	// tagArray, toValue, tagValue, forEach, map) may bring into the VM in one query.
	collectFactor = 1000

	// maxExportDepth, maxExportValues and maxExportBytes bound one value taken out
	// of the VM (arguments, emit, the script's final value, JSON.stringify).
	maxExportDepth  = 200
	maxExportValues = 1 << 20
	maxExportBytes  = 64 << 20

	// maxArrayLength caps the length of arrays given to the Array.prototype methods
	// that loop over the length in Go, where an interrupt cannot reach them
	// (Array(4e9).indexOf(1) runs for minutes; Array(4e9).map allocates 64 GB).
	maxArrayLength = 1 << 22
	// maxApplyArgs caps the arguments passed with Function.prototype.apply.
	maxApplyArgs = 1 << 16
	// maxStringLength caps strings built by join and replace.
	maxStringLength = 1 << 24
	// maxJoinDepth caps nested joins (arrays inside arrays turned to strings).
	maxJoinDepth = 1000

	// maxStackGrowth and maxHeapGrowth stop a query when the process's goroutine
	// stacks or heap grow this much while it runs. Recursion through native calls
	// (function f(){ f.call() }, recursive getters) grows the Go stack until the
	// runtime aborts the process at 1 GB; these catch it first. They are measured
	// for the whole process, so a busy process may stop a query early. A script
	// can overshoot the heap limit by what one operation allocates (s = s + s
	// doubles), which the watchdog cannot interrupt: with 1 GiB and a 10 ms poll
	// one query reached 3-4 GB of RSS; 256 MiB polled every 2 ms keeps it under
	// 1 GB (see README.md).
	maxStackGrowth = 128 << 20
	maxHeapGrowth  = 256 << 20
	watchInterval  = 2 * time.Millisecond

	// shapeTimeout bounds ShapeOf, which has no context.
	shapeTimeout = 10 * time.Second

	// maxErrorBytes caps the message of an uncaught script exception.
	maxErrorBytes = 4 << 10
)

// ErrResourceLimit is wrapped by the error of a query that exceeded one of the
// package's resource limits: a value too large to take out of the VM, too many
// values collected by finals, too much stack or heap, or a query source that is
// too long. Use errors.Is to test for it.
var ErrResourceLimit = errors.New("gizmo: query exceeded a resource limit")

var (
	errClosed     = errors.New("gizmo: iterator closed")
	errSuperseded = errors.New("gizmo: session started another query")
)

// Truncated reports whether it, an iterator returned by a Gizmo session's Execute,
// dropped results because of the limit in query.Options: all(), getLimit, emit,
// toArray, tagArray, forEach and map never collect more than Options.Limit values
// per call (and all() and emit never send more than that in total), and when one
// of them had to stop early Truncated turns true. Results already returned stay
// valid and Err is not set. It is safe to call at any time, and returns false for
// iterators of other languages.
func Truncated(it query.Iterator) bool {
	t, ok := it.(interface{ Truncated() bool })
	return ok && t.Truncated()
}

// capLimit applies the session limit to a final's own limit n (n <= 0: none). It
// returns the limit to use and whether the session limit set it, in which case the
// caller reads one result more to learn whether it truncates.
func (s *Session) capLimit(n int) (int, bool) {
	if s.limit > 0 && (n <= 0 || n > s.limit) {
		return s.limit, true
	}
	return n, false
}

// take counts one value brought into the VM by a final.
func (s *Session) take(fn string) error {
	s.collected++
	if s.limit > 0 && s.collected > s.limit*collectFactor {
		return fmt.Errorf("gizmo: %s(): query collected more than %d values: %w", fn, s.limit*collectFactor, ErrResourceLimit)
	}
	return nil
}

// protect runs f, turning a Go panic (from an iterator, say) into an error, and
// letting the panics goja uses for exceptions and interrupts through.
func protect(fn string, f func() error) (err error) {
	defer func() {
		if r := recover(); r != nil {
			switch r.(type) {
			case *goja.InterruptedError, *goja.Exception, goja.Value:
				panic(r)
			}
			err = fmt.Errorf("gizmo: %s(): %v", fn, r)
		}
	}()
	return f()
}

// panicError turns a value recovered from a panic into an error.
func panicError(r interface{}) error {
	if err, ok := r.(error); ok {
		return fmt.Errorf("gizmo: query failed: %w", err)
	}
	return fmt.Errorf("gizmo: query failed: %v", r)
}

// scriptError replaces err, as returned by the VM, with an error that is safe to
// keep: a Go error thrown by a Gizmo function is returned as it is (as Cayley did),
// an interrupt wraps its cause, and a JavaScript exception becomes a plain error
// with the exception's message. goja's Exception.Error calls the thrown object's
// toString, which would run script code wherever the error is printed.
func (s *Session) scriptError(err error) error {
	for i := 0; i < 8; i++ {
		switch e := err.(type) {
		case *goja.InterruptedError:
			if cause, ok := e.Value().(error); ok {
				return fmt.Errorf("gizmo: query stopped: %w", cause)
			}
			return fmt.Errorf("gizmo: query stopped: %v", e.Value())
		case *goja.Exception:
			if ge, ok := goError(e.Value()); ok && ge != nil {
				err = ge
				continue
			}
			return errors.New(s.exceptionMessage(e))
		default:
			return err
		}
	}
	return err
}

func (s *Session) exceptionMessage(e *goja.Exception) (msg string) {
	defer func() {
		if r := recover(); r != nil {
			s.broken = true // script code ran outside RunProgram and failed
			msg = "gizmo: uncaught exception"
		}
	}()
	msg = e.Error()
	if len(msg) > maxErrorBytes {
		msg = msg[:maxErrorBytes] + "..."
	}
	return msg
}

// interrupt asks the VM to stop at its next instruction. The request stays pending
// if the VM is not running JavaScript; prepare clears it before the next run.
func (s *Session) interrupt(cause error) {
	s.vm.Interrupt(cause)
	s.pending = true
}

// watch interrupts the VM when ctx is done or when the process's stacks or heap grow
// past the limits, and keeps interrupting (a script can swallow one through a Gizmo
// callback) until the returned stop is called.
func (s *Session) watch(ctx context.Context) (stop func()) {
	quit := make(chan struct{})
	exited := make(chan struct{})
	base := readMemory()
	go func() {
		defer close(exited)
		tick := time.NewTicker(watchInterval)
		defer tick.Stop()
		done := ctx.Done()
		var cause error
		for {
			select {
			case <-quit:
				return
			case <-done:
				done = nil
				if cause == nil {
					cause = context.Cause(ctx)
				}
			case <-tick.C:
				if cause == nil {
					cause = base.exceeded(readMemory())
				}
			}
			if cause != nil {
				s.interrupt(cause)
			}
		}
	}()
	return func() {
		close(quit)
		<-exited
	}
}

type memory struct{ stacks, heap uint64 }

func readMemory() memory {
	samples := []metrics.Sample{
		{Name: "/memory/classes/heap/stacks:bytes"},
		{Name: "/memory/classes/heap/objects:bytes"},
	}
	metrics.Read(samples)
	var m memory
	if samples[0].Value.Kind() == metrics.KindUint64 {
		m.stacks = samples[0].Value.Uint64()
	}
	if samples[1].Value.Kind() == metrics.KindUint64 {
		m.heap = samples[1].Value.Uint64()
	}
	return m
}

func (base memory) exceeded(cur memory) error {
	switch {
	case cur.stacks > base.stacks && cur.stacks-base.stacks > maxStackGrowth:
		return fmt.Errorf("gizmo: query grew the stack by more than %d MiB (deep recursion): %w", maxStackGrowth>>20, ErrResourceLimit)
	case cur.heap > base.heap && cur.heap-base.heap > maxHeapGrowth:
		return fmt.Errorf("gizmo: query grew the heap by more than %d MiB (the per-query memory limit): %w", maxHeapGrowth>>20, ErrResourceLimit)
	}
	return nil
}
