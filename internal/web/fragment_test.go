package web_test

import (
	"io"
	"slices"
	"strings"
	"testing"

	"claimdesk/internal/auth"

	"github.com/PuerkitoBio/goquery"
)

// TestDashboardFragment: the filter form's htmx request gets only the dashboard's body;
// a normal visit and a history restore get the whole page.
func TestDashboardFragment(t *testing.T) {
	d := newDesk(t)
	tests := []struct {
		name    string
		headers []string
		whole   bool
	}{
		{"Page", nil, true},
		{"HTMX", []string{"HX-Request", "true"}, false},
		{"HistoryRestore", []string{"HX-Request", "true", "HX-History-Restore-Request", "true"}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := d.do(auth.RoleViewer, "GET", "/?country=Syria", nil, tt.headers...)
			if res.StatusCode != 200 {
				t.Fatalf("status %d", res.StatusCode)
			}
			if got := res.Header.Values("Vary"); !slices.Contains(got, "HX-Request") {
				t.Errorf("Vary = %q, want HX-Request among them", got)
			}
			body, err := io.ReadAll(res.Body)
			if err != nil {
				t.Fatal(err)
			}
			if got := strings.Contains(strings.ToLower(string(body)), "<html"); got != tt.whole {
				t.Errorf("response has <html> = %v, want %v", got, tt.whole)
			}
			doc, err := goquery.NewDocumentFromReader(strings.NewReader(string(body)))
			if err != nil {
				t.Fatal(err)
			}
			if got := doc.Find(`[data-testid="claim-row"]`).Length(); got != 1 {
				t.Errorf("claim rows = %d, want the one in Syria", got)
			}
			if got := doc.Find(`#dashboard`).Length(); got != 1 {
				t.Errorf("#dashboard found %d times, want 1", got)
			}
			whole := doc.Find(`header.top`).Length() == 1 && doc.Find(`title`).Length() == 1
			if whole != tt.whole {
				t.Errorf("whole page with header and title = %v, want %v", whole, tt.whole)
			}
		})
	}
}
