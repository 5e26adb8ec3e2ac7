package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"time"
)

// bodyReader reads a request's body whole before the request goes on to
// the limiter, so that a client that sends its body slowly holds a
// goroutine and a little memory while it does, never a query slot. A body
// must arrive within timeout (0: the server's ReadTimeout alone); it is
// kept in memory up to inMemory bytes, beyond that in an unnamed temporary
// file.
type bodyReader struct {
	timeout  time.Duration
	inMemory int64
}

// wrap returns next with the body of each request read first, up to one
// byte more than limit(r), so that next's own size check still answers
// for a body that is too large. A body that takes longer than the timeout
// gets 408 naming --body-timeout and the connection is closed.
func (b bodyReader) wrap(limit func(*http.Request) int64, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Body == nil || r.Body == http.NoBody {
			next.ServeHTTP(w, r)
			return
		}
		rc := http.NewResponseController(w)
		if b.timeout > 0 {
			_ = rc.SetReadDeadline(time.Now().Add(b.timeout)) // unsupported by a test recorder: then the server's ReadTimeout holds
		}
		body, complete, err := b.read(r.Body, limit(r)+1)
		switch {
		case errors.Is(err, os.ErrDeadlineExceeded):
			w.Header().Set("Connection", "close")
			writeProblem(w, fmt.Errorf("%w: the body took longer than --body-timeout %v", errBodyTimeout, b.timeout),
				map[string]any{"limit": "body-timeout"})
			return
		case err != nil:
			w.Header().Set("Connection", "close")
			writeJSON(w, http.StatusBadRequest, map[string]string{"error": "read request body: " + err.Error()})
			return
		}
		defer body.Close()
		if complete {
			_ = rc.SetReadDeadline(time.Time{}) // the next request on the connection sets its own
		}
		// A copy of r, so that the server still sees its own body: what is
		// left of one too large, it drains or refuses as usual, closing
		// the connection gently rather than resetting it under the
		// client's feet.
		r2 := *r
		r2.Body = body
		next.ServeHTTP(w, &r2)
	})
}

// read reads up to max bytes of r and returns them, and whether r ended
// within them.
func (b bodyReader) read(r io.Reader, max int64) (body io.ReadCloser, complete bool, err error) {
	lr := &io.LimitedReader{R: r, N: max}
	var buf bytes.Buffer
	_, err = io.CopyN(&buf, lr, b.inMemory)
	if err == io.EOF {
		return io.NopCloser(bytes.NewReader(buf.Bytes())), lr.N > 0, nil
	}
	if err != nil {
		return nil, false, err
	}
	f, err := os.CreateTemp("", "parley-body-*")
	if err != nil {
		return nil, false, fmt.Errorf("create spool file: %w", err)
	}
	os.Remove(f.Name()) // lives until closed; a crash leaves nothing behind
	if _, err = f.Write(buf.Bytes()); err == nil {
		if _, err = io.Copy(f, lr); err == nil {
			_, err = f.Seek(0, io.SeekStart)
		}
	}
	if err != nil {
		f.Close()
		return nil, false, err
	}
	return f, lr.N > 0, nil
}
