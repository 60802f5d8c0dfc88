// Package dbtest opens throwaway databases for tests. It lives apart from package db so
// the testing package is never linked into the desk's binary.
package dbtest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
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
