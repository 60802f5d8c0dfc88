package claims

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"

	"claimdesk/internal/events"

	"gorm.io/gorm"
)

// jsonText encodes v for a JSON text column.
func jsonText(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic("claims: encode " + err.Error()) // only our own plain structs are encoded
	}
	return string(b)
}

// allParties loads the whole registry, which the rules need to tell who belongs to whom.
func allParties(tx *gorm.DB) ([]Party, error) {
	var rows []PartyRecord
	if err := tx.Select("id", "name", "kind", "parent_id").Order("name_key").Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("claims: parties: %w", err)
	}
	out := make([]Party, len(rows))
	for i, r := range rows {
		out[i] = r.Party
	}
	return out, nil
}

// partyNames maps every party to its name.
func partyNames(tx *gorm.DB) (map[PartyID]string, error) {
	parties, err := allParties(tx)
	if err != nil {
		return nil, err
	}
	names := make(map[PartyID]string, len(parties))
	for _, p := range parties {
		names[p.ID] = p.Name
	}
	return names, nil
}

// loadParties fills in a claim's alleged attackers and targeted parties.
func loadParties(tx *gorm.DB, c *Claim) error {
	var rows []claimParty
	// In the order they were saved: SQLite's rowid; PostgreSQL's ctid, the rows'
	// place in the table, which is that order for rows written together and not since
	// updated, as claim_parties rows are.
	order := "rowid"
	if isPostgres(tx) {
		order = "ctid"
	}
	if err := tx.Where("claim_id = ?", c.ID).Order(order).Find(&rows).Error; err != nil {
		return fmt.Errorf("claims: claim parties: %w", err)
	}
	c.Attackers, c.Targets = nil, nil
	for _, r := range rows {
		if r.Role == roleAttacker {
			c.Attackers = append(c.Attackers, r.PartyID)
		} else {
			c.Targets = append(c.Targets, r.PartyID)
		}
	}
	return nil
}

// checkParties refuses parties that do not exist or that are on both sides, and drops
// repeats.
func checkParties(tx *gorm.DB, c *Claim) error {
	c.Attackers, c.Targets = uniqueIDs(c.Attackers), uniqueIDs(c.Targets)
	ids := append(slices.Clone(c.Attackers), c.Targets...)
	if len(ids) > 0 {
		var n int64
		if err := tx.Model(&PartyRecord{}).Where("id IN ?", ids).Count(&n).Error; err != nil {
			return fmt.Errorf("claims: check parties: %w", err)
		}
		if int(n) != len(uniqueIDs(ids)) {
			return ValidationError{ClaimAttackers.Name: "Choose parties from the registry."}
		}
	}
	for _, a := range c.Attackers {
		if slices.Contains(c.Targets, a) {
			return ValidationError{ClaimTargets.Name: "A party cannot be both the attacker and the target."}
		}
	}
	return nil
}

func uniqueIDs(ids []PartyID) []PartyID {
	var out []PartyID
	for _, id := range ids {
		if id != 0 && !slices.Contains(out, id) {
			out = append(out, id)
		}
	}
	return out
}

// saveParties replaces a claim's parties with c's.
func saveParties(tx *gorm.DB, c *Claim) error {
	if err := tx.Where("claim_id = ?", c.ID).Delete(&claimParty{}).Error; err != nil {
		return fmt.Errorf("claims: save claim parties: %w", err)
	}
	var rows []claimParty
	for _, id := range c.Attackers {
		rows = append(rows, claimParty{ClaimID: c.ID, PartyID: id, Role: roleAttacker})
	}
	for _, id := range c.Targets {
		rows = append(rows, claimParty{ClaimID: c.ID, PartyID: id, Role: roleTarget})
	}
	if len(rows) == 0 {
		return nil
	}
	if err := tx.Create(&rows).Error; err != nil {
		return fmt.Errorf("claims: save claim parties: %w", err)
	}
	return nil
}

// Parties lists the registry by name.
func (s *Service) Parties(ctx context.Context) ([]PartyRecord, error) {
	var rows []PartyRecord
	if err := s.db(ctx).Order("name_key").Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("claims: list parties: %w", err)
	}
	return rows, nil
}

// PartyByID returns one party of the registry.
func (s *Service) PartyByID(ctx context.Context, id PartyID) (*PartyRecord, error) {
	var p PartyRecord
	if err := s.db(ctx).Preload("UpdatedBy").First(&p, int64(id)).Error; err != nil {
		return nil, notFound("get party", err)
	}
	return &p, nil
}

// PartyByName returns the party whose name matches, ignoring case.
func (s *Service) PartyByName(ctx context.Context, name string) (*PartyRecord, error) {
	var p PartyRecord
	if err := s.db(ctx).Where("name_key = ?", nameKey(name)).First(&p).Error; err != nil {
		return nil, notFound("party by name", err)
	}
	return &p, nil
}

func nameKey(name string) string { return strings.ToLower(strings.Join(strings.Fields(name), " ")) }

