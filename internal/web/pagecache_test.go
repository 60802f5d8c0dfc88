package web_test

import (
	"crypto/sha256"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"claimdesk/internal/auth"
	"claimdesk/internal/claims"
)

// TestDashboardNeverStale: the dashboard's body is kept between requests, yet every
// saved change shows on the next request, whoever made it.
func TestDashboardNeverStale(t *testing.T) {
	d := newDesk(t)
	first := page(t, d.do(auth.RoleViewer, "GET", "/", nil)).Find(`[data-testid="claims"]`).Text()
	again := page(t, d.do(auth.RoleViewer, "GET", "/", nil)).Find(`[data-testid="claims"]`).Text()
	if first != again {
		t.Fatal("two requests with nothing changed read differently")
	}
	c := &claims.Claim{Title: "Rockets on the Green Village base", Country: "Syria", OccurredOn: time.Date(2023, 10, 20, 0, 0, 0, 0, time.UTC),
		DatePrecision: "day", AttackType: "rocket"}
	if err := d.claims.CreateClaim(ctx, 1, c); err != nil {
		t.Fatal(err)
	}
	after := page(t, d.do(auth.RoleViewer, "GET", "/", nil)).Find(`[data-testid="claims"]`).Text()
	if !strings.Contains(after, "Rockets on the Green Village base") {
		t.Error("a new claim is missing from the next dashboard: the kept page was stale")
	}
	if err := d.claims.SetVerdict(ctx, 1, c.ID, c.Revision, claims.VerdictDisputed, "Unclear"); err != nil {
		t.Fatal(err)
	}
	doc := page(t, d.do(auth.RoleViewer, "GET", "/?bucket=disputed", nil))
	if !strings.Contains(doc.Find(`[data-testid="claims"]`).Text(), "Green Village") {
		t.Error("a verdict is missing from the next dashboard")
	}
}

// TestClaimPageNeverStale: the claim page is kept, per viewer, yet a new citation or
// a new colleague to assign shows on the next request.
func TestClaimPageNeverStale(t *testing.T) {
	d := newDesk(t)
	before := page(t, d.do(auth.RoleEditor, "GET", "/claims/1", nil))
	if before.Find(`[data-testid="citation"]`).Length() != 0 {
		t.Fatal("the fixture claim has citations")
	}
	if err := d.claims.AddCitation(ctx, 1, &claims.Citation{ClaimID: 1, SourceID: 1, Stance: "confirms", Quote: "Seen from the tower"}); err != nil {
		t.Fatal(err)
	}
	after := page(t, d.do(auth.RoleEditor, "GET", "/claims/1", nil))
	if !strings.Contains(after.Find(`[data-testid="citation"]`).Text(), "Seen from the tower") {
		t.Error("the new citation is missing from the next claim page")
	}
	if _, err := d.auth.CreateUser(ctx, auth.NewUser{Email: "nadia@desk.test", Name: "Nadia Newcomer", Role: auth.RoleFactchecker, Password: password}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(page(t, d.do(auth.RoleEditor, "GET", "/claims/1", nil)).Text(), "Nadia Newcomer") {
		t.Error("a new colleague is missing from the next claim page's choices")
	}
}

// TestClaimPageFollowsTheClock: the claim page is kept with nothing saved, yet the
// hours counted since the first report grow as the hours pass, and the author's Edit
// on a comment goes when its ten minutes are up, not a minute later.
func TestClaimPageFollowsTheClock(t *testing.T) {
	d := newDesk(t)
	first := time.Date(2023, 10, 19, 6, 0, 0, 0, time.UTC)
	now := first.Add(3*time.Hour + 30*time.Minute)
	d.claims.Now = func() time.Time { return now }
	ap := &claims.Source{Name: "AP", Kind: claims.KindWire}
	if err := d.claims.CreateSource(ctx, 1, ap); err != nil {
		t.Fatal(err)
	}
	if err := d.claims.AddCitation(ctx, 1, &claims.Citation{ClaimID: 1, SourceID: ap.ID, Stance: "reports", PublishedAt: &first, Quote: "Drones struck the garrison"}); err != nil {
		t.Fatal(err)
	}
	d.do(auth.RoleEditor, "POST", "/claims/1/comments", url.Values{"body": {"Two drones, says AP"}})
	posted := now

	says := func(when string, want string, edit bool) {
		t.Helper()
		doc := page(t, d.do(auth.RoleEditor, "GET", "/claims/1", nil))
		if !strings.Contains(doc.Text(), want) {
			t.Errorf("%s: the page does not say %q", when, want)
		}
		if got := doc.Find(`[data-testid="comment-edit-form"]`).Length() == 1; got != edit {
			t.Errorf("%s: the comment's Edit shown = %v, want %v", when, got, edit)
		}
	}
	says("at first", "No official response yet, 3 hours since the first report.", true)
	now = posted.Add(9*time.Minute + 59*time.Second)
	says("just inside the edit window", "3 hours since the first report", true)
	now = posted.Add(10 * time.Minute)
	says("when the edit window closes", "3 hours since the first report", false)
	now = first.Add(4 * time.Hour)
	says("at the fourth hour", "No official response yet, 4 hours since the first report.", false)
	now = first.Add(30 * time.Hour)
	says("a day later", "30 hours since the first report", false)
}

// TestSessionsKeptThroughSaves: a saved verdict moves the desk's version on, so pages
// are made afresh, but not the sessions' version: the next request of someone logged
// in is served from the session this desk kept, with no query for it (shown by
// deleting the session row behind the desk's back). A logout through the desk does
// move it on, and the session is read again at once.
func TestSessionsKeptThroughSaves(t *testing.T) {
	d := newDesk(t)
	if res := d.do(auth.RoleViewer, "GET", "/", nil); res.StatusCode != http.StatusOK {
		t.Fatalf("dashboard = %d", res.StatusCode)
	}
	token := d.cookies[auth.RoleViewer].Value
	if err := d.gdb.Exec("DELETE FROM sessions WHERE token_hash = ?", fmt.Sprintf("%x", sha256.Sum256([]byte(token)))).Error; err != nil {
		t.Fatal(err)
	}
	c, err := d.claims.Claim(ctx, 1)
	if err != nil {
		t.Fatal(err)
	}
	if err := d.claims.SetVerdict(ctx, 1, 1, c.Revision, claims.VerdictDisputed, "The figures disagree."); err != nil {
		t.Fatal(err)
	}
	res := d.do(auth.RoleViewer, "GET", "/?bucket=disputed", nil)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("after a verdict, the viewer's next request = %d, want 200 from the kept session", res.StatusCode)
	}
	if !strings.Contains(page(t, res).Find(`[data-testid="claims"]`).Text(), "al-Tanf") {
		t.Error("the page after the verdict is stale: the claim is missing from the disputed bucket")
	}
	if err := d.auth.EndSession(ctx, d.cookies[auth.RoleEditor].Value); err != nil {
		t.Fatal(err)
	}
	if res := d.do(auth.RoleViewer, "GET", "/", nil); res.StatusCode != http.StatusSeeOther {
		t.Errorf("after a logout moved the sessions' version on, the deleted session got %d, want 303 to log in", res.StatusCode)
	}
}
