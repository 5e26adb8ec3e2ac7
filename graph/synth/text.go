package synth

import (
	"math/rand/v2"
	"strings"
)

// vocabulary is the English of generated summaries and quotes: words of
// diplomatic news, so that stemming and phrases meet real inflections.
var vocabulary = strings.Fields(`
	talks negotiations negotiators negotiated ceasefire ceasefires truce agreement agreements agreed
	security guarantees guarantee guaranteed sanctions sanctioned troops forces frontline front line
	territory territories annexation annexed occupied occupation border borders withdrawal withdraw
	peace plan plans proposal proposals draft drafted revised revision points demands demanded
	rejects rejected accepts accepted conditions conditional recognition recognise recognised
	sovereignty sovereign elections election referendum constitution neutrality alliance membership
	frozen assets reserves funds reconstruction loans investment aid weapons missiles drones air
	defence defences attack attacks strikes struck shelling offensive counteroffensive advance
	advanced retreat captured capture city cities region regions villages port ports grain exports
	energy gas pipeline prisoners exchange exchanged humanitarian corridor civilians refugees
	president minister ministers envoy envoys adviser advisers spokesman spokeswoman officials
	government governments parliament summit summits meeting meetings met visit visited trip call
	calls phone statement statements said says told warned insisted argued claimed denied confirmed
	reported reportedly according sources briefing press conference interview week weeks month
	months year years deadline timetable progress stalled breakthrough obstacles obstacle deal deals
	European Union Washington Moscow Kyiv Brussels capital capitals allies allied partners pressure
	compromise concessions concession firm red lines unacceptable realistic hopeful sceptical
	doubts doubted expects expected would could should must never always again still yet soon
	however although while because after before during despite without within against between
	long term lasting durable fair just future past present current new old first second final
	military political economic diplomatic legal international national regional local public
	support supported supports oppose opposed opposes backing backed backs plan planned planning
	`)

// prose returns a sentence of n words: vocabulary words, Zipf-weighted as
// in real text, with names woven in.
func prose(zipf *rand.Zipf, n int, names ...string) string {
	words := make([]string, 0, n+len(names)*2)
	for i := range n {
		if len(names) > 0 && i%9 == 4 {
			words = append(words, names[(i/9)%len(names)])
			continue
		}
		words = append(words, vocabulary[zipf.Uint64()])
	}
	s := strings.Join(words, " ")
	return strings.ToUpper(s[:1]) + s[1:] + "."
}

// newWordZipf returns the distribution prose draws its words from.
func newWordZipf(rng *rand.Rand) *rand.Zipf {
	return rand.NewZipf(rng, 1.07, 2, uint64(len(vocabulary)-1))
}

// Vocabulary returns the words of generated text ([Config.Text]), most
// common first, for benchmark queries.
func Vocabulary() []string { return append([]string(nil), vocabulary...) }
