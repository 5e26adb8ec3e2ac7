package graph

import (
	"errors"
	"fmt"
	"strings"
)

// Sentinel errors. Callers test for them with [errors.Is]; the GraphQL and
// HTTP edges map each to its own code.
var (
	// ErrNotFound is returned when a name, alias or IRI matches nothing.
	ErrNotFound = errors.New("not found")
	// ErrInvalid is returned for input that breaks the syntax or the
	// vocabulary: a malformed line, an unknown predicate, a bad argument.
	ErrInvalid = errors.New("invalid input")
	// ErrAmbiguous is returned when a name or alias matches more than one
	// entity and the caller needs exactly one.
	ErrAmbiguous = errors.New("ambiguous name")
	// ErrInUse is returned when a persistent store is held by another process.
	ErrInUse = errors.New("store is in use by another process")
	// ErrUnknownBackend is returned for a backend name Parley does not know.
	ErrUnknownBackend = errors.New("unknown store backend")
)

// LineError is an error at one line of an input file. It prints as
// "file:line: message" and unwraps to its cause, which wraps [ErrInvalid].
type LineError struct {
	File string
	Line int
	Err  error
}

func (e *LineError) Error() string {
	if e.File == "" {
		return fmt.Sprintf("line %d: %v", e.Line, e.Err)
	}
	return fmt.Sprintf("%s:%d: %v", e.File, e.Line, e.Err)
}

// Unwrap returns the cause.
func (e *LineError) Unwrap() error { return e.Err }

// invalidf returns an error wrapping [ErrInvalid] with a formatted message.
func invalidf(format string, args ...any) error {
	return fmt.Errorf("%w: %s", ErrInvalid, fmt.Sprintf(format, args...))
}

// maxReported is how many violations a [ViolationsError] prints.
const maxReported = 20

// ViolationsError is a write or check rejected because its data breaks the
// vocabulary. It unwraps to [ErrInvalid].
type ViolationsError struct {
	Violations []Violation // in input order
}

func (e *ViolationsError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d violation", len(e.Violations))
	if len(e.Violations) != 1 {
		b.WriteString("s")
	}
	b.WriteString(" of the vocabulary; nothing was changed")
	for i, v := range e.Violations {
		if i == maxReported {
			fmt.Fprintf(&b, "; and %d more", len(e.Violations)-i)
			break
		}
		b.WriteString("; " + v.Error())
	}
	return b.String()
}

// Unwrap returns [ErrInvalid].
func (e *ViolationsError) Unwrap() error { return ErrInvalid }
