package web_test

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"claimdesk/internal/auth"
	"claimdesk/internal/claims"
	"claimdesk/internal/claims/claimstest"

	"github.com/PuerkitoBio/goquery"
)

// TestScenarios enters each incident of claimstest.Incidents through the desk's forms, as an
// editor and a fact-checker would, stage by stage (the desk's clock set to noon UTC of each
// stage's day), and reads the result where people read it: the claim page (three axes,
// independence, timelines, reasons, the suggested verdict) and the dashboard (which bucket
// lists it, and the tiles' counts).
//
// Where the evidence rules give something other than what a fact-checker expects (the
// stages with Engine set; see internal/claims/evidence_incidents_test.go), the pages are
// held to what the rules give: this test is about the web layer showing the rules faithfully.
func TestScenarios(t *testing.T) {
	for _, inc := range claimstest.Incidents {
		t.Run(inc.Name, func(t *testing.T) {
			sc := newScenario(t, inc)
			for i, st := range inc.Stages {
				sc.stage(st)
				want := st.WithEngine()
				sc.checkClaimPage(i, st, want)
				sc.checkDashboard(i, st, want)
			}
		})
	}
}

// scenario is one incident being entered into a fresh desk.
type scenario struct {
	*desk
	inc     claimstest.Incident
	parties map[string]string // party name → id, as the forms take it
	sources map[string]string // source name → id
	refs    map[string]string // citation ref → id
	claim   string            // the claim's id
}

func newScenario(t *testing.T, inc claimstest.Incident) *scenario {
	sc := &scenario{desk: newDesk(t), inc: inc, parties: map[string]string{}, sources: map[string]string{}, refs: map[string]string{}}
	for _, p := range inc.Parties {
		sc.addParty(p)
	}
	for _, s := range inc.Sources {
		sc.addSource(s)
	}
	form := url.Values{"title": {inc.Title}, "place": {inc.Place}, "country": {inc.Country}, "occurred_on": {inc.OccurredOn},
		"date_precision": {"day"}, "attack_type": {string(inc.AttackType)}}
	for _, p := range inc.Attackers {
		form.Add("attackers", sc.party(p))
	}
	for _, p := range inc.Targets {
		form.Add("targets", sc.party(p))
	}
	sc.claim = idAfter(sc.post(auth.RoleEditor, "/claims", form), "/claims/")
	return sc
}

// post sends a form and insists on the redirect a saved form answers with.
func (sc *scenario) post(role auth.Role, path string, form url.Values) *http.Response {
	sc.t.Helper()
	res := sc.do(role, "POST", path, form)
	if res.StatusCode != http.StatusSeeOther {
		doc := page(sc.t, res)
		sc.t.Fatalf("POST %s %v = %d: %s", path, form, res.StatusCode, strings.Join(doc.Find(`[data-testid^="error-"], [data-testid="notice"]`).Map(
			func(_ int, s *goquery.Selection) string { return strings.TrimSpace(s.Text()) }), "; "))
	}
	return res
}

// idAfter reads the record's number from the address a save redirects to.
func idAfter(res *http.Response, prefix string) string {
	loc, _ := strings.CutPrefix(res.Header.Get("Location"), prefix)
	id, _, _ := strings.Cut(loc, "?")
	id, _, _ = strings.Cut(id, "#")
	return id
}

func (sc *scenario) party(name string) string {
	sc.t.Helper()
	id, ok := sc.parties[name]
	if !ok {
		sc.t.Fatalf("no party %q", name)
	}
	return id
}

func (sc *scenario) source(name string) string {
	sc.t.Helper()
	id, ok := sc.sources[name]
	if !ok {
		sc.t.Fatalf("no source %q", name)
	}
	return id
}

