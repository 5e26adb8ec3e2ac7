package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"

	"github.com/parley-kg/parley/graph"
	"github.com/parley-kg/parley/graph/authoring"
)

// runAdd implements "parley add FILE": it compiles an authoring file and
// the document text beside it, prints what would change, and, unless
// --dry-run, makes the file's statements the document's.
func runAdd(ctx context.Context, args []string, e env) error {
	var (
		cfg                      storeConfig
		server, tokenFile, about string
		dryRun                   bool
	)
	fs := newFlagSet("add", "add [flags] FILE.yaml", `  parley add --dry-run graph/authoring/testdata/fiction-ceasefire.yaml
  parley add --db /srv/parley.db graph/authoring/testdata/fiction-ceasefire.yaml
  PARLEY_WRITE_TOKEN=… parley add --server http://127.0.0.1:8080 graph/authoring/testdata/fiction-ceasefire.yaml
`, e.stderr)
	addStoreFlags(fs, &cfg, e.getenv)
	fs.BoolVar(&dryRun, "dry-run", false, "check the file and print what would change, without writing")
	fs.StringVar(&server, "server", "", "add through a running parley serve at this URL (its POST /api/v2/add)")
	fs.StringVar(&tokenFile, "token-file", "", "with --server: file holding the write token (else env PARLEY_WRITE_TOKEN)")
	fs.StringVar(&about, "author", "", "without --server: the author recorded with the write (default: $USER)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return usagef("add: name one authoring file")
	}
	req, err := readAddRequest(fs.Arg(0))
	if err != nil {
		return err
	}
	req.DryRun = dryRun
	if server != "" {
		rl, err := newRemoteLoad(server, tokenFile, e.getenv("PARLEY_WRITE_TOKEN"))
		if err != nil {
			return err
		}
		res, err := rl.add(ctx, req)
		if err != nil {
			return fmt.Errorf("add %s (nothing of it was written): %w", req.Name, err)
		}
		_, err = io.WriteString(e.stdout, res.Diff)
		return err
	}
	author := about
	if author == "" {
		author = e.getenv("USER")
	}
	if author == "" {
		author = "parley add"
	}
	log := newLogger(cfg, e.stderr)
	s, err := openStore(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer s.Close()
	res, err := addSource(ctx, s, graph.Change{Author: author}, req)
	if err != nil {
		return fmt.Errorf("add %s (nothing of it was written): %w", req.Name, err)
	}
	_, err = io.WriteString(e.stdout, res.Diff)
	return err
}

// addRequest is an authoring file and its document, as "POST /api/v2/add"
// takes them.
type addRequest struct {
	Name      string `json:"name"`      // the authoring file's name, for errors
	Authoring string `json:"authoring"` // the YAML
	Document  string `json:"document"`  // the text of the file the YAML's document.file names
	DryRun    bool   `json:"dryRun"`
}

// addResponse is what an add did, or would do.
type addResponse struct {
	Document      string   `json:"document"`
	Added         int      `json:"added"`
	Removed       int      `json:"removed"`
	Contributions []string `json:"contributions"`
	DryRun        bool     `json:"dryRun"`
	Diff          string   `json:"diff"`
	Error         string   `json:"error,omitempty"`
}

// readAddRequest reads an authoring file and the document file it names,
// which lies beside it.
func readAddRequest(name string) (addRequest, error) {
	data, err := os.ReadFile(name)
	if err != nil {
		return addRequest{}, fmt.Errorf("add: %w", err)
	}
	f, err := authoring.Parse(name, data)
	if err != nil {
		return addRequest{}, err
	}
	if f.Document.File == "" || filepath.Base(f.Document.File) != f.Document.File {
		return addRequest{}, fmt.Errorf("%s:%d: document: file %q must name the text file beside it", name, f.Document.Line, f.Document.File)
	}
	text, err := os.ReadFile(filepath.Join(filepath.Dir(name), f.Document.File))
	if err != nil {
		return addRequest{}, fmt.Errorf("%s:%d: document: %w", name, f.Document.Line, err)
	}
	return addRequest{Name: name, Authoring: string(data), Document: string(text)}, nil
}

// addSource compiles and applies req to s.
func addSource(ctx context.Context, s *graph.Store, ch graph.Change, req addRequest) (addResponse, error) {
	res, rr, err := authoring.Add(ctx, s, ch, req.Name, []byte(req.Authoring), req.Document, req.DryRun)
	if err != nil {
		return addResponse{}, err
	}
	var b strings.Builder
	if err := res.WriteDiff(&b, rr); err != nil {
		return addResponse{}, err
	}
	if req.DryRun {
		b.WriteString("dry run: nothing was written\n")
	}
	return addResponse{Document: res.Document, Added: len(rr.Added), Removed: len(rr.Removed),
		Contributions: nonNil(rr.Contributions), DryRun: req.DryRun, Diff: b.String()}, nil
}

// add posts req to the server's /api/v2/add.
func (l remoteLoad) add(ctx context.Context, req addRequest) (addResponse, error) {
	body, err := json.Marshal(req)
	if err != nil {
		return addResponse{}, err
	}
	hreq, err := http.NewRequestWithContext(ctx, http.MethodPost, strings.TrimRight(l.server, "/")+"/api/v2/add", bytes.NewReader(body))
	if err != nil {
		return addResponse{}, fmt.Errorf("--server %q: %w", l.server, err)
	}
	hreq.Header.Set("Authorization", "Bearer "+l.token)
	hreq.Header.Set("Content-Type", "application/json")
	res, err := l.client.Do(hreq)
	if err != nil {
		return addResponse{}, fmt.Errorf("add to %s: %w", l.server, err)
	}
	defer res.Body.Close()
	raw, _ := io.ReadAll(io.LimitReader(res.Body, 8<<20))
	var out addResponse
	if err := json.Unmarshal(raw, &out); err != nil {
		return out, fmt.Errorf("add to %s: %s, and an answer that is not JSON: %.200s", l.server, res.Status, raw)
	}
	if res.StatusCode != http.StatusOK {
		return out, fmt.Errorf("server answered %s:\n%s", res.Status, out.Error)
	}
	return out, nil
}
