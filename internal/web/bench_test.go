package web_test

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"claimdesk/internal/auth"
	"claimdesk/internal/claims"
	"claimdesk/internal/db"
	"claimdesk/internal/db/dbtest"
	"claimdesk/internal/demo"
	"claimdesk/internal/web"

	"github.com/PuerkitoBio/goquery"
)

// benchDesk serves a database and returns the server and a viewer's session cookie.
func benchDesk(b *testing.B, gdb *db.DB) (*web.Server, *http.Cookie) {
	b.Helper()
	as := auth.NewService(gdb)
	u, err := as.Authenticate(ctx, "bench@desk.test", password)
	if err != nil {
		if u, err = as.CreateUser(ctx, auth.NewUser{Email: "bench@desk.test", Role: auth.RoleViewer, Password: password}); err != nil {
			b.Fatal(err)
		}
	}
	token, err := as.StartSession(ctx, u.ID)
	if err != nil {
		b.Fatal(err)
	}
	srv := web.New(web.Config{Claims: claims.NewService(gdb), Auth: as, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	return srv, &http.Cookie{Name: "claimdesk_session", Value: token}
}

// generated opens a database of n generated claims, built once into os.TempDir() and
// reused by later runs.
func generated(b *testing.B, n int) *db.DB {
	b.Helper()
	path := filepath.Join(os.TempDir(), fmt.Sprintf("claimdesk-web-bench-%d-gen%d.db", n, demo.Generation))
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		tmp := path + ".building"
		os.Remove(tmp)
		gdb, err := db.Open(ctx, tmp)
		if err != nil {
			b.Fatal(err)
		}
		if err := demo.Generate(ctx, gdb, n, 1); err != nil {
			b.Fatal(err)
		}
		gdb.Close()
		if err := os.Rename(tmp, path); err != nil {
			b.Fatal(err)
		}
	}
	gdb, err := db.Open(ctx, path)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { gdb.Close() })
	return gdb
}

func benchGet(b *testing.B, srv *web.Server, cookie *http.Cookie, path string) {
	b.Helper()
	b.ReportAllocs()
	for b.Loop() {
		req := httptest.NewRequest("GET", path, nil)
		req.AddCookie(cookie)
		rec := httptest.NewRecorder()
		srv.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK {
			b.Fatalf("GET %s = %d", path, rec.Code)
		}
	}
}

// BenchmarkDashboard measures a whole dashboard request: session, counts, one page of
// claims with who changed them, the filter choices, and rendering.
func BenchmarkDashboard(b *testing.B) {
	b.Run("demo", func(b *testing.B) {
		gdb := dbtest.Open(b)
		if _, err := demo.Load(ctx, claims.NewService(gdb), auth.NewService(gdb), password); err != nil {
			b.Fatal(err)
		}
		srv, cookie := benchDesk(b, gdb)
		benchGet(b, srv, cookie, "/")
	})
	gdb := generated(b, 100_000)
	srv, cookie := benchDesk(b, gdb)
	for _, path := range []string{"/", "/?bucket=officially-confirmed", "/?bucket=contested", "/?country=Syria", "/?source=7", "/?page=500"} {
		b.Run("100k"+path, func(b *testing.B) { benchGet(b, srv, cookie, path) })
	}
	b.Run("100k/claims/50000", func(b *testing.B) { benchGet(b, srv, cookie, "/claims/50000") })
}

// BenchmarkDeepPage measures the 500th page of a filtered list at 100,000 claims,
// reached through the Older links (keyset), beside the same page by number (OFFSET).
func BenchmarkDeepPage(b *testing.B) {
	gdb := generated(b, 100_000)
	srv, cookie := benchDesk(b, gdb)
	for _, start := range []string{"/?country=Syria", "/?country=Syria&sort=updated"} {
		at, depth := start, 1
		for ; depth < 500; depth++ {
			req := httptest.NewRequest("GET", at, nil)
			req.AddCookie(cookie)
			rec := httptest.NewRecorder()
			srv.ServeHTTP(rec, req)
			doc, err := goquery.NewDocumentFromReader(rec.Body)
			if err != nil {
				b.Fatal(err)
			}
			next, ok := doc.Find(`.pager a[rel="next"]`).Attr("href")
			if !ok {
				break
			}
			at = next
		}
		b.Logf("%s: page %d is %s", start, depth, at)
		b.Run("100k"+start+"/keyset", func(b *testing.B) { benchGet(b, srv, cookie, at) })
		b.Run("100k"+start+"/offset", func(b *testing.B) { benchGet(b, srv, cookie, start+"&page="+strconv.Itoa(depth)) })
	}
}

