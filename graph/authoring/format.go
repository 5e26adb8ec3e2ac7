// Package authoring reads an authoring file, the hand-edited YAML record of
// one source document and the statements taken from it, and compiles it to
// quads in Parley's vocabulary with located evidence spans.
//
// Each statement cites its evidence by quoting the document's exact words,
// optionally with a few words before (prefix) or after (suffix) to pick one
// of several occurrences, as the W3C Web Annotation TextQuoteSelector does.
// The compiler finds the span and computes its paragraph, sentence, offsets
// and hash; names are resolved against the store's name index.
package authoring

import (
	"bytes"
	"fmt"
	"reflect"
	"regexp"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// File is a parsed authoring file.
type File struct {
	Name      string     `yaml:"-"` // the file's path, for errors
	Document  Meta       `yaml:"document"`
	Entities  []Entity   `yaml:"entities"`
	Positions []Position `yaml:"positions"`
	Claims    []Claim    `yaml:"claims"`
	Events    []Event    `yaml:"events"`
	Relations []Relation `yaml:"relations"`
}

// Meta is the document's record.
type Meta struct {
	ID        string         `yaml:"id"` // the IRI stem; defaults to the text file's name without extension
	Title     string         `yaml:"title"`
	Publisher string         `yaml:"publisher"`
	Published string         `yaml:"published"`
	URL       string         `yaml:"url"`
	Author    string         `yaml:"author"`
	Language  string         `yaml:"language"`
	File      string         `yaml:"file"` // the text file, beside the authoring file
	Note      string         `yaml:"note"`
	Line      int            `yaml:"-"`
	Keys      map[string]int `yaml:"-"` // the line of each key
}

// Ref names an entity (or, where a claim is expected, a claim) by name,
// alias, IRI or id, with the line it is written on.
type Ref struct {
	Name string
	Line int
}

// Quote is a TextQuoteSelector: the exact words cited, and optionally the
// words right before and after them.
type Quote struct {
	Exact  string `yaml:"quote"`
	Prefix string `yaml:"prefix"`
	Suffix string `yaml:"suffix"`
	Line   int    `yaml:"-"`
}

// Entity declares a new entity (with a type) or names an existing one
// (without), perhaps to give it more aliases.
type Entity struct {
	ID          string         `yaml:"id"`
	Type        string         `yaml:"type"`
	Name        string         `yaml:"name"`
	Aliases     []string       `yaml:"aliases"`
	Description string         `yaml:"description"`
	Broader     []Ref          `yaml:"broader"` // topics only
	Evidence    []Quote        `yaml:"evidence"`
	Line        int            `yaml:"-"`
	Keys        map[string]int `yaml:"-"` // the line of each key
}

// Position is what a holder prefers on a topic, or expects of it.
type Position struct {
	ID       string         `yaml:"id"`
	Name     string         `yaml:"name"`
	Holder   Ref            `yaml:"holder"`
	Topic    Ref            `yaml:"topic"`
	Stance   string         `yaml:"stance"`
	Outlook  string         `yaml:"outlook"`
	Summary  string         `yaml:"summary"`
	Quote    string         `yaml:"quote"`
	Speaker  Ref            `yaml:"speaker"`
	Occasion Ref            `yaml:"occasion"`
	Reported bool           `yaml:"reported"`
	Note     string         `yaml:"note"`
	Evidence []Quote        `yaml:"evidence"`
	Line     int            `yaml:"-"`
	Keys     map[string]int `yaml:"-"` // the line of each key
}

// Claim is an assertion of fact.
type Claim struct {
	ID         string         `yaml:"id"`
	Name       string         `yaml:"name"`
	Claimant   Ref            `yaml:"claimant"`
	Speaker    Ref            `yaml:"speaker"`
	Summary    string         `yaml:"summary"`
	Quote      string         `yaml:"quote"`
	About      []Ref          `yaml:"about"`
	Status     string         `yaml:"status"`
	DisputedBy []Ref          `yaml:"disputedBy"`
	Rebuts     []Ref          `yaml:"rebuts"`   // claims, by IRI or id
	Supports   []Ref          `yaml:"supports"` // claims, by IRI or id
	MadeIn     Ref            `yaml:"madeIn"`
	Reported   bool           `yaml:"reported"`
	Note       string         `yaml:"note"`
	Evidence   []Quote        `yaml:"evidence"`
	Line       int            `yaml:"-"`
	Keys       map[string]int `yaml:"-"` // the line of each key
}

// Event is something that happened, or is to happen.
type Event struct {
	ID          string         `yaml:"id"`
	Name        string         `yaml:"name"`
	Aliases     []string       `yaml:"aliases"`
	Description string         `yaml:"description"`
	Status      string         `yaml:"status"`
	Date        string         `yaml:"date"`
	DateText    string         `yaml:"dateText"`
	Location    Ref            `yaml:"location"`
	Attendees   []Ref          `yaml:"attendees"`
	Virtual     []Ref          `yaml:"virtualAttendees"`
	Expected    []Ref          `yaml:"expectedAttendees"`
	About       []Ref          `yaml:"about"`
	Reported    bool           `yaml:"reported"`
	Note        string         `yaml:"note"`
	Evidence    []Quote        `yaml:"evidence"`
	Line        int            `yaml:"-"`
	Keys        map[string]int `yaml:"-"` // the line of each key
}

// Relation is a plain link between two entities, in the vocabulary's
// terms (annexed, partOf, memberOf, …), with its evidence.
type Relation struct {
	Subject   Ref            `yaml:"subject"`
	Predicate string         `yaml:"predicate"`
	Object    Ref            `yaml:"object"`
	Name      string         `yaml:"name"` // what the relation says, in words
	Evidence  []Quote        `yaml:"evidence"`
	Line      int            `yaml:"-"`
	Keys      map[string]int `yaml:"-"` // the line of each key
}

// Error is a mistake in an authoring file, at a line.
type Error struct {
	File string `json:"file"`
	Line int    `json:"line"`
	Msg  string `json:"message"`
}

func (e *Error) Error() string { return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg) }

