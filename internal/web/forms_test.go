package web_test

import (
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"claimdesk/internal/auth"
	"claimdesk/internal/claims"

	"github.com/PuerkitoBio/goquery"
)

func readAll(t *testing.T, res *http.Response) string {
	t.Helper()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func docOf(t *testing.T, html string) *goquery.Document {
	t.Helper()
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(html))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func sourceName(t *testing.T, d *desk, id int64) string {
	t.Helper()
	src, err := d.claims.Source(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	return src.Name + "@" + strconv.Itoa(src.Version)
}

// shownAs is how a page shows back a value that was refused for not being text.
func shownAs(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsControl(r) && r != '\t' && r != '\n' && r != '\r' {
			return unicode.ReplacementChar
		}
		return r
	}, strings.ToValidUTF8(s, "\uFFFD"))
}

// with returns a copy of v with the given field set.
func with(v url.Values, field, value string) url.Values {
	out := url.Values{}
	for k, vs := range v {
		out[k] = append([]string(nil), vs...)
	}
	out.Set(field, value)
	return out
}

func validCitation() url.Values {
	return url.Values{"source_id": {"1"}, "stance": {"reports"}, "quote": {"Three drones were launched"},
		"published_at": {"2023-10-19T14:30"}, "attribution": {"a US official"}}
}

func validSource() url.Values {
	return url.Values{"name": {"Reuters"}, "kind": {"wire"}, "affiliation": {"Thomson Reuters"}, "homepage": {"https://www.reuters.com"}}
}

