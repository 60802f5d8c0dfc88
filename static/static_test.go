package static_test

import (
	"net/http/httptest"
	"strings"
	"testing"

	"claimdesk/static"
)

func TestHashedPaths(t *testing.T) {
	p := static.Path("style.css")
	if !strings.HasPrefix(p, "/static/style.") || p == "/static/style.css" {
		t.Fatalf("Path(style.css) = %q, want a content-hashed name", p)
	}
	rec := httptest.NewRecorder()
	static.Handler().ServeHTTP(rec, httptest.NewRequest("GET", p, nil))
	if rec.Code != 200 || !strings.Contains(rec.Body.String(), "Claimdesk") {
		t.Fatalf("GET %s = %d", p, rec.Code)
	}
	if cc := rec.Header().Get("Cache-Control"); !strings.Contains(cc, "immutable") {
		t.Errorf("hashed file Cache-Control = %q", cc)
	}
	rec = httptest.NewRecorder()
	static.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/static/htmx.min.js", nil))
	if rec.Code != 200 || rec.Header().Get("Cache-Control") != "no-cache" {
		t.Errorf("plain name = %d, Cache-Control %q", rec.Code, rec.Header().Get("Cache-Control"))
	}
	rec = httptest.NewRecorder()
	static.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/static/nope.js", nil))
	if rec.Code != 404 {
		t.Errorf("missing file = %d", rec.Code)
	}
}
