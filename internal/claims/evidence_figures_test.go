package claims

import (
	"errors"
	"testing"
)

func TestParseFigureValue(t *testing.T) {
	tests := []struct {
		in      string
		want    FigureValue
		str     string
		problem string
	}{
		{in: "", want: FigureValue{}},
		{in: "34", want: FigureValue{Qualifier: QualExactly, N: 34}, str: "34"},
		{in: " 1,400 ", want: FigureValue{Qualifier: QualExactly, N: 1400}, str: "1,400"},
		{in: "three", want: FigureValue{Qualifier: QualExactly, N: 3}, str: "3"},
		{in: "none", want: FigureValue{Qualifier: QualExactly, N: 0}, str: "0"},
		{in: "at least 34", want: FigureValue{Qualifier: QualAtLeast, N: 34}, str: "at least 34"},
		{in: "At  Least 34", want: FigureValue{Qualifier: QualAtLeast, N: 34}, str: "at least 34"},
		{in: "34+", want: FigureValue{Qualifier: QualAtLeast, N: 34}, str: "at least 34"},
		{in: "more than 1,400", want: FigureValue{Qualifier: QualMoreThan, N: 1400}, str: "more than 1,400"},
		{in: "over 30", want: FigureValue{Qualifier: QualMoreThan, N: 30}, str: "more than 30"},
		{in: "up to 5", want: FigureValue{Qualifier: QualAtMost, N: 5}, str: "at most 5"},
		{in: "fewer than 5", want: FigureValue{Qualifier: QualFewerThan, N: 5}, str: "fewer than 5"},
		{in: "3-5", want: FigureValue{Qualifier: QualBetween, N: 3, M: 5}, str: "3–5"},
		{in: "3 – 5", want: FigureValue{Qualifier: QualBetween, N: 3, M: 5}, str: "3–5"},
		{in: "between 3 and 5", want: FigureValue{Qualifier: QualBetween, N: 3, M: 5}, str: "3–5"},
		{in: "from 3 to 5", want: FigureValue{Qualifier: QualBetween, N: 3, M: 5}, str: "3–5"},
		{in: "2 or 3", want: FigureValue{Qualifier: QualBetween, N: 2, M: 3}, str: "2–3"},
		{in: "4-4", want: FigureValue{Qualifier: QualExactly, N: 4}, str: "4"},
		{in: "about 40", want: FigureValue{Qualifier: QualAbout, N: 40}, str: "about 40"},
		{in: "~40", want: FigureValue{Qualifier: QualAbout, N: 40}, str: "about 40"},
		{in: "some 40", want: FigureValue{Qualifier: QualAbout, N: 40}, str: "about 40"},
		{in: "dozens", want: FigureValue{Qualifier: QualVague, N: 24, M: 99, Word: "dozens"}, str: "dozens"},
		{in: "A few", want: FigureValue{Qualifier: QualVague, N: 2, M: 9, Word: "a few"}, str: "a few"},
		{in: "lots", problem: `Cannot read "lots" as a figure: ` + figureHelp + "."},
		{in: "34 people", problem: `Cannot read "34 people" as a figure: ` + figureHelp + "."},
		{in: "-3", problem: "A figure cannot be negative."},
		{in: "3.5", problem: `Give a whole number (not "3.5").`},
		{in: "5-3", problem: "The range runs backwards: write 3-5."},
		{in: "2000000", problem: "Give a number up to 1,000,000."},
		{in: "fewer than 0", problem: "Nothing is fewer than 0."},
		{in: "at least", problem: `Give the number after "at least".`},
		{in: "1,40", problem: `Cannot read "1,40" as a figure: ` + figureHelp + "."},
		{in: "overall", problem: `Cannot read "overall" as a figure: ` + figureHelp + "."},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseFigureValue(tt.in)
			if tt.problem != "" {
				var fe *FigureInputError
				if !errors.As(err, &fe) || fe.Problem != tt.problem || fe.Input != tt.in {
					t.Fatalf("ParseFigureValue(%q) error = %v, want %q", tt.in, err, tt.problem)
				}
				return
			}
			if err != nil {
				t.Fatalf("ParseFigureValue(%q): %v", tt.in, err)
			}
			if got != tt.want {
				t.Errorf("ParseFigureValue(%q) = %+v, want %+v", tt.in, got, tt.want)
			}
			if got.String() != tt.str {
				t.Errorf("String() = %q, want %q", got.String(), tt.str)
			}
			if p := got.Problem(); p != "" {
				t.Errorf("parsed value has a problem: %s", p)
			}
		})
	}
}

func TestFigureValueFits(t *testing.T) {
	fig := func(s string) FigureValue {
		v, err := ParseFigureValue(s)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	tests := []struct {
		a, b string
		want bool
	}{
		{"at least 34", "40", true},
		{"at least 34", "30", false},
		{"3-5", "7", false},
		{"3-5", "5", true},
		{"dozens", "40", true},
		{"dozens", "12", false},
		{"dozens", "hundreds", false},
		{"a few", "2", true},
		{"a few", "1", false},
		{"about 40", "44", true},
		{"about 40", "45", false},
		{"about 40", "36", true},
		{"about 3", "4", true},
		{"about 3", "5", false},
		{"more than 3", "3", false},
		{"fewer than 3", "2", true},
		{"at most 2", "at least 3", false},
		{"2", "3", false},
		{"34", "34", true},
	}
	for _, tt := range tests {
		if got := fig(tt.a).Fits(fig(tt.b)); got != tt.want {
			t.Errorf("%q fits %q = %v, want %v", tt.a, tt.b, got, tt.want)
		}
		if got := fig(tt.b).Fits(fig(tt.a)); got != tt.want {
			t.Errorf("%q fits %q = %v, want %v", tt.b, tt.a, got, tt.want)
		}
	}
}

func TestFigureValueProblem(t *testing.T) {
	tests := []struct {
		v    FigureValue
		want string
	}{
		{FigureValue{}, ""},
		{FigureValue{Qualifier: QualExactly, N: 3}, ""},
		{FigureValue{Qualifier: "lots", N: 3}, "Choose how the figure is qualified."},
		{FigureValue{Qualifier: QualExactly, N: -1}, "A figure cannot be negative."},
		{FigureValue{Qualifier: QualBetween, N: 5, M: 3}, "The range runs backwards."},
		{FigureValue{Qualifier: QualVague, N: 2, M: 9}, "Give the words the source used."},
	}
	for _, tt := range tests {
		if got := tt.v.Problem(); got != tt.want {
			t.Errorf("%+v.Problem() = %q, want %q", tt.v, got, tt.want)
		}
	}
}
