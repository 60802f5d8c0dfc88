package auth

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"
)

// Throttle counts failed logins by key (an account, a client address) in the database,
// so that several instances of the desk throttle the same guesses. It has the methods
// of the web layer's Throttle.
type Throttle struct {
	s *Service
}

// NewThrottle returns a Throttle over the service's database.
func NewThrottle(s *Service) *Throttle { return &Throttle{s: s} }

// Failures returns the failures of key in its current window and how long until the
// window ends.
func (t *Throttle) Failures(ctx context.Context, key string) (int, time.Duration, error) {
	now := t.s.now()
	var row struct {
		N         int
		WindowEnd time.Time
	}
	res := t.s.read(ctx).Raw("SELECT n, window_end FROM login_failures WHERE key = ? AND window_end > ?", key, now).Scan(&row)
	if res.Error != nil {
		return 0, 0, fmt.Errorf("auth: login failures: %w", res.Error)
	}
	if res.RowsAffected == 0 {
		return 0, 0, nil
	}
	return row.N, row.WindowEnd.Sub(now), nil
}

// Fail records a failure of key; the first failure after a window ends opens a new one
// of the length given. Windows long over are swept away on the way.
func (t *Throttle) Fail(ctx context.Context, key string, window time.Duration) error {
	now := t.s.now()
	return t.s.store.Write(ctx, func(tx *gorm.DB) error {
		err := tx.Exec(`INSERT INTO login_failures (key, n, window_end) VALUES (?, 1, ?)
			ON CONFLICT (key) DO UPDATE SET
				n = CASE WHEN login_failures.window_end > ? THEN login_failures.n + 1 ELSE 1 END,
				window_end = CASE WHEN login_failures.window_end > ? THEN login_failures.window_end ELSE excluded.window_end END`,
			key, now.Add(window), now, now).Error
		if err != nil {
			return fmt.Errorf("auth: record login failure: %w", err)
		}
		if err := tx.Exec("DELETE FROM login_failures WHERE window_end < ?", now.Add(-time.Hour)).Error; err != nil {
			return fmt.Errorf("auth: sweep login failures: %w", err)
		}
		return nil
	})
}

// Reset forgets the failures of key.
func (t *Throttle) Reset(ctx context.Context, key string) error {
	return t.s.store.Write(ctx, func(tx *gorm.DB) error {
		if err := tx.Exec("DELETE FROM login_failures WHERE key = ?", key).Error; err != nil {
			return fmt.Errorf("auth: reset login failures: %w", err)
		}
		return nil
	})
}
