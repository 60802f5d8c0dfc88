package main

import (
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserKeyboard: on the dashboard "/" puts the cursor in the search box, "j" "j"
// moves a visible focus to the second claim and Enter opens it, and "?" (or the
// footer's "Keyboard shortcuts") lists the shortcuts.
func TestBrowserKeyboard(t *testing.T) {
	a := startDemo(t)
	tb := newTab(t, a.URL)
	tb.logIn("viewer@demo.test", demoPassword, "Vic Viewer")

	tb.do("press /", chromedp.KeyEvent("/"))
	if got := value(tb, "read the focused element", chromedp.Evaluate[string](`document.activeElement.dataset.testid || ""`)); got != "search-box" {
		t.Errorf("after / the focus is on %q, want the search box", got)
	}
	if got := value(tb, "read the search box", chromedp.Evaluate[string](`document.querySelector('[data-testid="search-box"]').value`)); got != "" {
		t.Errorf("the / was typed into the search box: %q", got)
	}
	// j typed into the search box is text, not a move.
	tb.do("type j into the search box", chromedp.KeyEvent("j"))
	if n := value(tb, "count marked rows", chromedp.Evaluate[int](`document.querySelectorAll('[aria-current="true"][data-testid="claim-row"]').length`)); n != 0 {
		t.Errorf("j in the search box marked %d rows", n)
	}
	tb.do("leave the search box", chromedp.Evaluate[chromedp.Void](`(() => { const b = document.activeElement; b.value = ""; b.blur(); })()`))

	second := value(tb, "read the second claim's address", chromedp.Evaluate[string](
		`document.querySelectorAll('[data-testid="claim-row"]')[1].querySelector('td.title a').getAttribute('href')`))
	tb.do("press j j", chromedp.KeyEvent("j"), chromedp.KeyEvent("j"))
	marked := value(tb, "read the marked row", chromedp.Evaluate[[]any](`(() => {
		const rows = Array.from(document.querySelectorAll('[data-testid="claim-row"]'));
		const r = document.activeElement;
		return [rows.indexOf(r), r.getAttribute('aria-current'), getComputedStyle(r).outlineStyle];
	})()`))
	if marked[0] != float64(1) || marked[1] != "true" || marked[2] == "none" {
		t.Errorf("after j j the focused row is %v (index, aria-current, outline), want the second, current and outlined", marked)
	}
	tb.load("press Enter", second, chromedp.KeyEvent("\r"))

	tb.do("press ?", chromedp.KeyEvent("?"))
	if !value(tb, "read the shortcuts", chromedp.Evaluate[bool](`document.getElementById('shortcuts').open`)) {
		t.Error("? does not show the shortcuts")
	}
	if got := tb.text("shortcuts"); !contains(got, "Go to the search box") || !contains(got, "Next / previous claim") {
		t.Errorf("the shortcuts read %q", got)
	}
}

func contains(s, sub string) bool {
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			return true
		}
	}
	return false
}
