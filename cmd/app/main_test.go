package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"claimdesk/internal/claims"
	"claimdesk/internal/db/dbtest"
)

const demoPassword = "demo-password-for-tests"

// app is one run of the program on a free port, as a person would start it.
type app struct {
	URL string

	out    *lockedBuffer
	cancel context.CancelFunc
	done   chan error
	once   sync.Once
	err    error
}

// lockedBuffer collects what run prints; run's logger writes to it while the test reads.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) WriteString(s string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.buf.WriteString(s)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// startApp calls run with args and the environment env, waits until it listens, and
// stops it when the test ends. Call it after t.TempDir so the database is closed first.
func startApp(t *testing.T, env map[string]string, args ...string) *app {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	a := &app{out: &lockedBuffer{}, cancel: cancel, done: make(chan error, 1)}
	pr, pw := io.Pipe()
	go func() {
		err := run(ctx, args, func(k string) string { return env[k] }, strings.NewReader(""), pw)
		pw.Close()
		a.done <- err
	}()
	listening := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(pr)
		for sc.Scan() {
			line := sc.Text()
			a.out.WriteString(line + "\n")
			if addr, ok := strings.CutPrefix(line, "Claimdesk listening on "); ok {
				listening <- addr
			}
		}
		io.Copy(io.Discard, pr) // never block run's writes, even on a very long line
	}()
	select {
	case a.URL = <-listening:
	case err := <-a.done:
		cancel()
		t.Fatalf("run returned before listening: %v\noutput:\n%s", err, a.out)
	case <-time.After(30 * time.Second):
		cancel()
		t.Fatalf("run did not print \"Claimdesk listening on\" within 30 s; output:\n%s", a.out)
	}
	t.Cleanup(func() {
		if err := a.Stop(); err != nil {
			t.Errorf("run returned %v after its context was cancelled; want nil", err)
		}
		if t.Failed() {
			t.Logf("run printed:\n%s", a.Output())
		}
	})
	return a
}

// Stop cancels run's context and returns what run returned.
func (a *app) Stop() error {
	a.once.Do(func() {
		a.cancel()
		select {
		case a.err = <-a.done:
		case <-time.After(15 * time.Second):
			a.err = errors.New("run did not return within 15 s of cancelling its context")
		}
	})
	return a.err
}

// Output is everything run printed so far.
func (a *app) Output() string { return a.out.String() }

// client is one person's HTTP client: its own cookies, and redirects left to the test.
type client struct {
	t    *testing.T
	base string
	http *http.Client
}

func newClient(t *testing.T, base string) *client {
	jar, err := cookiejar.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	return &client{t: t, base: base, http: &http.Client{
		Jar:           jar,
		Timeout:       10 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}}
}

// response is what a test looks at in an answer.
type response struct {
	Status   int
	Location string
	Body     string
}

func (c *client) do(req *http.Request) response {
	c.t.Helper()
	res, err := c.http.Do(req)
	if err != nil {
		c.t.Fatalf("%s %s: %v", req.Method, req.URL, err)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		c.t.Fatalf("%s %s: read body: %v", req.Method, req.URL, err)
	}
	return response{Status: res.StatusCode, Location: res.Header.Get("Location"), Body: string(body)}
}

// get fetches a path on the app, or a full URL.
func (c *client) get(path string) response {
	c.t.Helper()
	if !strings.HasPrefix(path, "http") {
		path = c.base + path
	}
	req, err := http.NewRequest(http.MethodGet, path, nil)
	if err != nil {
		c.t.Fatal(err)
	}
	return c.do(req)
}

// post sends a form the way a browser's plain form post does.
func (c *client) post(path string, form url.Values) response {
	c.t.Helper()
	req, err := http.NewRequest(http.MethodPost, c.base+path, strings.NewReader(form.Encode()))
	if err != nil {
		c.t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return c.do(req)
}

// login posts the login form and checks it redirects to next.
func (c *client) login(email, password, next string) {
	c.t.Helper()
	res := c.post("/login", url.Values{"email": {email}, "password": {password}, "next": {next}})
	if res.Status != http.StatusSeeOther || res.Location != next {
		c.t.Fatalf("log in as %s: got %d to %q, want 303 to %q\n%s", email, res.Status, res.Location, next, res.Body)
	}
}

// bucketCount reads the number on a dashboard count link ("all" for all claims).
func bucketCount(t *testing.T, body, bucket string) int {
	t.Helper()
	re := regexp.MustCompile(`data-testid="count-` + regexp.QuoteMeta(bucket) + `"[^>]*>\s*<strong>(\d+)</strong>`)
	m := re.FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("no count for bucket %q on the dashboard:\n%s", bucket, body)
	}
	n, _ := strconv.Atoi(m[1])
	return n
}

