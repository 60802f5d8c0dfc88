package claims

import (
	"errors"
	"strings"
	"testing"
)

func TestParseQuery(t *testing.T) {
	tests := []struct {
		in, want string // want: the FTS4 expression without name references
	}{
		{"drone", `"drone"`},
		{"  Drone   strike ", `"Drone" AND "strike"`},
		{`"al-Tanf garrison"`, `"al Tanf garrison"`},
		{"“smart quotes”", `"smart quotes"`},
		{"al-Tanf", `"al Tanf"`},
		{"dro*", `"dro*"`},
		{"al-ta*", `"al ta*"`},
		{`"drone str*"`, `"drone str*"`},
		{"drone -Erbil", `"drone" NOT "Erbil"`},
		{`drone -"air base" -conoco`, `"drone" NOT "air base" NOT "conoco"`},
		{"-conoco drone", `"drone" NOT "conoco"`},
		{"Qāsim", `"Qāsim"`},
		{"التنف", `"التنف"`},
		{"drone, strike!", `"drone" AND "strike"`},
		{"near and or not", `"near" AND "and" AND "or" AND "not"`},
		{`"NEAR" "OR"`, `"NEAR" AND "OR"`},
		{"drone's", `"drone s"`},
		{"(drone)", `"drone"`},
		{"drone\tstrike\nbase", `"drone" AND "strike" AND "base"`},
		{`drone ""`, `"drone"`},
		{`col:drone`, `"col drone"`},
		{`drone^ {base}`, `"drone" AND "base"`},
		{strings.Repeat("w ", MaxSearchWords), strings.TrimSuffix(strings.Repeat(`"w" AND `, MaxSearchWords), " AND ")},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			q, err := ParseQuery(tt.in)
			if err != nil {
				t.Fatalf("ParseQuery(%q): %v", tt.in, err)
			}
			if got := q.ftsMatch(nil); got != tt.want {
				t.Errorf("ParseQuery(%q) = %s, want %s", tt.in, got, tt.want)
			}
		})
	}
}

func TestParseQueryEmpty(t *testing.T) {
	for _, in := range []string{"", "   ", "\t\n"} {
		if q, err := ParseQuery(in); err != nil || !q.Empty() {
			t.Errorf("ParseQuery(%q) = %v, %v; want an empty query", in, q, err)
		}
	}
}

func TestParseQueryRefused(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"UnclosedQuote", `"al-Tanf garrison`, SearchUnclosed},
		{"UnclosedSecondQuote", `"drone" "base`, SearchUnclosed},
		{"LoneQuote", `"`, SearchUnclosed},
		{"Near", "drone NEAR base", SearchOperator},
		{"NearParen", "NEAR(drone base)", SearchOperator},
		{"NearSlash", "drone NEAR/3 base", SearchOperator},
		{"And", "drone AND base", SearchOperator},
		{"Or", "drone OR base", SearchOperator},
		{"Not", "drone NOT base", SearchOperator},
		{"ParenOr", "(drone OR) base", SearchOperator},
		{"StarAlone", "*", SearchShortStar},
		{"StarAfterSpace", "drone *", SearchShortStar},
		{"OneLetterPrefix", "d*", SearchShortStar},
		{"StarInside", "dr*ne", SearchInnerStar},
		{"LoneMinus", "-", SearchLoneMinus},
		{"MinusAfterWord", "drone -", SearchLoneMinus},
		{"OnlyExcluded", "-drone", SearchOnlyExclude},
		{"OnlyExcludedPhrase", `-"air base" -drone`, SearchOnlyExclude},
		{"Punctuation", "!!! ???", SearchNoWords},
		{"EmptyPhrase", `""`, SearchNoWords},
		{"MinusMinus", "--", SearchNoWords},
		{"TooManyWords", strings.Repeat("drone ", MaxSearchWords+1), "A search can have at most 20 words (this one has 21)."},
		{"TooManyInPhrase", `"` + strings.Repeat("a ", MaxSearchWords+1) + `"`, "A search can have at most 20 words (this one has 21)."},
		{"TenKilobytes", strings.Repeat("x", 10240), "Keep the search to 300 characters (this one has 10240)."},
		{"Nul", "drone\x00", SearchNotText},
		{"Control", "drone\x1b[31m", SearchNotText},
		{"InvalidUTF8", "dr\xffone", SearchNotText},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseQuery(tt.in)
			var ve ValidationError
			if !errors.As(err, &ve) {
				t.Fatalf("ParseQuery(%.40q) = %v, want a ValidationError", tt.in, err)
			}
			if got := ve[SearchField.Name]; got != tt.want {
				t.Errorf("ParseQuery(%.40q) says %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestFTSMatchNames(t *testing.T) {
	q, err := ParseQuery(`"Al Mayadeen" drone -reuters`)
	if err != nil {
		t.Fatal(err)
	}
	got := q.ftsMatch([][]string{{sourceToken(3), partyToken(7)}, nil, {sourceToken(9)}})
	want := "(\"Al Mayadeen\" OR \"\uE000src3\" OR \"\uE000pty7\") AND \"drone\" NOT (\"reuters\" OR \"\uE000src9\")"
	if got != want {
		t.Errorf("ftsMatch = %q, want %q", got, want)
	}
}

// FuzzParseQuery checks that whatever is typed, an accepted search becomes an
// expression of quoted phrases and operators only, never raw input.
func FuzzParseQuery(f *testing.F) {
	for _, s := range []string{`drone "al tanf" -x dro*`, `NEAR("a" b)`, `"`, `*`, `-`, "a\x00", `a:b^c {d} (e)`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		q, err := ParseQuery(s)
		if err != nil || q.Empty() {
			return
		}
		expr := q.ftsMatch(nil)
		inQuote := false
		for _, r := range expr {
			switch {
			case r == '"':
				inQuote = !inQuote
			case inQuote:
				if !isWordRune(r) && r != ' ' && r != '*' {
					t.Fatalf("%q: %q inside a phrase of %s", s, r, expr)
				}
			case !strings.ContainsRune(" ANDOT", r):
				t.Fatalf("%q: %q outside phrases in %s", s, r, expr)
			}
		}
		if inQuote {
			t.Fatalf("%q: unbalanced quotes in %s", s, expr)
		}
	})
}

