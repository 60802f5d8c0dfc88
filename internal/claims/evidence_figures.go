package claims

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Qualifier says how a source hedged a figure: exactly, about, at least, a range...
type Qualifier string

// Qualifiers a figure can carry.
const (
	QualExactly   Qualifier = "exactly"
	QualAbout     Qualifier = "about"
	QualAtLeast   Qualifier = "at_least"
	QualMoreThan  Qualifier = "more_than"
	QualAtMost    Qualifier = "at_most"
	QualFewerThan Qualifier = "fewer_than"
	QualBetween   Qualifier = "between"
	QualVague     Qualifier = "vague"
)

// Qualifiers lists every qualifier in the order forms show them.
var Qualifiers = []Choice{
	{string(QualExactly), "Exactly"},
	{string(QualAbout), "About"},
	{string(QualAtLeast), "At least"},
	{string(QualMoreThan), "More than"},
	{string(QualAtMost), "At most"},
	{string(QualFewerThan), "Fewer than"},
	{string(QualBetween), "Between"},
	{string(QualVague), "In words (dozens, a few...)"},
}

// Valid reports whether q is one of Qualifiers.
func (q Qualifier) Valid() bool { return valid(Qualifiers, string(q)) }

// Label is the qualifier as editors read it.
func (q Qualifier) Label() string { return label(Qualifiers, string(q)) }

// MaxFigure is the largest number a figure may hold.
const MaxFigure = 1_000_000

// Unbounded is the upper bound of a figure with no upper limit ("at least 34").
const Unbounded = math.MaxInt

// FigureValue is one figure as a source reported it; the zero value means "not given".
type FigureValue struct {
	Qualifier Qualifier `json:"q,omitempty"`
	N         int       `json:"n,omitempty"`    // the number; the low end for between and vague
	M         int       `json:"m,omitempty"`    // the high end for between and vague
	Word      string    `json:"word,omitempty"` // the words the source used, for vague ("dozens")
}

// Given reports whether the source gave this figure at all.
func (v FigureValue) Given() bool { return v.Qualifier != "" }

// aboutMargin is how far "about n" reaches either side: 10%, rounded up, at least 1.
func aboutMargin(n int) int { return max(1, (n+9)/10) }

// Bounds returns the smallest and largest counts v allows; hi is Unbounded when open.
func (v FigureValue) Bounds() (lo, hi int) {
	switch v.Qualifier {
	case QualExactly:
		return v.N, v.N
	case QualAbout:
		d := aboutMargin(v.N)
		return max(0, v.N-d), v.N + d
	case QualAtLeast:
		return v.N, Unbounded
	case QualMoreThan:
		return v.N + 1, Unbounded
	case QualAtMost:
		return 0, v.N
	case QualFewerThan:
		return 0, v.N - 1
	case QualBetween, QualVague:
		return v.N, v.M
	}
	return 0, Unbounded
}

// Fits reports whether v and w can both be true: their ranges overlap.
func (v FigureValue) Fits(w FigureValue) bool {
	return overlap(v.span(), w.span())
}

func (v FigureValue) span() span {
	lo, hi := v.Bounds()
	return span{lo, hi}
}

// span is a closed range of counts; hi may be Unbounded.
type span struct{ lo, hi int }

func overlap(a, b span) bool { return a.lo <= b.hi && b.lo <= a.hi }

// String is the figure as a reader would say it: "34", "at least 34", "3–5", "dozens".
func (v FigureValue) String() string {
	switch v.Qualifier {
	case QualExactly:
		return thousands(v.N)
	case QualAbout:
		return "about " + thousands(v.N)
	case QualAtLeast:
		return "at least " + thousands(v.N)
	case QualMoreThan:
		return "more than " + thousands(v.N)
	case QualAtMost:
		return "at most " + thousands(v.N)
	case QualFewerThan:
		return "fewer than " + thousands(v.N)
	case QualBetween:
		return thousands(v.N) + "–" + thousands(v.M)
	case QualVague:
		return v.Word
	}
	return ""
}

