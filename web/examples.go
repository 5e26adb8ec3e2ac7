package web

import (
	"io/fs"
	"path"
	"strings"
)

// Example is one of the example queries the playground opens with, read
// from assets/examples/NN-name.graphql.
type Example struct {
	// Name is the file name without its order prefix and extension, such
	// as "positions-frozen-assets".
	Name string `json:"name"`
	// Title is the text of the file's first comment line, or Name when the
	// file does not start with a comment.
	Title string `json:"title"`
	// Query is the whole file, comments included: one named operation.
	Query string `json:"query"`
}

// Examples returns the example queries in the order the playground shows
// them (by file name). Tests use it to check every example against the real
// schema.
func Examples() []Example {
	entries, err := fs.ReadDir(files, "assets/examples")
	if err != nil {
		panic("web: embedded examples missing: " + err.Error()) // cannot happen: the directory is embedded
	}
	var examples []Example
	for _, e := range entries { // ReadDir sorts by name
		if path.Ext(e.Name()) != ".graphql" {
			continue
		}
		content, err := fs.ReadFile(files, "assets/examples/"+e.Name())
		if err != nil {
			panic("web: read embedded example: " + err.Error()) // cannot happen: embed.FS reads from memory
		}
		examples = append(examples, newExample(e.Name(), string(content)))
	}
	return examples
}

// newExample builds the example of the file name with the given content.
func newExample(file, query string) Example {
	name := strings.TrimSuffix(file, ".graphql")
	if prefix, rest, ok := strings.Cut(name, "-"); ok && strings.Trim(prefix, "0123456789") == "" {
		name = rest
	}
	title := name
	if line, _, _ := strings.Cut(query, "\n"); strings.HasPrefix(line, "#") {
		title = strings.TrimSpace(strings.TrimPrefix(line, "#"))
	}
	return Example{Name: name, Title: title, Query: query}
}