// TestHostileInput posts values that are not text, coordinates that are not numbers,
// and dates out of range: each must be refused with 422, a message beside the field,
// what was typed kept (shown safely), and nothing written.
func TestHostileInput(t *testing.T) {
	claim, cite, source := validClaim(), validCitation(), validSource()
	verdict := url.Values{"verdict": {"disputed"}, "reason": {"No trace of it"}, "revision": {"1"}}
	tests := []struct {
		name, path  string
		form        url.Values
		field, want string // want is part of the message beside field
		table       string // must not grow
	}{
		{"ClaimTitleNUL", "/claims", with(claim, "title", "Drones\x00hit"), "title", "not text", "claims"},
		{"ClaimTitleInvalidUTF8", "/claims", with(claim, "title", "Drones \xff\xfe hit"), "title", "not text", "claims"},
		{"ClaimSummaryEscape", "/claims", with(claim, "summary", "clear \x1b[2J screen"), "summary", "not text", "claims"},
		{"ClaimPlaceNUL", "/claims", with(claim, "place", "\x00"), "place", "not text", "claims"},
		{"ClaimCountryCutRune", "/claims", with(claim, "country", "Syri\xc3"), "country", "not text", "claims"},
		{"ClaimTargetNUL", "/claims", with(claim, "target", "base\x00"), "target", "not text", "claims"},
		{"ClaimAttackTypeNUL", "/claims", with(claim, "attack_type", "drone\x00"), "attack_type", "not text", "claims"},
		{"ClaimLatitudeNUL", "/claims", with(with(claim, "latitude", "33\x00"), "longitude", "38"), "latitude", "not text", "claims"},
		{"ClaimLatitudeNaN", "/claims", with(with(claim, "latitude", "NaN"), "longitude", "38.6"), "latitude", "number", "claims"},
		{"ClaimLongitudeNaN", "/claims", with(with(claim, "latitude", "33.5"), "longitude", "nan"), "longitude", "number", "claims"},
		{"ClaimLatitudeInf", "/claims", with(with(claim, "latitude", "Inf"), "longitude", "38.6"), "latitude", "number", "claims"},
		{"ClaimLatitudeHex", "/claims", with(with(claim, "latitude", "0x1p-2"), "longitude", "38.6"), "latitude", "number", "claims"},
		{"ClaimLongitudeUnderscore", "/claims", with(with(claim, "latitude", "33.5"), "longitude", "1_0"), "longitude", "number", "claims"},
		{"ClaimLongitudeMinusInfinity", "/claims", with(with(claim, "latitude", "33.5"), "longitude", "-Infinity"), "longitude", "number", "claims"},
		{"ClaimLatitude1e999", "/claims", with(with(claim, "latitude", "1e999"), "longitude", "38.6"), "latitude", "number", "claims"},
		{"ClaimLatitudeOnly", "/claims", with(claim, "latitude", "33.5"), "longitude", "both", "claims"},
		{"ClaimLongitudeOnly", "/claims", with(claim, "longitude", "38.6"), "latitude", "both", "claims"},
		{"ClaimYearZero", "/claims", with(claim, "occurred_on", "0000-01-01"), "occurred_on", "from 1 Jan 1900 to today", "claims"},
		{"ClaimYearOne", "/claims", with(claim, "occurred_on", "0001-01-01"), "occurred_on", "from 1 Jan 1900 to today", "claims"},
		{"ClaimYear1899", "/claims", with(claim, "occurred_on", "1899-12-31"), "occurred_on", "from 1 Jan 1900 to today", "claims"},
		{"ClaimFutureDate", "/claims", with(claim, "occurred_on", "2999-01-01"), "occurred_on", "from 1 Jan 1900 to today", "claims"},
		{"ClaimNoDate", "/claims", with(claim, "occurred_on", ""), "occurred_on", "Give the date it happened", "claims"},
		{"EditClaimTitleNUL", "/claims/1", with(with(claim, "title", "Edited\x00"), "version", "1"), "title", "not text", "claim_events"},
		{"EditClaimLatitudeNaN", "/claims/1", with(with(with(claim, "latitude", "NaN"), "longitude", "38"), "version", "1"), "latitude", "number", "claim_events"},
		{"CitationQuoteNUL", "/claims/1/citations", with(cite, "quote", "said\x00so"), "quote", "not text", "citations"},
		{"CitationAttributionInvalidUTF8", "/claims/1/citations", with(cite, "attribution", "an official \xff"), "attribution", "not text", "citations"},
		{"CitationWeaponBell", "/claims/1/citations", with(cite, "weapon", "drone\a"), "weapon", "not text", "citations"},
		{"CitationURLNUL", "/claims/1/citations", with(cite, "url", "https://ap.org/\x00"), "url", "not text", "citations"},
		{"CitationSourceNUL", "/claims/1/citations", with(cite, "source_id", "1\x00"), "source_id", "not text", "citations"},
		{"CitationPublishedYearZero", "/claims/1/citations", with(cite, "published_at", "0000-01-01T00:00"), "published_at", "from 1 Jan 1900", "citations"},
		{"CitationPublishedFuture", "/claims/1/citations", with(cite, "published_at", "2999-01-01T00:00"), "published_at", "a day from now", "citations"},
		{"SourceNameNUL", "/sources", with(source, "name", "Reu\x00ters"), "name", "not text", "sources"},
		{"SourceAffiliationInvalidUTF8", "/sources", with(source, "affiliation", "\xff\xfe"), "affiliation", "not text", "sources"},
		{"SourceHomepageControl", "/sources", with(source, "homepage", "https://reuters.com/\x7f"), "homepage", "not text", "sources"},
		{"EditSourceNameNUL", "/sources/1", with(with(source, "name", "CENTCOM\x00"), "version", "1"), "name", "not text", "sources"},
		{"VerdictReasonNUL", "/claims/1/verdict", with(verdict, "reason", "No trace\x00"), "reason", "not text", "verdict_changes"},
		{"VerdictReasonInvalidUTF8", "/claims/1/verdict", with(verdict, "reason", "\xffNo trace"), "reason", "not text", "verdict_changes"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := newDesk(t)
			before, claimBefore, sourceBefore := d.count(tt.table), d.version(1), sourceName(t, d, 1)
			res := d.do(auth.RoleAdmin, "POST", tt.path, tt.form)
			if res.StatusCode != http.StatusUnprocessableEntity {
				t.Fatalf("status = %d, want 422", res.StatusCode)
			}
			raw := readAll(t, res)
			if strings.ContainsAny(raw, "\x00\x1b\x07\x7f") || !utf8.ValidString(raw) {
				t.Error("the page serves back bytes that are not text")
			}
			doc := docOf(t, raw)
			if msg := doc.Find(`[data-testid="error-` + tt.field + `"]`).Text(); !strings.Contains(msg, tt.want) {
				t.Errorf("message beside %s = %q, want one saying %q", tt.field, msg, tt.want)
			}
			for k, vs := range tt.form {
				if k == "version" || strings.TrimSpace(vs[0]) == "" {
					continue
				}
				sel := doc.Find(`[name="` + k + `"]`)
				got := sel.AttrOr("value", "")
				switch goquery.NodeName(sel) {
				case "textarea":
					got = sel.Text()
				case "select":
					continue // an invalid choice cannot be shown selected; its message says so
				}
				if want := shownAs(vs[0]); got != want {
					t.Errorf("field %s shows %q, want %q", k, got, want)
				}
			}
			if got := d.count(tt.table); got != before {
				t.Errorf("%s rows = %d, want %d", tt.table, got, before)
			}
			if d.version(1) != claimBefore || sourceName(t, d, 1) != sourceBefore {
				t.Error("the claim or the source was changed")
			}
		})
	}
}

