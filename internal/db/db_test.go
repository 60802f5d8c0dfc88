package db_test

import (
	"context"
	"path/filepath"
	"testing"

	"claimdesk/internal/db"
	"claimdesk/internal/db/dbtest"
)

func TestOpen(t *testing.T) {
	t.Run("Pragmas", func(t *testing.T) {
		gdb := dbtest.OpenSQLite(t).Gorm()
		for pragma, want := range map[string]string{
			"journal_mode": "wal",
			"foreign_keys": "1",
			"synchronous":  "2", // FULL
			"busy_timeout": "10000",
		} {
			var got string
			if err := gdb.Raw("PRAGMA " + pragma).Scan(&got).Error; err != nil {
				t.Fatal(err)
			}
			if got != want {
				t.Errorf("PRAGMA %s = %q, want %q", pragma, got, want)
			}
		}
	})
	t.Run("ReopenKeepsDataAndSchema", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "desk.db")
		d, err := db.Open(context.Background(), path)
		if err != nil {
			t.Fatal(err)
		}
		if err := d.Gorm().Exec("INSERT INTO users (email, role, password_hash, created_at, updated_at) VALUES ('a@b.c', 'admin', 'x', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)").Error; err != nil {
			t.Fatal(err)
		}
		d.Close()
		d, err = db.Open(context.Background(), path)
		if err != nil {
			t.Fatalf("second open (migrations must be safe to re-run): %v", err)
		}
		defer d.Close()
		var n int64
		d.Gorm().Table("users").Count(&n)
		if n != 1 {
			t.Errorf("users after reopen = %d, want 1", n)
		}
	})
	t.Run("ForeignKeysEnforced", func(t *testing.T) {
		gdb := dbtest.Open(t).Gorm()
		err := gdb.Exec("INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at) VALUES ('t', 999, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)").Error
		if err == nil {
			t.Fatal("session for a missing user was accepted; foreign keys are off")
		}
	})
}
