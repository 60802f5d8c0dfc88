package claims

import (
	"context"
	"fmt"

	"gorm.io/gorm"
)

// Counts are the dashboard's headline numbers.
type Counts struct {
	Total               int64
	OfficiallyConfirmed int64
	Contested           int64
	ByVerdict           map[Verdict]int64
}

// Bucket returns the number of claims in the named bucket ("" for all claims).
func (c *Counts) Bucket(name string) int64 {
	switch name {
	case "":
		return c.Total
	case "officially-confirmed":
		return c.OfficiallyConfirmed
	case "contested":
		return c.Contested
	}
	return c.ByVerdict[Verdict(name)]
}

// countRow is a row of claim_counts.
type countRow struct {
	Bucket string `gorm:"primaryKey"`
	N      int64
}

func (countRow) TableName() string { return "claim_counts" }

// Count returns how many claims there are in all and in each bucket. It reads the
// counters kept by every write, not the claims.
func (s *Service) Count(ctx context.Context) (*Counts, error) {
	var rows []countRow
	if err := s.db(ctx).Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("claims: counts: %w", err)
	}
	c := &Counts{ByVerdict: map[Verdict]int64{}}
	for _, r := range rows {
		switch r.Bucket {
		case "all":
			c.Total = r.N
		case "officially-confirmed":
			c.OfficiallyConfirmed = r.N
		case "contested":
			c.Contested = r.N
		default:
			c.ByVerdict[Verdict(r.Bucket)] = r.N
		}
	}
	return c, nil
}

// buckets names the counters a claim in this state adds to.
func buckets(verdict Verdict, officiallyConfirmed, contested bool) []string {
	out := []string{string(verdict)}
	if officiallyConfirmed {
		out = append(out, "officially-confirmed")
	}
	if contested {
		out = append(out, "contested")
	}
	return out
}

// moveCounts adjusts the counters, inside the caller's transaction, for a claim that
// leaves the buckets in from and enters those in to.
func moveCounts(tx *gorm.DB, from, to []string) error {
	delta := map[string]int64{}
	for _, b := range from {
		delta[b]--
	}
	for _, b := range to {
		delta[b]++
	}
	for b, d := range delta {
		if d == 0 {
			continue
		}
		if err := tx.Model(&countRow{}).Where("bucket = ?", b).Update("n", gorm.Expr("n + ?", d)).Error; err != nil {
			return fmt.Errorf("claims: update count %s: %w", b, err)
		}
	}
	return nil
}

// Recount sets every counter from the claims and citations themselves, for tools that write claims
// in bulk without the service.
func Recount(tx *gorm.DB) error {
	q := []struct {
		bucket, where string
	}{
		{"all", "1 = 1"},
		{"officially-confirmed", "officially_confirmed"},
		{"contested", "contested"},
		{"unverified", "verdict = 'unverified'"},
		{"confirmed", "verdict = 'confirmed'"},
		{"disputed", "verdict = 'disputed'"},
		{"false", "verdict = 'false'"},
	}
	for _, b := range q {
		var n int64
		if err := tx.Model(&Claim{}).Where(b.where).Count(&n).Error; err != nil {
			return fmt.Errorf("claims: recount %s: %w", b.bucket, err)
		}
		if err := tx.Model(&countRow{}).Where("bucket = ?", b.bucket).Update("n", n).Error; err != nil {
			return fmt.Errorf("claims: recount %s: %w", b.bucket, err)
		}
	}
	err := tx.Exec("UPDATE sources SET citation_count = (SELECT COUNT(*) FROM citations WHERE citations.source_id = sources.id)").Error
	if err != nil {
		return fmt.Errorf("claims: recount citations: %w", err)
	}
	return nil
}
