package schema_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"
	"github.com/parley-kg/parley/graph"
	"github.com/parley-kg/parley/graph/synth"
	"github.com/parley-kg/parley/schema"
)

// The raw baselines of BenchmarkQuestions. Each answers one canonical
// question of synth.Dataset.Questions straight from Cayley's quad store
// (its subject and object indexes, no Parley code), starting from the same
// names the GraphQL query is given, and builds the same answer the GraphQL
// query returns: every field it selects, in the same order, in Go values
// shaped like the query's JSON result. TestRawAnswersMatchGraphQL checks
// that each raw answer equals the GraphQL one, so that the baselines stay
// honest: a baseline that computed less would make GraphQL's overhead look
// larger than it is.
//
// They read indexes, not Cayley's path API: paths answer the same, but on
// the key-value backends (bolt) their plans scan, taking up to seconds per
// question at 100k quads, which is no floor to measure against.
//
// synth's own Raw functions compute less (counts, not answers), so the
// schema's benchmarks use these.

// nameOnly is a selection of { name }.
type nameOnly struct {
	Name string `json:"name"`
}

// positionsAnswer is the result of
// positions(topic) { holder { name } stance summary }.
type positionsAnswer struct {
	Positions []positionRow `json:"positions"`
}

type positionRow struct {
	Holder  nameOnly `json:"holder"`
	Stance  string   `json:"stance"`
	Summary string   `json:"summary"`
}

// neighbourhoodAnswer is the result of entity(name) { name relations {
// predicate direction other { name } value source { section paragraph } } }.
type neighbourhoodAnswer struct {
	Entity struct {
		Name      string        `json:"name"`
		Relations []relationRow `json:"relations"`
	} `json:"entity"`
}

type relationRow struct {
	Predicate string       `json:"predicate"`
	Direction string       `json:"direction"`
	Other     *nameOnly    `json:"other"`
	Value     *string      `json:"value"`
	Source    *sectionPara `json:"source"`
}

type sectionPara struct {
	Section   *string `json:"section"`
	Paragraph *int    `json:"paragraph"`
}

// aliasAnswer is the result of entity(name) { name type }.
type aliasAnswer struct {
	Entity struct {
		Name string `json:"name"`
		Type string `json:"type"`
	} `json:"entity"`
}

// connectionAnswer is the result of connection(from, to, maxHops) {
// from { name } predicate to { name } via source { paragraph } }.
type connectionAnswer struct {
	Connection []hopRow `json:"connection"`
}

type hopRow struct {
	From      nameOnly  `json:"from"`
	Predicate string    `json:"predicate"`
	To        nameOnly  `json:"to"`
	Via       *string   `json:"via"`
	Source    *paraOnly `json:"source"`
}

type paraOnly struct {
	Paragraph *int `json:"paragraph"`
}

// timelineAnswer is the result of timeline(entity) { name date }.
type timelineAnswer struct {
	Timeline []nameDate `json:"timeline"`
}

type nameDate struct {
	Name string `json:"name"`
	Date string `json:"date"`
}

// rawQuestion is the raw baseline of one canonical question: it returns a
// pointer to one of the answer types above.
type rawQuestion func(ctx context.Context, qs cgraph.QuadStore) (any, error)

// rawQuestions returns the raw baselines of d's questions, by name.
func rawQuestions(d *synth.Dataset) map[string]rawQuestion {
	return map[string]rawQuestion{
		"PositionsByTopic": func(ctx context.Context, qs cgraph.QuadStore) (any, error) {
			return rawPositionsByTopic(ctx, qs, d.HotTopic.Name)
		},
		"Neighbourhood": func(ctx context.Context, qs cgraph.QuadStore) (any, error) {
			return rawNeighbourhood(ctx, qs, d.Person.Name)
		},
		"EntityByAlias": func(ctx context.Context, qs cgraph.QuadStore) (any, error) {
			return rawEntityByName(ctx, qs, d.Person.Alias)
		},
		"Connection": func(ctx context.Context, qs cgraph.QuadStore) (any, error) {
			return rawConnection(ctx, qs, d.From.Name, d.To.Name, synth.ConnectionHops)
		},
		"Timeline": func(ctx context.Context, qs cgraph.QuadStore) (any, error) {
			return rawTimeline(ctx, qs, d.Territory.Name)
		},
	}
}

func qiri(s string) quad.IRI { return quad.IRI(s) }

