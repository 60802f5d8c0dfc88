package views

import (
	"strconv"
	"time"
	"unicode"
	"unicode/utf8"

	"claimdesk/internal/claims"
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

// tileTitle is the hover text of a bucket's tile: what the awaiting bucket holds, and
// whether the counts are desk-wide totals.
func (d Dashboard) tileTitle(bucket string) string {
	var t string
	if bucket == claims.BucketAwaiting && d.AwaitingHours > 0 {
		t = "Claims first reported more than " + plural(d.AwaitingHours, "hour", "hours") +
			" ago with no official response yet (the desk's setting)"
	}
	if d.narrowed() && !d.CountsFiltered {
		if t != "" {
			t += ". "
		}
		t += "Desk-wide total, not narrowed by source or country"
	}
	return t
}

// awaiting says how long a claim has waited for an official response since its first
// report, when it is in the awaiting bucket: no response and first reported longer ago
// than the desk's setting.
func (d Dashboard) awaiting(c *claims.Claim) (string, bool) {
	if c.ResponseState != claims.ResponseNoneYet || c.FirstReportedAt == nil || d.Now.IsZero() || d.AwaitingHours <= 0 {
		return "", false
	}
	waited := d.Now.Sub(*c.FirstReportedAt)
	if waited <= time.Duration(d.AwaitingHours)*time.Hour {
		return "", false
	}
	return waitedFor(waited), true
}

// waitedFor is a wait in whole hours ("30 h"), or in whole days past three days, where
// hours stop being easy to read ("12 days").
func waitedFor(w time.Duration) string {
	h := int64(w / time.Hour)
	if h < 72 {
		return strconv.FormatInt(h, 10) + " h"
	}
	return thousands(h/24) + " days"
}

// thousands writes n with thousands commas.
func thousands(n int64) string {
	s := strconv.FormatInt(n, 10)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// dateValue is a day as a date input holds it, or "" for none.
func dateValue(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.DateOnly)
}

// orderWords says in what order the claims are listed.
func (d Dashboard) orderWords() string {
	switch d.Filter.Sort {
	case claims.SortUpdated:
		return "last changed first"
	case claims.SortReported:
		return "latest first report first"
	case claims.SortSources:
		return "most sources first"
	case claims.SortDefault:
		if d.Page.Unranked {
			return "newest attack first: over " + thousands(claims.MaxRanked) + " match, too many to rank; add words to narrow them"
		}
		if d.Filter.Query != "" {
			return "best match first"
		}
	}
	return "newest attack first"
}

// ViewQuery is the canonical query of the view on screen, first page, as saved views
// store it.
func (d Dashboard) ViewQuery() string {
	f := d.Filter
	f.Page, f.After, f.Before = 1, nil, nil
	return FilterQuery(f).Encode()
}

// moreFilters reports whether a filter or order folded under "More filters" is in use,
// so the fold opens to show it.
func (d Dashboard) moreFilters() bool {
	f := d.Filter
	return f.Occurred != "" || f.Responsibility != "" || f.Response != "" || !f.From.IsZero() || !f.To.IsZero() ||
		f.AttackType != "" || f.SourceKind != "" || f.PartyID != 0 || f.AssigneeID != 0 || f.Mine || f.Sort != ""
}
