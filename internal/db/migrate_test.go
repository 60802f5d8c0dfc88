package db

import (
	"context"
	"path/filepath"
	"testing"

	"gorm.io/driver/sqlite"
	"gorm.io/gorm"
)

// TestUpgradeFillsCounts opens a database made by the first schema, with claims in it,
// and checks that the upgrade keeps them and counts them.
func TestUpgradeFillsCounts(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old.db")
	if err := CreateAt(ctx, path, 1); err != nil {
		t.Fatal(err)
	}
	old, err := gorm.Open(sqlite.Open(path), &gorm.Config{})
	if err != nil {
		t.Fatal(err)
	}
	for i, v := range []string{"unverified", "confirmed", "confirmed"} {
		err := old.Exec(`INSERT INTO claims (title, occurred_on, date_precision, attack_type, verdict, officially_confirmed, created_at, updated_at)
			VALUES (?, '2023-10-19', 'day', 'drone', ?, ?, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)`, "claim", v, i == 2).Error
		if err != nil {
			t.Fatal(err)
		}
	}
	if sqlDB, err := old.DB(); err == nil {
		sqlDB.Close()
	}

	d, err := Open(ctx, path)
	if err != nil {
		t.Fatalf("upgrade: %v", err)
	}
	defer d.Close()
	got := map[string]int64{}
	rows, err := d.Gorm().Raw("SELECT bucket, n FROM claim_counts WHERE scope = ''").Rows()
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var b string
		var n int64
		rows.Scan(&b, &n)
		got[b] = n
	}
	if got["all"] != 3 || got["confirmed"] != 2 || got["unverified"] != 1 || got["officially-confirmed"] != 1 || got["false"] != 0 {
		t.Errorf("counts after upgrade = %v", got)
	}
}

// TestMigrateOutOfOrder: a desk that applied a later version before an earlier one
// arrived (features land in parallel) still opens and gets the earlier one.
func TestMigrateOutOfOrder(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "desk.db")
	d, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	gdb := d.Gorm()
	// Forget version 4 (the health table) as if it had not been applied yet.
	for _, q := range []string{"DROP TABLE health", "DELETE FROM goose_db_version WHERE version_id = 4"} {
		if err := gdb.Exec(q).Error; err != nil {
			t.Fatal(err)
		}
	}
	d.Close()
	d, err = Open(ctx, path)
	if err != nil {
		t.Fatalf("reopen with an earlier migration missing: %v", err)
	}
	defer d.Close()
	if err := d.Ready(ctx); err != nil {
		t.Errorf("the missing migration was not applied: %v", err)
	}
}
