package browsertest_test

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/parley-kg/parley/web/browsertest"
)

func TestFindChromium(t *testing.T) {
	t.Run("CHROMIUM_PATH", func(t *testing.T) {
		exe := filepath.Join(t.TempDir(), "chrome")
		if err := os.WriteFile(exe, nil, 0o755); err != nil {
			t.Fatal(err)
		}
		t.Setenv("CHROMIUM_PATH", exe)
		if got, err := browsertest.FindChromium(); err != nil || got != exe {
			t.Errorf("FindChromium() = %q, %v; want %q", got, err, exe)
		}
	})
	t.Run("CHROMIUM_PATHMissing", func(t *testing.T) {
		t.Setenv("CHROMIUM_PATH", filepath.Join(t.TempDir(), "nope"))
		if got, err := browsertest.FindChromium(); err == nil {
			t.Errorf("FindChromium() = %q, want an error", got)
		}
	})
}

// fakeTB records how a test would have ended.
type fakeTB struct {
	testing.TB
	skipped, failed bool
	msg             string
}

func (f *fakeTB) Helper() {}

func (f *fakeTB) Skipf(format string, args ...any) {
	f.skipped, f.msg = true, fmt.Sprintf(format, args...)
	runtime.Goexit()
}

func (f *fakeTB) Fatalf(format string, args ...any) {
	f.failed, f.msg = true, fmt.Sprintf(format, args...)
	runtime.Goexit()
}

// runNew calls browsertest.New on a fake test, as a test function would.
func runNew(t *testing.T) *fakeTB {
	f := &fakeTB{TB: t}
	done := make(chan struct{})
	go func() {
		defer close(done)
		browsertest.New(f)
	}()
	<-done
	return f
}

func TestNewWithoutChromium(t *testing.T) {
	t.Setenv("CHROMIUM_PATH", filepath.Join(t.TempDir(), "no-chromium"))

	t.Run("Skip", func(t *testing.T) {
		t.Setenv("CI", "")
		if f := runNew(t); !f.skipped || !strings.Contains(f.msg, "chromium") {
			t.Errorf("skipped=%v failed=%v msg=%q, want a skip that names chromium", f.skipped, f.failed, f.msg)
		}
	})
	t.Run("FailInCI", func(t *testing.T) {
		t.Setenv("CI", "true")
		if f := runNew(t); !f.failed || !strings.Contains(f.msg, "CI is set") {
			t.Errorf("skipped=%v failed=%v msg=%q, want a failure that says CI is set", f.skipped, f.failed, f.msg)
		}
	})
}

func TestArtifactsDir(t *testing.T) {
	t.Setenv("PARLEY_ARTIFACTS", "/some/where")
	if got, want := browsertest.ArtifactsDir(), "/some/where"; got != want {
		t.Errorf("ArtifactsDir() = %q, want %q", got, want)
	}
	t.Setenv("PARLEY_ARTIFACTS", "")
	if got, want := browsertest.ArtifactsDir(), filepath.Join(os.TempDir(), "parley-artifacts"); got != want {
		t.Errorf("ArtifactsDir() = %q, want %q", got, want)
	}
}
