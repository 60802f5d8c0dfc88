// Package dbtest opens throwaway databases for tests. It lives apart from package db so
// the testing package is never linked into the desk's binary.
package dbtest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"claimdesk/internal/db"

	_ "github.com/jackc/pgx/v5/stdlib" // database/sql driver "pgx", for making schemas
)

// PostgresEnv names the variable that, holding a postgres:// DSN, makes every test
// database a schema of its own in that PostgreSQL database instead of a SQLite file.
const PostgresEnv = "CLAIMDESK_TEST_POSTGRES"

// Open opens a fresh, migrated database for one test and closes it when the test ends:
// a SQLite file of its own, or, when CLAIMDESK_TEST_POSTGRES holds a DSN, a schema of
// its own in that PostgreSQL database, dropped when the test ends.
func Open(tb testing.TB) *db.DB {
	tb.Helper()
	d, err := db.Open(context.Background(), DSN(tb))
	if err != nil {
		tb.Fatalf("open test database: %v", err)
	}
	tb.Cleanup(func() { d.Close() })
	return d
}

// DSN returns the address of a fresh, empty database for one test (see Open), which
// db.Open will migrate. Tests that open the same database twice share it.
func DSN(tb testing.TB) string {
	tb.Helper()
	base := Postgres()
	if base == "" {
		return filepath.Join(tb.TempDir(), "test.db")
	}
	return Schema(tb, base)
}

// Postgres is the DSN of the PostgreSQL database tests run on, or "" for SQLite.
func Postgres() string { return os.Getenv(PostgresEnv) }

// NeedPostgres reports whether PostgresEnv names a database, logging why the test ends
// early when it does not (CI's first run, on SQLite alone; its second run sets it):
// `if !dbtest.NeedPostgres(t, "two instances need PostgreSQL") { return }`.
func NeedPostgres(tb testing.TB, why string) bool {
	tb.Helper()
	if Postgres() == "" {
		tb.Logf("%s unset: %s", PostgresEnv, why)
		return false
	}
	return true
}

// Schema creates an empty schema with a random name in the PostgreSQL database at
// base, drops it (and all in it) when the test ends, and returns base with its
// search_path set to that schema.
func Schema(tb testing.TB, base string) string {
	tb.Helper()
	u, err := url.Parse(base)
	if err != nil {
		tb.Fatalf("%s: %v", PostgresEnv, err)
	}
	b := make([]byte, 8)
	rand.Read(b)
	schema := "t_" + hex.EncodeToString(b)
	admin, err := sql.Open("pgx", base)
	if err != nil {
		tb.Fatalf("open %s: %v", PostgresEnv, err)
	}
	defer admin.Close()
	if _, err := admin.Exec("CREATE SCHEMA " + schema); err != nil {
		tb.Fatalf("create test schema: %v", err)
	}
	tb.Cleanup(func() {
		admin, err := sql.Open("pgx", base)
		if err != nil {
			tb.Errorf("drop test schema: %v", err)
			return
		}
		defer admin.Close()
		if _, err := admin.Exec("DROP SCHEMA " + schema + " CASCADE"); err != nil {
			tb.Errorf("drop test schema: %v", err)
		}
	})
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

// OpenSQLite opens a fresh, migrated SQLite database in a file of its own, whatever
// CLAIMDESK_TEST_POSTGRES says: for tests of what only SQLite has (pragmas, FTS4).
func OpenSQLite(tb testing.TB) *db.DB {
	tb.Helper()
	d, err := db.Open(context.Background(), filepath.Join(tb.TempDir(), "test.db"))
	if err != nil {
		tb.Fatalf("open test database: %v", err)
	}
	tb.Cleanup(func() { d.Close() })
	return d
}

// FailOn makes every op ("INSERT", "UPDATE" or "DELETE") on table fail with msg until
// the returned function is called, as a fault of the database would: a trigger that
// raises, in the dialect of d.
func FailOn(tb testing.TB, d *db.DB, table, op, msg string) (undo func()) {
	tb.Helper()
	return FailWith(tb, d, table, op, "P0001", msg)
}

// FailWith is FailOn with, on PostgreSQL, the SQLSTATE code the fault raises (53100 is
// a full disk); SQLite's RAISE has no codes.
func FailWith(tb testing.TB, d *db.DB, table, op, code, msg string) (undo func()) {
	tb.Helper()
	name := "fail_" + strings.ToLower(op) + "_" + table
	stmts := []string{fmt.Sprintf("CREATE TRIGGER %s BEFORE %s ON %s BEGIN SELECT RAISE(ABORT, '%s'); END", name, op, table, msg)}
	drop := []string{"DROP TRIGGER " + name}
	if d.Dialect() == db.Postgres {
		stmts = []string{
			fmt.Sprintf("CREATE FUNCTION %s() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION '%s' USING ERRCODE = '%s'; END $$", name, msg, code),
			fmt.Sprintf("CREATE TRIGGER %s BEFORE %s ON %s FOR EACH ROW EXECUTE FUNCTION %s()", name, op, table, name),
		}
		drop = []string{fmt.Sprintf("DROP TRIGGER %s ON %s", name, table), "DROP FUNCTION " + name + "()"}
	}
	for _, s := range stmts {
		if err := d.Gorm().Exec(s).Error; err != nil {
			tb.Fatalf("fail on %s %s: %v", op, table, err)
		}
	}
	return func() {
		for _, s := range drop {
			if err := d.Gorm().Exec(s).Error; err != nil {
				tb.Errorf("stop failing on %s %s: %v", op, table, err)
			}
		}
	}
}
