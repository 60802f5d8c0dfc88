package web_test

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"claimdesk/internal/auth"
	"claimdesk/internal/metrics"
	"claimdesk/internal/metrics/metricstest"
	"claimdesk/internal/web"
)

// TestMetricsByRoute: requests are counted by their route pattern and status class,
// never by their raw path, and the text a scraper reads is well formed.
func TestMetricsByRoute(t *testing.T) {
	reg := metrics.NewRegistry()
	d, _ := newDeskWith(t, func(c *web.Config) { c.Metrics = reg })
	for _, r := range []struct {
		role auth.Role
		path string
		want int
	}{
		{auth.RoleViewer, "/claims/1", 200},
		{auth.RoleViewer, "/claims/1?tab=x", 200},
		{auth.RoleViewer, "/claims/99999", 404},
		{auth.RoleViewer, "/", 200},
		{"", "/", 303},
		{"", "/healthz", 200},
		{"", "/no/such/page/1", 404},
		{"", "/no/such/page/2", 404},
	} {
		res := d.do(r.role, "GET", r.path, nil)
		io.Copy(io.Discard, res.Body)
		if res.StatusCode != r.want {
			t.Fatalf("GET %s as %q: %d, want %d", r.path, r.role, res.StatusCode, r.want)
		}
	}

	var b strings.Builder
	reg.WriteText(&b)
	text := b.String()
	got := metricstest.Parse(t, text)
	for key, want := range map[string]float64{
		`claimdesk_http_requests_total{method="GET",route="/claims/:id",status="2xx"}`:     2,
		`claimdesk_http_requests_total{method="GET",route="/claims/:id",status="4xx"}`:     1,
		`claimdesk_http_requests_total{method="GET",route="/",status="2xx"}`:               1,
		`claimdesk_http_requests_total{method="GET",route="/",status="3xx"}`:               1,
		`claimdesk_http_requests_total{method="GET",route="/healthz",status="2xx"}`:        1,
		`claimdesk_http_request_duration_seconds_count{method="GET",route="/claims/:id"}`:  3,
		`claimdesk_http_request_duration_seconds_bucket{method="GET",route="/",le="+Inf"}`: 2,
		`claimdesk_event_streams_open`: 0,
	} {
		if v, ok := got[key]; !ok || v != want {
			t.Errorf("%s = %v (present %v), want %v", key, v, ok, want)
		}
	}
	if v := got[`claimdesk_http_requests_total{method="GET",route="unmatched",status="4xx"}`]; v != 2 {
		t.Errorf("unknown paths counted %v times under route \"unmatched\", want 2", v)
	}
	res := d.do("", "BREW", "/healthz", nil)
	io.Copy(io.Discard, res.Body)
	b.Reset()
	reg.WriteText(&b)
	if !strings.Contains(b.String(), `method="other"`) || strings.Contains(b.String(), "BREW") {
		t.Errorf("an unknown method is not counted as \"other\":\n%s", b.String())
	}
	for _, raw := range []string{"/claims/1", "/claims/99999", "/no/such/page", "tab=x"} {
		if strings.Contains(text, `"`+raw) {
			t.Errorf("metrics name the raw path %s:\n%s", raw, text)
		}
	}
}

// TestNoMetricsOnDesk: /metrics is served only on its own listener, never by the desk.
func TestNoMetricsOnDesk(t *testing.T) {
	d, _ := newDeskWith(t, func(c *web.Config) { c.Metrics = metrics.NewRegistry() })
	for _, role := range []auth.Role{"", auth.RoleAdmin} {
		rec := httptest.NewRecorder()
		req := httptest.NewRequest("GET", "/metrics", nil)
		if c, ok := d.cookies[role]; ok {
			req.AddCookie(c)
		}
		d.srv.ServeHTTP(rec, req)
		if rec.Code != http.StatusNotFound || strings.Contains(rec.Body.String(), "claimdesk_http_requests_total") {
			t.Errorf("GET /metrics on the desk as %q: %d, want 404 without metrics", role, rec.Code)
		}
	}
}

// TestReadyzMigrations: /readyz is 503 while the database lacks a migration this build
// carries, and 200 again once it has it.
func TestReadyzMigrations(t *testing.T) {
	d := newDesk(t)
	d.srv = web.New(web.Config{Claims: d.claims, Auth: d.auth, Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), Migrated: d.store.Migrated})
	ready := func() (int, string) {
		res := d.do("", "GET", "/readyz", nil)
		return res.StatusCode, body(t, res)
	}
	if code, text := ready(); code != http.StatusOK {
		t.Fatalf("current schema: %d %q, want 200", code, text)
	}
	var newest int64
	if err := d.gdb.Raw("SELECT MAX(version_id) FROM goose_db_version").Scan(&newest).Error; err != nil {
		t.Fatal(err)
	}
	if err := d.gdb.Exec("DELETE FROM goose_db_version WHERE version_id = ?", newest).Error; err != nil {
		t.Fatal(err)
	}
	if code, text := ready(); code != http.StatusServiceUnavailable || !strings.Contains(text, "migrations are not current") {
		t.Errorf("without migration %d: %d %q, want 503 naming the migrations", newest, code, text)
	}
	if err := d.gdb.Exec("INSERT INTO goose_db_version (version_id, is_applied) VALUES (?, TRUE)", newest).Error; err != nil {
		t.Fatal(err)
	}
	if code, text := ready(); code != http.StatusOK {
		t.Errorf("with migration %d again: %d %q, want 200", newest, code, text)
	}
}
