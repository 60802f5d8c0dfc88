package loadtest_test

import (
	"bytes"
	"context"
	"log/slog"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"claimdesk/internal/auth"
	"claimdesk/internal/claims"
	"claimdesk/internal/db/dbtest"
	"claimdesk/internal/demo"
	"claimdesk/internal/loadtest"
	"claimdesk/internal/metrics"
	"claimdesk/internal/web"
)

// TestRun runs every route briefly against a desk of 1,000 generated claims and the
// baseline, both in this process. It checks that each route was measured and that reads
// never failed; it says nothing about speed.
func TestRun(t *testing.T) {
	ctx := context.Background()
	d := dbtest.Open(t)
	if err := demo.Generate(ctx, d, 1000, 1); err != nil {
		t.Fatal(err)
	}
	as := auth.NewService(d)
	const email, password = "checker@load.test", "a password for the load test"
	if err := loadtest.Account(ctx, as, email, password); err != nil {
		t.Fatal(err)
	}
	claimIDs, sourceIDs, err := loadtest.IDs(ctx, d)
	if err != nil {
		t.Fatal(err)
	}
	if len(claimIDs) != 1000 || len(sourceIDs) == 0 {
		t.Fatalf("got %d claims and %d sources, want 1000 and some", len(claimIDs), len(sourceIDs))
	}
	app := httptest.NewServer(web.New(web.Config{Claims: claims.NewService(d), Auth: as, Logger: slog.New(slog.DiscardHandler)}))
	defer app.Close()
	reg := metrics.NewRegistry()
	d.RegisterMetrics(reg)
	metricsSrv := httptest.NewServer(reg.Handler())
	defer metricsSrv.Close()
	_, sqlite := d.WriterStats()
	base := httptest.NewServer(loadtest.Baseline())
	defer base.Close()

	client := loadtest.NewClient()
	cookie, err := loadtest.Login(ctx, client, app.URL, email, password)
	if err != nil {
		t.Fatal(err)
	}
	routes := loadtest.Routes()
	rep, err := loadtest.Run(ctx, loadtest.Config{
		BaseURL: app.URL, BaselineURL: base.URL + "/", Client: client, Cookie: cookie,
		Routes: routes, Rounds: 2, Duration: 200 * time.Millisecond, Conns: 2,
		ClaimIDs: claimIDs, SourceIDs: sourceIDs, MetricsURL: metricsSrv.URL,
	})
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	rep.Print(&out)
	t.Logf("\n%s", out.String())

	if got, want := len(rep.Rows), len(routes); got != want {
		t.Fatalf("the report has %d rows, want one per route, %d", got, want)
	}
	for i, row := range rep.Rows {
		if row.Route != routes[i].Name {
			t.Errorf("row %d is %q, want %q", i, row.Route, routes[i].Name)
		}
		if row.Requests == 0 || row.Ratio <= 0 || row.P99 < row.P50 || len(row.Ratios) != 2 {
			t.Errorf("route %s: %d requests, ratio %v, p50 %v, p99 %v, %d rounds; want requests, a ratio and ordered percentiles over 2 rounds",
				row.Route, row.Requests, row.Ratio, row.P50, row.P99, len(row.Ratios))
		}
		if !row.Write && row.Errors != 0 {
			t.Errorf("read route %s: %d errors, first: %s", row.Route, row.Errors, row.FirstError)
		}
		if !strings.Contains(out.String(), row.Route) {
			t.Errorf("the printed table lacks route %s", row.Route)
		}
		// On SQLite, the write routes say how busy the one writer was.
		switch l := row.Writer; {
		case !row.Write || !sqlite:
			if l != nil {
				t.Errorf("route %s has writer figures %+v; only SQLite's write routes have them", row.Route, *l)
			}
		case l == nil:
			t.Errorf("write route %s: no writer figures", row.Route)
		case l.Busy <= 0 || l.Busy > 1.05 || l.SavesPerCommit < 1 || l.PerSave <= 0 || l.Commit <= 0:
			t.Errorf("write route %s: writer %+v", row.Route, *l)
		}
	}
	if got := strings.Contains(out.String(), "SQLite's one writer"); got != sqlite {
		t.Errorf("the writer's table printed: %v, want %v", got, sqlite)
	}
}

func TestSelectRoutes(t *testing.T) {
	got, err := loadtest.SelectRoutes("claim, verdict")
	if err != nil || len(got) != 2 || got[0].Name != "claim" || got[1].Name != "verdict" || !got[1].Write {
		t.Errorf(`SelectRoutes("claim, verdict") = %v, %v; want the claim page and the verdict write`, got, err)
	}
	if _, err := loadtest.SelectRoutes("dashboard,nope"); err == nil || !strings.Contains(err.Error(), `"nope"`) {
		t.Errorf("SelectRoutes with an unknown name: got %v, want an error naming it", err)
	}
	if all, err := loadtest.SelectRoutes(""); err != nil || len(all) != len(loadtest.Routes()) {
		t.Errorf(`SelectRoutes("") = %d routes, %v; want all %d`, len(all), err, len(loadtest.Routes()))
	}
}