// demoClaims reads how many claims the demo loader said it added.
func demoClaims(t *testing.T, output string) int {
	t.Helper()
	m := regexp.MustCompile(`demo: (\d+) claims, \d+ sources, \d+ parties, \d+ accounts loaded`).FindStringSubmatch(output)
	if m == nil {
		t.Fatalf("output does not say what the demo loaded:\n%s", output)
	}
	n, _ := strconv.Atoi(m[1])
	return n
}

func demoArgs(dbPath string) []string {
	return []string{"-addr", "127.0.0.1:0", "-db", dbPath, "-demo"}
}

func TestRunDemo(t *testing.T) {
	t.Parallel()
	a := startApp(t, map[string]string{"CLAIMDESK_DEMO_PASSWORD": demoPassword}, demoArgs(dbtest.DSN(t))...)
	out := a.Output()
	if !strings.Contains(out, "Demo password: "+demoPassword+"\n") {
		t.Errorf("output does not show the demo password from CLAIMDESK_DEMO_PASSWORD:\n%s", out)
	}
	if strings.Contains(out, "/setup?token=") {
		t.Errorf("output offers a setup link although the demo created accounts:\n%s", out)
	}
	loaded := demoClaims(t, out)
	if loaded == 0 {
		t.Fatalf("the demo loaded no claims:\n%s", out)
	}

	c := newClient(t, a.URL)
	if res := c.get("/healthz"); res.Status != http.StatusOK || strings.TrimSpace(res.Body) != "ok" {
		t.Errorf("GET /healthz: got %d %q, want 200 \"ok\"", res.Status, res.Body)
	}
	if res := c.get("/"); res.Status != http.StatusSeeOther || !strings.HasPrefix(res.Location, "/login") {
		t.Errorf("GET / logged out: got %d to %q, want 303 to /login", res.Status, res.Location)
	}
	res := c.post("/login", url.Values{"email": {"editor@demo.test"}, "password": {"not-the-password"}, "next": {"/"}})
	if got, want := res.Status, http.StatusUnauthorized; got != want || !strings.Contains(res.Body, "Wrong email or password.") {
		t.Errorf("log in with a wrong password: got %d, want %d and \"Wrong email or password.\"", got, want)
	}

	c.login("editor@demo.test", demoPassword, "/")
	res = c.get("/")
	if res.Status != http.StatusOK {
		t.Fatalf("GET / logged in: got %d, want 200\n%s", res.Status, res.Body)
	}
	for _, want := range []string{
		`data-testid="whoami">Eli Editor (editor)<`,
		`data-testid="flash">Welcome, Eli Editor.<`,
		"Drone attack on the al-Tanf garrison in Syria",
	} {
		if !strings.Contains(res.Body, want) {
			t.Errorf("dashboard lacks %q", want)
		}
	}
	if got := bucketCount(t, res.Body, "all"); got != loaded {
		t.Errorf("dashboard counts %d claims in all, want the %d the demo loaded", got, loaded)
	}
	for _, b := range claims.Buckets {
		if n := bucketCount(t, res.Body, b.Value); n > loaded {
			t.Errorf("bucket %s counts %d claims, more than all %d", b.Value, n, loaded)
		}
	}
	// Only CENTCOM, the voice of the forces targeted, confirms anything on the record; the
	// Kurdistan Region's service reports a drone crash in the desert, not an attack on Al Harir.
	if n := bucketCount(t, res.Body, "officially-confirmed"); n != 1 {
		t.Errorf("the demo dashboard counts %d officially confirmed claims, want 1 (CENTCOM's)", n)
	}
	res = c.get("/?bucket=officially-confirmed")
	if !strings.Contains(res.Body, "CENTCOM: three drones countered near US and coalition forces in Iraq") {
		t.Errorf("the officially confirmed bucket does not list the CENTCOM claim")
	}
	if strings.Contains(res.Body, "Drone attack on Al Harir air base in Iraqi Kurdistan") {
		t.Errorf("the officially confirmed bucket lists the Al Harir claim")
	}
	if res := c.get("/"); strings.Contains(res.Body, `data-testid="flash"`) {
		t.Errorf("the welcome message shows again on the next page")
	}

	if err := a.Stop(); err != nil {
		t.Errorf("run returned %v after its context was cancelled; want nil", err)
	}
	if _, err := http.Get(a.URL + "/healthz"); err == nil {
		t.Errorf("the server still answers after run returned")
	}
}

