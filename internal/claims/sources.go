package claims

import (
	"context"
	"errors"
	"fmt"

	"claimdesk/internal/events"

	"gorm.io/gorm"
)

// Sources lists every source by name, each with its number of citations.
func (s *Service) Sources(ctx context.Context) ([]Source, error) {
	var rows []Source
	if err := s.db(ctx).Order("name_key").Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("claims: list sources: %w", err)
	}
	return rows, nil
}

// Source returns the source with the given id.
func (s *Service) Source(ctx context.Context, id int64) (*Source, error) {
	var src Source
	if err := s.db(ctx).Preload("UpdatedBy").First(&src, id).Error; err != nil {
		return nil, notFound("get source", err)
	}
	return &src, nil
}

// SourceCitations returns one page of a source's citations, newest claim first, each
// with its claim.
func (s *Service) SourceCitations(ctx context.Context, sourceID int64, page int) ([]Citation, int64, error) {
	if page < 1 {
		page = 1
	}
	db := s.db(ctx)
	var total int64
	if err := db.Model(&Citation{}).Where("source_id = ?", sourceID).Count(&total).Error; err != nil {
		return nil, 0, fmt.Errorf("claims: count source citations: %w", err)
	}
	var cites []Citation
	err := db.Preload("Claim").Where("source_id = ?", sourceID).Order("claim_id DESC, id DESC").
		Limit(PerPage).Offset((page - 1) * PerPage).Find(&cites).Error
	if err != nil {
		return nil, 0, fmt.Errorf("claims: source citations: %w", err)
	}
	return cites, total, nil
}

var errDuplicateName = ValidationError{"name": "A source with this name already exists."}

// CreateSource validates and stores a new source.
func (s *Service) CreateSource(ctx context.Context, actor int64, src *Source) error {
	if err := src.Validate(); err != nil {
		return err
	}
	now := s.now()
	src.ID, src.Version, src.CreatedAt, src.UpdatedAt = 0, 1, now, now
	src.CreatedByID, src.UpdatedByID = &actor, &actor
	err := s.write(ctx, func(tx *gorm.DB) error {
		if err := checkSourceParty(tx, src); err != nil {
			return err
		}
		return tx.Omit("UpdatedBy").Create(src).Error
	})
	if errors.Is(err, gorm.ErrDuplicatedKey) {
		return errDuplicateName
	}
	if err != nil {
		return fmt.Errorf("claims: create source: %w", err)
	}
	return nil
}

// UpdateSource saves changes to a source; src.Version must be the version the editor
// loaded, else ErrConflict. A rename writes this one row: pages and reasons name sources
// as they are now. A source that changes party or relation changes whose word it
// carries, so the evidence of the claims citing it is worked out again (without making
// those claims edited).
func (s *Service) UpdateSource(ctx context.Context, actor int64, src *Source) error {
	if err := src.Validate(); err != nil {
		return err
	}
	err := s.write(ctx, func(tx *gorm.DB) error {
		var old Source
		if err := tx.First(&old, src.ID).Error; err != nil {
			return notFound("update source", err)
		}
		if old.Version != src.Version {
			return ErrConflict
		}
		if err := checkSourceParty(tx, src); err != nil {
			return err
		}
		now := s.now()
		err := tx.Model(&Source{}).Where("id = ? AND version = ?", src.ID, src.Version).Updates(map[string]any{
			"name": src.Name, "name_key": src.NameKey, "kind": src.Kind, "affiliation": src.Affiliation,
			"homepage": src.Homepage, "party_id": src.PartyID, "relation": src.Relation,
			"version": gorm.Expr("version + 1"), "updated_at": now, "updated_by_id": actor,
		}).Error
		if errors.Is(err, gorm.ErrDuplicatedKey) {
			return errDuplicateName
		}
		if err != nil {
			return fmt.Errorf("claims: update source: %w", err)
		}
		src.Version++
		if old.PartyID == src.PartyID && old.Relation == src.Relation {
			return nil
		}
		return s.reweighWhere(tx, "id IN (SELECT claim_id FROM citations WHERE source_id = ? OR relays_source_id = ?)", src.ID, src.ID)
	})
	return s.publish(ctx, err, events.SourceChanged, 0, actor)
}

// checkSourceParty refuses a party that is not in the registry.
func checkSourceParty(tx *gorm.DB, src *Source) error {
	if src.PartyID == 0 {
		return nil
	}
	var n int64
	if err := tx.Model(&PartyRecord{}).Where("id = ?", int64(src.PartyID)).Count(&n).Error; err != nil {
		return fmt.Errorf("claims: check source party: %w", err)
	}
	if n == 0 {
		return ValidationError{SourceParty.Name: "Choose a party from the registry."}
	}
	return nil
}

// SourceByName returns the source whose name matches name, ignoring case.
func (s *Service) SourceByName(ctx context.Context, name string) (*Source, error) {
	probe := Source{Name: name}
	probe.Validate()
	var src Source
	if err := s.db(ctx).Where("name_key = ?", probe.NameKey).First(&src).Error; err != nil {
		return nil, notFound("source by name", err)
	}
	return &src, nil
}
