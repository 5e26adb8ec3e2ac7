package main

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/parley-kg/parley/web/browsertest"
)

// Debian's Jupyter and Python. The python3 first on PATH may be another
// build (pyenv, a virtualenv) without Jupyter's packages, so the test names
// Debian's binaries and puts /usr/bin first on the PATH it runs them with.
const (
	debianJupyter = "/usr/bin/jupyter"
	debianPython  = "/usr/bin/python3"
)

// ansiEscape matches the terminal colour codes in IPython's tracebacks.
var ansiEscape = regexp.MustCompile("\x1b\\[[0-9;]*m")

// notebookPackages is what a fresh Debian needs for TestNotebook.
const notebookPackages = "jupyter-nbconvert python3-ipykernel python3-pandas python3-matplotlib"

// TestNotebook downloads the worked notebook from the real binary
// (/notebooks/parley.ipynb), executes it headless with Debian's Jupyter
// against that server, as a researcher would with "Restart & Run All", and
// checks the executed notebook: no cell raised, each question printed the
// answer the article gives, and the chart was drawn. The executed notebook
// and the chart are kept as artifacts of the run.
//
// It skips when Debian's Jupyter is missing, unless CI is set: then it fails,
// so that CI cannot pass by skipping.
func TestNotebook(t *testing.T) {
	dir := t.TempDir()
	requireJupyter(t, jupyterEnv(dir, ""))
	base := startServer(t, "--store", "memory")
	download(t, base+"/notebooks/parley.ipynb", filepath.Join(dir, "parley.ipynb"))

	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, debianJupyter, "nbconvert",
		"--to", "notebook", "--execute",
		"--ExecutePreprocessor.timeout=120",
		"--ExecutePreprocessor.kernel_name=python3",
		"--output", "executed.ipynb", "parley.ipynb")
	cmd.Dir = dir
	cmd.Env = jupyterEnv(dir, base)
	var stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stderr, &stderr
	start := time.Now()
	if err := cmd.Run(); err != nil {
		t.Fatalf("jupyter nbconvert --execute: %v\n%s", err, ansiEscape.ReplaceAllString(stderr.String(), ""))
	}
	t.Logf("notebook executed in %s", time.Since(start).Round(100*time.Millisecond))

	content, err := os.ReadFile(filepath.Join(dir, "executed.ipynb"))
	if err != nil {
		t.Fatal(err)
	}
	var nb executedNotebook
	if err := json.Unmarshal(content, &nb); err != nil {
		t.Fatalf("executed.ipynb: %v", err)
	}
	pngs := nb.keepArtifacts(t, content)

	for i, c := range nb.Cells {
		if c.CellType != "code" {
			continue
		}
		if c.ExecutionCount == nil {
			t.Errorf("code cell %d (%s) was not executed", i, c.ID)
		}
		for _, o := range c.Outputs {
			if o.OutputType == "error" {
				t.Errorf("code cell %d (%s) raised %s: %s", i, c.ID, o.EName, o.EValue)
			}
		}
	}

	// Each question, found by what its cell asks, with what the article
	// answers (paragraphs 1, 3, 7, 16, 18, 19 and 23).
	tests := []struct {
		name string
		asks string   // a fragment of the cell's source that asks the question
		want []string // in the cell's printed output, any case
	}{
		{"FrozenAssets", `topic="frozen assets"`, []string{"Emmanuel Macron", "European", "evidence: sentence"}},
		{"MoscowMeeting", `place="Moscow"`, []string{"Vladimir Putin", "Steve Witkoff", "Jared Kushner"}},
		{"Krasnoarmeysk", `name="Krasnoarmeysk"`, []string{"Krasnoarmeysk", "Pokrovsk"}},
		{"DisputedClaims", `claims(status: DISPUTED)`, []string{"Pokrovsk", "Vovchansk", "disputed by", "Ukraine", "paragraph 18"}},
		{"KushnerToPutin", `"from": "Jared Kushner"`, []string{"Jared Kushner", "Vladimir Putin"}},
		{"Timeline", `timeline {`, []string{"2014", "Crimea", "February 2022"}},
		// Paragraphs 14, 15 and 22: Russia's own positions, and Putin's and the
		// Kremlin's on the plan through affiliation; paragraph 21: "Washington".
		{"Affiliates", `direct: true`, []string{"Kremlin", "Vladimir Putin", "Dmitry Peskov", "NATO expansion", "'Washington' was read as United States"}},
		{"StanceMatrix", `pivot_table(`, []string{"stances (holder x topic)", "Security guarantees", "Territorial concessions", "Frozen Russian assets"}},
		{"Gizmo", `/api/v1/query/gizmo`, []string{"Vladimir Putin", "Steve Witkoff", "Jared Kushner", "truncated: False"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := nb.cellAsking(tc.asks)
			if c == nil {
				t.Fatalf("no code cell asks %q", tc.asks)
			}
			out := c.text()
			for _, want := range tc.want {
				if !strings.Contains(strings.ToLower(out), strings.ToLower(want)) {
					t.Errorf("output lacks %q; it is:\n%s", want, out)
				}
			}
		})
	}

	if len(pngs) == 0 {
		t.Error("the notebook drew no chart: no display_data with image/png")
	}

	// A tidy table reads in one line: the positions table names Macron, who
	// holds positions on the frozen assets (paragraphs 16 and 23), and has
	// the stance and outlook columns of the GraphQL answer.
	t.Run("TableCell", func(t *testing.T) {
		c := nb.cellAsking(`read_csv(`)
		if c == nil {
			t.Fatal("no cell reads a table with pd.read_csv")
		}
		out := c.text()
		for _, want := range []string{"positions in the positions table", "stance", "outlook", "Macron"} {
			if !strings.Contains(out, want) {
				t.Errorf("the table cell's output lacks %q:\n%s", want, out)
			}
		}
	})

	// The matrix puts each holder's stance in its topic's column: Russia
	// opposes NATO expansion (paragraph 15).
	t.Run("MatrixCell", func(t *testing.T) {
		c := nb.cellAsking(`pivot_table(`)
		if c == nil {
			t.Fatal("no cell draws the stance matrix")
		}
		lines := strings.Split(c.text(), "\n")
		var header, russia string
		for _, l := range lines {
			switch {
			case strings.HasPrefix(l, "topic.name"):
				header = l
			case strings.HasPrefix(l, "Russia "):
				russia = l
			}
		}
		// pandas right-aligns the cells and headers of text columns.
		end := strings.Index(header, "NATO expansion") + len("NATO expansion")
		if end < len("NATO expansion") || len(russia) < end || !strings.HasSuffix(strings.TrimRight(russia[:end], " "), "OPPOSES") {
			t.Errorf("the matrix does not show Russia OPPOSES under NATO expansion:\n%s\n%s", header, russia)
		}
	})
}

