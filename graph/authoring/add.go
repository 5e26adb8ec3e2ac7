package authoring

import (
	"context"

	"github.com/parley-kg/parley/graph"
)

// Add parses and compiles the authoring file named name (data), citing
// text, and makes its statements the document's in s (see
// [graph.Store.ReplaceDocument]) and registers text as its file; with
// dryRun it only checks and plans.
func Add(ctx context.Context, s *graph.Store, ch graph.Change, name string, data []byte, text string, dryRun bool) (*Result, graph.ReplaceResult, error) {
	f, err := Parse(name, data)
	if err != nil {
		return nil, graph.ReplaceResult{}, err
	}
	res, err := Compile(ctx, f, text, s)
	if err != nil {
		return nil, graph.ReplaceResult{}, err
	}
	rr, err := s.ReplaceDocument(ctx, ch, res.Document, res.Statements, dryRun)
	if err != nil || dryRun {
		return res, rr, err
	}
	// The store now serves the document's text, so its evidence shows.
	return res, rr, s.RegisterDocumentText(ctx, res.Document, text)
}
