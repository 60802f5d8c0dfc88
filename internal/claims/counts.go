package claims

import (
	"cmp"
	"context"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"

	"claimdesk/internal/db"

	"gorm.io/gorm"
)

// Counts are the dashboard's headline numbers: every claim, and each bucket's, within
// the country and source the dashboard is narrowed to.
type Counts struct {
	Total    int64
	ByBucket map[string]int64
	// Country and SourceID are the filters the counts respect.
	Country  string
	SourceID int64
	key      string
}

// Bucket returns the number of claims in the named bucket ("" for all claims).
func (c *Counts) Bucket(name string) int64 {
	if name == "" {
		return c.Total
	}
	return c.ByBucket[name]
}

// covers reports whether the counts were taken under the same country and source as f.
func (c *Counts) covers(f Filter) bool {
	return c != nil && c.key == f.countKey() && (f.Bucket == "" || c.ByBucket != nil)
}

// countKey identifies the filters, all but the bucket and the page, counts were taken
// under.
func (f Filter) countKey() string {
	f.Bucket, f.Page, f.Sort, f.After, f.Before = "", 0, "", nil, nil
	f.awaitingBefore, f.match = time.Time{}, ""
	f.Query = strings.TrimSpace(f.Query)
	if !f.Mine {
		f.Me = 0
	}
	return fmt.Sprintf("%+v", f)
}

// countRow is a row of claim_counts.
type countRow struct {
	Scope  string `gorm:"primaryKey"`
	Bucket string `gorm:"primaryKey"`
	N      int64
}

func (countRow) TableName() string { return "claim_counts" }

// Scopes of the counters: the desk, one country, the claims citing one source.
func countryScope(country string) string { return "country:" + country }
func sourceScope(id int64) string        { return "source:" + strconv.FormatInt(id, 10) }

// Count returns how many claims there are in all and in each bucket, within f's country
// or source. It reads the counters kept by every write; a country and a source
// together, the axes, and a search are counted from the claims themselves.
func (s *Service) Count(ctx context.Context, f Filter) (*Counts, error) {
	f.Query = strings.TrimSpace(f.Query)
	c := &Counts{ByBucket: map[string]int64{}, Country: f.Country, SourceID: f.SourceID, key: f.countKey()}
	if err := s.setCutoff(ctx, &f); err != nil {
		return nil, err
	}
	if f.Query != "" {
		return c, s.countSearch(ctx, f, c)
	}
	if (f.Country != "" && f.SourceID != 0) || f.axes() || f.more() {
		return c, s.countClaims(ctx, f, c, append([]Bucket{allClaims}, Buckets...))
	}
	scope := ""
	switch {
	case f.Country != "":
		scope = countryScope(f.Country)
	case f.SourceID != 0:
		scope = sourceScope(f.SourceID)
	}
	var rows []countRow
	if err := s.db(ctx).Where("scope = ?", scope).Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("claims: counts: %w", err)
	}
	for _, r := range rows {
		if r.Bucket == allClaims.Value {
			c.Total = r.N
		} else {
			c.ByBucket[r.Bucket] = r.N
		}
	}
	// Buckets that depend on the time are counted now.
	var live []Bucket
	for _, b := range Buckets {
		if b.holds == nil {
			live = append(live, b)
		}
	}
	return c, s.countClaims(ctx, f, c, live)
}

// countClaims counts the claims in each of buckets that match f's other filters.
func (s *Service) countClaims(ctx context.Context, f Filter, c *Counts, buckets []Bucket) error {
	f.Bucket = ""
	set := func(b Bucket, n int64) {
		if b.Value == allClaims.Value {
			c.Total = n
		} else {
			c.ByBucket[b.Value] = n
		}
	}
	if len(buckets) == 1 { // one count walks its bucket's own index
		var n int64
		if err := buckets[0].apply(f.apply(s.db(ctx).Model(&Claim{}), false), f).Count(&n).Error; err != nil {
			return fmt.Errorf("claims: count %s: %w", buckets[0].Value, err)
		}
		set(buckets[0], n)
		return nil
	}
	// Several buckets in one pass over the matching claims, not one pass each.
	cols := make([]string, len(buckets))
	var args []any
	for i, b := range buckets {
		cols[i] = "COALESCE(SUM(CASE WHEN " + b.where + " THEN 1 ELSE 0 END), 0)"
		if b.holds == nil {
			args = append(args, f.awaitingBefore)
		}
	}
	row := f.apply(s.db(ctx).Model(&Claim{}), false).Select(strings.Join(cols, ", "), args...).Row()
	ns := make([]int64, len(buckets))
	ptrs := make([]any, len(buckets))
	for i := range ns {
		ptrs[i] = &ns[i]
	}
	if err := row.Scan(ptrs...); err != nil {
		return fmt.Errorf("claims: count: %w", err)
	}
	for i, b := range buckets {
		set(b, ns[i])
	}
	return nil
}

