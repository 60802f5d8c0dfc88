package claims

import (
	"context"
	"fmt"
	"slices"
	"time"

	"gorm.io/gorm"
)

// EvidenceRules is the version of the evidence rules. A claim whose stored evidence was
// worked out by an older version is worked out again by RecomputeStale.
const EvidenceRules = 2

// evidenceInput maps a claim, its citations (each with Source and RelaysSource loaded,
// in the order they were added), the party registry and the desk's reviews onto what
// the rules read.
func (s *Service) evidenceInput(c *Claim, cites []Citation, parties []Party, reviews []ContestReview) EvidenceInput {
	in := EvidenceInput{Parties: parties, Attackers: c.Attackers, Targets: c.Targets, Reviewed: map[string]bool{}, Now: s.now()}
	for _, r := range reviews {
		in.Reviewed[r.Key] = true
	}
	for _, cit := range cites {
		in.Citations = append(in.Citations, statementOf(cit))
	}
	return in
}

// Weigh works out a claim's evidence from its citations (each with its Source), the
// party registry and the keys of reviewed reasons, as the service does, without a
// database; it also returns the names to put the evidence in words.
func Weigh(c *Claim, cites []Citation, parties []Party, reviewed map[string]bool, now time.Time) (Assessment, NameBook) {
	in := EvidenceInput{Parties: parties, Attackers: c.Attackers, Targets: c.Targets, Reviewed: reviewed, Now: now}
	for _, cit := range cites {
		in.Citations = append(in.Citations, statementOf(cit))
	}
	return WeighEvidence(in), NamesOf(in)
}

// statementOf is a stored citation as the rules read it.
func statementOf(cit Citation) CitedStatement {
	st := CitedStatement{ID: cit.ID, SourceID: cit.SourceID, Stance: cit.Stance, DenialScope: cit.DenialScope,
		RelaysParty: cit.RelaysPartyID, AttributesTo: cit.AttributesToID, PublishedAt: cit.PublishedAt,
		Figures: cit.Figures, Withdrawn: cit.Withdrawn()}
	if cit.QuoteKind == QuoteWords {
		st.Quote = cit.Quote // a paraphrase is never put in quotation marks
	}
	if cit.Source != nil {
		st.SourceName, st.PartyID, st.Relation = cit.Source.Name, cit.Source.PartyID, cit.Source.Relation
	}
	if st.Relation == "" {
		st.Relation = RelationIndependent
	}
	if cit.RelaysSourceID != nil {
		st.RelaysSourceID = *cit.RelaysSourceID
		if cit.RelaysSource != nil {
			st.RelaysSourceName = cit.RelaysSource.Name
			st.RelaysSourceParty, st.RelaysSourceRelation = cit.RelaysSource.PartyID, cit.RelaysSource.Relation
		}
	}
	return st
}

// weigh works out c's evidence inside tx from its stored citations, parties and reviews.
func (s *Service) weigh(tx *gorm.DB, c *Claim, cites []Citation) (Assessment, error) {
	if cites == nil && c.ID != 0 {
		var err error
		if cites, err = citationsOf(tx, c.ID); err != nil {
			return Assessment{}, err
		}
	}
	parties, err := allParties(tx)
	if err != nil {
		return Assessment{}, err
	}
	var reviews []ContestReview
	if c.ID != 0 {
		if err := tx.Where("claim_id = ?", c.ID).Find(&reviews).Error; err != nil {
			return Assessment{}, fmt.Errorf("claims: reviews: %w", err)
		}
	}
	return WeighEvidence(s.evidenceInput(c, cites, parties, reviews)), nil
}

// citationsOf loads a claim's citations, with their sources, in the order they were added.
func citationsOf(tx *gorm.DB, claimID int64) ([]Citation, error) {
	var cites []Citation
	if err := tx.Preload("Source").Preload("RelaysSource").Where("claim_id = ?", claimID).Order("id").Find(&cites).Error; err != nil {
		return nil, fmt.Errorf("claims: load citations: %w", err)
	}
	return cites, nil
}

