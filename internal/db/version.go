package db

import (
	"context"
	"database/sql"
	"fmt"
	"io/fs"
	"sync"

	"github.com/pressly/goose/v3"
	"gorm.io/gorm"
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

// BumpVersion moves the desk's version on inside a writing transaction tx, so pages,
// sessions and counts kept by the old version, on any instance, are read afresh.
func BumpVersion(tx *gorm.DB) error {
	if err := tx.Exec("UPDATE desk_version SET n = n + 1 WHERE id = 1").Error; err != nil {
		return fmt.Errorf("db: desk version: %w", err)
	}
	return nil
}

// DeskVersion reads the desk's version, the number every saved change moves on in its
// own transaction (the desk_version table): every page asks, so it goes through a
// statement prepared once rather than through GORM.
func (d *DB) DeskVersion(ctx context.Context) (int64, error) {
	stmt, err := d.version.get(ctx, d)
	if err != nil {
		return 0, fmt.Errorf("db: desk version: %w", err)
	}
	var n int64
	if err := stmt.QueryRowContext(ctx).Scan(&n); err != nil {
		return 0, fmt.Errorf("db: desk version: %w", err)
	}
	return n, nil
}

// preparedQuery is a statement prepared at its first use; a failed preparation is
// tried again at the next.
type preparedQuery struct {
	query string
	mu    sync.Mutex
	stmt  *sql.Stmt
}

func (p *preparedQuery) get(ctx context.Context, d *DB) (*sql.Stmt, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.stmt != nil {
		return p.stmt, nil
	}
	sqlDB, err := d.gorm.DB()
	if err != nil {
		return nil, err
	}
	stmt, err := sqlDB.PrepareContext(ctx, p.query)
	if err != nil {
		return nil, err
	}
	p.stmt = stmt
	return stmt, nil
}

func (p *preparedQuery) close() {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.stmt != nil {
		p.stmt.Close()
		p.stmt = nil
	}
}
