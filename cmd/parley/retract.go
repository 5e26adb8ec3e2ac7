package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"strings"

	"github.com/parley-kg/parley/graph"
	"github.com/parley-kg/parley/graph/authoring"
	"github.com/parley-kg/parley/graph/caller"
)

// retractRequest is what "POST /api/v2/retract" takes.
type retractRequest struct {
	Target string `json:"target"` // a document or contribution IRI
	Reason string `json:"reason"`
}

// runRetract implements "parley retract --reason WHY TARGET": TARGET is a
// document or contribution IRI, or an authoring file (its document).
func runRetract(ctx context.Context, args []string, e env) error {
	var (
		cfg                       storeConfig
		server, tokenFile, author string
		req                       retractRequest
	)
	fs := newFlagSet("retract", "retract --reason WHY TARGET", `  parley retract --reason "fiction, for tests" graph/authoring/testdata/fiction-ceasefire.yaml
  parley retract --reason "wrong paragraph" https://w3id.org/parley/source/contribution/20261202T101500Z-0a1b2c3d4e5f/1
`, e.stderr)
	addStoreFlags(fs, &cfg, e.getenv)
	fs.StringVar(&req.Reason, "reason", "", "why it is withdrawn (required)")
	fs.StringVar(&server, "server", "", "retract through a running parley serve at this URL (its POST /api/v2/retract)")
	fs.StringVar(&tokenFile, "token-file", "", "with --server: file holding the write token (else env PARLEY_WRITE_TOKEN)")
	fs.StringVar(&author, "author", "", "without --server: who retracts it (default: $USER)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 || req.Reason == "" {
		return usagef("retract: give --reason and one document, contribution or authoring file")
	}
	req.Target = fs.Arg(0)
	if strings.HasSuffix(req.Target, ".yaml") || strings.HasSuffix(req.Target, ".yml") {
		data, err := os.ReadFile(req.Target)
		if err != nil {
			return fmt.Errorf("retract: %w", err)
		}
		f, err := authoring.Parse(req.Target, data)
		if err != nil {
			return err
		}
		req.Target = f.DocumentIRI()
	}
	if server != "" {
		rl, err := newRemoteLoad(server, tokenFile, e.getenv("PARLEY_WRITE_TOKEN"))
		if err != nil {
			return err
		}
		return rl.retract(ctx, req, e.stdout)
	}
	if author == "" {
		author = or(e.getenv("USER"), "parley retract")
	}
	s, err := openStore(ctx, cfg, newLogger(cfg, e.stderr))
	if err != nil {
		return err
	}
	defer s.Close()
	iri, err := s.Retract(ctx, graph.Change{Author: author}, req.Target, req.Reason)
	if err != nil {
		return fmt.Errorf("retract %s: %w", req.Target, err)
	}
	_, err = fmt.Fprintf(e.stdout, "retracted %s: %s\n", req.Target, iri)
	return err
}

func or(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

func (l remoteLoad) retract(ctx context.Context, req retractRequest, w io.Writer) error {
	body, _ := json.Marshal(req)
	hreq, err := http.NewRequestWithContext(ctx, http.MethodPost, strings.TrimRight(l.server, "/")+"/api/v2/retract", bytes.NewReader(body))
	if err != nil {
		return fmt.Errorf("--server %q: %w", l.server, err)
	}
	hreq.Header.Set("Authorization", "Bearer "+l.token)
	hreq.Header.Set("Content-Type", "application/json")
	res, err := l.client.Do(hreq)
	if err != nil {
		return fmt.Errorf("retract at %s: %w", l.server, err)
	}
	defer res.Body.Close()
	var out map[string]any
	raw, _ := io.ReadAll(io.LimitReader(res.Body, 1<<20))
	if err := json.Unmarshal(raw, &out); err != nil || res.StatusCode != http.StatusOK {
		return fmt.Errorf("retract at %s: %s: %.300s", l.server, res.Status, raw)
	}
	_, err = fmt.Fprintf(w, "retracted %s: %v\n", req.Target, out["retraction"])
	return err
}

// handleRetract handles "POST /api/v2/retract": JSON {"target", "reason"};
// the author comes from the request's token.
func handleRetract(log *slog.Logger, g *graph.Store, maxBody int64) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var req retractRequest
		dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, maxBody))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&req); err != nil {
			writeJSON(w, http.StatusBadRequest, map[string]string{"error": "read the retract request: " + err.Error()})
			return
		}
		author, _ := caller.Author(r.Context())
		iri, err := g.Retract(r.Context(), graph.Change{Author: author}, req.Target, req.Reason)
		if err != nil {
			writeErr(log, w, r, maxBody, err)
			return
		}
		writeJSON(w, http.StatusOK, map[string]string{"retraction": iri, "target": req.Target})
	})
}
