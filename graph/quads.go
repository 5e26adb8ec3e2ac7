package graph

import (
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"strings"

	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/jsonld"
	"github.com/cayleygraph/quad/nquads"
)

// MaxQuads bounds one [Store.Quads] answer.
const MaxQuads = 10000

// Quads returns up to f.First quads that match every term f sets. It starts
// from the subject or object index when one of those is given.
func (s *Store) Quads(ctx context.Context, f QuadFilter) ([]Quad, error) {
	first := f.First
	if first <= 0 {
		first = 100
	}
	if first > MaxQuads {
		return nil, invalidf("first %d is too large: at most %d", first, MaxQuads)
	}
	var terms [4]quad.Value
	for i, t := range []struct{ name, v string }{{"subject", f.Subject}, {"predicate", f.Predicate}, {"object", f.Object}, {"label", f.Label}} {
		if t.v == "" {
			continue
		}
		v, err := parseTerm(t.v)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", t.name, err)
		}
		terms[i] = v
	}
	match := func(q quad.Quad) bool {
		for i, d := range quad.Directions {
			if terms[i] != nil && q.Get(d) != terms[i] {
				return false
			}
		}
		return true
	}
	out := []Quad{}
	collect := func(q quad.Quad) error {
		if match(q) {
			out = append(out, quadOf(q))
			if len(out) == first {
				return errEnough
			}
		}
		return nil
	}
	var err error
	switch {
	case terms[0] != nil:
		err = s.eachQuad(ctx, quad.Subject, terms[0], collect)
	case terms[2] != nil:
		err = s.eachQuad(ctx, quad.Object, terms[2], collect)
	case terms[1] != nil:
		err = s.eachQuad(ctx, quad.Predicate, terms[1], collect)
	case terms[3] != nil:
		err = s.eachQuad(ctx, quad.Label, terms[3], collect)
	default:
		err = s.eachAll(ctx, collect)
	}
	if err != nil && err != errEnough {
		return nil, fmt.Errorf("read quads: %w", err)
	}
	return out, nil
}

// errEnough stops an iteration that has what it needs.
var errEnough = fmt.Errorf("enough")

// eachAll calls fn for every quad in the store. A full scan is too large
// to buffer, and outgrows the resolver's buffer so that it resolves values
// while its iterator is open: it streams under the store's lock (see
// storeLock), so fn must not read the store.
func (s *Store) eachAll(ctx context.Context, fn func(quad.Quad) error) error {
	var err error
	s.lock.read(cayleyRead, func() { err = s.stream(ctx, cayleyRead, s.qs.QuadsAllIterator(), fn) })
	return err
}

func quadOf(q quad.Quad) Quad {
	out := Quad{Subject: q.Subject.String(), Predicate: q.Predicate.String(), Object: q.Object.String()}
	if q.Label != nil {
		out.Label = q.Label.String()
	}
	return out
}

// parseTerm reads a term in N-Quads syntax (<iri>, "literal", "x"@en,
// "1"^^<type>, _:blank). Text that is none of those is an IRI when it has
// a scheme ("https://…", "urn:…") and a plain literal otherwise.
func parseTerm(s string) (quad.Value, error) {
	s = strings.TrimSpace(s)
	switch {
	case strings.HasPrefix(s, "<") || strings.HasPrefix(s, `"`) || strings.HasPrefix(s, "_:"):
		if err := checkEscapes([]byte(s)); err != nil {
			return nil, err
		}
		q, err := parseNQuad("<s> <p> " + s + " .")
		if err != nil || q.Object == nil {
			return nil, invalidf("%q is not an N-Quads term", s)
		}
		return q.Object, nil
	case strings.Contains(s, "://") || strings.HasPrefix(s, "urn:"):
		return quad.IRI(s), nil
	}
	return quad.String(s), nil
}

// Export formats.
const (
	FormatNQuads = "nquads"
	FormatJSONLD = "jsonld"
	FormatCSV    = "csv"
)

// ExportFormats lists the formats [Store.Export] writes.
func ExportFormats() []string { return []string{FormatNQuads, FormatJSONLD, FormatCSV} }

// Export writes every quad of the store to w: as N-Quads, as JSON-LD, or as
// CSV with one row per quad (subject, predicate, object, label, in N-Quads
// term syntax) under a header row.
func (s *Store) Export(ctx context.Context, w io.Writer, format string) error {
	var write func(quad.Quad) error
	var finish func() error
	switch format {
	case FormatNQuads, "":
		qw := nquads.NewWriter(w)
		write, finish = qw.WriteQuad, qw.Close
	case FormatJSONLD:
		qw := jsonld.NewWriter(w)
		write, finish = qw.WriteQuad, qw.Close
	case FormatCSV:
		cw := csv.NewWriter(w)
		if err := cw.Write([]string{"subject", "predicate", "object", "label"}); err != nil {
			return fmt.Errorf("export csv: %w", err)
		}
		write = func(q quad.Quad) error {
			r := quadOf(q)
			return cw.Write([]string{r.Subject, r.Predicate, r.Object, r.Label})
		}
		finish = func() error { cw.Flush(); return cw.Error() }
	default:
		return invalidf("unknown export format %q: want one of %v", format, ExportFormats())
	}
	if err := s.eachAll(ctx, write); err != nil {
		return fmt.Errorf("export %s: %w", format, err)
	}
	if err := finish(); err != nil {
		return fmt.Errorf("export %s: %w", format, err)
	}
	return nil
}
