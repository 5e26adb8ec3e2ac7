package main

import (
	"bufio"
	"fmt"
	"math"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"strconv"
	"strings"
	"sync"
	"time"
)

// memoryShare is the part of the machine's memory (or of the cgroup's
// limit, when lower) that the default --memory-limit takes: the rest is
// for the page cache, the store's files and the other programs.
const memoryShare = 0.75

// refuseShare is how much of the memory limit the heap that survived the
// last collection may fill before the server refuses new queries: past
// it, the collector runs nearly all the time and queries crawl.
const refuseShare = 0.9

// memoryLimit is the process-wide soft memory limit and where it came
// from, for the log and for errors.
type memoryLimit struct {
	bytes  int64  // math.MaxInt64: none
	source string // "--memory-limit", "GOMEMLIMIT" or "default"
}

// chooseMemoryLimit returns the limit to set: --memory-limit when given
// (flag, "off" for none), else GOMEMLIMIT when set (the runtime has applied
// it already), else memoryShare of the machine's or the cgroup's memory.
func chooseMemoryLimit(flag string, getenv func(string) string) (memoryLimit, error) {
	switch {
	case flag == "off":
		return memoryLimit{math.MaxInt64, "--memory-limit"}, nil
	case flag != "":
		n, err := parseBytes(flag)
		if err != nil {
			return memoryLimit{}, usagef("serve: --memory-limit %q: %v", flag, err)
		}
		return memoryLimit{n, "--memory-limit"}, nil
	case getenv("GOMEMLIMIT") != "":
		return memoryLimit{debug.SetMemoryLimit(-1), "GOMEMLIMIT"}, nil
	}
	total := machineMemory()
	if total <= 0 {
		return memoryLimit{math.MaxInt64, "default (machine memory unknown)"}, nil
	}
	return memoryLimit{int64(float64(total) * memoryShare), "default"}, nil
}

// String prints the limit for people (see formatBytes).
func (m memoryLimit) String() string {
	if m.bytes == math.MaxInt64 {
		return "off"
	}
	return formatBytes(m.bytes)
}

// apply sets the limit for the whole process.
func (m memoryLimit) apply() { debug.SetMemoryLimit(m.bytes) }

// parseBytes reads a size as GOMEMLIMIT writes it: a whole number of
// bytes with an optional B, KiB, MiB, GiB or TiB suffix.
func parseBytes(s string) (int64, error) {
	units := []struct {
		suffix string
		shift  uint
	}{{"TiB", 40}, {"GiB", 30}, {"MiB", 20}, {"KiB", 10}, {"B", 0}}
	shift := uint(0)
	for _, u := range units {
		if strings.HasSuffix(s, u.suffix) {
			s, shift = strings.TrimSuffix(s, u.suffix), u.shift
			break
		}
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n < 1 || n > math.MaxInt64>>shift {
		return 0, fmt.Errorf("want a positive size such as 2GiB, 512MiB or 1000000B, or off")
	}
	return n << shift, nil
}

// formatBytes prints n for people: in GiB or MiB, exactly when it is a
// whole number of them, else with one decimal.
func formatBytes(n int64) string {
	switch {
	case n >= 1<<30 && n%(1<<30) == 0:
		return fmt.Sprintf("%dGiB", n>>30)
	case n >= 1<<30:
		return fmt.Sprintf("%.1fGiB", float64(n)/(1<<30))
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%dMiB", n>>20)
	case n >= 1<<20:
		return fmt.Sprintf("%.1fMiB", float64(n)/(1<<20))
	}
	return fmt.Sprintf("%dB", n)
}

// machineMemory returns the memory this process may use: the machine's,
// or its cgroup's limit when lower; 0 when neither can be read.
func machineMemory() int64 {
	var total int64
	if f, err := os.Open("/proc/meminfo"); err == nil {
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			if rest, ok := strings.CutPrefix(sc.Text(), "MemTotal:"); ok {
				kb, _ := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")), 10, 64)
				total = kb << 10
				break
			}
		}
		f.Close()
	}
	for _, p := range []string{"/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory/memory.limit_in_bytes"} {
		if b, err := os.ReadFile(p); err == nil {
			if n, err := strconv.ParseInt(strings.TrimSpace(string(b)), 10, 64); err == nil && n > 0 && (total == 0 || n < total) {
				total = n
			}
		}
	}
	return total
}

// memoryGuard refuses new queries while the heap that survived the last
// collection fills refuseShare of the memory limit, so that a burst of
// heavy queries meets a clear error naming the limit instead of a server
// that collects garbage without end, or swaps.
type memoryGuard struct {
	limit memoryLimit
	at    int64 // live heap at which to refuse

	mu        sync.Mutex
	collected time.Time // when check last collected garbage itself
}

// newMemoryGuard returns a guard for limit; nil, which admits everything,
// when there is none.
func newMemoryGuard(limit memoryLimit) *memoryGuard {
	if limit.bytes == math.MaxInt64 {
		return nil
	}
	return &memoryGuard{limit: limit, at: int64(float64(limit.bytes) * refuseShare)}
}

// check returns an error wrapping errMemory when the live heap is over
// the guard's mark. The live heap is measured at the end of each
// collection; a server that refuses everything allocates too little to
// start one, so when the mark is passed check collects, at most once a
// second, before it believes the figure.
func (g *memoryGuard) check() error {
	if g == nil {
		return nil
	}
	live := liveHeap()
	if live < g.at {
		return nil
	}
	g.mu.Lock()
	if time.Since(g.collected) >= time.Second {
		runtime.GC()
		g.collected = time.Now()
		live = liveHeap()
	}
	g.mu.Unlock()
	if live < g.at {
		return nil
	}
	return fmt.Errorf("%w: %s of live heap is over %.0f%% of the %s memory limit (%s); retry shortly",
		errMemory, formatBytes(live), refuseShare*100, g.limit, g.limit.source)
}

// liveHeap returns the heap that survived the last collection.
func liveHeap() int64 {
	s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(s)
	if s[0].Value.Kind() != metrics.KindUint64 {
		return 0
	}
	return int64(s[0].Value.Uint64())
}
