package db

import (
	"database/sql"
	"encoding/binary"

	"github.com/mattn/go-sqlite3"
)

// driverName is mattn's SQLite driver with the SQL functions Claimdesk's queries call
// registered on every connection.
const driverName = "sqlite3_claimdesk"

func init() {
	sql.Register(driverName, &sqlite3.SQLiteDriver{
		ConnectHook: registerFuncs,
	})
}

// registerFuncs registers the SQL functions Claimdesk's queries call on a connection.
func registerFuncs(c *sqlite3.SQLiteConn) error {
	return c.RegisterFunc("fts_rank", FTSRank, true)
}

// FTSRank scores one row of an FTS4 query from matchinfo(table, 'pcb'): for each
// phrase of the query and each column it is found in, that column's weight (one weight
// per column, in the table's order; a missing weight counts 1). A weighted count, not
// bm25: the desk's fields are short, so how often a word repeats in one says little,
// while which field it is in (a title, a place) says much. SQL: fts_rank(blob, w...).
func FTSRank(info []byte, weights ...int64) int64 {
	if len(info) < 8 {
		return 0
	}
	phrases := int(binary.NativeEndian.Uint32(info[0:]))
	cols := int(binary.NativeEndian.Uint32(info[4:]))
	words := (cols + 31) / 32 // 'b' holds, for each phrase, one bit per column
	bits := info[8:]
	if phrases <= 0 || cols <= 0 || len(bits) < 4*words*phrases {
		return 0
	}
	var score int64
	for p := range phrases {
		for i := range words {
			n := binary.NativeEndian.Uint32(bits[4*(p*words+i):])
			for c := i * 32; n != 0; c, n = c+1, n>>1 {
				if n&1 == 0 {
					continue
				}
				if c < len(weights) {
					score += weights[c]
				} else {
					score++
				}
			}
		}
	}
	return score
}