func TestRunDemoTwice(t *testing.T) {
	t.Parallel()
	dbPath := dbtest.DSN(t)
	first := startApp(t, map[string]string{"CLAIMDESK_DEMO_PASSWORD": demoPassword}, demoArgs(dbPath)...)
	loaded := demoClaims(t, first.Output())
	if err := first.Stop(); err != nil {
		t.Fatalf("first run: %v", err)
	}

	const newPassword = "another-demo-password"
	second := startApp(t, map[string]string{"CLAIMDESK_DEMO_PASSWORD": newPassword}, demoArgs(dbPath)...)
	if out := second.Output(); !strings.Contains(out, "demo data present already\n") {
		t.Errorf("second run with -demo does not say the demo data is present:\n%s", out)
	}
	c := newClient(t, second.URL)
	if res := c.post("/login", url.Values{"email": {"viewer@demo.test"}, "password": {demoPassword}}); res.Status != http.StatusUnauthorized {
		t.Errorf("log in with the first run's demo password: got %d, want 401", res.Status)
	}
	c.login("viewer@demo.test", newPassword, "/")
	res := c.get("/")
	if got, want := bucketCount(t, res.Body, "all"), loaded; got != want {
		t.Errorf("after a second -demo run the dashboard counts %d claims, want %d", got, want)
	}
	if got, want := strings.Count(res.Body, ">Drone attack on the al-Tanf garrison in Syria<"), 1; got != want {
		t.Errorf("the al-Tanf claim is listed %d times, want %d", got, want)
	}
}

func TestUserAdd(t *testing.T) {
	t.Parallel()
	dbPath := dbtest.DSN(t)
	var out bytes.Buffer
	args := []string{"user", "add", "-email", "Rita@Newsroom.test", "-name", "Rita Reporter", "-role", "editor", "-db", dbPath}
	if err := run(t.Context(), args, func(string) string { return "" }, strings.NewReader("correct horse battery\n"), &out); err != nil {
		t.Fatalf("user add: %v\n%s", err, out.String())
	}
	if got, want := out.String(), "Added rita@newsroom.test as editor.\n"; !strings.HasSuffix(got, want) {
		t.Errorf("user add printed %q, want it to end with %q", got, want)
	}

	a := startApp(t, nil, "-addr", "127.0.0.1:0", "-db", dbPath)
	if strings.Contains(a.Output(), "/setup?token=") {
		t.Errorf("a setup link is offered although an account exists:\n%s", a.Output())
	}
	c := newClient(t, a.URL)
	c.login("rita@newsroom.test", "correct horse battery", "/")
	if res := c.get("/"); !strings.Contains(res.Body, `data-testid="whoami">Rita Reporter (editor)<`) {
		t.Errorf("the new user's dashboard does not show who is logged in:\n%s", res.Body)
	}
	if res := c.get("/claims/new"); res.Status != http.StatusOK {
		t.Errorf("GET /claims/new as an editor: got %d, want 200", res.Status)
	}
}

func TestUserAddInvalid(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, role, password, field string
	}{
		{"ErrRole", "chief", "correct horse battery", "role"},
		{"ErrPasswordShort", "viewer", "short", "password"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dbPath := dbtest.DSN(t)
			var out bytes.Buffer
			args := []string{"user", "add", "-email", "rita@newsroom.test", "-role", tt.role, "-db", dbPath}
			err := run(t.Context(), args, func(string) string { return "" }, strings.NewReader(tt.password+"\n"), &out)
			var ve claims.ValidationError
			if !errors.As(err, &ve) || ve[tt.field] == "" {
				t.Fatalf("user add -role %s: got error %v, want a problem with %s", tt.role, err, tt.field)
			}
			if strings.Contains(out.String(), "Added") {
				t.Errorf("user add printed %q although it failed", out.String())
			}
			a := startApp(t, nil, "-addr", "127.0.0.1:0", "-db", dbPath)
			if !strings.Contains(a.Output(), "/setup?token=") {
				t.Errorf("no setup link after a failed user add, so an account was stored:\n%s", a.Output())
			}
		})
	}
}