// keyForm is the figure in the fixed form contest keys use: 34, ~40, 34+, >34, <=5, <5, 3-5, dozens.
func (v FigureValue) keyForm() string {
	n := strconv.Itoa(v.N)
	switch v.Qualifier {
	case QualAbout:
		return "~" + n
	case QualAtLeast:
		return n + "+"
	case QualMoreThan:
		return ">" + n
	case QualAtMost:
		return "<=" + n
	case QualFewerThan:
		return "<" + n
	case QualBetween:
		return n + "-" + strconv.Itoa(v.M)
	case QualVague:
		return v.Word
	}
	return n
}

// Problem says what is wrong with a figure as stored, or "" when nothing is.
func (v FigureValue) Problem() string {
	if !v.Given() {
		return ""
	}
	switch {
	case !v.Qualifier.Valid():
		return "Choose how the figure is qualified."
	case v.N < 0 || v.M < 0:
		return "A figure cannot be negative."
	case v.N > MaxFigure || v.M > MaxFigure:
		return "Give a number up to " + thousands(MaxFigure) + "."
	case v.Qualifier == QualFewerThan && v.N == 0:
		return "Nothing is fewer than 0."
	case (v.Qualifier == QualBetween || v.Qualifier == QualVague) && v.M < v.N:
		return "The range runs backwards."
	case v.Qualifier == QualVague && strings.TrimSpace(v.Word) == "":
		return "Give the words the source used."
	}
	return ""
}

// FigureInputError says why what a person typed is not a figure; its text is for the form.
type FigureInputError struct {
	Input   string
	Problem string
}

// Error is the message to show beside the field.
func (e *FigureInputError) Error() string { return e.Problem }

// vagueFigures maps the words sources use instead of numbers to the ranges they are taken to mean.
var vagueFigures = []struct {
	word   string
	lo, hi int
}{
	{"a couple", 2, 3},
	{"a few", 2, 9},
	{"few", 2, 9},
	{"several", 3, 9},
	{"a dozen", 10, 14},
	{"dozens", 24, 99},
	{"hundreds", 200, 999},
	{"thousands", 2000, 999_999},
}

var numberWords = []string{"zero", "one", "two", "three", "four", "five", "six", "seven", "eight",
	"nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
	"eighteen", "nineteen", "twenty"}

// figurePrefixes are the words and signs before a number that set its qualifier, longest first.
var figurePrefixes = []struct {
	prefix string
	q      Qualifier
}{
	{"no fewer than", QualAtLeast}, {"no less than", QualAtLeast}, {"a minimum of", QualAtLeast},
	{"at least", QualAtLeast}, {">=", QualAtLeast},
	{"more than", QualMoreThan}, {"over", QualMoreThan}, {"above", QualMoreThan}, {">", QualMoreThan},
	{"no more than", QualAtMost}, {"a maximum of", QualAtMost}, {"at most", QualAtMost}, {"up to", QualAtMost}, {"<=", QualAtMost},
	{"fewer than", QualFewerThan}, {"less than", QualFewerThan}, {"under", QualFewerThan}, {"<", QualFewerThan},
	{"approximately", QualAbout}, {"roughly", QualAbout}, {"around", QualAbout}, {"nearly", QualAbout},
	{"almost", QualAbout}, {"circa", QualAbout}, {"about", QualAbout}, {"approx.", QualAbout},
	{"approx", QualAbout}, {"some", QualAbout}, {"c.", QualAbout}, {"~", QualAbout},
}

const figureHelp = "write 34, at least 34, 34+, 3-5, between 3 and 5, about 40, or words such as a few or dozens"

