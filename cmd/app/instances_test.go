package main

import (
	"bufio"
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"claimdesk/internal/db/dbtest"
)

// TestTwoInstancesOneDatabase runs two instances of the desk on one PostgreSQL
// database, as a deployment behind a load balancer would: a comment saved through one
// reaches a live page open on the other, and 32 people saving at once through both
// lose nothing. It needs CLAIMDESK_TEST_POSTGRES (CI's second run); SQLite is one
// machine's database and has no second instance.
func TestTwoInstancesOneDatabase(t *testing.T) {
	if !dbtest.NeedPostgres(t, "two instances need PostgreSQL") {
		return
	}
	t.Parallel()
	a, b := twoInstances(t)

	viewer := newClient(t, b.URL)
	viewer.login("viewer@demo.test", demoPassword, "/")
	req, err := http.NewRequest(http.MethodGet, b.URL+"/events?claim=1", nil)
	if err != nil {
		t.Fatal(err)
	}
	stream, err := viewer.http.Do(req)
	if err != nil || stream.StatusCode != http.StatusOK {
		t.Fatalf("open the live stream of claim 1 on instance B: %v %v", err, stream)
	}
	defer stream.Body.Close()
	heard := make(chan string, 64)
	go func() {
		sc := bufio.NewScanner(stream.Body)
		for sc.Scan() {
			heard <- sc.Text()
		}
		close(heard)
	}()

	editors := [2]*client{newClient(t, a.URL), newClient(t, b.URL)}
	for _, e := range editors {
		e.login("editor@demo.test", demoPassword, "/")
	}
	if res := editors[0].post("/claims/1/comments", url.Values{"body": {"Checked with the wire desk."}}); res.Status != http.StatusSeeOther {
		t.Fatalf("comment on instance A = %d, want 303", res.Status)
	}
	deadline := time.After(5 * time.Second)
	for notice := false; !notice; {
		select {
		case line, ok := <-heard:
			if !ok {
				t.Fatal("the live stream on instance B ended before the comment made on A arrived")
			}
			notice = strings.HasPrefix(line, "data:") && strings.Contains(line, "commented.")
		case <-deadline:
			t.Fatal("a comment saved on instance A did not reach the live page on instance B within 5 s")
		}
	}

	// 32 writers, half on each instance, all at once.
	var wg sync.WaitGroup
	status := make([]int, 32)
	for i := range status {
		wg.Go(func() {
			res := editors[i%2].post("/claims/1/comments", url.Values{"body": {fmt.Sprintf("Writer %02d was here.", i)}})
			status[i] = res.Status
		})
	}
	wg.Wait()
	for i, s := range status {
		if s != http.StatusSeeOther {
			t.Errorf("writer %d (instance %c) = %d, want 303", i, 'A'+i%2, s)
		}
	}
	for _, e := range editors {
		page := e.get("/claims/1")
		for i := range status {
			if want := fmt.Sprintf("Writer %02d was here.", i); !strings.Contains(page.Body, want) {
				t.Errorf("%s: comment %q missing", e.base, want)
			}
		}
	}

	// Instance A goes away in the middle of the next 32 saves: every save on B still
	// succeeds, and every save either instance acknowledged is on the desk.
	acked := make([]bool, 32)
	for i := range acked {
		wg.Go(func() {
			time.Sleep(time.Duration(i) * 3 * time.Millisecond)
			e := editors[i%2]
			res, err := e.http.PostForm(e.base+"/claims/1/comments", url.Values{"body": {fmt.Sprintf("Late writer %02d was here.", i)}})
			if err != nil {
				return // A is gone: not acknowledged
			}
			res.Body.Close()
			acked[i] = res.StatusCode == http.StatusSeeOther
		})
	}
	time.Sleep(40 * time.Millisecond)
	if err := a.Stop(); err != nil {
		t.Errorf("stop instance A: %v", err)
	}
	wg.Wait()
	onA := 0
	for i := 0; i < len(acked); i += 2 {
		if acked[i] {
			onA++
		}
	}
	t.Logf("instance A acknowledged %d of its 16 saves before it stopped", onA)
	page := editors[1].get("/claims/1")
	for i, ok := range acked {
		want := fmt.Sprintf("Late writer %02d was here.", i)
		switch {
		case i%2 == 1 && !ok:
			t.Errorf("save %d on instance B failed while A stopped", i)
		case ok && !strings.Contains(page.Body, want):
			t.Errorf("acknowledged save %q is missing", want)
		}
	}
}

