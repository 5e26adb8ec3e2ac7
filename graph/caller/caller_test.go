package caller_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/parley-kg/parley/graph/caller"
)

func TestAuthor(t *testing.T) {
	ctx := context.Background()
	if a, ok := caller.Author(ctx); ok {
		t.Fatalf("Author of a bare context = %q, want none", a)
	}
	if a, ok := caller.Author(caller.WithAuthor(ctx, "")); ok {
		t.Fatalf("Author after WithAuthor(\"\") = %q, want none", a)
	}
	if a, ok := caller.Author(caller.WithAuthor(ctx, "alice")); !ok || a != "alice" {
		t.Fatalf("Author = %q, %v; want alice, true", a, ok)
	}
}

func ExampleAuthor() {
	ctx := caller.WithAuthor(context.Background(), "alice")
	if a, ok := caller.Author(ctx); ok {
		fmt.Println(a)
	}
	// Output: alice
}
