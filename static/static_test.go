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

// TestPlainNameRevalidates: a file asked for by its plain name has an ETag, and a
// browser that has it gets 304 without the body.
func TestPlainNameRevalidates(t *testing.T) {
	h := static.Handler()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/static/style.css", nil))
	etag := rec.Header().Get("ETag")
	if rec.Code != 200 || len(etag) < 8 || !strings.HasPrefix(etag, `"`) {
		t.Fatalf("GET style.css = %d with ETag %q, want 200 and a quoted ETag", rec.Code, etag)
	}
	if !strings.Contains(static.Path("style.css"), strings.Trim(etag, `"`)) {
		t.Errorf("ETag %s is not the content hash in %s", etag, static.Path("style.css"))
	}
	req := httptest.NewRequest("GET", "/static/style.css", nil)
	req.Header.Set("If-None-Match", etag)
	rec = httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != 304 || rec.Body.Len() != 0 {
		t.Errorf("GET with If-None-Match = %d with %d bytes, want 304 and no body", rec.Code, rec.Body.Len())
	}
}
