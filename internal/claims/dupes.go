package claims

import (
	"strings"
	"time"
	"unicode"
)

// SimilarTitle is the weighted word overlap (Jaccard) above which two titles name the
// same attack. Words of the attack vocabulary ("drone", "attack", "hit", "base") weigh
// half as much as the rest: two titles about one attack share the name of the place or
// target, which then decides; two attacks on one day share only the vocabulary, which
// cannot reach the threshold alone. "Drone attack on the al-Tanf garrison" and "Drones
// hit al-Tanf garrison" overlap 2/3; "Drone attack on Conoco" and "Drone attack on
// al-Tanf" 1/3.
const SimilarTitle = 0.5

// DuplicateDays is how many days apart two claims known to the day may be and still be
// the same attack: reports run a day or two behind, and time zones shift the date.
const DuplicateDays = 3

// precisionSlack is how many days a date of this precision may be off the real one.
func precisionSlack(p DatePrecision) int {
	switch p {
	case "week":
		return 7
	case "month":
		return 31
	}
	return 0
}

// maxSlack is the widest slack of any precision.
const maxSlack = 31

// DuplicateWindow is how many days apart claims with these date precisions may be and
// still be the same attack.
func DuplicateWindow(a, b DatePrecision) int {
	return DuplicateDays + precisionSlack(a) + precisionSlack(b)
}

// withinWindow reports whether the two claims' dates are close enough for their precisions.
func withinWindow(a, b *Claim) bool {
	d := a.OccurredOn.Sub(b.OccurredOn)
	if d < 0 {
		d = -d
	}
	return d <= time.Duration(DuplicateWindow(a.DatePrecision, b.DatePrecision))*24*time.Hour
}

// stopWords carry no meaning in a title or a place: articles (the Arabic al-, el-
// among them), prepositions, conjunctions.
var stopWords = map[string]bool{
	"a": true, "an": true, "the": true, "of": true, "on": true, "in": true, "at": true, "to": true, "by": true,
	"for": true, "and": true, "or": true, "near": true, "with": true, "from": true, "into": true, "after": true,
	"over": true, "against": true, "al": true, "el": true, "ad": true, "ar": true, "as": true, "ash": true,
	"az": true, "is": true, "was": true, "were": true, "its": true, "their": true,
}

// vocabulary words say what kind of attack or place it was, not which one: they weigh
// half in a title and do not make two places the same.
var vocabulary = map[string]bool{
	"drone": true, "missile": true, "rocket": true, "attack": true, "strike": true, "airstrike": true, "hit": true,
	"target": true, "targeted": true, "shell": true, "shelling": true, "bomb": true, "bombing": true, "launch": true,
	"launched": true, "fire": true, "fired": true, "intercept": true, "intercepted": true, "kill": true, "killed": true,
	"injure": true, "injured": true, "claim": true, "claimed": true, "report": true, "reported": true, "us": true,
	"base": true, "garrison": true, "camp": true, "city": true, "town": true, "village": true, "province": true,
	"district": true, "field": true, "area": true, "north": true, "south": true, "east": true, "west": true,
	"northern": true, "southern": true, "eastern": true, "western": true, "military": true, "troop": true, "force": true,
}

// folded maps letters with diacritics, and the marks transliterations use, to plain
// Latin letters; 0 drops the rune.
var folded = map[rune]rune{
	'ʿ': 0, 'ʾ': 0, '\'': 0, '’': 0, '‘': 0, '`': 0, 'ʼ': 0,
}

func init() {
	for plain, marked := range map[rune]string{
		'a': "àáâãäåāăąǎạả", 'c': "çćĉċč", 'd': "ďđḍḏ", 'e': "èéêëēĕėęěẹ", 'g': "ĝğġģǧ", 'h': "ĥħḥḫẖ",
		'i': "ìíîïĩīĭįıǐị", 'j': "ĵ", 'k': "ķḳ", 'l': "ĺļľŀł", 'n': "ñńņňṇ", 'o': "òóôõöøōŏőǒọ",
		'r': "ŕŗřṛ", 's': "śŝşšṣ", 't': "ţťŧṭṯ", 'u': "ùúûüũūŭůűųǔụ", 'w': "ŵ", 'y': "ýÿŷ", 'z': "źżžẓ",
	} {
		for _, r := range marked {
			folded[r] = plain
		}
	}
}

// Words splits s into lower-case words with diacritics folded and the plural -s of
// longer words dropped, leaving out stop words: "Drones hit the al-Tanf garrison"
// gives drone, hit, tanf, garrison.
func Words(s string) []string {
	var out []string
	seen := map[string]bool{}
	for _, w := range strings.FieldsFunc(foldText(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		if len(w) > 3 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") {
			w = strings.TrimSuffix(w, "s")
		}
		if stopWords[w] || seen[w] {
			continue
		}
		seen[w] = true
		out = append(out, w)
	}
	return out
}

// foldText lower-cases s and folds its diacritics.
func foldText(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if f, ok := folded[r]; ok {
			if f != 0 {
				b.WriteRune(f)
			}
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

func wordWeight(w string) float64 {
	if vocabulary[w] {
		return 0.5
	}
	return 1
}

// TitleSimilarity is the weighted Jaccard overlap of two titles' words, from 0 to 1.
func TitleSimilarity(a, b string) float64 {
	wa, wb := Words(a), Words(b)
	in := map[string]bool{}
	for _, w := range wa {
		in[w] = true
	}
	var both, union float64
	for _, w := range wa {
		union += wordWeight(w)
	}
	for _, w := range wb {
		if in[w] {
			both += wordWeight(w)
		} else {
			union += wordWeight(w)
		}
	}
	if union == 0 {
		return 0
	}
	return both / union
}

// SimilarTitles reports whether two titles likely name the same attack.
func SimilarTitles(a, b string) bool { return TitleSimilarity(a, b) >= SimilarTitle }

// SamePlace reports whether two claims are at the same place: the same place name,
// case and diacritics aside; or the same country and place names sharing a word that
// names somewhere ("Tanf" in "al-Tanf garrison"), not only "base" or "city"; or the
// same country and no place given on either.
func SamePlace(a, b *Claim) bool {
	pa, pb := strings.Join(Words(a.Place), " "), strings.Join(Words(b.Place), " ")
	if pa != "" && pa == pb {
		return true
	}
	if a.Country == "" || foldText(a.Country) != foldText(b.Country) {
		return false
	}
	if pa == "" && pb == "" {
		return true
	}
	named := map[string]bool{}
	for _, w := range Words(a.Place) {
		if !vocabulary[w] {
			named[w] = true
		}
	}
	for _, w := range Words(b.Place) {
		if named[w] {
			return true
		}
	}
	return false
}

// LikelyDuplicate reports whether b is likely the same attack as a: the same place,
// dates within the window their precisions allow, and similar titles.
func LikelyDuplicate(a, b *Claim) bool {
	return withinWindow(a, b) && SamePlace(a, b) && SimilarTitles(a.Title, b.Title)
}
