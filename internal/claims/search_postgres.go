package claims

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"gorm.io/gorm"
)

// tsIndex searches PostgreSQL's claims_search (migration 00007 of the postgres folder):
// a tsvector per field and doc, all of them, under the claimdesk_search configuration
// ('simple' after unaccent), and the names of sources and parties through expression
// indexes. Its match expression is lines of tsquery text: the whole query first, then
// each phrase a claim scores for (every alternative of every term not left out).
type tsIndex struct{}

// tsquery turns one term into tsquery text normalized as the index is: its words in
// order (<->), a prefix word with :*. The words hold only letters, digits and marks,
// so nothing in them is tsquery syntax.
func (t Term) tsquery(db *gorm.DB) (string, error) {
	parts := make([]string, len(t.Words))
	for i, w := range t.Words {
		parts[i] = w.Text
		if w.Prefix {
			parts[i] += ":*"
		}
	}
	var out string
	err := db.Raw("SELECT CAST(to_tsquery('claimdesk_search', ?) AS text)", strings.Join(parts, " <-> ")).Scan(&out).Error
	if err != nil {
		return "", fmt.Errorf("claims: search: %w", err)
	}
	return out, nil
}

// tsLexeme quotes a reference token as a tsquery lexeme, taken as it is.
func tsLexeme(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }

func (tsIndex) compile(db *gorm.DB, q Query) (string, error) {
	var keep, drop, phrases []string
	for _, t := range q.Terms {
		tq, err := t.tsquery(db)
		if err != nil {
			return "", err
		}
		if tq == "" {
			// Nothing the index would hold (no word survives normalizing): a term that
			// matches nothing, as FTS4 finds no row for it.
			tq = tsLexeme("\uE000none")
		}
		var refs []string
		for _, table := range []struct {
			name  string
			token func(int64) string
		}{{"sources", sourceToken}, {"parties", partyToken}} {
			var ids []int64
			err := db.Raw("SELECT id FROM "+table.name+" WHERE to_tsvector('claimdesk_search', claimdesk_search_text(name)) @@ CAST(? AS tsquery) ORDER BY id LIMIT ?",
				tq, maxNameRefs+1).Scan(&ids).Error
			if err != nil {
				return "", fmt.Errorf("claims: search names: %w", err)
			}
			for _, id := range ids {
				refs = append(refs, table.token(id))
			}
			if table.name == "parties" && len(ids) > 0 {
				// A party speaks through its voices and media: their claims match too.
				var voices []int64
				if err := db.Raw("SELECT id FROM sources WHERE party_id IN ? ORDER BY id LIMIT ?", ids, maxNameRefs+1).Scan(&voices).Error; err != nil {
					return "", fmt.Errorf("claims: search names: %w", err)
				}
				for _, id := range voices {
					if tok := sourceToken(id); !slices.Contains(refs, tok) {
						refs = append(refs, tok)
					}
				}
			}
		}
		if len(refs) > maxNameRefs {
			return "", ValidationError{SearchField.Name: fmt.Sprintf("“%s” is in the names of more than %d sources and parties; "+
				"add a more specific word.", strings.Trim(t.phrase(), `"`), maxNameRefs)}
		}
		alts := []string{"(" + tq + ")"}
		for _, r := range refs {
			alts = append(alts, tsLexeme(r))
		}
		e := "(" + strings.Join(alts, " | ") + ")"
		if t.Exclude {
			drop = append(drop, "!"+e)
		} else {
			keep = append(keep, e)
			phrases = append(phrases, alts...)
		}
	}
	return strings.Join(append([]string{strings.Join(append(keep, drop...), " & ")}, phrases...), "\n"), nil
}

// tsLines splits a match expression into the whole query and the phrases scored.
func tsLines(match string) (string, []string) {
	lines := strings.Split(match, "\n")
	return lines[0], lines[1:]
}

