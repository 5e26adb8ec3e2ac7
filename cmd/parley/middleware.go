package main

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"runtime/debug"
	"time"

	"github.com/rs/cors"
)

// recoverPanics turns a panic in a handler into a 500 and a log line with
// the stack, so that one bad request cannot take the server down.
func recoverPanics(log *slog.Logger, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				log.ErrorContext(r.Context(), "panic serving request", "method", r.Method, "path", r.URL.Path,
					"panic", fmt.Sprint(v), "stack", string(debug.Stack()))
				writeJSON(w, http.StatusInternalServerError, map[string]string{"error": "internal error"})
			}
		}()
		next.ServeHTTP(w, r)
	})
}

// statusWriter records the status and size of a response.
type statusWriter struct {
	http.ResponseWriter
	status int
	bytes  int64
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	n, err := w.ResponseWriter.Write(b)
	w.bytes += int64(n)
	return n, err
}

// Unwrap lets http.ResponseController reach the underlying writer.
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// logRequests writes one log line per request.
func logRequests(log *slog.Logger, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w}
		next.ServeHTTP(sw, r)
		if sw.status == 0 {
			sw.status = http.StatusOK
		}
		log.InfoContext(r.Context(), "request", "method", r.Method, "path", r.URL.Path, "status", sw.status,
			"bytes", sw.bytes, "duration", time.Since(start).Round(time.Microsecond), "remote", r.RemoteAddr)
	})
}

// corsFor lets browsers on the given origins ("*" for any) read the API
// with GET and POST, without credentials. CORS only hides answers from
// other origins; it protects nothing that a request can change.
func corsFor(origins []string) *cors.Cors {
	return cors.New(cors.Options{
		AllowedOrigins:   origins,
		AllowedMethods:   []string{http.MethodGet, http.MethodPost, http.MethodHead},
		AllowedHeaders:   []string{"Content-Type", "Accept", "Authorization", "Content-Encoding"},
		AllowCredentials: false,
		MaxAge:           600,
	})
}

// timeoutContext bounds every request's context, so that a query stops
// when its time is up even if its client waits. The context's cause (see
// [context.Cause]) is a [queryTimeoutError], so that the error a client
// sees names the limit, its value and its flag rather than only "context
// deadline exceeded".
func timeoutContext(d time.Duration, next http.Handler) http.Handler {
	cause := queryTimeoutError{limit: d}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeoutCause(r.Context(), d, cause)
		defer cancel()
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

// queryTimeoutError is why a request's context ended when its time was
// up. It unwraps to [context.DeadlineExceeded], so that code testing for a
// deadline with [errors.Is] (the 504 of the Cayley API) still finds one.
type queryTimeoutError struct {
	limit time.Duration
}

func (e queryTimeoutError) Error() string {
	return fmt.Sprintf("query time limit of %v reached (--query-timeout)", e.limit)
}

// Unwrap returns [context.DeadlineExceeded].
func (e queryTimeoutError) Unwrap() error { return context.DeadlineExceeded }
