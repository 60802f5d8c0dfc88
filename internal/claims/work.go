package claims

import (
	"context"
	"errors"
	"fmt"
	"time"

	"claimdesk/internal/events"

	"gorm.io/gorm"
)

// WorkStatus is how far the desk is with a claim; it is separate from the verdict,
// which says what the desk concluded.
type WorkStatus string

// Work statuses.
const (
	WorkNew         WorkStatus = "new"
	WorkInProgress  WorkStatus = "in_progress"
	WorkNeedsReview WorkStatus = "needs_review"
	WorkDone        WorkStatus = "done"
)

// WorkStatuses lists every work status in the order work goes.
var WorkStatuses = []Choice{
	{string(WorkNew), "New"},
	{string(WorkInProgress), "In progress"},
	{string(WorkNeedsReview), "Needs review"},
	{string(WorkDone), "Done"},
}

// Valid reports whether w is one of WorkStatuses.
func (w WorkStatus) Valid() bool { return valid(WorkStatuses, string(w)) }

// Label is the work status as people read it.
func (w WorkStatus) Label() string { return label(WorkStatuses, string(w)) }

// NeedsAssignee reports whether a claim in this status must have someone on it: work
// in progress is somebody's work.
func (w WorkStatus) NeedsAssignee() bool { return w == WorkInProgress }

// The work form's fields.
var (
	WorkStatusField = Field{"work_status", "Work status"}
	WorkAssignee    = Field{"assignee_id", "Assigned to"}
)

// assignableRoles are the roles of the people a claim can be assigned to: those who
// can work on it (viewers only read).
var assignableRoles = []string{"editor", "factchecker", "admin"}

// Work is who is on a claim and how far they are.
type Work struct {
	ClaimID    int64 `gorm:"column:id;primaryKey"`
	Revision   int
	WorkStatus WorkStatus
	AssigneeID *int64
	Assignee   *Person `gorm:"foreignKey:AssigneeID"`
	AssignedAt *time.Time
}

// TableName maps Work onto the claims table.
func (Work) TableName() string { return "claims" }

// WorkOf returns a claim's work status and assignee.
func (s *Service) WorkOf(ctx context.Context, claimID int64) (*Work, error) {
	var w Work
	err := s.db(ctx).Select("id", "revision", "work_status", "assignee_id", "assigned_at").Preload("Assignee").Take(&w, claimID).Error
	if err != nil {
		return nil, notFound("work of claim", err)
	}
	return &w, nil
}

// Assignable lists the people a claim can be assigned to, by name.
func (s *Service) Assignable(ctx context.Context) ([]Person, error) {
	var out []Person
	if err := s.db(ctx).Where("role IN ?", assignableRoles).Order("name, email").Find(&out).Error; err != nil {
		return nil, fmt.Errorf("claims: assignable people: %w", err)
	}
	return out, nil
}

// SetWork sets a claim's work status and assignee (nil for nobody), recording the
// change in the claim's history and telling a new assignee, in one transaction.
// revision is the claim's revision the person looked at, else ErrConflict. It bumps
// the revision but never the version, so an editor's open edit form stays valid. It
// returns the changes made; none when the claim already stood so.
func (s *Service) SetWork(ctx context.Context, actor, claimID int64, revision int, status WorkStatus, assignee *int64) ([]Change, error) {
	if !status.Valid() {
		return nil, ValidationError{WorkStatusField.Name: "Choose a work status."}
	}
	if status.NeedsAssignee() && assignee == nil {
		return nil, ValidationError{WorkAssignee.Name: "Assign someone: work in progress is somebody's work."}
	}
	var changes []Change
	err := s.write(ctx, func(tx *gorm.DB) error {
		changes = nil
		var old Work
		if err := tx.Select("id", "revision", "work_status", "assignee_id", "assigned_at").Preload("Assignee").Take(&old, claimID).Error; err != nil {
			return notFound("set work", err)
		}
		if old.Revision != revision {
			return ErrConflict
		}
		var person *Person
		if assignee != nil {
			person = &Person{}
			err := tx.Where("id = ? AND role IN ?", *assignee, assignableRoles).Take(person).Error
			if errors.Is(err, gorm.ErrRecordNotFound) {
				return ValidationError{WorkAssignee.Name: "Choose someone from the list."}
			}
			if err != nil {
				return fmt.Errorf("claims: assignee: %w", err)
			}
		}
		if old.WorkStatus != status {
			changes = append(changes, Change{Field: WorkStatusField.Name, Label: WorkStatusField.Label, Old: old.WorkStatus.Label(), New: status.Label()})
		}
		reassigned := !sameID(old.AssigneeID, assignee)
		if reassigned {
			changes = append(changes, Change{Field: WorkAssignee.Name, Label: WorkAssignee.Label, Old: nameOrEmpty(old.Assignee), New: nameOrEmpty(person)})
		}
		if len(changes) == 0 {
			return nil
		}
		now := s.now()
		set := map[string]any{"work_status": status, "revision": gorm.Expr("revision + 1")}
		if reassigned {
			set["assignee_id"], set["assigned_at"] = assignee, nil
			if assignee != nil {
				set["assigned_at"] = now
			}
		}
		res := tx.Model(&Claim{}).Where("id = ? AND revision = ?", claimID, revision).Updates(set)
		if res.Error != nil {
			return fmt.Errorf("claims: set work: %w", res.Error)
		}
		if res.RowsAffected == 0 {
			return ErrConflict
		}
		if err := addEvent(tx, Event{ClaimID: claimID, Kind: "work", Changes: changes, UserID: &actor, At: now}); err != nil {
			return err
		}
		if !reassigned || assignee == nil {
			return nil
		}
		if err := follow(tx, claimID, *assignee, now); err != nil {
			return err
		}
		if *assignee == actor {
			return nil
		}
		return notify(tx, Notification{UserID: *assignee, Kind: NotifyAssigned, ClaimID: claimID, ActorID: &actor,
			Detail: status.Label(), At: now})
	})
	if err := s.publish(ctx, err, events.WorkChanged, claimID, actor); err != nil {
		return nil, err
	}
	return changes, nil
}

func sameID(a, b *int64) bool {
	if a == nil || b == nil {
		return a == b
	}
	return *a == *b
}

// nameOrEmpty names a person for a change record; nobody is "".
func nameOrEmpty(p *Person) string {
	if p == nil {
		return ""
	}
	return p.Display()
}

// QueueItem is one claim in a person's queue.
type QueueItem struct {
	ID         int64
	Title      string
	Verdict    Verdict
	WorkStatus WorkStatus
	OccurredOn time.Time
	AssignedAt *time.Time
}

// MaxQueue is the most claims a queue lists.
const MaxQueue = 200

// Queue lists the claims assigned to a person, the longest-assigned first (by when
// they were assigned, not when the claim was reported: the queue is the order work
// was handed out). Done claims are left out unless withDone.
func (s *Service) Queue(ctx context.Context, user int64, withDone bool) ([]QueueItem, error) {
	q := s.db(ctx).Model(&Claim{}).Select("id", "title", "verdict", "work_status", "occurred_on", "assigned_at").
		Where("assignee_id = ?", user)
	if !withDone {
		q = q.Where("work_status <> ?", WorkDone)
	}
	var out []QueueItem
	if err := q.Order("assigned_at, id").Limit(MaxQueue).Find(&out).Error; err != nil {
		return nil, fmt.Errorf("claims: queue: %w", err)
	}
	return out, nil
}
