package web_test

import (
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"claimdesk/internal/auth"
	"claimdesk/internal/claims"

	"github.com/PuerkitoBio/goquery"
)

// axesDesk adds to newDesk's claim (al-Tanf, Syria, no citation yet) three claims whose
// evidence differs on each axis:
//   - Tower 22 (Jordan): the targeted side's own official confirms it.
//   - Ain al-Asad (Iraq) and the Conoco field (Syria): one wire reports each, months
//     ago, and no official has answered: both await an official response.
func axesDesk(t *testing.T) *desk {
	t.Helper()
	d := newDesk(t)
	ap := &claims.Source{Name: "AP", Kind: claims.KindWire}
	if err := d.claims.CreateSource(ctx, 1, ap); err != nil {
		t.Fatal(err)
	}
	parties, err := d.claims.Parties(ctx)
	if err != nil || len(parties) != 1 {
		t.Fatalf("parties = %v, %v", parties, err)
	}
	centcom := parties[0].ID
	add := func(title, country string, day int, targets []claims.PartyID, source int64, stance claims.Stance) {
		t.Helper()
		c := &claims.Claim{Title: title, Place: title, Country: country, OccurredOn: time.Date(2024, 1, day, 0, 0, 0, 0, time.UTC),
			DatePrecision: "day", AttackType: "drone", Targets: targets}
		if err := d.claims.CreateClaim(ctx, 1, c); err != nil {
			t.Fatal(err)
		}
		published := time.Date(2024, 1, day, 9, 0, 0, 0, time.UTC)
		if err := d.claims.AddCitation(ctx, 1, &claims.Citation{ClaimID: c.ID, SourceID: source, Stance: stance, PublishedAt: &published}); err != nil {
			t.Fatal(err)
		}
	}
	add("Drone strike on Tower 22", "Jordan", 28, []claims.PartyID{centcom}, 1, claims.StanceConfirms)
	add("Rockets at Ain al-Asad", "Iraq", 20, nil, ap.ID, claims.StanceReports)
	add("Drone at the Conoco field", "Syria", 21, nil, ap.ID, claims.StanceReports)
	return d
}

func titles(doc *goquery.Document) []string {
	var got []string
	doc.Find(`[data-testid="claim-row"] td.title a`).Each(func(_ int, s *goquery.Selection) { got = append(got, s.Text()) })
	return got
}

