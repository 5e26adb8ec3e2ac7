package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// A route is one kind of request a load run sends: a name for the report,
// the request for the run's i-th request, and a check of the answer to it
// (nil: want 200). A check that fails counts as an error, like a transport
// error.
type route struct {
	name  string
	req   func(i int64) (*http.Request, error)
	check func(i int64, status int, body []byte) error
}

// loadSpec bounds a load run by request count and by time, whichever comes
// first. Requests go to the routes in turn (request i to routes[i mod n]),
// so a run with several routes mixes them in fixed proportions.
type loadSpec struct {
	workers  int
	requests int64         // at most this many requests in all
	duration time.Duration // and no new request after this long
	routes   []route
}

// routeResult is what one route saw in a run.
type routeResult struct {
	name     string
	n        int             // requests answered, errors included
	errors   int             // transport errors, unexpected statuses, failed checks
	firstErr error           // the first of them, to say what went wrong
	lat      []time.Duration // of every request, sorted after the run
}

// quantile returns the q-quantile (0 < q ≤ 1) of the route's latencies, by
// the nearest-rank method, or 0 if it has none.
func (r *routeResult) quantile(q float64) time.Duration {
	if len(r.lat) == 0 {
		return 0
	}
	k := int(q*float64(len(r.lat))+0.5) - 1
	return r.lat[max(0, min(k, len(r.lat)-1))]
}

// loadResult is the outcome of a load run.
type loadResult struct {
	elapsed time.Duration
	routes  []*routeResult // in the order of loadSpec.routes
}

// errors returns the run's error count and the first error of each route
// that had one.
func (r loadResult) errors() (n int, first []error) {
	for _, rr := range r.routes {
		n += rr.errors
		if rr.firstErr != nil {
			first = append(first, fmt.Errorf("%s: %w", rr.name, rr.firstErr))
		}
	}
	return n, first
}

// throughput returns a route's answered requests per second of the run.
func (r loadResult) throughput(i int) float64 {
	return float64(r.routes[i].n) / r.elapsed.Seconds()
}