// rawResolve returns the node whose name or alias is exactly name, from the
// object index: the name's quads, kept when their predicate is a name.
func rawResolve(ctx context.Context, qs cgraph.QuadStore, name string) (quad.Value, error) {
	var nodes []quad.Value
	err := eachQuad(ctx, qs, quad.Object, quad.String(name), func(q quad.Quad) {
		if p := text(q.Predicate); (p == graph.PredName || p == graph.PredAlternateName) && !slices.Contains(nodes, q.Subject) {
			nodes = append(nodes, q.Subject)
		}
	})
	if err != nil {
		return nil, err
	}
	if len(nodes) != 1 {
		return nil, fmt.Errorf("%q names %d nodes", name, len(nodes))
	}
	return nodes[0], nil
}

// rawName returns the name of node, from its own quads.
func rawName(ctx context.Context, qs cgraph.QuadStore, node quad.Value) (string, error) {
	var name string
	err := eachQuad(ctx, qs, quad.Subject, node, func(q quad.Quad) {
		if text(q.Predicate) == graph.PredName {
			name = text(q.Object)
		}
	})
	return name, err
}

// eachQuad calls fn for each quad with v in direction d, from Cayley's
// index. On a store that implements Cayley's BatchQuadStore (the key-value
// stores) it turns the quads' references into values in one batch, in one
// read transaction, rather than a transaction per quad.
func eachQuad(ctx context.Context, qs cgraph.QuadStore, d quad.Direction, v quad.Value, fn func(quad.Quad)) error {
	ref := qs.ValueOf(v)
	if ref == nil {
		return nil
	}
	it := qs.QuadIterator(d, ref)
	if _, ok := qs.(cgraph.BatchQuadStore); !ok { // the memory store: a quad is a map look-up
		defer it.Close()
		for it.Next(ctx) {
			fn(qs.Quad(it.Result()))
		}
		return it.Err()
	}
	var refs []cgraph.Ref
	for it.Next(ctx) {
		q := it.Result()
		for _, dir := range quad.Directions {
			refs = append(refs, qs.QuadDirection(q, dir))
		}
	}
	err := it.Err()
	it.Close()
	if err != nil || len(refs) == 0 {
		return err
	}
	vals, err := cgraph.ValuesOf(ctx, qs, refs)
	if err != nil {
		return err
	}
	for i := 0; i+3 < len(vals); i += 4 {
		fn(quad.Quad{Subject: vals[i], Predicate: vals[i+1], Object: vals[i+2], Label: vals[i+3]})
	}
	return nil
}

// stanceNames maps the stance IRIs to the GraphQL Stance values.
var stanceNames = map[quad.Value]string{
	qiri(graph.StanceSupports): "SUPPORTS", qiri(graph.StanceOpposes): "OPPOSES",
	qiri(graph.StanceDemands): "DEMANDS", qiri(graph.StanceRejects): "REJECTS",
	qiri(graph.StanceConditional): "CONDITIONAL", qiri(graph.StanceDemandsSay): "DEMANDS_SAY",
	qiri(graph.StanceNeutral): "NEUTRAL",
}

// rawPositionsByTopic answers positions(topic) { holder { name } stance
// summary }, in the schema's order: by source paragraph, then IRI.
func rawPositionsByTopic(ctx context.Context, qs cgraph.QuadStore, topic string) (*positionsAnswer, error) {
	t, err := rawResolve(ctx, qs, topic)
	if err != nil {
		return nil, err
	}
	type row struct {
		positionRow
		iri, source string
	}
	var rows []row
	err = eachQuad(ctx, qs, quad.Object, t, func(q quad.Quad) {
		if text(q.Predicate) == graph.PredTopic {
			rows = append(rows, row{iri: text(q.Subject)})
		}
	})
	if err != nil {
		return nil, err
	}
	holders := map[quad.Value]string{}
	for i := range rows {
		r := &rows[i]
		var holder quad.Value
		err := eachQuad(ctx, qs, quad.Subject, quad.IRI(r.iri), func(q quad.Quad) {
			switch text(q.Predicate) {
			case graph.PredStance:
				r.Stance = stanceNames[q.Object]
			case graph.PredSummary:
				r.Summary = text(q.Object)
			case graph.PredSource:
				r.source = text(q.Object)
			case graph.PredHolder:
				holder = q.Object
			}
		})
		if err != nil {
			return nil, err
		}
		name, ok := holders[holder]
		if !ok {
			if name, err = rawName(ctx, qs, holder); err != nil {
				return nil, err
			}
			holders[holder] = name
		}
		r.Holder.Name = name
	}
	sort.Slice(rows, func(i, j int) bool { return sourceLess(rows[i].source, rows[i].iri, rows[j].source, rows[j].iri) })
	out := &positionsAnswer{Positions: make([]positionRow, len(rows))}
	for i, r := range rows {
		out.Positions[i] = r.positionRow
	}
	return out, nil
}