// addParty enters a party on /parties and finds its number in the registry's list.
func (sc *scenario) addParty(p claimstest.Party) {
	form := url.Values{"name": {p.Name}, "kind": {string(p.Kind)}}
	if p.Parent != "" {
		form.Set("parent_id", sc.party(p.Parent))
	}
	sc.post(auth.RoleEditor, "/parties", form)
	doc := page(sc.t, sc.do(auth.RoleViewer, "GET", "/parties", nil))
	doc.Find(`[data-testid="party-row"]`).Each(func(_ int, row *goquery.Selection) {
		if strings.TrimSpace(row.Find("strong").First().Text()) == p.Name {
			id, _ := row.Attr("id")
			sc.parties[p.Name] = strings.TrimPrefix(id, "party-")
		}
	})
	if sc.parties[p.Name] == "" {
		sc.t.Fatalf("party %q is not listed on /parties", p.Name)
	}
}

// sourceKind is the kind of source an editor would choose for s.
func (sc *scenario) sourceKind(s claimstest.Source) claims.SourceKind {
	switch s.Rel {
	case claims.RelationAffiliated:
		return claims.KindAffiliated
	case claims.RelationIndependent:
		return claims.KindOutlet
	}
	for _, p := range sc.inc.Parties {
		if p.Name == s.Party {
			switch p.Kind {
			case claims.PartyArmedGroup, claims.PartyCoalition:
				return claims.KindArmedGroup
			case claims.PartyOther:
				return claims.KindOther
			}
		}
	}
	return claims.KindOfficial
}

// addSource enters a source on /sources; one the desk already has (CENTCOM) is edited to
// speak for the party it speaks for in this incident.
func (sc *scenario) addSource(s claimstest.Source) {
	form := url.Values{"name": {s.Name}, "kind": {string(sc.sourceKind(s))}, "relation": {string(s.Rel)}}
	if s.Party != "" {
		form.Set("party_id", sc.party(s.Party))
	}
	existing, err := sc.claims.Sources(ctx)
	if err != nil {
		sc.t.Fatal(err)
	}
	for _, src := range existing {
		if strings.EqualFold(src.Name, s.Name) {
			id := strconv.FormatInt(src.ID, 10)
			edit := page(sc.t, sc.do(auth.RoleEditor, "GET", "/sources/"+id+"/edit", nil))
			version, _ := edit.Find(`input[name="version"]`).Attr("value")
			form.Set("version", version)
			sc.post(auth.RoleEditor, "/sources/"+id, form)
			sc.sources[s.Name] = id
			return
		}
	}
	sc.sources[s.Name] = idAfter(sc.post(auth.RoleEditor, "/sources", form), "/sources/")
}

// citationIDs lists the citations on the claim page.
func (sc *scenario) citationIDs() []string {
	var ids []string
	doc := page(sc.t, sc.do(auth.RoleViewer, "GET", "/claims/"+sc.claim, nil))
	doc.Find(`article[data-testid="citation"]`).Each(func(_ int, a *goquery.Selection) {
		id, _ := a.Attr("id")
		ids = append(ids, strings.TrimPrefix(id, "citation-"))
	})
	return ids
}

// cite fills in the claim page's citation form as an editor would.
func (sc *scenario) cite(c claimstest.Cite) {
	form := url.Values{"source_id": {sc.source(c.Source)}, "stance": {string(c.Stance)}, "denial_scope": {string(c.Scope)},
		"weapon": {string(c.Weapon)}, "weapon_text": {c.WeaponText}, "launched": {c.Launched},
		"killed_military": {c.Killed.Mil}, "killed_civilian": {c.Killed.Civ}, "killed_unknown": {c.Killed.Unk},
		"injured_military": {c.Injured.Mil}, "injured_civilian": {c.Injured.Civ}, "injured_unknown": {c.Injured.Unk}}
	if c.On != "" {
		form.Set("published_at", c.On+"T12:00")
	}
	if c.Quote != "" {
		form.Set("quote", c.Quote)
		form.Set("quote_kind", string(claims.QuoteWords))
	}
	if c.RelaysParty != "" {
		form.Set("relays", "p:"+sc.party(c.RelaysParty))
	}
	if c.RelaysSource != "" {
		form.Set("relays", "s:"+sc.source(c.RelaysSource))
	}
	if c.Blames != "" {
		form.Set("attributes_to", sc.party(c.Blames))
	}
	before := sc.citationIDs()
	sc.post(auth.RoleEditor, "/claims/"+sc.claim+"/citations", form)
	if c.Ref != "" {
		for _, id := range sc.citationIDs() {
			if !slices.Contains(before, id) {
				sc.refs[c.Ref] = id
			}
		}
	}
}

