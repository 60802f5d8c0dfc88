package web_test

import (
	"bufio"
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"claimdesk/internal/auth"
	"claimdesk/internal/events"
	"claimdesk/internal/web"
)

// liveDesk is a desk whose claims service publishes to the server's broker, served
// over a real listener so streams can be read as they come. Cancelling live ends
// every stream, as the program's shutdown does.
func liveDesk(t *testing.T, change func(*web.Config)) (*desk, string, context.CancelFunc) {
	t.Helper()
	live, cancel := context.WithCancel(context.Background())
	b := events.NewMemory()
	d, _ := newDeskWith(t, func(cfg *web.Config) {
		cfg.Events, cfg.Live = b, live
		cfg.Claims.Events = b
		if change != nil {
			change(cfg)
		}
	})
	ts := httptest.NewServer(d.srv)
	t.Cleanup(ts.Close)
	t.Cleanup(cancel) // runs before ts.Close: no stream keeps the server open
	return d, ts.URL, cancel
}

// sseEvent is one Server-Sent Event as a browser's EventSource reads it.
type sseEvent struct{ name, data string }

// liveStream is an open /events response being read.
type liveStream struct {
	t      *testing.T
	res    *http.Response
	events chan sseEvent // closed when the server ends the stream
}

// openStream opens /events?query as role and checks it answers 200 as a stream.
func (d *desk) openStream(base string, role auth.Role, query string) *liveStream {
	d.t.Helper()
	res := d.getStream(base, role, query)
	if res.StatusCode != http.StatusOK {
		d.t.Fatalf("GET /events?%s as %s: %d", query, role, res.StatusCode)
	}
	if ct := res.Header.Get("Content-Type"); ct != "text/event-stream" {
		d.t.Fatalf("Content-Type %q, want text/event-stream", ct)
	}
	s := &liveStream{t: d.t, res: res, events: make(chan sseEvent, 64)}
	go func() {
		defer close(s.events)
		sc := bufio.NewScanner(res.Body)
		var e sseEvent
		var data []string
		for sc.Scan() {
			switch line := sc.Text(); {
			case line == "":
				if e.name != "" {
					e.data = strings.Join(data, "\n")
					s.events <- e
				}
				e, data = sseEvent{}, nil
			case strings.HasPrefix(line, "event: "):
				e.name = strings.TrimPrefix(line, "event: ")
			case strings.HasPrefix(line, "data: "):
				data = append(data, strings.TrimPrefix(line, "data: "))
			}
		}
	}()
	d.t.Cleanup(func() { res.Body.Close() })
	return s
}

func (d *desk) getStream(base string, role auth.Role, query string) *http.Response {
	d.t.Helper()
	req, err := http.NewRequestWithContext(d.t.Context(), "GET", base+"/events?"+query, nil)
	if err != nil {
		d.t.Fatal(err)
	}
	if c, ok := d.cookies[role]; ok {
		req.AddCookie(c)
	}
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	res, err := client.Do(req)
	if err != nil {
		d.t.Fatal(err)
	}
	return res
}

// next waits for the next event called name, skipping others.
func (s *liveStream) next(name string) sseEvent {
	s.t.Helper()
	deadline := time.After(3 * time.Second)
	for {
		select {
		case e, ok := <-s.events:
			if !ok {
				s.t.Fatalf("the stream ended before a %q event", name)
			}
			if e.name == name {
				return e
			}
		case <-deadline:
			s.t.Fatalf("no %q event within 3 s", name)
		}
	}
}

// presence waits until the stream says who else is on the claim, as want ("" for
// nobody); each presence event is the whole list, so earlier ones are skipped.
func (s *liveStream) presence(want string) {
	s.t.Helper()
	deadline := time.After(3 * time.Second)
	var got []string
	for {
		select {
		case e, ok := <-s.events:
			if !ok {
				s.t.Fatalf("the stream ended; presence read %q, want %q", got, want)
			}
			if e.name != "presence" {
				continue
			}
			got = append(got, e.data)
			if (want == "" && e.data == "") || (want != "" && strings.Contains(e.data, want)) {
				return
			}
		case <-deadline:
			s.t.Fatalf("presence read %q, want %q", got, want)
		}
	}
}

// ends checks that the server ends the stream soon.
func (s *liveStream) ends(what string) {
	s.t.Helper()
	deadline := time.After(3 * time.Second)
	for {
		select {
		case _, ok := <-s.events:
			if !ok {
				return
			}
		case <-deadline:
			s.t.Fatalf("the stream is still open 3 s after %s", what)
		}
	}
}

func TestLiveNeedsLogin(t *testing.T) {
	d, base, _ := liveDesk(t, nil)
	res := d.getStream(base, "", "")
	defer res.Body.Close()
	if res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(res.Header.Get("Location"), "/login") {
		t.Errorf("GET /events logged out: %d to %q, want 303 to /login", res.StatusCode, res.Header.Get("Location"))
	}
	res = d.getStream(base, auth.RoleViewer, "claim=x")
	defer res.Body.Close()
	if res.StatusCode != http.StatusBadRequest {
		t.Errorf("GET /events?claim=x: %d, want 400", res.StatusCode)
	}
}

