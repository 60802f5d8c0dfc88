package claims

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// NotificationKind says why a person is told about a claim.
type NotificationKind string

// Kinds of notification.
const (
	NotifyMention  NotificationKind = "mention"  // named in a comment
	NotifyAssigned NotificationKind = "assigned" // given a claim to work on
	NotifyVerdict  NotificationKind = "verdict"  // a verdict on a claim they follow
)

// Notification is one thing a person is told, read or not.
type Notification struct {
	ID         int64
	UserID     int64
	Kind       NotificationKind
	ClaimID    int64
	ClaimTitle string `gorm:"->"` // read with the claim's title, never written
	CommentID  *int64
	ActorID    *int64
	Actor      *Person `gorm:"foreignKey:ActorID"`
	Detail     string
	At         time.Time
	ReadAt     *time.Time
}

// Read reports whether the person has marked it read.
func (n *Notification) Read() bool { return n.ReadAt != nil }

// notify stores one notification.
func notify(tx *gorm.DB, n Notification) error {
	if err := tx.Omit("Actor").Create(&n).Error; err != nil {
		return fmt.Errorf("claims: notify: %w", err)
	}
	return nil
}

// notifyFollowers tells everyone following a claim, but the actor, of what happened.
func notifyFollowers(tx *gorm.DB, kind NotificationKind, claimID, actor int64, detail string, at time.Time) error {
	err := tx.Exec(`INSERT INTO notifications (user_id, kind, claim_id, actor_id, detail, at)
		SELECT user_id, ?, claim_id, ?, ?, ? FROM claim_follows WHERE claim_id = ? AND user_id <> ?`,
		kind, actor, detail, at, claimID, actor).Error
	if err != nil {
		return fmt.Errorf("claims: notify followers: %w", err)
	}
	return nil
}

// follow makes a person follow a claim; following it already is fine.
func follow(tx *gorm.DB, claimID, user int64, at time.Time) error {
	row := map[string]any{"claim_id": claimID, "user_id": user, "since": at}
	if err := tx.Table("claim_follows").Clauses(clause.OnConflict{DoNothing: true}).Create(row).Error; err != nil {
		return fmt.Errorf("claims: follow: %w", err)
	}
	return nil
}

// Follow makes a person follow a claim: they are told of its verdicts.
func (s *Service) Follow(ctx context.Context, user, claimID int64) error {
	return s.write(ctx, func(tx *gorm.DB) error {
		var n int64
		if err := tx.Model(&Claim{}).Where("id = ?", claimID).Count(&n).Error; err != nil {
			return fmt.Errorf("claims: follow: %w", err)
		}
		if n == 0 {
			return ErrNotFound
		}
		return follow(tx, claimID, user, s.now())
	})
}

// Unfollow stops a person following a claim. Assigning it to them or their commenting
// on it makes them follow it again.
func (s *Service) Unfollow(ctx context.Context, user, claimID int64) error {
	return s.write(ctx, func(tx *gorm.DB) error {
		if err := tx.Exec("DELETE FROM claim_follows WHERE claim_id = ? AND user_id = ?", claimID, user).Error; err != nil {
			return fmt.Errorf("claims: unfollow: %w", err)
		}
		return nil
	})
}

// Following reports whether a person follows a claim.
func (s *Service) Following(ctx context.Context, user, claimID int64) (bool, error) {
	var n int64
	err := s.db(ctx).Table("claim_follows").Where("claim_id = ? AND user_id = ?", claimID, user).Limit(1).Count(&n).Error
	if err != nil {
		return false, fmt.Errorf("claims: following: %w", err)
	}
	return n > 0, nil
}

// Followers lists the ids of the people following a claim, lowest first.
func (s *Service) Followers(ctx context.Context, claimID int64) ([]int64, error) {
	var ids []int64
	err := s.db(ctx).Table("claim_follows").Where("claim_id = ?", claimID).Order("user_id").Pluck("user_id", &ids).Error
	if err != nil {
		return nil, fmt.Errorf("claims: followers: %w", err)
	}
	return ids, nil
}

// NotificationsPerPage is how many notifications a page lists.
const NotificationsPerPage = 50

// NotificationPage is one page of a person's notifications, newest first.
type NotificationPage struct {
	Notifications []Notification
	// Next is the id to pass as before for the next (older) page; 0 when this is the last.
	Next int64
}

// Notifications lists a person's notifications newest first, those older than the
// notification before (0 for the newest).
func (s *Service) Notifications(ctx context.Context, user, before int64) (*NotificationPage, error) {
	q := s.db(ctx).Select("notifications.*, claims.title AS claim_title").
		Joins("JOIN claims ON claims.id = notifications.claim_id").
		Preload("Actor").Where("notifications.user_id = ?", user)
	if before > 0 {
		q = q.Where("notifications.id < ?", before)
	}
	var out []Notification
	if err := q.Order("notifications.id DESC").Limit(NotificationsPerPage + 1).Find(&out).Error; err != nil {
		return nil, fmt.Errorf("claims: notifications: %w", err)
	}
	p := &NotificationPage{Notifications: out}
	if len(out) > NotificationsPerPage {
		p.Notifications = out[:NotificationsPerPage]
		p.Next = p.Notifications[NotificationsPerPage-1].ID
	}
	return p, nil
}

// MaxUnread is the most unread notifications the header counts; beyond it shows "99+".
const MaxUnread = 99

// Unread counts a person's unread notifications, up to MaxUnread+1, from an index
// holding only unread ones: the header asks on every page.
func (s *Service) Unread(ctx context.Context, user int64) (int, error) {
	var n int
	err := s.db(ctx).Raw("SELECT COUNT(*) FROM (SELECT 1 FROM notifications WHERE user_id = ? AND read_at IS NULL LIMIT ?) AS unread",
		user, MaxUnread+1).Scan(&n).Error
	if err != nil {
		return 0, fmt.Errorf("claims: unread notifications: %w", err)
	}
	return n, nil
}

// MarkAllRead marks a person's unread notifications read, up to and including the
// one with id through (the newest they saw; 0 for all), so one that arrived since
// the page was shown stays unread. It returns how many it marked.
func (s *Service) MarkAllRead(ctx context.Context, user, through int64) (int64, error) {
	var n int64
	err := s.write(ctx, func(tx *gorm.DB) error {
		q := tx.Model(&Notification{}).Where("user_id = ? AND read_at IS NULL", user)
		if through > 0 {
			q = q.Where("id <= ?", through)
		}
		res := q.Update("read_at", s.now())
		n = res.RowsAffected
		if res.Error != nil {
			return fmt.Errorf("claims: mark notifications read: %w", res.Error)
		}
		return nil
	})
	return n, err
}