func TestRunBadArgs(t *testing.T) {
	t.Parallel()
	for _, args := range [][]string{
		{"-no-such-flag"},
		{"serve"},
		{"user", "add", "-no-such-flag"},
	} {
		var out bytes.Buffer
		dbPath := dbtest.DSN(t)
		err := run(t.Context(), append(args, "-db", dbPath), func(string) string { return "" }, strings.NewReader(""), &out)
		if err == nil {
			t.Errorf("run %q: got nil error, want one", args)
		}
	}
}

var setupLink = regexp.MustCompile(`(http://\S+)/setup\?token=(\S+)`)

func TestRunSetup(t *testing.T) {
	t.Parallel()
	a := startApp(t, nil, "-addr", "127.0.0.1:0", "-db", dbtest.DSN(t))
	m := setupLink.FindStringSubmatch(a.Output())
	if m == nil {
		t.Fatalf("no one-time setup link printed for an empty database:\n%s", a.Output())
	}
	link, base, token := m[0], m[1], m[2]
	if base != a.URL {
		t.Errorf("setup link points at %s, want the address run listens on, %s", base, a.URL)
	}

	c := newClient(t, a.URL)
	if res := c.get(link); res.Status != http.StatusOK || !strings.Contains(res.Body, "Create the first admin") {
		t.Fatalf("GET the setup link: got %d, want 200 with the setup form\n%s", res.Status, res.Body)
	}
	for _, path := range []string{"/setup?token=wrong" + token, "/setup"} {
		if res := c.get(path); res.Status != http.StatusNotFound {
			t.Errorf("GET %s: got %d, want 404", path, res.Status)
		}
	}
	if res := c.post("/setup", url.Values{"token": {"wrong"}, "email": {"ada@newsroom.test"}, "password": {"long enough password"}}); res.Status != http.StatusNotFound {
		t.Errorf("POST /setup with a wrong token: got %d, want 404", res.Status)
	}
	res := c.post("/setup", url.Values{"token": {token}, "email": {"ada@newsroom.test"}, "password": {"short"}})
	if res.Status != http.StatusUnprocessableEntity || !strings.Contains(res.Body, `data-testid="error-password"`) {
		t.Errorf("POST /setup with a short password: got %d, want 422 with the password marked", res.Status)
	}

	res = c.post("/setup", url.Values{"token": {token}, "email": {"ada@newsroom.test"}, "name": {"Ada Admin"}, "password": {"long enough password"}})
	if res.Status != http.StatusSeeOther || res.Location != "/users" {
		t.Fatalf("POST /setup: got %d to %q, want 303 to /users\n%s", res.Status, res.Location, res.Body)
	}
	res = c.get("/users")
	if res.Status != http.StatusOK {
		t.Fatalf("GET /users after setup: got %d, want 200", res.Status)
	}
	for _, want := range []string{
		`data-testid="whoami">Ada Admin (admin)<`,
		"Your admin account is ready.",
		"<td>ada@newsroom.test</td>",
	} {
		if !strings.Contains(res.Body, want) {
			t.Errorf("users page after setup lacks %q", want)
		}
	}
	if res := c.get(link); res.Status != http.StatusNotFound {
		t.Errorf("GET the setup link a second time: got %d, want 404", res.Status)
	}
	other := newClient(t, a.URL)
	other.login("ada@newsroom.test", "long enough password", "/")
}

