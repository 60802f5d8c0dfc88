package claims

import (
	"context"
	"fmt"
	"strconv"

	"gorm.io/gorm"
)

// Settings are the desk-wide choices an admin makes.
type Settings struct {
	// AwaitingHours is how long after its first report a claim with no official
	// response joins the "awaiting official response" bucket.
	AwaitingHours int
}

// DefaultSettings are a new desk's settings.
var DefaultSettings = Settings{AwaitingHours: 24}

// A setting's fields.
var SettingAwaitingHours = Field{"awaiting_hours", "Hours before a claim is awaiting an official response"}

type settingRow struct {
	Key   string `gorm:"primaryKey"`
	Value string
}

func (settingRow) TableName() string { return "settings" }

// Settings returns the desk's settings, defaults where none was saved.
func (s *Service) Settings(ctx context.Context) (Settings, error) {
	out := DefaultSettings
	var rows []settingRow
	if err := s.db(ctx).Find(&rows).Error; err != nil {
		return out, fmt.Errorf("claims: settings: %w", err)
	}
	for _, r := range rows {
		if r.Key == SettingAwaitingHours.Name {
			if n, err := strconv.Atoi(r.Value); err == nil {
				out.AwaitingHours = n
			}
		}
	}
	return out, nil
}

// Validate checks settings as an admin submitted them.
func (st Settings) Validate() error {
	if st.AwaitingHours < 1 || st.AwaitingHours > 24*30 {
		return ValidationError{SettingAwaitingHours.Name: "Give a whole number of hours from 1 to 720 (30 days)."}
	}
	return nil
}

// SaveSettings stores the desk's settings.
func (s *Service) SaveSettings(ctx context.Context, st Settings) error {
	if err := st.Validate(); err != nil {
		return err
	}
	return s.write(ctx, func(tx *gorm.DB) error {
		row := settingRow{Key: SettingAwaitingHours.Name, Value: strconv.Itoa(st.AwaitingHours)}
		if err := tx.Save(&row).Error; err != nil {
			return fmt.Errorf("claims: save settings: %w", err)
		}
		return nil
	})
}