func TestSegments(t *testing.T) {
	mark := func(segs []Segment) string {
		var b strings.Builder
		for _, s := range segs {
			if s.Match {
				b.WriteString("[" + s.Text + "]")
			} else {
				b.WriteString(s.Text)
			}
		}
		return b.String()
	}
	tests := []struct {
		name, text string
		spans      []Span
		want       string
	}{
		{"None", "Drone strike", nil, "Drone strike"},
		{"One", "Drone strike", []Span{{0, 5}}, "[Drone] strike"},
		{"Unordered", "Drone strike on base", []Span{{16, 20}, {0, 5}}, "[Drone] strike on [base]"},
		{"Overlapping", "Drone strike", []Span{{0, 3}, {2, 5}}, "[Drone] strike"},
		{"AdjacentWords", "at Tower 22 today", []Span{{3, 8}, {9, 11}}, "at [Tower 22] today"},
		{"OutOfRange", "Drone", []Span{{3, 99}, {-1, 2}, {4, 4}}, "Drone"},
		{"InsideARune", "Qāsim", []Span{{2, 4}}, "Qāsim"},
		{"Multibyte", "Abu Qāsim said", []Span{{4, 10}}, "Abu [Qāsim] said"},
		{"Markup", "<script>alert(1)</script> drone", []Span{{26, 31}}, "<script>alert(1)</script> [drone]"},
		{"Empty", "", nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			segs := Segments(tt.text, tt.spans)
			if got := mark(segs); got != tt.want {
				t.Errorf("Segments = %q, want %q", got, tt.want)
			}
			var joined strings.Builder
			for _, s := range segs {
				joined.WriteString(s.Text)
			}
			if joined.String() != tt.text {
				t.Errorf("segments join to %q, not the text", joined.String())
			}
		})
	}
	long := strings.Repeat("word ", 60) + "drone strike\nreported " + strings.Repeat("more ", 60)
	at := strings.Index(long, "drone")
	snippetTests := []struct {
		name, text string
		spans      []Span
		width      int
		want       string
	}{
		{"NoSpan", "Drone strike", nil, 40, ""},
		{"Short", "Two drones were shot down.", []Span{{4, 10}}, 40, "Two [drones] were shot down."},
		{"LineBreaks", "Drones hit.\n\nSaid the  army", []Span{{0, 6}}, 40, "[Drones] hit. Said the army"},
		{"CutBothEnds", long, []Span{{at, at + 5}}, 30, "… word [drone] strike reported …"},
	}
	for _, tt := range snippetTests {
		t.Run("Snippet"+tt.name, func(t *testing.T) {
			if got := mark(Snippet(tt.text, tt.spans, tt.width)); got != tt.want {
				t.Errorf("Snippet = %q, want %q", got, tt.want)
			}
		})
	}
}
