package main

import (
	"bufio"
	"crypto/sha256"
	"crypto/subtle"
	"fmt"
	"log/slog"
	"net/http"
	"os"
	"strings"

	"github.com/parley-kg/parley/graph/caller"
	"github.com/parley-kg/parley/schema"
)

// minTokenLen is the shortest write token accepted: 16 random characters
// are beyond guessing over HTTP.
const minTokenLen = 16

// defaultAuthor names the writer of a token given without a name.
const defaultAuthor = "editor"

// enableWrites says how to turn writes on; every refusal includes it.
const enableWrites = "start parley serve with --write-token-file FILE or PARLEY_WRITE_TOKEN, " +
	"then send the header Authorization: Bearer TOKEN"

// writeAuth checks the bearer tokens that writes need. With no tokens the
// server takes no writes at all.
type writeAuth struct {
	tokens []writeToken
}

// writeToken is one accepted token, kept as a digest so that comparing
// takes the same time whatever the token's length.
type writeToken struct {
	author string
	sum    [sha256.Size]byte
}

// loadWriteTokens reads the tokens from file ("" for none) and from env, the
// value of PARLEY_WRITE_TOKEN. Each non-blank line of the file that is not
// a # comment is "TOKEN" or "NAME TOKEN"; NAME is recorded as the author of
// what the token writes (default "editor").
func loadWriteTokens(file, env string, log *slog.Logger) (*writeAuth, error) {
	a := &writeAuth{}
	if env = strings.TrimSpace(env); env != "" {
		if err := a.add(env); err != nil {
			return nil, fmt.Errorf("PARLEY_WRITE_TOKEN: %w", err)
		}
	}
	if file == "" {
		return a, nil
	}
	f, err := os.Open(file)
	if err != nil {
		return nil, fmt.Errorf("read write tokens: %w", err)
	}
	defer f.Close()
	if fi, err := f.Stat(); err == nil && fi.Mode().Perm()&0o077 != 0 {
		log.Warn("write token file is readable by other users; chmod 600 it", "file", file, "mode", fi.Mode().Perm().String())
	}
	sc := bufio.NewScanner(f)
	for line := 1; sc.Scan(); line++ {
		text := strings.TrimSpace(sc.Text())
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		if err := a.add(text); err != nil {
			return nil, fmt.Errorf("%s:%d: %w", file, line, err)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read write tokens from %s: %w", file, err)
	}
	if len(a.tokens) == 0 {
		return nil, fmt.Errorf("%s holds no write token", file)
	}
	return a, nil
}

// tokenLine parses a line of a token file: "TOKEN" or "NAME TOKEN".
func tokenLine(text string) (author, token string, err error) {
	switch f := strings.Fields(text); len(f) {
	case 1:
		return defaultAuthor, f[0], nil
	case 2:
		return f[0], f[1], nil
	default:
		return "", "", fmt.Errorf("want TOKEN or NAME TOKEN, got %d words", len(f))
	}
}

// add parses "TOKEN" or "NAME TOKEN".
func (a *writeAuth) add(text string) error {
	author, token, err := tokenLine(text)
	if err != nil {
		return err
	}
	if len(token) < minTokenLen {
		return fmt.Errorf("write token of %s is %d characters; want at least %d (try: openssl rand -hex 24)", author, len(token), minTokenLen)
	}
	a.tokens = append(a.tokens, writeToken{author: author, sum: sha256.Sum256([]byte(token))})
	return nil
}

// enabled reports whether the server takes writes.
func (a *writeAuth) enabled() bool { return a != nil && len(a.tokens) > 0 }

// author returns the author of the bearer token r presents: "" with ok
// for a request without one, and ok false for a token that is wrong or
// malformed. Every token is compared, in constant time, whichever matches.
func (a *writeAuth) author(r *http.Request) (author string, ok bool) {
	h := r.Header.Get("Authorization")
	if h == "" {
		return "", true
	}
	scheme, token, _ := strings.Cut(h, " ")
	if !strings.EqualFold(scheme, "Bearer") {
		return "", false
	}
	sum := sha256.Sum256([]byte(strings.TrimSpace(token)))
	for _, t := range a.tokens {
		if subtle.ConstantTimeCompare(sum[:], t.sum[:]) == 1 {
			author = t.author
		}
	}
	return author, author != ""
}

// identify passes on the author of a request's valid token in its context
// (see [caller.WithAuthor]), for GraphQL mutations; a request without a
// token goes on as a reader, and one with a wrong token is refused.
func (a *writeAuth) identify(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !a.enabled() || r.Header.Get("Authorization") == "" {
			next.ServeHTTP(w, r)
			return
		}
		author, ok := a.author(r)
		if !ok {
			challenge(w, true)
			writeJSON(w, http.StatusUnauthorized, map[string]any{"errors": []any{map[string]any{
				"message": "invalid write token", "extensions": map[string]string{"code": "UNAUTHENTICATED"}}}})
			return
		}
		next.ServeHTTP(w, r.WithContext(caller.WithAuthor(r.Context(), author)))
	})
}

// require lets through only requests with a valid token, with the author
// in their context: 403 when the server takes no writes, 401 without a
// valid token.
func (a *writeAuth) require(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !a.enabled() {
			writeJSON(w, http.StatusForbidden, map[string]string{"error": a.deniedMessage()})
			return
		}
		author, ok := a.author(r)
		switch {
		case !ok:
			challenge(w, true)
			writeJSON(w, http.StatusUnauthorized, map[string]string{"error": "invalid write token"})
		case author == "":
			challenge(w, false)
			writeJSON(w, http.StatusUnauthorized, map[string]string{"error": schema.DefaultWriteDenied})
		default:
			next.ServeHTTP(w, r.WithContext(caller.WithAuthor(r.Context(), author)))
		}
	})
}

// deniedMessage is what a GraphQL mutation without a token is told.
func (a *writeAuth) deniedMessage() string {
	if !a.enabled() {
		return "this server takes no writes: to enable them, " + enableWrites
	}
	return schema.DefaultWriteDenied
}

// challenge sets the header RFC 6750 asks of a 401; invalid says the
// request presented a token that is wrong.
func challenge(w http.ResponseWriter, invalid bool) {
	v := `Bearer realm="parley"`
	if invalid {
		v += `, error="invalid_token"`
	}
	w.Header().Set("WWW-Authenticate", v)
}
