package graph

import (
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/cayleygraph/quad"
)

// QueryPrefixes are the prefixes a query in Cayley's languages may write
// IRIs with, as the README does: "<schema:name>" is
// "<https://schema.org/name>". [Store.Query] expands them before the
// query runs.
var QueryPrefixes = map[string]string{
	"parley": NS,
	"id":     IDBase,
	"schema": schemaNS,
	"rdf":    rdfNS,
	"rdfs":   "http://www.w3.org/2000/01/rdf-schema#",
	"owl":    owlNS,
	"xsd":    xsdNS,
	"skos":   skosNS,
	"wd":     "http://www.wikidata.org/entity/",
}

// iriTerm matches an IRI written in angle brackets, as Cayley's languages
// write them; group 1 is its text.
var iriTerm = regexp.MustCompile(`<([^<>\s"'\\]+)>`)

// expandPrefixes returns text with every "<prefix:local>" of a known
// prefix written out in full. Only whole bracketed terms change: a full
// IRI ("<https://...>") has no known prefix before its colon.
func expandPrefixes(text string) string {
	return iriTerm.ReplaceAllStringFunc(text, func(term string) string {
		prefix, local, ok := strings.Cut(term[1:len(term)-1], ":")
		if ns, known := QueryPrefixes[prefix]; ok && known && !strings.HasPrefix(local, "//") {
			return "<" + ns + local + ">"
		}
		return term
	})
}

// termWarnings returns a warning for each IRI of the (expanded) query text
// that the graph holds nowhere, as subject, predicate, object or label: a
// query step on it can only answer nothing, which a typo otherwise makes
// silently. Terms in Parley's vocabulary namespaces get the nearest
// predicates and classes of the vocabulary as suggestions.
func (s *Store) termWarnings(text string) []string {
	var terms []string
	for _, m := range iriTerm.FindAllStringSubmatch(text, -1) {
		terms = append(terms, m[1])
	}
	slices.Sort(terms)
	terms = slices.Compact(terms)
	var missing []string
	s.lock.read(cayleyRead, func() {
		for _, t := range terms {
			if s.qs.ValueOf(quad.IRI(t)) == nil {
				missing = append(missing, t)
			}
		}
	})
	var out []string
	for _, t := range missing {
		w := fmt.Sprintf("<%s> is in no quad of the graph, so steps on it match nothing", t)
		if _, known := vocabulary[t]; known {
			w += " (it is in the vocabulary, but no data uses it yet)"
		} else if inVocabularyNamespace(t) {
			w += "; it is not in Parley's vocabulary"
			if near := nearTerms(t); len(near) > 0 {
				w += "; did you mean <" + strings.Join(near, "> or <") + ">?"
			}
		}
		out = append(out, w)
	}
	return out
}

// inVocabularyNamespace reports whether iri is under one of the
// namespaces the vocabulary's predicates and classes come from.
func inVocabularyNamespace(iri string) bool {
	for _, ns := range []string{NS, schemaNS, rdfNS, owlNS, skosNS} {
		if strings.HasPrefix(iri, ns) {
			return true
		}
	}
	return false
}

// nearTerms returns the vocabulary's predicates and classes whose local
// names are near iri's, as full IRIs in the same namespace first.
func nearTerms(iri string) []string {
	byLocal := map[string][]string{}
	var locals []string
	for p := range vocabulary {
		byLocal[localName(p)] = append(byLocal[localName(p)], p)
	}
	for c := range knownClasses {
		byLocal[localName(c)] = append(byLocal[localName(c)], c)
	}
	for l := range byLocal {
		locals = append(locals, l)
	}
	sort.Strings(locals)
	ns := iri[:len(iri)-len(localName(iri))]
	var out []string
	for _, l := range Nearest(localName(iri), locals) {
		full := slices.Clone(byLocal[l])
		sort.SliceStable(full, func(i, j int) bool { return strings.HasPrefix(full[i], ns) && !strings.HasPrefix(full[j], ns) })
		out = append(out, full...)
	}
	if len(out) > 3 {
		out = out[:3]
	}
	return out
}