// placement is where a claim is counted: in which buckets, and under which scopes
// (the desk, its country, each source it cites).
type placement struct {
	buckets []string
	scopes  []string
}

// placeOf returns where a claim in its current state, citing sources, is counted.
func placeOf(c *Claim, sources []int64) placement {
	p := placement{buckets: buckets(c.Verdict, c.OfficiallyConfirmed, c.Contested), scopes: []string{""}}
	if c.Country != "" {
		p.scopes = append(p.scopes, countryScope(c.Country))
	}
	for _, id := range sources {
		p.scopes = append(p.scopes, sourceScope(id))
	}
	return p
}

// sourcesOf returns the distinct sources a claim cites; never nil.
func sourcesOf(tx *gorm.DB, claimID int64) ([]int64, error) {
	ids := []int64{}
	rows, err := tx.Raw("SELECT DISTINCT source_id FROM citations WHERE claim_id = ? ORDER BY source_id", claimID).Rows()
	if err != nil {
		return nil, fmt.Errorf("claims: sources of claim: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("claims: sources of claim: %w", err)
		}
		ids = append(ids, id)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("claims: sources of claim: %w", err)
	}
	return ids, nil
}

// buckets names the buckets a claim in this state is in, "all" included.
func buckets(verdict Verdict, officiallyConfirmed, contested bool) []string {
	out := []string{allClaims.Value}
	for _, b := range Buckets {
		if b.holds != nil && b.holds(verdict, officiallyConfirmed, contested) {
			out = append(out, b.Value)
		}
	}
	return out
}

// moveCounts adjusts the counters, inside the caller's transaction, for a claim that
// moves from one placement to another (a zero placement for a new claim).
func moveCounts(tx *gorm.DB, from, to placement) error {
	type key struct{ scope, bucket string }
	delta := map[key]int64{}
	for _, p := range []struct {
		placement
		sign int64
	}{{from, -1}, {to, 1}} {
		for _, sc := range p.scopes {
			for _, b := range p.buckets {
				delta[key{sc, b}] += p.sign
			}
		}
	}
	keys := slices.SortedFunc(maps.Keys(delta), func(a, b key) int {
		return cmp.Or(cmp.Compare(a.scope, b.scope), cmp.Compare(a.bucket, b.bucket))
	})
	// One statement for all of them: each statement in the writer costs more than
	// the rows it touches.
	var sql strings.Builder
	args := make([]any, 0, 3*len(keys))
	for _, k := range keys {
		d := delta[k]
		if d == 0 {
			continue
		}
		if len(args) == 0 {
			sql.WriteString("INSERT INTO claim_counts (scope, bucket, n) VALUES (?, ?, ?)")
		} else {
			sql.WriteString(", (?, ?, ?)")
		}
		args = append(args, k.scope, k.bucket, d)
	}
	if len(args) == 0 {
		return nil
	}
	sql.WriteString(" ON CONFLICT (scope, bucket) DO UPDATE SET n = claim_counts.n + excluded.n")
	if err := tx.Exec(sql.String(), args...).Error; err != nil {
		return fmt.Errorf("claims: update %d counts: %w", len(args)/3, err)
	}
	return nil
}

// Recount sets every counter from the claims and citations themselves, for tools that
// write claims in bulk without the service. Merged claims are not counted.
func Recount(tx *gorm.DB) error {
	if err := tx.Exec("DELETE FROM claim_counts").Error; err != nil {
		return fmt.Errorf("claims: recount: %w", err)
	}
	for _, b := range append([]Bucket{allClaims}, Buckets...) {
		if b.holds == nil {
			continue
		}
		for _, q := range []string{
			"SELECT '', ?, COUNT(*) FROM claims WHERE merged_into IS NULL AND " + b.where,
			"SELECT 'country:' || country, ?, COUNT(*) FROM claims WHERE merged_into IS NULL AND country <> '' AND " + b.where + " GROUP BY country",
			"SELECT 'source:' || s.source_id, ?, COUNT(*) FROM (SELECT DISTINCT claim_id, source_id FROM citations) s " +
				"JOIN claims ON claims.id = s.claim_id WHERE merged_into IS NULL AND " + b.where + " GROUP BY s.source_id",
		} {
			if err := tx.Exec("INSERT INTO claim_counts (scope, bucket, n) "+q, b.Value).Error; err != nil {
				return fmt.Errorf("claims: recount %s: %w", b.Value, err)
			}
		}
	}
	err := tx.Exec("UPDATE sources SET citation_count = (SELECT COUNT(*) FROM citations WHERE citations.source_id = sources.id)").Error
	if err != nil {
		return fmt.Errorf("claims: recount citations: %w", err)
	}
	return db.BumpVersion(tx) // bulk tools wrote claims the pages may show
}
