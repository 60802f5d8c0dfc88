package claims

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"gorm.io/gorm"
)

// SavedView is a dashboard view a person saved under a name: the canonical query
// string of its filters and order.
type SavedView struct {
	ID        int64
	UserID    int64
	Name      string
	Query     string
	CreatedAt time.Time
}

// ViewName is the field a saved view's name is typed into.
var ViewName = Field{"name", "Name"}

// MaxViewName is the longest name a saved view may have, in characters.
const MaxViewName = 80

// maxViewQuery bounds the stored query; a canonical dashboard query is far shorter.
const maxViewQuery = 2000

// URL is the dashboard address of the view.
func (v SavedView) URL() string {
	if v.Query == "" {
		return "/"
	}
	return "/?" + v.Query
}

// Views lists the person's saved views by name.
func (s *Service) Views(ctx context.Context, userID int64) ([]SavedView, error) {
	var out []SavedView
	if err := s.db(ctx).Where("user_id = ?", userID).Order("name, id").Find(&out).Error; err != nil {
		return nil, fmt.Errorf("claims: saved views: %w", err)
	}
	return out, nil
}

// SaveView saves the query under name for the person. An empty, too long or
// already used name is a ValidationError for the field name.
func (s *Service) SaveView(ctx context.Context, userID int64, name, query string) (*SavedView, error) {
	name = strings.TrimSpace(name)
	v := &SavedView{UserID: userID, Name: name, Query: query, CreatedAt: s.now()}
	switch {
	case !IsText(name):
		return nil, ValidationError{ViewName.Name: NotText}
	case name == "":
		return nil, ValidationError{ViewName.Name: "Give the view a name."}
	case utf8.RuneCountInString(name) > MaxViewName:
		return nil, ValidationError{ViewName.Name: fmt.Sprintf("A view's name is at most %d characters.", MaxViewName)}
	case len(query) > maxViewQuery || !IsText(query):
		return nil, ValidationError{ViewName.Name: "This view cannot be saved: its address is too long or not text."}
	}
	err := s.write(ctx, func(tx *gorm.DB) error {
		var n int64
		if err := tx.Model(&SavedView{}).Where("user_id = ? AND name = ?", userID, name).Count(&n).Error; err != nil {
			return err
		}
		if n > 0 {
			return ValidationError{ViewName.Name: "You already have a view called “" + name + "”; choose another name."}
		}
		return tx.Create(v).Error
	})
	var ve ValidationError
	if errors.As(err, &ve) {
		return nil, ve
	}
	if err != nil {
		return nil, fmt.Errorf("claims: save view: %w", err)
	}
	return v, nil
}

// DeleteView deletes one of the person's views; another person's is ErrNotFound.
func (s *Service) DeleteView(ctx context.Context, userID, id int64) error {
	return s.write(ctx, func(tx *gorm.DB) error {
		res := tx.Where("id = ? AND user_id = ?", id, userID).Delete(&SavedView{})
		if res.Error != nil {
			return fmt.Errorf("claims: delete view: %w", res.Error)
		}
		if res.RowsAffected == 0 {
			return ErrNotFound
		}
		return nil
	})
}
