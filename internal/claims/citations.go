package claims

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"claimdesk/internal/events"

	"gorm.io/gorm"
)

// checkCitationRefs loads the citation's source and refuses references to sources or
// parties that do not exist.
func checkCitationRefs(tx *gorm.DB, cit *Citation) (*Source, error) {
	var src Source
	if err := tx.First(&src, cit.SourceID).Error; err != nil {
		if errors.Is(err, gorm.ErrRecordNotFound) {
			return nil, ValidationError{CitationSource.Name: "That source does not exist."}
		}
		return nil, fmt.Errorf("claims: citation source: %w", err)
	}
	if cit.RelaysSourceID != nil {
		var n int64
		if err := tx.Model(&Source{}).Where("id = ?", *cit.RelaysSourceID).Count(&n).Error; err != nil {
			return nil, fmt.Errorf("claims: relayed source: %w", err)
		}
		if n == 0 {
			return nil, ValidationError{CitationRelays.Name: "Choose a source from the list."}
		}
	}
	for field, id := range map[string]PartyID{CitationRelays.Name: cit.RelaysPartyID, CitationAttributes.Name: cit.AttributesToID} {
		if id == 0 {
			continue
		}
		var n int64
		if err := tx.Model(&PartyRecord{}).Where("id = ?", int64(id)).Count(&n).Error; err != nil {
			return nil, fmt.Errorf("claims: citation party: %w", err)
		}
		if n == 0 {
			return nil, ValidationError{field: "Choose a party from the registry."}
		}
	}
	return &src, nil
}

// AddCitation links a claim to a source with what the source said, and works out the
// claim's evidence again in the same transaction. The claim's version stays: an open
// edit form is not made stale by a new citation.
func (s *Service) AddCitation(ctx context.Context, actor int64, cit *Citation) error {
	if err := cit.Validate(); err != nil {
		return err
	}
	err := s.write(ctx, func(tx *gorm.DB) error {
		claim, err := claimForEvidence(tx, cit.ClaimID, "add citation")
		if err != nil {
			return err
		}
		src, err := checkCitationRefs(tx, cit)
		if err != nil {
			return err
		}
		before, err := sourcesOf(tx, claim.ID)
		if err != nil {
			return err
		}
		now := s.now()
		cit.ID, cit.Version, cit.CreatedAt, cit.CreatedByID = 0, 1, now, &actor
		cit.UpdatedAt, cit.UpdatedByID, cit.WithdrawnAt, cit.WithdrawnByID, cit.WithdrawReason = &now, &actor, nil, nil, ""
		if err := tx.Omit("Claim", "Source", "RelaysSource", "CreatedBy", "WithdrawnBy").Create(cit).Error; err != nil {
			return fmt.Errorf("claims: add citation: %w", err)
		}
		if err := countCitation(tx, src.ID, 1); err != nil {
			return err
		}
		src.CitationCount++
		cit.Source = src
		ev := Event{ClaimID: claim.ID, CitationID: &cit.ID, Kind: "cited", Detail: src.Name + ": " + cit.Stance.Label(), UserID: &actor, At: now}
		if err := addEvent(tx, ev); err != nil {
			return err
		}
		return s.reweigh(tx, claim, before)
	})
	return s.publish(ctx, err, events.Cited, cit.ClaimID, actor)
}

// claimForEvidence loads a claim with its parties, for working out its evidence; a
// merged claim is refused (MergedError).
func claimForEvidence(tx *gorm.DB, id int64, op string) (*Claim, error) {
	c, err := loadClaim(tx, id, op)
	if err != nil {
		return nil, err
	}
	return c, mergedErr(c)
}

// loadClaim loads a claim with its parties, merged or not.
func loadClaim(tx *gorm.DB, id int64, op string) (*Claim, error) {
	var c Claim
	if err := tx.First(&c, id).Error; err != nil {
		return nil, notFound(op, err)
	}
	if err := loadParties(tx, &c); err != nil {
		return nil, err
	}
	return &c, nil
}

// countCitation keeps a source's count of live citations.
func countCitation(tx *gorm.DB, sourceID int64, delta int) error {
	if err := tx.Model(&Source{}).Where("id = ?", sourceID).UpdateColumn("citation_count", gorm.Expr("citation_count + ?", delta)).Error; err != nil {
		return fmt.Errorf("claims: count citation: %w", err)
	}
	return nil
}

