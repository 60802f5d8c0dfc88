package claims

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"claimdesk/internal/db"

	"gorm.io/gorm"
)

// Service reads and writes claims, sources, citations and verdicts.
type Service struct {
	store *db.DB
	tx    *gorm.DB         // set inside InTx: every call joins this transaction
	Now   func() time.Time // nil means time.Now
}

// NewService returns a Service over the database d.
func NewService(d *db.DB) *Service { return &Service{store: d} }

// InTx runs fn with a service whose every write joins one transaction, so several
// calls are saved together or not at all.
func (s *Service) InTx(ctx context.Context, fn func(*Service) error) error {
	return s.write(ctx, func(tx *gorm.DB) error {
		return fn(&Service{store: s.store, tx: tx, Now: s.Now})
	})
}

// Ping checks that the database answers.
func (s *Service) Ping(ctx context.Context) error { return s.store.Ping(ctx) }

// Ready reports whether the database can take a write now (see db.DB.Ready).
func (s *Service) Ready(ctx context.Context) error { return s.store.Ready(ctx) }

func (s *Service) now() time.Time {
	if s.Now != nil {
		return s.Now().UTC()
	}
	return time.Now().UTC()
}

// db is the handle for reads: the open transaction inside InTx, else the database.
func (s *Service) db(ctx context.Context) *gorm.DB {
	if s.tx != nil {
		return s.tx
	}
	return s.store.Read(ctx)
}

// write runs fn in a write transaction: a savepoint inside InTx, else a transaction
// that waits its turn at the database's write gate.
func (s *Service) write(ctx context.Context, fn func(tx *gorm.DB) error) error {
	if s.tx != nil {
		return s.tx.Transaction(fn)
	}
	return s.store.Write(ctx, fn)
}

// notFound maps GORM's missing-row error to ErrNotFound and wraps the rest.
func notFound(op string, err error) error {
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return ErrNotFound
	}
	return fmt.Errorf("claims: %s: %w", op, err)
}

// CreateClaim validates c and stores it as a new, unverified claim made by actor.
func (s *Service) CreateClaim(ctx context.Context, actor int64, c *Claim) error {
	c.Verdict = VerdictUnverified
	if err := c.Validate(); err != nil {
		return err
	}
	now := s.now()
	c.ID, c.Version, c.CreatedAt, c.UpdatedAt = 0, 1, now, now
	c.CreatedByID, c.UpdatedByID = &actor, &actor
	Summarize(nil, c.Verdict).Apply(c)
	return s.write(ctx, func(tx *gorm.DB) error {
		if err := tx.Omit("CreatedBy", "UpdatedBy").Create(c).Error; err != nil {
			return fmt.Errorf("claims: create claim: %w", err)
		}
		if err := moveCounts(tx, placement{}, placeOf(c, nil)); err != nil {
			return err
		}
		return addEvent(tx, c.ID, "created", "", actor, now)
	})
}

func addEvent(tx *gorm.DB, claimID int64, kind, detail string, actor int64, at time.Time) error {
	ev := Event{ClaimID: claimID, Kind: kind, Detail: detail, UserID: &actor, At: at}
	if err := tx.Omit("User").Create(&ev).Error; err != nil {
		return fmt.Errorf("claims: record %s: %w", kind, err)
	}
	return nil
}

// Claim returns the claim with the given id.
func (s *Service) Claim(ctx context.Context, id int64) (*Claim, error) {
	var c Claim
	err := s.db(ctx).Preload("CreatedBy").Preload("UpdatedBy").First(&c, id).Error
	if err != nil {
		return nil, notFound("get claim", err)
	}
	return &c, nil
}

// ClaimTitled reports whether a claim with exactly this title exists.
func (s *Service) ClaimTitled(ctx context.Context, title string) (bool, error) {
	var n int64
	if err := s.db(ctx).Model(&Claim{}).Where("title = ?", title).Limit(1).Count(&n).Error; err != nil {
		return false, fmt.Errorf("claims: claim by title: %w", err)
	}
	return n > 0, nil
}

