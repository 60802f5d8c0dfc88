package db

import (
	"context"
	"fmt"
	"io/fs"

	"github.com/pressly/goose/v3"
)

// Migrated reports whether the database has every migration embedded in this build,
// so a desk that started against an older schema (or one a newer build moved on) can
// say it is not ready. The dialect follows the open connection, so each engine reads
// its own folder of migrations.
func (d *DB) Migrated(ctx context.Context) (bool, error) {
	sqlDB, err := d.gorm.DB()
	if err != nil {
		return false, fmt.Errorf("db: migrations: %w", err)
	}
	dialect, folder := goose.DialectSQLite3, "sqlite"
	if d.gorm.Dialector.Name() == "postgres" {
		dialect, folder = goose.DialectPostgres, "postgres"
	}
	fsys, err := fs.Sub(migrations, "migrations/"+folder)
	if err != nil {
		return false, fmt.Errorf("db: migrations: %w", err)
	}
	provider, err := goose.NewProvider(dialect, sqlDB, fsys, goose.WithAllowOutofOrder(true))
	if err != nil {
		return false, fmt.Errorf("db: migrations: %w", err)
	}
	pending, err := provider.HasPending(ctx)
	if err != nil {
		return false, fmt.Errorf("db: migrations: %w", err)
	}
	return !pending, nil
}
