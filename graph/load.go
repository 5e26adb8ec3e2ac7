package graph

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/nquads"
)

// MaxLineBytes bounds one line of N-Quads input. The stock parser accepts
// lines of any length; a longer line is an error, not an allocation.
const MaxLineBytes = 1 << 20

// maxErrors is how many line errors one parse reports before it stops.
const maxErrors = 20

// LoadResult says what a load did.
type LoadResult struct {
	Files int // files read
	Quads int // quads read, duplicates included
	Added int // quads that were new to the store
}

// Parse reads N-Quads (plain or gzip-compressed, detected from the content)
// and returns its quads. name is used in errors only. It checks what the stock
// parser lets through: invalid UTF-8, NUL bytes, over-long lines and quads
// with no label. On failure it returns up to 20 [LineError]s joined, each
// naming its line, and no quads.
func Parse(name string, r io.Reader) ([]quad.Quad, error) {
	stmts, err := ParseStatements(name, r)
	if err != nil {
		return nil, err
	}
	quads := make([]quad.Quad, len(stmts))
	for i, st := range stmts {
		quads[i] = st.Quad
	}
	return quads, nil
}

// Statement is a quad with the place it was read from.
type Statement struct {
	Quad quad.Quad
	File string
	Line int
}

// ParseStatements is [Parse], keeping where each quad was read, for [Check].
func ParseStatements(name string, r io.Reader) ([]Statement, error) {
	return parseStatements(name, r, true)
}

