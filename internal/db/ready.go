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
	if free, ok := d.free(filepath.Dir(d.path)); ok && free < MinFreeBytes {
		return fmt.Errorf("db: %d bytes free on the database's disk: %w", free, ErrFull)
	}
	return d.WriteWithin(ctx, time.Second, func(tx *gorm.DB) error {
		return tx.Exec("UPDATE health SET checked_at = ? WHERE id = 1", time.Now().UTC()).Error
	})
}
