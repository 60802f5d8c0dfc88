package auth

import (
	"context"
	"crypto/subtle"
	"errors"
	"fmt"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// setupToken is the one row of the setup_token table: the one-time link that creates
// the first admin. It lives in the database, not in one process, so every instance of
// the desk on one database prints the same link and accepts it.
type setupToken struct {
	ID        int64 `gorm:"primaryKey"`
	Token     string
	CreatedAt time.Time
}

func (setupToken) TableName() string { return "setup_token" }

// SetupToken returns the desk's one-time setup token, making it if no instance has
// yet. There is one only while no account exists: once there is one, it returns "".
func (s *Service) SetupToken(ctx context.Context) (string, error) {
	var token string
	err := s.store.Write(ctx, func(tx *gorm.DB) error {
		var users int64
		if err := tx.Model(&User{}).Count(&users).Error; err != nil {
			return err
		}
		if users > 0 {
			return tx.Where("id = 1").Delete(&setupToken{}).Error
		}
		// Two instances starting at once both try; the first row stays.
		row := setupToken{ID: 1, Token: RandomToken(24), CreatedAt: s.now()}
		if err := tx.Clauses(clause.OnConflict{DoNothing: true}).Create(&row).Error; err != nil {
			return err
		}
		var kept setupToken
		if err := tx.First(&kept, 1).Error; err != nil {
			return err
		}
		token = kept.Token
		return nil
	})
	if err != nil {
		return "", fmt.Errorf("auth: setup token: %w", err)
	}
	return token, nil
}

// SetupAllowed reports whether token is the desk's setup token and no account exists.
func (s *Service) SetupAllowed(ctx context.Context, token string) (bool, error) {
	if token == "" {
		return false, nil
	}
	var row setupToken
	err := s.read(ctx).First(&row, 1).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("auth: setup token: %w", err)
	}
	if subtle.ConstantTimeCompare([]byte(token), []byte(row.Token)) != 1 {
		return false, nil
	}
	n, err := s.CountUsers(ctx)
	if err != nil {
		return false, fmt.Errorf("auth: setup token: %w", err)
	}
	return n == 0, nil
}
