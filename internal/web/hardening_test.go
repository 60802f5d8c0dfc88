package web_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"claimdesk/internal/auth"
	"claimdesk/internal/db/dbtest"
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

// TestClientGoneMidBodyIsNotAnError: a client that hangs up halfway through sending a
// form (a phone losing its signal) is not an error: nothing is logged as one, and no
// error page is rendered for nobody.
func TestClientGoneMidBodyIsNotAnError(t *testing.T) {
	d, logs := newDeskWith(t, nil)
	ts := httptest.NewServer(d.srv)
	defer ts.Close()
	paths := []string{"/claims/1/citations", "/claims/1", "/claims", "/sources", "/login"}
	for _, path := range paths {
		conn, err := net.Dial("tcp", ts.Listener.Addr().String())
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(conn, "POST %s HTTP/1.1\r\nHost: %s\r\nCookie: %s=%s\r\n"+
			"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\nsource_id=1&stance=rep",
			path, ts.Listener.Addr(), d.cookies[auth.RoleEditor].Name, d.cookies[auth.RoleEditor].Value)
		time.Sleep(20 * time.Millisecond)
		conn.Close()
	}
	// Wait until each request has been answered (logged) by the server.
	deadline := time.Now().Add(5 * time.Second)
	for {
		n := 0
		for _, path := range paths {
			if strings.Contains(logs.String(), "msg=request method=POST path="+path+" ") {
				n++
			}
		}
		if n == len(paths) || time.Now().After(deadline) {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	if errs := logs.lines("ERROR"); len(errs) > 0 {
		t.Errorf("clients that hung up mid-form were logged as errors:\n%s", strings.Join(errs, "\n"))
	}
	if n := strings.Count(logs.String(), `msg="client went away"`); n != len(paths) {
		t.Errorf("%d debug lines for %d clients gone, want %d:\n%s", n, len(paths), len(paths), logs)
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
	dbtest.FailOn(t, d.store, "sessions", "UPDATE", "disk full")
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

func TestLoginNextStaysOnSite(t *testing.T) {
	d, _ := newDeskWith(t, nil)
	tests := []struct{ next, want string }{
		{"/claims/1", "/claims/1"},
		{"/?bucket=confirmed&page=2", "/?bucket=confirmed&page=2"},
		{"/claims/1#citations", "/claims/1#citations"},
		{"/\t/evil.example", "/"},
		{"/\n/evil.example", "/"},
		{"/\r\n/evil.example", "/"},
		{"\t//evil.example", "/"},
		{"/\x00/evil.example", "/"},
		{"/\u0085/evil.example", "/"},
		{"/claims/1\x7f", "/"},
		{"//evil.example", "/"},
		{"///evil.example", "/"},
		{"/\\evil.example", "/"},
		{"\\\\evil.example", "/"},
		{"/claims\\..\\..\\evil", "/"},
		{"/%2F/evil.example", "/"},
		{"/%5Cevil.example", "/"},
		{"/%09/evil.example", "/"},
		{"https://evil.example/", "/"},
		{"http:/evil.example", "/"},
		{"javascript:alert(1)", "/"},
		{"evil.example", "/"},
		{" /claims/1", "/"},
		{"", "/"},
	}
	for _, tt := range tests {
		res := d.do("", "POST", "/login", url.Values{"email": {"viewer@desk.test"}, "password": {password}, "next": {tt.next}})
		if got := res.Header.Get("Location"); res.StatusCode != http.StatusSeeOther || got != tt.want {
			t.Errorf("login with next=%q = %d to %q, want 303 to %q", tt.next, res.StatusCode, got, tt.want)
		}
		res = d.do("", "GET", "/login?next="+url.QueryEscape(tt.next), nil)
		if got, _ := page(t, res).Find(`input[name="next"]`).Attr("value"); got != tt.want {
			t.Errorf("login page with next=%q keeps %q, want %q", tt.next, got, tt.want)
		}
	}
	// The raw query of the report: a tab written as %09.
	res := d.do("", "GET", "/login?next=/%09/evil.example", nil)
	if got, _ := page(t, res).Find(`input[name="next"]`).Attr("value"); got != "/" {
		t.Errorf("next=/%%09/evil.example kept as %q", got)
	}
}

// login posts the login form from the address remote, with an X-Forwarded-For if xff is set.
func (d *desk) login(email, pw, remote, xff string) *http.Response {
	d.t.Helper()
	req := httptest.NewRequest("POST", "/login", strings.NewReader(url.Values{"email": {email}, "password": {pw}}.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.RemoteAddr = remote + ":40000"
	if xff != "" {
		req.Header.Set("X-Forwarded-For", xff)
	}
	rec := httptest.NewRecorder()
	d.srv.ServeHTTP(rec, req)
	return rec.Result()
}

func cidrs(t *testing.T, s ...string) []*net.IPNet {
	var out []*net.IPNet
	for _, c := range s {
		_, n, err := net.ParseCIDR(c)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, n)
	}
	return out
}

var tryAgain = regexp.MustCompile(`Try again in \d+ minutes?\.`)

func TestLoginThrottle(t *testing.T) {
	const proxy = "10.0.0.5"
	behindProxy := func(c *web.Config) { c.TrustedProxies = cidrs(t, "10.0.0.5/32") }

	t.Run("SharedProxyDoesNotLockOutTheDesk", func(t *testing.T) {
		d, _ := newDeskWith(t, behindProxy)
		for i := range 30 {
			d.login(fmt.Sprintf("guess%d@desk.test", i), "guess", proxy, "198.51.100.7")
		}
		if res := d.login("editor@desk.test", password, proxy, "198.51.100.8"); res.StatusCode != http.StatusSeeOther {
			t.Errorf("another client behind the proxy = %d, want 303 (logged in)", res.StatusCode)
		}
		if res := d.login("viewer@desk.test", password, proxy, "198.51.100.7"); res.StatusCode != http.StatusTooManyRequests {
			t.Errorf("the guessing client = %d, want 429", res.StatusCode)
		}
	})
	t.Run("XForwardedForIgnoredFromOthers", func(t *testing.T) {
		d, _ := newDeskWith(t, behindProxy)
		for i := range 25 { // a new made-up address each time, straight from one host
			d.login(fmt.Sprintf("guess%d@desk.test", i), "guess", "203.0.113.9", fmt.Sprintf("198.51.100.%d", i))
		}
		if res := d.login("viewer@desk.test", password, "203.0.113.9", "198.51.100.200"); res.StatusCode != http.StatusTooManyRequests {
			t.Errorf("spoofed X-Forwarded-For = %d, want 429", res.StatusCode)
		}
		// Loopback and private addresses are not trusted unless configured.
		d, _ = newDeskWith(t, nil)
		for i := range 25 {
			d.login(fmt.Sprintf("guess%d@desk.test", i), "guess", "127.0.0.1", fmt.Sprintf("198.51.100.%d", i))
		}
		if res := d.login("viewer@desk.test", password, "127.0.0.1", "198.51.100.200"); res.StatusCode != http.StatusTooManyRequests {
			t.Errorf("X-Forwarded-For from loopback, no proxy configured = %d, want 429", res.StatusCode)
		}
	})
	t.Run("AccountGuessedFromManyAddresses", func(t *testing.T) {
		d, _ := newDeskWith(t, nil)
		for i := range 5 {
			d.login("Editor@desk.test", "guess", fmt.Sprintf("198.51.100.%d", i), "")
		}
		res := d.login("editor@desk.test", password, "198.51.100.99", "")
		if res.StatusCode != http.StatusTooManyRequests {
			t.Fatalf("6th try on one account from a 6th address = %d, want 429 even with the right password", res.StatusCode)
		}
		secs, err := strconv.Atoi(res.Header.Get("Retry-After"))
		if err != nil || secs < 1 || secs > 15*60 {
			t.Errorf("Retry-After = %q, want seconds up to 900", res.Header.Get("Retry-After"))
		}
		doc := page(t, res)
		if text := strings.Join(strings.Fields(doc.Find("main").Text()), " "); !tryAgain.MatchString(text) {
			t.Errorf("throttled page says %q, want when to retry", text)
		}
		if doc.Find("header.top").Length() != 1 || doc.Find("h1").Text() != "Slow down" {
			t.Error("throttled page is not in the layout")
		}
		if res := d.login("viewer@desk.test", password, "198.51.100.99", ""); res.StatusCode != http.StatusSeeOther {
			t.Errorf("another account = %d, want 303", res.StatusCode)
		}
	})
	t.Run("SecondInstanceSeesTheSameGuesses", func(t *testing.T) {
		var cfg web.Config
		a, _ := newDeskWith(t, func(c *web.Config) {
			c.Throttle = auth.NewThrottle(c.Auth)
			cfg = *c
		})
		b := *a // a second instance of the desk on the same database
		b.srv = web.New(cfg)
		for i := range 3 {
			a.login("editor@desk.test", "guess", fmt.Sprintf("198.51.100.%d", i), "")
		}
		for i := range 2 {
			b.login("editor@desk.test", "guess", fmt.Sprintf("198.51.100.%d", 10+i), "")
		}
		if res := b.login("editor@desk.test", password, "198.51.100.99", ""); res.StatusCode != http.StatusTooManyRequests {
			t.Errorf("6th try, guesses split over two instances = %d, want 429", res.StatusCode)
		}
		if res := a.login("viewer@desk.test", password, "198.51.100.99", ""); res.StatusCode != http.StatusSeeOther {
			t.Errorf("another account = %d, want 303", res.StatusCode)
		}
	})
	t.Run("ThrottledPageSameForUnknownAccount", func(t *testing.T) {
		d, _ := newDeskWith(t, nil)
		texts := map[string]string{}
		for _, email := range []string{"editor@desk.test", "nobody@desk.test"} {
			for i := range 5 {
				d.login(email, "guess", fmt.Sprintf("198.51.100.%d", i), "")
			}
			res := d.login(email, "guess", "198.51.100.99", "")
			texts[email] = fmt.Sprint(res.StatusCode, res.Header.Get("Retry-After") != "", " ",
				strings.Join(strings.Fields(page(t, res).Find("main").Text()), " "))
		}
		if texts["editor@desk.test"] != texts["nobody@desk.test"] || !strings.HasPrefix(texts["nobody@desk.test"], "429") {
			t.Errorf("throttled pages differ:\nexisting: %s\nunknown:  %s", texts["editor@desk.test"], texts["nobody@desk.test"])
		}
	})
	t.Run("OnlyFailuresCountAndSuccessResets", func(t *testing.T) {
		d, _ := newDeskWith(t, nil)
		for range 30 {
			if res := d.login("viewer@desk.test", password, "198.51.100.1", ""); res.StatusCode != http.StatusSeeOther {
				t.Fatalf("successful login = %d, want 303: successes must not count", res.StatusCode)
			}
		}
		for range 3 {
			for range 4 {
				d.login("editor@desk.test", "typo", "198.51.100.1", "")
			}
			if res := d.login("editor@desk.test", password, "198.51.100.1", ""); res.StatusCode != http.StatusSeeOther {
				t.Fatalf("login after 4 typos = %d, want 303: a success resets the account", res.StatusCode)
			}
		}
	})
}

func TestHSTS(t *testing.T) {
	for _, on := range []bool{true, false} {
		d, _ := newDeskWith(t, func(c *web.Config) { c.HSTS = on })
		for _, r := range []struct {
			role         auth.Role
			method, path string
		}{{auth.RoleViewer, "GET", "/"}, {"", "GET", "/login"}, {"", "GET", "/static/style.css"}, {auth.RoleViewer, "GET", "/claims/999"},
			{auth.RoleEditor, "POST", "/claims"}} {
			var res *http.Response
			if r.method == "POST" { // refused as cross-site, before Echo
				res = d.do(r.role, r.method, r.path, url.Values{}, "Sec-Fetch-Site", "cross-site")
			} else {
				res = d.do(r.role, r.method, r.path, nil)
			}
			got := res.Header.Get("Strict-Transport-Security")
			if on && got != "max-age=63072000; includeSubDomains" || !on && got != "" {
				t.Errorf("HSTS %v: %s %s (%d) Strict-Transport-Security = %q", on, r.method, r.path, res.StatusCode, got)
			}
		}
	}
}
