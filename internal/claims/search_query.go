package claims

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// SearchField is the dashboard's search box.
var SearchField = Field{"q", "Search"}

// Limits of a search: longer ones are refused with a message, not cut short.
const (
	MaxSearchChars = 300
	MaxSearchWords = 20
	// minPrefix is the fewest characters before a *: "d*" would read most of the index.
	minPrefix = 2
)

// Messages for a search that cannot be run, shown beside the box.
const (
	SearchNoWords     = "Search for at least one word (letters or digits)."
	SearchNotText     = "The search contains characters that are not text (broken encoding or control characters); retype it."
	SearchOnlyExclude = "Add a word to search for: a search cannot only leave words out (-drone alone finds nothing)."
	SearchUnclosed    = "A quoted phrase has no closing quotation mark: add a \" at its end."
	SearchOperator    = "Search has no AND, OR, NOT or NEAR: every word is required, a - before a word leaves it out (-drone), " +
		"and a word in quotes is searched as a word (\"near\")."
	SearchLoneMinus  = "Put the word to leave out right after the minus sign, as in -drone."
	SearchShortStar  = "Put at least two letters before a *, as in dro* for drone and drones."
	SearchInnerStar  = "A * goes only at the end of a word, as in dro*."
	searchTooManyFmt = "A search can have at most %d words (this one has %d)."
	searchTooLongFmt = "Keep the search to %d characters (this one has %d)."
)

// Query is a search as a person typed it, parsed: every term must match a claim,
// except the excluded ones, which must not.
type Query struct {
	Terms []Term
}

// Term is one word or "quoted phrase" of a search. A word the tokenizer splits
// (al-Tanf) is a phrase of its parts.
type Term struct {
	Words   []Word
	Exclude bool // typed with a leading -
}

// Word is one word of a term; Prefix matches every word starting with it (dro*).
type Word struct {
	Text   string
	Prefix bool
}

// Empty reports whether q searches for nothing (an empty box).
func (q Query) Empty() bool { return len(q.Terms) == 0 }

// ParseQuery reads what a person typed into the search box: words, "quoted phrases",
// -excluded words or phrases, and prefix* words. Anything else is punctuation and
// dropped, except what reads like search syntax the desk does not have (AND, OR, NEAR,
// an unclosed quote, a lone - or *), which is refused with a ValidationError for the
// field q saying what to type instead. An empty or blank box is the empty Query.
func ParseQuery(s string) (Query, error) {
	bad := func(msg string) (Query, error) { return Query{}, ValidationError{SearchField.Name: msg} }
	if !IsText(s) {
		return bad(SearchNotText)
	}
	if n := utf8.RuneCountInString(s); n > MaxSearchChars {
		return bad(fmt.Sprintf(searchTooLongFmt, MaxSearchChars, n))
	}
	if strings.TrimSpace(s) == "" {
		return Query{}, nil
	}
	var q Query
	words := 0
	add := func(t Term) {
		if len(t.Words) > 0 {
			q.Terms = append(q.Terms, t)
			words += len(t.Words)
		}
	}
	rest := []rune(s)
	for len(rest) > 0 {
		r := rest[0]
		switch {
		case unicode.IsSpace(r):
			rest = rest[1:]
		case isQuote(r) || (r == '-' && len(rest) > 1 && isQuote(rest[1])):
			exclude := r == '-'
			if exclude {
				rest = rest[1:]
			}
			end := indexFunc(rest[1:], isQuote)
			if end < 0 {
				return bad(SearchUnclosed)
			}
			t, msg := term(string(rest[1:1+end]), true)
			if msg != "" {
				return bad(msg)
			}
			t.Exclude = exclude
			add(t)
			rest = rest[end+2:]
		default:
			end := indexFunc(rest, func(r rune) bool { return unicode.IsSpace(r) || isQuote(r) })
			if end < 0 {
				end = len(rest)
			}
			raw := string(rest[:end])
			rest = rest[end:]
			if operator(raw) {
				return bad(SearchOperator)
			}
			exclude := strings.HasPrefix(raw, "-")
			if exclude {
				raw = raw[1:]
				if raw == "" {
					return bad(SearchLoneMinus)
				}
			}
			t, msg := term(raw, false)
			if msg != "" {
				return bad(msg)
			}
			t.Exclude = exclude
			add(t)
		}
	}
	switch {
	case len(q.Terms) == 0:
		return bad(SearchNoWords)
	case words > MaxSearchWords:
		return bad(fmt.Sprintf(searchTooManyFmt, MaxSearchWords, words))
	}
	for _, t := range q.Terms {
		if !t.Exclude {
			return q, nil
		}
	}
	return bad(SearchOnlyExclude)
}

