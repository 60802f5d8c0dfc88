package claims

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Segment is a piece of a text shown with the words a search matched marked: the view
// writes each one as escaped text, marked or not.
type Segment struct {
	Text  string
	Match bool
}

// Span is a matched word's place in a text, in bytes: [Start, End).
type Span struct{ Start, End int }

// Match is what a search found in one claim, for the dashboard to mark.
type Match struct {
	Title   []Segment
	Snippet []Segment // a short passage of another field with a match; nil if only the title matched
}

// cleanSpans sorts spans, drops those outside text or not on character boundaries,
// and merges those that overlap or touch.
func cleanSpans(text string, spans []Span) []Span {
	var ok []Span
	for _, s := range spans {
		if s.Start < 0 || s.End > len(text) || s.Start >= s.End ||
			!utf8.RuneStart(text[s.Start]) || (s.End < len(text) && !utf8.RuneStart(text[s.End])) {
			continue
		}
		ok = append(ok, s)
	}
	slices.SortFunc(ok, func(a, b Span) int { return a.Start - b.Start })
	var out []Span
	for _, s := range ok {
		// Spans apart by spaces only are one: [Tower 22], not [Tower] [22].
		if n := len(out); n > 0 && (s.Start <= out[n-1].End || strings.TrimSpace(text[out[n-1].End:s.Start]) == "") {
			out[n-1].End = max(out[n-1].End, s.End)
			continue
		}
		out = append(out, s)
	}
	return out
}

// Segments cuts text into pieces at the spans, marking the matched ones. Joined, the
// pieces are text again.
func Segments(text string, spans []Span) []Segment {
	var out []Segment
	at := 0
	for _, s := range cleanSpans(text, spans) {
		if s.Start > at {
			out = append(out, Segment{Text: text[at:s.Start]})
		}
		out = append(out, Segment{Text: text[s.Start:s.End], Match: true})
		at = s.End
	}
	if at < len(text) || len(out) == 0 {
		out = append(out, Segment{Text: text[at:]})
	}
	return out
}

// Snippet is a passage of about width characters of text around its first span, cut
// at spaces, with "…" where text was left out, and line breaks read as spaces. It is
// nil when no span falls in text.
func Snippet(text string, spans []Span, width int) []Segment {
	spans = cleanSpans(text, spans)
	if len(spans) == 0 {
		return nil
	}
	first := spans[0]
	// Start about a third of the width before the match, at the start of a word.
	start := first.Start
	for n := 0; start > 0 && n < width/3; n++ {
		_, size := utf8.DecodeLastRuneInString(text[:start])
		start -= size
	}
	if start > 0 {
		if i := strings.IndexFunc(text[start:first.Start], unicode.IsSpace); i >= 0 {
			start += i + 1
		} else {
			start = first.Start
		}
	}
	end := start
	for n := 0; end < len(text) && (n < width || end < first.End); n++ {
		_, size := utf8.DecodeRuneInString(text[end:])
		end += size
	}
	if end < len(text) {
		if i := strings.LastIndexFunc(text[first.End:end], unicode.IsSpace); i >= 0 {
			end = first.End + i
		}
	}
	var inside []Span
	for _, s := range spans {
		if s.Start >= start && s.End <= end {
			inside = append(inside, Span{s.Start - start, s.End - start})
		}
	}
	out := Segments(text[start:end], inside)
	for i := range out {
		out[i].Text = oneLine(out[i].Text)
	}
	out[0].Text = strings.TrimLeft(out[0].Text, " ")
	out[len(out)-1].Text = strings.TrimRight(out[len(out)-1].Text, " ")
	if start > 0 {
		out = append([]Segment{{Text: "… "}}, out...)
	}
	if end < len(text) {
		out = append(out, Segment{Text: " …"})
	}
	return out
}

// oneLine replaces each run of white space in s, line breaks included, with one space.
func oneLine(s string) string {
	var b strings.Builder
	space := false
	for _, r := range s {
		if unicode.IsSpace(r) {
			space = true
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	if space {
		b.WriteByte(' ')
	}
	return b.String()
}
