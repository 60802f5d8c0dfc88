package views_test

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"claimdesk/internal/claims"
	"claimdesk/views"

	"github.com/PuerkitoBio/goquery"
)

func TestDashboardSearchHighlight(t *testing.T) {
	title := "<script>alert(1)</script> drone strike"
	page := &claims.Page{Total: 1, Page: 1, Pages: 1,
		Claims: []claims.Claim{{ID: 7, Title: title, Verdict: "unverified"}},
		Matches: map[int64]claims.Match{7: {
			Title:   claims.Segments(title, []claims.Span{{Start: 26, End: 31}}),
			Snippet: []claims.Segment{{Text: "Two <b>"}, {Text: "drones", Match: true}, {Text: " down"}},
		}}}
	d := views.Dashboard{Counts: &claims.Counts{ByBucket: map[string]int64{}}, Page: page,
		Filter: claims.Filter{Query: "drone", Page: 1}, SearchText: "drone"}
	var buf bytes.Buffer
	if err := views.DashboardFragment(d).Render(context.Background(), &buf); err != nil {
		t.Fatal(err)
	}
	html := buf.String()
	if strings.Contains(html, "<script>") || strings.Contains(html, "<b>") {
		t.Errorf("markup in a title or snippet is not escaped: %s", html)
	}
	doc := render(t, views.DashboardFragment(d))
	var marks []string
	doc.Find(`[data-testid="highlight"]`).Each(func(_ int, s *goquery.Selection) { marks = append(marks, s.Text()) })
	if got, want := strings.Join(marks, "|"), "drone|drones"; got != want {
		t.Errorf("highlighted %q, want %q", got, want)
	}
	if got := doc.Find(`[data-testid="claim-row"] td.title a`).Text(); got != title {
		t.Errorf("title reads %q, want %q", got, title)
	}
	if got := doc.Find(`[data-testid="snippet"]`).Text(); !strings.Contains(got, "Two <b>drones down") {
		t.Errorf("snippet reads %q", got)
	}
	if got := doc.Find(`[data-testid="search-box"]`).AttrOr("value", ""); got != "drone" {
		t.Errorf("search box holds %q", got)
	}
	if got := doc.Find(`[data-testid="count-contested"]`).AttrOr("href", ""); got != "/?bucket=contested&q=drone" {
		t.Errorf("tile keeps the search: %q", got)
	}
}

func TestDashboardSearchError(t *testing.T) {
	d := views.Dashboard{Counts: &claims.Counts{ByBucket: map[string]int64{}}, Page: &claims.Page{Page: 1},
		Filter: claims.Filter{Page: 1}, SearchText: `"drone`, SearchError: claims.SearchUnclosed}
	doc := render(t, views.DashboardFragment(d))
	box := doc.Find(`[data-testid="search-box"]`)
	if got := box.AttrOr("value", ""); got != `"drone` {
		t.Errorf("box holds %q, want the text as typed", got)
	}
	if box.AttrOr("aria-describedby", "") != "q-error" || doc.Find("#q-error").Text() != claims.SearchUnclosed {
		t.Errorf("message not beside the box: %q", doc.Find(`[data-testid="search-error"]`).Text())
	}
}

func TestDashboardURL(t *testing.T) {
	tests := []struct {
		name string
		f    claims.Filter
		edit func(*claims.Filter)
		want string
	}{
		{"Empty", claims.Filter{Page: 3}, nil, "/"},
		{"SearchOnly", claims.Filter{Query: "drone"}, nil, "/?q=drone"},
		{"SearchWithFilters", claims.Filter{Query: `"al tanf" -x`, Country: "Syria", SourceID: 2}, func(f *claims.Filter) { f.Page = 2 },
			"/?country=Syria&page=2&q=%22al+tanf%22+-x&source=2"},
		{"DropsSearch", claims.Filter{Query: "drone", Bucket: "contested"}, func(f *claims.Filter) { f.Query = "" }, "/?bucket=contested"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := (views.Dashboard{Filter: tt.f}).URL(tt.edit); got != tt.want {
				t.Errorf("URL = %q, want %q", got, tt.want)
			}
		})
	}
}
