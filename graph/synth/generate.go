package synth

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strconv"
	"strings"

	"github.com/cayleygraph/quad"
	"github.com/parley-kg/parley/graph"
)

// paragraphsPerDoc is how many source paragraphs each generated document has.
const paragraphsPerDoc = 20

// Quads per record, used to budget the graph's size.
const (
	positionQuads = 7 // type, name, holder, topic, stance, summary, source
	docQuads      = 3
	sourceQuads   = 5
)

var (
	firstNames = []string{"Olena", "Dmytro", "Anna", "Sergei", "Marta", "Viktor", "Ingrid", "Pierre", "Lucia", "Tomas",
		"Aisha", "Jonas", "Katarzyna", "Mehmet", "Sofia", "Andriy", "Helena", "Pavel", "Yuki", "Omar"}
	syllables = []string{"ka", "ro", "vi", "ne", "sa", "lu", "mo", "te", "da", "ri", "po", "ze", "ha", "bo", "ki", "na"}
	stances   = []string{graph.StanceSupports, graph.StanceOpposes, graph.StanceDemands, graph.StanceRejects,
		graph.StanceConditional, graph.StanceDemandsSay, graph.StanceNeutral}
	statuses  = []string{graph.StatusAsserted, graph.StatusDisputed, graph.StatusUnverified, graph.StatusConfirmed}
	titles    = []string{"President", "Foreign Minister", "special envoy", "adviser", "spokesperson", "Prime Minister", "negotiator", "ambassador"}
	areaKinds = []string{graph.ClassAdminArea, graph.ClassCity, graph.ClassCity, graph.ClassPlace}
)

// word returns a made-up word, different for every i: base-16 digits of i
// spelt as two-letter syllables, at least two of them.
func word(i int) string {
	var b strings.Builder
	digits := []int{}
	for v := i; v > 0 || len(digits) < 2; v /= len(syllables) {
		digits = append(digits, v%len(syllables))
	}
	for j := len(digits) - 1; j >= 0; j-- {
		b.WriteString(syllables[digits[j]])
	}
	s := b.String()
	return strings.ToUpper(s[:1]) + s[1:]
}

// slug is the IRI slug of a name.
func slug(name string) string {
	return strings.ToLower(strings.NewReplacer(" ", "-", ".", "").Replace(name))
}

type generator struct {
	n    int
	hier bool // add the topic hierarchy (Config.Hierarchies)
	rng  *rand.Rand
	d    *Dataset

	sources                       []quad.IRI
	states, insts, places, topics []Ref
	people                        []Ref
	topicN                        map[int]int // positions per topic index
	zipf                          *rand.Zipf

	text    bool       // see Config.Text
	textRng *rand.Rand // draws the text, apart from the shape
	words   *rand.Zipf // over vocabulary
}

// summary returns a summary: short and fixed without Config.Text, else
// 20 to 40 words of prose naming names.
func (g *generator) summary(short string, names ...string) string {
	if !g.text {
		return short
	}
	return prose(g.words, 20+g.textRng.IntN(21), names...)
}

func (g *generator) add(s quad.IRI, p string, o quad.Value, label quad.IRI) {
	g.d.Quads = append(g.d.Quads, quad.Quad{Subject: s, Predicate: quad.IRI(p), Object: o, Label: label})
}

// node adds a node's type and name, and counts it by class.
func (g *generator) node(iri quad.IRI, class, name string, label quad.IRI) {
	g.add(iri, graph.PredType, quad.IRI(class), label)
	g.add(iri, graph.PredName, quad.String(name), label)
	g.d.Counts[class[strings.LastIndexAny(class, "/#")+1:]]++
}

func (g *generator) src() quad.IRI { return g.sources[g.rng.IntN(len(g.sources))] }

func (g *generator) pick(refs []Ref) Ref { return refs[g.rng.IntN(len(refs))] }

