package events

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/jackc/pgx/v5"
)

// Postgres is a Broker for several instances of the desk on one PostgreSQL database:
// Publish sends the event with NOTIFY, and every instance (this one too) LISTENs on one
// connection of its own and hands what arrives to its local subscribers. The channel is
// named after the schema, so desks in different schemas of one database stay apart.
//
// Should the listening connection drop, every local subscriber is dropped (its channel
// closed, so its page reads afresh) and the broker listens again, backing off up to 5 s.
// Should NOTIFY fail, the event still reaches this instance's subscribers.
type Postgres struct {
	local   *Memory
	notify  *sql.DB
	channel string
	dsn     string
	log     *slog.Logger
}

// NewPostgres starts listening on the database at dsn, through which notify also
// reaches, and returns once it listens. The broker stops when ctx ends.
func NewPostgres(ctx context.Context, dsn string, notify *sql.DB, log *slog.Logger) (*Postgres, error) {
	var schema string
	if err := notify.QueryRowContext(ctx, "SELECT current_schema()").Scan(&schema); err != nil {
		return nil, fmt.Errorf("events: %w", err)
	}
	p := &Postgres{local: NewMemory(), notify: notify, channel: "claimdesk_events_" + schema, dsn: dsn, log: log}
	conn, err := p.listen(ctx)
	if err != nil {
		return nil, err
	}
	go p.run(ctx, conn)
	return p, nil
}

func (p *Postgres) listen(ctx context.Context) (*pgx.Conn, error) {
	conn, err := pgx.Connect(ctx, p.dsn)
	if err != nil {
		return nil, fmt.Errorf("events: connect: %w", err)
	}
	if _, err := conn.Exec(ctx, "LISTEN "+pgx.Identifier{p.channel}.Sanitize()); err != nil {
		conn.Close(context.WithoutCancel(ctx))
		return nil, fmt.Errorf("events: listen: %w", err)
	}
	return conn, nil
}

// run hands notifications to local subscribers until ctx ends, listening again when
// the connection fails.
func (p *Postgres) run(ctx context.Context, conn *pgx.Conn) {
	wait := 100 * time.Millisecond
	for {
		err := p.receive(ctx, conn)
		conn.Close(context.WithoutCancel(ctx))
		if ctx.Err() != nil {
			p.local.DropAll()
			return
		}
		p.log.Warn("live events: listening connection lost; listening again", "err", err)
		p.local.DropAll() // they may have missed events: let them read afresh
		for {
			select {
			case <-ctx.Done():
				return
			case <-time.After(wait):
			}
			wait = min(2*wait, 5*time.Second)
			if conn, err = p.listen(ctx); err == nil {
				wait = 100 * time.Millisecond
				break
			}
			p.log.Warn("live events: cannot listen", "err", err)
		}
	}
}

func (p *Postgres) receive(ctx context.Context, conn *pgx.Conn) error {
	for {
		n, err := conn.WaitForNotification(ctx)
		if err != nil {
			return err
		}
		var e Event
		if err := json.Unmarshal([]byte(n.Payload), &e); err != nil {
			p.log.Warn("live events: unreadable notification", "err", err)
			continue
		}
		p.local.Publish(ctx, e)
	}
}

// Publish sends e to the subscribers of every instance; see Broker.
func (p *Postgres) Publish(ctx context.Context, e Event) {
	payload, err := json.Marshal(e)
	if err == nil {
		ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 2*time.Second)
		defer cancel()
		_, err = p.notify.ExecContext(ctx, "SELECT pg_notify($1, $2)", p.channel, string(payload))
	}
	if err != nil {
		if !errors.Is(err, context.Canceled) {
			p.log.Warn("live events: notify failed; only this instance hears it", "kind", e.Kind, "err", err)
		}
		p.local.Publish(ctx, e)
	}
}

// Subscribe starts a subscription on this instance; see Broker.
func (p *Postgres) Subscribe(ctx context.Context, f Filter) (<-chan Event, func()) {
	return p.local.Subscribe(ctx, f)
}

// Subscribers returns how many subscriptions are open on this instance.
func (p *Postgres) Subscribers() int { return p.local.Subscribers() }
