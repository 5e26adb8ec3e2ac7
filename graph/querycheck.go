package graph

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/query"
)

// Limits on queries in Cayley's MQL and in Cayley's GraphQL dialect, checked
// before Cayley parses them. Cayley's parsers cannot be interrupted and do not
// look at the query's deadline: MQL nested 9,900 deep took 2.2 GB, and the
// GraphQL dialect parses nested brackets in quadratic time (100 KB of "[" took
// 18 s). Within these limits either parses in milliseconds.
const (
	// maxCayleyQueryBytes caps the text of an MQL or Cayley GraphQL query,
	// as Gizmo's source is capped.
	maxCayleyQueryBytes = 64 << 10
	// maxCayleyQueryDepth caps the nesting of JSON arrays and objects in
	// MQL, and of brackets ({, [, () in the GraphQL dialect.
	maxCayleyQueryDepth = 32
	// maxHTTPQueryBytes bounds what Cayley's HTTP handler of a language may
	// read before the check: as much as Cayley's own handler reads.
	maxHTTPQueryBytes = 1 << 20
)

// The errors of the checks below do not wrap ErrInvalid: Store.Query wraps
// every error a session's Execute returns, and Cayley's v2 handler answers
// them with 400.

// checkMQL refuses MQL text over the size or nesting limits. It reads the
// JSON with a streaming tokenizer, which keeps no tree, so the check itself
// takes linear time and constant memory. Text that is not JSON passes: MQL
// reports it.
func checkMQL(text string) error {
	if len(text) > maxCayleyQueryBytes {
		return fmt.Errorf("query is %d bytes, over the MQL limit of %d", len(text), maxCayleyQueryBytes)
	}
	dec := json.NewDecoder(strings.NewReader(text))
	depth := 0
	for {
		tok, err := dec.Token()
		if err != nil {
			return nil // io.EOF, or a syntax error MQL reports itself
		}
		switch tok {
		case json.Delim('['), json.Delim('{'):
			if depth++; depth > maxCayleyQueryDepth {
				return fmt.Errorf("query nests arrays and objects more than %d deep (the MQL depth limit), at byte %d",
					maxCayleyQueryDepth, dec.InputOffset())
			}
		case json.Delim(']'), json.Delim('}'):
			depth--
		}
	}
}

// checkCayleyGraphQL refuses text in Cayley's GraphQL dialect over the size
// or nesting limits. It skips strings ("...", """...""") and comments the way
// the dialect's lexer does; an unterminated string ends at the line's end, so
// that brackets after it still count.
func checkCayleyGraphQL(text string) error {
	if len(text) > maxCayleyQueryBytes {
		return fmt.Errorf("query is %d bytes, over the Cayley GraphQL limit of %d", len(text), maxCayleyQueryBytes)
	}
	depth := 0
	for i := 0; i < len(text); i++ {
		switch c := text[i]; c {
		case '#':
			for i+1 < len(text) && text[i+1] != '\n' && text[i+1] != '\r' {
				i++
			}
		case '"':
			i = skipGraphQLString(text, i)
		case '{', '[', '(':
			if depth++; depth > maxCayleyQueryDepth {
				return fmt.Errorf("query nests brackets more than %d deep (the Cayley GraphQL depth limit), at byte %d",
					maxCayleyQueryDepth, i)
			}
		case '}', ']', ')':
			depth--
		}
	}
	return nil
}

// skipGraphQLString returns the index of the last byte of the string that
// starts at text[i] == '"'.
func skipGraphQLString(text string, i int) int {
	if strings.HasPrefix(text[i:], `"""`) {
		for j := i + 3; j < len(text); j++ {
			switch {
			case strings.HasPrefix(text[j:], `\"""`):
				j += 3
			case strings.HasPrefix(text[j:], `"""`):
				return j + 2
			}
		}
		return len(text) - 1
	}
	for j := i + 1; j < len(text); j++ {
		switch text[j] {
		case '\\':
			j++
		case '"':
			return j
		case '\n', '\r':
			return j - 1
		}
	}
	return len(text) - 1
}