// requireJupyter skips the test, or fails it under CI, unless Debian's
// Jupyter can execute a notebook with pandas and matplotlib in env.
func requireJupyter(t *testing.T, env []string) {
	t.Helper()
	missing := func(what string) {
		msg := what + "; on Debian: apt-get install --no-install-recommends " + notebookPackages
		if os.Getenv("CI") != "" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	for _, bin := range []string{debianJupyter, "/usr/bin/jupyter-nbconvert", debianPython} {
		if _, err := os.Stat(bin); err != nil {
			missing(bin + " not found")
		}
	}
	check := exec.Command(debianPython, "-c", "import pandas, matplotlib, ipykernel, nbconvert")
	check.Env = env
	if out, err := check.CombinedOutput(); err != nil {
		missing(debianPython + " cannot import pandas, matplotlib, ipykernel and nbconvert (" + strings.TrimSpace(string(out)) + ")")
	}
}

// cleanEnv returns the test's environment without the variables that would
// make Jupyter or Python use another installation, configuration or
// backend than Debian's.
func cleanEnv() []string {
	var env []string
	for _, kv := range os.Environ() {
		name, _, _ := strings.Cut(kv, "=")
		switch {
		case strings.HasPrefix(name, "PYTHON"), strings.HasPrefix(name, "JUPYTER"), strings.HasPrefix(name, "PYENV"),
			strings.HasPrefix(name, "XDG_"), strings.HasPrefix(name, "CONDA"),
			name == "VIRTUAL_ENV", name == "IPYTHONDIR", name == "MPLBACKEND", name == "MPLCONFIGDIR",
			name == "PATH", name == "HOME", name == "PARLEY_URL":
			continue
		}
		env = append(env, kv)
	}
	return env
}

// jupyterEnv is the environment Jupyter runs the notebook in: Debian's
// binaries first, every configuration, data and cache directory inside dir
// (so nothing is read from or left in the real home), and PARLEY_URL set to
// the server under test.
func jupyterEnv(dir, base string) []string {
	home := filepath.Join(dir, "home")
	env := append(cleanEnv(),
		"PATH=/usr/bin:/bin:"+os.Getenv("PATH"),
		"HOME="+home,
		"XDG_CONFIG_HOME="+filepath.Join(home, ".config"),
		"XDG_CACHE_HOME="+filepath.Join(home, ".cache"),
		"XDG_DATA_HOME="+filepath.Join(home, ".local", "share"),
		"XDG_RUNTIME_DIR="+filepath.Join(home, "run"),
		"JUPYTER_CONFIG_DIR="+filepath.Join(home, ".jupyter"),
		"JUPYTER_DATA_DIR="+filepath.Join(home, ".local", "share", "jupyter"),
		"JUPYTER_RUNTIME_DIR="+filepath.Join(home, "run", "jupyter"),
		"IPYTHONDIR="+filepath.Join(home, ".ipython"),
		"MPLCONFIGDIR="+filepath.Join(home, ".config", "matplotlib"),
		"PYTHONNOUSERSITE=1",
		"PYDEVD_DISABLE_FILE_VALIDATION=1", // ipykernel's debugger warns on stderr otherwise
		"PARLEY_URL="+base,
	)
	// The server is local: a proxy from the environment must not be asked.
	noProxy := "127.0.0.1,localhost"
	if v := os.Getenv("NO_PROXY"); v != "" {
		noProxy += "," + v
	}
	return append(env, "NO_PROXY="+noProxy, "no_proxy="+noProxy)
}

// download saves the body of a GET of url to file, failing on any status
// but 200.
func download(t *testing.T, url, file string) {
	t.Helper()
	res, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	if res.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: status %d, want 200", url, res.StatusCode)
	}
	if err := os.WriteFile(file, body, 0o644); err != nil {
		t.Fatal(err)
	}
}

