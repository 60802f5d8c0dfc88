// Package db opens Claimdesk's database, SQLite or PostgreSQL, and keeps its schema
// current. Reads go straight to GORM. On SQLite, writes queue for one writer goroutine,
// so its single writer is served in order instead of by its busy handler's sleeps, and
// the writes waiting together are committed in one durable transaction, each in a
// savepoint of its own (group commit: more writes per fsync); on PostgreSQL each write
// is a transaction of its own and row locks order them.
package db

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"strings"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/mattn/go-sqlite3"
	"github.com/pressly/goose/v3"
	"gorm.io/driver/postgres"
	"gorm.io/driver/sqlite"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"
)

//go:embed migrations
var migrations embed.FS

// sqlitePragmas make SQLite safe for a web app: WAL so readers never wait for the writer,
// a busy timeout and immediate write transactions so a writer from another process
// (a second `claimdesk` command) queues instead of failing, foreign keys on, and
// synchronous=FULL so an acknowledged commit survives a power loss. Each connection keeps
// its last statements prepared: parsing and planning the SQL again cost a fifth of a
// verdict's time.
var sqlitePragmas = []string{
	"_journal_mode=WAL",
	"_busy_timeout=10000", // longer than DefaultWriteWait: within the desk, the queue decides
	"_txlock=immediate",
	"_foreign_keys=on",
	"_synchronous=FULL",
	"_stmt_cache_size=128",
}

// DefaultWriteWait is how long a write waits for its turn before the desk says it is busy.
const DefaultWriteWait = 8 * time.Second

// Dialects of SQL a DB speaks.
const (
	SQLite   = "sqlite"
	Postgres = "postgres"
)

// DB is an open database.
type DB struct {
	gorm    *gorm.DB
	dialect string // SQLite or Postgres
	path    string // the SQLite file, for checks of its disk
	// writes holds one token: whoever holds it writes to SQLite from this process, the
	// writer goroutine for each batch or the readiness probe (ready.go).
	writes chan struct{}
	// gc is SQLite's writer goroutine and its queue; nil on PostgreSQL.
	gc *groupCommit
	// WriteWait is how long a write waits for its turn before it fails with ErrBusy.
	WriteWait time.Duration
	// queued counts the writes in flight: waiting for their turn or writing.
	queued *atomic.Int64
	// free reports the free space of a directory's file system (tests replace it).
	free func(dir string) (uint64, bool)
	// ckpt copies SQLite's log into the database file beside the writer; nil on PostgreSQL.
	ckpt *checkpointer
	// version is the prepared query of Versions, made at its first use.
	version *preparedQuery
}

// IsPostgres reports whether dsn names a PostgreSQL database (postgres:// or
// postgresql://) rather than a SQLite file.
func IsPostgres(dsn string) bool {
	return strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://")
}

// Open connects to the database named by dsn (a SQLite file path or file: URI, or a
// postgres:// URL) and migrates it to the newest schema.
func Open(ctx context.Context, dsn string) (*DB, error) {
	config := &gorm.Config{
		Logger:                 logger.Discard,
		SkipDefaultTransaction: true,
		TranslateError:         true,
		PrepareStmt:            false,
		NowFunc:                func() time.Time { return time.Now().UTC() },
	}
	d := &DB{dialect: SQLite, writes: make(chan struct{}, 1), WriteWait: DefaultWriteWait, free: freeBytes, queued: new(atomic.Int64), version: &preparedQuery{query: VersionsQuery}}
	var dialector gorm.Dialector
	var full string
	if IsPostgres(dsn) {
		d.dialect = Postgres
		conn, err := openPostgres(dsn)
		if err != nil {
			return nil, fmt.Errorf("db: open %s: %w", redact(dsn), err)
		}
		dialector = postgres.New(postgres.Config{Conn: conn})
	} else {
		full, d.path = sqliteDSN(dsn)
		dialector = sqlite.New(sqlite.Config{DriverName: deskDriver, DSN: full})
	}
	gdb, err := gorm.Open(dialector, config)
	if err != nil {
		return nil, fmt.Errorf("db: open %s: %w", redact(dsn), err)
	}
	d.gorm = gdb
	sqlDB, err := gdb.DB()
	if err != nil {
		return nil, fmt.Errorf("db: %w", err)
	}
	sqlDB.SetMaxOpenConns(8)
	sqlDB.SetMaxIdleConns(8)
	sqlDB.SetConnMaxIdleTime(5 * time.Minute)
	migrate := func() error { return Migrate(ctx, sqlDB, goose.DialectSQLite3, "sqlite") }
	if d.dialect == Postgres {
		migrate = func() error { return migratePostgres(ctx, sqlDB) }
	}
	if err := migrate(); err != nil {
		sqlDB.Close()
		return nil, err
	}
	if d.dialect == SQLite {
		// The checkpointer first: the writer tells it of every commit.
		if d.ckpt, err = startCheckpointer(full, checkpointRest, checkpointIdle); err != nil {
			sqlDB.Close()
			return nil, fmt.Errorf("db: %w", err)
		}
		d.startWriter()
	}
	return d, nil
}

