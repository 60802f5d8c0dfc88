// Package db opens Claimdesk's database and keeps its schema current.
package db

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"net/url"
	"strings"
	"time"

	"github.com/pressly/goose/v3"
	"gorm.io/driver/sqlite"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"
)

//go:embed migrations
var migrations embed.FS

// sqlitePragmas make SQLite safe for a web app: WAL so readers never wait for the writer,
// a busy timeout and immediate write transactions so concurrent writers queue instead of
// failing with "database is locked", foreign keys on, and synchronous=FULL so an
// acknowledged commit survives a power loss.
var sqlitePragmas = []string{
	"_journal_mode=WAL",
	"_busy_timeout=5000",
	"_txlock=immediate",
	"_foreign_keys=on",
	"_synchronous=FULL",
}

// Open connects to the database named by dsn (a SQLite file path or file: URI) and
// migrates it to the newest schema.
func Open(ctx context.Context, dsn string) (*gorm.DB, error) {
	if strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://") {
		return nil, fmt.Errorf("db: PostgreSQL is not supported yet; use a SQLite file")
	}
	gdb, err := gorm.Open(sqlite.Open(sqliteDSN(dsn)), &gorm.Config{
		Logger:                 logger.Discard,
		SkipDefaultTransaction: true,
		TranslateError:         true,
		NowFunc:                func() time.Time { return time.Now().UTC() },
	})
	if err != nil {
		return nil, fmt.Errorf("db: open %s: %w", dsn, err)
	}
	sqlDB, err := gdb.DB()
	if err != nil {
		return nil, fmt.Errorf("db: %w", err)
	}
	sqlDB.SetMaxOpenConns(8)
	sqlDB.SetMaxIdleConns(8)
	sqlDB.SetConnMaxIdleTime(5 * time.Minute)
	if err := Migrate(ctx, sqlDB, goose.DialectSQLite3, "sqlite"); err != nil {
		sqlDB.Close()
		return nil, err
	}
	return gdb, nil
}

// sqliteDSN turns a plain path or a file: URI into a DSN carrying Claimdesk's pragmas,
// keeping any parameters the operator gave.
func sqliteDSN(dsn string) string {
	path, query, _ := strings.Cut(strings.TrimPrefix(dsn, "file:"), "?")
	params, _ := url.ParseQuery(query)
	for _, p := range sqlitePragmas {
		k, v, _ := strings.Cut(p, "=")
		if !params.Has(k) {
			params.Set(k, v)
		}
	}
	return "file:" + path + "?" + params.Encode()
}

// Migrate applies every migration of the dialect's folder that the database lacks.
func Migrate(ctx context.Context, sqlDB *sql.DB, dialect goose.Dialect, folder string) error {
	fsys, err := fs.Sub(migrations, "migrations/"+folder)
	if err != nil {
		return fmt.Errorf("db: migrations: %w", err)
	}
	provider, err := goose.NewProvider(dialect, sqlDB, fsys)
	if err != nil {
		return fmt.Errorf("db: migrations: %w", err)
	}
	if _, err := provider.Up(ctx); err != nil {
		return fmt.Errorf("db: migrate: %w", err)
	}
	return nil
}

// Close releases the database's connections.
func Close(gdb *gorm.DB) error {
	sqlDB, err := gdb.DB()
	if err != nil {
		return err
	}
	return sqlDB.Close()
}