// UpdateClaim saves an editor's changes to c. c.Version must be the version the editor
// loaded: if someone saved in between, nothing is written and ErrConflict is returned.
func (s *Service) UpdateClaim(ctx context.Context, actor int64, c *Claim) error {
	if err := c.Validate(); err != nil {
		return err
	}
	return s.write(ctx, func(tx *gorm.DB) error {
		var old Claim
		if err := tx.First(&old, c.ID).Error; err != nil {
			return notFound("update claim", err)
		}
		if old.Version != c.Version {
			return ErrConflict
		}
		changed := changedFields(&old, c)
		if len(changed) == 0 {
			*c = old
			return nil
		}
		now := s.now()
		res := tx.Model(&Claim{}).Where("id = ? AND version = ?", c.ID, c.Version).Updates(map[string]any{
			"title": c.Title, "summary": c.Summary, "place": c.Place, "country": c.Country,
			"latitude": c.Latitude, "longitude": c.Longitude, "occurred_on": c.OccurredOn,
			"date_precision": c.DatePrecision, "attack_type": c.AttackType, "target": c.Target,
			"version": gorm.Expr("version + 1"), "updated_at": now, "updated_by_id": actor,
		})
		if res.Error != nil {
			return fmt.Errorf("claims: update claim: %w", res.Error)
		}
		if res.RowsAffected == 0 {
			return ErrConflict
		}
		if old.Country != c.Country {
			sources, err := sourcesOf(tx, c.ID)
			if err != nil {
				return err
			}
			moved := old
			moved.Country = c.Country
			if err := moveCounts(tx, placeOf(&old, sources), placeOf(&moved, sources)); err != nil {
				return err
			}
		}
		if err := addEvent(tx, c.ID, "edited", "Changed "+strings.Join(changed, ", "), actor, now); err != nil {
			return err
		}
		c.Version++
		return nil
	})
}

// changedFields names, by their labels in lower case, the fields that differ between
// two versions of a claim.
func changedFields(a, b *Claim) []string {
	var out []string
	add := func(differs bool, f Field) {
		if differs {
			out = append(out, strings.ToLower(f.Label))
		}
	}
	add(a.Title != b.Title, ClaimTitle)
	add(a.Summary != b.Summary, ClaimSummary)
	add(a.Place != b.Place, ClaimPlace)
	add(a.Country != b.Country, ClaimCountry)
	add(a.Target != b.Target, ClaimTarget)
	add(!sameFloat(a.Latitude, b.Latitude), ClaimLatitude)
	add(!sameFloat(a.Longitude, b.Longitude), ClaimLongitude)
	add(!a.OccurredOn.Equal(b.OccurredOn), ClaimOccurredOn)
	add(a.DatePrecision != b.DatePrecision, ClaimDatePrecision)
	add(a.AttackType != b.AttackType, ClaimAttackType)
	return out
}

func sameFloat(a, b *float64) bool {
	if a == nil || b == nil {
		return a == b
	}
	return *a == *b
}

// ClaimDetail is everything the claim page shows.
type ClaimDetail struct {
	Claim     *Claim
	Citations []Citation
	Verdicts  []VerdictChange
	Events    []Event
	Evidence  Evidence
}

// Detail loads a claim with its citations, verdict history and other changes.
func (s *Service) Detail(ctx context.Context, id int64) (*ClaimDetail, error) {
	c, err := s.Claim(ctx, id)
	if err != nil {
		return nil, err
	}
	d := &ClaimDetail{Claim: c}
	db := s.db(ctx)
	if err := db.Preload("Source").Preload("CreatedBy").Where("claim_id = ?", id).
		Order("published_at IS NULL, published_at, id").Find(&d.Citations).Error; err != nil {
		return nil, fmt.Errorf("claims: citations: %w", err)
	}
	if err := db.Preload("ChangedBy").Where("claim_id = ?", id).Order("changed_at DESC, id DESC").Find(&d.Verdicts).Error; err != nil {
		return nil, fmt.Errorf("claims: verdict history: %w", err)
	}
	if err := db.Preload("User").Where("claim_id = ?", id).Order("at DESC, id DESC").Find(&d.Events).Error; err != nil {
		return nil, fmt.Errorf("claims: events: %w", err)
	}
	// The evidence is summarised in the order refresh uses (by id), so the reasons read
	// the same here as on the dashboard.
	byID := slices.Clone(d.Citations)
	slices.SortFunc(byID, func(a, b Citation) int { return cmp.Compare(a.ID, b.ID) })
	d.Evidence = Summarize(byID, c.Verdict)
	return d, nil
}

