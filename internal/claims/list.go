package claims

import (
	"context"
	"errors"
	"fmt"
	"slices"
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
	// From and To are the first and last days of the attack dates kept; zero for none.
	From, To   time.Time
	AttackType AttackType
	// SourceKind keeps the claims citing a source of that kind.
	SourceKind SourceKind
	// PartyID keeps the claims the party is alleged to have attacked or been targeted
	// in, or that cite a source belonging to the party.
	PartyID    PartyID
	AssigneeID int64
	// Mine keeps the claims assigned to Me, the person asking (set by the handler).
	Mine bool
	Me   int64
	// Query is what was typed into the search box (see ParseQuery).
	Query string
	Sort  Sort
	Page  int // from 1; After or Before, when set, win
	// After and Before walk the list by keyset: the page after or before a claim.
	After, Before *ListCursor

	awaitingBefore time.Time // set by the service from the desk's settings
	match          string    // Query as the index's match expression, set by the service
}

// axes reports whether f narrows by any of the three evidence axes.
func (f Filter) axes() bool { return f.Occurred != "" || f.Responsibility != "" || f.Response != "" }

// Narrowed reports whether f narrows the desk at all (beyond the page).
func (f Filter) Narrowed() bool {
	return f.Bucket != "" || f.SourceID != 0 || f.Country != "" || f.axes() || f.Query != "" || f.more()
}

// more reports whether f narrows by any filter the counters do not keep.
func (f Filter) more() bool {
	return !f.From.IsZero() || !f.To.IsZero() || f.AttackType != "" || f.SourceKind != "" || f.PartyID != 0 ||
		f.AssigneeID != 0 || f.Mine
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
	// Keyset says the page was found by sort key: Newer and Older, when not nil, are
	// the cursors of the pages before and after it. Otherwise it is numbered (search).
	Keyset bool
	// Unranked says a search matched more claims than are ranked (Service.RankLimit),
	// so they are listed newest attack first.
	Unranked     bool
	Newer, Older *ListCursor
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
	if !f.From.IsZero() {
		q = q.Where("claims.occurred_on >= ?", f.From)
	}
	if !f.To.IsZero() {
		q = q.Where("claims.occurred_on < ?", f.To.AddDate(0, 0, 1))
	}
	if f.AttackType != "" {
		q = q.Where("claims.attack_type = ?", f.AttackType)
	}
	if f.SourceKind != "" {
		q = q.Where("EXISTS (SELECT 1 FROM citations JOIN sources ON sources.id = citations.source_id "+
			"WHERE citations.claim_id = claims.id AND sources.kind = ?)", f.SourceKind)
	}
	if f.PartyID != 0 {
		q = q.Where("(EXISTS (SELECT 1 FROM claim_parties WHERE claim_parties.claim_id = claims.id AND claim_parties.party_id = ?) "+
			"OR EXISTS (SELECT 1 FROM citations JOIN sources ON sources.id = citations.source_id "+
			"WHERE citations.claim_id = claims.id AND sources.party_id = ?))", f.PartyID, f.PartyID)
	}
	if f.AssigneeID != 0 {
		q = q.Where("claims.assignee_id = ?", f.AssigneeID)
	}
	if f.Mine {
		q = q.Where("claims.assignee_id = ?", f.Me)
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
	var unranked *tooManyToRank
	if f.Query = strings.TrimSpace(f.Query); f.Query != "" && f.Sort == SortDefault {
		p, err := s.search(ctx, f, counts)
		if !errors.As(err, &unranked) {
			return p, err
		}
	}
	p := &Page{Page: f.Page, Keyset: true, Unranked: unranked != nil}
	db := s.db(ctx)
	if f.Query != "" {
		if err := s.compileSearch(db, &f); err != nil {
			return nil, err
		}
	}
	busy := false
	switch {
	case unranked != nil:
		p.Total = unranked.total
	case counts.covers(f):
		p.Total = counts.Bucket(f.Bucket)
		busy = f.SourceID != 0 && counts.Total > busySource
	default:
		if err := s.searched(db.Model(&Claim{}), f).Count(&p.Total).Error; err != nil {
			return nil, fmt.Errorf("claims: count: %w", err)
		}
		busy = f.SourceID != 0 && p.Total > busySource/10
	}
	p.Pages = int((p.Total + PerPage - 1) / PerPage)
	q := f.apply(db.Preload("UpdatedBy"), busy)
	if f.match != "" {
		q = s.text.narrow(q, f.match)
	}
	if err := f.walk(q, p); err != nil {
		return nil, err
	}
	return s.finishPage(db, p, f.match)
}

// finishPage adds to a page of claims what its rows show besides the claims: the
// words a search matched in each, and today's names of the sources and parties its
// reasons mention.
func (s *Service) finishPage(db *gorm.DB, p *Page, match string) (*Page, error) {
	var err error
	if match != "" {
		ids := make([]int64, len(p.Claims))
		for i, c := range p.Claims {
			ids[i] = c.ID
		}
		if p.Matches, err = s.text.matches(db, match, ids); err != nil {
			return nil, err
		}
	}
	if p.Names, err = namesFor(db, p.Claims); err != nil {
		return nil, err
	}
	return p, nil
}

// walk reads into p the page of q that f's cursor (or, for old links, its page number)
// points at, in f's order, and the cursors of the pages either side. It reads one claim
// more than a page to know whether there is a next page.
func (f Filter) walk(q *gorm.DB, p *Page) error {
	reverse := f.Before != nil
	switch {
	case f.After != nil:
		q = f.Sort.seek(q, *f.After, false)
	case f.Before != nil:
		q = f.Sort.seek(q, *f.Before, true)
	default:
		q = q.Offset((f.Page - 1) * PerPage)
	}
	if err := f.Sort.order(q, reverse).Limit(PerPage + 1).Find(&p.Claims).Error; err != nil {
		return fmt.Errorf("claims: list: %w", err)
	}
	more := len(p.Claims) > PerPage
	if more {
		p.Claims = p.Claims[:PerPage]
	}
	if reverse {
		slices.Reverse(p.Claims)
	}
	if len(p.Claims) == 0 {
		return nil
	}
	first, last := f.Sort.cursorOf(&p.Claims[0]), f.Sort.cursorOf(&p.Claims[len(p.Claims)-1])
	if more || reverse {
		p.Older = &last
	}
	if (reverse && more) || f.After != nil || (f.Before == nil && f.Page > 1) {
		p.Newer = &first
	}
	return nil
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
