package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"
)

// Backup writes a consistent copy of the database to the file to, while the desk keeps
// serving: VACUUM INTO reads one snapshot, so writes committed during the copy are left
// out whole and never half. It refuses to overwrite an existing file and checks that the
// copy opens and passes SQLite's integrity check.
// On PostgreSQL it refuses: pg_dump is the tool there.
func (d *DB) Backup(ctx context.Context, to string) error {
	if d.dialect == Postgres {
		return fmt.Errorf("db: backup: the desk is on PostgreSQL; back it up with pg_dump")
	}
	if to == "" || strings.HasPrefix(to, "file:") || strings.Contains(to, "?") {
		return fmt.Errorf("db: backup: give a plain file path, not %q", to)
	}
	if _, err := os.Lstat(to); err == nil {
		return fmt.Errorf("db: backup: %s exists already; choose a new file", to)
	} else if !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("db: backup: %w", err)
	}
	if err := d.gorm.WithContext(ctx).Exec("VACUUM INTO ?", to).Error; err != nil {
		return fmt.Errorf("db: backup to %s: %w", to, classify(err))
	}
	if err := checkIntegrity(ctx, to); err != nil {
		return fmt.Errorf("db: backup to %s: %w", to, err)
	}
	return nil
}

// checkIntegrity opens the SQLite file at path read-only and runs PRAGMA integrity_check.
func checkIntegrity(ctx context.Context, path string) error {
	sqlDB, err := sql.Open("sqlite3", "file:"+path+"?mode=ro")
	if err != nil {
		return err
	}
	defer sqlDB.Close()
	rows, err := sqlDB.QueryContext(ctx, "PRAGMA integrity_check")
	if err != nil {
		return fmt.Errorf("integrity check: %w", err)
	}
	defer rows.Close()
	var problems []string
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			return fmt.Errorf("integrity check: %w", err)
		}
		problems = append(problems, line)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("integrity check: %w", err)
	}
	if len(problems) != 1 || problems[0] != "ok" {
		return fmt.Errorf("integrity check failed: %s", strings.Join(problems, "; "))
	}
	return nil
}