// AddCitation links a claim to a source with what the source said, and updates the
// claim's evidence in the same transaction.
func (s *Service) AddCitation(ctx context.Context, actor int64, cit *Citation) error {
	if err := cit.Validate(); err != nil {
		return err
	}
	return s.write(ctx, func(tx *gorm.DB) error {
		var claim Claim
		if err := tx.First(&claim, cit.ClaimID).Error; err != nil {
			return notFound("add citation", err)
		}
		var src Source
		if err := tx.First(&src, cit.SourceID).Error; err != nil {
			if errors.Is(err, gorm.ErrRecordNotFound) {
				return ValidationError{"source_id": "That source does not exist."}
			}
			return fmt.Errorf("claims: add citation: %w", err)
		}
		before, err := sourcesOf(tx, claim.ID)
		if err != nil {
			return err
		}
		now := s.now()
		cit.ID, cit.CreatedAt, cit.CreatedByID = 0, now, &actor
		if err := tx.Omit("Claim", "Source", "CreatedBy").Create(cit).Error; err != nil {
			return fmt.Errorf("claims: add citation: %w", err)
		}
		if err := tx.Model(&Source{}).Where("id = ?", src.ID).Update("citation_count", gorm.Expr("citation_count + 1")).Error; err != nil {
			return fmt.Errorf("claims: count citation: %w", err)
		}
		src.CitationCount++
		cit.Source = &src
		detail := fmt.Sprintf("%s: %s", src.Name, cit.Stance.Label())
		if err := addEvent(tx, claim.ID, "cited", detail, actor, now); err != nil {
			return err
		}
		return refresh(tx, &claim, claim.Verdict, actor, now, before)
	})
}

// refresh recomputes a claim's stored evidence from its citations, sets its verdict,
// and bumps its version, inside the caller's transaction. before lists the sources the
// claim cited before this change; nil means the same as now.
func refresh(tx *gorm.DB, c *Claim, verdict Verdict, actor int64, now time.Time, before []int64) error {
	var cites []Citation
	if err := tx.Preload("Source").Where("claim_id = ?", c.ID).Order("id").Find(&cites).Error; err != nil {
		return fmt.Errorf("claims: load citations: %w", err)
	}
	after := []int64{}
	for _, cit := range cites {
		if !slices.Contains(after, cit.SourceID) {
			after = append(after, cit.SourceID)
		}
	}
	if before == nil {
		before = after
	}
	from := placeOf(c, before)
	Summarize(cites, verdict).Apply(c)
	c.Verdict = verdict
	if err := moveCounts(tx, from, placeOf(c, after)); err != nil {
		return err
	}
	res := tx.Model(&Claim{}).Where("id = ? AND version = ?", c.ID, c.Version).Updates(map[string]any{
		"verdict":              verdict,
		"officially_confirmed": c.OfficiallyConfirmed,
		"officially_denied":    c.OfficiallyDenied,
		"contested":            c.Contested,
		"contested_reasons":    c.ContestedReasons,
		"source_count":         c.SourceCount,
		"version":              gorm.Expr("version + 1"),
		"updated_at":           now,
		"updated_by_id":        actor,
	})
	if res.Error != nil {
		return fmt.Errorf("claims: update evidence: %w", res.Error)
	}
	if res.RowsAffected == 0 {
		return ErrConflict
	}
	c.Verdict = verdict
	c.Version++
	return nil
}

// MaxReason is the longest verdict reason, in characters.
const MaxReason = 5000

// SetVerdict gives a claim a new verdict with the fact-checker's reason, storing the
// change in the verdict history in the same transaction. version is the version of the
// claim the fact-checker looked at; if it changed since, ErrConflict is returned.
func (s *Service) SetVerdict(ctx context.Context, actor, claimID int64, version int, to Verdict, reason string) error {
	reason, err := ValidateVerdict(to, reason)
	if err != nil {
		return err
	}
	return s.write(ctx, func(tx *gorm.DB) error {
		var c Claim
		if err := tx.First(&c, claimID).Error; err != nil {
			return notFound("set verdict", err)
		}
		if c.Version != version {
			return ErrConflict
		}
		if !c.Verdict.CanBecome(to) {
			return ValidationError{"verdict": "The claim is already " + c.Verdict.Label() + "."}
		}
		if to == VerdictConfirmed && c.SourceCount == 0 {
			return ValidationError{"verdict": "Cite at least one source before confirming a claim."}
		}
		now := s.now()
		change := VerdictChange{ClaimID: c.ID, FromVerdict: c.Verdict, ToVerdict: to, Reason: reason, ChangedByID: &actor, ChangedAt: now}
		if err := tx.Omit("ChangedBy").Create(&change).Error; err != nil {
			return fmt.Errorf("claims: record verdict: %w", err)
		}
		return refresh(tx, &c, to, actor, now, nil)
	})
}
