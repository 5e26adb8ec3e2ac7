package main

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/parley-kg/parley/graph"
)

// crashRounds is how many times TestCrashKeepsAcknowledgedWrites kills the
// server.
const crashRounds = 20

// crashBatch is one write the crash test sends: new topics, each with a
// type and a name, so that a half-applied batch shows as some of them
// missing or nameless.
type crashBatch struct {
	iris  []string
	acked bool // the server answered 200
}

// body returns the batch as N-Quads, citing paragraph 16.
func (b *crashBatch) body() string {
	const p16 = "<https://w3id.org/parley/source/000_508fa90569225c0e/p16>"
	var sb strings.Builder
	for _, iri := range b.iris {
		fmt.Fprintf(&sb, "<%s> <%s> <%s> %s .\n", iri, graph.PredType, graph.ClassTopic, p16)
		fmt.Fprintf(&sb, "<%s> <%s> %q %s .\n", iri, graph.PredName, "crash topic "+iri[strings.LastIndex(iri, "/")+1:], p16)
	}
	return sb.String()
}

// TestCrashKeepsAcknowledgedWrites kills a real server with SIGKILL while
// two clients write to its bolt store, small batches and large ones
// (2,500 topics, 5,000 quads, the size of a file being loaded), at a
// random moment, 20 times over the same store. After every kill the store
// must open, hold every write the server acknowledged, hold each batch
// whole or not at all, and satisfy the vocabulary throughout.
func TestCrashKeepsAcknowledgedWrites(t *testing.T) {
	if testing.Short() {
		t.Skip("crash test: skipped with -short")
	}
	dir := filepath.Join(t.TempDir(), "db")
	tokens := filepath.Join(t.TempDir(), "tokens")
	if err := os.WriteFile(tokens, []byte("crash "+aliceToken+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	seed := time.Now().UnixNano()
	t.Logf("random seed %d", seed)
	rng := rand.New(rand.NewPCG(uint64(seed), 0))
	var (
		all   []*crashBatch
		acked int
	)
	for round := 1; round <= crashRounds; round++ {
		p := spawnServer(t, nil, "--db", dir, "--write-token-file", tokens)
		var (
			mu      sync.Mutex
			batches []*crashBatch
			wg      sync.WaitGroup
		)
		ctx, stop := context.WithCancel(context.Background())
		for w := 0; w < 2; w++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for n := 0; ctx.Err() == nil; n++ {
					size := 20
					if n%4 == 3 {
						size = 2500
					}
					b := &crashBatch{}
					for i := 0; i < size; i++ {
						b.iris = append(b.iris, fmt.Sprintf("%scrash/r%d-w%d-b%d-%d", graph.IDBase, round, w, n, i))
					}
					mu.Lock()
					batches = append(batches, b)
					mu.Unlock()
					if crashWrite(ctx, p.url, b.body()) {
						mu.Lock()
						b.acked = true
						mu.Unlock()
					}
				}
			}()
		}
		time.Sleep(time.Duration(50+rng.IntN(550)) * time.Millisecond)
		if err := p.cmd.Process.Kill(); err != nil {
			t.Fatal(err)
		}
		stop() // no new batches once the server is gone
		p.cmd.Wait()
		wg.Wait()
		all = append(all, batches...)
		for _, b := range batches {
			if b.acked {
				acked++
			}
		}
		// Each round checks its own batches; the last checks them all,
		// and the whole store against the vocabulary.
		check := batches
		if round == crashRounds {
			check = all
		}
		whole := checkAfterCrash(t, round, dir, check, round == crashRounds)
		if t.Failed() {
			t.Logf("server log of round %d:\n%s", round, p.logs.String())
			return
		}
		if round == crashRounds {
			t.Logf("%d rounds of SIGKILL; %d batches sent, %d acknowledged, %d whole in the store at the end, none partial",
				crashRounds, len(all), acked, whole)
		}
	}
}

// crashWrite sends one batch and reports whether the server acknowledged it.
func crashWrite(ctx context.Context, base, body string) bool {
	req, err := http.NewRequestWithContext(ctx, "POST", base+"/api/v2/write", strings.NewReader(body))
	if err != nil {
		return false
	}
	req.Header.Set("Authorization", "Bearer "+aliceToken)
	req.Header.Set("Content-Type", "application/n-quads")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return false
	}
	res.Body.Close()
	return res.StatusCode == http.StatusOK
}

// checkAfterCrash opens the killed server's store and checks batches, and
// with vocab the whole store against the vocabulary; it returns how many
// batches are in the store.
func checkAfterCrash(t *testing.T, round int, dir string, batches []*crashBatch, vocab bool) (whole int) {
	t.Helper()
	ctx := context.Background()
	s, err := graph.Open(ctx, graph.Config{Backend: graph.BackendBolt, Path: dir, LockTimeout: 5 * time.Second})
	if err != nil {
		t.Fatalf("round %d: store does not open after SIGKILL: %v", round, err)
	}
	defer s.Close()
	for _, b := range batches {
		present := 0
		for _, iri := range b.iris {
			e, err := s.Entity(ctx, iri)
			switch {
			case err == nil && e.Name != "":
				present++
			case err != nil && !errors.Is(err, graph.ErrNotFound):
				t.Fatalf("round %d: read %s: %v", round, iri, err)
			}
		}
		switch {
		case present == len(b.iris):
			whole++
		case present > 0:
			t.Errorf("round %d: half a batch is visible: %d of %d topics from %s", round, present, len(b.iris), b.iris[0])
		case b.acked:
			t.Errorf("round %d: an acknowledged batch of %d topics (%s…) is lost", round, len(b.iris), b.iris[0])
		}
	}
	if !vocab {
		return whole
	}
	var nq strings.Builder
	if err := s.Export(ctx, &nq, "nquads"); err != nil {
		t.Fatalf("round %d: export: %v", round, err)
	}
	quads, err := graph.Parse("store", strings.NewReader(nq.String()))
	if err != nil {
		t.Fatalf("round %d: reparse the store: %v", round, err)
	}
	if vs := graph.CheckQuads(quads); len(vs) > 0 {
		t.Errorf("round %d: the store breaks the vocabulary after SIGKILL: %d violations, first %v", round, len(vs), vs[0])
	}
	return whole
}
