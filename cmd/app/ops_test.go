package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"claimdesk/internal/metrics/metricstest"
)

// TestLogFormatJSON: with -log-format json every log line is one JSON object, and each
// request is logged with its method, path and status.
func TestLogFormatJSON(t *testing.T) {
	t.Parallel()
	a := startApp(t, nil, "-addr", "127.0.0.1:0", "-db", filepath.Join(t.TempDir(), "x.db"), "-log-format", "json")
	c := newClient(t, a.URL)
	c.get("/healthz")
	c.get("/no-such-page")
	if err := a.Stop(); err != nil {
		t.Fatal(err)
	}
	type entry struct {
		Msg, Level, Method, Path string
		Status                   any
		Took                     any
	}
	var logged []entry
	for l := range strings.SplitSeq(a.Output(), "\n") {
		if strings.HasPrefix(l, "time=") || strings.Contains(l, "level=") {
			t.Errorf("a text log line with -log-format json: %q", l)
		}
		if !strings.HasPrefix(l, "{") {
			continue // what run prints for people: the address, the setup link
		}
		var e entry
		if err := json.Unmarshal([]byte(l), &e); err != nil {
			t.Errorf("log line is not one JSON object: %q: %v", l, err)
			continue
		}
		if e.Msg == "" || e.Level == "" {
			t.Errorf("log line lacks msg or level: %q", l)
		}
		logged = append(logged, e)
	}
	want := map[string]float64{"/healthz": 200, "/no-such-page": 404}
	for _, e := range logged {
		if st, ok := e.Status.(float64); e.Msg == "request" && e.Level == "INFO" && e.Method == "GET" && ok && want[e.Path] == st {
			delete(want, e.Path)
		}
	}
	if len(want) > 0 {
		t.Errorf("no JSON request line with msg, level, method, path and status for %v:\n%s", want, a.Output())
	}
	if last := logged[len(logged)-1]; last.Msg != "shut down cleanly" || last.Took == nil {
		t.Errorf("the last log line is %+v, want \"shut down cleanly\" with how long it took", last)
	}
}

// TestLogLevel: -log-level warn leaves out the request lines; bad values are refused.
func TestLogLevel(t *testing.T) {
	t.Parallel()
	a := startApp(t, nil, "-addr", "127.0.0.1:0", "-db", filepath.Join(t.TempDir(), "x.db"), "-log-level", "warn")
	newClient(t, a.URL).get("/healthz")
	a.Stop()
	if strings.Contains(a.Output(), `"msg":"request"`) {
		t.Errorf("request lines logged at -log-level warn:\n%s", a.Output())
	}
	env := map[string]string{"CLAIMDESK_LOG_FORMAT": "json", "CLAIMDESK_LOG_LEVEL": "debug", "CLAIMDESK_METRICS_ADDR": "127.0.0.1:9100"}
	fs := flag.NewFlagSet("t", flag.ContinueOnError)
	cfg, err := parseFlags(fs, nil, func(k string) string { return env[k] })
	if err != nil {
		t.Fatal(err)
	}
	if cfg.logFormat != "json" || cfg.logLevel != slog.LevelDebug || cfg.metricsAddr != "127.0.0.1:9100" {
		t.Errorf("from the environment: format %q, level %v, metrics %q", cfg.logFormat, cfg.logLevel, cfg.metricsAddr)
	}
	for _, args := range [][]string{{"-log-format", "xml"}, {"-log-level", "loud"}} {
		var out strings.Builder
		err := run(t.Context(), append(args, "-db", filepath.Join(t.TempDir(), "x.db")), func(string) string { return "" }, strings.NewReader(""), &out)
		if err == nil {
			t.Errorf("run %q: got nil error, want one", args)
		}
	}
}

var metricsLine = regexp.MustCompile(`Metrics on (http://\S+/metrics)`)

