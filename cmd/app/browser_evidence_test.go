package main

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserRevisedFigureAndReview: a fact-checker records an official's revised
// casualty count and sees a timeline, not a contest; then records two sources that do
// disagree, marks that disagreement reviewed with a note, and the claim leaves the
// contested bucket.
func TestBrowserRevisedFigureAndReview(t *testing.T) {
	a := startDemo(t)
	tb := newTab(t, a.URL)
	tb.logIn("factchecker@demo.test", demoPassword, "Farah Factchecker")
	contestedBefore := tb.count("contested")

	tb.load("open the new claim form", "/claims/new", chromedp.Click(chromedp.CSS(`nav a[href="/claims/new"]`)))
	tb.do("fill in the claim",
		chromedp.SendKeys(field("claim-form", "title"), "Drone strike on Tower 22"),
		chromedp.SendKeys(field("claim-form", "place"), "Tower 22 outpost, near the Syrian border"),
		chromedp.SendKeys(field("claim-form", "country"), "Jordan"),
		chromedp.SetValue(field("claim-form", "occurred_on"), "2024-01-28"),
		chromedp.SetValue(field("claim-form", "attack_type"), "drone"),
	)
	claimPath := tb.load("save the claim", `/claims/\d+`, chromedp.Click(field("claim-form", "")))
	centcom := tb.optionValue(field("citation-form", "source_id"), "CENTCOM (")
	cite := func(what, source, stance, published, name, figure string) {
		t.Helper()
		tb.do(what,
			chromedp.SetValue(field("citation-form", "source_id"), source),
			chromedp.SetValue(field("citation-form", "stance"), stance),
			chromedp.SetValue(field("citation-form", "published_at"), published),
			chromedp.SendKeys(field("citation-form", name), figure),
		)
		tb.load(what, claimPath, chromedp.Click(field("citation-form", "")))
	}
	cite("CENTCOM's first count", centcom, "confirms", "2024-01-28T20:00", "injured_military", "34")
	cite("CENTCOM's revised count", centcom, "reports", "2024-01-30T15:00", "injured_military", "at least 40")
	if got := tb.text("timeline"); !strings.Contains(got, "34 military (28 Jan) → at least 40 military (30 Jan)") {
		t.Errorf("timeline reads %q, want 34 then at least 40", got)
	}
	if n := value(tb, "count contested badges", chromedp.Evaluate[int](`document.querySelectorAll('[data-testid="badge-contested"]').length`)); n != 0 {
		t.Errorf("a revised count made the claim contested (%d badges)", n)
	}

	cite("AP's drones", tb.optionValue(field("citation-form", "source_id"), "The Associated Press"), "reports", "2024-01-28T22:00", "launched", "1")
	cite("Al Mayadeen's drones", tb.optionValue(field("citation-form", "source_id"), "Al Mayadeen"), "reports", "2024-01-29T08:00", "launched", "2")
	if got := tb.text("reason-open"); !strings.Contains(got, "1") || !strings.Contains(got, "2") {
		t.Errorf("open disagreement reads %q", got)
	}
	tb.do("open the review form", chromedp.Click(chromedp.CSS(`[data-testid="reason-open"] details summary`)))
	tb.do("write the note", chromedp.SendKeys(chromedp.CSS(`[data-testid="review-form"] textarea[name="note"]`), "1 vs 2: AP counts the drone that hit, Al Mayadeen both launched"))
	tb.load("mark it reviewed", claimPath, chromedp.Click(chromedp.CSS(`[data-testid="review-form"] button[type=submit]`)))
	if got := tb.text("flash"); got != "Disagreement marked reviewed." {
		t.Errorf("flash = %q", got)
	}
	if got := tb.text("reason-reviewed"); !strings.Contains(got, "AP counts the drone that hit") {
		t.Errorf("reviewed reason reads %q", got)
	}
	tb.load("back to the dashboard", "/", chromedp.Click(chromedp.CSS(`nav a[href="/"]`)))
	if got := tb.count("contested"); got != contestedBefore {
		t.Errorf("contested count %d, want %d as before: the reviewed claim must leave it", got, contestedBefore)
	}
}