// Citation returns one citation with its source.
func (s *Service) Citation(ctx context.Context, id int64) (*Citation, error) {
	var c Citation
	if err := s.db(ctx).Preload("Source").Preload("RelaysSource").Preload("WithdrawnBy").First(&c, id).Error; err != nil {
		return nil, notFound("get citation", err)
	}
	return &c, nil
}

// MaxWhy is the longest reason for correcting or withdrawing a citation.
const MaxWhy = 2000

// checkWhy checks the reason a person gives for a correction; required says it may not
// be empty.
func checkWhy(why string, required bool) (string, error) {
	why = strings.TrimSpace(why)
	switch {
	case !IsText(why):
		return why, ValidationError{CitationWhy.Name: NotText}
	case required && why == "":
		return why, ValidationError{CitationWhy.Name: "Say why: the record keeps the reason."}
	case utf8.RuneCountInString(why) > MaxWhy:
		return why, ValidationError{CitationWhy.Name: fmt.Sprintf("Keep the reason to %d characters.", MaxWhy)}
	}
	return why, nil
}

// UpdateCitation saves an editor's correction of a citation, with why. cit.Version must
// be the version the editor loaded, else ErrConflict. The history keeps every changed
// field, old and new.
func (s *Service) UpdateCitation(ctx context.Context, actor int64, cit *Citation, why string) error {
	if err := cit.Validate(); err != nil {
		return err
	}
	why, err := checkWhy(why, false)
	if err != nil {
		return err
	}
	err = s.write(ctx, func(tx *gorm.DB) error {
		var old Citation
		if err := tx.Preload("Source").Preload("RelaysSource").First(&old, cit.ID).Error; err != nil {
			return notFound("update citation", err)
		}
		if old.Version != cit.Version {
			return ErrConflict
		}
		if old.Withdrawn() {
			return ValidationError{CitationWhy.Name: "This citation was withdrawn; add a new one instead."}
		}
		cit.ClaimID = old.ClaimID
		src, err := checkCitationRefs(tx, cit)
		if err != nil {
			return err
		}
		cit.Source = src
		if cit.RelaysSourceID != nil {
			cit.RelaysSource = &Source{}
			tx.First(cit.RelaysSource, *cit.RelaysSourceID)
		}
		names, err := partyNames(tx)
		if err != nil {
			return err
		}
		changes := citationChanges(&old, cit, names)
		if len(changes) == 0 {
			*cit = old
			return nil
		}
		claim, err := claimForEvidence(tx, old.ClaimID, "update citation")
		if err != nil {
			return err
		}
		before, err := sourcesOf(tx, claim.ID)
		if err != nil {
			return err
		}
		now := s.now()
		res := tx.Model(&Citation{}).Where("id = ? AND version = ?", cit.ID, cit.Version).Updates(map[string]any{
			"source_id": cit.SourceID, "stance": cit.Stance, "denial_scope": cit.DenialScope, "url": cit.URL,
			"published_at": cit.PublishedAt, "quote": cit.Quote, "quote_kind": cit.QuoteKind, "attribution": cit.Attribution,
			"relays_source_id": cit.RelaysSourceID, "relays_party_id": cit.RelaysPartyID, "attributes_to_id": cit.AttributesToID,
			"figures": gorm.Expr("?", jsonText(cit.Figures)), "version": gorm.Expr("version + 1"), "updated_at": now, "updated_by_id": actor,
		})
		if res.Error != nil {
			return fmt.Errorf("claims: update citation: %w", res.Error)
		}
		if res.RowsAffected == 0 {
			return ErrConflict
		}
		if old.SourceID != cit.SourceID {
			if err := countCitation(tx, old.SourceID, -1); err != nil {
				return err
			}
			if err := countCitation(tx, cit.SourceID, 1); err != nil {
				return err
			}
		}
		ev := Event{ClaimID: claim.ID, CitationID: &cit.ID, Kind: "citation_edited", Detail: src.Name + ": " + cit.Stance.Label(),
			Changes: changes, Reason: why, UserID: &actor, At: now}
		if err := addEvent(tx, ev); err != nil {
			return err
		}
		cit.Version++
		return s.reweigh(tx, claim, before)
	})
	return s.publish(ctx, err, events.CitationCorrected, cit.ClaimID, actor)
}

