package claims

import (
	"context"
	"fmt"
	"strings"
	"time"

	"gorm.io/gorm"
)

// Bucket is a part of the desk the dashboard can narrow claims to and counts: the
// one table that says which claims are in it, in Go and in SQL.
type Bucket struct {
	Value string // in addresses and in claim_counts
	Label string
	where string // the SQL condition, as written in the bucket's index
	// holds says whether a claim in this state is in the bucket; nil for a bucket that
	// depends on the time (awaiting a response), counted when asked, never kept.
	holds func(verdict Verdict, officiallyConfirmed, contested bool) bool
}

// BucketAwaiting holds the claims first reported longer ago than the desk's setting
// with no official response yet.
const BucketAwaiting = "awaiting-response"

func verdictBucket(v Verdict) Bucket {
	return Bucket{string(v), v.Label(), "verdict = '" + string(v) + "'",
		func(verdict Verdict, _, _ bool) bool { return verdict == v }}
}

// Buckets a dashboard can narrow claims to, in the order its tiles show them.
var Buckets = []Bucket{
	{"officially-confirmed", "Officially confirmed", "officially_confirmed",
		func(_ Verdict, official, _ bool) bool { return official }},
	{"contested", "Contested", "contested",
		func(_ Verdict, _, contested bool) bool { return contested }},
	verdictBucket(VerdictUnverified),
	verdictBucket(VerdictConfirmed),
	verdictBucket(VerdictDisputed),
	verdictBucket(VerdictFalse),
	{BucketAwaiting, "Awaiting official response", "response_state = 'none_yet' AND first_reported_at < ?", nil},
}

// allClaims is the counter of every claim, kept beside the buckets'.
var allClaims = Bucket{"all", "All claims", "1 = 1", func(Verdict, bool, bool) bool { return true }}

// findBucket returns the bucket called value.
func findBucket(value string) (Bucket, bool) {
	for _, b := range Buckets {
		if b.Value == value {
			return b, true
		}
	}
	return Bucket{}, false
}

// apply narrows q to the bucket.
func (b Bucket) apply(q *gorm.DB, f Filter) *gorm.DB {
	if b.holds == nil {
		return q.Where(b.where, f.awaitingBefore)
	}
	return q.Where(b.where)
}

// ValidBucket reports whether b is "" (all claims) or one of Buckets.
func ValidBucket(b string) bool {
	_, ok := findBucket(b)
	return b == "" || ok
}

// PerPage is how many claims a dashboard page lists.
const PerPage = 50

// Filter narrows the dashboard's list of claims. Zero values mean no filter.
type Filter struct {
	Bucket         string
	SourceID       int64
	Country        string
	Occurred       OccurredState
	Responsibility ResponsibilityState
	Response       ResponseState
	// Query is what was typed into the search box (see ParseQuery).
	Query string
	Page  int // from 1

	awaitingBefore time.Time // set by the service from the desk's settings
	match          string    // Query as the index's match expression, set by the service
}

// axes reports whether f narrows by any of the three evidence axes.
func (f Filter) axes() bool { return f.Occurred != "" || f.Responsibility != "" || f.Response != "" }

// Narrowed reports whether f narrows the desk at all (beyond the page).
func (f Filter) Narrowed() bool {
	return f.Bucket != "" || f.SourceID != 0 || f.Country != "" || f.axes() || f.Query != ""
}

// Page is one page of claims, newest first, or best match first for a search.
type Page struct {
	Claims []Claim
	Total  int64
	Page   int
	Pages  int
	// Names are today's names of the sources and parties the claims' reasons mention.
	Names NameBook
	// Matches says where a search matched each listed claim, by claim id; nil without one.
	Matches map[int64]Match
}

// busySource is the number of claims above which a source filter walks the newest-first
// index and checks each claim (EXISTS) rather than sorting all of the source's claims (IN).
const busySource = 1000

func (f Filter) apply(q *gorm.DB, busy bool) *gorm.DB {
	q = q.Where("claims.merged_into IS NULL")
	if b, ok := findBucket(f.Bucket); ok {
		q = b.apply(q, f)
	}
	if f.Occurred != "" {
		q = q.Where("occurred_state = ?", f.Occurred)
	}
	if f.Responsibility != "" {
		q = q.Where("responsibility_state = ?", f.Responsibility)
	}
	if f.Response != "" {
		q = q.Where("response_state = ?", f.Response)
	}
	if f.Country != "" {
		q = q.Where("country = ?", f.Country)
	}
	if f.SourceID != 0 {
		if busy {
			q = q.Where("EXISTS (SELECT 1 FROM citations WHERE citations.claim_id = claims.id AND citations.source_id = ?)", f.SourceID)
		} else {
			q = q.Where("claims.id IN (SELECT claim_id FROM citations WHERE source_id = ?)", f.SourceID)
		}
	}
	return q
}