// Dialect is the SQL the database speaks: SQLite or Postgres.
func (d *DB) Dialect() string { return d.dialect }

// redact hides the password of a postgres:// URL, for error messages.
func redact(dsn string) string {
	u, err := url.Parse(dsn)
	if err != nil || u.User == nil {
		return dsn
	}
	return u.Redacted()
}

// sqliteDSN turns a plain path or a file: URI into a DSN carrying Claimdesk's pragmas,
// keeping any parameters the operator gave, and returns the file's path too.
func sqliteDSN(dsn string) (string, string) {
	path, query, _ := strings.Cut(strings.TrimPrefix(dsn, "file:"), "?")
	params, _ := url.ParseQuery(query)
	for _, p := range sqlitePragmas {
		k, v, _ := strings.Cut(p, "=")
		if !params.Has(k) {
			params.Set(k, v)
		}
	}
	return "file:" + path + "?" + params.Encode(), path
}

// Migrate applies every migration of the dialect's folder that the database lacks.
func Migrate(ctx context.Context, sqlDB *sql.DB, dialect goose.Dialect, folder string) error {
	fsys, err := fs.Sub(migrations, "migrations/"+folder)
	if err != nil {
		return fmt.Errorf("db: migrations: %w", err)
	}
	// Out of order: features land in parallel, so a desk may have applied a later
	// version before an earlier one arrives; each migration stands on its own.
	provider, err := goose.NewProvider(dialect, sqlDB, fsys, goose.WithAllowOutofOrder(true))
	if err != nil {
		return fmt.Errorf("db: migrations: %w", err)
	}
	if _, err := provider.Up(ctx); err != nil {
		return fmt.Errorf("db: migrate: %w", err)
	}
	return nil
}

// QueueLength is how many writes are in flight now: those being written (on SQLite, the
// batch being committed) and those waiting their turn.
func (d *DB) QueueLength() int { return int(d.queued.Load()) }

// Read returns a handle for queries that write nothing.
func (d *DB) Read(ctx context.Context) *gorm.DB { return d.gorm.WithContext(ctx) }

// Gorm returns the underlying handle, for bulk tools that manage their own transactions.
func (d *DB) Gorm() *gorm.DB { return d.gorm }

// Write runs fn in a write transaction once it is this write's turn, and returns once
// that transaction is committed and on disk (nil), or with fn's error (nothing of fn is
// saved). On SQLite, writes run one after another in the order they arrived, and those
// that waited together share one transaction: fn runs in a savepoint of its own there,
// after the writes that came before it (it sees them) and before those after. fn may
// nest transactions with tx.Transaction (savepoints). It must not commit or roll back
// tx itself, nor change settings that last for the whole transaction (PRAGMA
// defer_foreign_keys, say): they would reach the other writes of its batch. If the
// shared transaction fails to commit, every write of it fails with that error.
//
// A write that waits longer than WriteWait fails with ErrBusy and writes nothing; so
// does one whose ctx ends while it waits (with ctx's error). Once started, the write
// runs to its end even if the caller goes away, so a write that was sent is either
// wholly saved or not at all. A panic in fn is that write's error (a *PanicError).
// Errors from a full disk wrap ErrFull; writes still waiting when the database is
// closed fail with ErrClosed.
func (d *DB) Write(ctx context.Context, fn func(tx *gorm.DB) error) error {
	return d.WriteWithin(ctx, d.WriteWait, fn)
}

