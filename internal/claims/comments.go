package claims

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"claimdesk/internal/events"

	"gorm.io/gorm"
)

// ErrNotAllowed means the person may not do this to this record (edit someone else's
// comment, say), whatever their role.
var ErrNotAllowed = errors.New("not allowed for this person")

// CommentBody is the comment form's one field.
var CommentBody = Field{"body", "Comment"}

// MaxComment is the longest comment, in characters.
const MaxComment = 4000

// CommentEditWindow is how long after posting its author may still edit a comment,
// by the server's clock.
const CommentEditWindow = 10 * time.Minute

// Comment is one message in a claim's discussion. Everyone who can see the claim (any
// logged-in person) may comment; only its author may edit it, within the edit window;
// an admin may remove it, which blanks its text and keeps who removed it and when.
type Comment struct {
	ID          int64
	ClaimID     int64
	AuthorID    *int64
	Author      *Person `gorm:"foreignKey:AuthorID"`
	Body        string
	CreatedAt   time.Time
	EditedAt    *time.Time
	RemovedAt   *time.Time
	RemovedByID *int64
	RemovedBy   *Person `gorm:"foreignKey:RemovedByID"`
}

// Removed reports whether an admin removed the comment.
func (c *Comment) Removed() bool { return c.RemovedAt != nil }

// Edited reports whether its author changed the comment after posting it.
func (c *Comment) Edited() bool { return c.EditedAt != nil }

// EditableUntil is the moment the author can no longer edit the comment.
func (c *Comment) EditableUntil() time.Time { return c.CreatedAt.Add(CommentEditWindow) }

// EditableBy reports whether user may edit the comment at now: its author, within the
// edit window, while it is not removed.
func (c *Comment) EditableBy(user int64, now time.Time) bool {
	return !c.Removed() && c.AuthorID != nil && *c.AuthorID == user && now.Before(c.EditableUntil())
}

// ValidateComment checks a comment's text and returns it trimmed.
func ValidateComment(body string) (string, error) {
	body = strings.TrimSpace(body)
	switch n := utf8.RuneCountInString(body); {
	case !IsText(body):
		return body, ValidationError{CommentBody.Name: NotText}
	case n == 0:
		return body, ValidationError{CommentBody.Name: "Write something before posting."}
	case n > MaxComment:
		return body, ValidationError{CommentBody.Name: fmt.Sprintf("Keep a comment to %d characters (this one has %d); split it in two.", MaxComment, n)}
	}
	return body, nil
}

// Handle is how a person is named in a comment, after an @: the part of their email
// before the @, in lower case ("dana@newsroom.org" is @dana).
func Handle(email string) string {
	local, _, _ := strings.Cut(email, "@")
	return strings.ToLower(local)
}

// mention is an @ at the start of the text or after anything but a letter, digit or
// another @ (so an email address in the text is not a mention), then a handle.
var mention = regexp.MustCompile(`(?:^|[^\p{L}\p{N}_@.+-])@([\p{L}\p{N}_][\p{L}\p{N}_.+-]*)`)

// Mentions lists the handles named in a comment, in lower case, each once, in the
// order first named. A handle's trailing dots and dashes are punctuation, not part of it.
func Mentions(body string) []string {
	var out []string
	for _, m := range mention.FindAllStringSubmatch(body, -1) {
		h := strings.ToLower(strings.TrimRight(m[1], ".-+"))
		if h != "" && !slices.Contains(out, h) {
			out = append(out, h)
		}
	}
	return out
}

// mentioned returns the ids of the people a comment names by handle, but the author.
func mentioned(tx *gorm.DB, body string, author int64) ([]int64, error) {
	handles := Mentions(body)
	if len(handles) == 0 {
		return nil, nil
	}
	var ids []int64
	handle := "lower(substr(email, 1, instr(email, '@') - 1))"
	if isPostgres(tx) {
		handle = "CASE WHEN strpos(email, '@') > 0 THEN lower(split_part(email, '@', 1)) ELSE '' END"
	}
	err := tx.Model(&Person{}).Where(handle+" IN ? AND id <> ?", handles, author).
		Order("id").Pluck("id", &ids).Error
	if err != nil {
		return nil, fmt.Errorf("claims: mentioned people: %w", err)
	}
	return ids, nil
}

// notifyMentions tells the people a comment names, but those told of it already.
func notifyMentions(tx *gorm.DB, cm *Comment, author int64, at time.Time) error {
	ids, err := mentioned(tx, cm.Body, author)
	if err != nil || len(ids) == 0 {
		return err
	}
	var told []int64
	if err := tx.Model(&Notification{}).Where("comment_id = ? AND kind = ?", cm.ID, NotifyMention).Pluck("user_id", &told).Error; err != nil {
		return fmt.Errorf("claims: mentions told: %w", err)
	}
	for _, id := range ids {
		if slices.Contains(told, id) {
			continue
		}
		n := Notification{UserID: id, Kind: NotifyMention, ClaimID: cm.ClaimID, CommentID: &cm.ID, ActorID: &author, At: at}
		if err := notify(tx, n); err != nil {
			return err
		}
	}
	return nil
}

