package authoring

import (
	"bytes"
	"fmt"
	"reflect"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Render writes f as an authoring file that [Parse] reads back to the same
// statements: the keys in the order the types declare them, empty values
// left out, a reference as its name, and a quote without prefix or suffix
// as its words alone. The browser's form downloads its statements through
// it, so that the format has one definition, these types.
func Render(f *File) ([]byte, error) {
	root, err := node(reflect.ValueOf(*f))
	if err != nil {
		return nil, fmt.Errorf("render %s: %w", f.Name, err)
	}
	if f.Document.File != "" {
		root.HeadComment = "Authoring file for " + f.Document.File + " (see parley add)."
	}
	var b bytes.Buffer
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(root); err != nil {
		return nil, fmt.Errorf("render %s: %w", f.Name, err)
	}
	if err := enc.Close(); err != nil {
		return nil, fmt.Errorf("render %s: %w", f.Name, err)
	}
	return b.Bytes(), nil
}

var (
	refType   = reflect.TypeOf(Ref{})
	quoteType = reflect.TypeOf(Quote{})
)

// node makes the YAML node of v, or nil when v is empty and is to be left
// out.
func node(v reflect.Value) (*yaml.Node, error) {
	switch {
	case v.Type() == refType:
		return scalar(v.Interface().(Ref).Name), nil
	case v.Type() == quoteType:
		if q := v.Interface().(Quote); q.Prefix == "" && q.Suffix == "" {
			return scalar(q.Exact), nil
		}
	}
	switch v.Kind() {
	case reflect.String:
		return scalar(v.String()), nil
	case reflect.Bool:
		if !v.Bool() {
			return nil, nil
		}
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!bool", Value: "true"}, nil
	case reflect.Slice:
		seq := &yaml.Node{Kind: yaml.SequenceNode}
		for i := 0; i < v.Len(); i++ {
			n, err := node(v.Index(i))
			if err != nil {
				return nil, err
			}
			if n != nil {
				seq.Content = append(seq.Content, n)
			}
		}
		if len(seq.Content) == 0 {
			return nil, nil
		}
		if v.Type().Elem().Kind() == reflect.String || v.Type().Elem() == refType {
			seq.Style = yaml.FlowStyle // aliases: [Ilves], about: [Pokrovsk]
		}
		return seq, nil
	case reflect.Struct:
		m := &yaml.Node{Kind: yaml.MappingNode}
		for i := 0; i < v.NumField(); i++ {
			key := strings.Split(v.Type().Field(i).Tag.Get("yaml"), ",")[0]
			if key == "" || key == "-" {
				continue
			}
			n, err := node(v.Field(i))
			if err != nil {
				return nil, fmt.Errorf("%s: %w", key, err)
			}
			if n != nil {
				m.Content = append(m.Content, scalar(key), n)
			}
		}
		if len(m.Content) == 0 {
			return nil, nil
		}
		return m, nil
	}
	return nil, fmt.Errorf("cannot render a %s", v.Type())
}

// scalar is a string node, or nil for the empty string. Strings that YAML
// would read as another type (yes, 2026-12-01, 12) are quoted by the
// encoder, since the tag says string.
func scalar(s string) *yaml.Node {
	if s == "" {
		return nil
	}
	n := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s}
	if strings.Contains(s, "\n") {
		n.Style = yaml.LiteralStyle
	}
	return n
}
