package graph

import (
	"strconv"
	"unicode/utf8"

	"github.com/cayleygraph/quad"
)

// checkEscapes refuses the escapes (\uXXXX, \UXXXXXXXX) of an N-Quads line
// that the stock parser would turn into something other than what they
// say: \u0000 becomes a NUL that no N-Quads reader takes back, so an export
// holding it could never be loaded again; a surrogate half (\uD800) or a
// code point past U+10FFFF silently becomes U+FFFD. Each is an error naming
// the escape and its byte, so that what a store holds is always what an
// export can restore.
func checkEscapes(b []byte) error {
	for i := 0; i < len(b); i++ {
		if b[i] != '\\' || i+1 == len(b) {
			continue
		}
		n := 0
		switch b[i+1] {
		case 'u':
			n = 4
		case 'U':
			n = 8
		default:
			i++ // skip the escaped character, which may be a backslash
			continue
		}
		if i+2+n > len(b) {
			return nil // too short: the parser says what is wrong
		}
		code, err := strconv.ParseUint(string(b[i+2:i+2+n]), 16, 32)
		if err != nil {
			return nil // not hex: the parser says what is wrong
		}
		esc := string(b[i : i+2+n])
		switch r := rune(code); {
		case r == 0:
			return invalidf("escaped NUL %s at byte %d: no N-Quads reader could load it back", esc, i+1)
		case r >= 0xD800 && r <= 0xDFFF:
			return invalidf("escape %s at byte %d is half of a UTF-16 surrogate pair, not a character: write the code point itself (\\U%08X for one above U+FFFF)", esc, i+1, r)
		case !utf8.ValidRune(r):
			return invalidf("escape %s at byte %d is past U+10FFFF, the last Unicode code point", esc, i+1)
		}
		i += 1 + n
	}
	return nil
}

// roundTrip checks that q, written out as an export writes it and read
// back as a load reads it, is q again: whatever a store accepts, its
// export restores.
func roundTrip(q quad.Quad) error {
	line := q.NQuad()
	back, ok, err := parseTerms([]byte(line))
	switch {
	case err != nil:
		return invalidf("exported as %s it could not be loaded again: %v", line, err)
	case !ok || back != q:
		return invalidf("exported as %s it would load again as another quad", line)
	}
	return nil
}
