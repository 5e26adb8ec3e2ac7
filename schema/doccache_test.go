package schema_test

import (
	"fmt"
	"testing"

	"github.com/parley-kg/parley/schema"
)

func TestDocCache(t *testing.T) {
	t.Run("EvictsLeastRecentlyUsed", func(t *testing.T) {
		c := schema.NewDocCache(2)
		c.Put("a")
		c.Put("b")
		c.Get("a") // a is now more recent than b
		c.Put("c")
		for q, want := range map[string]bool{"a": true, "b": false, "c": true} {
			if got := c.Get(q); got != want {
				t.Errorf("Get(%q)=%v, want %v", q, got, want)
			}
		}
		if got, want := c.Len(), 2; got != want {
			t.Errorf("Len()=%d, want %d", got, want)
		}
	})
	t.Run("Bounded", func(t *testing.T) {
		c := schema.NewDocCache(8)
		for i := range 100 {
			c.Put(fmt.Sprint(i))
			c.Put(fmt.Sprint(i)) // a repeat updates, never duplicates
		}
		if got, want := c.Len(), 8; got != want {
			t.Errorf("Len()=%d, want %d", got, want)
		}
	})
	t.Run("Disabled", func(t *testing.T) {
		c := schema.NewDocCache(-1)
		c.Put("a")
		if c.Get("a") {
			t.Error("a disabled cache returned a document")
		}
	})
}
