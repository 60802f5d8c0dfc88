// Package dbtest opens throwaway databases for tests. It lives apart from package db so
// the testing package is never linked into the desk's binary.
package dbtest

import (
	"context"
	"path/filepath"
	"testing"

	"claimdesk/internal/db"
)

// Open opens a fresh, migrated database in a file of its own for one test and closes it
// when the test ends.
func Open(tb testing.TB) *db.DB {
	tb.Helper()
	d, err := db.Open(context.Background(), filepath.Join(tb.TempDir(), "test.db"))
	if err != nil {
		tb.Fatalf("open test database: %v", err)
	}
	tb.Cleanup(func() { d.Close() })
	return d
}
