package claims

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"claimdesk/internal/events"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// MergedError is returned for a claim that was merged into another: it can be read
// at the other's address only, and never changed again.
type MergedError struct{ ID, Into int64 }

func (e *MergedError) Error() string {
	return fmt.Sprintf("claim %d was merged into claim %d", e.ID, e.Into)
}

// mergedErr returns a MergedError if c was merged, else nil.
func mergedErr(c *Claim) error {
	if c.MergedInto != nil {
		return &MergedError{ID: c.ID, Into: *c.MergedInto}
	}
	return nil
}

// maxCandidates caps the claims read from each index range when looking for
// duplicates; the likeliest (nearest in date) are read first.
const maxCandidates = 300

// MaxDuplicates is how many likely duplicates are shown at most.
const MaxDuplicates = 10

// candidateColumns are what the duplicate check reads of each candidate.
var candidateColumns = []string{"id", "title", "place", "country", "occurred_on", "date_precision", "verdict", "source_count"}

// Duplicates returns the claims, other than c itself, that are likely the same attack
// as c (LikelyDuplicate), most similar title first. It reads at most a few hundred
// candidates, by two index ranges over the date window: the claims of c's country
// (claims_country_newest) and those of the same place name (claims_place_date).
// The parties are checked first as CreateClaim checks them (a ValidationError), so a
// form with a problem shows the problem before any duplicates.
func (s *Service) Duplicates(ctx context.Context, c *Claim) ([]Claim, error) {
	if err := checkParties(s.db(ctx), c); err != nil {
		return nil, err
	}
	if c.OccurredOn.IsZero() {
		return nil, nil
	}
	window := func(p DatePrecision) (time.Time, time.Time) {
		n := DuplicateWindow(c.DatePrecision, p)
		return c.OccurredOn.AddDate(0, 0, -n), c.OccurredOn.AddDate(0, 0, n)
	}
	lo, hi := window("month")
	dayLo, dayHi := window("day")
	weekLo, weekHi := window("week")
	nearest := clause.OrderBy{Expression: clause.Expr{SQL: "ABS(julianday(occurred_on) - julianday(?)), id", Vars: []any{c.OccurredOn}}}
	samePlace := "place = ? COLLATE NOCASE"
	if db := s.db(ctx); isPostgres(db) {
		nearest.Expression = clause.Expr{SQL: "ABS(occurred_on - CAST(? AS date)), id", Vars: []any{c.OccurredOn}}
		samePlace = "lower(place) = lower(?)" // claims_place_date is on lower(place) there
	}
	query := func() *gorm.DB {
		return s.db(ctx).Model(&Claim{}).Select(candidateColumns).
			Where("occurred_on BETWEEN ? AND ? AND merged_into IS NULL AND id <> ?", lo, hi, c.ID).
			Where("date_precision = 'month' OR (date_precision = 'week' AND occurred_on BETWEEN ? AND ?) OR (date_precision = 'day' AND occurred_on BETWEEN ? AND ?)",
				weekLo, weekHi, dayLo, dayHi).
			Order(nearest).Limit(maxCandidates)
	}
	var found []Claim
	if c.Country != "" {
		var rows []Claim
		if err := query().Where("country = ?", c.Country).Find(&rows).Error; err != nil {
			return nil, fmt.Errorf("claims: duplicates by country: %w", err)
		}
		found = append(found, rows...)
	}
	if c.Place != "" {
		var rows []Claim
		if err := query().Where(samePlace, c.Place).Find(&rows).Error; err != nil {
			return nil, fmt.Errorf("claims: duplicates by place: %w", err)
		}
		found = append(found, rows...)
	}
	var out []Claim
	score := map[int64]float64{}
	for i := range found {
		cand := &found[i]
		if _, seen := score[cand.ID]; seen || !LikelyDuplicate(c, cand) {
			continue
		}
		score[cand.ID] = TitleSimilarity(c.Title, cand.Title)
		out = append(out, *cand)
	}
	slices.SortStableFunc(out, func(a, b Claim) int {
		return cmp.Or(cmp.Compare(score[b.ID], score[a.ID]), cmp.Compare(a.ID, b.ID))
	})
	if len(out) > MaxDuplicates {
		out = out[:MaxDuplicates]
	}
	return out, nil
}

// mergedTables are the tables whose rows follow a claim into the claim it is merged
// into, with the columns that make a row unique per claim: a row the surviving claim
// already has (a review of the same disagreement, a follow by the same person) stays
// with the merged claim. citations, claim_history and contest_reviews are this
// desk's; comments, claim_follows and notifications are the desk work tables
// (migration 00008) and are moved once they exist. Not moved, on purpose: the merged
// claim's own fields and parties (the surviving claim's stand), and its
// verdict_changes (its verdicts stay on its record; the history entries of them move,
// marked as coming from it). A claim's work status and assignee are columns of the
// claim: the survivor keeps its own.
var mergedTables = []struct {
	table  string
	unique []string
}{
	{"citations", nil},
	{"contest_reviews", []string{"key"}},
	{"comments", nil},
	{"claim_follows", []string{"user_id"}},
	{"notifications", nil},
}