// ParseFigureValue reads a figure as a person types it into a form; "" means not given.
func ParseFigureValue(input string) (FigureValue, error) {
	s := strings.ToLower(strings.Join(strings.Fields(input), " "))
	s = strings.NewReplacer("–", "-", "—", "-", "≥", ">=", "≤", "<=", "≈", "~").Replace(s)
	if s == "" {
		return FigureValue{}, nil
	}
	bad := func(problem string) (FigureValue, error) {
		return FigureValue{}, &FigureInputError{Input: input, Problem: problem}
	}
	for _, w := range vagueFigures {
		if s == w.word {
			return FigureValue{Qualifier: QualVague, N: w.lo, M: w.hi, Word: w.word}, nil
		}
	}
	if strings.HasPrefix(s, "-") {
		return bad("A figure cannot be negative.")
	}
	if rest, ok := strings.CutSuffix(s, "+"); ok {
		n, problem := parseCount(strings.TrimSpace(rest))
		if problem != "" {
			return bad(problem)
		}
		return FigureValue{Qualifier: QualAtLeast, N: n}, nil
	}
	for _, p := range figurePrefixes {
		rest, ok := strings.CutPrefix(s, p.prefix)
		if !ok || (rest != "" && isLetter(p.prefix[len(p.prefix)-1]) && rest[0] != ' ') {
			continue
		}
		if strings.TrimSpace(rest) == "" {
			return bad(fmt.Sprintf("Give the number after %q.", p.prefix))
		}
		n, problem := parseCount(strings.TrimSpace(rest))
		if problem != "" {
			return bad(problem)
		}
		if p.q == QualFewerThan && n == 0 {
			return bad("Nothing is fewer than 0.")
		}
		return FigureValue{Qualifier: p.q, N: n}, nil
	}
	if lo, hi, ok := splitRange(s); ok {
		a, problem := parseCount(lo)
		if problem == "" {
			var b int
			if b, problem = parseCount(hi); problem == "" {
				switch {
				case b < a:
					return bad(fmt.Sprintf("The range runs backwards: write %d-%d.", b, a))
				case a == b:
					return FigureValue{Qualifier: QualExactly, N: a}, nil
				}
				return FigureValue{Qualifier: QualBetween, N: a, M: b}, nil
			}
		}
		return bad(problem)
	}
	n, problem := parseCount(s)
	if problem != "" {
		return bad(problem)
	}
	return FigureValue{Qualifier: QualExactly, N: n}, nil
}

// splitRange splits "3-5", "3 to 5", "3 or 5", "between 3 and 5", "from 3 to 5" into its ends.
func splitRange(s string) (lo, hi string, ok bool) {
	if rest, found := strings.CutPrefix(s, "between "); found {
		lo, hi, ok = strings.Cut(rest, " and ")
	} else if rest, found := strings.CutPrefix(s, "from "); found {
		lo, hi, ok = strings.Cut(rest, " to ")
	} else {
		for _, sep := range []string{"-", " to ", " or "} {
			if lo, hi, ok = strings.Cut(s, sep); ok {
				break
			}
		}
	}
	return strings.TrimSpace(lo), strings.TrimSpace(hi), ok
}

// parseCount reads a whole number ("34", "1,400", "three"), or says what is wrong with it.
func parseCount(s string) (int, string) {
	for i, w := range numberWords {
		if s == w {
			return i, ""
		}
	}
	if s == "no" || s == "none" {
		return 0, ""
	}
	digits := s
	if strings.Contains(s, ",") {
		parts := strings.Split(s, ",")
		for i, p := range parts {
			if (i == 0 && (len(p) == 0 || len(p) > 3)) || (i > 0 && len(p) != 3) {
				return 0, fmt.Sprintf("Cannot read %q as a figure: %s.", s, figureHelp)
			}
		}
		digits = strings.Join(parts, "")
	}
	if digits == "" || strings.Trim(digits, "0123456789") != "" {
		if _, err := strconv.ParseFloat(digits, 64); err == nil {
			return 0, fmt.Sprintf("Give a whole number (not %q).", s)
		}
		if strings.HasPrefix(digits, "-") {
			return 0, "A figure cannot be negative."
		}
		return 0, fmt.Sprintf("Cannot read %q as a figure: %s.", s, figureHelp)
	}
	n, err := strconv.Atoi(digits)
	if err != nil || n > MaxFigure {
		return 0, "Give a number up to " + thousands(MaxFigure) + "."
	}
	return n, ""
}

func isLetter(b byte) bool { return b >= 'a' && b <= 'z' || b == '.' }

// thousands writes n with commas between groups of three digits: 1,400.
func thousands(n int) string {
	s := strconv.Itoa(n)
	if n < 1000 {
		return s
	}
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	return b.String()
}
