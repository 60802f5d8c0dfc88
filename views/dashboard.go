package views

import (
	"strconv"
	"unicode"
	"unicode/utf8"
)

// narrowed reports whether the dashboard is filtered by source or country, which the
// bucket counts may not follow.
func (d Dashboard) narrowed() bool { return d.Filter.SourceID != 0 || d.Filter.Country != "" }

// plural is n with the singular or plural noun.
func plural[T ~int | ~int64](n T, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.FormatInt(int64(n), 10) + " " + many
}

// sourceCount says how many different sources cite a claim.
func sourceCount(n int) string {
	switch n {
	case 0:
		return "no independent source yet"
	case 1:
		return "1 independent source"
	}
	return strconv.Itoa(n) + " independent sources"
}

// capitalized is s with its first letter in upper case.
func capitalized(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 || r == utf8.RuneError {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}
