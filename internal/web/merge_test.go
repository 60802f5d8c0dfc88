package web_test

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"claimdesk/internal/auth"
)

// tanfAgain is a new claim that repeats the desk's claim 1 (al-Tanf, 19 Oct 2023).
func tanfAgain() url.Values {
	return url.Values{"title": {"Drone attack on the al-Tanf garrison"}, "place": {"Al-Tanf"}, "country": {"Syria"},
		"occurred_on": {"2023-10-20"}, "date_precision": {"day"}, "attack_type": {"drone"}}
}

func TestCreateClaimDuplicates(t *testing.T) {
	t.Run("ShownNotSaved", func(t *testing.T) {
		d := newDesk(t)
		before := d.count("claims")
		res := d.do(auth.RoleEditor, "POST", "/claims", tanfAgain())
		if res.StatusCode != http.StatusOK {
			t.Fatalf("status %d, want 200", res.StatusCode)
		}
		doc := page(t, res)
		if got := doc.Find(`[data-testid="duplicate"] a`).First(); got.AttrOr("href", "") != "/claims/1" || !strings.Contains(got.Text(), "Drones hit the al-Tanf garrison") {
			t.Errorf("duplicate listed: %q → %q", got.Text(), got.AttrOr("href", ""))
		}
		if doc.Find(`[data-testid="save-anyway"][name="confirm_new"][value="1"]`).Length() != 1 {
			t.Error("no save-anyway button")
		}
		if got := doc.Find(`input[name="title"]`).AttrOr("value", ""); got != "Drone attack on the al-Tanf garrison" {
			t.Errorf("title kept as %q", got)
		}
		if got := d.count("claims"); got != before {
			t.Errorf("claims = %d, want %d: nothing should be saved", got, before)
		}
	})
	t.Run("SaveAnyway", func(t *testing.T) {
		d := newDesk(t)
		v := tanfAgain()
		v.Set("confirm_new", "1")
		res := d.do(auth.RoleEditor, "POST", "/claims", v)
		if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/claims/2" {
			t.Fatalf("status %d → %q, want 303 to /claims/2", res.StatusCode, res.Header.Get("Location"))
		}
	})
	t.Run("NoDuplicate", func(t *testing.T) {
		d := newDesk(t)
		if res := d.do(auth.RoleEditor, "POST", "/claims", validClaim()); res.StatusCode != http.StatusSeeOther {
			t.Errorf("status %d, want 303", res.StatusCode)
		}
	})
}