// isQuote reports whether r opens or closes a phrase: straight or typographic quotes.
func isQuote(r rune) bool { return r == '"' || r == '“' || r == '”' || r == '„' }

func indexFunc(rs []rune, f func(rune) bool) int {
	for i, r := range rs {
		if f(r) {
			return i
		}
	}
	return -1
}

// operator reports whether a bare word is the query syntax of a search engine in
// capitals (AND, OR, NOT, NEAR, NEAR/3, NEAR(...)), which the desk refuses rather than
// quietly searching for "or".
func operator(w string) bool {
	w = strings.TrimRight(strings.TrimLeft(w, "-("), ")")
	if i := strings.IndexAny(w, "/("); i >= 0 {
		w = w[:i]
	}
	return w == "AND" || w == "OR" || w == "NOT" || w == "NEAR"
}

// isWordRune reports whether r is part of a word: letters, digits and combining marks,
// as SQLite's unicode61 tokenizer reads them. Everything else separates words.
func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.Is(unicode.Mn, r)
}

// term splits text into the words of one term; a * right after a word makes it a
// prefix. It returns a message instead for a * anywhere else.
func term(text string, quoted bool) (Term, string) {
	var t Term
	rs := []rune(text)
	for i := 0; i < len(rs); {
		if !isWordRune(rs[i]) {
			if rs[i] == '*' {
				if i == 0 || !isWordRune(rs[i-1]) {
					return t, SearchShortStar
				}
			}
			i++
			continue
		}
		j := i
		for j < len(rs) && isWordRune(rs[j]) {
			j++
		}
		w := Word{Text: string(rs[i:j])}
		if j < len(rs) && rs[j] == '*' {
			w.Prefix = true
			if j-i < minPrefix {
				return t, SearchShortStar
			}
			if !quoted && j+1 < len(rs) && isWordRune(rs[j+1]) {
				return t, SearchInnerStar
			}
			j++
		}
		t.Words = append(t.Words, w)
		i = j
	}
	return t, ""
}

// phrase is the term as an FTS4 phrase: its words in double quotes, a prefix word
// followed by *. The words hold only letters, digits and marks, so nothing in them
// can be read as query syntax.
func (t Term) phrase() string {
	var b strings.Builder
	b.WriteByte('"')
	for i, w := range t.Words {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(w.Text)
		if w.Prefix {
			b.WriteByte('*')
		}
	}
	b.WriteByte('"')
	return b.String()
}

// Reference tokens stand for a source or party in a claim's index row: U+E000, a
// private-use character no search term can contain, then src or pty and the id.
func sourceToken(id int64) string { return "\uE000src" + fmt.Sprint(id) }
func partyToken(id int64) string  { return "\uE000pty" + fmt.Sprint(id) }

// ftsMatch writes q in FTS4's enhanced query syntax: the terms joined by AND, the
// excluded ones after NOT, each term ORed with refs[i], the tokens of the sources and
// parties whose names match it. The result is never empty for a query ParseQuery
// accepted, and holds only phrases, tokens, parentheses, AND, OR and NOT.
func (q Query) ftsMatch(refs [][]string) string {
	var keep, drop []string
	for i, t := range q.Terms {
		alts := []string{t.phrase()}
		if i < len(refs) {
			for _, r := range refs[i] {
				alts = append(alts, `"`+r+`"`)
			}
		}
		e := alts[0]
		if len(alts) > 1 {
			e = "(" + strings.Join(alts, " OR ") + ")"
		}
		if t.Exclude {
			drop = append(drop, e)
		} else {
			keep = append(keep, e)
		}
	}
	out := strings.Join(keep, " AND ")
	for _, d := range drop {
		out += " NOT " + d
	}
	return out
}