// Errors is every mistake found in a file.
type Errors []*Error

func (es Errors) Error() string {
	var b strings.Builder
	for i, e := range es {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(e.Error())
	}
	return b.String()
}

// Parse reads an authoring file. Unknown keys are errors, so that a typo
// does not silently drop a fact.
func Parse(name string, data []byte) (*File, error) {
	var root yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&root); err != nil {
		return nil, syntaxError(name, err)
	}
	f := &File{Name: name}
	if err := decodeStrict(&root, f); err != nil {
		return nil, syntaxError(name, err)
	}
	return f, nil
}

var lineOf = regexp.MustCompile(`line (\d+): `)

// syntaxError makes an error of the YAML decoder's an [Errors] at the line
// it names.
func syntaxError(name string, err error) error {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	line := 0
	if m := lineOf.FindStringSubmatchIndex(msg); m != nil {
		line, _ = strconv.Atoi(msg[m[2]:m[3]])
		msg = msg[:m[0]] + msg[m[1]:]
	}
	return Errors{{File: name, Line: line, Msg: msg}}
}

// decodeStrict decodes n into v (a pointer to a struct), refusing keys v
// has no field for, at any depth.
func decodeStrict(n *yaml.Node, v any) error {
	if n.Kind == yaml.DocumentNode && len(n.Content) == 1 {
		n = n.Content[0]
	}
	if err := checkKeys(n, reflect.TypeOf(v).Elem()); err != nil {
		return err
	}
	return n.Decode(v)
}

