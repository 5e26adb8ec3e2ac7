package web_test

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/parley-kg/parley/web"
)

// notebookFiles returns the notebooks in web/notebooks, which the package
// embeds, with their contents.
func notebookFiles(t *testing.T) map[string][]byte {
	t.Helper()
	names, err := filepath.Glob(filepath.Join("notebooks", "*.ipynb"))
	if err != nil {
		t.Fatal(err)
	}
	if len(names) == 0 {
		t.Fatal("no notebooks in web/notebooks")
	}
	files := map[string][]byte{}
	for _, name := range names {
		content, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		files[filepath.Base(name)] = content
	}
	if _, ok := files["parley.ipynb"]; !ok {
		t.Errorf("notebooks=%v, want parley.ipynb among them", files)
	}
	return files
}

// TestNotebooks downloads every notebook over real HTTP, mounted as the
// documentation says, and checks that a browser would save it.
func TestNotebooks(t *testing.T) {
	mux := http.NewServeMux()
	mux.Handle("GET /notebooks/", http.StripPrefix("/notebooks/", web.Notebooks()))
	ts := httptest.NewServer(mux)
	defer ts.Close()

	for name, want := range notebookFiles(t) {
		t.Run(name, func(t *testing.T) {
			res, err := http.Get(ts.URL + "/notebooks/" + name)
			if err != nil {
				t.Fatal(err)
			}
			body, err := io.ReadAll(res.Body)
			res.Body.Close()
			if err != nil {
				t.Fatal(err)
			}
			if res.StatusCode != http.StatusOK {
				t.Fatalf("status=%d, want 200", res.StatusCode)
			}
			if !bytes.Equal(body, want) {
				t.Errorf("body: %d bytes differ from notebooks/%s (%d bytes)", len(body), name, len(want))
			}
			for header, want := range map[string]string{
				"Content-Type":           web.NotebookType,
				"Content-Disposition":    `attachment; filename="` + name + `"`,
				"Cache-Control":          "no-cache",
				"X-Content-Type-Options": "nosniff",
			} {
				if got := res.Header.Get(header); got != want {
					t.Errorf("%s=%q, want %q", header, got, want)
				}
			}
			etag := res.Header.Get("ETag")
			if etag == "" {
				t.Fatal("no ETag")
			}

			req, _ := http.NewRequest(http.MethodGet, ts.URL+"/notebooks/"+name, nil)
			req.Header.Set("If-None-Match", etag)
			res, err = http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			res.Body.Close()
			if res.StatusCode != http.StatusNotModified {
				t.Errorf("If-None-Match: status=%d, want 304", res.StatusCode)
			}
		})
	}
}

func TestNotebooksErrors(t *testing.T) {
	h := http.StripPrefix("/notebooks/", web.Notebooks())
	tests := []struct {
		name, method, path string
		want               int
	}{
		{"Listing", http.MethodGet, "/notebooks/", http.StatusNotFound},
		{"Missing", http.MethodGet, "/notebooks/nope.ipynb", http.StatusNotFound},
		{"WithDirectory", http.MethodGet, "/notebooks/notebooks/parley.ipynb", http.StatusNotFound},
		{"Dotdot", http.MethodGet, "/notebooks/../notebooks.go", http.StatusNotFound},
		{"Post", http.MethodPost, "/notebooks/parley.ipynb", http.StatusMethodNotAllowed},
		{"Head", http.MethodHead, "/notebooks/parley.ipynb", http.StatusOK},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rec := serve(h, tc.method, tc.path, nil)
			if rec.Code != tc.want {
				t.Errorf("%s %s: status=%d, want %d", tc.method, tc.path, rec.Code, tc.want)
			}
			if tc.method == http.MethodHead && rec.Body.Len() != 0 {
				t.Errorf("HEAD: body=%d bytes, want none", rec.Body.Len())
			}
		})
	}
}