// TestPresenceAcrossInstances: a claim page on one instance names the people who have
// the claim open on another, and stops naming them when they leave it or when their
// instance stops (it says goodbye; one killed outright is forgotten once its
// announcements expire, which internal/web's TestPresenceAcrossInstances checks).
// It needs CLAIMDESK_TEST_POSTGRES, as TestTwoInstancesOneDatabase does.
func TestPresenceAcrossInstances(t *testing.T) {
	if !dbtest.NeedPostgres(t, "two instances need PostgreSQL") {
		return
	}
	t.Parallel()
	a, b := twoInstances(t)
	viewer, editor := newClient(t, b.URL), newClient(t, a.URL)
	viewer.login("viewer@demo.test", demoPassword, "/")
	editor.login("editor@demo.test", demoPassword, "/")

	onB, _ := openPresence(t, viewer, 1)
	onB.says("the viewer alone on B", "")
	onA, leave := openPresence(t, editor, 1)
	onB.says("the editor opened claim 1 on A", "Also open by Eli Editor")
	onA.says("the editor on A, with the viewer on B", "Also open by Vic Viewer")
	leave()
	onB.says("the editor left claim 1 on A", "")

	openPresence(t, editor, 1)
	onB.says("the editor opened claim 1 on A again", "Also open by Eli Editor")
	if err := a.Stop(); err != nil {
		t.Errorf("stop instance A: %v", err)
	}
	onB.says("instance A stopped", "")
}

// twoInstances starts two instances of the desk on one fresh PostgreSQL database, the
// first loading the demo into it.
func twoInstances(t *testing.T) (a, b *app) {
	t.Helper()
	dsn := dbtest.DSN(t)
	env := map[string]string{"CLAIMDESK_DEMO_PASSWORD": demoPassword}
	a = startApp(t, env, demoArgs(dsn)...)
	b = startApp(t, env, "-addr", "127.0.0.1:0", "-db", dsn)
	return a, b
}

// presenceFeed is the presence events of a claim page's live stream.
type presenceFeed struct {
	t    *testing.T
	data chan string // closed when the stream ends
}

// openPresence opens the live stream of a claim as c's user, with no time limit; the
// function it returns closes it.
func openPresence(t *testing.T, c *client, claim int64) (*presenceFeed, func()) {
	t.Helper()
	ctx, cancel := context.WithCancel(t.Context())
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, fmt.Sprintf("%s/events?claim=%d", c.base, claim), nil)
	if err != nil {
		t.Fatal(err)
	}
	res, err := (&http.Client{Jar: c.http.Jar}).Do(req)
	if err != nil || res.StatusCode != http.StatusOK {
		cancel()
		t.Fatalf("open the live stream of claim %d on %s: %v %v", claim, c.base, err, res)
	}
	f := &presenceFeed{t: t, data: make(chan string, 64)}
	go func() {
		defer close(f.data)
		defer res.Body.Close()
		sc := bufio.NewScanner(res.Body)
		var name string
		for sc.Scan() {
			line := sc.Text()
			if v, ok := strings.CutPrefix(line, "event: "); ok {
				name = v
			} else if v, ok := strings.CutPrefix(line, "data: "); ok && name == "presence" {
				f.data <- v
			} else if line == "" {
				name = ""
			}
		}
	}()
	t.Cleanup(cancel)
	return f, cancel
}

// says waits until the stream names who else has the claim open as want ("" for
// nobody); each presence event is the whole list, so earlier ones are skipped.
func (f *presenceFeed) says(what, want string) {
	f.t.Helper()
	deadline := time.After(5 * time.Second)
	var got []string
	for {
		select {
		case data, ok := <-f.data:
			if !ok {
				f.t.Fatalf("%s: the stream ended; it said %q, want %q", what, got, want)
			}
			got = append(got, data)
			if (want == "" && data == "") || (want != "" && strings.Contains(data, want)) {
				return
			}
		case <-deadline:
			f.t.Fatalf("%s: within 5 s the stream said %q, want %q", what, got, want)
		}
	}
}
