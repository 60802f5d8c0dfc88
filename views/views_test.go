package views_test

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"claimdesk/internal/auth"
	"claimdesk/internal/claims"
	"claimdesk/views"

	"github.com/PuerkitoBio/goquery"
	"github.com/a-h/templ"
)

func render(t *testing.T, c templ.Component) *goquery.Document {
	t.Helper()
	var buf bytes.Buffer
	if err := c.Render(context.Background(), &buf); err != nil {
		t.Fatal(err)
	}
	doc, err := goquery.NewDocumentFromReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

var editor = views.Session{User: &auth.User{Email: "e@desk.test", Name: "Eli", Role: auth.RoleEditor}, Path: "/"}

func TestDashboardPage(t *testing.T) {
	tanf := &claims.Claim{ID: 1, Title: "Drones hit al-Tanf", Verdict: "unverified", OccurredOn: time.Date(2023, 10, 19, 0, 0, 0, 0, time.UTC), DatePrecision: "day"}
	tanfDetail := detail(tanf, []claims.Citation{
		{ID: 1, SourceID: 1, Source: &claims.Source{ID: 1, Name: "AP"}, Stance: "reports", Figures: claims.FigureSet{Launched: exactly(2)}},
		{ID: 2, SourceID: 2, Source: &claims.Source{ID: 2, Name: "Al Mayadeen"}, Stance: "reports", Figures: claims.FigureSet{Launched: exactly(3)}},
	})
	claims.SetEvidence(tanf, tanfDetail.Evidence, tanfDetail.Citations)
	page := &claims.Page{Total: 120, Page: 2, Pages: 3, Names: tanfDetail.Names, Claims: []claims.Claim{
		*tanf,
		{ID: 2, Title: "Three drones near forces in Iraq", Verdict: "confirmed", OfficiallyConfirmed: true, OccurredState: claims.OccurredConfirmedByNeutral,
			ResponseState: claims.ResponseConfirmed, SourceCount: 1, OccurredOn: time.Date(2023, 10, 18, 0, 0, 0, 0, time.UTC), DatePrecision: "week"},
		{ID: 3, Title: "Strike on a hospital", Verdict: "unverified", OccurredState: claims.OccurredNoSources, ResponseState: claims.ResponseNoneYet,
			OccurredOn: time.Date(2023, 10, 17, 0, 0, 0, 0, time.UTC), DatePrecision: "month"},
	}}
	d := views.Dashboard{Counts: &claims.Counts{Total: 120, ByBucket: map[string]int64{"officially-confirmed": 7, "contested": 9}},
		Page: page, Filter: claims.Filter{Bucket: "contested", Country: "Syria", Page: 2}}
	doc := render(t, views.DashboardPage(editor, views.DashboardFragment(d)))

	rows := doc.Find(`[data-testid="claim-row"]`)
	if rows.Length() != 3 {
		t.Fatalf("rows = %d", rows.Length())
	}
	first := rows.Eq(0)
	if first.Find(`[data-testid="badge-contested"]`).Length() != 1 {
		t.Error("the contested claim has no Contested badge")
	}
	if got := first.Find("ul.reasons li").Text(); !strings.Contains(got, "AP") || !strings.Contains(got, "Al Mayadeen") {
		t.Errorf("reasons below the badge = %q, want the sources by name", got)
	}
	if got := rows.Eq(1).Find(`[data-testid="badge-occurred"]`).Text(); got != "Confirmed by a neutral official" {
		t.Errorf("officially confirmed claim reads %q", got)
	}
	if got := rows.Eq(2).Text(); !strings.Contains(got, "Oct 2023") || !strings.Contains(got, "No sources yet") {
		t.Errorf("unchecked row = %q", got)
	}
	for i, want := range []string{"2 independent sources", "1 independent source", "No independent source yet"} {
		if got := strings.Join(strings.Fields(rows.Eq(i).Find(`[data-testid="evidence-summary"]`).Text()), " "); got != want {
			t.Errorf("row %d evidence = %q, want %q", i, got, want)
		}
	}
	if got := doc.Find(`[data-testid="claims-total"]`).Text(); got != "120 claims, newest attack first." {
		t.Errorf("total = %q", got)
	}
	if got := doc.Find(`[data-testid="count-contested"]`).AttrOr("aria-current", ""); got != "true" {
		t.Errorf("active bucket aria-current = %q", got)
	}
	if got := doc.Find(`[data-testid="count-officially-confirmed"]`).AttrOr("href", ""); got != "/?bucket=officially-confirmed&country=Syria" {
		t.Errorf("count link = %q, want the country kept", got)
	}
	if got := doc.Find(`[data-testid="count-all"]`).AttrOr("href", ""); got != "/?country=Syria" {
		t.Errorf("all claims link = %q, want the country kept", got)
	}
	if got := doc.Find(`a[rel="next"]`).AttrOr("href", ""); got != "/?bucket=contested&country=Syria&page=3" {
		t.Errorf("next page link = %q, want the filters kept", got)
	}
	if doc.Find(`a[href="/claims/new"]`).Length() != 1 {
		t.Error("editor has no New claim link")
	}
}

// detail is a claim page's data worked out as the service would.
func detail(c *claims.Claim, cites []claims.Citation) *claims.ClaimDetail {
	ev, names := claims.Weigh(c, cites, nil, nil, time.Date(2023, 10, 20, 0, 0, 0, 0, time.UTC))
	return &claims.ClaimDetail{Claim: c, Citations: cites, Evidence: ev, Names: names}
}

func exactly(n int) claims.FigureValue {
	return claims.FigureValue{Qualifier: claims.QualExactly, N: n}
}

func TestClaimShowFigures(t *testing.T) {
	ap := &claims.Source{ID: 1, Name: "AP", Kind: claims.KindWire}
	may := &claims.Source{ID: 2, Name: "Al Mayadeen", Kind: claims.KindAffiliated}
	cites := []claims.Citation{
		{ID: 1, SourceID: 1, Source: ap, Stance: "reports", Figures: claims.FigureSet{Launched: exactly(2), Intercepted: exactly(1)}},
		{ID: 2, SourceID: 2, Source: may, Stance: "reports", Figures: claims.FigureSet{Launched: exactly(3)}},
		{ID: 3, SourceID: 1, Source: ap, Stance: "denies", DenialScope: claims.DeniesLocation, URL: "javascript:alert(1)"},
	}
	c := &claims.Claim{ID: 9, Title: "Drones hit al-Tanf", Verdict: "unverified", Version: 3, Revision: 7}
	p := views.ClaimPage{ClaimDetail: detail(c, cites)}
	doc := render(t, views.ClaimShow(views.Session{User: &auth.User{Role: auth.RoleFactchecker}}, p))

	var differs []string
	doc.Find(`[data-testid="figure-differs"]`).Each(func(_ int, s *goquery.Selection) { differs = append(differs, s.Text()) })
	if strings.Join(differs, ",") != "2 ⚠,3 ⚠" {
		t.Errorf("differing cells = %q, want launched 2 and 3 only", differs)
	}
	if doc.Find(`[data-testid="stance-denies"] [data-testid="citation"]`).Length() != 1 {
		t.Error("denial not grouped under Denies")
	}
	if href := doc.Find(`[data-testid="stance-denies"] a[target]`).AttrOr("href", ""); strings.HasPrefix(href, "javascript") {
		t.Errorf("unsafe link rendered: %q", href)
	}
	if v := doc.Find(`[data-testid="verdict-form"] input[name="revision"]`).AttrOr("value", ""); v != "7" {
		t.Errorf("verdict form revision = %q", v)
	}
	if got := doc.Find(`[data-testid="stance-denies"]`).Text(); !strings.Contains(got, "denies the location") {
		t.Errorf("denial reads %q, want what it denies", got)
	}
	if doc.Find(`#verdict`).Length() != 1 {
		t.Errorf("id verdict used %d times", doc.Find(`#verdict`).Length())
	}
}

func TestFormErrorsBesideFields(t *testing.T) {
	f := views.ClaimForm{Form: views.Form{
		Values: map[string]string{"title": `<b>kept</b>`, "attack_type": "drone"},
		Errors: map[string]string{"occurred_on": "Give the date it happened (YYYY-MM-DD)."},
	}}
	doc := render(t, views.ClaimEdit(editor, f))
	field := doc.Find(`[data-testid="error-occurred_on"]`).Closest(".field")
	if field.Find(`input[name="occurred_on"]`).Length() != 1 || !field.HasClass("invalid") {
		t.Error("the date's message is not beside the date field")
	}
	if v := doc.Find(`input[name="title"]`).AttrOr("value", ""); v != `<b>kept</b>` {
		t.Errorf("title kept as %q", v)
	}
	if v := doc.Find(`select[name="attack_type"] option[selected]`).AttrOr("value", ""); v != "drone" {
		t.Errorf("attack type kept as %q", v)
	}
	if doc.Find(`[data-testid="form-alert"]`).Length() != 1 {
		t.Error("no summary alert")
	}
}

func TestDashboardCountsScope(t *testing.T) {
	counts := &claims.Counts{Total: 7, ByBucket: map[string]int64{"contested": 2}}
	page := &claims.Page{Total: 1, Page: 1, Pages: 1, Claims: []claims.Claim{{ID: 1, Title: "A", Verdict: "unverified"}}}
	tests := []struct {
		name     string
		filter   claims.Filter
		filtered bool
		note     bool
		href     string
	}{
		{"DeskWide", claims.Filter{Page: 1}, false, false, "/?bucket=contested"},
		{"SourceNotFiltered", claims.Filter{SourceID: 4, Page: 1}, false, true, "/?bucket=contested&source=4"},
		{"CountryFiltered", claims.Filter{Bucket: "false", Country: "Iraq", Page: 1}, true, false, "/?bucket=contested&country=Iraq"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := views.Dashboard{Counts: counts, Page: page, Filter: tt.filter, CountsFiltered: tt.filtered}
			doc := render(t, views.DashboardFragment(d))
			if got := doc.Find(`[data-testid="counts-note"]`).Length() == 1; got != tt.note {
				t.Errorf("desk-wide note shown = %v, want %v", got, tt.note)
			}
			if got := doc.Find(`[data-testid="count-contested"]`).AttrOr("href", ""); got != tt.href {
				t.Errorf("contested tile = %q, want %q", got, tt.href)
			}
		})
	}
}