// executedNotebook is the part of an executed nbformat 4 notebook that the
// test reads.
type executedNotebook struct {
	Cells []executedCell `json:"cells"`
}

// executedCell is one cell of an executed notebook with its outputs.
type executedCell struct {
	ID             string           `json:"id"`
	CellType       string           `json:"cell_type"`
	Source         multiline        `json:"source"`
	ExecutionCount *int             `json:"execution_count"`
	Outputs        []executedOutput `json:"outputs"`
}

// executedOutput is one output of a code cell: a stream (Text), a display or
// result (Data, by media type), or an error (EName, EValue).
type executedOutput struct {
	OutputType string               `json:"output_type"`
	Text       multiline            `json:"text"`
	Data       map[string]multiline `json:"data"`
	EName      string               `json:"ename"`
	EValue     string               `json:"evalue"`
}

// multiline is a text field of nbformat, stored as one string or as a list
// of lines.
type multiline string

// UnmarshalJSON accepts either form of a multiline field.
func (m *multiline) UnmarshalJSON(b []byte) error {
	var lines []string
	if err := json.Unmarshal(b, &lines); err == nil {
		*m = multiline(strings.Join(lines, ""))
		return nil
	}
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return err
	}
	*m = multiline(s)
	return nil
}

// cellAsking returns the first code cell whose source contains fragment, or
// nil.
func (nb *executedNotebook) cellAsking(fragment string) *executedCell {
	for i, c := range nb.Cells {
		if c.CellType == "code" && strings.Contains(string(c.Source), fragment) {
			return &nb.Cells[i]
		}
	}
	return nil
}

// text returns what the cell printed and the plain-text form of what it
// displayed, in order.
func (c *executedCell) text() string {
	var b strings.Builder
	for _, o := range c.Outputs {
		b.WriteString(string(o.Text))
		b.WriteString(string(o.Data["text/plain"]))
	}
	return b.String()
}

// keepArtifacts copies the executed notebook and each PNG it displayed to
// the artifacts directory, and returns the PNGs.
func (nb *executedNotebook) keepArtifacts(t *testing.T, executed []byte) [][]byte {
	t.Helper()
	dir := browsertest.ArtifactsDir()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatalf("artifacts: %v", err)
	}
	save := func(name string, content []byte) {
		file := filepath.Join(dir, name)
		if err := os.WriteFile(file, content, 0o644); err != nil {
			t.Fatalf("artifacts: %v", err)
		}
		t.Logf("artifact: %s", file)
	}
	save("notebook-executed.ipynb", executed)

	var pngs [][]byte
	for _, c := range nb.Cells {
		for _, o := range c.Outputs {
			b64, ok := o.Data["image/png"]
			if !ok || o.OutputType != "display_data" {
				continue
			}
			png, err := base64.StdEncoding.DecodeString(strings.TrimSpace(string(b64)))
			if err != nil {
				t.Errorf("cell %s: image/png is not base64: %v", c.ID, err)
				continue
			}
			if !bytes.HasPrefix(png, []byte("\x89PNG\r\n\x1a\n")) {
				t.Errorf("cell %s: image/png is not a PNG", c.ID)
				continue
			}
			pngs = append(pngs, png)
			name := "notebook-chart.png"
			if len(pngs) > 1 {
				name = fmt.Sprintf("notebook-chart-%d.png", len(pngs))
			}
			save(name, png)
		}
	}
	return pngs
}
