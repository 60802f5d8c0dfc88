package views

import (
	"strings"
	"time"

	"claimdesk/internal/claims"
)

// trackCited says how the claims a source is cited on fared, by the desk's verdict now:
// "Cited on 42 claims: 10 later confirmed, 3 disputed, 1 false, 28 not yet decided."
func trackCited(t claims.TrackRecord) string {
	if t.Claims == 0 {
		return "Not cited on any claim yet (withdrawn citations aside)."
	}
	var parts []string
	for _, p := range []struct {
		v     claims.Verdict
		words string
	}{
		{claims.VerdictConfirmed, "later confirmed"},
		{claims.VerdictDisputed, "disputed"},
		{claims.VerdictFalse, "false"},
		{claims.VerdictUnverified, "not yet decided"},
	} {
		if n := t.ByVerdict[p.v]; n > 0 {
			parts = append(parts, thousands(n)+" "+p.words)
		}
	}
	return "Cited on " + countOf(t.Claims, "claim", "claims") + ": " + strings.Join(parts, ", ") + "."
}

// trackFirst says on how many claims the source's report was the first.
func trackFirst(t claims.TrackRecord) string {
	if t.First == 0 {
		return "Never the first to report."
	}
	return "Reported first on " + thousands(t.First) + "."
}

// trackResponse says how long officials took to answer after the source reported.
func trackResponse(t claims.TrackRecord) string {
	if t.Responded == 0 {
		return "No official response came after any of its reports."
	}
	return "An official response came a median of " + hoursAfter(t.MedianResponse) +
		" after its report (on " + countOf(t.Responded, "claim", "claims") + ")."
}

// hoursAfter is a wait in whole hours, rounded down, as the evidence rules count them.
func hoursAfter(d time.Duration) string {
	h := int64(d / time.Hour)
	if h == 0 {
		return "less than an hour"
	}
	return countOf(h, "hour", "hours")
}

// countOf is n, with thousands commas, and the singular or plural noun.
func countOf(n int64, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return thousands(n) + " " + many
}
