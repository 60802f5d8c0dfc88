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

// BumpVersion moves the desk's version on inside a writing transaction tx, so pages
// and counts kept by the old version, on any instance, are read afresh.
func BumpVersion(tx *gorm.DB) error {
	if err := tx.Exec("UPDATE desk_version SET n = n + 1 WHERE id = 1").Error; err != nil {
		return fmt.Errorf("db: desk version: %w", err)
	}
	return nil
}

// BumpSessions moves both numbers on inside a writing transaction tx, for a change that
// can end a session or alter its user (a logout, a new password, a new account): the
// sessions kept by the old number, on any instance, are read afresh, and so are pages.
func BumpSessions(tx *gorm.DB) error {
	if err := tx.Exec("UPDATE desk_version SET n = n + 1, sessions = sessions + 1 WHERE id = 1").Error; err != nil {
		return fmt.Errorf("db: sessions version: %w", err)
	}
	return nil
}

// Versions are the desk's two numbers: Desk, which every saved change moves on in its
// own transaction, and Sessions, which only the changes that can end a session or alter
// its user move on (see BumpSessions).
type Versions struct{ Desk, Sessions int64 }

// VersionsQuery reads Versions, for a caller inside a transaction.
const VersionsQuery = "SELECT n, sessions FROM desk_version WHERE id = 1"

// Versions reads both of the desk's numbers in one query. Every page asks, so it goes
// through a statement prepared once rather than through GORM.
func (d *DB) Versions(ctx context.Context) (Versions, error) {
	stmt, err := d.version.get(ctx, d)
	if err != nil {
		return Versions{}, fmt.Errorf("db: desk version: %w", err)
	}
	var v Versions
	if err := stmt.QueryRowContext(ctx).Scan(&v.Desk, &v.Sessions); err != nil {
		return Versions{}, fmt.Errorf("db: desk version: %w", err)
	}
	return v, nil
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
