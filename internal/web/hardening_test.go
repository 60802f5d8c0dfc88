package web_test

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"claimdesk/internal/auth"
	"claimdesk/internal/web"

	"gorm.io/gorm"
)

// logBuffer collects the server's log lines, at every level, for a test to read.
type logBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *logBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *logBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// lines returns the logged lines at level (e.g. "ERROR").
func (b *logBuffer) lines(level string) []string {
	var out []string
	for _, l := range strings.Split(b.String(), "\n") {
		if strings.Contains(l, "level="+level) {
			out = append(out, l)
		}
	}
	return out
}

// newDeskWith is newDesk with a server built from the config change given and a
// debug-level log the test can read.
func newDeskWith(t *testing.T, change func(*web.Config)) (*desk, *logBuffer) {
	t.Helper()
	d := newDesk(t)
	logs := &logBuffer{}
	cfg := web.Config{Claims: d.claims, Auth: d.auth,
		Logger: slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))}
	if change != nil {
		change(&cfg)
	}
	d.srv = web.New(cfg)
	return d, logs
}

func body(t *testing.T, res *http.Response) string {
	t.Helper()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestCanonicalIDs(t *testing.T) {
	d, _ := newDeskWith(t, nil)
	tests := []struct {
		role         auth.Role
		method, path string
		status       int
		location     string
	}{
		{auth.RoleViewer, "GET", "/claims/1", 200, ""},
		{auth.RoleViewer, "GET", "/claims/01", 301, "/claims/1"},
		{auth.RoleViewer, "GET", "/claims/+1", 301, "/claims/1"},
		{auth.RoleViewer, "GET", "/claims/0001?x=1", 301, "/claims/1?x=1"},
		{auth.RoleEditor, "GET", "/claims/+1/edit", 301, "/claims/1/edit"},
		{auth.RoleViewer, "GET", "/sources/01", 301, "/sources/1"},
		{auth.RoleViewer, "GET", "/claims/-1", 404, ""},
		{auth.RoleViewer, "GET", "/claims/0", 404, ""},
		{auth.RoleViewer, "GET", "/claims/1x", 404, ""},
		{auth.RoleViewer, "GET", "/claims/%201", 404, ""},
		{auth.RoleViewer, "GET", "/claims/99999999999999999999", 404, ""},
		{auth.RoleEditor, "POST", "/claims/01/citations", 404, ""},
	}
	for _, tt := range tests {
		res := d.do(tt.role, tt.method, tt.path, nil, "Content-Type", "application/x-www-form-urlencoded")
		if res.StatusCode != tt.status || res.Header.Get("Location") != tt.location {
			t.Errorf("%s %s = %d to %q, want %d to %q", tt.method, tt.path, res.StatusCode, res.Header.Get("Location"), tt.status, tt.location)
		}
	}
}

func TestPageOutOfRange(t *testing.T) {
	d, _ := newDeskWith(t, nil)
	for _, path := range []string{"/sources/1?page=9223372036854775807", "/sources/1?page=1000001", "/?page=9223372036854775807"} {
		res := d.do(auth.RoleViewer, "GET", path, nil)
		if res.StatusCode != http.StatusBadRequest {
			t.Errorf("%s = %d, want 400", path, res.StatusCode)
			continue
		}
		if got := page(t, res).Find("main").Text(); !strings.Contains(got, "There is no page beyond 1,000,000.") {
			t.Errorf("%s says %q", path, strings.Join(strings.Fields(got), " "))
		}
	}
	if res := d.do(auth.RoleViewer, "GET", "/sources/1?page=2", nil); res.StatusCode != http.StatusOK {
		t.Errorf("page 2 = %d", res.StatusCode)
	}
}

func TestHead(t *testing.T) {
	d, _ := newDeskWith(t, nil)
	ts := httptest.NewServer(d.srv)
	defer ts.Close()
	for _, tt := range []struct {
		path string
		role auth.Role
	}{{"/healthz", ""}, {"/static/style.css", ""}, {"/claims/1", auth.RoleViewer}, {"/login", ""}} {
		send := func(method string) *http.Response {
			req, _ := http.NewRequest(method, ts.URL+tt.path, nil)
			if c, ok := d.cookies[tt.role]; ok {
				req.AddCookie(c)
			}
			res, err := http.DefaultTransport.RoundTrip(req)
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { res.Body.Close() })
			return res
		}
		get, head := send("GET"), send("HEAD")
		getBody := body(t, get)
		if head.StatusCode != get.StatusCode || head.StatusCode != 200 {
			t.Errorf("HEAD %s = %d, GET = %d; want 200 both", tt.path, head.StatusCode, get.StatusCode)
		}
		if b := body(t, head); b != "" {
			t.Errorf("HEAD %s has a body of %d bytes", tt.path, len(b))
		}
		if cl := head.Header.Get("Content-Length"); cl != "" && cl != strconv.Itoa(len(getBody)) {
			t.Errorf("HEAD %s Content-Length %s, the GET body is %d bytes", tt.path, cl, len(getBody))
		}
		if head.Header.Get("Content-Type") != get.Header.Get("Content-Type") {
			t.Errorf("HEAD %s Content-Type %q, GET %q", tt.path, head.Header.Get("Content-Type"), get.Header.Get("Content-Type"))
		}
	}
	if cl := send(t, ts.URL, "HEAD", "/healthz").Header.Get("Content-Length"); cl != "3" {
		t.Errorf("HEAD /healthz Content-Length = %q, want 3 (ok\\n)", cl)
	}
}