// SetEvidence copies what the dashboard filters and counts on from the assessment onto
// the claim, with when it was first reported and first answered by an official.
func SetEvidence(c *Claim, a Assessment, cites []Citation) {
	c.OccurredState = a.Occurred.State
	c.ResponsibilityState = a.Responsibility.State
	c.ResponseState = a.Response.State
	c.SuggestedVerdict = a.Suggested.Verdict
	c.OfficiallyConfirmed = a.Occurred.State == OccurredConfirmedByTarget || a.Occurred.State == OccurredConfirmedByNeutral
	c.OfficiallyDenied = a.Occurred.State == OccurredDenied
	c.Contested = a.Contested
	c.ContestReasons = a.Reasons
	if c.ContestReasons == nil {
		c.ContestReasons = []ContestReason{}
	}
	c.SourceCount = a.Independence.Count()
	c.EvidenceRules = EvidenceRules
	c.FirstReportedAt, c.RespondedAt = nil, nil
	for _, cit := range cites {
		if cit.Withdrawn() {
			continue
		}
		at := cit.PublishedAt
		if at == nil {
			at = &cit.CreatedAt // undated: when the desk logged it
		}
		if c.FirstReportedAt == nil || at.Before(*c.FirstReportedAt) {
			c.FirstReportedAt = at
		}
		if a.Response.State != ResponseNoneYet && slices.Contains(a.Response.By, cit.SourceID) &&
			(cit.Stance == StanceConfirms || cit.Stance == StanceDenies || cit.Stance == StanceReports) &&
			(c.RespondedAt == nil || at.Before(*c.RespondedAt)) {
			c.RespondedAt = at
		}
	}
}

// reweigh works out c's evidence again inside tx and stores it, moving its counts.
// before lists the sources the claim cited before this change (nil: the same as now).
// It bumps the claim's revision, never its version or who last changed it: evidence is
// worked out, not edited.
func (s *Service) reweigh(tx *gorm.DB, c *Claim, before []int64) error {
	cites, err := citationsOf(tx, c.ID)
	if err != nil {
		return err
	}
	after := []int64{}
	for _, cit := range cites {
		if !slices.Contains(after, cit.SourceID) {
			after = append(after, cit.SourceID)
		}
	}
	slices.Sort(after)
	if before == nil {
		before = after
	}
	from := placeOf(c, before)
	a, err := s.weigh(tx, c, cites)
	if err != nil {
		return err
	}
	SetEvidence(c, a, cites)
	if err := moveCounts(tx, from, placeOf(c, after)); err != nil {
		return err
	}
	// UpdateColumns, not Updates: evidence worked out again is not an edit, so
	// updated_at stays.
	err = tx.Model(&Claim{}).Where("id = ?", c.ID).UpdateColumns(map[string]any{
		"occurred_state":       c.OccurredState,
		"responsibility_state": c.ResponsibilityState,
		"response_state":       c.ResponseState,
		"suggested_verdict":    c.SuggestedVerdict,
		"officially_confirmed": c.OfficiallyConfirmed,
		"officially_denied":    c.OfficiallyDenied,
		"contested":            c.Contested,
		"reasons":              gorm.Expr("?", jsonText(c.ContestReasons)),
		"source_count":         c.SourceCount,
		"first_reported_at":    c.FirstReportedAt,
		"responded_at":         c.RespondedAt,
		"evidence_rules":       c.EvidenceRules,
		"revision":             gorm.Expr("revision + 1"),
	}).Error
	if err != nil {
		return fmt.Errorf("claims: store evidence: %w", err)
	}
	c.Revision++
	return nil
}

// RecomputeStale works out again, in batches, the evidence of every claim stored by an
// older version of the rules (after an upgrade), and returns how many it did. Weapons
// stored as words only get the category their words name.
func (s *Service) RecomputeStale(ctx context.Context) (int, error) {
	done := 0
	for {
		var ids []int64
		if err := s.db(ctx).Model(&Claim{}).Where("evidence_rules < ? AND merged_into IS NULL", EvidenceRules).Order("id").Limit(200).Pluck("id", &ids).Error; err != nil {
			return done, fmt.Errorf("claims: stale evidence: %w", err)
		}
		if len(ids) == 0 {
			return done, nil
		}
		err := s.write(ctx, func(tx *gorm.DB) error {
			for _, id := range ids {
				var c Claim
				if err := tx.First(&c, id).Error; err != nil {
					return fmt.Errorf("claims: recompute %d: %w", id, err)
				}
				if err := loadParties(tx, &c); err != nil {
					return err
				}
				if err := nameLegacyWeapons(tx, id); err != nil {
					return err
				}
				if err := s.reweigh(tx, &c, nil); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return done, err
		}
		done += len(ids)
	}
}

// nameLegacyWeapons gives a weapon stored only as words the category they name.
func nameLegacyWeapons(tx *gorm.DB, claimID int64) error {
	var cites []Citation
	if err := tx.Select("id", "figures").Where("claim_id = ?", claimID).Find(&cites).Error; err != nil {
		return fmt.Errorf("claims: legacy weapons: %w", err)
	}
	for _, cit := range cites {
		w := cit.Figures.Weapon
		if w.Category != "" || w.Text == "" {
			continue
		}
		if cit.Figures.Weapon.Category = WeaponFromText(w.Text); cit.Figures.Weapon.Category == "" {
			continue
		}
		if err := tx.Model(&Citation{}).Where("id = ?", cit.ID).UpdateColumn("figures", gorm.Expr("?", jsonText(cit.Figures))).Error; err != nil {
			return fmt.Errorf("claims: legacy weapons: %w", err)
		}
	}
	return nil
}
