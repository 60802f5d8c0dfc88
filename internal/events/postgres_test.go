package events_test

import (
	"context"
	"database/sql"
	"net/url"
	"testing"
	"time"

	"claimdesk/internal/db/dbtest"
	"claimdesk/internal/events"
	"claimdesk/internal/events/eventstest"

	_ "github.com/jackc/pgx/v5/stdlib"
)

// instance starts a Postgres broker on the schema at dsn, as one app instance would.
func instance(t *testing.T, ctx context.Context, dsn string) *events.Postgres {
	t.Helper()
	b, _ := eventstest.Postgres(t, ctx, dsn)
	return b
}

// TestPostgresAcrossInstances checks that an event saved on one instance reaches the
// live pages of another on the same database, not those of a desk in another schema,
// and that a lost listening connection makes pages read afresh and then hear again.
// It needs CLAIMDESK_TEST_POSTGRES (CI's second run); without it there is no server.
func TestPostgresAcrossInstances(t *testing.T) {
	base := dbtest.Postgres()
	if base == "" {
		t.Logf("%s unset: no PostgreSQL to carry events", dbtest.PostgresEnv)
		return
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	dsn := dbtest.Schema(t, base)
	a, b := instance(t, ctx, dsn), instance(t, ctx, dsn)
	other := instance(t, ctx, dbtest.Schema(t, base))

	onB, _ := b.Subscribe(ctx, events.Filter{ClaimID: 7})
	onA, _ := a.Subscribe(ctx, events.Filter{})
	presenceOnB, _ := b.Subscribe(ctx, events.Filter{Presence: true})
	elsewhere, _ := other.Subscribe(ctx, events.Filter{})
	at := time.Date(2023, 10, 19, 7, 0, 0, 0, time.UTC)
	sent := events.Event{Kind: events.VerdictSet, ClaimID: 7, ActorID: 3, Actor: "Rana Haddad", At: at}
	gone := events.Event{Kind: events.Presence, ClaimID: 7, ActorID: 3, At: at, Instance: "a", Left: true}
	a.Publish(ctx, events.Event{Kind: events.Cited, ClaimID: 8, ActorID: 3})
	a.Publish(ctx, gone)
	a.Publish(ctx, sent)

	if got, ok := receive(t, onB); !ok || got != sent {
		t.Errorf("other instance got %+v (open %v), want %+v", got, ok, sent)
	}
	if got, _ := receive(t, onA); got.ClaimID != 8 {
		t.Errorf("publishing instance got claim %d first, want 8", got.ClaimID)
	}
	if got, _ := receive(t, onA); got != sent {
		t.Errorf("publishing instance got %+v, want %+v", got, sent)
	}
	if got, ok := receive(t, presenceOnB); !ok || got != gone {
		t.Errorf("other instance's presence got %+v (open %v), want %+v", got, ok, gone)
	}
	quiet(t, elsewhere)

	// Cut every listening connection of the schema: subscribers are dropped, and once
	// the broker listens again a new subscription hears events.
	admin, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	var cut int
	err = admin.QueryRow(`SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
		WHERE query = 'LISTEN "claimdesk_events_' || $1 || '"'`, schemaOf(t, dsn)).Scan(&cut)
	if err != nil || cut < 2 {
		t.Fatalf("terminated %d listening connections (%v), want at least 2", cut, err)
	}
	if _, ok := receive(t, onB); ok {
		t.Fatal("subscriber kept after its broker lost the connection; it may have missed events")
	}
	deadline := time.Now().Add(10 * time.Second)
	for {
		again, stop := b.Subscribe(ctx, events.Filter{ClaimID: 7})
		a.Publish(ctx, sent)
		select {
		case got, ok := <-again:
			if ok && got == sent {
				stop()
				return
			}
		case <-time.After(300 * time.Millisecond):
		}
		stop()
		if time.Now().After(deadline) {
			t.Fatal("no event on the other instance 10 s after its connection was cut")
		}
	}
}

func schemaOf(t *testing.T, dsn string) string {
	t.Helper()
	u, err := url.Parse(dsn)
	if err != nil {
		t.Fatal(err)
	}
	return u.Query().Get("search_path")
}