// withdraw withdraws a citation from its correction page.
func (sc *scenario) withdraw(ref, why string) {
	id, ok := sc.refs[ref]
	if !ok {
		sc.t.Fatalf("no citation %q", ref)
	}
	edit := page(sc.t, sc.do(auth.RoleEditor, "GET", "/citations/"+id+"/edit", nil))
	version, _ := edit.Find(`input[name="version"]`).First().Attr("value")
	sc.post(auth.RoleEditor, "/citations/"+id+"/withdraw", url.Values{"version": {version}, "reason": {why}})
}

// claimPage is the claim as a fact-checker sees it.
func (sc *scenario) claimPage() *goquery.Document {
	sc.t.Helper()
	res := sc.do(auth.RoleFactchecker, "GET", "/claims/"+sc.claim, nil)
	if res.StatusCode != http.StatusOK {
		sc.t.Fatalf("claim page = %d", res.StatusCode)
	}
	return page(sc.t, res)
}

func revision(doc *goquery.Document) string {
	v, _ := doc.Find(`input[name="revision"]`).First().Attr("value")
	return v
}

// review marks reviewed, from its own form on the claim page, every open reason whose
// words start with start.
func (sc *scenario) review(start, note string) {
	found := false
	for {
		doc := sc.claimPage()
		var key string
		doc.Find(`[data-testid="reason-open"]`).EachWithBreak(func(_ int, li *goquery.Selection) bool {
			if strings.HasPrefix(ownText(li), start) {
				key, _ = li.Find(`form[data-testid="review-form"] input[name="key"]`).Attr("value")
				return false
			}
			return true
		})
		if key == "" {
			break
		}
		found = true
		sc.post(auth.RoleFactchecker, "/claims/"+sc.claim+"/reviews", url.Values{"key": {key}, "note": {note}, "revision": {revision(doc)}})
	}
	if !found {
		sc.t.Fatalf("no open reason on the page starts %q", start)
	}
}

// stage does on the desk what the stage says, on the stage's day.
func (sc *scenario) stage(st claimstest.Stage) {
	at := claimstest.Day(st.AsOf)
	sc.claims.Now = func() time.Time { return at }
	for _, c := range st.Cites {
		sc.cite(c)
	}
	for _, ref := range st.Withdraw {
		sc.withdraw(ref, st.Note)
	}
	for _, start := range st.Review {
		sc.review(start, st.Note)
	}
	if st.Verdict != "" {
		doc := sc.claimPage()
		sc.post(auth.RoleFactchecker, "/claims/"+sc.claim+"/verdict",
			url.Values{"verdict": {string(st.Verdict)}, "reason": {st.Note}, "revision": {revision(doc)}})
	}
}

// ownText is the text of s itself, without that of the elements inside it (a review's
// note, the form to review it).
func ownText(s *goquery.Selection) string {
	return strings.TrimSpace(s.Clone().Children().Remove().End().Text())
}

func text(doc *goquery.Document, testid string) string {
	return strings.TrimSpace(doc.Find(`[data-testid="` + testid + `"]`).First().Text())
}

