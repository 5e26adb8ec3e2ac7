// Package synth generates synthetic news knowledge graphs in Parley's
// vocabulary, for benchmarks and load tests: people with roles, states,
// institutions, territories, events, topics, positions, claims, and the
// source paragraphs every quad is labelled with.
//
// The fan-out is skewed the way news is: topics are drawn from a Zipf
// distribution, so that a few hot topics carry thousands of positions
// while most carry a handful, and most people hold a handful of positions.
// The same [Config] always yields the same quads, in the same order, and
// the result passes graph.Check, the vocabulary validator.
//
// [Dataset.Questions] returns Parley's canonical questions about a
// generated graph, each asked three ways (Cayley's path API, the graph
// package, GraphQL), which the benchmarks of packages graph and schema
// time side by side.
//
//	d, err := synth.Generate(synth.Config{Quads: 100_000, Seed: 1})
//	d.WriteTo(os.Stdout) // N-Quads, for parley load
package synth

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"math/rand/v2"

	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/nquads"
)

// MinQuads is the smallest size [Generate] accepts: below it the fixed
// skeleton of states, institutions, territories and topics would not fit.
const MinQuads = 1000

// Config says what to generate.
type Config struct {
	// Quads is the exact number of quads to generate, at least [MinQuads].
	Quads int
	// Seed makes the graph repeatable: equal configs give equal graphs.
	Seed uint64
	// Hierarchies adds vocabulary v2's topic hierarchy: topics in groups
	// of four, the first broader than the second and the fourth, the
	// second broader than the third (skos:broader). The actors' affiliations
	// (roles, partOf, represents) are always there; with Hierarchies the
	// holders of positions and makers of claims are states, institutions
	// and people in the seed article's proportions (10, 13 and 17 of 40),
	// not a tenth, a tenth and the rest, so that a state holds a realistic
	// share of its affiliates' positions. Off, the graph is the one the
	// canonical questions have always been measured on.
	Hierarchies bool
	// Text gives positions and claims summaries of realistic length (20
	// to 40 words of news English) and positions a quote (10 to 30
	// words), for text search benchmarks. Without it the output is as it
	// always was, so that other benchmarks stay comparable.
	Text bool
}

// Ref names one entity of a generated graph, for questions about it.
type Ref struct {
	IRI   string
	Name  string
	Alias string // an alternate name, unique in the graph
}

// Dataset is a generated graph, with entities picked to ask the canonical
// questions about.
type Dataset struct {
	Quads []quad.Quad

	// HotTopic is the topic with the most positions (thousands in a graph
	// of 100k quads).
	HotTopic Ref
	// Person is a typical person: a role, a few relations, a handful of
	// positions, a few events.
	Person Ref
	// Territory is a typical territory, the location of a handful of dated
	// events: ask for its timeline.
	Territory Ref
	// From and To are two people three hops apart along a chain of
	// parley:advises relations, and perhaps closer through other links.
	From, To Ref

	// Actor is a state with affiliates: institutions partOf it, and people
	// with roles of it or of its institutions, or representing them.
	Actor Ref
	// BroadTopic is the topic at the top of the hot topic's group: with
	// Config.Hierarchies, three topics lie below it, two levels deep.
	BroadTopic Ref

	// Counts of what was generated, by class name ("Person", "Position").
	Counts map[string]int
}

// Generate builds the graph cfg describes.
func Generate(cfg Config) (*Dataset, error) {
	if cfg.Quads < MinQuads {
		return nil, fmt.Errorf("synth: %d quads is too few: want at least %d", cfg.Quads, MinQuads)
	}
	g := &generator{
		n:      cfg.Quads,
		hier:   cfg.Hierarchies,
		rng:    rand.New(rand.NewPCG(cfg.Seed, 0x9a71e7)),
		d:      &Dataset{Quads: make([]quad.Quad, 0, cfg.Quads), Counts: map[string]int{}},
		topicN: map[int]int{},
		text:   cfg.Text,
	}
	if cfg.Text {
		// Its own stream, so that the graph's shape is the same with or
		// without text.
		g.textRng = rand.New(rand.NewPCG(cfg.Seed, 0x7e47))
		g.words = newWordZipf(g.textRng)
	}
	g.build()
	return g.d, nil
}

// WriteTo writes the quads as N-Quads, one per line.
func (d *Dataset) WriteTo(w io.Writer) (int64, error) {
	cw := &countingWriter{w: w}
	bw := bufio.NewWriterSize(cw, 1<<16)
	qw := nquads.NewWriter(bw)
	if _, err := qw.WriteQuads(d.Quads); err != nil {
		return cw.n, fmt.Errorf("write quads: %w", err)
	}
	if err := bw.Flush(); err != nil {
		return cw.n, fmt.Errorf("write quads: %w", err)
	}
	return cw.n, nil
}

// NQuads returns the quads as N-Quads text.
func (d *Dataset) NQuads() []byte {
	var b bytes.Buffer
	b.Grow(len(d.Quads) * 200)
	d.WriteTo(&b) // a bytes.Buffer does not fail
	return b.Bytes()
}

type countingWriter struct {
	w io.Writer
	n int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// Bench1MEnv is the environment variable that adds the 1M-quad size to
// [BenchSizes]: benchmarks at that size take minutes.
const Bench1MEnv = "PARLEY_BENCH_1M"

// BenchSizes returns the graph sizes Parley's benchmarks use: 10k and 100k
// quads, and 1M when getenv([Bench1MEnv]) is "1".
func BenchSizes(getenv func(string) string) []int {
	sizes := []int{10_000, 100_000}
	if getenv(Bench1MEnv) == "1" {
		sizes = append(sizes, 1_000_000)
	}
	return sizes
}

// SizeName names a size for benchmark names: "10k", "1M".
func SizeName(n int) string {
	if n >= 1_000_000 && n%1_000_000 == 0 {
		return fmt.Sprintf("%dM", n/1_000_000)
	}
	return fmt.Sprintf("%dk", n/1000)
}
