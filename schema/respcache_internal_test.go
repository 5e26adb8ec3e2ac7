package schema

import (
	"fmt"
	"strings"
	"testing"
)

// The cache stays within its bytes, forgets the least recently used
// answer first, empties at a newer generation and ignores answers of an
// older one.
func TestResponseCacheBounds(t *testing.T) {
	const max = 64 << 10
	c := newResponseCache(max)
	body := []byte(strings.Repeat("x", 1000))
	for i := range 500 {
		c.put(2, fmt.Sprint("q", i), body)
		if c.size > max {
			t.Fatalf("after %d answers the cache holds %d bytes; want at most %d", i+1, c.size, max)
		}
		if i > 0 {
			c.get(2, "q0") // keep the first one in use
		}
	}
	if _, ok := c.get(2, "q0"); !ok {
		t.Error("the answer in use was forgotten")
	}
	if _, ok := c.get(2, "q1"); ok {
		t.Error("the least recently used answer is still there")
	}
	c.put(2, "huge", make([]byte, max/8))
	if _, ok := c.get(2, "huge"); ok {
		t.Error("an answer of an eighth of the cache was kept")
	}
	if _, ok := c.get(4, "q0"); ok || c.size != 0 || len(c.byKey) != 0 {
		t.Errorf("at a newer generation the cache holds %d bytes in %d answers; want none", c.size, len(c.byKey))
	}
	c.put(2, "late", body)
	if _, ok := c.get(4, "late"); ok {
		t.Error("an answer of an older generation was kept")
	}
	if newResponseCache(0) != nil {
		t.Error("a cache of 0 bytes is not off")
	}
}