// BenchmarkClaimPageUncached measures claim pages none of which is kept yet: each
// request asks for another of 100,000 claims, as the load harness's claim route does.
func BenchmarkClaimPageUncached(b *testing.B) {
	gdb := generated(b, 100_000)
	srv, cookie := benchDesk(b, gdb)
	b.ReportAllocs()
	id := 0
	for b.Loop() {
		id = (id + 7919) % 100_000
		path := "/claims/" + strconv.Itoa(id+1)
		req := httptest.NewRequest("GET", path, nil)
		req.AddCookie(cookie)
		rec := httptest.NewRecorder()
		srv.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK {
			b.Fatalf("GET %s = %d", path, rec.Code)
		}
	}
}

// BenchmarkVerdict measures a fact-checker's verdict POST on the 100,000-claim desk,
// from the request to the durable commit and the redirect: the load harness's verdict
// route without the network. "parallel" posts from several goroutines at once, so
// the writer can commit more than one in a transaction.
func BenchmarkVerdict(b *testing.B) {
	gdb := generated(b, 100_000)
	as := auth.NewService(gdb)
	const email = "bench-factchecker@desk.test"
	u, err := as.Authenticate(ctx, email, password)
	if err != nil {
		if u, err = as.CreateUser(ctx, auth.NewUser{Email: email, Role: auth.RoleFactchecker, Password: password}); err != nil {
			b.Fatal(err)
		}
	}
	token, err := as.StartSession(ctx, u.ID)
	if err != nil {
		b.Fatal(err)
	}
	cs := claims.NewService(gdb)
	srv := web.New(web.Config{Claims: cs, Auth: as, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	cookie := &http.Cookie{Name: "claimdesk_session", Value: token}
	// Like the load harness, verdicts go to a pool of 256 claims, each worker keeping
	// the revision its last verdict left.
	type state struct {
		sync.Mutex
		revision int
		verdict  claims.Verdict
	}
	pool := make([]*state, 256)
	for i := range pool {
		c, err := cs.Claim(ctx, int64(1+i*389))
		if err != nil {
			b.Fatal(err)
		}
		pool[i] = &state{revision: c.Revision, verdict: c.Verdict}
	}
	var next atomic.Int64
	post := func(b *testing.B) {
		i := next.Add(1) % int64(len(pool))
		id, st := 1+i*389, pool[i]
		st.Lock()
		defer st.Unlock()
		to := claims.VerdictDisputed
		if st.verdict == to {
			to = claims.VerdictFalse
		}
		st.verdict = to
		st.revision++
		form := url.Values{"verdict": {string(to)}, "reason": {"Benchmark: the figures disagree."}, "revision": {strconv.Itoa(st.revision - 1)}}
		req := httptest.NewRequest("POST", "/claims/"+strconv.FormatInt(id, 10)+"/verdict", strings.NewReader(form.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.AddCookie(cookie)
		rec := httptest.NewRecorder()
		srv.ServeHTTP(rec, req)
		if rec.Code != http.StatusSeeOther {
			b.Fatalf("POST verdict on claim %d = %d", id, rec.Code)
		}
	}
	b.Run("serial", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			post(b)
		}
	})
	// plain-sql is a floor: the five main statements of a verdict as plain SQL, one
	// durable transaction each, past the desk's writer, GORM and HTTP (on claims
	// next to the pool's, whose revisions the other sub-benchmarks keep).
	b.Run("plain-sql", func(b *testing.B) {
		sqlDB, err := gdb.Gorm().DB()
		if err != nil {
			b.Fatal(err)
		}
		stmts := []string{
			"UPDATE claims SET verdict = CASE verdict WHEN 'disputed' THEN 'false' ELSE 'disputed' END, revision = revision + 1, updated_at = ?1, updated_by_id = ?3 WHERE id = ?2",
			"INSERT INTO verdict_changes (claim_id, from_verdict, to_verdict, reason, changed_by_id, changed_at, suggested, override) VALUES (?2, 'disputed', 'false', 'Benchmark', ?3, ?1, '', 0)",
			"INSERT INTO claim_history (claim_id, kind, detail, changes, reason, user_id, at) VALUES (?2, 'verdict', '', '[]', 'Benchmark', ?3, ?1)",
			"INSERT INTO claim_counts (scope, bucket, n) VALUES ('', 'all', 0) ON CONFLICT (scope, bucket) DO UPDATE SET n = claim_counts.n + excluded.n",
			"UPDATE desk_version SET n = n + 1 WHERE id = 1",
		}
		b.ReportAllocs()
		i := 0
		for b.Loop() {
			i++
			tx, err := sqlDB.BeginTx(ctx, nil)
			if err != nil {
				b.Fatal(err)
			}
			for _, q := range stmts {
				if _, err := tx.Exec(q, time.Now().UTC(), 2+(i%256)*389, u.ID); err != nil {
					b.Fatal(err)
				}
			}
			if err := tx.Commit(); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("parallel", func(b *testing.B) {
		b.ReportAllocs()
		b.SetParallelism(2)
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				post(b)
			}
		})
	})
}