func scaled(n, per, min int) int { return max(min, n/per) }

// build generates the graph: sources, then the entities, then events and
// claims, then positions until the budget is spent, then aliases to make
// the count exact.
func (g *generator) build() {
	n := g.n
	g.sourceNodes(scaled(n, 4000, 2))
	g.entities("Country", graph.ClassCountry, scaled(n, 10000, 8), &g.states, func(i int) string { return word(i) + "ia" })
	g.entities("Organization", graph.ClassOrganization, scaled(n, 10000, 8), &g.insts, func(i int) string { return word(i) + " Council" })
	g.entities("Place", "", scaled(n, 1000, 12), &g.places, func(i int) string { return word(i) + "sk" })
	g.entities("Topic", graph.ClassTopic, scaled(n, 2000, 10), &g.topics, func(i int) string { return word(i) + " accords" })
	g.zipf = rand.NewZipf(g.rng, 1.1, 1, uint64(len(g.topics)-1))
	if g.hier {
		g.topicHierarchy()
	}
	g.persons(scaled(n, 100, 20))
	g.events(n / 250)
	g.claims(n / 500)
	perPosition := positionQuads
	if g.text {
		perPosition++ // the quote
	}
	for i := 0; len(g.d.Quads)+perPosition <= n; i++ {
		g.position(i)
	}
	for i := 0; len(g.d.Quads) < n; i++ { // fewer than 7 quads short
		p := g.people[i]
		g.add(quad.IRI(p.IRI), graph.PredAlternateName, quad.String("Mx. "+p.Name), g.src())
	}
	g.pickTargets()
}

// sourceNodes adds docs documents of paragraphsPerDoc paragraphs each.
func (g *generator) sourceNodes(docs int) {
	for d := range docs {
		stem := fmt.Sprintf("synthetic-%04d", d)
		doc := quad.IRI(graph.DocBase + stem)
		g.node(doc, graph.ClassDocument, "Synthetic dispatch "+strconv.Itoa(d+1), doc)
		g.add(doc, graph.PredFile, quad.String(stem+".txt"), doc)
		for p := 1; p <= paragraphsPerDoc; p++ {
			s := quad.IRI(fmt.Sprintf("%s%s/p%d", graph.SourceBase, stem, p))
			g.node(s, graph.ClassSource, fmt.Sprintf("Paragraph %d", p), s)
			g.add(s, graph.PredDocument, doc, s)
			g.add(s, graph.PredParagraph, quad.TypedString{Value: quad.String(strconv.Itoa(p)), Type: graph.XSDInteger}, s)
			g.add(s, graph.PredSection, quad.String(fmt.Sprintf("Section %d", (p-1)/5+1)), s)
			g.sources = append(g.sources, s)
		}
	}
}

// entities adds count states, institutions, territories or topics (class
// empty: a mix of territory classes), each with an alias and a description,
// and links them: institutions to states, cities to regions.
func (g *generator) entities(what, class string, count int, into *[]Ref, name func(int) string) {
	for i := range count {
		r := Ref{Name: name(i), Alias: fmt.Sprintf("%s %s-%d", what, word(i), i)}
		r.IRI = graph.IDBase + slug(r.Name)
		iri, label := quad.IRI(r.IRI), g.src()
		c := class
		if c == "" {
			c = areaKinds[i%len(areaKinds)]
		}
		g.node(iri, c, r.Name, label)
		g.add(iri, graph.PredAlternateName, quad.String(r.Alias), label)
		g.add(iri, graph.PredDescription, quad.String(fmt.Sprintf("A synthetic %s.", strings.ToLower(what))), label)
		switch {
		case class == graph.ClassOrganization:
			g.add(iri, graph.PredPartOf, quad.IRI(g.pick(g.states).IRI), g.src())
		case class == graph.ClassCountry && i > 0:
			g.add(iri, graph.PredAlliedWith, quad.IRI((*into)[g.rng.IntN(i)].IRI), g.src())
		case class == "" && c != graph.ClassAdminArea && i > 0:
			g.add(iri, graph.PredContainedIn, quad.IRI((*into)[(i/len(areaKinds))*len(areaKinds)].IRI), g.src())
		case class == "" && i%3 == 0:
			g.add(quad.IRI(g.pick(g.states).IRI), graph.PredOccupies, iri, g.src())
		}
		*into = append(*into, r)
	}
}