// AddComment posts a comment on a claim. The author follows the claim from then on,
// and everyone it names by @handle is told, in the same transaction.
func (s *Service) AddComment(ctx context.Context, actor, claimID int64, body string) (*Comment, error) {
	body, err := ValidateComment(body)
	if err != nil {
		return nil, err
	}
	now := s.now()
	cm := &Comment{ClaimID: claimID, AuthorID: &actor, Body: body, CreatedAt: now}
	err = s.write(ctx, func(tx *gorm.DB) error {
		var n int64
		if err := tx.Model(&Claim{}).Where("id = ?", claimID).Count(&n).Error; err != nil {
			return fmt.Errorf("claims: add comment: %w", err)
		}
		if n == 0 {
			return ErrNotFound
		}
		cm.ID = 0
		if err := tx.Omit("Author", "RemovedBy").Create(cm).Error; err != nil {
			return fmt.Errorf("claims: add comment: %w", err)
		}
		if err := addEvent(tx, Event{ClaimID: claimID, Kind: "commented", UserID: &actor, At: now}); err != nil {
			return err
		}
		if err := follow(tx, claimID, actor, now); err != nil {
			return err
		}
		return notifyMentions(tx, cm, actor, now)
	})
	if err := s.publish(ctx, err, events.Commented, claimID, actor); err != nil {
		return nil, err
	}
	return cm, nil
}

// EditComment replaces a comment's text. Only its author may, and only within
// CommentEditWindow of posting it (ErrNotAllowed, or a message for a late edit).
// People it newly names are told; those told before are not told twice.
func (s *Service) EditComment(ctx context.Context, actor, commentID int64, body string) (*Comment, error) {
	body, err := ValidateComment(body)
	if err != nil {
		return nil, err
	}
	var cm Comment
	err = s.write(ctx, func(tx *gorm.DB) error {
		if err := tx.Take(&cm, commentID).Error; err != nil {
			return notFound("edit comment", err)
		}
		now := s.now()
		switch {
		case cm.Removed() || cm.AuthorID == nil || *cm.AuthorID != actor:
			return ErrNotAllowed
		case !cm.EditableBy(actor, now):
			return ValidationError{CommentBody.Name: "A comment can be edited for 10 minutes after posting, by the server's clock; " +
				"this one no longer can. Post a new comment instead."}
		case cm.Body == body:
			return nil
		}
		cm.Body, cm.EditedAt = body, &now
		if err := tx.Model(&Comment{}).Where("id = ?", cm.ID).Updates(map[string]any{"body": body, "edited_at": now}).Error; err != nil {
			return fmt.Errorf("claims: edit comment: %w", err)
		}
		return notifyMentions(tx, &cm, actor, now)
	})
	if err := s.publish(ctx, err, events.Commented, cm.ClaimID, actor); err != nil {
		return nil, err
	}
	return &cm, nil
}

// RemoveComment takes a comment off its claim, as an admin does with one that must not
// stand (a source's name, someone's personal details). Its text is blanked, not
// hidden: a removed text kept in the database would live on in every backup and copy.
// The comment's place in the thread shows who wrote it, who removed it and when, and
// the claim's history records the removal. Removing it twice changes nothing.
func (s *Service) RemoveComment(ctx context.Context, actor, commentID int64) (*Comment, error) {
	var cm Comment
	err := s.write(ctx, func(tx *gorm.DB) error {
		if err := tx.Preload("Author").Take(&cm, commentID).Error; err != nil {
			return notFound("remove comment", err)
		}
		if cm.Removed() {
			return nil
		}
		now := s.now()
		cm.Body, cm.RemovedAt, cm.RemovedByID = "", &now, &actor
		err := tx.Model(&Comment{}).Where("id = ?", cm.ID).Updates(map[string]any{"body": "", "removed_at": now, "removed_by_id": actor}).Error
		if err != nil {
			return fmt.Errorf("claims: remove comment: %w", err)
		}
		ev := Event{ClaimID: cm.ClaimID, Kind: "comment_removed", Detail: "by " + cm.Author.Display() + ", posted " +
			cm.CreatedAt.UTC().Format("2 Jan 2006 15:04 UTC"), UserID: &actor, At: now}
		return addEvent(tx, ev)
	})
	if err := s.publish(ctx, err, events.Commented, cm.ClaimID, actor); err != nil {
		return nil, err
	}
	return &cm, nil
}

// Comment returns one comment.
func (s *Service) Comment(ctx context.Context, id int64) (*Comment, error) {
	var cm Comment
	if err := s.db(ctx).Preload("Author").Preload("RemovedBy").Take(&cm, id).Error; err != nil {
		return nil, notFound("get comment", err)
	}
	return &cm, nil
}

// Comments lists a claim's comments, oldest first, removed ones too.
func (s *Service) Comments(ctx context.Context, claimID int64) ([]Comment, error) {
	var out []Comment
	err := s.db(ctx).Preload("Author").Preload("RemovedBy").Where("claim_id = ?", claimID).Order("created_at, id").Find(&out).Error
	if err != nil {
		return nil, fmt.Errorf("claims: comments: %w", err)
	}
	return out, nil
}

// Time is the service's clock (Now, else the system's), in UTC: pages that offer an
// edit within CommentEditWindow judge it by the same clock the service enforces.
func (s *Service) Time() time.Time { return s.now() }