// tsArray writes phrases as a PostgreSQL array literal, one parameter for them all.
func tsArray(phrases []string) string {
	quote := strings.NewReplacer(`\`, `\\`, `"`, `\"`)
	out := make([]string, len(phrases))
	for i, p := range phrases {
		out[i] = `"` + quote.Replace(p) + `"`
	}
	return "{" + strings.Join(out, ",") + "}"
}

func (tsIndex) narrow(q *gorm.DB, match string) *gorm.DB {
	whole, _ := tsLines(match)
	return q.Where("claims.id IN (SELECT claim_id FROM claims_search WHERE doc @@ CAST(? AS tsquery))", whole)
}

// ranked scores each match as fts4Index does: for each phrase, the weights of the
// fields it is found in, summed.
func (tsIndex) ranked(q *gorm.DB, match string) *gorm.DB {
	whole, phrases := tsLines(match)
	score := make([]string, len(ftsColumns))
	for i, c := range ftsColumns {
		score[i] = "CASE WHEN s." + c.name + "_v @@ p.q THEN " + strconv.Itoa(c.weight) + " ELSE 0 END"
	}
	return q.Select("claims.*").
		Joins("JOIN (SELECT s.claim_id, (SELECT COALESCE(SUM("+strings.Join(score, " + ")+"), 0) "+
			"FROM unnest(CAST(? AS tsquery[])) AS p(q)) AS search_rank "+
			"FROM claims_search s WHERE s.doc @@ CAST(? AS tsquery)) AS hits ON hits.claim_id = claims.id", tsArray(phrases), whole).
		Order("hits.search_rank DESC, claims.occurred_on DESC, claims.id DESC")
}

// Marks ts_headline puts around each match: private-use characters no text holds.
const (
	tsMarkStart = "\uE001"
	tsMarkStop  = "\uE002"
)

func (tsIndex) matches(db *gorm.DB, match string, ids []int64) (map[int64]Match, error) {
	out := map[int64]Match{}
	if len(ids) == 0 {
		return out, nil
	}
	whole, phrases := tsLines(match)
	any := "(" + strings.Join(phrases, ") | (") + ")"
	opts := "HighlightAll=true, StartSel=" + tsMarkStart + ", StopSel=" + tsMarkStop
	var rows []struct {
		Docid                                 int64
		Title, Summary, Place, Target, Quotes string
		HTitle, HSummary, HPlace, HTarget     string
		HQuotes                               string
	}
	var heads []string
	for _, c := range []string{"title", "summary", "place", "target", "quotes"} {
		heads = append(heads, "ts_headline('claimdesk_search', claimdesk_search_text("+c+"), q.q, '"+opts+"') AS h_"+c)
	}
	err := db.Raw("SELECT claim_id AS docid, title, summary, place, target, quotes, "+strings.Join(heads, ", ")+
		" FROM claims_search, (SELECT CAST(? AS tsquery) AS q) q WHERE doc @@ CAST(? AS tsquery) AND claim_id IN ?",
		any, whole, ids).Scan(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("claims: search matches: %w", err)
	}
	for _, r := range rows {
		texts := []string{r.Title, r.Summary, r.Place, r.Target, r.Quotes}
		heads := []string{r.HTitle, r.HSummary, r.HPlace, r.HTarget, r.HQuotes}
		spans := make([][]Span, len(texts))
		for i := range texts {
			spans[i] = headlineSpans(texts[i], heads[i])
		}
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

// searchText is claimdesk_search_text (00007): < > and & blanked, each byte kept.
var searchText = strings.NewReplacer("<", " ", ">", " ", "&", " ")

// headlineSpans reads the marks of a ts_headline of text into byte spans of text. A
// headline that is not text with marks added gives no spans.
func headlineSpans(text, head string) []Span {
	var spans []Span
	var plain strings.Builder
	start := -1
	for _, r := range head {
		switch string(r) {
		case tsMarkStart:
			start = plain.Len()
		case tsMarkStop:
			if start >= 0 {
				spans = append(spans, Span{start, plain.Len()})
				start = -1
			}
		default:
			plain.WriteRune(r)
		}
	}
	if plain.String() != searchText.Replace(text) {
		return nil
	}
	return spans
}