// checkedLanguage returns lang with every way into it (sessions, REPL,
// Cayley's HTTP handler) checking the query text with check first.
func checkedLanguage(lang query.Language, check func(string) error) query.Language {
	if session := lang.Session; session != nil {
		lang.Session = func(qs cgraph.QuadStore) query.Session { return checkedSession{session(qs), check} }
	}
	if repl := lang.REPL; repl != nil {
		lang.REPL = func(qs cgraph.QuadStore) query.REPLSession { return checkedSession{repl(qs), check} }
	}
	if h := lang.HTTP; h != nil {
		lang.HTTP = func(qs cgraph.QuadStore) query.HTTP { return checkedHTTP{h(qs), check} }
	}
	if hq := lang.HTTPQuery; hq != nil {
		herr := lang.HTTPError
		lang.HTTPQuery = func(ctx context.Context, qs cgraph.QuadStore, w query.ResponseWriter, r io.Reader) {
			// The server caps request bodies (--max-body); Cayley reads up to
			// 1 MiB itself. The cap here only keeps the read finite.
			text, err := io.ReadAll(io.LimitReader(r, maxHTTPQueryBytes))
			if err == nil {
				err = check(string(text))
			}
			if err != nil {
				w.WriteHeader(http.StatusBadRequest)
				if herr != nil {
					herr(w, err)
				} else {
					json.NewEncoder(w).Encode(map[string]string{"error": err.Error()})
				}
				return
			}
			defer func() {
				if r := recover(); r != nil {
					err := fmt.Errorf("query failed in Cayley: %v", r)
					if herr != nil {
						herr(w, err)
					}
				}
			}()
			hq(ctx, qs, w, bytes.NewReader(text))
		}
	}
	return lang
}

type checkedSession struct {
	query.Session
	check func(string) error
}

func (s checkedSession) Execute(ctx context.Context, text string, opt query.Options) (query.Iterator, error) {
	return checkedExecute(ctx, s.Session, s.check, text, opt)
}

type checkedHTTP struct {
	query.HTTP
	check func(string) error
}

func (s checkedHTTP) Execute(ctx context.Context, text string, opt query.Options) (query.Iterator, error) {
	return checkedExecute(ctx, s.HTTP, s.check, text, opt)
}

func (s checkedHTTP) ShapeOf(text string) (_ any, err error) {
	if err := s.check(text); err != nil {
		return nil, err
	}
	defer recovered(&err)
	return s.HTTP.ShapeOf(text)
}

// checkedExecute checks text, then runs it in sess. A panic in Cayley's
// parser or iterators (the GraphQL dialect's lexer panics on an empty block
// string, """""") becomes an error.
func checkedExecute(ctx context.Context, sess query.Session, check func(string) error, text string, opt query.Options) (_ query.Iterator, err error) {
	if err := check(text); err != nil {
		return nil, err
	}
	defer recovered(&err)
	it, err := sess.Execute(ctx, text, opt)
	if err != nil {
		return nil, err
	}
	return &recoveringIterator{Iterator: it}, nil
}

// recovered turns a panic into *err; deferred.
func recovered(err *error) {
	if r := recover(); r != nil {
		*err = fmt.Errorf("query failed in Cayley: %v", r)
	}
}

// recoveringIterator turns a panic in Next or Result into Err.
type recoveringIterator struct {
	query.Iterator
	err error
}

func (it *recoveringIterator) Next(ctx context.Context) (ok bool) {
	if it.err != nil {
		return false
	}
	defer func() {
		if r := recover(); r != nil {
			it.err = fmt.Errorf("query failed in Cayley: %v", r)
			ok = false
		}
	}()
	return it.Iterator.Next(ctx)
}

func (it *recoveringIterator) Result() (v any) {
	defer func() {
		if r := recover(); r != nil {
			it.err = fmt.Errorf("query failed in Cayley: %v", r)
			v = nil
		}
	}()
	return it.Iterator.Result()
}

func (it *recoveringIterator) Err() error {
	if it.err != nil {
		return it.err
	}
	return it.Iterator.Err()
}

// cayleyChecks are the checks [Store.session] puts in front of Cayley's MQL
// and GraphQL dialect (checkMQL, checkCayleyGraphQL), by language name.
// Every query in them reaches Cayley through Store.Query, so wrapping the
// session there covers v1, v2 and every session without changing Cayley's
// registry of languages.
var cayleyChecks = map[string]func(string) error{"mql": checkMQL, "graphql": checkCayleyGraphQL}
