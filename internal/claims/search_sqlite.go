package claims

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"gorm.io/gorm"
)

// textIndex is the database's full-text index of claims: fts4Index (SQLite's FTS4
// tables, migration 00007) or tsIndex (PostgreSQL's tsvectors, its 00007). Every
// dialect-specific piece of search SQL lives in its implementation.
type textIndex interface {
	// compile turns a parsed search into the index's match expression, each term
	// widened to the sources and parties whose names match it, and to the sources
	// that belong to those parties.
	compile(db *gorm.DB, q Query) (string, error)
	// narrow keeps the claims that match.
	narrow(q *gorm.DB, match string) *gorm.DB
	// ranked keeps the claims that match, best first, newest attack first among equals.
	ranked(q *gorm.DB, match string) *gorm.DB
	// matches says where the search matched each of the claims ids.
	matches(db *gorm.DB, match string, ids []int64) (map[int64]Match, error)
}

// fts4Index searches SQLite's claims_fts, sources_fts and parties_fts.
type fts4Index struct{}

// maxNameRefs is the most sources and parties one term may name: a word in more
// names than that says nothing about which claim is meant.
const maxNameRefs = 200

// claims_fts's columns in order, and the weight of a match in each when ranking.
// A title or place that matches says more about what the claim is than a mention in a
// summary or quote; a matching source or party name counts between the two.
var ftsColumns = []struct {
	name   string
	weight int
}{{"title", 5}, {"summary", 1}, {"place", 3}, {"target", 2}, {"quotes", 1}, {"refs", 2}}

func (fts4Index) compile(db *gorm.DB, q Query) (string, error) {
	refs := make([][]string, len(q.Terms))
	for i, t := range q.Terms {
		for _, table := range []struct {
			name  string
			token func(int64) string
		}{{"sources_fts", sourceToken}, {"parties_fts", partyToken}} {
			var ids []int64
			err := db.Raw("SELECT docid FROM "+table.name+" WHERE "+table.name+" MATCH ? ORDER BY docid LIMIT ?",
				t.phrase(), maxNameRefs+1).Scan(&ids).Error
			if err != nil {
				return "", fmt.Errorf("claims: search names: %w", err)
			}
			for _, id := range ids {
				refs[i] = append(refs[i], table.token(id))
			}
			if table.name == "parties_fts" && len(ids) > 0 {
				// A party speaks through its voices and media: their claims match too.
				var voices []int64
				if err := db.Raw("SELECT id FROM sources WHERE party_id IN ? ORDER BY id LIMIT ?", ids, maxNameRefs+1).Scan(&voices).Error; err != nil {
					return "", fmt.Errorf("claims: search names: %w", err)
				}
				for _, id := range voices {
					if tok := sourceToken(id); !slices.Contains(refs[i], tok) {
						refs[i] = append(refs[i], tok)
					}
				}
			}
		}
		if len(refs[i]) > maxNameRefs {
			return "", ValidationError{SearchField.Name: fmt.Sprintf("“%s” is in the names of more than %d sources and parties; "+
				"add a more specific word.", strings.Trim(t.phrase(), `"`), maxNameRefs)}
		}
	}
	return q.ftsMatch(refs), nil
}

func (fts4Index) narrow(q *gorm.DB, match string) *gorm.DB {
	return q.Where("claims.id IN (SELECT docid FROM claims_fts WHERE claims_fts MATCH ?)", match)
}

// ranked scores each match with db.FTSRank (fts_rank): the number of the query's
// phrases found in each column times that column's weight. FTS4 has no bm25, and a
// weighted count needs only matchinfo's bit field ('pcb'), the cheapest it gives.
func (fts4Index) ranked(q *gorm.DB, match string) *gorm.DB {
	weights := make([]string, len(ftsColumns))
	for i, c := range ftsColumns {
		weights[i] = strconv.Itoa(c.weight)
	}
	return q.Select("claims.*").
		Joins("JOIN (SELECT docid, fts_rank(matchinfo(claims_fts, 'pcb'), "+strings.Join(weights, ", ")+") AS search_rank "+
			"FROM claims_fts WHERE claims_fts MATCH ?) AS hits ON hits.docid = claims.id", match).
		Order("hits.search_rank DESC, claims.occurred_on DESC, claims.id DESC")
}

// snippetFrom are the columns a snippet may come from, in order of preference.
var snippetFrom = []int{1, 4, 2, 3} // summary, quotes, place, target

// snippetWidth is about how many characters of a field a snippet shows.
const snippetWidth = 160

func (fts4Index) matches(db *gorm.DB, match string, ids []int64) (map[int64]Match, error) {
	out := map[int64]Match{}
	if len(ids) == 0 {
		return out, nil
	}
	var rows []struct {
		Docid                                 int64
		Offsets                               string
		Title, Summary, Place, Target, Quotes string
	}
	err := db.Raw("SELECT docid, offsets(claims_fts) AS offsets, title, summary, place, target, quotes "+
		"FROM claims_fts WHERE claims_fts MATCH ? AND docid IN ?", match, ids).Scan(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("claims: search matches: %w", err)
	}
	for _, r := range rows {
		spans := offsetSpans(r.Offsets)
		texts := []string{r.Title, r.Summary, r.Place, r.Target, r.Quotes}
		m := Match{Title: Segments(r.Title, spans[0])}
		for _, col := range snippetFrom {
			if m.Snippet = Snippet(texts[col], spans[col], snippetWidth); m.Snippet != nil {
				break
			}
		}
		out[r.Docid] = m
	}
	return out, nil
}

// offsetSpans reads FTS4's offsets() (column, term, byte offset, size; four numbers a
// match) into the matched spans of each column.
func offsetSpans(offsets string) map[int][]Span {
	out := map[int][]Span{}
	f := strings.Fields(offsets)
	for i := 0; i+3 < len(f); i += 4 {
		col, err1 := strconv.Atoi(f[i])
		at, err2 := strconv.Atoi(f[i+2])
		size, err3 := strconv.Atoi(f[i+3])
		if err1 == nil && err2 == nil && err3 == nil {
			out[col] = append(out[col], Span{at, at + size})
		}
	}
	return out
}
