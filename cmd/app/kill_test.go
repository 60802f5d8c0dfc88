package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"claimdesk/internal/db"
	"claimdesk/internal/db/dbtest"
)

// childArgs, when set in the environment, makes the test binary run the desk with these
// arguments (JSON) instead of the tests: a separate process that a test can kill.
const childArgs = "CLAIMDESK_TEST_CHILD_ARGS"

func TestMain(m *testing.M) {
	if v := os.Getenv(childArgs); v != "" {
		var args []string
		if err := json.Unmarshal([]byte(v), &args); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
		if err := run(context.Background(), args, os.Getenv, os.Stdin, os.Stdout); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// startProcess runs the desk with args in a process of its own and returns its address
// and the process, which the test may kill; it is killed when the test ends.
func startProcess(t *testing.T, env map[string]string, args ...string) (string, *exec.Cmd) {
	t.Helper()
	encoded, err := json.Marshal(args)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), childArgs+"="+string(encoded))
	for k, v := range env {
		cmd.Env = append(cmd.Env, k+"="+v)
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = cmd.Stdout
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cmd.Process.Kill()
		cmd.Wait()
	})
	listening := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			if addr, ok := strings.CutPrefix(sc.Text(), "Claimdesk listening on "); ok {
				listening <- addr
			}
		}
	}()
	select {
	case addr := <-listening:
		return addr, cmd
	case <-time.After(30 * time.Second):
		t.Fatal("the desk's process did not say it was listening within 30 s")
		return "", nil
	}
}

// TestKillOneInstanceMidLoad kills one of two instances on one PostgreSQL database with
// SIGKILL (its process, not the database) while 16 people save comments through both:
// the other keeps serving every save, and every save either acknowledged is in the
// database. It needs CLAIMDESK_TEST_POSTGRES, as the other several-instance tests do.
func TestKillOneInstanceMidLoad(t *testing.T) {
	if !dbtest.NeedPostgres(t, "two instances need PostgreSQL") {
		return
	}
	t.Parallel()
	dsn := dbtest.DSN(t)
	env := map[string]string{"CLAIMDESK_DEMO_PASSWORD": demoPassword}
	aURL, a := startProcess(t, env, demoArgs(dsn)...)
	b := startApp(t, env, "-addr", "127.0.0.1:0", "-db", dsn)

	var (
		mu      sync.Mutex
		acked   []string
		failedB []string
		wg      sync.WaitGroup
	)
	stop := time.Now().Add(1500 * time.Millisecond)
	for w := range 16 {
		base := aURL
		if w%2 == 1 {
			base = b.URL
		}
		c := newClient(t, base)
		c.login("editor@demo.test", demoPassword, "/")
		wg.Go(func() {
			for i := 0; time.Now().Before(stop); i++ {
				body := fmt.Sprintf("Writer %02d, save %d.", w, i)
				res, err := c.http.PostForm(base+"/claims/1/comments", url.Values{"body": {body}})
				if err == nil {
					res.Body.Close()
				}
				mu.Lock()
				switch {
				case err == nil && res.StatusCode == http.StatusSeeOther:
					acked = append(acked, body)
				case base == b.URL:
					failedB = append(failedB, fmt.Sprintf("%s: %v %v", body, err, res))
				}
				mu.Unlock()
				if err != nil && base == aURL {
					return // A is gone
				}
			}
		})
	}
	time.Sleep(500 * time.Millisecond)
	if err := a.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	wg.Wait()

	if len(failedB) > 0 {
		t.Errorf("%d saves on instance B failed after A was killed, the first: %s", len(failedB), failedB[0])
	}
	d, bodies, saved := savedComments(t, dsn)
	defer d.Close()
	onA, missing := 0, 0
	for _, body := range acked {
		var w int
		fmt.Sscanf(body, "Writer %d", &w)
		if w%2 == 0 {
			onA++
		}
		if !saved[body] {
			missing++
			t.Errorf("acknowledged save %q is not in the database", body)
		}
	}
	t.Logf("%d saves acknowledged (%d by the killed instance A), %d missing, %d rows saved", len(acked), onA, missing, len(bodies))
	if onA == 0 {
		t.Error("instance A acknowledged nothing before it was killed: the test killed it too early to mean anything")
	}
}

// TestKillSQLiteMidLoad kills the desk's process (SIGKILL) on its SQLite file while 8
// editors save comments through it: every save acknowledged before the kill is in the
// file afterwards, with its entry in the claim's history (one transaction), and the file
// passes SQLite's integrity check.
func TestKillSQLiteMidLoad(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "desk.db")
	env := map[string]string{"CLAIMDESK_DEMO_PASSWORD": demoPassword}
	base, proc := startProcess(t, env, demoArgs(path)...)

	var (
		mu    sync.Mutex
		acked []string
		wg    sync.WaitGroup
	)
	for w := range 8 {
		c := newClient(t, base)
		c.login("editor@demo.test", demoPassword, "/")
		wg.Go(func() {
			for i := 0; ; i++ {
				body := fmt.Sprintf("Writer %d, save %d.", w, i)
				res, err := c.http.PostForm(fmt.Sprintf("%s/claims/%d/comments", base, 1+w%3), url.Values{"body": {body}})
				if err != nil {
					return // the desk is gone
				}
				res.Body.Close()
				if res.StatusCode == http.StatusSeeOther {
					mu.Lock()
					acked = append(acked, body)
					mu.Unlock()
				}
			}
		})
	}
	time.Sleep(700 * time.Millisecond)
	if err := proc.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	wg.Wait()

	d, bodies, saved := savedComments(t, path)
	defer d.Close()
	var check string
	if err := d.Read(context.Background()).Raw("PRAGMA integrity_check").Scan(&check).Error; err != nil || check != "ok" {
		t.Errorf("integrity check after the kill: %q, %v", check, err)
	}
	for _, body := range acked {
		if !saved[body] {
			t.Errorf("acknowledged save %q is not in the file", body)
		}
	}
	var history int64
	if err := d.Read(context.Background()).Raw("SELECT count(*) FROM claim_history WHERE kind = 'commented'").Scan(&history).Error; err != nil {
		t.Fatal(err)
	}
	if history != int64(len(bodies)) {
		t.Errorf("%d comments but %d history entries of them: a comment and its history entry were not saved together", len(bodies), history)
	}
	t.Logf("%d saves acknowledged before the kill, %d comments in the file", len(acked), len(bodies))
	if len(acked) == 0 {
		t.Error("nothing was acknowledged before the kill: the test killed the desk too early to mean anything")
	}
}

// savedComments opens the database after a kill and reads the comments saved in it: the
// database (for more checks; the caller closes it), their bodies, and the set of them.
func savedComments(t *testing.T, dsn string) (*db.DB, []string, map[string]bool) {
	t.Helper()
	d, err := db.Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	var bodies []string
	if err := d.Read(context.Background()).Raw("SELECT body FROM comments").Scan(&bodies).Error; err != nil {
		d.Close()
		t.Fatal(err)
	}
	saved := map[string]bool{}
	for _, s := range bodies {
		saved[s] = true
	}
	return d, bodies, saved
}