// TestMetricsAddr: -metrics-addr serves /metrics on its own listener with requests by
// route, the database pool, open streams and the write queue; the desk's own address
// has no /metrics, and without the flag nothing listens for metrics.
func TestMetricsAddr(t *testing.T) {
	t.Parallel()
	a := startApp(t, map[string]string{"CLAIMDESK_DEMO_PASSWORD": demoPassword, "CLAIMDESK_METRICS_ADDR": "127.0.0.1:0"},
		demoArgs(filepath.Join(t.TempDir(), "x.db"))...)
	m := metricsLine.FindStringSubmatch(a.Output())
	if m == nil {
		t.Fatalf("no metrics address printed:\n%s", a.Output())
	}
	metricsURL := m[1]
	if strings.HasPrefix(metricsURL, a.URL+"/") {
		t.Fatalf("metrics served on the desk's address %s", a.URL)
	}
	c := newClient(t, a.URL)
	c.login("viewer@demo.test", demoPassword, "/")
	c.get("/claims/1")
	c.get("/claims/2")
	if res := c.get("/metrics"); res.Status != http.StatusNotFound {
		t.Errorf("GET /metrics on the desk: %d, want 404", res.Status)
	}
	res := newClient(t, "").get(metricsURL)
	if res.Status != http.StatusOK {
		t.Fatalf("GET %s: %d\n%s", metricsURL, res.Status, res.Body)
	}
	got := metricstest.Parse(t, res.Body)
	for key, want := range map[string]float64{
		`claimdesk_http_requests_total{method="GET",route="/claims/:id",status="2xx"}`: 2,
		`claimdesk_http_requests_total{method="POST",route="/login",status="3xx"}`:     1,
		`claimdesk_http_requests_total{method="GET",route="unmatched",status="4xx"}`:   1,
		`claimdesk_event_streams_open`: 0,
		`claimdesk_db_write_queue`:     0,
	} {
		if v, ok := got[key]; !ok || v != want {
			t.Errorf("%s = %v (present %v), want %v", key, v, ok, want)
		}
	}
	for _, name := range []string{"claimdesk_db_connections_open", "claimdesk_db_connections_in_use", "claimdesk_db_connections_idle",
		"claimdesk_db_wait_total", "claimdesk_db_wait_seconds_total", "process_start_time_seconds",
		`claimdesk_http_request_duration_seconds_count{method="GET",route="/claims/:id"}`} {
		if _, ok := got[name]; !ok {
			t.Errorf("metrics lack %s", name)
		}
	}
	if got["claimdesk_db_connections_open"] < 1 {
		t.Errorf("no open database connection counted")
	}
	// The demo's seeding and the login were saved through SQLite's writer.
	commits, saves := got["claimdesk_sqlite_commits_total"], got["claimdesk_sqlite_saves_total"]
	busy, committing := got["claimdesk_sqlite_writer_busy_seconds_total"], got["claimdesk_sqlite_commit_seconds_total"]
	if commits < 1 || saves < commits || committing <= 0 || busy < committing {
		t.Errorf("SQLite writer: %v commits, %v saves, %vs busy of which %vs committing", commits, saves, busy, committing)
	}
	if !regexp.MustCompile(`(?m)^go_info\{version="go1\.\d+`).MatchString(res.Body) {
		t.Errorf("metrics lack go_info with the Go version")
	}

	plain := startApp(t, nil, "-addr", "127.0.0.1:0", "-db", filepath.Join(t.TempDir(), "y.db"))
	if strings.Contains(plain.Output(), "Metrics on") {
		t.Errorf("metrics served without -metrics-addr:\n%s", plain.Output())
	}
}

// TestGracefulShutdown: cancelling run's context ends a live stream, lets a request
// under way finish, stops accepting connections, and run returns nil promptly.
func TestGracefulShutdown(t *testing.T) {
	t.Parallel()
	a := startApp(t, map[string]string{"CLAIMDESK_DEMO_PASSWORD": demoPassword}, demoArgs(filepath.Join(t.TempDir(), "x.db"))...)
	c := newClient(t, a.URL)
	c.login("viewer@demo.test", demoPassword, "/")

	// A live stream, open until the server ends it.
	stream, err := c.http.Get(a.URL + "/events")
	if err != nil {
		t.Fatal(err)
	}
	defer stream.Body.Close()
	br := bufio.NewReader(stream.Body)
	if first, err := br.ReadString('\n'); err != nil || first != ": live\n" {
		t.Fatalf("stream opened with %q, %v", first, err)
	}
	streamEnded := make(chan error, 1)
	go func() {
		_, err := io.Copy(io.Discard, br)
		streamEnded <- err
	}()

	// A slow request: its form arrives in two halves, the second after shutdown began.
	form := url.Values{"email": {"editor@demo.test"}, "password": {demoPassword}, "next": {"/queue"}}.Encode()
	pr, pw := io.Pipe()
	req, err := http.NewRequest(http.MethodPost, a.URL+"/login", pr)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.ContentLength = int64(len(form))
	type answer struct {
		res *http.Response
		err error
	}
	slow := make(chan answer, 1)
	go func() {
		client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
		res, err := client.Do(req)
		slow <- answer{res, err}
	}()
	pw.Write([]byte(form[:10]))
	time.Sleep(300 * time.Millisecond) // the server has the request's headers

	begun := time.Now()
	stopped := make(chan error, 1)
	go func() { stopped <- a.Stop() }()

	select {
	case err := <-streamEnded:
		if err != nil {
			t.Errorf("stream ended with %v, want a clean end", err)
		}
	case <-time.After(3 * time.Second):
		t.Errorf("the live stream was still open 3 s after shutdown began")
	}
	host := strings.TrimPrefix(a.URL, "http://")
	if conn, err := net.DialTimeout("tcp", host, time.Second); err == nil {
		conn.Close()
		t.Errorf("a new connection was accepted while shutting down")
	}
	select {
	case err := <-stopped:
		t.Fatalf("run returned (%v) before the slow request finished", err)
	default:
	}
	pw.Write([]byte(form[10:]))
	pw.Close()

	select {
	case ans := <-slow:
		if ans.err != nil {
			t.Errorf("the slow request failed: %v", ans.err)
		} else {
			ans.res.Body.Close()
			if ans.res.StatusCode != http.StatusSeeOther || ans.res.Header.Get("Location") != "/queue" {
				t.Errorf("the slow login answered %d to %q, want 303 to /queue", ans.res.StatusCode, ans.res.Header.Get("Location"))
			}
		}
	case <-time.After(5 * time.Second):
		t.Errorf("the slow request got no answer within 5 s")
	}
	select {
	case err := <-stopped:
		if err != nil {
			t.Errorf("run returned %v, want nil", err)
		}
		if took := time.Since(begun); took > 5*time.Second {
			t.Errorf("run took %s to return, want under 5 s", took)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("run did not return within 5 s of the slow request's end")
	}
	if !regexp.MustCompile(`msg="shut down cleanly" took=\S+`).MatchString(a.Output()) {
		t.Errorf("no \"shut down cleanly\" line with how long it took:\n%s", a.Output())
	}
	if strings.Contains(a.Output(), "level=ERROR") {
		t.Errorf("errors logged during shutdown:\n%s", a.Output())
	}
}
