package db_test

import (
	"encoding/binary"
	"testing"

	"claimdesk/internal/db"
	"claimdesk/internal/db/dbtest"
)

func matchinfo(phrases, cols uint32, bits ...uint32) []byte {
	out := binary.NativeEndian.AppendUint32(nil, phrases)
	out = binary.NativeEndian.AppendUint32(out, cols)
	for _, b := range bits {
		out = binary.NativeEndian.AppendUint32(out, b)
	}
	return out
}

func TestFTSRank(t *testing.T) {
	tests := []struct {
		name    string
		info    []byte
		weights []int64
		want    int64
	}{
		{"TitleOnly", matchinfo(1, 3, 0b001), []int64{5, 1, 3}, 5},
		{"TwoColumns", matchinfo(1, 3, 0b101), []int64{5, 1, 3}, 8},
		{"TwoPhrases", matchinfo(2, 3, 0b001, 0b010), []int64{5, 1, 3}, 6},
		{"MissingWeightCountsOne", matchinfo(1, 3, 0b100), []int64{5}, 1},
		{"Short", []byte{1, 2, 3}, nil, 0},
		{"Truncated", matchinfo(3, 3, 0b1), []int64{5}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := db.FTSRank(tt.info, tt.weights...); got != tt.want {
				t.Errorf("FTSRank = %d, want %d", got, tt.want)
			}
		})
	}
}

// TestFTSRankInSQL checks the function on every connection against SQLite's own
// matchinfo, and the tokenizer's folding of case, diacritics and hyphens.
func TestFTSRankInSQL(t *testing.T) {
	d := dbtest.OpenSQLite(t)
	g := d.Gorm()
	if err := g.Exec(`CREATE VIRTUAL TABLE t USING fts4(a, b, tokenize=unicode61 "remove_diacritics=2")`).Error; err != nil {
		t.Fatal(err)
	}
	g.Exec(`INSERT INTO t (docid, a, b) VALUES (1, 'Qāsim at al-Tanf', 'drone'), (2, 'drone', 'Al-Mayadeen says drone')`)
	for _, tt := range []struct {
		match string
		want  map[int64]int64
	}{
		{`"drone"`, map[int64]int64{1: 1, 2: 11}},
		{`"qasim" "tanf"`, map[int64]int64{1: 20}},
		{`"mayadeen"`, map[int64]int64{2: 1}},
	} {
		var rows []struct{ Docid, R int64 }
		if err := g.Raw(`SELECT docid, fts_rank(matchinfo(t, 'pcb'), 10, 1) AS r FROM t WHERE t MATCH ?`, tt.match).Scan(&rows).Error; err != nil {
			t.Fatal(err)
		}
		got := map[int64]int64{}
		for _, r := range rows {
			got[r.Docid] = r.R
		}
		if len(got) != len(tt.want) {
			t.Errorf("%s: %v, want %v", tt.match, got, tt.want)
		}
		for id, w := range tt.want {
			if got[id] != w {
				t.Errorf("%s: row %d ranks %d, want %d", tt.match, id, got[id], w)
			}
		}
	}
}
