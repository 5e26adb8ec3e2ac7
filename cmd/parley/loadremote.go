package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"
	"time"
)

// remoteLoad writes files through a running server's /api/v2/write, for a
// store the server holds (a bolt store is one process's at a time). Each
// file is one write: all of it or, on error, none of it.
type remoteLoad struct {
	server string // base URL
	token  string
	client *http.Client
}

// clientToken returns the token for "parley load --server": from file if
// named, else from env (PARLEY_WRITE_TOKEN). Either may hold "TOKEN" or
// "NAME TOKEN", as the server's token file does; the first token found is
// used.
func clientToken(file, env string) (string, error) {
	text := env
	if file != "" {
		b, err := os.ReadFile(file)
		if err != nil {
			return "", fmt.Errorf("read write token: %w", err)
		}
		text = string(b)
	}
	sc := bufio.NewScanner(strings.NewReader(text))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		_, token, err := tokenLine(line)
		return token, err
	}
	return "", errors.New("no write token: give --token-file FILE or set PARLEY_WRITE_TOKEN")
}

// writeResponse is the server's answer to a write.
type writeResponse struct {
	Count         int      `json:"count"`
	Quads         int      `json:"quads"`
	Contributions []string `json:"contributions"`
	Error         string   `json:"error"`
	Violations    []struct {
		Line    int    `json:"line"`
		Subject string `json:"subject"`
		Message string `json:"message"`
	} `json:"violations"`
}

// load posts one file and returns the server's answer.
func (l remoteLoad) load(ctx context.Context, name string) (writeResponse, error) {
	b, err := os.ReadFile(name)
	if err != nil {
		return writeResponse{}, err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, strings.TrimRight(l.server, "/")+"/api/v2/write", bytes.NewReader(b))
	if err != nil {
		return writeResponse{}, fmt.Errorf("--server %q: %w", l.server, err)
	}
	req.Header.Set("Authorization", "Bearer "+l.token)
	req.Header.Set("Content-Type", "application/n-quads")
	if len(b) >= 2 && b[0] == 0x1f && b[1] == 0x8b {
		req.Header.Set("Content-Encoding", "gzip")
	}
	res, err := l.client.Do(req)
	if err != nil {
		return writeResponse{}, fmt.Errorf("write to %s: %w", l.server, err)
	}
	defer res.Body.Close()
	var out writeResponse
	body, _ := io.ReadAll(io.LimitReader(res.Body, 1<<20))
	if err := json.Unmarshal(body, &out); err != nil {
		return out, fmt.Errorf("write to %s: %s, and an answer that is not JSON: %.200s", l.server, res.Status, body)
	}
	if res.StatusCode == http.StatusOK {
		return out, nil
	}
	if len(out.Violations) == 0 {
		return out, fmt.Errorf("server answered %s: %s", res.Status, out.Error)
	}
	// Name the file, not the request body, at each line.
	lines := make([]string, 0, len(out.Violations))
	for i, v := range out.Violations {
		if i == 20 {
			lines = append(lines, fmt.Sprintf("and %d more", len(out.Violations)-i))
			break
		}
		lines = append(lines, fmt.Sprintf("%s:%d: <%s>: %s", name, v.Line, v.Subject, v.Message))
	}
	return out, fmt.Errorf("server answered %s, %d violations:\n%s", res.Status, len(out.Violations), strings.Join(lines, "\n"))
}

// newRemoteLoad returns a loader for server, with the token from file or
// env.
func newRemoteLoad(server, tokenFile, env string) (remoteLoad, error) {
	if !strings.HasPrefix(server, "http://") && !strings.HasPrefix(server, "https://") {
		return remoteLoad{}, usagef("load: --server %q: want an http:// or https:// URL", server)
	}
	token, err := clientToken(tokenFile, env)
	if err != nil {
		return remoteLoad{}, usagef("load: %v", err)
	}
	return remoteLoad{server: server, token: token, client: &http.Client{Timeout: 10 * time.Minute}}, nil
}
