package claims

import (
	"strconv"
	"strings"
	"time"

	"gorm.io/gorm"
)

// Sort is the order the dashboard lists claims in, newest or most first; ties go to
// the higher id.
type Sort string

// Orders of the dashboard. SortDefault is the newest attack first, or the best match
// first for a search.
const (
	SortDefault  Sort = ""
	SortAttack   Sort = "date"
	SortUpdated  Sort = "updated"
	SortReported Sort = "reported"
	SortSources  Sort = "sources"
)

// Sorts lists the orders a person can choose; "date" is only needed with a search.
var Sorts = []Choice{
	{string(SortDefault), "Attack date (best match when searching)"},
	{string(SortAttack), "Attack date"},
	{string(SortUpdated), "Last change"},
	{string(SortReported), "First reported"},
	{string(SortSources), "Number of sources"},
}

// Valid reports whether s is one of Sorts.
func (s Sort) Valid() bool { return valid(Sorts, string(s)) }

// column is the claims column s orders by, and whether its values are times.
func (s Sort) column() (col string, isTime bool) {
	switch s {
	case SortUpdated:
		return "claims.updated_at", true
	case SortReported:
		return "claims.first_reported_at", true
	case SortSources:
		return "claims.source_count", false
	}
	return "claims.occurred_on", true
}

// ListCursor is where a page of the keyset walk starts: a claim's sort key and id. It is
// written "key,id" in addresses, the key a time in base-36 nanoseconds, a count, or
// "-" for a claim never reported.
type ListCursor struct {
	Null bool  // the key is NULL (first_reported_at)
	Key  int64 // nanoseconds since 1970 for times, else the count
	ID   int64
}

// String is the cursor as written in an address.
func (c ListCursor) String() string {
	k := strconv.FormatInt(c.Key, 36)
	if c.Null {
		k = "-"
	}
	return k + "," + strconv.FormatInt(c.ID, 10)
}

// ParseListCursor reads a cursor written by String.
func ParseListCursor(s string) (ListCursor, bool) {
	k, id, ok := strings.Cut(s, ",")
	if !ok || len(s) > 40 {
		return ListCursor{}, false
	}
	var c ListCursor
	var err error
	if c.ID, err = strconv.ParseInt(id, 10, 64); err != nil || c.ID < 1 {
		return ListCursor{}, false
	}
	if k == "-" {
		c.Null = true
		return c, true
	}
	if c.Key, err = strconv.ParseInt(k, 36, 64); err != nil {
		return ListCursor{}, false
	}
	return c, true
}

// cursorOf is the cursor at claim c in the order s.
func (s Sort) cursorOf(c *Claim) ListCursor {
	cur := ListCursor{ID: c.ID}
	switch s {
	case SortUpdated:
		cur.Key = c.UpdatedAt.UnixNano()
	case SortReported:
		if c.FirstReportedAt == nil {
			cur.Null = true
		} else {
			cur.Key = c.FirstReportedAt.UnixNano()
		}
	case SortSources:
		cur.Key = int64(c.SourceCount)
	default:
		cur.Key = c.OccurredOn.UnixNano()
	}
	return cur
}

// order sorts q in s's order, or its reverse (for walking back to newer claims).
// NULLs sort lowest in SQLite, so a claim never reported comes last, newest first;
// PostgreSQL sorts them highest unless told otherwise (only first_reported_at has
// NULLs; the other orders stay as their indexes are).
func (s Sort) order(q *gorm.DB, reverse bool) *gorm.DB {
	col, _ := s.column()
	dir, nulls := " DESC", " NULLS LAST"
	if reverse {
		dir, nulls = " ASC", " NULLS FIRST"
	}
	if s != SortReported || !isPostgres(q) {
		nulls = ""
	}
	return q.Order(col + dir + nulls + ", claims.id" + dir)
}

// seek keeps the claims after c in s's order, or before it when reverse.
func (s Sort) seek(q *gorm.DB, c ListCursor, reverse bool) *gorm.DB {
	col, isTime := s.column()
	var key any = c.Key
	if isTime {
		key = time.Unix(0, c.Key).UTC()
	}
	switch {
	case !reverse && c.Null:
		return q.Where(col+" IS NULL AND claims.id < ?", c.ID)
	case !reverse && s == SortReported:
		return q.Where("(("+col+", claims.id) < (?, ?) OR "+col+" IS NULL)", key, c.ID)
	case !reverse:
		return q.Where("("+col+", claims.id) < (?, ?)", key, c.ID)
	case c.Null:
		return q.Where("(("+col+" IS NULL AND claims.id > ?) OR "+col+" IS NOT NULL)", c.ID)
	}
	return q.Where("("+col+", claims.id) > (?, ?)", key, c.ID)
}
