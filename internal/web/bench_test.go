package web_test

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"testing"

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
