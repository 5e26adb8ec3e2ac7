package main

import (
	"context"
	"errors"
	"expvar"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/http/pprof"
	"runtime"
	"time"
)

// The goroutine count is published beside expvar's "memstats" and
// "cmdline", so that a load test (or an operator) can tell a leak from a
// busy server with one GET of /debug/vars.
func init() {
	expvar.Publish("goroutines", expvar.Func(func() any { return runtime.NumGoroutine() }))
}

// debugHandler serves expvar's /debug/vars and net/http/pprof's
// /debug/pprof/ on a mux of its own: the profiles say what the server is
// doing and can cost CPU to take, so they are never on the public listener.
func debugHandler() http.Handler {
	mux := http.NewServeMux()
	mux.Handle("GET /debug/vars", expvar.Handler())
	mux.HandleFunc("GET /debug/pprof/", pprof.Index)
	mux.HandleFunc("GET /debug/pprof/cmdline", pprof.Cmdline)
	mux.HandleFunc("GET /debug/pprof/profile", pprof.Profile)
	mux.HandleFunc("GET /debug/pprof/symbol", pprof.Symbol)
	mux.HandleFunc("POST /debug/pprof/symbol", pprof.Symbol)
	mux.HandleFunc("GET /debug/pprof/trace", pprof.Trace)
	return mux
}

// checkDebugAddr refuses a debug address that is not on the loopback
// interface: profiles and memory statistics are for the machine's own
// operator, and nothing in them is guarded.
func checkDebugAddr(addr string) error {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return usagef("serve: --debug-addr %q: %v", addr, err)
	}
	if host == "localhost" {
		return nil
	}
	if ip := net.ParseIP(host); ip == nil || !ip.IsLoopback() {
		return usagef("serve: --debug-addr %q must be a loopback address, such as 127.0.0.1:6060", addr)
	}
	return nil
}

// startDebug listens on addr and serves [debugHandler] until the returned
// stop is called. It logs the address it listens on (addr may end in :0).
func startDebug(addr string, log *slog.Logger) (stop func(context.Context) error, err error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("listen for debug: %w", err)
	}
	srv := &http.Server{
		Handler:           debugHandler(),
		ReadHeaderTimeout: 5 * time.Second,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	log.Info("debug listening", "addr", "http://"+ln.Addr().String())
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	return func(ctx context.Context) error {
		if err := srv.Shutdown(ctx); err != nil {
			// A CPU profile or trace may still be running; cut it off.
			srv.Close()
		}
		if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
			return fmt.Errorf("debug server: %w", err)
		}
		return nil
	}, nil
}