// ValidateMerge checks a reason given for a merge and returns it trimmed.
func ValidateMerge(fromID, intoID int64, reason string) (string, error) {
	problems := ValidationError{}
	reason = strings.TrimSpace(reason)
	switch {
	case intoID <= 0:
		problems[MergeInto.Name] = "Give the number of the claim to merge into."
	case intoID == fromID:
		problems[MergeInto.Name] = "A claim cannot be merged into itself: give the number of the other claim."
	}
	switch n := utf8.RuneCountInString(reason); {
	case !IsText(reason):
		problems[MergeReason.Name] = NotText
	case n == 0:
		problems[MergeReason.Name] = "Say why these are the same attack: the record keeps it."
	case n > MaxReason:
		problems[MergeReason.Name] = fmt.Sprintf("Keep the reason to %d characters.", MaxReason)
	}
	return reason, problems.orNil()
}

// MergeTarget loads the claim another would be merged into, refusing (as a problem
// with the field) a missing claim and one merged already.
func (s *Service) MergeTarget(ctx context.Context, fromID, intoID int64) (*Claim, error) {
	if intoID == fromID {
		return nil, ValidationError{MergeInto.Name: "A claim cannot be merged into itself: give the number of the other claim."}
	}
	return mergeTarget(s.db(ctx), intoID)
}

func mergeTarget(tx *gorm.DB, intoID int64) (*Claim, error) {
	into, err := loadClaim(tx, intoID, "merge into")
	if errors.Is(err, ErrNotFound) {
		return nil, ValidationError{MergeInto.Name: "There is no claim " + strconv.FormatInt(intoID, 10) + "."}
	}
	if err != nil {
		return nil, err
	}
	if into.MergedInto != nil {
		return nil, ValidationError{MergeInto.Name: fmt.Sprintf("Claim %d was itself merged into claim %d: merge into that one.", into.ID, *into.MergedInto)}
	}
	return into, nil
}

// MergeClaim merges claim fromID into claim intoID in one write: the merged claim's
// citations, reviews, history and work rows (mergedTables) move to the surviving
// claim, whose evidence is worked out again; the merged claim leaves every count and
// list and is marked merged; both histories record the merge with who, when and why.
// fromRev and intoRev are the revisions the editor compared: if either claim changed
// since, nothing is written and ErrConflict is returned.
func (s *Service) MergeClaim(ctx context.Context, actor, fromID int64, fromRev int, intoID int64, intoRev int, reason string) error {
	reason, err := ValidateMerge(fromID, intoID, reason)
	if err != nil {
		return err
	}
	err = s.write(ctx, func(tx *gorm.DB) error {
		from, err := claimForEvidence(tx, fromID, "merge")
		if err != nil {
			return err
		}
		into, err := mergeTarget(tx, intoID)
		if err != nil {
			return err
		}
		if from.Revision != fromRev || into.Revision != intoRev {
			return ErrConflict
		}
		fromSources, err := sourcesOf(tx, from.ID)
		if err != nil {
			return err
		}
		intoSources, err := sourcesOf(tx, into.ID)
		if err != nil {
			return err
		}
		if err := moveCounts(tx, placeOf(from, fromSources), placement{}); err != nil {
			return err
		}
		if err := moveRows(tx, from.ID, into.ID); err != nil {
			return err
		}
		now := s.now()
		for _, ev := range []Event{
			{ClaimID: into.ID, Kind: "merged", Detail: fmt.Sprintf("Merged claim %d “%s” into this claim", from.ID, from.Title)},
			{ClaimID: from.ID, Kind: "merged", Detail: fmt.Sprintf("Merged into claim %d “%s”", into.ID, into.Title)},
		} {
			ev.Reason, ev.UserID, ev.At = reason, &actor, now
			if err := addEvent(tx, ev); err != nil {
				return err
			}
		}
		res := tx.Model(&Claim{}).Where("id = ? AND revision = ? AND merged_into IS NULL", from.ID, fromRev).Updates(map[string]any{
			"merged_into": into.ID, "revision": gorm.Expr("revision + 1"), "updated_at": now, "updated_by_id": actor,
		})
		if res.Error != nil {
			return fmt.Errorf("claims: mark merged: %w", res.Error)
		}
		if res.RowsAffected == 0 {
			return ErrConflict
		}
		if err := tx.Model(&Claim{}).Where("id = ?", into.ID).Updates(map[string]any{"updated_at": now, "updated_by_id": actor}).Error; err != nil {
			return fmt.Errorf("claims: merge: %w", err)
		}
		return s.reweigh(tx, into, intoSources)
	})
	if err := s.publish(ctx, err, events.ClaimEdited, fromID, actor); err != nil {
		return err
	}
	return s.publish(ctx, nil, events.ClaimEdited, intoID, actor)
}

// moveRows moves the rows of every table in mergedTables that exists, and the
// history, from one claim to another.
func moveRows(tx *gorm.DB, from, into int64) error {
	for _, t := range mergedTables {
		if !tx.Migrator().HasTable(t.table) {
			continue
		}
		q := "UPDATE " + t.table + " SET claim_id = ? WHERE claim_id = ?"
		args := []any{into, from}
		if len(t.unique) > 0 {
			same := make([]string, len(t.unique))
			for i, col := range t.unique {
				same[i] = "kept." + col + " = " + t.table + "." + col
			}
			q += " AND NOT EXISTS (SELECT 1 FROM " + t.table + " kept WHERE kept.claim_id = ? AND " + strings.Join(same, " AND ") + ")"
			args = append(args, into)
		}
		if err := tx.Exec(q, args...).Error; err != nil {
			return fmt.Errorf("claims: merge %s: %w", t.table, err)
		}
	}
	err := tx.Exec("UPDATE claim_history SET claim_id = ?, from_claim_id = COALESCE(from_claim_id, ?) WHERE claim_id = ?", into, from, from).Error
	if err != nil {
		return fmt.Errorf("claims: merge history: %w", err)
	}
	return nil
}