// WithdrawCitation takes a citation out of the evidence, with why. It is kept and shown
// struck through; version must be the citation's version the editor saw.
func (s *Service) WithdrawCitation(ctx context.Context, actor, citationID int64, version int, why string) error {
	why, err := checkWhy(why, true)
	if err != nil {
		return err
	}
	var claimID int64
	err = s.write(ctx, func(tx *gorm.DB) error {
		var cit Citation
		if err := tx.Preload("Source").First(&cit, citationID).Error; err != nil {
			return notFound("withdraw citation", err)
		}
		claimID = cit.ClaimID
		if cit.Version != version {
			return ErrConflict
		}
		if cit.Withdrawn() {
			return ValidationError{CitationWhy.Name: "This citation was withdrawn already."}
		}
		claim, err := claimForEvidence(tx, cit.ClaimID, "withdraw citation")
		if err != nil {
			return err
		}
		now := s.now()
		res := tx.Model(&Citation{}).Where("id = ? AND version = ?", cit.ID, version).Updates(map[string]any{
			"withdrawn_at": now, "withdrawn_by_id": actor, "withdraw_reason": why,
			"version": gorm.Expr("version + 1"), "updated_at": now, "updated_by_id": actor,
		})
		if res.Error != nil {
			return fmt.Errorf("claims: withdraw citation: %w", res.Error)
		}
		if res.RowsAffected == 0 {
			return ErrConflict
		}
		if err := countCitation(tx, cit.SourceID, -1); err != nil {
			return err
		}
		ev := Event{ClaimID: claim.ID, CitationID: &cit.ID, Kind: "citation_withdrawn", Detail: cit.Source.Name + ": " + cit.Stance.Label(),
			Reason: why, UserID: &actor, At: now}
		if err := addEvent(tx, ev); err != nil {
			return err
		}
		return s.reweigh(tx, claim, nil)
	})
	return s.publish(ctx, err, events.CitationWithdrawn, claimID, actor)
}

// citationChanges lists, field by field with old and new values, how b differs from a.
func citationChanges(a, b *Citation, parties map[PartyID]string) []Change {
	var out []Change
	add := func(f Field, old, new string) {
		if old != new {
			out = append(out, Change{Field: f.Name, Label: f.Label, Old: old, New: new})
		}
	}
	sourceName := func(c *Citation) string {
		if c.Source != nil {
			return c.Source.Name
		}
		return ""
	}
	relayed := func(c *Citation) string {
		switch {
		case c.RelaysSource != nil:
			return c.RelaysSource.Name
		case c.RelaysPartyID != 0:
			return parties[c.RelaysPartyID]
		}
		return ""
	}
	add(CitationSource, sourceName(a), sourceName(b))
	add(CitationStance, a.Stance.Label(), b.Stance.Label())
	add(CitationDenialScope, label(DenialScopes, string(a.DenialScope)), label(DenialScopes, string(b.DenialScope)))
	add(CitationURL, a.URL, b.URL)
	add(CitationPublishedAt, moment(a.PublishedAt), moment(b.PublishedAt))
	add(CitationQuote, a.Quote, b.Quote)
	add(CitationQuoteKind, string(a.QuoteKind), string(b.QuoteKind))
	add(CitationAttribution, a.Attribution, b.Attribution)
	add(CitationRelays, relayed(a), relayed(b))
	add(CitationAttributes, parties[a.AttributesToID], parties[b.AttributesToID])
	add(CitationWeaponKind, a.Figures.Weapon.Category.Name(), b.Figures.Weapon.Category.Name())
	add(CitationWeapon, a.Figures.Weapon.Text, b.Figures.Weapon.Text)
	for _, f := range []struct {
		field  Field
		ov, nv FigureValue
	}{
		{CitationLaunched, a.Figures.Launched, b.Figures.Launched},
		{CitationIntercepted, a.Figures.Intercepted, b.Figures.Intercepted},
		{CitationKilledMil, a.Figures.Killed.Military, b.Figures.Killed.Military},
		{CitationKilledCiv, a.Figures.Killed.Civilian, b.Figures.Killed.Civilian},
		{CitationKilledUnk, a.Figures.Killed.Unknown, b.Figures.Killed.Unknown},
		{CitationInjuredMil, a.Figures.Injured.Military, b.Figures.Injured.Military},
		{CitationInjuredCiv, a.Figures.Injured.Civilian, b.Figures.Injured.Civilian},
		{CitationInjuredUnk, a.Figures.Injured.Unknown, b.Figures.Injured.Unknown},
	} {
		add(f.field, figureText(f.ov), figureText(f.nv))
	}
	return out
}

// figureText is a figure as a person reads it; "" when not given.
func figureText(v FigureValue) string {
	if !v.Given() {
		return ""
	}
	return v.String()
}

func moment(t *time.Time) string {
	if t == nil {
		return ""
	}
	return t.UTC().Format("2006-01-02 15:04")
}