// WriteWithin is Write with its own limit on the wait for a turn. On PostgreSQL,
// which serves concurrent writers itself, there is no queue: the transaction starts at
// once, the limit bounds each wait for a row lock, and a transaction that loses a
// serialization race or a deadlock is run again once.
func (d *DB) WriteWithin(ctx context.Context, limit time.Duration, fn func(tx *gorm.DB) error) error {
	d.queued.Add(1)
	defer d.queued.Add(-1)
	if d.dialect == Postgres {
		return d.writePostgres(ctx, limit, fn)
	}
	return d.writeSQLite(ctx, limit, fn)
}

// Ping checks that the database answers.
func (d *DB) Ping(ctx context.Context) error {
	sqlDB, err := d.gorm.DB()
	if err != nil {
		return err
	}
	return sqlDB.PingContext(ctx)
}

// Close stops taking writes, fails those still waiting for their turn with ErrClosed,
// lets the batch being committed finish, and releases the database's connections.
func (d *DB) Close() error {
	if d.gc != nil {
		d.gc.stop()
	}
	if d.ckpt != nil {
		d.ckpt.stop()
	}
	d.version.close()
	sqlDB, err := d.gorm.DB()
	if err != nil {
		return err
	}
	return sqlDB.Close()
}

// Errors a write can fail with for reasons of the machine, not of the input.
var (
	// ErrBusy means the write could not get its turn in time; trying again later works.
	ErrBusy = unavailable{"the database is busy", 5 * time.Second}
	// ErrFull means the disk holding the database is full; nothing can be saved until
	// space is freed.
	ErrFull = unavailable{"the database's disk is full", 30 * time.Second}
)

// unavailable is a temporary failure of the database, with a hint of when to retry.
type unavailable struct {
	msg   string
	retry time.Duration
}

func (u unavailable) Error() string { return "db: " + u.msg }

// RetryAfter is how long a client should wait before trying again.
func (u unavailable) RetryAfter() time.Duration { return u.retry }

// classify wraps SQLite's and PostgreSQL's busy and disk-full errors in ErrBusy and
// ErrFull, so callers can tell them from a bug without knowing the driver.
func classify(err error) error {
	if err == nil {
		return nil
	}
	if pgErr, ok := classifyPostgres(err); ok {
		return pgErr
	}
	var se sqlite3.Error
	if !errors.As(err, &se) {
		return err
	}
	switch {
	case se.Code == sqlite3.ErrFull || se.SystemErrno == syscall.ENOSPC:
		return fmt.Errorf("%w: %w", ErrFull, err)
	case se.Code == sqlite3.ErrBusy || se.Code == sqlite3.ErrLocked:
		return fmt.Errorf("%w: %w", ErrBusy, err)
	}
	return err
}

// CreateAt makes a SQLite database file at path migrated only up to version, as an
// older desk left it, so upgrade tests can fill it and open it with Open.
func CreateAt(ctx context.Context, path string, version int64) error {
	full, _ := sqliteDSN(path)
	gdb, err := gorm.Open(sqlite.Open(full), &gorm.Config{Logger: logger.Discard})
	if err != nil {
		return err
	}
	sqlDB, err := gdb.DB()
	if err != nil {
		return err
	}
	defer sqlDB.Close()
	fsys, err := fs.Sub(migrations, "migrations/sqlite")
	if err != nil {
		return err
	}
	provider, err := goose.NewProvider(goose.DialectSQLite3, sqlDB, fsys)
	if err != nil {
		return err
	}
	_, err = provider.UpTo(ctx, version)
	return err
}
