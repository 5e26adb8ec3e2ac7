package graph_test

import (
	"io/fs"
	"testing/fstest"
)

// fsOf returns a file system holding one file.
func fsOf(name, data string) fs.FS {
	return fstest.MapFS{name: &fstest.MapFile{Data: []byte(data)}}
}