func TestDashboardPastLastPage(t *testing.T) {
	counts := &claims.Counts{Total: 120, ByBucket: map[string]int64{}}
	d := views.Dashboard{Counts: counts, Page: &claims.Page{Total: 120, Page: 9, Pages: 3},
		Filter: claims.Filter{Country: "Syria", Page: 9}}
	doc := render(t, views.DashboardFragment(d))
	msg := doc.Find(`[data-testid="past-last-page"]`)
	if got := strings.Join(strings.Fields(msg.Text()), " "); !strings.HasPrefix(got, "No claims on page 9; there are only 3 pages.") {
		t.Errorf("message = %q", got)
	}
	if got := msg.Find("a").AttrOr("href", ""); got != "/?country=Syria&page=3" {
		t.Errorf("last page link = %q", got)
	}
	d.Page = &claims.Page{Page: 1}
	if got := render(t, views.DashboardFragment(d)).Find(".notice").Text(); got != "No claims match these filters." {
		t.Errorf("empty filter message = %q", got)
	}
}

func TestDashboardFragment(t *testing.T) {
	d := views.Dashboard{Counts: &claims.Counts{ByBucket: map[string]int64{}}, Page: &claims.Page{Page: 1}}
	var buf bytes.Buffer
	if err := views.DashboardFragment(d).Render(context.Background(), &buf); err != nil {
		t.Fatal(err)
	}
	if got := buf.String(); !strings.HasPrefix(got, `<div id="dashboard"`) || strings.Contains(got, "<header") || strings.Contains(got, "<html") {
		t.Errorf("fragment is not only the dashboard's body: %.120s", got)
	}
	if strings.Contains(buf.String(), "hx-select") {
		t.Error("the filter form still selects from a whole page")
	}
	full := render(t, views.DashboardPage(editor, views.DashboardFragment(d)))
	if full.Find("header.top").Length() != 1 || full.Find("#dashboard").Length() != 1 {
		t.Error("the page lacks its header or the dashboard")
	}
}