// ipynb is the part of nbformat 4 that the tests read.
type ipynb struct {
	NBFormat      int `json:"nbformat"`
	NBFormatMinor int `json:"nbformat_minor"`
	Metadata      struct {
		Kernelspec struct {
			Name     string `json:"name"`
			Language string `json:"language"`
		} `json:"kernelspec"`
	} `json:"metadata"`
	Cells []struct {
		ID             string            `json:"id"`
		CellType       string            `json:"cell_type"`
		Source         json.RawMessage   `json:"source"` // a string or a list of lines
		ExecutionCount *int              `json:"execution_count"`
		Outputs        []json.RawMessage `json:"outputs"`
	} `json:"cells"`
}

// source joins a cell's source, which nbformat allows as one string or as a
// list of lines.
func source(t *testing.T, raw json.RawMessage) string {
	t.Helper()
	var s string
	if err := json.Unmarshal(raw, &s); err == nil {
		return s
	}
	var lines []string
	if err := json.Unmarshal(raw, &lines); err != nil {
		t.Fatalf("source is neither a string nor a list of strings: %s", raw)
	}
	return strings.Join(lines, "")
}

// magic matches an IPython magic or shell escape at the start of a line:
// the notebooks stick to plain Python, so they also run as scripts.
var magic = regexp.MustCompile(`(?m)^\s*[%!]`)

// TestNotebookFormat checks that each notebook is valid nbformat 4 JSON for
// the python3 kernel, stored with its outputs cleared, and written in plain
// Python that compiles.
func TestNotebookFormat(t *testing.T) {
	for name, content := range notebookFiles(t) {
		t.Run(name, func(t *testing.T) {
			var nb ipynb
			dec := json.NewDecoder(bytes.NewReader(content))
			if err := dec.Decode(&nb); err != nil {
				t.Fatalf("not JSON: %v", err)
			}
			if nb.NBFormat != 4 || nb.NBFormatMinor < 5 {
				t.Errorf("nbformat=%d.%d, want 4.5 or later", nb.NBFormat, nb.NBFormatMinor)
			}
			if k := nb.Metadata.Kernelspec; k.Name != "python3" || k.Language != "python" {
				t.Errorf("kernelspec=%+v, want python3, python", k)
			}
			ids := map[string]bool{}
			var code []string
			for i, c := range nb.Cells {
				if c.ID == "" || ids[c.ID] {
					t.Errorf("cell %d: id %q missing or repeated", i, c.ID)
				}
				ids[c.ID] = true
				src := source(t, c.Source)
				if strings.TrimSpace(src) == "" {
					t.Errorf("cell %d (%s) is empty", i, c.ID)
				}
				switch c.CellType {
				case "markdown":
				case "code":
					if c.ExecutionCount != nil || len(c.Outputs) != 0 {
						t.Errorf("cell %d (%s): execution_count set or %d outputs; want null and none (outputs cleared)", i, c.ID, len(c.Outputs))
					}
					if m := magic.FindString(src); m != "" {
						t.Errorf("cell %d (%s) uses IPython syntax %q; want plain Python", i, c.ID, m)
					}
					code = append(code, src)
				default:
					t.Errorf("cell %d (%s): cell_type=%q, want markdown or code", i, c.ID, c.CellType)
				}
			}
			if all := strings.Join(code, "\n"); !strings.Contains(all, `os.environ.get("PARLEY_URL"`) {
				t.Error("the notebook does not read PARLEY_URL from the environment")
			}
			compilePython(t, code)
		})
	}
}

// compilePython compiles each code cell with Python 3 (Debian's, when there
// is one), so that a syntax error fails here rather than in CI's run of the
// notebook. It skips without a Python 3, except under CI.
func compilePython(t *testing.T, cells []string) {
	t.Helper()
	python := "/usr/bin/python3"
	if _, err := os.Stat(python); err != nil {
		if python, err = exec.LookPath("python3"); err != nil {
			if os.Getenv("CI") != "" {
				t.Fatal("python3 not found: install Debian's python3")
			}
			t.Skip("python3 not found: the code cells were not compiled")
		}
	}
	input, err := json.Marshal(cells)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(python, "-c", `
import json, sys
for i, src in enumerate(json.load(sys.stdin)):
    try:
        compile(src, "code cell %d" % (i + 1), "exec")
    except SyntaxError as err:
        print(err, file=sys.stderr)
        sys.exit(1)
`)
	cmd.Stdin = bytes.NewReader(input)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Errorf("%s: %v\n%s", python, err, out)
	}
}