// persons adds count people, each with a role of a state or institution,
// an adviser chain (person i advises person i+1) and whom they represent.
func (g *generator) persons(count int) {
	for i := range count {
		first, last := firstNames[i%len(firstNames)], word(i)+"enko"
		r := Ref{Name: first + " " + last, Alias: first[:1] + ". " + last}
		r.IRI = graph.IDBase + slug(r.Name)
		iri, label := quad.IRI(r.IRI), g.src()
		g.node(iri, graph.ClassPerson, r.Name, label)
		g.add(iri, graph.PredAlternateName, quad.String(r.Alias), label)
		g.add(iri, graph.PredDescription, quad.String("A synthetic person."), label)
		of := g.pick(g.states)
		if i%3 == 1 {
			of = g.pick(g.insts)
		}
		title := titles[g.rng.IntN(len(titles))]
		role := quad.IRI(fmt.Sprintf("%srole/%s-%s", graph.IDBase, slug(last), slug(title)))
		g.add(iri, graph.PredRole, role, label)
		g.node(role, graph.ClassRole, r.Name+", "+title, label)
		g.add(role, graph.PredTitle, quad.String(title), label)
		g.add(role, graph.PredOf, quad.IRI(of.IRI), label)
		g.add(iri, graph.PredRepresents, quad.IRI(of.IRI), g.src())
		g.people = append(g.people, r)
	}
	for i := range count - 1 {
		g.add(quad.IRI(g.people[i].IRI), graph.PredAdvises, quad.IRI(g.people[i+1].IRI), g.src())
	}
}

// actor picks the holder of a position or the maker of a claim: mostly a
// person, sometimes a state or an institution (hubs). With the
// hierarchies, in the seed article's proportions instead (see
// Config.Hierarchies).
func (g *generator) actor() Ref {
	if g.hier {
		switch r := g.rng.IntN(seedHolders); {
		case r < seedStateHolders:
			return g.pick(g.states)
		case r < seedStateHolders+seedInstHolders:
			return g.pick(g.insts)
		}
		return g.pick(g.people)
	}
	switch r := g.rng.IntN(10); {
	case r == 0:
		return g.pick(g.states)
	case r == 1:
		return g.pick(g.insts)
	}
	return g.pick(g.people)
}

// The seed article's positions by kind of holder, when issue 11 measured
// against them (the seed has two more institutional positions since): of
// its 40 positions, states held 10 and institutions 13, people the other
// 17. A state's own positions are then a fair share of its and its
// affiliates' (Russia 4 of 6, Ukraine 6 of 9 in the seed), where the mix of
// the canonical questions (a tenth each) gives it one in twelve.
const (
	seedHolders      = 40
	seedStateHolders = 10
	seedInstHolders  = 13
)

// events adds count dated events, each at a territory, with two to four
// attendees and a topic.
func (g *generator) events(count int) {
	for i := range count {
		place := g.pick(g.places)
		iri, label := quad.IRI(fmt.Sprintf("%sevent-%d", graph.IDBase, i)), g.src()
		g.node(iri, graph.ClassEvent, fmt.Sprintf("%s talks %d", place.Name, i+1), label)
		date := fmt.Sprintf("%d-%02d-%02d", 2014+g.rng.IntN(12), 1+g.rng.IntN(12), 1+g.rng.IntN(28))
		g.add(iri, graph.PredStartDate, quad.String(date), label)
		g.add(iri, graph.PredLocation, quad.IRI(place.IRI), label)
		seen := map[string]bool{}
		for range 2 + g.rng.IntN(3) {
			if a := g.actor(); !seen[a.IRI] {
				seen[a.IRI] = true
				g.add(iri, graph.PredAttendee, quad.IRI(a.IRI), label)
			}
		}
		g.add(iri, graph.PredAbout, quad.IRI(g.topics[g.zipf.Uint64()].IRI), label)
	}
}