// newLoadClient returns a client that keeps a connection per worker alive
// between requests, as a load generator should, and does not follow
// redirects.
func newLoadClient(workers int) *http.Client {
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.MaxIdleConns = workers
	tr.MaxIdleConnsPerHost = workers
	return &http.Client{
		Transport:     tr,
		Timeout:       time.Minute,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
}

// sendLoad sends spec's requests with spec.workers concurrent workers, each
// sending its next request as soon as the last one is answered (a closed
// loop), and returns each route's latencies and errors. The time bound
// stops new requests; requests under way finish (or time out in c), so
// that a slow route is measured rather than cut off.
func sendLoad(ctx context.Context, c *http.Client, spec loadSpec) loadResult {
	var (
		next     atomic.Int64
		wg       sync.WaitGroup
		per      = make([][]routeResult, spec.workers) // per worker, per route
		start    = time.Now()
		deadline = start.Add(spec.duration)
	)
	for w := range spec.workers {
		per[w] = make([]routeResult, len(spec.routes))
		wg.Add(1)
		go func() {
			defer wg.Done()
			mine := per[w]
			for ctx.Err() == nil && time.Now().Before(deadline) {
				i := next.Add(1) - 1
				if i >= spec.requests {
					return
				}
				k := int(i % int64(len(spec.routes)))
				d, err := send(ctx, c, spec.routes[k], i)
				rr := &mine[k]
				rr.n++
				rr.lat = append(rr.lat, d)
				if err != nil {
					rr.errors++
					if rr.firstErr == nil {
						rr.firstErr = err
					}
				}
			}
		}()
	}
	wg.Wait()
	res := loadResult{elapsed: time.Since(start)}
	for k, rt := range spec.routes {
		all := &routeResult{name: rt.name}
		for w := range per {
			rr := per[w][k]
			all.n += rr.n
			all.errors += rr.errors
			all.lat = append(all.lat, rr.lat...)
			if all.firstErr == nil {
				all.firstErr = rr.firstErr
			}
		}
		slices.Sort(all.lat)
		res.routes = append(res.routes, all)
	}
	return res
}

// send sends one request of rt and checks its answer, and returns how long
// the round trip took, body read included.
func send(ctx context.Context, c *http.Client, rt route, i int64) (time.Duration, error) {
	req, err := rt.req(i)
	if err != nil {
		return 0, fmt.Errorf("build request %d: %w", i, err)
	}
	start := time.Now()
	res, err := c.Do(req.WithContext(ctx))
	if err != nil {
		return time.Since(start), err
	}
	body, err := io.ReadAll(res.Body)
	res.Body.Close()
	d := time.Since(start)
	if err != nil {
		return d, fmt.Errorf("read answer: %w", err)
	}
	if rt.check != nil {
		if err := rt.check(i, res.StatusCode, body); err != nil {
			return d, fmt.Errorf("request %d: %w", i, err)
		}
	} else if res.StatusCode != http.StatusOK {
		return d, fmt.Errorf("request %d: status %d: %.200s", i, res.StatusCode, body)
	}
	return d, nil
}

// getRoute is a route that GETs base+path and wants 200.
func getRoute(name, url string) route {
	return route{name: name, req: func(int64) (*http.Request, error) { return http.NewRequest(http.MethodGet, url, nil) }}
}

// graphQLRoute is a route that POSTs a GraphQL document with variables and
// wants 200, no errors, and want (if not empty) in the data. vars, if not
// nil, gives the variables of the i-th request.
func graphQLRoute(name, url, query string, vars func(i int64) map[string]any, want string) route {
	return route{
		name: name,
		req: func(i int64) (*http.Request, error) {
			var v map[string]any
			if vars != nil {
				v = vars(i)
			}
			b, err := json.Marshal(map[string]any{"query": query, "variables": v})
			if err != nil {
				return nil, err
			}
			req, err := http.NewRequest(http.MethodPost, url, bytes.NewReader(b))
			if err == nil {
				req.Header.Set("Content-Type", "application/json")
			}
			return req, err
		},
		check: func(_ int64, status int, body []byte) error {
			var res struct {
				Data   json.RawMessage `json:"data"`
				Errors []struct {
					Message string `json:"message"`
				} `json:"errors"`
			}
			if err := json.Unmarshal(body, &res); err != nil {
				return fmt.Errorf("status %d, not JSON: %.200s", status, body)
			}
			if status != http.StatusOK || len(res.Errors) > 0 {
				return fmt.Errorf("status %d, errors %+v", status, res.Errors)
			}
			if want != "" && !bytes.Contains(res.Data, []byte(want)) {
				return fmt.Errorf("data lacks %q: %.300s", want, res.Data)
			}
			return nil
		},
	}
}

// gizmoRoute is a route that POSTs a Gizmo query to url (Cayley's
// /api/v1/query/gizmo, Parley's or Cayley's own) and wants 200, no
// error, and a result that contains want.
func gizmoRoute(name, url, query, want string) route {
	return route{
		name: name,
		req: func(int64) (*http.Request, error) {
			req, err := http.NewRequest(http.MethodPost, url, strings.NewReader(query))
			if err == nil {
				req.Header.Set("Content-Type", "text/plain")
			}
			return req, err
		},
		check: func(_ int64, status int, body []byte) error {
			var res struct {
				Result json.RawMessage `json:"result"`
				Error  string          `json:"error"`
			}
			if err := json.Unmarshal(body, &res); err != nil {
				return fmt.Errorf("status %d, not JSON: %.200s", status, body)
			}
			if status != http.StatusOK || res.Error != "" {
				return fmt.Errorf("status %d, error %q", status, res.Error)
			}
			if !bytes.Contains(res.Result, []byte(want)) {
				return fmt.Errorf("result lacks %q: %.300s", want, res.Result)
			}
			return nil
		},
	}
}
