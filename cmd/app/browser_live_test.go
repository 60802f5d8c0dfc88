package main

import (
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// verdictRow is a dashboard row's title, verdict and address.
type verdictRow struct {
	Title   string `json:"title"`
	Verdict string `json:"verdict"`
	Href    string `json:"href"`
}

func (tb *tab) verdictRows() []verdictRow {
	tb.t.Helper()
	return value(tb, "read the claims' verdicts", chromedp.Evaluate[[]verdictRow](`Array.from(
		document.querySelectorAll('[data-testid="claim-row"]'),
		r => ({
			title: r.querySelector('td a').innerText,
			verdict: r.querySelector('.verdict').innerText,
			href: r.querySelector('td a').getAttribute('href'),
		}))`))
}

// waitFor polls a JavaScript condition until it holds, for up to stepTimeout.
func (tb *tab) waitFor(what, cond string) {
	tb.t.Helper()
	tb.do(what, chromedp.Poll[chromedp.Void](cond))
}

// TestBrowserLiveDesk: two people in two browsers. Each sees the other on the claim
// page they both have open; then the fact-checker sets a verdict and the viewer's open
// dashboard shows it, counts and row, without a reload.
func TestBrowserLiveDesk(t *testing.T) {
	a := startDemo(t)
	viewer := newTab(t, a.URL)
	viewer.logIn("viewer@demo.test", demoPassword, "Vic Viewer")
	checker := newTab(t, a.URL)
	checker.logIn("factchecker@demo.test", demoPassword, "Farah Factchecker")

	var claim verdictRow
	for _, r := range viewer.verdictRows() {
		if r.Verdict == "Unverified" {
			claim = r
			break
		}
	}
	if claim.Href == "" {
		t.Fatal("no unverified claim on the demo dashboard's first page")
	}

	// Presence: both open the claim and each sees the other by name.
	viewer.load("open "+claim.Title, claim.Href, chromedp.Navigate(a.URL+claim.Href))
	checker.load("open "+claim.Title, claim.Href, chromedp.Navigate(a.URL+claim.Href))
	checker.waitFor("see that Vic Viewer has the claim open",
		`document.querySelector('[data-testid="presence"]').innerText.includes("Vic Viewer")`)
	viewer.waitFor("see that Farah Factchecker has the claim open",
		`document.querySelector('[data-testid="presence"]').innerText.includes("Farah Factchecker")`)
	if got := checker.text("presence"); strings.Contains(got, "Farah") {
		t.Errorf("the fact-checker is shown herself: %q", got)
	}

	// The viewer goes back to the dashboard; the fact-checker sees her leave.
	viewer.load("open the dashboard", "/", chromedp.Click(chromedp.CSS(`nav a[href="/"]`)))
	checker.waitFor("see Vic Viewer leave the claim",
		`!document.querySelector('[data-testid="presence"]').innerText.includes("Vic Viewer")`)
	unverified, disputed := viewer.count("unverified"), viewer.count("disputed")
	viewer.do("mark the page, to tell a reload from an update in place",
		chromedp.Evaluate[chromedp.Void](`window.notReloaded = true`),
		chromedp.SetAttributeValue(byTestID("dashboard"), "data-stale", "1"),
		// The dashboard's stream is open before anything changes.
		chromedp.Poll[chromedp.Void](`document.querySelector('[sse-connect]')['htmx-internal-data']?.sseEventSource?.readyState === EventSource.OPEN`),
	)

	checker.do("give the verdict",
		chromedp.SetValue(field("verdict-form", "verdict"), "disputed"),
		chromedp.SendKeys(field("verdict-form", "reason"), "Only one outlet reports it, and the official side denies it."),
	)
	checker.load("save the verdict", claim.Href, chromedp.Click(field("verdict-form", "")))

	viewer.waitFor("see the dashboard update in place",
		`document.querySelector('[data-testid="count-disputed"] strong').innerText === "`+strconv.Itoa(disputed+1)+`"`)
	if got, want := viewer.count("unverified"), unverified-1; got != want {
		t.Errorf("unverified count after the verdict: got %d, want %d", got, want)
	}
	if stale := value(viewer, "check the dashboard was replaced", chromedp.Evaluate[bool](
		`!!document.querySelector('[data-testid="dashboard"][data-stale]')`)); stale {
		t.Error("the dashboard still carries the old mark")
	}
	if kept := value(viewer, "check the page was not reloaded", chromedp.Evaluate[bool](`window.notReloaded === true`)); !kept {
		t.Error("the dashboard was reloaded, not updated in place")
	}
	found := false
	for _, r := range viewer.verdictRows() {
		if r.Href == claim.Href {
			found = true
			if r.Verdict != "Disputed" {
				t.Errorf("%q's row reads %q, want Disputed", r.Title, r.Verdict)
			}
		}
	}
	if !found {
		t.Errorf("%q is no longer on the dashboard", claim.Title)
	}
}
