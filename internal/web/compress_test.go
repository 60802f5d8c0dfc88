package web_test

import (
	"compress/gzip"
	"io"
	"net/http"
	"strings"
	"testing"

	"claimdesk/internal/auth"
)

// TestCompression: a page is sent gzipped to a browser that accepts it, and reads the
// same; a small answer and a client that does not accept gzip get it plain.
func TestCompression(t *testing.T) {
	d := newDesk(t)
	plain := d.do(auth.RoleViewer, "GET", "/", nil)
	plainBody, _ := io.ReadAll(plain.Body)
	if plain.Header.Get("Content-Encoding") != "" {
		t.Fatalf("gzipped for a client that did not ask: %q", plain.Header.Get("Content-Encoding"))
	}
	res := d.do(auth.RoleViewer, "GET", "/", nil, "Accept-Encoding", "gzip, deflate, br")
	if res.Header.Get("Content-Encoding") != "gzip" || !strings.Contains(res.Header.Get("Vary"), "Accept-Encoding") {
		t.Fatalf("dashboard: Content-Encoding %q, Vary %q", res.Header.Get("Content-Encoding"), res.Header.Get("Vary"))
	}
	zr, err := gzip.NewReader(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	body, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	if string(body) != string(plainBody) {
		t.Error("the gzipped page differs from the plain one")
	}
	if small := d.do("", "GET", "/healthz", nil, "Accept-Encoding", "gzip"); small.Header.Get("Content-Encoding") != "" {
		t.Errorf("/healthz gzipped: %q", small.Header.Get("Content-Encoding"))
	}
	if res := d.do("", "GET", "/login", nil, "Accept-Encoding", "gzip"); res.StatusCode != http.StatusOK {
		t.Errorf("login page: %d", res.StatusCode)
	}
}