func TestFiniteCoordinatesSaveUnchanged(t *testing.T) {
	d := newDesk(t)
	v := with(with(with(validClaim(), "latitude", "33.51"), "longitude", "38.62"), "version", "1")
	if res := d.do(auth.RoleEditor, "POST", "/claims/1", v); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("save with coordinates = %d", res.StatusCode)
	}
	// Saved again as the edit form shows it: nothing changed, so no new version.
	doc := page(t, d.do(auth.RoleEditor, "GET", "/claims/1/edit", nil))
	again := url.Values{}
	doc.Find(`[data-testid="claim-form"] [name]`).Each(func(_ int, s *goquery.Selection) {
		name := s.AttrOr("name", "")
		switch goquery.NodeName(s) {
		case "textarea":
			again.Set(name, s.Text())
		case "select":
			again.Set(name, s.Find("option[selected]").AttrOr("value", ""))
		default:
			again.Set(name, s.AttrOr("value", ""))
		}
	})
	if res := d.do(auth.RoleEditor, "POST", "/claims/1", again); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("save unchanged = %d", res.StatusCode)
	}
	if got := d.version(1); got != "2" {
		t.Errorf("version after an unchanged save = %s, want 2", got)
	}
	var changes string
	d.gdb.Table("claim_history").Where("kind = 'edited'").Order("id").Limit(1).Pluck("changes", &changes)
	for _, label := range []string{"Title", "Place", "Latitude", "Longitude", "Attack type"} {
		if !strings.Contains(changes, `"label":"`+label+`"`) {
			t.Errorf("history of the first edit lacks %s: %s", label, changes)
		}
	}
}

func TestNewClaimDateEmpty(t *testing.T) {
	d := newDesk(t)
	doc := page(t, d.do(auth.RoleEditor, "GET", "/claims/new", nil))
	date := doc.Find(`input[name="occurred_on"]`)
	if v := date.AttrOr("value", "?"); v != "" {
		t.Errorf("new claim's date = %q, want empty", v)
	}
	if _, ok := date.Attr("required"); !ok {
		t.Error("the date is not required")
	}
	for field, want := range map[string]string{"date_precision": "day", "attack_type": "unknown"} {
		if got := doc.Find(`select[name="`+field+`"] option[selected]`).AttrOr("value", ""); got != want {
			t.Errorf("%s starts on %q, want %q", field, got, want)
		}
	}
}

func TestCitationFormKeepsItsPlace(t *testing.T) {
	d := newDesk(t)
	doc := page(t, d.do(auth.RoleEditor, "GET", "/claims/1", nil))
	if got := doc.Find(`[data-testid="citation-form"]`).AttrOr("action", ""); got != "/claims/1/citations#cite" {
		t.Errorf("citation form posts to %q, want /claims/1/citations#cite", got)
	}
	if doc.Find("#cite").Length() != 1 {
		t.Error("no #cite anchor")
	}
	res := d.do(auth.RoleEditor, "POST", "/claims/1/citations", with(validCitation(), "stance", ""))
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("citation without stance = %d", res.StatusCode)
	}
	doc = page(t, res)
	if got := doc.Find(`[data-testid="citation-form"]`).AttrOr("action", ""); !strings.HasSuffix(got, "#cite") {
		t.Errorf("refused citation form posts to %q", got)
	}
	// Reloading the address the refused form left behind lands back on the form.
	for _, role := range []auth.Role{auth.RoleViewer, auth.RoleEditor} {
		res = d.do(role, "GET", "/claims/1/citations", nil)
		if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/claims/1#cite" {
			t.Errorf("%s reloading /claims/1/citations = %d to %q, want 303 to /claims/1#cite", role, res.StatusCode, res.Header.Get("Location"))
		}
	}
	if res = d.do(auth.RoleViewer, "GET", "/claims/x/citations", nil); res.StatusCode != http.StatusNotFound {
		t.Errorf("GET /claims/x/citations = %d, want 404", res.StatusCode)
	}
}

