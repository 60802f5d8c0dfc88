package db

import (
	"context"
	"path/filepath"
	"testing"

	"gorm.io/gorm"
)

// OpenTest opens a fresh, migrated database in a file of its own for one test and
// closes it when the test ends.
func OpenTest(tb testing.TB) *gorm.DB {
	tb.Helper()
	gdb, err := Open(context.Background(), filepath.Join(tb.TempDir(), "test.db"))
	if err != nil {
		tb.Fatalf("open test database: %v", err)
	}
	tb.Cleanup(func() { Close(gdb) })
	return gdb
}