// sourceLess orders by source paragraph IRI in reading order (p2 before
// p10), then by iri.
func sourceLess(srcA, iriA, srcB, iriB string) bool {
	if srcA != srcB {
		pa, na := splitNumber(srcA)
		pb, nb := splitNumber(srcB)
		if pa != pb {
			return pa < pb
		}
		return na < nb
	}
	return iriA < iriB
}

func splitNumber(s string) (string, int) {
	i := len(s)
	for i > 0 && s[i-1] >= '0' && s[i-1] <= '9' {
		i--
	}
	n, _ := strconv.Atoi(s[i:])
	return s[:i], n
}

// rawNeighbourhood answers entity(name) { name relations { predicate
// direction other { name } value source { section paragraph } } }: the
// quads around the entity from the subject and object indexes, then the
// names at the other ends and the sections and paragraphs of the labels in
// their own quads, joined into rows ordered as the schema orders them.
func rawNeighbourhood(ctx context.Context, qs cgraph.QuadStore, name string) (*neighbourhoodAnswer, error) {
	node, err := rawResolve(ctx, qs, name)
	if err != nil {
		return nil, err
	}
	type rel struct {
		pred         string
		out          bool
		other, label quad.Value
	}
	var rels []rel
	out := &neighbourhoodAnswer{}
	var others, labels []quad.Value
	for _, dir := range []quad.Direction{quad.Subject, quad.Object} {
		err := eachQuad(ctx, qs, dir, node, func(q quad.Quad) {
			r := rel{pred: text(q.Predicate), out: dir == quad.Subject, other: q.Object, label: q.Label}
			if !r.out {
				r.other = q.Subject
			} else if r.pred == graph.PredName {
				out.Entity.Name = text(q.Object)
			}
			if _, ok := r.other.(quad.IRI); ok {
				others = append(others, r.other)
			}
			if r.label != nil {
				labels = append(labels, r.label)
			}
			rels = append(rels, r)
		})
		if err != nil {
			return nil, err
		}
	}
	names := map[quad.Value]string{}
	for _, o := range unique(others) {
		var name string
		entity := false
		err := eachQuad(ctx, qs, quad.Subject, o, func(q quad.Quad) {
			switch text(q.Predicate) {
			case graph.PredName:
				name = text(q.Object)
			case graph.PredType:
				_, isKind := graph.KindOfClass(text(q.Object))
				entity = entity || isKind
			}
		})
		if err != nil {
			return nil, err
		}
		if entity {
			names[o] = name
		}
	}
	sources := map[quad.Value]*sectionPara{}
	for _, l := range unique(labels) {
		sp := &sectionPara{}
		err := eachQuad(ctx, qs, quad.Subject, l, func(q quad.Quad) {
			switch text(q.Predicate) {
			case graph.PredSection:
				sp.Section = ptr(text(q.Object))
			case graph.PredParagraph:
				if n, err := strconv.Atoi(text(q.Object)); err == nil && n > 0 {
					sp.Paragraph = &n
				}
			}
		})
		if err != nil {
			return nil, err
		}
		sources[l] = sp
	}
	sort.SliceStable(rels, func(i, j int) bool {
		a, b := rels[i], rels[j]
		if a.out != b.out {
			return a.out
		}
		if a.pred != b.pred {
			return a.pred < b.pred
		}
		return text(a.other) < text(b.other)
	})
	out.Entity.Relations = make([]relationRow, len(rels))
	for i, r := range rels {
		row := relationRow{Predicate: localName(r.pred), Direction: "IN", Source: sources[r.label]}
		if r.out {
			row.Direction = "OUT"
		}
		if _, ok := r.other.(quad.IRI); ok {
			if n, ok := names[r.other]; ok {
				row.Other = &nameOnly{n}
			}
		} else {
			row.Value = ptr(text(r.other))
		}
		out.Entity.Relations[i] = row
	}
	return out, nil
}