func TestAddSourceReturnsToClaim(t *testing.T) {
	d := newDesk(t)
	doc := page(t, d.do(auth.RoleEditor, "GET", "/claims/1", nil))
	href := doc.Find(`[data-testid="add-source"]`).AttrOr("href", "")
	if href != "/sources/new?for_claim=1" {
		t.Fatalf("Add it links to %q", href)
	}
	doc = page(t, d.do(auth.RoleEditor, "GET", href, nil))
	if got := doc.Find(`[data-testid="source-form"] input[name="for_claim"]`).AttrOr("value", ""); got != "1" {
		t.Errorf("source form carries for_claim %q, want 1", got)
	}
	// A refused source keeps the way back.
	res := d.do(auth.RoleEditor, "POST", "/sources", with(with(validSource(), "kind", ""), "for_claim", "1"))
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("source without kind = %d", res.StatusCode)
	}
	if got := page(t, res).Find(`input[name="for_claim"]`).AttrOr("value", ""); got != "1" {
		t.Errorf("refused source form carries for_claim %q", got)
	}
	res = d.do(auth.RoleEditor, "POST", "/sources", with(validSource(), "for_claim", "1"))
	if got := res.Header.Get("Location"); res.StatusCode != http.StatusSeeOther || got != "/claims/1?source_id=2#cite" {
		t.Fatalf("after adding the source: %d to %q, want 303 to /claims/1?source_id=2#cite", res.StatusCode, got)
	}
	doc = page(t, d.do(auth.RoleEditor, "GET", "/claims/1?source_id=2", nil))
	if got := doc.Find(`select[name="source_id"] option[selected]`).AttrOr("value", ""); got != "2" {
		t.Errorf("citation form has source %q chosen, want 2", got)
	}
}

func TestAddSourceIgnoresJunkClaim(t *testing.T) {
	for _, junk := range []string{"abc", "-1", "0", "99", "1/../../x", "1\x00", "https://evil.example"} {
		t.Run(junk, func(t *testing.T) {
			d := newDesk(t)
			doc := page(t, d.do(auth.RoleEditor, "GET", "/sources/new?for_claim="+url.QueryEscape(junk), nil))
			if n := doc.Find(`input[name="for_claim"]`).Length(); n != 0 {
				t.Errorf("junk for_claim kept in %d hidden fields", n)
			}
			res := d.do(auth.RoleEditor, "POST", "/sources", with(validSource(), "for_claim", junk))
			if got := res.Header.Get("Location"); res.StatusCode != http.StatusSeeOther || got != "/sources/2" {
				t.Errorf("after adding the source: %d to %q, want 303 to /sources/2", res.StatusCode, got)
			}
			res = d.do(auth.RoleEditor, "GET", "/claims/1?source_id="+url.QueryEscape(junk), nil)
			if res.StatusCode != http.StatusOK {
				t.Fatalf("claim page with junk source_id = %d", res.StatusCode)
			}
			if n := page(t, res).Find(`select[name="source_id"] option[selected]`).Length(); n != 0 {
				t.Errorf("junk source_id chose %d sources", n)
			}
		})
	}
}

func TestConflictRowsFollowTheFieldTable(t *testing.T) {
	d := newDesk(t)
	first, second := with(validClaim(), "version", "1"), with(validClaim(), "version", "1")
	first.Set("target", "US garrison")
	second.Set("attack_type", "drone")
	d.do(auth.RoleEditor, "POST", "/claims/1", first)
	res := d.do(auth.RoleEditor, "POST", "/claims/1", second)
	if res.StatusCode != http.StatusConflict {
		t.Fatalf("second save = %d, want 409", res.StatusCode)
	}
	var labels []string
	page(t, res).Find(`[data-testid="compare"] tbody th`).Each(func(_ int, s *goquery.Selection) { labels = append(labels, s.Text()) })
	want := []string{claims.ClaimTitle.Label, claims.ClaimSummary.Label, claims.ClaimPlace.Label, claims.ClaimCountry.Label,
		claims.ClaimTarget.Label, claims.ClaimLatitude.Label, claims.ClaimLongitude.Label, claims.ClaimOccurredOn.Label,
		claims.ClaimDatePrecision.Label, claims.ClaimAttackType.Label, claims.ClaimAttackers.Label, claims.ClaimTargets.Label}
	if strings.Join(labels, "|") != strings.Join(want, "|") {
		t.Errorf("conflict rows = %q, want %q", labels, want)
	}
}

func TestFilterRefusesWhatIsNotText(t *testing.T) {
	d := newDesk(t)
	for _, q := range []string{"country=%00", "country=Syri%C3", "bucket=%FF%00"} {
		res := d.do(auth.RoleViewer, "GET", "/?"+q, nil)
		if res.StatusCode != http.StatusBadRequest {
			t.Errorf("GET /?%s = %d, want 400", q, res.StatusCode)
		}
		if raw := readAll(t, res); !utf8.ValidString(raw) || strings.Contains(raw, "\x00") {
			t.Errorf("GET /?%s serves back bytes that are not text", q)
		}
	}
}
