package claims

import (
	"context"
	"fmt"

	"gorm.io/gorm"
)

// Buckets a dashboard can narrow claims to.
var Buckets = []Choice{
	{"officially-confirmed", "Officially confirmed"},
	{"contested", "Contested"},
	{"unverified", "Unverified"},
	{"confirmed", "Confirmed"},
	{"disputed", "Disputed"},
	{"false", "False"},
}

// ValidBucket reports whether b is "" (all claims) or one of Buckets.
func ValidBucket(b string) bool { return b == "" || valid(Buckets, b) }

// PerPage is how many claims a dashboard page lists.
const PerPage = 50

// Filter narrows the dashboard's list of claims. Zero values mean no filter.
type Filter struct {
	Bucket   string
	SourceID int64
	Country  string
	Page     int // from 1
}

// Page is one page of claims, newest first.
type Page struct {
	Claims []Claim
	Total  int64
	Page   int
	Pages  int
}

func (f Filter) apply(q *gorm.DB) *gorm.DB {
	switch f.Bucket {
	case "officially-confirmed":
		q = q.Where("officially_confirmed") // as written in the partial index claims_official_newest
	case "contested":
		q = q.Where("contested")
	case "unverified", "confirmed", "disputed", "false":
		q = q.Where("verdict = ?", f.Bucket)
	}
	if f.Country != "" {
		q = q.Where("country = ?", f.Country)
	}
	if f.SourceID != 0 {
		q = q.Where("id IN (SELECT claim_id FROM citations WHERE source_id = ?)", f.SourceID)
	}
	return q
}

// List returns one page of the claims that match f, newest first, each with the
// person who last changed it.
func (s *Service) List(ctx context.Context, f Filter) (*Page, error) {
	if f.Page < 1 {
		f.Page = 1
	}
	p := &Page{Page: f.Page}
	db := s.db(ctx)
	if err := f.apply(db.Model(&Claim{})).Count(&p.Total).Error; err != nil {
		return nil, fmt.Errorf("claims: count: %w", err)
	}
	p.Pages = int((p.Total + PerPage - 1) / PerPage)
	err := f.apply(db.Preload("UpdatedBy")).
		Order("occurred_on DESC, id DESC").Limit(PerPage).Offset((f.Page - 1) * PerPage).
		Find(&p.Claims).Error
	if err != nil {
		return nil, fmt.Errorf("claims: list: %w", err)
	}
	return p, nil
}

// Counts are the dashboard's headline numbers.
type Counts struct {
	Total               int64
	OfficiallyConfirmed int64
	Contested           int64
	ByVerdict           map[Verdict]int64
}

// Count returns how many claims there are in all and in each bucket.
func (s *Service) Count(ctx context.Context) (*Counts, error) {
	db := s.db(ctx)
	c := &Counts{ByVerdict: map[Verdict]int64{}}
	var rows []struct {
		Verdict Verdict
		N       int64
	}
	if err := db.Model(&Claim{}).Select("verdict, COUNT(*) AS n").Group("verdict").Scan(&rows).Error; err != nil {
		return nil, fmt.Errorf("claims: count verdicts: %w", err)
	}
	for _, r := range rows {
		c.ByVerdict[r.Verdict] = r.N
		c.Total += r.N
	}
	if err := db.Model(&Claim{}).Where("officially_confirmed").Count(&c.OfficiallyConfirmed).Error; err != nil {
		return nil, fmt.Errorf("claims: count confirmed: %w", err)
	}
	if err := db.Model(&Claim{}).Where("contested").Count(&c.Contested).Error; err != nil {
		return nil, fmt.Errorf("claims: count contested: %w", err)
	}
	return c, nil
}

// Bucket returns the number of claims in the named bucket.
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

// Countries lists the countries claims are filed under, for the dashboard's filter.
func (s *Service) Countries(ctx context.Context) ([]string, error) {
	var out []string
	err := s.db(ctx).Model(&Claim{}).Where("country <> ''").Distinct("country").Order("country").Pluck("country", &out).Error
	if err != nil {
		return nil, fmt.Errorf("claims: countries: %w", err)
	}
	return out, nil
}