// List returns one page of the claims that match f, newest first, each with the
// person who last changed it. counts, if not nil, saves counting a bucket again.
func (s *Service) List(ctx context.Context, f Filter, counts *Counts) (*Page, error) {
	if f.Page < 1 {
		f.Page = 1
	}
	if err := s.setCutoff(ctx, &f); err != nil {
		return nil, err
	}
	if f.Query = strings.TrimSpace(f.Query); f.Query != "" {
		return s.search(ctx, f, counts)
	}
	p := &Page{Page: f.Page}
	db := s.db(ctx)
	busy := false
	switch {
	case counts.covers(f):
		p.Total = counts.Bucket(f.Bucket)
		busy = f.SourceID != 0 && counts.Total > busySource
	default:
		if err := f.apply(db.Model(&Claim{}), false).Count(&p.Total).Error; err != nil {
			return nil, fmt.Errorf("claims: count: %w", err)
		}
		busy = f.SourceID != 0 && p.Total > busySource/10
	}
	p.Pages = int((p.Total + PerPage - 1) / PerPage)
	err := f.apply(db.Preload("UpdatedBy"), busy).
		Order("occurred_on DESC, id DESC").Limit(PerPage).Offset((f.Page - 1) * PerPage).
		Find(&p.Claims).Error
	if err != nil {
		return nil, fmt.Errorf("claims: list: %w", err)
	}
	if p.Names, err = namesFor(db, p.Claims); err != nil {
		return nil, err
	}
	return p, nil
}

// namesFor loads the names of the sources and parties the claims' contest reasons name.
func namesFor(db *gorm.DB, list []Claim) (NameBook, error) {
	b := NameBook{Sources: map[int64]string{}, Parties: map[PartyID]string{}}
	var sources []int64
	var parties []int64
	for _, c := range list {
		for _, r := range c.ContestReasons {
			if r.SourceID != 0 {
				sources = append(sources, r.SourceID)
			}
			for _, v := range r.Values {
				sources = append(sources, v.SourceIDs...)
				if v.PartyID != 0 {
					parties = append(parties, int64(v.PartyID))
				}
			}
		}
	}
	if len(sources) > 0 {
		var rows []Source
		if err := db.Select("id", "name").Where("id IN ?", sources).Find(&rows).Error; err != nil {
			return b, fmt.Errorf("claims: source names: %w", err)
		}
		for _, r := range rows {
			b.Sources[r.ID] = r.Name
		}
	}
	if len(parties) > 0 {
		var rows []PartyRecord
		if err := db.Select("id", "name").Where("id IN ?", parties).Find(&rows).Error; err != nil {
			return b, fmt.Errorf("claims: party names: %w", err)
		}
		for _, r := range rows {
			b.Parties[r.ID] = r.Name
		}
	}
	return b, nil
}

// Countries lists the countries claims are filed under, for the dashboard's filter. It
// hops from one country to the next along claims_country_newest instead of reading
// every claim.
func (s *Service) Countries(ctx context.Context) ([]string, error) {
	var out []string
	err := s.db(ctx).Raw(`WITH RECURSIVE c(country) AS (
		SELECT MIN(country) FROM claims WHERE country > ''
		UNION ALL
		SELECT (SELECT MIN(country) FROM claims WHERE country > c.country) FROM c WHERE c.country IS NOT NULL
	) SELECT country FROM c WHERE country IS NOT NULL`).Scan(&out).Error
	if err != nil {
		return nil, fmt.Errorf("claims: countries: %w", err)
	}
	return out, nil
}

// setCutoff sets the moment before which a first report with no official response
// means a claim is awaiting one.
func (s *Service) setCutoff(ctx context.Context, f *Filter) error {
	st, err := s.Settings(ctx)
	if err != nil {
		return err
	}
	f.awaitingBefore = s.now().Add(-time.Duration(st.AwaitingHours) * time.Hour)
	return nil
}
