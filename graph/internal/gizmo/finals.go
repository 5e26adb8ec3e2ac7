// Copyright 2017 The Cayley Authors. All rights reserved.
//
// Licensed under the Apache License, Version 2.0 (the "License");
// you may not use this file except in compliance with the License.
// You may obtain a copy of the License at
//
//     http://www.apache.org/licenses/LICENSE-2.0
//
// Unless required by applicable law or agreed to in writing, software
// distributed under the License is distributed on an "AS IS" BASIS,
// WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
// See the License for the specific language governing permissions and
// limitations under the License.
//
// Modified for Parley: getLimit no longer resets the session's result count or lifts
// its limit; toArray, tagArray, forEach and map collect at most the session limit;
// toArray, tagArray, toValue, tagValue and forEach give scripts plain JavaScript
// values instead of Go maps and slices; arguments are exported with a bounded exporter.

package gizmo

import (
	"fmt"

	"github.com/dop251/goja"

	"github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"
)

const TopResultTag = "id"

// GetLimit is the same as All, but limited to the first N unique nodes at the end of the path, and each of their possible traversals.
//
// Parley: the session limit (query.Options.Limit) still caps the results sent by
// the whole query; a limit n <= 0 means no limit of its own.
func (p *pathObject) GetLimit(limit int) error {
	return p.s.sendAll(p.tagged(), limit)
}

// All executes the query and adds the results, with all tags, as a string-to-string (tag to node) map in the output set, one for each path that a traversal could take.
func (p *pathObject) All() error {
	return p.GetLimit(p.s.limit)
}

func (p *pathObject) toArray(call goja.FunctionCall, withTags bool) goja.Value {
	args := exportArgs(p.s.vm, call.Arguments)
	if len(args) > 1 {
		return throwErr(p.s.vm, errArgCount2{Expected: 1, Got: len(args)})
	}
	limit := -1
	if len(args) > 0 {
		limit, _ = toInt(args[0])
	}
	array, err := p.collect(limit, withTags)
	if err != nil {
		return throwErr(p.s.vm, err)
	}
	return p.s.toJS(array)
}

// collect returns up to limit results of the path (Parley: see final): the nodes
// at its end, or with withTags a map of every tag to its node.
func (p *pathObject) collect(limit int, withTags bool) ([]interface{}, error) {
	out := make([]interface{}, 0)
	keep := func(v interface{}) error {
		out = append(out, v)
		return nil
	}
	if withTags {
		tags := func(tags map[string]graph.Ref) (interface{}, bool) { return p.s.tagRow(tags) }
		return out, final(p.s, "tagArray", p.tagged(), true, limit, tags, keep)
	}
	return out, final(p.s, "toArray", p.tagged(), false, limit, p.s.nodeRow, keep)
}

// ToArray executes a query and returns the results at the end of the query path as an JS array.
//
// Example:
//
//	// javascript
//	// bobFollowers contains an Array of followers of bob (alice, charlie, dani).
//	var bobFollowers = g.V("<bob>").In("<follows>").ToArray()
func (p *pathObject) ToArray(call goja.FunctionCall) goja.Value {
	return p.toArray(call, false)
}

// TagArray is the same as ToArray, but instead of a list of top-level nodes, returns an Array of tag-to-string dictionaries, much as All would, except inside the JS environment.
//
// Example:
//
//	// javascript
//	// bobTags contains an Array of followers of bob (alice, charlie, dani).
//	var bobTags = g.V("<bob>").Tag("name").In("<follows>").TagArray()
//	// nameValue should be the string "<bob>"
//	var nameValue = bobTags[0]["name"]
func (p *pathObject) TagArray(call goja.FunctionCall) goja.Value {
	return p.toArray(call, true)
}
func (p *pathObject) toValue(withTags bool) (goja.Value, error) {
	array, err := p.collect(1, withTags)
	if err != nil {
		return nil, err
	}
	if len(array) == 0 {
		return goja.Null(), nil
	}
	return p.s.toJS(array[0]), nil
}

// ToValue is the same as ToArray, but limited to one result node.
func (p *pathObject) ToValue() (goja.Value, error) {
	return p.toValue(false)
}

// TagValue is the same as TagArray, but limited to one result node. Returns a tag-to-string map.
func (p *pathObject) TagValue() (goja.Value, error) {
	return p.toValue(true)
}

// Map is a alias for ForEach.
func (p *pathObject) Map(call goja.FunctionCall) goja.Value {
	return p.ForEach(call)
}

// ForEach calls callback(data) for each result, where data is the tag-to-string map as in All case.
// Signature: (callback) or (limit, callback)
//
// Arguments:
//
// * `limit` (Optional): An integer value on the first `limit` paths to process.
// * `callback`: A javascript function of the form `function(data)`
//
// Example:
//
//	// javascript
//	// Simulate query.All().All()
//	graph.V("<alice>").ForEach(function(d) { g.Emit(d) } )
func (p *pathObject) ForEach(call goja.FunctionCall) goja.Value {
	if n := len(call.Arguments); n != 1 && n != 2 {
		return throwErr(p.s.vm, errArgCount{Got: len(call.Arguments)})
	}
	callback := call.Argument(len(call.Arguments) - 1)
	args := exportArgs(p.s.vm, call.Arguments[:len(call.Arguments)-1])
	limit := -1
	if len(args) != 0 {
		limit, _ = toInt(args[0])
	}
	fnc, ok := goja.AssertFunction(callback)
	if !ok {
		return throwErr(p.s.vm, fmt.Errorf("expected js callback function"))
	}
	err := final(p.s, "forEach", p.tagged(), true, limit, p.s.tagRow, func(tm map[string]interface{}) error {
		_, err := fnc(call.This, p.s.toJS(tm))
		return err
	})
	if err != nil {
		return throwErr(p.s.vm, err)
	}
	return goja.Null()
}

// Count returns a number of results and returns it as a value.
//
// Example:
//
//	// javascript
//	// Save count as a variable
//	var n = g.V().count()
//	// Send it as a query result
//	g.emit(n)
func (p *pathObject) Count() (int64, error) {
	return p.s.countResults(p.buildIteratorTree)
}

// Backwards compatibility
func (p *pathObject) CapitalizedGetLimit(limit int) error {
	return p.GetLimit(limit)
}
func (p *pathObject) CapitalizedAll() error {
	return p.All()
}
func (p *pathObject) CapitalizedtoArray(call goja.FunctionCall, withTags bool) goja.Value {
	return p.toArray(call, withTags)
}
func (p *pathObject) CapitalizedToArray(call goja.FunctionCall) goja.Value {
	return p.ToArray(call)
}
func (p *pathObject) CapitalizedTagArray(call goja.FunctionCall) goja.Value {
	return p.TagArray(call)
}
func (p *pathObject) CapitalizedtoValue(withTags bool) (goja.Value, error) {
	return p.toValue(withTags)
}
func (p *pathObject) CapitalizedToValue() (goja.Value, error) {
	return p.ToValue()
}
func (p *pathObject) CapitalizedTagValue() (goja.Value, error) {
	return p.TagValue()
}
func (p *pathObject) CapitalizedMap(call goja.FunctionCall) goja.Value {
	return p.Map(call)
}
func (p *pathObject) CapitalizedForEach(call goja.FunctionCall) goja.Value {
	return p.ForEach(call)
}
func (p *pathObject) CapitalizedCount() (int64, error) {
	return p.Count()
}

func quadValueToString(v quad.Value) string {
	if s, ok := v.(quad.String); ok {
		return string(s)
	}
	return quad.StringOf(v)
}