func (sc *scenario) checkClaimPage(i int, st claimstest.Stage, want claimstest.Outcome) {
	t := sc.t
	doc := sc.claimPage()
	fail := func(what string, got, want any) {
		t.Errorf("stage %d (as of %s), claim page, %s:\n  got  %q\n  want %q", i, st.AsOf, what, got, want)
	}
	for _, ax := range []struct{ testid, state, words string }{
		{"occurred", want.Occurred.Label(), want.OccurredWords},
		{"responsibility", want.Responsibility.Label(), want.ResponsibilityWords},
		{"response", want.Response.Label(), want.ResponseWords},
	} {
		if got := text(doc, ax.testid+"-state"); got != ax.state {
			fail(ax.testid+" state", got, ax.state)
		}
		if got := text(doc, ax.testid+"-words"); got != ax.words {
			fail(ax.testid+" words", got, ax.words)
		}
	}
	if got := text(doc, "independence"); got != want.Independence {
		fail("independence", got, want.Independence)
	}
	var timelines, reasons []string
	doc.Find(`[data-testid="timeline"]`).Each(func(_ int, s *goquery.Selection) { timelines = append(timelines, strings.TrimSpace(s.Text())) })
	if !slices.Equal(timelines, want.Timelines) {
		fail("timelines", timelines, want.Timelines)
	}
	doc.Find(`[data-testid="contested-reasons"] li`).Each(func(_ int, li *goquery.Selection) {
		w := ownText(li)
		if testid, _ := li.Attr("data-testid"); testid == "reason-reviewed" {
			w += " (reviewed)"
		}
		reasons = append(reasons, w)
	})
	if !slices.Equal(reasons, want.Reasons) {
		fail("reasons", reasons, want.Reasons)
	}
	contested := slices.Contains(want.Buckets, claimstest.BucketContested)
	if got := doc.Find(`[data-testid="evidence"] [data-testid="badge-contested"]`).Length() == 1; got != contested {
		fail("contested badge", got, contested)
	}
	if got := strings.Join(strings.Fields(doc.Find(`[data-testid="suggested-verdict"]`).Text()), " "); !strings.Contains(got, want.Suggested) {
		fail("suggested verdict", got, want.Suggested)
	}
	if v := verdictOf(want.Buckets); text(doc, "verdict") != v.Label() {
		fail("verdict", text(doc, "verdict"), v.Label())
	}
}

// verdictOf is the verdict bucket among buckets.
func verdictOf(buckets []string) claims.Verdict {
	for _, b := range buckets {
		if v := claims.Verdict(b); v.Valid() {
			return v
		}
	}
	return ""
}

// checkDashboard checks that every bucket's list holds the claim exactly when the stage says
// it is in that bucket, and that every tile counts it so (the desk's own claim, unverified,
// counted besides).
func (sc *scenario) checkDashboard(i int, st claimstest.Stage, want claimstest.Outcome) {
	t := sc.t
	front := page(t, sc.do(auth.RoleViewer, "GET", "/", nil))
	for _, b := range append([]string{""}, bucketValues()...) {
		in := b == "" || slices.Contains(want.Buckets, b)
		doc := front
		if b != "" {
			doc = page(t, sc.do(auth.RoleViewer, "GET", "/?bucket="+b, nil))
		}
		listed := false
		doc.Find(`[data-testid="claim-row"] td:first-child a`).Each(func(_ int, a *goquery.Selection) {
			listed = listed || strings.TrimSpace(a.Text()) == sc.inc.Title
		})
		if listed != in {
			t.Errorf("stage %d (as of %s), dashboard: bucket %q lists the claim: %v, want %v", i, st.AsOf, b, listed, in)
		}
		n := 0
		if in {
			n++
		}
		if b == "" || b == claimstest.BucketUnverified {
			n++ // the desk's own claim, unverified, never cited
		}
		key := b
		if key == "" {
			key = "all"
		}
		if got := strings.TrimSpace(front.Find(`[data-testid="count-` + key + `"] strong`).Text()); got != strconv.Itoa(n) {
			t.Errorf("stage %d (as of %s), dashboard: tile %q counts %s, want %d", i, st.AsOf, key, got, n)
		}
	}
}

func bucketValues() []string {
	out := make([]string, len(claims.Buckets))
	for i, b := range claims.Buckets {
		out[i] = b.Value
	}
	return out
}