func TestDashboardAxisFilters(t *testing.T) {
	d := axesDesk(t)
	tests := []struct {
		query  string
		titles []string
		keep   url.Values // what every tile's link keeps
	}{
		{"/?occurred=confirmed_by_target", []string{"Drone strike on Tower 22"}, url.Values{"occurred": {"confirmed_by_target"}}},
		{"/?bucket=awaiting-response", []string{"Drone at the Conoco field", "Rockets at Ain al-Asad"}, url.Values{}},
		{"/?response=none_yet&country=Syria", []string{"Drone at the Conoco field", "Drones hit the al-Tanf garrison"},
			url.Values{"response": {"none_yet"}, "country": {"Syria"}}},
		{"/?responsibility=unclaimed&occurred=single_source", []string{"Drone at the Conoco field", "Rockets at Ain al-Asad"},
			url.Values{"responsibility": {"unclaimed"}, "occurred": {"single_source"}}},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			res := d.do(auth.RoleViewer, "GET", tt.query, nil)
			if res.StatusCode != http.StatusOK {
				t.Fatalf("status %d", res.StatusCode)
			}
			doc := page(t, res)
			if got, want := strings.Join(titles(doc), "|"), strings.Join(tt.titles, "|"); got != want {
				t.Errorf("claims = %q, want %q", got, want)
			}
			doc.Find(`[data-testid="counts"] a`).Each(func(_ int, a *goquery.Selection) {
				href, _ := a.Attr("href")
				u, err := url.Parse(href)
				if err != nil {
					t.Fatal(err)
				}
				q := u.Query()
				for k, v := range tt.keep {
					if q.Get(k) != v[0] {
						t.Errorf("tile %s drops %s=%s", href, k, v[0])
					}
				}
				for k, v := range q {
					if v[0] == "" {
						t.Errorf("tile %s has an empty %s", href, k)
					}
				}
			})
			for k, v := range tt.keep {
				if k == "country" {
					continue
				}
				if got := doc.Find(`[data-testid="filter-`+k+`"] option[selected]`).AttrOr("value", ""); got != v[0] {
					t.Errorf("%s select shows %q, want %q", k, got, v[0])
				}
			}
			if doc.Find(`[data-testid="clear-filters"]`).AttrOr("href", "") != "/" {
				t.Error("no Clear filters link back to /")
			}
		})
	}

	t.Run("CountsFollowTheAxes", func(t *testing.T) {
		doc := page(t, d.do(auth.RoleViewer, "GET", "/?response=none_yet", nil))
		for tile, want := range map[string]string{"all": "3", "awaiting-response": "2", "officially-confirmed": "0"} {
			if got := doc.Find(`[data-testid="count-` + tile + `"] strong`).Text(); got != want {
				t.Errorf("%s tile = %q, want %s", tile, got, want)
			}
		}
	})

	t.Run("AwaitingReadsWell", func(t *testing.T) {
		doc := page(t, d.do(auth.RoleViewer, "GET", "/?bucket=awaiting-response", nil))
		tile := doc.Find(`[data-testid="count-awaiting-response"]`)
		if got := strings.Join(strings.Fields(tile.Text()), " "); got != "2 Awaiting official response" {
			t.Errorf("tile reads %q", got)
		}
		if title := tile.AttrOr("title", ""); !strings.Contains(title, "more than 24 hours") {
			t.Errorf("tile title %q does not give the desk's hours", title)
		}
		badges := doc.Find(`[data-testid="claim-row"] [data-testid="badge-response"]`)
		if badges.Length() != 2 {
			t.Fatalf("%d response badges", badges.Length())
		}
		badges.Each(func(_ int, b *goquery.Selection) {
			got := strings.Join(strings.Fields(b.Text()), " ")
			if !strings.HasPrefix(got, "No official response · ") || !strings.HasSuffix(got, " days since first report") {
				t.Errorf("awaiting badge reads %q", got)
			}
		})
	})

	t.Run("NoFilterNoClear", func(t *testing.T) {
		doc := page(t, d.do(auth.RoleViewer, "GET", "/", nil))
		if doc.Find(`[data-testid="clear-filters"]`).Length() != 0 {
			t.Error("Clear filters shown on an unfiltered dashboard")
		}
		if doc.Find(`[data-testid="filter-occurred"] option[selected]`).Length() != 0 {
			t.Error("an axis is chosen though none was asked for")
		}
	})

	t.Run("BadValues", func(t *testing.T) {
		for _, q := range []string{"/?occurred=bogus", "/?responsibility=claimed%00", "/?response=%FF%FE", "/?occurred=no_sources&response=yes"} {
			res := d.do(auth.RoleViewer, "GET", q, nil)
			if res.StatusCode != http.StatusBadRequest {
				t.Errorf("GET %s = %d, want 400", q, res.StatusCode)
				continue
			}
			body, _ := io.ReadAll(res.Body)
			if !utf8.Valid(body) || strings.ContainsRune(string(body), 0) {
				t.Errorf("GET %s echoes raw bytes", q)
			}
			if !strings.Contains(string(body), "filter has no answer called") {
				t.Errorf("GET %s: no clear message in %s", q, body)
			}
		}
	})
}

func TestSourcePageTrackRecord(t *testing.T) {
	d := axesDesk(t)
	doc := page(t, d.do(auth.RoleViewer, "GET", "/sources/2", nil))
	for id, want := range map[string]string{
		"track-cited":    "Cited on 2 claims: 2 not yet decided.",
		"track-first":    "Reported first on 2.",
		"track-response": "No official response came after any of its reports.",
	} {
		if got := strings.Join(strings.Fields(doc.Find(`[data-testid="`+id+`"]`).Text()), " "); got != want {
			t.Errorf("%s = %q, want %q", id, got, want)
		}
	}
}