// TestUsageNamesCommands: -h is not an error, and it and an unknown command name
// every command, so a new user finds gen, backup and load, not only user add.
func TestUsageNamesCommands(t *testing.T) {
	t.Parallel()
	getenv := func(string) string { return "" }
	var out bytes.Buffer
	if err := run(t.Context(), []string{"-h"}, getenv, strings.NewReader(""), &out); err != nil {
		t.Errorf("run -h = %v, want nil", err)
	}
	for _, args := range [][]string{{"gen", "-h"}, {"backup", "-h"}, {"load", "-h"}, {"user", "add", "-h"}} {
		if err := run(t.Context(), args, getenv, strings.NewReader(""), &bytes.Buffer{}); err != nil {
			t.Errorf("run %q = %v, want nil", args, err)
		}
	}
	err := run(t.Context(), []string{"serve"}, getenv, strings.NewReader(""), &bytes.Buffer{})
	if err == nil {
		t.Fatal("run serve: got nil error, want one")
	}
	for _, cmd := range []string{"user add", "gen", "backup", "load"} {
		if !strings.Contains(out.String(), "claimdesk "+cmd+" ") {
			t.Errorf("-h does not name %q:\n%s", cmd, out.String())
		}
		if !strings.Contains(err.Error(), cmd) {
			t.Errorf("unknown command error does not name %q: %v", cmd, err)
		}
	}
}

// TestSetupLinkSharedByInstances: two instances started on one empty database print
// the same setup link, and either accepts it, so a proxy may send the browser to
// either; once used through one, the other refuses it.
func TestSetupLinkSharedByInstances(t *testing.T) {
	t.Parallel()
	dsn := dbtest.DSN(t)
	a := startApp(t, nil, "-addr", "127.0.0.1:0", "-db", dsn)
	b := startApp(t, nil, "-addr", "127.0.0.1:0", "-db", dsn)
	ma, mb := setupLink.FindStringSubmatch(a.Output()), setupLink.FindStringSubmatch(b.Output())
	if ma == nil || mb == nil {
		t.Fatalf("each instance should print a setup link:\nA:\n%s\nB:\n%s", a.Output(), b.Output())
	}
	if ma[2] != mb[2] {
		t.Fatalf("instances printed different tokens: %q and %q", ma[2], mb[2])
	}
	token := ma[2]
	onB := newClient(t, b.URL)
	if res := onB.get("/setup?token=" + token); res.Status != http.StatusOK {
		t.Fatalf("instance B refuses instance A's link: %d", res.Status)
	}
	onA := newClient(t, a.URL)
	res := onA.post("/setup", url.Values{"token": {token}, "email": {"ada@newsroom.test"}, "name": {"Ada Admin"}, "password": {"long enough password"}})
	if res.Status != http.StatusSeeOther {
		t.Fatalf("POST /setup on A: got %d, want 303", res.Status)
	}
	if res := onB.get("/setup?token=" + token); res.Status != http.StatusNotFound {
		t.Errorf("instance B after setup on A: got %d, want 404", res.Status)
	}
	if res := onB.post("/setup", url.Values{"token": {token}, "email": {"eve@newsroom.test"}, "name": {"Eve"}, "password": {"long enough password"}}); res.Status != http.StatusNotFound {
		t.Errorf("second admin through B: got %d, want 404", res.Status)
	}
}

// TestLogoutReachesEveryInstance: a session one instance has just used is ended there
// the moment it is logged out through another, though instances keep the sessions
// they checked (by the desk's version).
func TestLogoutReachesEveryInstance(t *testing.T) {
	t.Parallel()
	dsn := dbtest.DSN(t)
	env := map[string]string{"CLAIMDESK_DEMO_PASSWORD": demoPassword}
	a := startApp(t, env, demoArgs(dsn)...)
	b := startApp(t, env, "-addr", "127.0.0.1:0", "-db", dsn)
	onA := newClient(t, a.URL)
	onA.login("editor@demo.test", demoPassword, "/")
	for range 3 {
		if res := onA.get("/"); res.Status != http.StatusOK {
			t.Fatalf("dashboard on A: %d", res.Status)
		}
	}
	// The same browser, sent to B by a proxy, logs out there.
	onB := newClient(t, b.URL)
	u, _ := url.Parse(a.URL)
	ub, _ := url.Parse(b.URL)
	onB.http.Jar.SetCookies(ub, onA.http.Jar.Cookies(u))
	if res := onB.post("/logout", nil); res.Status != http.StatusSeeOther {
		t.Fatalf("logout on B: %d", res.Status)
	}
	if res := onA.get("/"); res.Status != http.StatusSeeOther || !strings.HasPrefix(res.Location, "/login") {
		t.Errorf("A after logout on B: %d to %q, want 303 to the login page", res.Status, res.Location)
	}
}
