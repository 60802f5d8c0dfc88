package db

import (
	"context"
	"fmt"
	"path/filepath"
	"time"

	"gorm.io/gorm"
)

// MinFreeBytes is the free space below which the desk reports that its disk is full:
// a write may still fit, but the next batch of citations may not.
const MinFreeBytes = 8 << 20

// Ready reports whether the database can take a write now: it answers, a one-row write
// gets its turn within a second, and its disk has room. It returns ErrBusy or ErrFull for
// the two conditions that pass by themselves.
func (d *DB) Ready(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	if err := d.Ping(ctx); err != nil {
		return fmt.Errorf("db: ping: %w", err)
	}
	if d.dialect == Postgres {
		// No gate and no file of ours to check: the probe write, waiting at most a
		// second for its row, says it all.
		err := d.gorm.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
			if err := setLockTimeout(tx, time.Second); err != nil {
				return err
			}
			return tx.Exec("UPDATE health SET checked_at = ? WHERE id = 1", time.Now().UTC()).Error
		})
		if ctx.Err() != nil {
			return fmt.Errorf("db: readiness probe: %w", ErrBusy)
		}
		return classify(err)
	}
	if free, ok := d.free(filepath.Dir(d.path)); ok && free < MinFreeBytes {
		return fmt.Errorf("db: %d bytes free on the database's disk: %w", free, ErrFull)
	}
	// The probe waits for the gate like any write, but unlike a save it gives up with
	// the request: another process holding the lock must not hold /readyz past its limit.
	wait := time.NewTimer(time.Second)
	defer wait.Stop()
	select {
	case d.writes <- struct{}{}:
	case <-wait.C:
		return fmt.Errorf("db: readiness probe waited for a turn: %w", ErrBusy)
	case <-ctx.Done():
		return fmt.Errorf("db: readiness probe: %w", ErrBusy)
	}
	defer func() { <-d.writes }()
	err := d.gorm.WithContext(ctx).Exec("UPDATE health SET checked_at = ? WHERE id = 1", time.Now().UTC()).Error
	if ctx.Err() != nil {
		return fmt.Errorf("db: readiness probe: %w", ErrBusy)
	}
	return classify(err)
}
