package claims

import (
	"context"
	"fmt"

	"gorm.io/gorm"
)

// Counts are the dashboard's headline numbers: every claim, and each bucket's.
type Counts struct {
	Total    int64
	ByBucket map[string]int64
}

// Bucket returns the number of claims in the named bucket ("" for all claims).
func (c *Counts) Bucket(name string) int64 {
	if name == "" {
		return c.Total
	}
	return c.ByBucket[name]
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
	c := &Counts{ByBucket: map[string]int64{}}
	for _, r := range rows {
		if r.Bucket == allClaims.Value {
			c.Total = r.N
		} else {
			c.ByBucket[r.Bucket] = r.N
		}
	}
	return c, nil
}

// buckets names the counters a claim in this state adds to, "all" included.
func buckets(verdict Verdict, officiallyConfirmed, contested bool) []string {
	out := []string{allClaims.Value}
	for _, b := range Buckets {
		if b.holds(verdict, officiallyConfirmed, contested) {
			out = append(out, b.Value)
		}
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
	for _, b := range append([]Bucket{allClaims}, Buckets...) {
		var n int64
		if err := tx.Model(&Claim{}).Where(b.where).Count(&n).Error; err != nil {
			return fmt.Errorf("claims: recount %s: %w", b.Value, err)
		}
		if err := tx.Model(&countRow{}).Where("bucket = ?", b.Value).Update("n", n).Error; err != nil {
			return fmt.Errorf("claims: recount %s: %w", b.Value, err)
		}
	}
	err := tx.Exec("UPDATE sources SET citation_count = (SELECT COUNT(*) FROM citations WHERE citations.source_id = sources.id)").Error
	if err != nil {
		return fmt.Errorf("claims: recount citations: %w", err)
	}
	return nil
}