func send(t *testing.T, base, method, path string) *http.Response {
	t.Helper()
	req, _ := http.NewRequest(method, base+path, nil)
	res, err := http.DefaultTransport.RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	return res
}

func TestClientGoneIsNotAnError(t *testing.T) {
	d, logs := newDeskWith(t, nil)
	gone, cancel := context.WithCancel(context.Background())
	cancel()
	for _, tt := range []struct {
		role         auth.Role
		method, path string
		form         url.Values
	}{
		{"", "POST", "/login", url.Values{"email": {"editor@desk.test"}, "password": {password}}},
		{auth.RoleViewer, "GET", "/", nil},
		{auth.RoleViewer, "GET", "/claims/1", nil},
	} {
		var rb io.Reader
		if tt.form != nil {
			rb = strings.NewReader(tt.form.Encode())
		}
		req := httptest.NewRequest(tt.method, tt.path, rb).WithContext(gone)
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		if c, ok := d.cookies[tt.role]; ok {
			req.AddCookie(c)
		}
		rec := httptest.NewRecorder()
		d.srv.ServeHTTP(rec, req)
		if rec.Code >= 500 || strings.Contains(rec.Body.String(), "Something went wrong") {
			t.Errorf("%s %s after the client left = %d %q, want nothing rendered", tt.method, tt.path, rec.Code, rec.Body.String())
		}
	}
	if errs := logs.lines("ERROR"); len(errs) > 0 {
		t.Errorf("a client that hung up was logged as an error:\n%s", strings.Join(errs, "\n"))
	}
	if n := strings.Count(logs.String(), `msg="client went away"`); n != 3 {
		t.Errorf("%d debug lines for 3 clients gone, want 3:\n%s", n, logs)
	}
}

func TestSessionFaultIsNotLoggedOut(t *testing.T) {
	d, logs := newDeskWith(t, nil)
	d.gdb.Exec("ALTER TABLE users RENAME TO users_away") // sessions can no longer be checked
	res := d.do(auth.RoleEditor, "GET", "/claims/1", nil)
	if res.StatusCode != http.StatusServiceUnavailable {
		t.Fatalf("status = %d to %q, want 503, not a trip to the login page", res.StatusCode, res.Header.Get("Location"))
	}
	if got := page(t, res).Find("h1").Text(); got != "Not available" {
		t.Errorf("heading = %q", got)
	}
	if errs := logs.lines("ERROR"); len(errs) != 1 || !strings.Contains(errs[0], "users") {
		t.Errorf("error log lines = %q, want one naming the fault", errs)
	}
}

func TestTouchFaultKeepsUserIn(t *testing.T) {
	d, logs := newDeskWith(t, nil)
	d.auth.Now = func() time.Time { return time.Now().Add(10 * time.Minute) } // the session's use is due to be recorded
	d.gdb.Exec("CREATE TRIGGER no_update BEFORE UPDATE ON sessions BEGIN SELECT RAISE(ABORT, 'disk full'); END")
	if res := d.do(auth.RoleViewer, "GET", "/claims/1", nil); res.StatusCode != http.StatusOK {
		t.Errorf("status = %d, want 200: a failed write of last use must not log the user out", res.StatusCode)
	}
	if errs := logs.lines("ERROR"); len(errs) != 1 || !strings.Contains(errs[0], "disk full") {
		t.Errorf("error log lines = %q, want one naming the fault", errs)
	}
}

// TestStaticSkipsSession checks that static files and health checks, asked with a
// session cookie, do not touch the database for it.
func TestStaticSkipsSession(t *testing.T) {
	d, _ := newDeskWith(t, nil)
	var queries []string
	var mu sync.Mutex
	d.gdb.Callback().Query().After("gorm:query").Register("count", func(tx *gorm.DB) {
		mu.Lock()
		defer mu.Unlock()
		queries = append(queries, tx.Statement.SQL.String())
	})
	for _, path := range []string{"/static/style.css", "/healthz", "/readyz"} {
		queries = nil
		d.do(auth.RoleViewer, "GET", path, nil)
		if len(queries) > 0 {
			t.Errorf("GET %s ran %q", path, queries)
		}
	}
}
