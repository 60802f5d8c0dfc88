package web_test

import (
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"claimdesk/internal/auth"
	"claimdesk/internal/claims"

	"github.com/PuerkitoBio/goquery"
)

// filtersDesk adds to newDesk's claim (al-Tanf, Syria, 2023-10-19, drone, uncited),
// each written in full before the next so their last changes come in this order:
//   - Missile on Erbil (Iraq, 2024-02-10): a wire reports it on 2024-02-11.
//   - Rocket at Tower 22 (Jordan, 2024-01-28): CENTCOM's party is its target, and
//     CENTCOM (official, of that party) reports it on 2024-03-01.
//   - Drone over Conoco (Syria, 2024-01-21): uncited, assigned to the editor (user 2).
func filtersDesk(t *testing.T) *desk {
	t.Helper()
	d := newDesk(t)
	ap := &claims.Source{Name: "AP", Kind: claims.KindWire}
	if err := d.claims.CreateSource(ctx, 1, ap); err != nil {
		t.Fatal(err)
	}
	add := func(title, country string, day time.Time, typ claims.AttackType, targets []claims.PartyID, source int64, published time.Time) int64 {
		t.Helper()
		c := &claims.Claim{Title: title, Place: title, Country: country, OccurredOn: day, DatePrecision: "day", AttackType: typ, Targets: targets}
		if err := d.claims.CreateClaim(ctx, 1, c); err != nil {
			t.Fatal(err)
		}
		if source != 0 {
			if err := d.claims.AddCitation(ctx, 1, &claims.Citation{ClaimID: c.ID, SourceID: source, Stance: claims.StanceReports, PublishedAt: &published}); err != nil {
				t.Fatal(err)
			}
		}
		return c.ID
	}
	date := func(m time.Month, day int) time.Time { return time.Date(2024, m, day, 0, 0, 0, 0, time.UTC) }
	add("Missile on Erbil", "Iraq", date(2, 10), "missile", nil, ap.ID, date(2, 11))
	add("Rocket at Tower 22", "Jordan", date(1, 28), "rocket", []claims.PartyID{1}, 1, date(3, 1))
	id := add("Drone over Conoco", "Syria", date(1, 21), "drone", nil, 0, time.Time{})
	c, err := d.claims.Claim(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	editor := int64(2)
	if _, err := d.claims.SetWork(ctx, 1, id, c.Revision, claims.WorkInProgress, &editor); err != nil {
		t.Fatal(err)
	}
	return d
}

const (
	tanf    = "Drones hit the al-Tanf garrison"
	erbil   = "Missile on Erbil"
	tower   = "Rocket at Tower 22"
	conoco  = "Drone over Conoco"
	allFour = erbil + "|" + tower + "|" + conoco + "|" + tanf
)

func TestDashboardFiltersAndSorts(t *testing.T) {
	d := filtersDesk(t)
	tests := []struct {
		role  auth.Role
		query string
		want  string // titles in order
	}{
		{auth.RoleViewer, "/", allFour},
		{auth.RoleViewer, "/?from=2024-01-01", erbil + "|" + tower + "|" + conoco},
		{auth.RoleViewer, "/?from=2024-01-22&to=2024-02-10", erbil + "|" + tower},
		{auth.RoleViewer, "/?to=2024-01-21", conoco + "|" + tanf},
		{auth.RoleViewer, "/?type=drone", conoco + "|" + tanf},
		{auth.RoleViewer, "/?type=missile&country=Iraq", erbil},
		{auth.RoleViewer, "/?kind=wire", erbil},
		{auth.RoleViewer, "/?kind=official", tower},
		{auth.RoleViewer, "/?party=1", tower},
		{auth.RoleViewer, "/?party=99", ""},
		{auth.RoleViewer, "/?assignee=2", conoco},
		{auth.RoleEditor, "/?mine=1", conoco},
		{auth.RoleViewer, "/?mine=1", ""},
		{auth.RoleViewer, "/?sort=updated", conoco + "|" + tower + "|" + erbil + "|" + tanf},
		{auth.RoleViewer, "/?sort=reported", tower + "|" + erbil + "|" + conoco + "|" + tanf}, // never reported last, higher id first
		{auth.RoleViewer, "/?sort=sources&type=drone", conoco + "|" + tanf},
		{auth.RoleViewer, "/?sort=date&q=dron%2A", conoco + "|" + tanf},
	}
	for _, tt := range tests {
		t.Run(string(tt.role)+tt.query, func(t *testing.T) {
			res := d.do(tt.role, "GET", tt.query, nil)
			if res.StatusCode != http.StatusOK {
				t.Fatalf("status %d", res.StatusCode)
			}
			doc := page(t, res)
			if got := strings.Join(titles(doc), "|"); got != tt.want {
				t.Errorf("claims = %q, want %q", got, tt.want)
			}
			n := 0
			if tt.want != "" {
				n = strings.Count(tt.want, "|") + 1
			}
			if got, want := doc.Find(`[data-testid="count-all"] strong`).Text(), itoa(n); got != want {
				t.Errorf("all-claims tile = %s, want %s", got, want)
			}
			// Every tile keeps every filter and the order; only the bucket changes.
			asked, _ := url.Parse(tt.query)
			doc.Find(`[data-testid="counts"] a`).Each(func(_ int, a *goquery.Selection) {
				href, _ := a.Attr("href")
				u, _ := url.Parse(href)
				for k := range asked.Query() {
					if k != "bucket" && u.Query().Get(k) != asked.Query().Get(k) {
						t.Errorf("tile %s drops %s", href, k)
					}
				}
			})
		})
	}
	// Sources: the most-cited first, among equals the higher id.
	cs, err := d.claims.List(ctx, claims.Filter{Sort: claims.SortSources}, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i := 1; i < len(cs.Claims); i++ {
		a, b := cs.Claims[i-1], cs.Claims[i]
		if a.SourceCount < b.SourceCount || (a.SourceCount == b.SourceCount && a.ID < b.ID) {
			t.Errorf("by sources: %d (%d) before %d (%d)", a.ID, a.SourceCount, b.ID, b.SourceCount)
		}
	}
}

func itoa(n int) string { return url.Values{"n": {string(rune('0' + n))}}.Get("n") }

func TestDashboardBadFilters(t *testing.T) {
	d := filtersDesk(t)
	for _, q := range []string{
		"from=2024-13-01", "from=yesterday", "to=2024-1-5", "from=2024-02-01&to=2024-01-01",
		"type=%3Cscript%3E", "type=drone%00", "kind=wire%FF", "sort=oldest", "party=abc", "party=-1",
		"assignee=1.5", "mine=yes", "after=zzz", "after=1%2C0", "before=%3Cb%3E,1", "after=a,1&before=a,2",
	} {
		t.Run(q, func(t *testing.T) {
			res := d.do(auth.RoleViewer, "GET", "/?"+q, nil)
			body, _ := io.ReadAll(res.Body)
			if res.StatusCode != http.StatusBadRequest {
				t.Fatalf("status %d, want 400", res.StatusCode)
			}
			s := string(body)
			if strings.Contains(s, "<script>") || strings.Contains(s, "\x00") || strings.Contains(s, "\xff") || strings.Contains(s, "<b>") {
				t.Errorf("the page echoes the raw value")
			}
			doc, _ := goquery.NewDocumentFromReader(strings.NewReader(s))
			if msg := strings.TrimSpace(doc.Find("main").Text()); msg == "" {
				t.Errorf("no message")
			}
		})
	}
}

// TestKeysetWalk walks 123 claims with the same attack date, source count and first
// report (or none), page by page with the Older links and back with the Newer links:
// every claim is listed exactly once each way, and the links keep the filters.
func TestKeysetWalk(t *testing.T) {
	d := newDesk(t)
	day := time.Date(2023, 10, 19, 0, 0, 0, 0, time.UTC)
	reported := time.Date(2023, 10, 20, 0, 0, 0, 0, time.UTC)
	for i := range 122 {
		c := &claims.Claim{Title: "Strike " + string(rune('A'+i%26)) + itoa(i%10), Place: "Deir ez-Zor", Country: "Syria", OccurredOn: day,
			DatePrecision: "day", AttackType: "drone"}
		if err := d.claims.CreateClaim(ctx, 1, c); err != nil {
			t.Fatal(err)
		}
		if i%2 == 0 {
			if err := d.claims.AddCitation(ctx, 1, &claims.Citation{ClaimID: c.ID, SourceID: 1, Stance: claims.StanceReports, PublishedAt: &reported}); err != nil {
				t.Fatal(err)
			}
		}
	}
	for _, start := range []string{"/?country=Syria", "/?country=Syria&sort=reported", "/?country=Syria&sort=sources", "/?country=Syria&sort=updated"} {
		t.Run(start, func(t *testing.T) {
			walk := func(from, rel string) ([]string, string) {
				var ids []string
				seen := map[string]bool{}
				at, last := from, from
				for pages := 0; at != "" && pages < 10; pages++ {
					res := d.do(auth.RoleViewer, "GET", at, nil)
					if res.StatusCode != http.StatusOK {
						t.Fatalf("GET %s = %d", at, res.StatusCode)
					}
					doc := page(t, res)
					var here []string
					doc.Find(`[data-testid="claim-row"]`).Each(func(_ int, r *goquery.Selection) {
						id, _ := r.Attr("data-href")
						if seen[id] {
							t.Errorf("%s listed twice (at %s)", id, at)
						}
						seen[id] = true
						here = append(here, id)
					})
					if rel == "prev" {
						ids = append(here, ids...)
					} else {
						ids = append(ids, here...)
					}
					last = at
					at, _ = doc.Find(`.pager a[rel="` + rel + `"]`).Attr("href")
					if at != "" && !strings.Contains(at, "country=Syria") {
						t.Errorf("pager link %s drops the country", at)
					}
					if at != "" && strings.Contains(start, "sort=") && !strings.Contains(at, "sort=") {
						t.Errorf("pager link %s drops the order", at)
					}
				}
				return ids, last
			}
			down, end := walk(start, "next")
			if len(down) != 123 {
				t.Fatalf("walked %d claims, want 123", len(down))
			}
			// From the last page back up: the same claims in the same order.
			doc := page(t, d.do(auth.RoleViewer, "GET", end, nil))
			newer, _ := doc.Find(`.pager a[rel="prev"]`).Attr("href")
			up, _ := walk(newer, "prev")
			if len(up) != 100 {
				t.Errorf("walking back lists %d claims, want the 100 before the last page", len(up))
			}
			if got, want := strings.Join(up, " "), strings.Join(down[:len(up)], " "); got != want {
				t.Errorf("walking back lists\n%s\nwant\n%s", got, want)
			}
		})
	}
	// Old numbered links still work.
	doc := page(t, d.do(auth.RoleViewer, "GET", "/?country=Syria&page=3", nil))
	if got := doc.Find(`[data-testid="claim-row"]`).Length(); got != 23 {
		t.Errorf("page 3 lists %d claims, want 23", got)
	}
}

func TestSavedViews(t *testing.T) {
	d := filtersDesk(t)
	save := func(role auth.Role, name, query string) *http.Response {
		return d.do(role, "POST", "/views", url.Values{"name": {name}, "query": {query}})
	}
	res := save(auth.RoleEditor, "Syrian drones", "type=drone&country=Syria&page=4&sort=updated")
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("save = %d", res.StatusCode)
	}
	if got, want := res.Header.Get("Location"), "/?country=Syria&sort=updated&type=drone"; got != want {
		t.Errorf("saved view at %q, want %q (canonical, first page)", got, want)
	}
	save(auth.RoleEditor, "Everything", "")
	doc := page(t, d.do(auth.RoleEditor, "GET", "/", nil))
	var got []string
	doc.Find(`[data-testid="saved-view"] a`).Each(func(_ int, a *goquery.Selection) {
		href, _ := a.Attr("href")
		got = append(got, a.Text()+" "+href)
	})
	if want := "Everything /|Syrian drones /?country=Syria&sort=updated&type=drone"; strings.Join(got, "|") != want {
		t.Errorf("views = %q, want %q", got, want)
	}
	t.Run("OnlyMine", func(t *testing.T) {
		if n := page(t, d.do(auth.RoleViewer, "GET", "/", nil)).Find(`[data-testid="saved-view"]`).Length(); n != 0 {
			t.Errorf("the viewer sees %d of the editor's views", n)
		}
		if res := d.do(auth.RoleViewer, "POST", "/views/1/delete", url.Values{}); res.StatusCode != http.StatusNotFound {
			t.Errorf("deleting another's view = %d, want 404", res.StatusCode)
		}
		if res := save(auth.RoleViewer, "Syrian drones", "type=drone"); res.StatusCode != http.StatusSeeOther {
			t.Errorf("a name another person uses = %d, want 303", res.StatusCode)
		}
	})
	for name, tt := range map[string]struct{ name, query string }{
		"ErrEmpty":     {"  ", "type=drone"},
		"ErrDuplicate": {"Syrian drones", "type=rocket"},
		"ErrTooLong":   {strings.Repeat("v", 81), "type=drone"},
		"ErrNotText":   {"bad\x00name", "type=drone"},
	} {
		t.Run(name, func(t *testing.T) {
			res := save(auth.RoleEditor, tt.name, tt.query)
			if res.StatusCode != http.StatusUnprocessableEntity {
				t.Fatalf("status %d, want 422", res.StatusCode)
			}
			doc := page(t, res)
			if doc.Find(`[data-testid="view-name-error"]`).Text() == "" {
				t.Error("no message beside the name")
			}
			if _, ok := doc.Find(`[data-testid="count-all"]`).Attr("href"); !ok {
				t.Error("no dashboard")
			}
		})
	}
	if res := save(auth.RoleEditor, "Bad", "type=laser"); res.StatusCode != http.StatusBadRequest {
		t.Errorf("a view with a bad filter = %d, want 400", res.StatusCode)
	}
	t.Run("Delete", func(t *testing.T) {
		if res := d.do(auth.RoleEditor, "POST", "/views/1/delete", url.Values{}); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("delete = %d", res.StatusCode)
		}
		if n := page(t, d.do(auth.RoleEditor, "GET", "/", nil)).Find(`[data-testid="saved-view"]`).Length(); n != 1 {
			t.Errorf("%d views left, want 1", n)
		}
	})
}
