package claims

import (
	"context"
	"errors"
	"fmt"

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
	err := s.write(ctx, func(tx *gorm.DB) error { return tx.Omit("UpdatedBy").Create(src).Error })
	if errors.Is(err, gorm.ErrDuplicatedKey) {
		return errDuplicateName
	}
	if err != nil {
		return fmt.Errorf("claims: create source: %w", err)
	}
	return nil
}

// UpdateSource saves changes to a source; src.Version must be the version the editor
// loaded, else ErrConflict. A changed kind updates the evidence of every claim citing it.
func (s *Service) UpdateSource(ctx context.Context, actor int64, src *Source) error {
	if err := src.Validate(); err != nil {
		return err
	}
	return s.write(ctx, func(tx *gorm.DB) error {
		var old Source
		if err := tx.First(&old, src.ID).Error; err != nil {
			return notFound("update source", err)
		}
		if old.Version != src.Version {
			return ErrConflict
		}
		now := s.now()
		err := tx.Model(&Source{}).Where("id = ? AND version = ?", src.ID, src.Version).Updates(map[string]any{
			"name": src.Name, "name_key": src.NameKey, "kind": src.Kind, "affiliation": src.Affiliation,
			"homepage": src.Homepage, "version": gorm.Expr("version + 1"), "updated_at": now, "updated_by_id": actor,
		}).Error
		if errors.Is(err, gorm.ErrDuplicatedKey) {
			return errDuplicateName
		}
		if err != nil {
			return fmt.Errorf("claims: update source: %w", err)
		}
		src.Version++
		if old.Kind == src.Kind && old.Name == src.Name {
			return nil
		}
		// The kind decides whether a confirmation is official, and the name appears in
		// contested reasons: recompute every claim that cites this source.
		var claims []Claim
		if err := tx.Where("id IN (SELECT claim_id FROM citations WHERE source_id = ?)", src.ID).Find(&claims).Error; err != nil {
			return fmt.Errorf("claims: claims citing source: %w", err)
		}
		for i := range claims {
			if err := refresh(tx, &claims[i], claims[i].Verdict, actor, now, nil); err != nil {
				return err
			}
		}
		return nil
	})
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