// rawEntityByName answers entity(name) { name type }: the node that has
// name as its name or an alias, then its name and entity type from its
// own quads.
func rawEntityByName(ctx context.Context, qs cgraph.QuadStore, name string) (*aliasAnswer, error) {
	node, err := rawResolve(ctx, qs, name)
	if err != nil {
		return nil, err
	}
	out := &aliasAnswer{}
	err = eachQuad(ctx, qs, quad.Subject, node, func(q quad.Quad) {
		switch text(q.Predicate) {
		case graph.PredName:
			out.Entity.Name = text(q.Object)
		case graph.PredType:
			if kind, ok := graph.KindOfClass(text(q.Object)); ok {
				out.Entity.Type = string(kind)
			}
		}
	})
	if err == nil && out.Entity.Type == "" {
		err = fmt.Errorf("%q names no entity", name)
	}
	return out, err
}

// rawTimeline answers timeline(entity) { name date }: the dated events at,
// attended by or about the entity, oldest first, then by name.
func rawTimeline(ctx context.Context, qs cgraph.QuadStore, name string) (*timelineAnswer, error) {
	node, err := rawResolve(ctx, qs, name)
	if err != nil {
		return nil, err
	}
	out := &timelineAnswer{Timeline: []nameDate{}}
	var events []quad.Value
	err = eachQuad(ctx, qs, quad.Object, node, func(q quad.Quad) {
		switch text(q.Predicate) {
		case graph.PredLocation, graph.PredAttendee, graph.PredAbout:
			if !slices.Contains(events, q.Subject) {
				events = append(events, q.Subject)
			}
		}
	})
	if err != nil {
		return nil, err
	}
	for _, ev := range events {
		var nd nameDate
		isEvent := false
		err := eachQuad(ctx, qs, quad.Subject, ev, func(q quad.Quad) {
			switch text(q.Predicate) {
			case graph.PredName:
				nd.Name = text(q.Object)
			case graph.PredStartDate:
				nd.Date = text(q.Object)
			case graph.PredType:
				isEvent = isEvent || text(q.Object) == graph.ClassEvent
			}
		})
		if err != nil {
			return nil, err
		}
		if isEvent && nd.Date != "" {
			out.Timeline = append(out.Timeline, nd)
		}
	}
	sort.SliceStable(out.Timeline, func(i, j int) bool {
		a, b := out.Timeline[i], out.Timeline[j]
		if a.Date != b.Date {
			return a.Date < b.Date
		}
		return a.Name < b.Name
	})
	return out, err
}

// rawHop is one step of a raw connection.
type rawHop struct {
	from, to, pred, via, label quad.Value
}

// rawBFS is one breadth-first connection search over the quad store, with
// the hops of graph.Store.Connection: a link between two entities, or two
// links through a role, position or claim node.
type rawBFS struct {
	qs    cgraph.QuadStore
	class map[quad.Value]int8 // node → 1 entity, 2 via node, 0 neither
	via   map[quad.Value][]rawHop
}

const (
	isOther int8 = iota
	isEntity
	isVia
)

// viaClassIRIs are the classes of the nodes a hop may pass through.
var viaClassIRIs = map[quad.Value]bool{qiri(graph.ClassRole): true, qiri(graph.ClassPosition): true, qiri(graph.ClassClaim): true}

