package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"hash/fnv"
	"io/fs"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"
	"github.com/jackc/pgx/v5/stdlib"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/pressly/goose/v3"
	"github.com/pressly/goose/v3/lock"
	"gorm.io/gorm"
)

// PostgreSQL error codes the desk tells apart (Appendix A of its manual).
const (
	pgSerializationFailure = "40001"
	pgDeadlockDetected     = "40P01"
	pgLockNotAvailable     = "55P03"
	pgDiskFull             = "53100"
)

// openPostgres opens a pool of pgx connections to dsn that read every TIMESTAMPTZ in
// UTC, as the desk writes them and as SQLite gives them back.
func openPostgres(dsn string) (*sql.DB, error) {
	config, err := pgx.ParseConfig(dsn)
	if err != nil {
		return nil, err
	}
	return stdlib.OpenDB(*config, stdlib.OptionAfterConnect(func(_ context.Context, c *pgx.Conn) error {
		c.TypeMap().RegisterType(&pgtype.Type{Name: "timestamptz", OID: pgtype.TimestamptzOID,
			Codec: &pgtype.TimestamptzCodec{ScanLocation: time.UTC}})
		return nil
	})), nil
}

// migratePostgres applies the postgres folder's migrations under an advisory lock
// keyed to the schema, so app instances starting together migrate one at a time while
// tests in schemas of their own do not wait for each other. The extensions search
// needs are made first, once per database, in public.
func migratePostgres(ctx context.Context, sqlDB *sql.DB) error {
	var schema string
	if err := sqlDB.QueryRowContext(ctx, "SELECT current_schema()").Scan(&schema); err != nil {
		return fmt.Errorf("db: migrations: %w", err)
	}
	if err := createExtensions(ctx, sqlDB); err != nil {
		return err
	}
	h := fnv.New64a()
	h.Write([]byte("claimdesk migrations " + schema))
	locker, err := lock.NewPostgresSessionLocker(lock.WithLockID(int64(h.Sum64() >> 1)))
	if err != nil {
		return fmt.Errorf("db: migrations: %w", err)
	}
	fsys, err := fs.Sub(migrations, "migrations/postgres")
	if err != nil {
		return fmt.Errorf("db: migrations: %w", err)
	}
	provider, err := goose.NewProvider(goose.DialectPostgres, sqlDB, fsys,
		goose.WithAllowOutofOrder(true), goose.WithSessionLocker(locker))
	if err != nil {
		return fmt.Errorf("db: migrations: %w", err)
	}
	if _, err := provider.Up(ctx); err != nil {
		return fmt.Errorf("db: migrate: %w", err)
	}
	return nil
}

// createExtensions makes unaccent (search folds diacritics with it) if the database
// lacks it. CREATE EXTENSION IF NOT EXISTS is not safe against itself running at the
// same moment, so a transaction-scoped advisory lock serializes it.
func createExtensions(ctx context.Context, sqlDB *sql.DB) error {
	tx, err := sqlDB.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("db: extensions: %w", err)
	}
	defer tx.Rollback()
	for _, stmt := range []string{
		"SELECT pg_advisory_xact_lock(7366351048)",
		"CREATE EXTENSION IF NOT EXISTS unaccent SCHEMA public",
	} {
		if _, err := tx.ExecContext(ctx, stmt); err != nil {
			return fmt.Errorf("db: extensions: %w", err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("db: extensions: %w", err)
	}
	return nil
}

// writePostgres runs fn in one READ COMMITTED transaction: the services check versions
// in their UPDATEs' WHERE clauses and keep counters with single statements, which
// PostgreSQL's row locks make safe. A wait for a row lock longer than limit fails the
// write with ErrBusy (lock_timeout), as a wait for the gate does on SQLite. A
// transaction that loses a serialization race or a deadlock is run once more.
func (d *DB) writePostgres(ctx context.Context, limit time.Duration, fn func(tx *gorm.DB) error) error {
	ctx = context.WithoutCancel(ctx)
	run := func() error {
		return d.gorm.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
			if err := setLockTimeout(tx, limit); err != nil {
				return err
			}
			return fn(tx)
		})
	}
	err := run()
	if retryable(err) {
		err = run()
	}
	return classify(err)
}

// setLockTimeout bounds, for the rest of tx, how long a statement waits for a lock.
func setLockTimeout(tx *gorm.DB, limit time.Duration) error {
	ms := max(1, limit.Milliseconds())
	return tx.Exec(fmt.Sprintf("SET LOCAL lock_timeout = %d", ms)).Error
}

// retryable reports whether err is PostgreSQL saying the transaction may succeed if
// run again.
func retryable(err error) bool {
	var pe *pgconn.PgError
	return errors.As(err, &pe) && (pe.Code == pgSerializationFailure || pe.Code == pgDeadlockDetected)
}

// classifyPostgres wraps PostgreSQL's busy and disk-full errors in ErrBusy and
// ErrFull, and reports whether err was one of them.
func classifyPostgres(err error) (error, bool) {
	var pe *pgconn.PgError
	if !errors.As(err, &pe) {
		return err, false
	}
	switch pe.Code {
	case pgDiskFull:
		return fmt.Errorf("%w: %w", ErrFull, err), true
	case pgSerializationFailure, pgDeadlockDetected, pgLockNotAvailable:
		return fmt.Errorf("%w: %w", ErrBusy, err), true
	}
	return err, false
}

// ResetSequences moves the sequence of every identity key past the largest id in its
// table, for tools that insert rows with their ids. Only PostgreSQL needs it: SQLite
// takes the next id from the table itself.
func ResetSequences(tx *gorm.DB) error {
	if tx.Dialector.Name() != Postgres {
		return nil
	}
	var tables []string
	err := tx.Raw(`SELECT table_name FROM information_schema.columns
		WHERE table_schema = current_schema() AND column_name = 'id' AND is_identity = 'YES' ORDER BY 1`).Scan(&tables).Error
	if err != nil {
		return fmt.Errorf("db: reset sequences: %w", err)
	}
	for _, t := range tables {
		err := tx.Exec(fmt.Sprintf("SELECT setval(pg_get_serial_sequence('%s', 'id'), COALESCE((SELECT MAX(id) FROM %s), 0) + 1, false)", t, t)).Error
		if err != nil {
			return fmt.Errorf("db: reset sequences: %s: %w", t, err)
		}
	}
	return nil
}