var errDuplicateParty = ValidationError{PartyName.Name: "A party with this name already exists."}

// validateRecord checks a party as an editor submitted it, with its notes.
func (p *PartyRecord) validateRecord() error {
	problems := ValidationError{}
	if err := p.Party.Validate(); err != nil {
		var ve ValidationError
		if errors.As(err, &ve) {
			problems = ve
		}
	}
	p.NameKey = nameKey(p.Name)
	p.Notes = strings.TrimSpace(p.Notes)
	if len([]rune(p.Notes)) > 2000 {
		problems[PartyNotes.Name] = "Keep the notes to 2000 characters."
	}
	problems.checkText(map[string]string{PartyName.Name: p.Name, PartyKindField.Name: string(p.Kind), PartyNotes.Name: p.Notes})
	return problems.orNil()
}

// checkParent refuses a parent that does not exist or that belongs to p itself.
func checkParent(tx *gorm.DB, p *PartyRecord) error {
	if p.ParentID == 0 {
		return nil
	}
	parties, err := allParties(tx)
	if err != nil {
		return err
	}
	tree := newPartyTree(parties)
	if _, ok := tree[p.ParentID]; !ok {
		return ValidationError{PartyParent.Name: "Choose a party from the registry."}
	}
	if p.ID != 0 && tree.within(p.ParentID, p.ID) {
		return ValidationError{PartyParent.Name: "That party belongs to this one; a party cannot belong to its own member."}
	}
	return nil
}

// CreateParty validates and stores a new party.
func (s *Service) CreateParty(ctx context.Context, actor int64, p *PartyRecord) error {
	if err := p.validateRecord(); err != nil {
		return err
	}
	now := s.now()
	p.ID, p.Version, p.CreatedAt, p.UpdatedAt = 0, 1, now, now
	p.CreatedByID, p.UpdatedByID = &actor, &actor
	return s.write(ctx, func(tx *gorm.DB) error {
		if err := checkParent(tx, p); err != nil {
			return err
		}
		err := tx.Omit("UpdatedBy").Create(p).Error
		if errors.Is(err, gorm.ErrDuplicatedKey) {
			return errDuplicateParty
		}
		if err != nil {
			return fmt.Errorf("claims: create party: %w", err)
		}
		return nil
	})
}

// UpdateParty saves changes to a party; p.Version must be the version the editor loaded,
// else ErrConflict. A renamed party writes one row: pages name parties as they are now.
// A party that moves under another changes sides, so the evidence of the claims it is
// part of is worked out again (without making those claims edited).
func (s *Service) UpdateParty(ctx context.Context, actor int64, p *PartyRecord) error {
	if err := p.validateRecord(); err != nil {
		return err
	}
	err := s.write(ctx, func(tx *gorm.DB) error {
		var old PartyRecord
		if err := tx.First(&old, int64(p.ID)).Error; err != nil {
			return notFound("update party", err)
		}
		if old.Version != p.Version {
			return ErrConflict
		}
		if err := checkParent(tx, p); err != nil {
			return err
		}
		now := s.now()
		err := tx.Model(&PartyRecord{}).Where("id = ? AND version = ?", int64(p.ID), p.Version).Updates(map[string]any{
			"name": p.Name, "name_key": p.NameKey, "kind": p.Kind, "parent_id": p.ParentID, "notes": p.Notes,
			"version": gorm.Expr("version + 1"), "updated_at": now, "updated_by_id": actor,
		}).Error
		if errors.Is(err, gorm.ErrDuplicatedKey) {
			return errDuplicateParty
		}
		if err != nil {
			return fmt.Errorf("claims: update party: %w", err)
		}
		p.Version++
		if old.ParentID == p.ParentID && old.Kind == p.Kind {
			return nil
		}
		return s.reweighWhere(tx, `id IN (SELECT claim_id FROM claim_parties)
			OR id IN (SELECT claim_id FROM citations WHERE source_id IN (SELECT id FROM sources WHERE party_id IS NOT NULL)
			          OR relays_party_id IS NOT NULL OR attributes_to_id IS NOT NULL)`)
	})
	return s.publish(ctx, err, events.SourceChanged, 0, actor)
}

// reweighWhere works out again the evidence of every claim matching the condition,
// merged claims aside (they are counted nowhere).
func (s *Service) reweighWhere(tx *gorm.DB, where string, args ...any) error {
	var ids []int64
	if err := tx.Model(&Claim{}).Where("merged_into IS NULL AND ("+where+")", args...).Order("id").Pluck("id", &ids).Error; err != nil {
		return fmt.Errorf("claims: claims to reweigh: %w", err)
	}
	for _, id := range ids {
		var c Claim
		if err := tx.First(&c, id).Error; err != nil {
			return fmt.Errorf("claims: reweigh %d: %w", id, err)
		}
		if err := loadParties(tx, &c); err != nil {
			return err
		}
		if err := s.reweigh(tx, &c, nil); err != nil {
			return err
		}
	}
	return nil
}
