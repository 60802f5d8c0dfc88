package web_test

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"claimdesk/internal/auth"
	"claimdesk/internal/claims"
)

// cite posts the citation form of claim 1 as an editor.
func (d *desk) cite(form url.Values) *http.Response {
	d.t.Helper()
	return d.do(auth.RoleEditor, "POST", "/claims/1/citations", form)
}

// addSource adds a source and returns its id.
func (d *desk) addSource(name string, kind claims.SourceKind) int64 {
	d.t.Helper()
	src := &claims.Source{Name: name, Kind: kind}
	if err := d.claims.CreateSource(ctx, 1, src); err != nil {
		d.t.Fatal(err)
	}
	return src.ID
}

func TestCitationFiguresAsReported(t *testing.T) {
	d := newDesk(t)
	ap := d.addSource("AP", claims.KindWire)
	res := d.cite(url.Values{"source_id": {strconv.FormatInt(ap, 10)}, "stance": {"reports"}, "relays": {"p:1"},
		"launched": {"at least 3"}, "injured_military": {"a few"}, "weapon": {"one_way_attack_drone"}, "weapon_text": {"Shahed-136"}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("status %d, want 303", res.StatusCode)
	}
	cit, err := d.claims.Citation(ctx, 1)
	if err != nil {
		t.Fatal(err)
	}
	if f := cit.Figures; f.Launched.Qualifier != claims.QualAtLeast || f.Launched.N != 3 || f.Injured.Military.Qualifier != claims.QualVague ||
		f.Weapon.Category != claims.WeaponOneWayAttackDrone || cit.RelaysPartyID != 1 {
		t.Errorf("stored %+v, relays party %d", f, cit.RelaysPartyID)
	}
	doc := page(t, d.do(auth.RoleViewer, "GET", "/claims/1", nil))
	if got := doc.Find(`[data-testid="relays"]`).Text(); !strings.Contains(got, "US Central Command") {
		t.Errorf("relays reads %q", got)
	}
	if got := doc.Find(`[data-testid="figures"]`).Text(); !strings.Contains(got, "at least 3") || !strings.Contains(got, "Shahed-136") {
		t.Errorf("figures table reads %q", got)
	}

	t.Run("ErrFigureJunk", func(t *testing.T) {
		before := d.count("citations")
		res := d.cite(url.Values{"source_id": {strconv.FormatInt(ap, 10)}, "stance": {"reports"}, "launched": {"lots of them"}})
		if res.StatusCode != http.StatusUnprocessableEntity {
			t.Fatalf("status %d, want 422", res.StatusCode)
		}
		doc := page(t, res)
		field := doc.Find(`[data-testid="error-launched"]`).Closest(".field")
		if field.Find(`input[name="launched"]`).AttrOr("value", "") != "lots of them" {
			t.Error("the message is not beside the figure, or the input was not kept")
		}
		if d.count("citations") != before {
			t.Error("a citation was stored")
		}
	})
}

func TestCorrectAndWithdrawCitation(t *testing.T) {
	d := newDesk(t)
	if res := d.cite(url.Values{"source_id": {"1"}, "stance": {"confirms"}, "launched": {"2"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("cite: %d", res.StatusCode)
	}
	doc := page(t, d.do(auth.RoleEditor, "GET", "/citations/1/edit", nil))
	form := doc.Find(`[data-testid="citation-edit-form"]`)
	if form.Find(`input[name="launched"]`).AttrOr("value", "") != "2" || form.Find(`input[name="version"]`).AttrOr("value", "") != "1" {
		t.Fatal("the correction form does not show the citation as saved")
	}
	correct := url.Values{"source_id": {"1"}, "stance": {"confirms"}, "launched": {"3"}, "version": {"1"}, "why": {"CENTCOM's update"}}
	res := d.do(auth.RoleEditor, "POST", "/citations/1", correct)
	if res.StatusCode != http.StatusSeeOther || !strings.HasSuffix(res.Header.Get("Location"), "/claims/1#citation-1") {
		t.Fatalf("correct: %d to %q", res.StatusCode, res.Header.Get("Location"))
	}
	doc = page(t, d.do(auth.RoleViewer, "GET", "/claims/1", nil))
	if got := doc.Find(`[data-testid="change"]`).First().Text(); !strings.Contains(got, "Launched") || !strings.Contains(got, "2") || !strings.Contains(got, "3") {
		t.Errorf("history change reads %q, want launched 2 → 3", got)
	}
	if !strings.Contains(doc.Find(`[data-testid="history"]`).Text(), "CENTCOM's update") {
		t.Error("history lacks why")
	}

	t.Run("ErrStale", func(t *testing.T) {
		res := d.do(auth.RoleEditor, "POST", "/citations/1", correct) // version 1 again
		if res.StatusCode != http.StatusConflict {
			t.Fatalf("status %d, want 409", res.StatusCode)
		}
		if page(t, res).Find(`[data-testid="conflict"]`).Length() != 1 {
			t.Error("no notice that someone changed it")
		}
	})
	t.Run("WithdrawNeedsReason", func(t *testing.T) {
		res := d.do(auth.RoleEditor, "POST", "/citations/1/withdraw", url.Values{"version": {"2"}, "reason": {"  "}})
		if res.StatusCode != http.StatusUnprocessableEntity {
			t.Fatalf("status %d, want 422", res.StatusCode)
		}
		if page(t, res).Find(`[data-testid="withdraw-form"] [data-testid="error-reason"]`).Length() != 1 {
			t.Error("no message beside the reason")
		}
	})
	t.Run("Withdraw", func(t *testing.T) {
		res := d.do(auth.RoleEditor, "POST", "/citations/1/withdraw", url.Values{"version": {"2"}, "reason": {"Cited on the wrong claim"}})
		if res.StatusCode != http.StatusSeeOther {
			t.Fatalf("status %d, want 303", res.StatusCode)
		}
		doc := page(t, d.do(auth.RoleViewer, "GET", "/claims/1", nil))
		if got := doc.Find(`[data-testid="withdrawn"]`).Text(); !strings.Contains(got, "Cited on the wrong claim") {
			t.Errorf("withdrawn note = %q", got)
		}
		if got := doc.Find(`[data-testid="occurred-state"]`).Text(); got != "No sources yet" {
			t.Errorf("occurred = %q after the only citation was withdrawn", got)
		}
		if res := d.do(auth.RoleEditor, "GET", "/citations/1/edit", nil); res.StatusCode != http.StatusSeeOther {
			t.Errorf("editing a withdrawn citation: %d, want 303 back to the claim", res.StatusCode)
		}
	})
}

func TestReviewDisagreement(t *testing.T) {
	d := newDesk(t)
	ap, may := d.addSource("AP", claims.KindWire), d.addSource("Al Mayadeen", claims.KindAffiliated)
	d.cite(url.Values{"source_id": {strconv.FormatInt(ap, 10)}, "stance": {"reports"}, "launched": {"2"}})
	d.cite(url.Values{"source_id": {strconv.FormatInt(may, 10)}, "stance": {"reports"}, "launched": {"3"}})
	doc := page(t, d.do(auth.RoleFactchecker, "GET", "/claims/1", nil))
	form := doc.Find(`[data-testid="reason-open"] [data-testid="review-form"]`)
	if form.Length() != 1 {
		t.Fatal("no review form beside the open disagreement")
	}
	key, revision := form.Find(`input[name="key"]`).AttrOr("value", ""), form.Find(`input[name="revision"]`).AttrOr("value", "")

	res := d.do(auth.RoleFactchecker, "POST", "/claims/1/reviews", url.Values{"key": {key}, "revision": {revision}, "note": {""}})
	if res.StatusCode != http.StatusUnprocessableEntity || page(t, res).Find(`[data-testid="error-note"]`).Length() != 1 {
		t.Errorf("empty note: %d, want 422 with a message beside the note", res.StatusCode)
	}
	note := "2 vs 3: AP's count is of the later wave"
	if res := d.do(auth.RoleFactchecker, "POST", "/claims/1/reviews", url.Values{"key": {key}, "revision": {revision}, "note": {note}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("review: %d", res.StatusCode)
	}
	doc = page(t, d.do(auth.RoleViewer, "GET", "/claims/1", nil))
	if got := doc.Find(`[data-testid="reason-reviewed"]`).Text(); !strings.Contains(got, note) {
		t.Errorf("reviewed reason reads %q", got)
	}
	if doc.Find(`[data-testid="badge-contested"]`).Length() != 0 {
		t.Error("still contested after the review")
	}
	doc = page(t, d.do(auth.RoleViewer, "GET", "/?bucket=contested", nil))
	if doc.Find(`[data-testid="claim-row"]`).Length() != 0 {
		t.Error("the claim is still in the contested bucket")
	}
	if res := d.do(auth.RoleFactchecker, "POST", "/claims/1/reviews", url.Values{"key": {key}, "revision": {revision}, "note": {note}}); res.StatusCode != http.StatusConflict {
		t.Errorf("a review on a stale page: %d, want 409", res.StatusCode)
	}
}

func TestClaimSidesThroughTheForm(t *testing.T) {
	d := newDesk(t)
	iri := &claims.PartyRecord{Party: claims.Party{Name: "Islamic Resistance in Iraq", Kind: claims.PartyCoalition}}
	if err := d.claims.CreateParty(ctx, 1, iri); err != nil {
		t.Fatal(err)
	}
	v := validClaim()
	v["attackers"] = []string{strconv.FormatInt(int64(iri.ID), 10)}
	v["targets"] = []string{"1"}
	res := d.do(auth.RoleEditor, "POST", "/claims", v)
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("status %d", res.StatusCode)
	}
	doc := page(t, d.do(auth.RoleViewer, "GET", res.Header.Get("Location"), nil))
	if got := doc.Find(`[data-testid="attackers"]`).Text(); got != "Islamic Resistance in Iraq" {
		t.Errorf("attackers = %q", got)
	}
	v["targets"] = v["attackers"]
	res = d.do(auth.RoleEditor, "POST", "/claims", v)
	if res.StatusCode != http.StatusUnprocessableEntity || page(t, res).Find(`[data-testid="error-targets"]`).Length() != 1 {
		t.Errorf("a party on both sides: %d, want 422 beside targets", res.StatusCode)
	}
}

func TestPartyAndSettingsForms(t *testing.T) {
	d := newDesk(t)
	res := d.do(auth.RoleEditor, "POST", "/parties", url.Values{"name": {"us central command"}, "kind": {"forces"}})
	if res.StatusCode != http.StatusUnprocessableEntity || page(t, res).Find(`[data-testid="error-name"]`).Length() != 1 {
		t.Errorf("duplicate party: %d, want 422 beside the name", res.StatusCode)
	}
	res = d.do(auth.RoleAdmin, "POST", "/settings", url.Values{"awaiting_hours": {"0"}})
	if res.StatusCode != http.StatusUnprocessableEntity || page(t, res).Find(`[data-testid="error-awaiting_hours"]`).Length() != 1 {
		t.Errorf("0 hours: %d, want 422 beside the field", res.StatusCode)
	}
	if res := d.do(auth.RoleAdmin, "POST", "/settings", url.Values{"awaiting_hours": {"48"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("save settings: %d", res.StatusCode)
	}
	if st, _ := d.claims.Settings(ctx); st.AwaitingHours != 48 {
		t.Errorf("awaiting hours = %d", st.AwaitingHours)
	}
}

func TestVerdictOverride(t *testing.T) {
	d := newDesk(t)
	d.cite(url.Values{"source_id": {"1"}, "stance": {"confirms"}})
	doc := page(t, d.do(auth.RoleFactchecker, "GET", "/claims/1", nil))
	if got := doc.Find(`[data-testid="suggested-verdict"]`).Text(); !strings.Contains(got, "Suggested: Confirmed") {
		t.Errorf("suggestion reads %q", got)
	}
	res := d.do(auth.RoleFactchecker, "POST", "/claims/1/verdict", url.Values{"verdict": {"disputed"}, "reason": {"The weapon is unclear"}, "revision": {d.revision(1)}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("verdict: %d", res.StatusCode)
	}
	doc = page(t, d.do(auth.RoleViewer, "GET", "/claims/1", nil))
	if got := doc.Find(`[data-testid="override"]`).Text(); !strings.Contains(got, "Confirmed") {
		t.Errorf("override reads %q", got)
	}
}
