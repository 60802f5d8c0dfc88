// Package eventstest starts the desk's PostgreSQL event broker in tests, as one app
// instance would.
package eventstest

import (
	"context"
	"database/sql"
	"io"
	"log/slog"
	"testing"

	"claimdesk/internal/events"

	_ "github.com/jackc/pgx/v5/stdlib"
)

// Postgres starts a broker on the schema at dsn, with a connection pool of its own
// that the test may close to cut the instance off; both are closed when the test ends.
func Postgres(t *testing.T, ctx context.Context, dsn string) (*events.Postgres, *sql.DB) {
	t.Helper()
	sqlDB, err := sql.Open("pgx", dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { sqlDB.Close() })
	b, err := events.NewPostgres(ctx, dsn, sqlDB, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	return b, sqlDB
}