// parseStatements is ParseStatements; gunzip says whether gzip input is
// decompressed. A write over HTTP says its encoding in a header, and a
// gzip stream it did not announce must not grow past the body's limit.
func parseStatements(name string, r io.Reader, gunzip bool) ([]Statement, error) {
	br := bufio.NewReader(r)
	if magic, _ := br.Peek(2); gunzip && len(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b {
		zr, err := gzip.NewReader(br)
		if err != nil {
			return nil, fmt.Errorf("%s: read gzip header: %w", name, err)
		}
		defer zr.Close()
		br = bufio.NewReader(zr)
	}
	sc := bufio.NewScanner(br)
	sc.Buffer(make([]byte, 64*1024), MaxLineBytes+1)
	var (
		stmts []Statement
		errs  []error
		line  int
	)
	for sc.Scan() {
		line++
		q, ok, err := parseLine(sc.Bytes())
		if err != nil {
			errs = append(errs, &LineError{File: name, Line: line, Err: err})
			if len(errs) == maxErrors {
				errs = append(errs, fmt.Errorf("%s: stopped after %d errors", name, maxErrors))
				break
			}
			continue
		}
		if ok && errs == nil {
			stmts = append(stmts, Statement{Quad: q, File: name, Line: line})
		}
	}
	if err := sc.Err(); err != nil {
		if errors.Is(err, bufio.ErrTooLong) {
			err = invalidf("line longer than %d bytes", MaxLineBytes)
			errs = append(errs, &LineError{File: name, Line: line + 1, Err: err})
		} else {
			errs = append(errs, fmt.Errorf("%s: read after line %d: %w", name, line, err))
		}
	}
	if errs != nil {
		return nil, errors.Join(errs...)
	}
	return stmts, nil
}

// parseLine parses one line; ok is false for blank and comment lines. A
// line with escapes must also survive an export and a load unchanged (see
// checkEscapes and roundTrip).
func parseLine(b []byte) (q quad.Quad, ok bool, err error) {
	q, ok, err = parseTerms(b)
	if err != nil || !ok || bytes.IndexByte(b, '\\') < 0 {
		return q, ok, err
	}
	if err := roundTrip(q); err != nil {
		return q, false, err
	}
	return q, true, nil
}

// parseTerms parses one line as the N-Quads reader does, without the
// round-trip checks; ok is false for blank and comment lines.
func parseTerms(b []byte) (q quad.Quad, ok bool, err error) {
	if !utf8.Valid(b) {
		return q, false, invalidf("invalid UTF-8 at byte %d", validPrefix(b)+1)
	}
	if i := bytes.IndexByte(b, 0); i >= 0 {
		return q, false, invalidf("NUL byte at byte %d", i+1)
	}
	s := strings.TrimSpace(string(b))
	if s == "" || strings.HasPrefix(s, "#") {
		return q, false, nil
	}
	if bytes.IndexByte(b, '\\') >= 0 {
		// Before the parser, which panics on some escapes it cannot hold.
		if err := checkEscapes(b); err != nil {
			return q, false, err
		}
	}
	q, err = parseNQuad(s)
	if err != nil {
		return q, false, invalidf("%s", strings.TrimPrefix(err.Error(), "nquads: "))
	}
	q.Object = keepTyped(q.Object)
	if !q.IsValid() {
		return q, false, invalidf("not a quad: want subject, predicate, object and label")
	}
	if q.Label == nil {
		return q, false, invalidf("quad has no label: every quad must name the source paragraph it came from")
	}
	if _, ok := q.Predicate.(quad.IRI); !ok {
		return q, false, invalidf("predicate %s is not an IRI", q.Predicate)
	}
	if _, ok := q.Label.(quad.IRI); !ok {
		return q, false, invalidf("label %s is not an IRI", q.Label)
	}
	return q, true, nil
}

// parseNQuad is nquads.Parse, which panics on some input it does not
// expect (its 32-bit conversion of the escape \U80000000 overflows; found
// by FuzzParse): the panic becomes an error, so that no line or term can
// crash its reader.
func parseNQuad(s string) (q quad.Quad, err error) {
	defer func() {
		if r := recover(); r != nil {
			q, err = quad.Quad{}, fmt.Errorf("cannot parse: %v", r)
		}
	}()
	return nquads.Parse(s)
}

// validPrefix returns the length of the longest valid UTF-8 prefix of b.
func validPrefix(b []byte) int {
	n := 0
	for n < len(b) {
		r, size := utf8.DecodeRune(b[n:])
		if r == utf8.RuneError && size <= 1 {
			return n
		}
		n += size
	}
	return n
}

// Load parses N-Quads from r and adds them to the store in one transaction:
// either every quad of r is in the store afterwards or, on error, none of
// them was written. Quads already present are skipped.
func (s *Store) Load(ctx context.Context, name string, r io.Reader) (LoadResult, error) {
	quads, err := Parse(name, r)
	if err != nil {
		return LoadResult{}, err
	}
	res, err := s.add(ctx, quads)
	res.Files = 1
	return res, err
}

// LoadFS loads every *.nq and *.nq.gz file at the root of fsys, in name
// order, as one transaction: all files are parsed before anything is
// written, and a bad line in any file leaves the store unchanged.
func (s *Store) LoadFS(ctx context.Context, fsys fs.FS) (LoadResult, error) {
	names, err := nquadsFiles(fsys)
	if err != nil {
		return LoadResult{}, err
	}
	stmts, err := ReadFS(fsys)
	if err != nil {
		return LoadResult{}, err
	}
	all := make([]quad.Quad, len(stmts))
	for i, st := range stmts {
		all[i] = st.Quad
	}
	res, err := s.add(ctx, all)
	res.Files = len(names)
	return res, err
}

// ReadFS parses every *.nq and *.nq.gz file at the root of fsys, without
// loading it anywhere, keeping where each quad came from for [Check].
func ReadFS(fsys fs.FS) ([]Statement, error) {
	names, err := nquadsFiles(fsys)
	if err != nil {
		return nil, err
	}
	var all []Statement
	for _, name := range names {
		b, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", name, err)
		}
		stmts, err := ParseStatements(name, bytes.NewReader(b))
		if err != nil {
			return nil, err
		}
		all = append(all, stmts...)
	}
	return all, nil
}

func nquadsFiles(fsys fs.FS) ([]string, error) {
	entries, err := fs.ReadDir(fsys, ".")
	if err != nil {
		return nil, fmt.Errorf("list data files: %w", err)
	}
	var names []string
	for _, e := range entries {
		if !e.IsDir() && (path.Ext(e.Name()) == ".nq" || strings.HasSuffix(e.Name(), ".nq.gz")) {
			names = append(names, e.Name())
		}
	}
	sort.Strings(names)
	if names == nil {
		return nil, fmt.Errorf("no *.nq or *.nq.gz files: %w", ErrNotFound)
	}
	return names, nil
}