// checkKeys reports the first mapping key under n that type t does not
// declare.
func checkKeys(n *yaml.Node, t reflect.Type) error {
	for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice {
		if t.Kind() == reflect.Slice && n.Kind == yaml.SequenceNode {
			for _, c := range n.Content {
				if err := checkKeys(c, t.Elem()); err != nil {
					return err
				}
			}
			return nil
		}
		t = t.Elem()
	}
	if t.Kind() != reflect.Struct || n.Kind != yaml.MappingNode || t == reflect.TypeOf(Ref{}) {
		return nil
	}
	fields := map[string]reflect.Type{}
	var names []string
	for i := 0; i < t.NumField(); i++ {
		tag := strings.Split(t.Field(i).Tag.Get("yaml"), ",")[0]
		if tag != "" && tag != "-" {
			fields[tag] = t.Field(i).Type
			names = append(names, tag)
		}
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k := n.Content[i]
		ft, ok := fields[k.Value]
		if !ok {
			return fmt.Errorf("line %d: unknown key %q; the keys here are %s", k.Line, k.Value, strings.Join(names, ", "))
		}
		if err := checkKeys(n.Content[i+1], ft); err != nil {
			return err
		}
	}
	return nil
}

// UnmarshalYAML reads a reference from a scalar, keeping its line.
func (r *Ref) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind != yaml.ScalarNode {
		return fmt.Errorf("line %d: expected a name, found a %s", n.Line, kindName(n))
	}
	r.Name, r.Line = strings.TrimSpace(n.Value), n.Line
	return nil
}

// UnmarshalYAML reads a quote from a scalar (the exact words) or a mapping
// (quote, prefix, suffix), keeping its line.
func (q *Quote) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind == yaml.ScalarNode {
		*q = Quote{Exact: n.Value, Line: n.Line}
		return nil
	}
	type plain Quote
	var p plain
	if err := n.Decode(&p); err != nil {
		return err
	}
	*q = Quote(p)
	q.Line = n.Line
	return nil
}

func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "mapping"
	case yaml.SequenceNode:
		return "list"
	}
	return "value"
}

// UnmarshalYAML decodes the mapping, keeping its line.
func (x *Meta) UnmarshalYAML(n *yaml.Node) error {
	type plain Meta
	var p plain
	if err := n.Decode(&p); err != nil {
		return err
	}
	*x = Meta(p)
	x.Line, x.Keys = n.Line, keyLines(n)
	return nil
}

// UnmarshalYAML decodes the mapping, keeping its line.
func (x *Entity) UnmarshalYAML(n *yaml.Node) error {
	type plain Entity
	var p plain
	if err := n.Decode(&p); err != nil {
		return err
	}
	*x = Entity(p)
	x.Line, x.Keys = n.Line, keyLines(n)
	return nil
}

// UnmarshalYAML decodes the mapping, keeping its line.
func (x *Position) UnmarshalYAML(n *yaml.Node) error {
	type plain Position
	var p plain
	if err := n.Decode(&p); err != nil {
		return err
	}
	*x = Position(p)
	x.Line, x.Keys = n.Line, keyLines(n)
	return nil
}

// UnmarshalYAML decodes the mapping, keeping its line.
func (x *Claim) UnmarshalYAML(n *yaml.Node) error {
	type plain Claim
	var p plain
	if err := n.Decode(&p); err != nil {
		return err
	}
	*x = Claim(p)
	x.Line, x.Keys = n.Line, keyLines(n)
	return nil
}

// UnmarshalYAML decodes the mapping, keeping its line.
func (x *Event) UnmarshalYAML(n *yaml.Node) error {
	type plain Event
	var p plain
	if err := n.Decode(&p); err != nil {
		return err
	}
	*x = Event(p)
	x.Line, x.Keys = n.Line, keyLines(n)
	return nil
}

// UnmarshalYAML decodes the mapping, keeping its line.
func (x *Relation) UnmarshalYAML(n *yaml.Node) error {
	type plain Relation
	var p plain
	if err := n.Decode(&p); err != nil {
		return err
	}
	*x = Relation(p)
	x.Line, x.Keys = n.Line, keyLines(n)
	return nil
}

// keyLines maps each key of a mapping node to its line.
func keyLines(n *yaml.Node) map[string]int {
	m := make(map[string]int, len(n.Content)/2)
	for i := 0; i+1 < len(n.Content); i += 2 {
		m[n.Content[i].Value] = n.Content[i].Line
	}
	return m
}

// at returns the line of key in keys, or line when the key is absent.
func at(keys map[string]int, key string, line int) int {
	if l, ok := keys[key]; ok {
		return l
	}
	return line
}