func TestClaimShowPhoneOrder(t *testing.T) {
	c := &claims.Claim{ID: 9, Title: "Drones hit al-Tanf", Verdict: "unverified", Version: 1}
	cites := []claims.Citation{{ID: 1, SourceID: 1, Source: &claims.Source{ID: 1, Name: "AP"}, Stance: "reports"}}
	p := views.ClaimPage{ClaimDetail: detail(c, cites)}
	doc := render(t, views.ClaimShow(views.Session{User: &auth.User{Role: auth.RoleFactchecker}}, p))
	// On a phone the page is read in document order.
	var order []string
	doc.Find(`[data-testid="claim-facts"], [data-testid="evidence"], [data-testid="verdict-form"], [data-testid="citation-form"], [data-testid="verdict-history"]`).
		Each(func(_ int, s *goquery.Selection) { order = append(order, s.AttrOr("data-testid", "")) })
	if got, want := strings.Join(order, " "), "claim-facts evidence verdict-form citation-form verdict-history"; got != want {
		t.Errorf("order = %s, want %s", got, want)
	}
	if got := doc.Find(`[data-testid="independence"]`).Text(); !strings.Contains(got, "1 independent source") || strings.Contains(got, "1 independent sources") {
		t.Errorf("independence reads %q, want the singular", got)
	}
}

// TestSourcePastLastPage: a source's page of citations past its last says so and links
// back, instead of claiming that nothing cites the source.
func TestSourcePastLastPage(t *testing.T) {
	src := &claims.Source{ID: 4, Name: "Al Mayadeen", Kind: claims.KindAffiliated}
	doc := render(t, views.SourceShow(editor, views.SourcePage{Source: src, Total: 1, Page: 9}))
	msg := doc.Find(`[data-testid="past-last-page"]`)
	if got := strings.Join(strings.Fields(msg.Text()), " "); !strings.HasPrefix(got, "No citations on page 9; there is only 1 page.") {
		t.Errorf("message = %q, page says %q", got, strings.Join(strings.Fields(doc.Find("main").Text()), " "))
	}
	if got := msg.Find("a").AttrOr("href", ""); got != "/sources/4?page=1" {
		t.Errorf("last page link = %q", got)
	}
	if got := render(t, views.SourceShow(editor, views.SourcePage{Source: src, Page: 1})).Find(".notice").Text(); got != "No claim cites this source yet." {
		t.Errorf("no citations message = %q", got)
	}
}
