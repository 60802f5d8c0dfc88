package claims

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// EventKinds lists every kind of entry in a claim's history, as the activity page
// offers them to filter by.
var EventKinds = []Choice{
	{"created", "Claim created"},
	{"edited", "Claim edited"},
	{"cited", "Source cited"},
	{"citation_edited", "Citation corrected"},
	{"citation_withdrawn", "Citation withdrawn"},
	{"reviewed", "Disagreement reviewed"},
	{"verdict", "Verdict set"},
	{"work", "Work status or assignee"},
	{"commented", "Comment posted"},
	{"comment_removed", "Comment removed"},
}

// ValidEventKind reports whether k is one of EventKinds.
func ValidEventKind(k string) bool { return valid(EventKinds, k) }

// Cursor marks a place in the desk's history, newest first: the entry at At with id ID.
type Cursor struct {
	At time.Time
	ID int64
}

// String is the cursor as a link carries it.
func (c Cursor) String() string {
	return strconv.FormatInt(c.At.UnixNano(), 10) + "-" + strconv.FormatInt(c.ID, 10)
}

// ErrBadCursor means a link's place in the history cannot be read.
var ErrBadCursor = errors.New("claims: not a place in the history")

// ParseCursor reads a cursor as String writes it.
func ParseCursor(s string) (Cursor, error) {
	at, id, ok := strings.Cut(s, "-")
	ns, err1 := strconv.ParseInt(at, 10, 64)
	n, err2 := strconv.ParseInt(id, 10, 64)
	if !ok || err1 != nil || err2 != nil || n <= 0 {
		return Cursor{}, ErrBadCursor
	}
	return Cursor{At: time.Unix(0, ns).UTC(), ID: n}, nil
}

// ActivityFilter narrows the desk's history.
type ActivityFilter struct {
	ClaimID int64      // only the changes to this claim; 0 for every claim's
	UserID  int64      // only this person's changes; 0 for everyone's
	Kind    string     // only this kind; "" for all
	Since   *time.Time // only changes after this moment (the last visit)
	Before  *Cursor    // only entries older than this (the next page)
}

// ActivityEntry is one change on the desk, with the title of its claim.
type ActivityEntry struct {
	Event
	ClaimTitle string
}

// ActivityPage is one page of the desk's history, newest first.
type ActivityPage struct {
	Entries []ActivityEntry
	Next    *Cursor // where the next (older) page starts; nil on the last
}

// ActivityPerPage is how many entries a page of activity lists.
const ActivityPerPage = 50

// Activity lists the changes to every claim (or to one), newest first, a page at a time by
// (at, id), so a page deep in the history costs what the first does.
func (s *Service) Activity(ctx context.Context, f ActivityFilter) (*ActivityPage, error) {
	db := s.db(ctx)
	q := db.Preload("User")
	if f.ClaimID > 0 {
		q = q.Where("claim_id = ?", f.ClaimID)
	}
	if f.UserID > 0 {
		q = q.Where("user_id = ?", f.UserID)
	}
	if f.Kind != "" {
		q = q.Where("kind = ?", f.Kind)
	}
	if f.Since != nil {
		q = q.Where("at > ?", f.Since.UTC())
	}
	if f.Before != nil {
		q = q.Where("(at < ? OR (at = ? AND id < ?))", f.Before.At, f.Before.At, f.Before.ID)
	}
	var events []Event
	if err := q.Order("at DESC, id DESC").Limit(ActivityPerPage + 1).Find(&events).Error; err != nil {
		return nil, fmt.Errorf("claims: activity: %w", err)
	}
	p := &ActivityPage{}
	if len(events) > ActivityPerPage {
		events = events[:ActivityPerPage]
		last := events[len(events)-1]
		p.Next = &Cursor{At: last.At, ID: last.ID}
	}
	titles := map[int64]string{}
	if len(events) > 0 {
		ids := make([]int64, len(events))
		for i, e := range events {
			ids[i] = e.ClaimID
		}
		var rows []struct {
			ID    int64
			Title string
		}
		if err := db.Model(&Claim{}).Select("id", "title").Where("id IN ?", ids).Find(&rows).Error; err != nil {
			return nil, fmt.Errorf("claims: activity titles: %w", err)
		}
		for _, r := range rows {
			titles[r.ID] = r.Title
		}
	}
	for _, e := range events {
		p.Entries = append(p.Entries, ActivityEntry{Event: e, ClaimTitle: titles[e.ClaimID]})
	}
	return p, nil
}

// People lists every account by name, for choosing whose activity to see.
func (s *Service) People(ctx context.Context) ([]Person, error) {
	var out []Person
	if err := s.db(ctx).Order("name, email").Find(&out).Error; err != nil {
		return nil, fmt.Errorf("claims: people: %w", err)
	}
	return out, nil
}

// activityMark is a person's last look at the activity page.
type activityMark struct {
	UserID int64 `gorm:"primaryKey"`
	SeenAt time.Time
}

func (activityMark) TableName() string { return "activity_marks" }

// LastVisit returns the moment a person last marked the activity page seen, or nil.
func (s *Service) LastVisit(ctx context.Context, user int64) (*time.Time, error) {
	var m activityMark
	err := s.db(ctx).Take(&m, user).Error
	switch {
	case errors.Is(err, gorm.ErrRecordNotFound):
		return nil, nil
	case err != nil:
		return nil, fmt.Errorf("claims: last visit: %w", err)
	}
	t := m.SeenAt.UTC()
	return &t, nil
}

// MarkVisited records that a person has seen the desk's activity up to at (the newest
// entry they were shown), so the next visit shows only what came after. A mark never
// moves back.
func (s *Service) MarkVisited(ctx context.Context, user int64, at time.Time) error {
	return s.write(ctx, func(tx *gorm.DB) error {
		m := activityMark{UserID: user, SeenAt: at.UTC()}
		later := "max(seen_at, excluded.seen_at)"
		if isPostgres(tx) {
			later = "GREATEST(activity_marks.seen_at, excluded.seen_at)"
		}
		err := tx.Clauses(clause.OnConflict{
			Columns:   []clause.Column{{Name: "user_id"}},
			DoUpdates: clause.Assignments(map[string]any{"seen_at": gorm.Expr(later)}),
		}).Create(&m).Error
		if err != nil {
			return fmt.Errorf("claims: mark visited: %w", err)
		}
		return nil
	})
}
