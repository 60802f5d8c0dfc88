package claims

import (
	"context"
	"fmt"
	"strings"
	"unicode/utf8"

	"claimdesk/internal/events"

	"gorm.io/gorm"
)

// MaxNote is the longest review note, in characters.
const MaxNote = 2000

// ReviewContest records that a fact-checker weighed one open contest reason of a claim,
// with a note saying why it is settled. The reason then shows as reviewed, not open,
// until a new citation changes the disagreement (its key). revision is the claim's
// revision the fact-checker looked at, else ErrConflict.
func (s *Service) ReviewContest(ctx context.Context, actor, claimID int64, revision int, key, note string) error {
	note = strings.TrimSpace(note)
	switch n := utf8.RuneCountInString(note); {
	case !IsText(note):
		return ValidationError{ReviewNote.Name: NotText}
	case n == 0:
		return ValidationError{ReviewNote.Name: "Say why the disagreement is settled: the record keeps it."}
	case n > MaxNote:
		return ValidationError{ReviewNote.Name: fmt.Sprintf("Keep the note to %d characters.", MaxNote)}
	}
	err := s.write(ctx, func(tx *gorm.DB) error {
		claim, err := claimForEvidence(tx, claimID, "review contest")
		if err != nil {
			return err
		}
		if claim.Revision != revision {
			return ErrConflict
		}
		cites, err := citationsOf(tx, claim.ID)
		if err != nil {
			return err
		}
		parties, err := allParties(tx)
		if err != nil {
			return err
		}
		var reviews []ContestReview
		if err := tx.Where("claim_id = ?", claim.ID).Find(&reviews).Error; err != nil {
			return fmt.Errorf("claims: reviews: %w", err)
		}
		in := s.evidenceInput(claim, cites, parties, reviews)
		var reason *ContestReason
		for _, r := range WeighEvidence(in).Reasons {
			if r.Key == key {
				reason = &r
				break
			}
		}
		switch {
		case reason == nil:
			return ValidationError{ReviewKey.Name: "This disagreement is no longer open on the claim; reload it."}
		case reason.Reviewed:
			return ValidationError{ReviewKey.Name: "This disagreement was reviewed already."}
		}
		now := s.now()
		review := ContestReview{ClaimID: claim.ID, Key: key, Note: note, ReviewedByID: &actor, ReviewedAt: now}
		if err := tx.Omit("ReviewedBy").Create(&review).Error; err != nil {
			return fmt.Errorf("claims: record review: %w", err)
		}
		ev := Event{ClaimID: claim.ID, Kind: "reviewed", Detail: reason.Words(NamesOf(in)), Reason: note, UserID: &actor, At: now}
		if err := addEvent(tx, ev); err != nil {
			return err
		}
		return s.reweigh(tx, claim, nil)
	})
	return s.publish(ctx, err, events.Reviewed, claimID, actor)
}

// reviewsOf loads a claim's reviews.
func reviewsOf(tx *gorm.DB, claimID int64) ([]ContestReview, error) {
	var out []ContestReview
	if err := tx.Where("claim_id = ?", claimID).Find(&out).Error; err != nil {
		return nil, fmt.Errorf("claims: reviews: %w", err)
	}
	return out, nil
}
