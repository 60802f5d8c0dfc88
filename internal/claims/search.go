package claims

import (
	"cmp"
	"context"
	"fmt"
	"strings"

	"gorm.io/gorm"
)

// compileSearch parses f.Query and sets f.match, the index's match expression for it.
// A query that cannot be run is a ValidationError for the field q.
func (s *Service) compileSearch(db *gorm.DB, f *Filter) error {
	q, err := ParseQuery(f.Query)
	if err != nil || q.Empty() {
		f.match = ""
		return err
	}
	f.match, err = s.text.compile(db, q)
	return err
}

// searched is q narrowed by f's filters and its search.
func (s *Service) searched(q *gorm.DB, f Filter) *gorm.DB {
	q = f.apply(q, false)
	if f.match != "" {
		q = s.text.narrow(q, f.match)
	}
	return q
}

// countSearch counts, in one pass over the claims that match f's search and other
// filters, how many there are in all and in each bucket.
func (s *Service) countSearch(ctx context.Context, f Filter, c *Counts) error {
	db := s.db(ctx)
	if err := s.compileSearch(db, &f); err != nil {
		return err
	}
	f.Bucket = ""
	cols := []string{"COUNT(*)"}
	var args []any
	for _, b := range Buckets {
		cols = append(cols, "COALESCE(SUM(CASE WHEN "+b.where+" THEN 1 ELSE 0 END), 0)")
		if b.holds == nil {
			args = append(args, f.awaitingBefore)
		}
	}
	n := make([]int64, len(cols))
	dest := make([]any, len(n))
	for i := range n {
		dest[i] = &n[i]
	}
	row := s.searched(db.Model(&Claim{}), f).Select(strings.Join(cols, ", "), args...).Row()
	if err := row.Scan(dest...); err != nil {
		return fmt.Errorf("claims: count search: %w", err)
	}
	c.Total = n[0]
	for i, b := range Buckets {
		c.ByBucket[b.Value] = n[i+1]
	}
	return nil
}

// MaxRanked is how many matches a search ranks by default (Service.RankLimit).
const MaxRanked = 5000

// tooManyToRank says a search matched more claims than are ranked.
type tooManyToRank struct{ total int64 }

func (e *tooManyToRank) Error() string {
	return fmt.Sprintf("claims: %d matches, too many to rank", e.total)
}

// search lists one page of the claims matching f's search and filters, best match
// first, with where each matched.
func (s *Service) search(ctx context.Context, f Filter, counts *Counts) (*Page, error) {
	db := s.db(ctx)
	if err := s.compileSearch(db, &f); err != nil {
		return nil, err
	}
	p := &Page{Page: f.Page}
	if counts.covers(f) {
		p.Total = counts.Bucket(f.Bucket)
	} else if err := s.searched(db.Model(&Claim{}), f).Count(&p.Total).Error; err != nil {
		return nil, fmt.Errorf("claims: count search: %w", err)
	}
	if limit := cmp.Or(s.RankLimit, MaxRanked); p.Total > limit {
		// Ranking every match of a common word costs seconds on a big desk, and
		// tells the reader little: such a search lists newest first instead.
		return nil, &tooManyToRank{p.Total}
	}
	p.Pages = int((p.Total + PerPage - 1) / PerPage)
	err := s.text.ranked(f.apply(db.Preload("UpdatedBy"), false), f.match).
		Limit(PerPage).Offset((f.Page - 1) * PerPage).Find(&p.Claims).Error
	if err != nil {
		return nil, fmt.Errorf("claims: search: %w", err)
	}
	return s.finishPage(db, p, f.match)
}
