package auth

import (
	"context"
	"errors"
	"fmt"

	"gorm.io/gorm"
)

// SessionActive reports whether a session token is still valid, without recording a
// use: a live stream checks it now and then, so an open page neither outlives a
// logout nor keeps an idle session alive.
func (s *Service) SessionActive(ctx context.Context, token string) (bool, error) {
	var sess session
	err := s.read(ctx).Where("token_hash = ?", hashToken(token)).First(&sess).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("auth: check session: %w", err)
	}
	now := s.now()
	return now.Sub(sess.LastSeenAt) <= s.IdleTimeout && now.Sub(sess.CreatedAt) <= s.AbsoluteTimeout, nil
}