// rawConnection answers connection(from, to, maxHops) { from { name }
// predicate to { name } via source { paragraph } }: the same shortest path
// as graph.Store.Connection (same hops, same tie-breaking), then the names
// and paragraphs from their own quads.
func rawConnection(ctx context.Context, qs cgraph.QuadStore, fromName, toName string, maxHops int) (*connectionAnswer, error) {
	src, err := rawResolve(ctx, qs, fromName)
	if err != nil {
		return nil, err
	}
	dst, err := rawResolve(ctx, qs, toName)
	if err != nil {
		return nil, err
	}
	b := &rawBFS{qs: qs, class: map[quad.Value]int8{}, via: map[quad.Value][]rawHop{}}
	reached := map[quad.Value]rawHop{src: {}}
	frontier := []quad.Value{src}
	var path []rawHop
search:
	for depth := 0; depth < maxHops && len(frontier) > 0; depth++ {
		var next []quad.Value
		for _, n := range frontier {
			hops, err := b.neighbours(ctx, n)
			if err != nil {
				return nil, err
			}
			for _, h := range hops {
				if _, seen := reached[h.to]; seen {
					continue
				}
				reached[h.to] = h
				if h.to == dst {
					for n := dst; n != src; n = reached[n].from {
						path = append(path, reached[n])
					}
					slices.Reverse(path)
					break search
				}
				next = append(next, h.to)
			}
		}
		frontier = next
	}
	if path == nil {
		return nil, fmt.Errorf("no connection from %s to %s", fromName, toName)
	}
	var nodes, labels []quad.Value
	for _, h := range path {
		nodes = append(nodes, h.from, h.to)
		if h.label != nil {
			labels = append(labels, h.label)
		}
	}
	names := map[quad.Value]string{}
	for _, n := range unique(nodes) {
		if names[n], err = rawName(ctx, qs, n); err != nil {
			return nil, err
		}
	}
	paras := map[quad.Value]int{}
	for _, l := range unique(labels) {
		err := eachQuad(ctx, qs, quad.Subject, l, func(q quad.Quad) {
			if text(q.Predicate) == graph.PredParagraph {
				paras[l], _ = strconv.Atoi(text(q.Object))
			}
		})
		if err != nil {
			return nil, err
		}
	}
	out := &connectionAnswer{Connection: make([]hopRow, len(path))}
	for i, h := range path {
		row := hopRow{From: nameOnly{names[h.from]}, Predicate: localName(text(h.pred)), To: nameOnly{names[h.to]}}
		if h.via != nil {
			row.Via = ptr(text(h.via))
		}
		if h.label != nil {
			row.Source = &paraOnly{}
			if n := paras[h.label]; n > 0 {
				row.Source.Paragraph = &n
			}
		}
		out.Connection[i] = row
	}
	return out, nil
}

// links returns the quads between n and other IRI nodes, either way,
// leaving out types and provenance, as hops from n (via unset), and
// classifies the nodes at their other ends by their rdf:type quads.
func (b *rawBFS) links(ctx context.Context, n quad.Value) ([]rawHop, error) {
	var hops []rawHop
	for _, dir := range []quad.Direction{quad.Subject, quad.Object} {
		err := eachQuad(ctx, b.qs, dir, n, func(q quad.Quad) {
			switch text(q.Predicate) {
			case graph.PredType, graph.PredSource, graph.PredDocument:
				return
			}
			other := q.Object
			if dir == quad.Object {
				other = q.Subject
			}
			if _, ok := other.(quad.IRI); !ok || other == n {
				return
			}
			hops = append(hops, rawHop{from: n, to: other, pred: q.Predicate, label: q.Label})
		})
		if err != nil {
			return nil, err
		}
	}
	var unknown []quad.Value
	for _, h := range hops {
		if _, ok := b.class[h.to]; !ok {
			b.class[h.to] = isOther
			unknown = append(unknown, h.to)
		}
	}
	if len(unknown) == 0 {
		return hops, nil
	}
	for _, n := range unknown {
		err := eachQuad(ctx, b.qs, quad.Subject, n, func(q quad.Quad) {
			if text(q.Predicate) != graph.PredType {
				return
			}
			if _, ok := graph.KindOfClass(text(q.Object)); ok {
				b.class[n] = isEntity
			} else if viaClassIRIs[q.Object] && b.class[n] == isOther {
				b.class[n] = isVia
			}
		})
		if err != nil {
			return nil, err
		}
	}
	return hops, nil
}

// neighbours returns the hops out of entity n, ordered as the graph
// package orders them: by the IRI they reach, then via and predicate.
func (b *rawBFS) neighbours(ctx context.Context, n quad.Value) ([]rawHop, error) {
	links, err := b.links(ctx, n)
	if err != nil {
		return nil, err
	}
	var hops []rawHop
	for _, l := range links {
		switch b.class[l.to] {
		case isEntity:
			hops = append(hops, l)
		case isVia:
			vl, ok := b.via[l.to]
			if !ok {
				if vl, err = b.links(ctx, l.to); err != nil {
					return nil, err
				}
				b.via[l.to] = vl
			}
			for _, v := range vl {
				if v.to != n && b.class[v.to] == isEntity {
					hops = append(hops, rawHop{from: n, to: v.to, pred: v.pred, via: l.to, label: v.label})
				}
			}
		}
	}
	sort.SliceStable(hops, func(i, j int) bool {
		a, c := hops[i], hops[j]
		if a.to != c.to {
			return text(a.to) < text(c.to)
		}
		return viaString(a)+text(a.pred) < viaString(c)+text(c.pred)
	})
	return hops, nil
}

