package web_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"claimdesk/internal/auth"
	"claimdesk/internal/db"
	"claimdesk/internal/db/dbtest"

	"gorm.io/gorm"
)

// holdWrites keeps the database's write gate taken until the test ends, as a long
// write would, and makes other writes give up after 50 ms.
func (d *desk) holdWrites() {
	d.t.Helper()
	d.store.WriteWait = 50 * time.Millisecond
	holding, release := make(chan struct{}), make(chan struct{})
	go d.store.Write(ctx, func(tx *gorm.DB) error {
		// On PostgreSQL there is no gate: holding the rows every save and the
		// readiness probe write holds them up the same way.
		tx.Exec("UPDATE desk_version SET n = n WHERE id = 1")
		tx.Exec("UPDATE health SET checked_at = checked_at WHERE id = 1")
		close(holding)
		<-release
		return nil
	})
	<-holding
	d.t.Cleanup(func() { close(release) })
}

// fillDisk makes the database file unable to grow, as on a full disk, and returns the
// function that makes room again. PostgreSQL's disk cannot be filled from a test: a
// new claim fails as PostgreSQL fails on a full disk, with SQLSTATE 53100.
func (d *desk) fillDisk() (room func()) {
	d.t.Helper()
	if d.store.Dialect() == db.Postgres {
		return dbtest.FailWith(d.t, d.store, "claims", "INSERT", "53100", "could not extend file: No space left on device")
	}
	sqlDB, _ := d.gdb.DB()
	sqlDB.SetMaxOpenConns(1) // max_page_count holds per connection
	var pages int
	d.gdb.Raw("PRAGMA page_count").Scan(&pages)
	if err := d.gdb.Exec(fmt.Sprintf("PRAGMA max_page_count = %d", pages+8)).Error; err != nil {
		d.t.Fatal(err)
	}
	// Use up every free page, so the next write that needs one fails as on a full disk.
	d.gdb.Exec("CREATE TABLE filler (x BLOB)")
	for range 1000 {
		if err := d.gdb.Exec("INSERT INTO filler VALUES (randomblob(1000))").Error; err != nil {
			return func() {
				if err := d.gdb.Exec("PRAGMA max_page_count = 1073741823").Error; err != nil {
					d.t.Fatal(err)
				}
			}
		}
	}
	d.t.Fatal("the database never filled up")
	return nil
}

// TestBusyDeskKeepsInput: a save that cannot get its turn to write answers 503 with
// Retry-After, says nothing was saved, shows the form again with what the user typed,
// and writes nothing.
func TestBusyDeskKeepsInput(t *testing.T) {
	title := "Rockets at Ain al-Asad, second wave"
	tests := []struct {
		name, path, field, value string
		role                     auth.Role
		form                     func(d *desk) url.Values
	}{
		{"NewClaim", "/claims", "title", title, auth.RoleEditor, func(d *desk) url.Values {
			return url.Values{"title": {title}, "occurred_on": {"2023-10-18"}, "date_precision": {"day"}, "attack_type": {"rocket"}}
		}},
		{"EditClaim", "/claims/1", "title", title, auth.RoleEditor, func(d *desk) url.Values {
			return url.Values{"title": {title}, "occurred_on": {"2023-10-19"}, "date_precision": {"day"}, "attack_type": {"drone"},
				"country": {"Syria"}, "place": {"al-Tanf"}, "version": {d.version(1)}}
		}},
		{"Citation", "/claims/1/citations", "quote", "Two drones came in", auth.RoleEditor, func(d *desk) url.Values {
			return url.Values{"source_id": {"1"}, "stance": {"confirms"}, "quote": {"Two drones came in"}}
		}},
		{"Verdict", "/claims/1/verdict", "reason", "CENTCOM says so", auth.RoleFactchecker, func(d *desk) url.Values {
			return url.Values{"verdict": {"disputed"}, "reason": {"CENTCOM says so"}, "revision": {d.revision(1)}}
		}},
		{"Source", "/sources", "name", "Politico", auth.RoleEditor, func(d *desk) url.Values {
			return url.Values{"name": {"Politico"}, "kind": {"outlet"}}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := newDesk(t)
			form := tt.form(d)
			before := map[string]int64{}
			for _, table := range []string{"claims", "citations", "sources", "verdict_changes", "claim_events"} {
				before[table] = d.count(table)
			}
			d.holdWrites()
			res := d.do(tt.role, "POST", tt.path, form)
			if res.StatusCode != http.StatusServiceUnavailable {
				t.Fatalf("status %d, want 503", res.StatusCode)
			}
			if res.Header.Get("Retry-After") == "" {
				t.Error("no Retry-After")
			}
			doc := page(t, res)
			if msg := doc.Find(`[data-testid="form-unsaved"]`).Text(); !strings.Contains(msg, "busy") || !strings.Contains(msg, "Nothing was saved") {
				t.Errorf("notice = %q", msg)
			}
			if got := doc.Find(`[name="` + tt.field + `"]`).First(); got.AttrOr("value", got.Text()) != tt.value {
				t.Errorf("%s shown as %q, want the input kept", tt.field, got.AttrOr("value", got.Text()))
			}
			for table, n := range before {
				if got := d.count(table); got != n {
					t.Errorf("%s: %d rows, want %d (nothing saved)", table, got, n)
				}
			}
		})
	}
}

// TestFullDiskKeepsInput: a save on a full disk answers 503 with a page that says so,
// the input kept; once there is room again, the same form saves.
func TestFullDiskKeepsInput(t *testing.T) {
	d := newDesk(t)
	room := d.fillDisk()
	form := url.Values{"title": {"Drone attack on the Conoco gas field"}, "summary": {strings.Repeat("Explosions near the Conoco field. ", 140)},
		"occurred_on": {"2023-10-19"}, "date_precision": {"day"}, "attack_type": {"drone"}}
	res := d.do(auth.RoleEditor, "POST", "/claims", form)
	if res.StatusCode != http.StatusServiceUnavailable {
		t.Fatalf("status %d, want 503", res.StatusCode)
	}
	doc := page(t, res)
	if msg := doc.Find(`[data-testid="form-unsaved"]`).Text(); !strings.Contains(msg, "disk is full") {
		t.Errorf("notice = %q", msg)
	}
	if got := doc.Find(`[name="title"]`).AttrOr("value", ""); got != form.Get("title") {
		t.Errorf("title kept as %q", got)
	}
	if n := d.count("claims"); n != 1 {
		t.Errorf("claims = %d, want 1", n)
	}
	room()
	if res := d.do(auth.RoleEditor, "POST", "/claims", form); res.StatusCode != http.StatusSeeOther {
		t.Errorf("with room again: status %d, want 303", res.StatusCode)
	}
}

// TestReadyz: /readyz is 200 while the database takes writes and 503 while it cannot,
// and needs no login; /healthz stays about the process.
func TestReadyz(t *testing.T) {
	d := newDesk(t)
	if res := d.do("", "GET", "/readyz", nil); res.StatusCode != http.StatusOK {
		t.Errorf("ready desk: %d", res.StatusCode)
	}
	d.store.WriteWait = 0
	d.holdWrites()
	res := d.do("", "GET", "/readyz", nil)
	body := new(strings.Builder)
	fmt.Fprint(body, page(t, res).Text())
	if res.StatusCode != http.StatusServiceUnavailable || !strings.Contains(body.String(), "busy") {
		t.Errorf("with writes stuck: %d %q", res.StatusCode, body)
	}
	if res := d.do("", "GET", "/healthz", nil); res.StatusCode != http.StatusOK {
		t.Errorf("healthz: %d", res.StatusCode)
	}
}