func TestMergeClaims(t *testing.T) {
	d := newDesk(t)
	v := tanfAgain()
	v.Set("confirm_new", "1")
	d.do(auth.RoleEditor, "POST", "/claims", v) // claim 2

	res := d.do(auth.RoleEditor, "GET", "/claims/2/merge", nil)
	if got := page(t, res).Find(`[data-testid="merge-candidates"] a`).AttrOr("href", ""); res.StatusCode != 200 || got != "/claims/2/merge?into=1" {
		t.Errorf("merge page %d, candidate %q", res.StatusCode, got)
	}
	res = d.do(auth.RoleEditor, "GET", "/claims/2/merge?into=1", nil)
	doc := page(t, res)
	if res.StatusCode != 200 || doc.Find(`[data-testid="merge-compare"] td`).Length() != 12 {
		t.Fatalf("confirmation %d: %q", res.StatusCode, doc.Find(`[data-testid="merge-compare"]`).Text())
	}
	form := url.Values{"into": {"1"}, "revision": {doc.Find(`input[name="revision"]`).AttrOr("value", "")},
		"into_revision": {doc.Find(`input[name="into_revision"]`).AttrOr("value", "")}, "reason": {"Same attack, reported twice"}}

	t.Run("ErrReasonRequired", func(t *testing.T) {
		bad := url.Values{"into": form["into"], "revision": form["revision"], "into_revision": form["into_revision"]}
		res := d.do(auth.RoleEditor, "POST", "/claims/2/merge", bad)
		if msg := page(t, res).Find(`[data-testid="error-reason"]`).Text(); res.StatusCode != 422 || msg == "" {
			t.Errorf("no reason: %d %q", res.StatusCode, msg)
		}
	})
	t.Run("ErrStale", func(t *testing.T) {
		stale := url.Values{"into": form["into"], "revision": {"99"}, "into_revision": form["into_revision"], "reason": form["reason"]}
		res := d.do(auth.RoleEditor, "POST", "/claims/2/merge", stale)
		if res.StatusCode != http.StatusConflict {
			t.Errorf("stale merge: %d, want 409", res.StatusCode)
		}
	})
	t.Run("OK", func(t *testing.T) {
		res := d.do(auth.RoleEditor, "POST", "/claims/2/merge", form)
		if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/claims/1" {
			t.Fatalf("merge: %d → %q, want 303 to /claims/1", res.StatusCode, res.Header.Get("Location"))
		}
		hist := page(t, d.do(auth.RoleViewer, "GET", "/claims/1", nil)).Find(`[data-testid="history"]`).Text()
		if !strings.Contains(hist, "Merged claim 2 “Drone attack on the al-Tanf garrison” into this claim.") || !strings.Contains(hist, "Same attack, reported twice") {
			t.Errorf("survivor's history: %q", hist)
		}
	})
	t.Run("OldAddressRedirects", func(t *testing.T) {
		for path, want := range map[string]string{"/claims/2": "/claims/1", "/claims/2/edit": "/claims/1/edit", "/claims/2/merge": "/claims/1/merge"} {
			res := d.do(auth.RoleEditor, "GET", path, nil)
			if res.StatusCode != http.StatusMovedPermanently || res.Header.Get("Location") != want {
				t.Errorf("GET %s = %d → %q, want 301 to %s", path, res.StatusCode, res.Header.Get("Location"), want)
			}
		}
	})
	t.Run("MergedNotEdited", func(t *testing.T) {
		edit := validClaim()
		edit.Set("version", "1")
		res := d.do(auth.RoleEditor, "POST", "/claims/2", edit)
		if text := page(t, res).Text(); res.StatusCode != http.StatusConflict || !strings.Contains(text, "Claim 2 was merged into claim 1") {
			t.Errorf("edit of a merged claim: %d", res.StatusCode)
		}
	})
	t.Run("ListHidesMerged", func(t *testing.T) {
		if page(t, d.do(auth.RoleViewer, "GET", "/", nil)).Find(`a[href="/claims/2"]`).Length() != 0 {
			t.Error("the dashboard lists the merged claim")
		}
	})
}

func TestMergeBadInput(t *testing.T) {
	d := newDesk(t)
	other := d.newClaim("Rockets on Conoco", "Conoco gas field")
	gone := d.newClaim("Drone on Erbil", "Erbil")
	into := strconv.FormatInt(other, 10)
	if res := d.do(auth.RoleEditor, "POST", "/claims/"+strconv.FormatInt(gone, 10)+"/merge",
		url.Values{"into": {into}, "revision": {d.revision(gone)}, "into_revision": {d.revision(other)}, "reason": {"Same"}}); res.StatusCode != 303 {
		t.Fatalf("merge: %d", res.StatusCode)
	}
	tests := []struct {
		name, into, want string
	}{
		{"Itself", "1", "A claim cannot be merged into itself: give the number of the other claim."},
		{"Missing", "999", "There is no claim 999."},
		{"Merged", strconv.FormatInt(gone, 10), "Claim 3 was itself merged into claim 2: merge into that one."},
		{"NotANumber", "abc", "Give the other claim's number, like 12."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := d.do(auth.RoleEditor, "GET", "/claims/1/merge?into="+url.QueryEscape(tt.into), nil)
			if msg := page(t, res).Find(`[data-testid="error-into"]`).Text(); res.StatusCode != 422 || msg != tt.want {
				t.Errorf("GET into=%s: %d %q, want 422 %q", tt.into, res.StatusCode, msg, tt.want)
			}
			res = d.do(auth.RoleEditor, "POST", "/claims/1/merge", url.Values{"into": {tt.into}, "revision": {d.revision(1)}, "into_revision": {"1"}, "reason": {"Same"}})
			if msg := page(t, res).Find(`[data-testid="error-into"]`).Text(); res.StatusCode != 422 || msg == "" {
				t.Errorf("POST into=%s: %d %q, want 422 with a message", tt.into, res.StatusCode, msg)
			}
		})
	}
}