func viaString(h rawHop) string {
	if h.via == nil {
		return ""
	}
	return text(h.via)
}

// unique returns vs without repeats, in first-seen order.
func unique(vs []quad.Value) []quad.Value {
	seen := make(map[quad.Value]bool, len(vs))
	out := vs[:0:0]
	for _, v := range vs {
		if !seen[v] {
			seen[v] = true
			out = append(out, v)
		}
	}
	return out
}

// localName returns the part of an IRI after its last '#' or '/'.
func localName(s string) string { return s[strings.LastIndexAny(s, "#/")+1:] }

func ptr[T any](v T) *T { return &v }

// text returns the text of a literal, or an IRI without angle brackets.
func text(v quad.Value) string {
	switch v := v.(type) {
	case nil:
		return ""
	case quad.String:
		return string(v)
	case quad.TypedString:
		return string(v.Value)
	case quad.LangString:
		return string(v.Value)
	case quad.IRI:
		return string(v)
	}
	return v.String()
}

// TestRawAnswersMatchGraphQL checks that every raw baseline of the
// benchmarks computes exactly what the GraphQL query returns, field for
// field and in the same order, on a generated graph in each backend.
func TestRawAnswersMatchGraphQL(t *testing.T) {
	ctx := context.Background()
	for _, backend := range []string{graph.BackendMemory, graph.BackendBolt} {
		f := fixture(t, 10_000, backend)
		raws := rawQuestions(f.data)
		for _, q := range f.data.Questions() {
			t.Run(backend+"/"+q.Name, func(t *testing.T) {
				raw := raws[q.Name]
				if raw == nil {
					t.Fatalf("no raw baseline for question %s", q.Name)
				}
				want, err := raw(ctx, f.store.QuadStore())
				if err != nil {
					t.Fatal(err)
				}
				if answerLen(want) == 0 {
					t.Fatalf("raw answer is empty: the generator's %s question should have results", q.Name)
				}
				if err := sameAnswer(ctx, f, q, want); err != nil {
					t.Fatal(err)
				}
			})
		}
	}
}

// sameAnswer executes q's GraphQL document on f's schema and returns an
// error unless the result equals want, a raw answer: the result must have
// no field want's type lacks, and every value must match.
func sameAnswer(ctx context.Context, f *loaded, q synth.Question, want any) error {
	res := schema.Execute(ctx, f.schema, q.GraphQL, q.Variables)
	if len(res.Errors) > 0 {
		return fmt.Errorf("%s: graphql: %v", q.Name, res.Errors)
	}
	data, err := json.Marshal(res.Data)
	if err != nil {
		return fmt.Errorf("%s: encode graphql result: %w", q.Name, err)
	}
	got := reflect.New(reflect.TypeOf(want).Elem()).Interface()
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(got); err != nil {
		return fmt.Errorf("%s: graphql result does not fit the raw answer's type: %w", q.Name, err)
	}
	if !reflect.DeepEqual(got, want) {
		g, _ := json.MarshalIndent(got, "", " ")
		w, _ := json.MarshalIndent(want, "", " ")
		return fmt.Errorf("%s: raw answer differs from the graphql result:\n%s", q.Name, firstDiff(string(w), string(g)))
	}
	return nil
}

// firstDiff shows where two indented JSON texts first differ.
func firstDiff(raw, gql string) string {
	r, g := strings.Split(raw, "\n"), strings.Split(gql, "\n")
	for i := 0; i < len(r) || i < len(g); i++ {
		var a, b string
		if i < len(r) {
			a = r[i]
		}
		if i < len(g) {
			b = g[i]
		}
		if a != b {
			lo := max(0, i-8)
			return fmt.Sprintf("line %d: raw %q, graphql %q\nraw context:\n%s\ngraphql context:\n%s", i+1, a, b,
				strings.Join(r[lo:min(len(r), i+3)], "\n"), strings.Join(g[lo:min(len(g), i+3)], "\n"))
		}
	}
	return "(no line differs)"
}

// answerLen is the number of results in a raw answer.
func answerLen(a any) int {
	switch a := a.(type) {
	case *positionsAnswer:
		return len(a.Positions)
	case *neighbourhoodAnswer:
		return len(a.Entity.Relations)
	case *aliasAnswer:
		if a.Entity.Name == "" {
			return 0
		}
		return 1
	case *connectionAnswer:
		return len(a.Connection)
	case *timelineAnswer:
		return len(a.Timeline)
	}
	return 0
}