// LoadChecked is [Store.Load] for data not known to be good: it validates
// the quads against the vocabulary together with what the store holds, as
// [Store.AddQuads] does, and on any violation writes nothing. Unlike
// AddQuads it keeps the file's labels (a bulk import, such as an export
// being restored, carries its own provenance).
func (s *Store) LoadChecked(ctx context.Context, name string, r io.Reader) (LoadResult, error) {
	stmts, err := ParseStatements(name, r)
	if err != nil {
		return LoadResult{}, err
	}
	var res LoadResult
	err = s.serialWrite(ctx, func() error {
		fresh, err := s.checkAdd(ctx, stmts)
		if err != nil {
			return err
		}
		quads := make([]quad.Quad, len(fresh))
		for i, st := range fresh {
			quads[i] = st.Quad
		}
		res, err = s.addLocked(ctx, quads)
		return err
	})
	res.Files, res.Quads = 1, len(stmts)
	return res, err
}

// add writes quads in one transaction and brings the name index up to date.
func (s *Store) add(ctx context.Context, quads []quad.Quad) (LoadResult, error) {
	s.writeMu.Lock()
	defer s.writeMu.Unlock()
	return s.addLocked(ctx, quads)
}

// addLocked is add, under the write lock.
func (s *Store) addLocked(ctx context.Context, quads []quad.Quad) (LoadResult, error) {
	res := LoadResult{Quads: len(quads)}
	if err := ctx.Err(); err != nil {
		return res, err
	}
	if len(quads) == 0 {
		return res, nil
	}
	before, err := s.stats(ctx)
	if err != nil {
		return res, err
	}
	s.lock.write(func() { err = s.write(ctx, quads) })
	if err != nil {
		return res, fmt.Errorf("write %d quads: %w", len(quads), err)
	}
	after, err := s.stats(ctx)
	if err != nil {
		return res, err
	}
	res.Added = int(after.Quads.Size - before.Quads.Size)
	if res.Added > 0 {
		s.updateCatalog(ctx, nil, quads)
		s.textWritten(ctx, nil, quads)
	}
	s.log.InfoContext(ctx, "quads loaded", "read", res.Quads, "added", res.Added)
	return res, nil
}

// writeAttempts is how many times a write that lost a transaction conflict
// with another process is tried.
const writeAttempts = 5

// write adds quads in one transaction. On a shared SQL database two loads
// of overlapping data can deadlock; the database aborts one, which is
// retried, finding the other's quads present and skipping them.
func (s *Store) write(ctx context.Context, quads []quad.Quad) error {
	for attempt := 1; ; attempt++ {
		err := s.qw.AddQuadSet(quads)
		if err == nil || !retryable(err) || attempt == writeAttempts {
			return err
		}
		s.log.InfoContext(ctx, "write conflicted with another writer; retrying", "attempt", attempt, "err", err)
		select {
		case <-time.After(time.Duration(attempt) * 50 * time.Millisecond):
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

// keepTyped undoes the parser's conversion of typed literals to Go values
// (quad.Int and the like), whose N-Quads form names Cayley's own datatype
// IRIs ("schema:Integer") instead of XML Schema's: Parley keeps the literal
// as written, so that what it exports is what it loaded.
func keepTyped(v quad.Value) quad.Value {
	const xsd = "http://www.w3.org/2001/XMLSchema#"
	switch v := v.(type) {
	case quad.Int:
		return quad.TypedString{Value: quad.String(strconv.FormatInt(int64(v), 10)), Type: xsd + "integer"}
	case quad.Float:
		return quad.TypedString{Value: quad.String(strconv.FormatFloat(float64(v), 'g', -1, 64)), Type: xsd + "double"}
	case quad.Bool:
		return quad.TypedString{Value: quad.String(strconv.FormatBool(bool(v))), Type: xsd + "boolean"}
	case quad.Time:
		return quad.TypedString{Value: quad.String(time.Time(v).Format(time.RFC3339Nano)), Type: xsd + "dateTime"}
	}
	return v
}