// claims adds count claims about territories, some disputed.
func (g *generator) claims(count int) {
	for i := range count {
		iri, label := quad.IRI(fmt.Sprintf("%sclaim/c%d", graph.IDBase, i)), g.src()
		about := g.pick(g.places)
		g.node(iri, graph.ClassClaim, "Claim about "+about.Name, label)
		g.add(iri, graph.PredClaimant, quad.IRI(g.actor().IRI), label)
		g.add(iri, graph.PredSummary, quad.String(g.summary(fmt.Sprintf("Synthetic claim %d about %s.", i, about.Name), about.Name)), label)
		g.add(iri, graph.PredAbout, quad.IRI(about.IRI), label)
		status := statuses[g.rng.IntN(len(statuses))]
		g.add(iri, graph.PredStatus, quad.IRI(status), label)
		g.add(iri, graph.PredSource, label, label)
		if status == graph.StatusDisputed {
			g.add(iri, graph.PredDisputedBy, quad.IRI(g.pick(g.states).IRI), g.src())
		}
	}
}

// position adds position i: an actor's stance on a Zipf-chosen topic.
func (g *generator) position(i int) {
	t := int(g.zipf.Uint64())
	g.topicN[t]++
	holder, topic := g.actor(), g.topics[t]
	iri, label := quad.IRI(fmt.Sprintf("%sposition/p%d", graph.IDBase, i)), g.src()
	g.node(iri, graph.ClassPosition, holder.Name+" on "+topic.Name, label)
	g.add(iri, graph.PredHolder, quad.IRI(holder.IRI), label)
	g.add(iri, graph.PredTopic, quad.IRI(topic.IRI), label)
	g.add(iri, graph.PredStance, quad.IRI(stances[g.rng.IntN(len(stances))]), label)
	g.add(iri, graph.PredSummary, quad.String(g.summary(fmt.Sprintf("Synthetic position %d of %s on %s.", i, holder.Name, topic.Name), holder.Name, topic.Name)), label)
	g.add(iri, graph.PredSource, label, label)
	if g.text {
		g.add(iri, graph.PredQuote, quad.String(prose(g.words, 10+g.textRng.IntN(21))), label)
	}
}

// topicHierarchy links the topics in groups of four: of topics t, t+1,
// t+2, t+3 (t a multiple of four), t+1 and t+3 are narrower than t, and
// t+2 narrower than t+1.
func (g *generator) topicHierarchy() {
	for i, t := range g.topics {
		var broader int
		switch i % 4 {
		case 0:
			continue
		case 2:
			broader = i - 1
		default:
			broader = i - i%4
		}
		g.add(quad.IRI(t.IRI), graph.PredBroader, quad.IRI(g.topics[broader].IRI), g.src())
	}
}

// pickTargets names the entities the canonical questions ask about.
func (g *generator) pickTargets() {
	hot, most := 0, math.MinInt
	for t, n := range g.topicN {
		if n > most || (n == most && t < hot) {
			hot, most = t, n
		}
	}
	g.d.HotTopic = g.topics[hot]
	g.d.BroadTopic = g.topics[hot-hot%4]
	g.d.Actor = g.states[len(g.states)/2]
	mid := len(g.people) / 2
	g.d.Person = g.people[mid]
	g.d.From, g.d.To = g.people[mid-5], g.people[mid-2]
	g.d.Territory = g.places[len(g.places)/2]
}