// TestLiveVerdict: a verdict reaches the dashboards as the claim's id, and the claim's
// page as a sentence naming who set it, not to the person who set it.
func TestLiveVerdict(t *testing.T) {
	d, base, _ := liveDesk(t, nil)
	dashboard := d.openStream(base, auth.RoleViewer, "")
	page := d.openStream(base, auth.RoleEditor, "claim=1")
	own := d.openStream(base, auth.RoleFactchecker, "claim=1")
	page.next("presence")

	res := d.do(auth.RoleFactchecker, "POST", "/claims/1/verdict", url.Values{"verdict": {"disputed"}, "reason": {"Only one source."}, "revision": {d.revision(1)}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("verdict: %d", res.StatusCode)
	}
	if got := dashboard.next("claim-changed").data; got != "1" {
		t.Errorf("dashboard event data: got %q, want the claim's id 1", got)
	}
	if got, want := page.next("claim-changed").data, "The factchecker set the verdict."; !strings.Contains(got, want) {
		t.Errorf("claim page event: got %q, want it to say %q", got, want)
	}
	// The factchecker's own page hears only of presence.
	timeout := time.After(100 * time.Millisecond)
	for waiting := true; waiting; {
		select {
		case e := <-own.events:
			if e.name == "claim-changed" {
				t.Errorf("the person who set the verdict was told of it: %+v", e)
			}
		case <-timeout:
			waiting = false
		}
	}
}

// TestLivePresence: a claim page hears who else opens and leaves it, by name.
func TestLivePresence(t *testing.T) {
	d, base, _ := liveDesk(t, nil)
	viewer := d.openStream(base, auth.RoleViewer, "claim=1")
	if got := viewer.next("presence").data; got != "" {
		t.Errorf("alone on the claim, presence reads %q", got)
	}
	editor := d.openStream(base, auth.RoleEditor, "claim=1")
	if got := editor.next("presence").data; !strings.Contains(got, "Also open by The viewer") {
		t.Errorf("the editor's presence reads %q, want the viewer named", got)
	}
	viewer.presence("Also open by The editor")
	other := d.openStream(base, auth.RoleAdmin, "claim=2")
	if got := other.next("presence").data; got != "" {
		t.Errorf("on another claim, presence reads %q", got)
	}
	editor.res.Body.Close()
	viewer.presence("")
}

func TestLiveCapPerUser(t *testing.T) {
	d, base, _ := liveDesk(t, nil)
	var open []*liveStream
	for range 4 {
		open = append(open, d.openStream(base, auth.RoleViewer, ""))
	}
	res := d.getStream(base, auth.RoleViewer, "")
	res.Body.Close()
	if res.StatusCode != http.StatusTooManyRequests {
		t.Fatalf("a fifth stream: %d, want 429", res.StatusCode)
	}
	d.openStream(base, auth.RoleEditor, "") // another user is not counted
	open[0].res.Body.Close()
	deadline := time.Now().Add(3 * time.Second)
	for {
		res := d.getStream(base, auth.RoleViewer, "")
		if res.StatusCode == http.StatusOK {
			res.Body.Close()
			break
		}
		res.Body.Close()
		if time.Now().After(deadline) {
			t.Fatalf("after closing one of four streams, another is refused: %d", res.StatusCode)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func TestLiveLogoutEndsStream(t *testing.T) {
	d, base, _ := liveDesk(t, nil)
	s := d.openStream(base, auth.RoleViewer, "claim=1")
	other := d.openStream(base, auth.RoleEditor, "")
	s.next("presence")
	if res := d.do(auth.RoleViewer, "POST", "/logout", url.Values{}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("logout: %d", res.StatusCode)
	}
	s.ends("logout")
	select {
	case _, ok := <-other.events:
		if !ok {
			t.Error("another user's stream ended at the viewer's logout")
		}
	case <-time.After(100 * time.Millisecond):
	}
}

// TestLiveSessionGoneEndsStream: a session that ends elsewhere (another instance,
// expiry) ends its streams at the next keep-alive check.
func TestLiveSessionGoneEndsStream(t *testing.T) {
	d, base, _ := liveDesk(t, func(cfg *web.Config) { cfg.KeepAlive = 50 * time.Millisecond })
	s := d.openStream(base, auth.RoleViewer, "")
	if err := d.auth.EndSession(ctx, d.cookies[auth.RoleViewer].Value); err != nil {
		t.Fatal(err)
	}
	s.ends("the session ended")
}

func TestLiveShutdownEndsStreams(t *testing.T) {
	d, base, shutdown := liveDesk(t, nil)
	a := d.openStream(base, auth.RoleViewer, "")
	b := d.openStream(base, auth.RoleEditor, "claim=1")
	shutdown()
	a.ends("shutdown")
	b.ends("shutdown")
}

// TestLiveClientGoneIsNotAnError: a browser that leaves is logged at debug, not as an
// error, and the stream is not logged as a slow request.
func TestLiveClientGoneIsNotAnError(t *testing.T) {
	live, cancel := context.WithCancel(context.Background())
	defer cancel()
	d, logs := newDeskWith(t, func(cfg *web.Config) { cfg.Live = live })
	ts := httptest.NewServer(d.srv)
	defer ts.Close()
	defer cancel()
	s := d.openStream(ts.URL, auth.RoleViewer, "")
	s.res.Body.Close()
	deadline := time.Now().Add(3 * time.Second)
	for !strings.Contains(logs.String(), "stream ended") {
		if time.Now().After(deadline) {
			t.Fatalf("no debug line for the ended stream; log:\n%s", logs)
		}
		time.Sleep(20 * time.Millisecond)
	}
	if errs := logs.lines("ERROR"); len(errs) > 0 {
		t.Errorf("a client leaving logged errors: %q", errs)
	}
	for _, l := range logs.lines("INFO") {
		if strings.Contains(l, "/events") {
			t.Errorf("the stream was logged as a request: %s", l)
		}
	}
}
