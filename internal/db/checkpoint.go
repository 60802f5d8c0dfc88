package db

import (
	"context"
	"database/sql"
	"strconv"
	"sync"
	"time"

	"github.com/mattn/go-sqlite3"
)

// deskDriver is driverName's driver for the connections of an open DB, whose commits
// leave checkpoints to the DB's checkpointer, beside them. Left to SQLite, the commit
// that takes the log past 1,000 pages copies them all into the database file and waits
// for the disk, and the save in it, with every save queued behind it, waited 10 to 40
// ms: most of the write routes' slowest answers. A commit still checkpoints once the
// log passes autocheckpointPages, the bound on the log under saves without a pause;
// it then copies only what the checkpointer had not.
const deskDriver = driverName + "_desk"

// autocheckpointPages is the size of the log, in pages (4 KiB), past which a commit
// checkpoints itself: 64 MiB.
const autocheckpointPages = 16384

func init() {
	sql.Register(deskDriver, &sqlite3.SQLiteDriver{
		ConnectHook: func(c *sqlite3.SQLiteConn) error {
			if _, err := c.Exec("PRAGMA wal_autocheckpoint = "+strconv.Itoa(autocheckpointPages), nil); err != nil {
				return err
			}
			return registerFuncs(c)
		},
	})
}

// Checkpoint timing: after a commit the checkpointer runs at once, then rests at least
// checkpointRest before the next; with no commit from the writer (a bulk tool writing
// through Gorm, or nothing at all) it runs every checkpointIdle.
const (
	checkpointRest = 100 * time.Millisecond
	checkpointIdle = time.Second
)

// checkpointer copies the pages committed to SQLite's log back into the database file
// on a connection of its own, beside the writer: a PASSIVE checkpoint, which waits for
// no reader or writer. Once every page is copied (a pause in the saves lets it catch
// up), the next commit starts the log again from its beginning.
type checkpointer struct {
	db         *sql.DB
	rest, idle time.Duration
	kick       chan struct{} // holds one signal when a commit added to the log
	closing    chan struct{}
	stopped    chan struct{}
	once       sync.Once
}

func startCheckpointer(dsn string, rest, idle time.Duration) (*checkpointer, error) {
	conn, err := sql.Open(deskDriver, dsn)
	if err != nil {
		return nil, err
	}
	conn.SetMaxOpenConns(1)
	c := &checkpointer{db: conn, rest: rest, idle: idle, kick: make(chan struct{}, 1), closing: make(chan struct{}), stopped: make(chan struct{})}
	go c.loop()
	return c, nil
}

// committed tells the checkpointer a commit added pages to the log.
func (c *checkpointer) committed() {
	select {
	case c.kick <- struct{}{}:
	default: // it knows already
	}
}

func (c *checkpointer) loop() {
	defer close(c.stopped)
	idle := time.NewTicker(c.idle)
	defer idle.Stop()
	for {
		select {
		case <-c.kick:
		case <-idle.C:
		case <-c.closing:
			return
		}
		// A failure (the disk is full, another process is checkpointing) leaves the
		// pages in the log, where readers find them; the next run tries again.
		var busy, log, copied int
		c.db.QueryRowContext(context.Background(), "PRAGMA wal_checkpoint(PASSIVE)").Scan(&busy, &log, &copied)
		select {
		case <-time.After(c.rest):
		case <-c.closing:
			return
		}
	}
}

// stop ends the checkpointer and closes its connection; stopping again does nothing.
func (c *checkpointer) stop() {
	c.once.Do(func() {
		close(c.closing)
		<-c.stopped
		c.db.Close()
	})
}
