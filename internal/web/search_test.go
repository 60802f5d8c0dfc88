package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"claimdesk/internal/auth"
	"claimdesk/internal/claims"

	"github.com/PuerkitoBio/goquery"
)

func TestDashboardSearch(t *testing.T) {
	d := newDesk(t)
	d.do(auth.RoleEditor, "POST", "/claims", validClaim())
	d.do(auth.RoleEditor, "POST", "/claims/1/citations", url.Values{"source_id": {"1"}, "stance": {"confirms"}})
	titles := func(doc *goquery.Document) string {
		var got []string
		doc.Find(`[data-testid="claim-row"] td.title a`).Each(func(_ int, s *goquery.Selection) { got = append(got, s.Text()) })
		return strings.Join(got, "|")
	}
	tests := []struct {
		query, titles, marks string
	}{
		{"/?q=tanf", "Drones hit the al-Tanf garrison", "Tanf|Tanf"}, // title, and place as the snippet
		{"/?q=conoco", "Missile attack on the Conoco gas field", "Conoco|Conoco"},
		{"/?q=centcom", "Drones hit the al-Tanf garrison", ""},               // by the name of the source it cites
		{"/?q=%22central+command%22", "Drones hit the al-Tanf garrison", ""}, // and of the party it speaks for
		{"/?q=dron*+-conoco", "Drones hit the al-Tanf garrison", "Drones"},
		{"/?q=attack&bucket=officially-confirmed", "", ""},
		{"/?q=drones&bucket=officially-confirmed&country=Syria&source=1", "Drones hit the al-Tanf garrison", "Drones"},
		{"/?q=+&country=Syria", "Missile attack on the Conoco gas field|Drones hit the al-Tanf garrison", ""},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			res := d.do(auth.RoleViewer, "GET", tt.query, nil)
			if res.StatusCode != http.StatusOK {
				t.Fatalf("status %d", res.StatusCode)
			}
			doc := page(t, res)
			if got := titles(doc); got != tt.titles {
				t.Errorf("claims %q, want %q", got, tt.titles)
			}
			var marks []string
			doc.Find(`[data-testid="highlight"]`).Each(func(_ int, s *goquery.Selection) { marks = append(marks, s.Text()) })
			if got := strings.Join(marks, "|"); got != tt.marks {
				t.Errorf("highlighted %q, want %q", got, tt.marks)
			}
			if q, _ := url.Parse(tt.query); doc.Find(`[data-testid="search-box"]`).AttrOr("value", "") != q.Query().Get("q") {
				t.Errorf("search box lost the search")
			}
		})
	}
	doc := page(t, d.do(auth.RoleViewer, "GET", "/?q=drones&country=Syria", nil))
	if got := doc.Find(`[data-testid="count-all"] strong`).Text(); got != "1" {
		t.Errorf("count with a search = %q, want 1", got)
	}
	if got := doc.Find(`[data-testid="count-unverified"]`).AttrOr("href", ""); got != "/?bucket=unverified&country=Syria&q=drones" {
		t.Errorf("tile drops the search: %q", got)
	}
}

// TestDashboardSearchRefused sends hostile searches through the handler: each gets
// 422 with its message beside the box, the text as typed kept, and the desk unsearched.
func TestDashboardSearchRefused(t *testing.T) {
	d := newDesk(t)
	tests := []struct {
		name, q, msg string
	}{
		{"UnclosedQuote", `"al-Tanf`, claims.SearchUnclosed},
		{"Near", "NEAR(drone tanf)", claims.SearchOperator},
		{"NearSlash", "drone NEAR/2 tanf", claims.SearchOperator},
		{"Or", "drone OR tanf", claims.SearchOperator},
		{"And", "drone AND tanf", claims.SearchOperator},
		{"StarAlone", "*", claims.SearchShortStar},
		{"LoneMinus", "-", claims.SearchLoneMinus},
		{"OnlyExcluded", "-drone", claims.SearchOnlyExclude},
		{"Punctuation", `!!! ""`, claims.SearchNoWords},
		{"TenKilobytes", strings.Repeat("drone ", 1700), "Keep the search to 300 characters (this one has 10199)."},
		{"TooManyWords", strings.Repeat("a ", 21), "A search can have at most 20 words (this one has 21)."},
		{"Nul", "drone\x00", claims.SearchNotText},
		{"Escape", "\x1b[2Jdrone", claims.SearchNotText},
		{"InvalidUTF8", "dr\xc3\x28one", claims.SearchNotText},
		{"SQL", "x'); DROP TABLE claims; --", ""},
		{"FTSSyntax", `title:drone^ {a b} (c`, ""},
		{"Markup", `<script>alert(1)</script>`, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, hx := range []bool{false, true} {
				var headers []string
				if hx {
					headers = []string{"HX-Request", "true"}
				}
				res := d.do(auth.RoleViewer, "GET", "/?country=Syria&q="+url.QueryEscape(tt.q), nil, headers...)
				want := http.StatusUnprocessableEntity
				if tt.msg == "" {
					want = http.StatusOK
				}
				if res.StatusCode != want {
					t.Fatalf("status %d, want %d (htmx %v)", res.StatusCode, want, hx)
				}
				doc := page(t, res)
				if got := doc.Find(`[data-testid="search-error"]`).Text(); got != tt.msg {
					t.Errorf("message %q, want %q", got, tt.msg)
				}
				if tt.msg != "" && doc.Find(`[data-testid="claim-row"]`).Length() != 1 {
					t.Errorf("the desk is not shown without the search")
				}
				box := doc.Find(`[data-testid="search-box"]`).AttrOr("value", "")
				if tt.msg != claims.SearchNotText && box != tt.q && len(tt.q) < 1000 {
					t.Errorf("box holds %q, want %q", box, tt.q)
				}
				if doc.Find("script").FilterFunction(func(_ int, s *goquery.Selection) bool { return strings.Contains(s.Text(), "alert") }).Length() > 0 {
					t.Error("typed markup became a script")
				}
			}
		})
	}
	if n := d.count("claims"); n != 1 {
		t.Errorf("claims = %d after hostile searches", n)
	}
}
