package db

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/jackc/pgx/v5"
	"github.com/mattn/go-sqlite3"
)

// How a copy treats each table of the two schemas.
const (
	// CopyCopied tables are copied row for row and verified by count and checksum.
	CopyCopied = "copied"
	// CopyReplaced tables are copied like the others, but a freshly migrated database
	// holds rows in them already, put there by the migrations: those are replaced.
	CopyReplaced = "replaced"
	// CopyRebuilt tables are worked out on the destination rather than copied.
	CopyRebuilt = "rebuilt"
	// CopyLeftOut tables are not copied at all.
	CopyLeftOut = "left out"
)

// copyLeftOut are the tables a copy leaves out, with the reason. SQLite's own tables
// (sqlite_*) and its full-text index are left out too (see sourceTables).
var copyLeftOut = map[string]string{
	"goose_db_version": "the destination's own record of its migrations",
	"sessions":         "logins belong to the old address; people log in again",
	"login_failures":   "failed-login counts, which lapse after 15 minutes",
	// The first-admin link: the destination makes its own, and refuses it once the
	// copied accounts exist. It may be missing from an older build's schema.
	"setup_token": "each database's own first-admin link",
}

// copyReplaced are the tables the migrations fill: claim_counts with zero counts (the
// counters are copied as they are, since SQLite keeps them in the same transaction as
// every change to the claims they count, so in one snapshot they agree with the
// claims copied; working them out again here would repeat the dashboard's bucket
// rules in SQL), settings with defaults the source may have changed, and health's one
// row.
var copyReplaced = map[string]bool{"claim_counts": true, "settings": true, "health": true}

// copyRebuilt are the destination's tables that are worked out, not copied.
var copyRebuilt = map[string]string{
	// PostgreSQL's search index: one row per claim, which triggers keep on every write.
	// The triggers are off while rows are copied (running them for each of 100,000
	// claims and 200,000 citations takes minutes) and the rows are made in one
	// statement afterwards by the function the triggers call.
	"claims_search": "search index, built from the copied claims",
	// Pages are cached by this number: it moves past the source's and the
	// destination's, so no page an instance rendered from either is taken as current.
	"desk_version": "moved past the source's and the destination's",
}

// searchTriggers are the triggers that keep claims_search, by table: copying rows
// into these tables would fire them once per row.
var searchTriggers = map[string][]string{
	"claims":        {"claims_search_insert"},
	"citations":     {"citations_search_insert"},
	"claim_parties": {"claim_parties_search"},
}

// fts4Shadow are the suffixes of the tables SQLite's FTS4 keeps beside each virtual table.
var fts4Shadow = []string{"content", "segments", "segdir", "docsize", "stat"}

// CopyReport says what a copy did with each table.
type CopyReport struct {
	Tables []TableCopy
	Took   time.Duration
}

// TableCopy is one table of a copy.
type TableCopy struct {
	Name string
	How  string // CopyCopied, CopyReplaced, CopyRebuilt or CopyLeftOut
	Why  string // for rebuilt and left-out tables
	// Rows is the number of rows copied, or held by a rebuilt table after the copy.
	Rows int64
	// Checksum is the SHA-256 of the rows copied, the same on both sides, in hex;
	// empty for tables not copied.
	Checksum string
}

// MismatchError says a table of the destination does not hold what the source holds.
type MismatchError struct {
	Table            string
	FromRows, ToRows int64
	FromSum, ToSum   string
}

func (e *MismatchError) Error() string {
	return fmt.Sprintf("db: copy: %s differs from the source: the source has %d rows (checksum %.12s), the copy %d (checksum %.12s)",
		e.Table, e.FromRows, e.FromSum, e.ToRows, e.ToSum)
}

// NotEmptyError is a copy refused because the destination holds rows already.
type NotEmptyError struct {
	Table string
	Rows  int64
}

func (e *NotEmptyError) Error() string {
	s := "s"
	if e.Rows == 1 {
		s = ""
	}
	return fmt.Sprintf("db: copy: the destination is not empty: %s holds %d row%s; copy only into a new database", e.Table, e.Rows, s)
}

// column is one column of a copied table, with its PostgreSQL type.
type column struct {
	name string
	typ  string // information_schema's data_type
}

// copyTable is one table a copy moves, as the destination declares it.
type copyTable struct {
	name string
	cols []column
	pk   []string
	how  string
}

// copyPlan is what a copy does with each table of the two schemas.
type copyPlan struct {
	copied  []*copyTable
	leftOut []TableCopy
}

// Copy moves the desk in the SQLite database from into the PostgreSQL database to,
// which must hold no rows but those its migrations put there: every table but those
// left out (logins, throttle counts, search indexes, migration records) in one
// transaction, so a copy that fails leaves the destination as it was. Before it
// commits, it checks each table's rows against the source's by count and checksum,
// and moves every id sequence past the ids copied. Progress goes to log.
func Copy(ctx context.Context, from, to *DB, log io.Writer) (*CopyReport, error) {
	start := time.Now()
	if log == nil {
		log = io.Discard
	}
	src, err := snapshot(ctx, from, to)
	if err != nil {
		return nil, err
	}
	defer release(src)
	var report *CopyReport
	err = withPgx(ctx, to, func(conn *pgx.Conn) error {
		tx, err := conn.Begin(ctx)
		if err != nil {
			return err
		}
		defer tx.Rollback(context.WithoutCancel(ctx))
		report, err = copyTx(ctx, src, tx, log)
		if err != nil {
			return err
		}
		return tx.Commit(ctx)
	})
	if err != nil {
		return nil, wrapCopy(err)
	}
	report.Took = time.Since(start)
	return report, nil
}

// VerifyCopy compares every copied table of to with from, by count and checksum, as
// Copy does before it commits: for checking a copy again later, before the desk
// moves over. A table that differs is reported in a *MismatchError.
func VerifyCopy(ctx context.Context, from, to *DB) (*CopyReport, error) {
	start := time.Now()
	src, err := snapshot(ctx, from, to)
	if err != nil {
		return nil, err
	}
	defer release(src)
	var report *CopyReport
	err = withPgx(ctx, to, func(conn *pgx.Conn) error {
		tx, err := conn.BeginTx(ctx, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly})
		if err != nil {
			return err
		}
		defer tx.Rollback(context.WithoutCancel(ctx))
		plan, err := makePlan(ctx, src, tx)
		if err != nil {
			return err
		}
		rebuilt, err := checkRebuilt(ctx, tx)
		if err != nil {
			return err
		}
		report = &CopyReport{Tables: append(plan.leftOut, rebuilt...)}
		for _, t := range plan.copied {
			fromRows, fromSum, err := sumSource(ctx, src, t)
			if err != nil {
				return err
			}
			tc, err := verifyTable(ctx, tx, t, fromRows, fromSum)
			if err != nil {
				return err
			}
			report.Tables = append(report.Tables, tc)
		}
		sortReport(report)
		return nil
	})
	if err != nil {
		return nil, wrapCopy(err)
	}
	report.Took = time.Since(start)
	return report, nil
}

// wrapCopy gives err the package's prefix, unless it is one of the copy's own errors.
func wrapCopy(err error) error {
	var mismatch *MismatchError
	var notEmpty *NotEmptyError
	if errors.As(err, &mismatch) || errors.As(err, &notEmpty) {
		return err
	}
	return fmt.Errorf("db: copy: %w", err)
}

// snapshot checks that from is a SQLite desk and to a PostgreSQL one, and opens a read
// transaction on from, so every table is read as of one moment even while the desk
// keeps writing.
func snapshot(ctx context.Context, from, to *DB) (*sql.Conn, error) {
	if from.dialect != SQLite {
		return nil, errors.New("db: copy: the source must be a SQLite desk")
	}
	if to.dialect != Postgres {
		return nil, errors.New("db: copy: the destination must be a PostgreSQL database")
	}
	sqlDB, err := from.gorm.DB()
	if err != nil {
		return nil, fmt.Errorf("db: copy: %w", err)
	}
	conn, err := sqlDB.Conn(ctx)
	if err != nil {
		return nil, fmt.Errorf("db: copy: %w", err)
	}
	// DEFERRED, not the DSN's immediate: a reader must not hold the write lock.
	if _, err := conn.ExecContext(ctx, "BEGIN DEFERRED"); err != nil {
		conn.Close()
		return nil, fmt.Errorf("db: copy: %w", err)
	}
	// The snapshot begins at the first read.
	if _, err := conn.ExecContext(ctx, "SELECT count(*) FROM sqlite_master"); err != nil {
		conn.Close()
		return nil, fmt.Errorf("db: copy: %w", err)
	}
	return conn, nil
}

// release ends the snapshot and returns its connection to the pool.
func release(conn *sql.Conn) {
	conn.ExecContext(context.Background(), "ROLLBACK")
	conn.Close()
}

// withPgx runs fn on one of to's connections, as pgx sees it (for COPY).
func withPgx(ctx context.Context, to *DB, fn func(*pgx.Conn) error) error {
	sqlDB, err := to.gorm.DB()
	if err != nil {
		return err
	}
	conn, err := sqlDB.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	return conn.Raw(func(dc any) error {
		pc, ok := dc.(interface{ Conn() *pgx.Conn })
		if !ok {
			return fmt.Errorf("connection is %T, not pgx", dc)
		}
		return fn(pc.Conn())
	})
}

// copyTx copies every table from src within tx and verifies them, leaving the commit
// to the caller.
func copyTx(ctx context.Context, src *sql.Conn, tx pgx.Tx, log io.Writer) (*CopyReport, error) {
	step := func(what string, began time.Time) {
		fmt.Fprintf(log, "%s in %s\n", what, time.Since(began).Round(time.Millisecond))
	}
	// Wait at most this long for a running desk's writes to the destination to end;
	// build indexes with more memory than the default 64 MB.
	for _, stmt := range []string{"SET LOCAL lock_timeout = '10s'", "SET LOCAL maintenance_work_mem = '256MB'"} {
		if _, err := tx.Exec(ctx, stmt); err != nil {
			return nil, err
		}
	}
	plan, err := makePlan(ctx, src, tx)
	if err != nil {
		return nil, err
	}
	// No one writes to the destination until the copy ends. (Taking off the indexes
	// below locks out readers too, until the copy commits or rolls back.)
	var names []string
	for _, t := range plan.copied {
		names = append(names, pgx.Identifier{t.name}.Sanitize())
	}
	for _, name := range slices.Sorted(maps.Keys(copyRebuilt)) {
		names = append(names, pgx.Identifier{name}.Sanitize())
	}
	if _, err := tx.Exec(ctx, "LOCK TABLE "+strings.Join(names, ", ")+" IN EXCLUSIVE MODE"); err != nil {
		return nil, err
	}
	if err := checkEmpty(ctx, tx, plan); err != nil {
		return nil, err
	}
	began := time.Now()
	later, err := takeOff(ctx, tx, plan)
	if err != nil {
		return nil, err
	}
	if err := setSearchTriggers(ctx, tx, "DISABLE"); err != nil {
		return nil, err
	}
	step("took off the indexes and foreign keys", began)
	sums := map[string]string{}
	counts := map[string]int64{}
	for _, t := range plan.copied {
		began := time.Now()
		if t.how == CopyReplaced {
			if _, err := tx.Exec(ctx, "DELETE FROM "+pgx.Identifier{t.name}.Sanitize()); err != nil {
				return nil, fmt.Errorf("%s: %w", t.name, err)
			}
		}
		n, sum, err := copyTable1(ctx, src, tx, t)
		if err != nil {
			return nil, err
		}
		counts[t.name], sums[t.name] = n, sum
		step(fmt.Sprintf("copied %s: %d rows", t.name, n), began)
	}
	if err := setSearchTriggers(ctx, tx, "ENABLE"); err != nil {
		return nil, err
	}
	began = time.Now()
	if err := later.putIndexes(ctx, tx, func(table string) bool { _, ok := copyRebuilt[table]; return !ok }); err != nil {
		return nil, err
	}
	step("made the indexes", began)
	began = time.Now()
	// Fresh statistics, so the search index's build and the desk's first queries are
	// planned for the tables' real sizes.
	if _, err := tx.Exec(ctx, "ANALYZE "+strings.Join(names[:len(plan.copied)], ", ")); err != nil {
		return nil, err
	}
	step("analyzed the tables", began)
	began = time.Now()
	rebuilt, err := rebuild(ctx, src, tx)
	if err != nil {
		return nil, err
	}
	if err := later.putIndexes(ctx, tx, func(table string) bool { _, ok := copyRebuilt[table]; return ok }); err != nil {
		return nil, err
	}
	if _, err := tx.Exec(ctx, "ANALYZE "+strings.Join(names[len(plan.copied):], ", ")); err != nil {
		return nil, err
	}
	step("built the search index", began)
	began = time.Now()
	if err := later.putForeignKeys(ctx, tx); err != nil {
		return nil, err
	}
	step("checked the foreign keys", began)
	report := &CopyReport{Tables: append(plan.leftOut, rebuilt...)}
	for _, t := range plan.copied {
		began := time.Now()
		tc, err := verifyTable(ctx, tx, t, counts[t.name], sums[t.name])
		if err != nil {
			return nil, err
		}
		report.Tables = append(report.Tables, tc)
		step("verified "+t.name, began)
	}
	// Last: setval is not undone by a rollback, so it comes after everything that
	// could fail.
	if err := resetSequences(ctx, tx, plan); err != nil {
		return nil, err
	}
	sortReport(report)
	return report, nil
}

// laterDDL is what a copy takes off the destination's tables while their rows go in,
// and puts back afterwards, as pg_restore does: an index built once over 100,000 rows
// costs a fraction of 100,000 insertions into it, and a foreign key added to full
// tables is checked in one join rather than one lookup per row. Primary keys and
// unique constraints stay (foreign keys need them), as do checks.
type laterDDL struct {
	indexes     map[string][]string // CREATE INDEX statements, by table
	foreignKeys []string            // ALTER TABLE ... ADD CONSTRAINT statements
}

// takeOff drops the foreign keys and the indexes that back no constraint of the
// copied and rebuilt tables, and returns how to make them again.
func takeOff(ctx context.Context, tx pgx.Tx, plan *copyPlan) (*laterDDL, error) {
	ours := map[string]bool{}
	for _, t := range plan.copied {
		ours[t.name] = true
	}
	for name := range copyRebuilt {
		ours[name] = true
	}
	later := &laterDDL{indexes: map[string][]string{}}
	var drops []string
	fks, err := query3(ctx, tx, `SELECT t.relname, c.conname, pg_get_constraintdef(c.oid)
		FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid
		WHERE c.contype = 'f' AND t.relnamespace = current_schema()::regnamespace ORDER BY 1, 2`)
	if err != nil {
		return nil, err
	}
	for _, fk := range fks {
		if table, name, def := fk[0], fk[1], fk[2]; ours[table] {
			t, c := pgx.Identifier{table}.Sanitize(), pgx.Identifier{name}.Sanitize()
			drops = append(drops, fmt.Sprintf("ALTER TABLE %s DROP CONSTRAINT %s", t, c))
			later.foreignKeys = append(later.foreignKeys, fmt.Sprintf("ALTER TABLE %s ADD CONSTRAINT %s %s", t, c, def))
		}
	}
	indexes, err := query3(ctx, tx, `SELECT t.relname, i.relname, pg_get_indexdef(x.indexrelid)
		FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
		WHERE t.relnamespace = current_schema()::regnamespace
		AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid AND c.conrelid = x.indrelid)
		ORDER BY 1, 2`)
	if err != nil {
		return nil, err
	}
	for _, ix := range indexes {
		if table, name, def := ix[0], ix[1], ix[2]; ours[table] {
			drops = append(drops, "DROP INDEX "+pgx.Identifier{name}.Sanitize())
			later.indexes[table] = append(later.indexes[table], def)
		}
	}
	for _, stmt := range drops {
		if _, err := tx.Exec(ctx, stmt); err != nil {
			return nil, fmt.Errorf("%s: %w", stmt, err)
		}
	}
	return later, nil
}

// putIndexes makes again the indexes taken off the tables for which which is true.
func (l *laterDDL) putIndexes(ctx context.Context, tx pgx.Tx, which func(table string) bool) error {
	for _, table := range slices.Sorted(maps.Keys(l.indexes)) {
		if !which(table) {
			continue
		}
		for _, stmt := range l.indexes[table] {
			if _, err := tx.Exec(ctx, stmt); err != nil {
				return fmt.Errorf("%s: %w", stmt, err)
			}
		}
	}
	return nil
}

// putForeignKeys adds the foreign keys back, each checked against every row copied.
func (l *laterDDL) putForeignKeys(ctx context.Context, tx pgx.Tx) error {
	for _, stmt := range l.foreignKeys {
		if _, err := tx.Exec(ctx, stmt); err != nil {
			return fmt.Errorf("%s: %w", stmt, err)
		}
	}
	return nil
}

// sortReport lists the copied tables, then the rebuilt, then those left out, each by name.
func sortReport(r *CopyReport) {
	rank := map[string]int{CopyCopied: 0, CopyReplaced: 0, CopyRebuilt: 1, CopyLeftOut: 2}
	slices.SortFunc(r.Tables, func(a, b TableCopy) int {
		if d := rank[a.How] - rank[b.How]; d != 0 {
			return d
		}
		return strings.Compare(a.Name, b.Name)
	})
}

// makePlan reads both schemas and decides what becomes of each table: every table is
// copied unless it is left out or rebuilt, and a table found on one side only stops
// the copy, since its rows would be lost or its contents unknown.
func makePlan(ctx context.Context, src *sql.Conn, tx pgx.Tx) (*copyPlan, error) {
	srcTables, err := sourceTables(ctx, src)
	if err != nil {
		return nil, err
	}
	dstCols, err := destColumns(ctx, tx)
	if err != nil {
		return nil, err
	}
	pks, err := destKeys(ctx, tx)
	if err != nil {
		return nil, err
	}
	plan := &copyPlan{}
	tables := map[string]*copyTable{}
	for _, name := range slices.Sorted(maps.Keys(srcTables)) {
		if kind := srcTables[name]; kind != "" {
			plan.leftOut = append(plan.leftOut, TableCopy{Name: name, How: CopyLeftOut, Why: kind})
			continue
		}
		if why, ok := copyLeftOut[name]; ok {
			plan.leftOut = append(plan.leftOut, TableCopy{Name: name, How: CopyLeftOut, Why: why})
			continue
		}
		if _, ok := copyRebuilt[name]; ok {
			continue // listed with the destination's tables below
		}
		cols, ok := dstCols[name]
		if !ok {
			return nil, fmt.Errorf("the SQLite desk has a table %s that PostgreSQL lacks; copy or leave it out explicitly", name)
		}
		how := CopyCopied
		if copyReplaced[name] {
			how = CopyReplaced
		}
		t := &copyTable{name: name, cols: cols, pk: pks[name], how: how}
		if err := matchColumns(ctx, src, t); err != nil {
			return nil, err
		}
		if len(t.pk) == 0 {
			for _, c := range cols {
				t.pk = append(t.pk, c.name)
			}
		}
		tables[name] = t
	}
	for _, name := range slices.Sorted(maps.Keys(dstCols)) {
		_, inSource := srcTables[name]
		_, rebuilt := copyRebuilt[name]
		why, leftOut := copyLeftOut[name]
		switch {
		case inSource || rebuilt:
		case leftOut:
			plan.leftOut = append(plan.leftOut, TableCopy{Name: name, How: CopyLeftOut, Why: why})
		default:
			return nil, fmt.Errorf("PostgreSQL has a table %s that the SQLite desk lacks; copy, rebuild or leave it out explicitly", name)
		}
	}
	for _, name := range slices.Sorted(maps.Keys(copyRebuilt)) {
		if _, ok := dstCols[name]; !ok {
			return nil, fmt.Errorf("PostgreSQL lacks the table %s that the copy rebuilds", name)
		}
	}
	// By name: the foreign keys are off while the rows go in (see laterDDL).
	for _, name := range slices.Sorted(maps.Keys(tables)) {
		plan.copied = append(plan.copied, tables[name])
	}
	return plan, nil
}

// sourceTables returns the SQLite desk's tables, each with "" or, for the tables a
// copy leaves out by their kind, why: SQLite's own tables and full-text indexes.
func sourceTables(ctx context.Context, src *sql.Conn) (map[string]string, error) {
	rows, err := src.QueryContext(ctx, "SELECT name, coalesce(sql, '') FROM sqlite_master WHERE type = 'table'")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]string{}
	var virtual []string
	for rows.Next() {
		var name, stmt string
		if err := rows.Scan(&name, &stmt); err != nil {
			return nil, err
		}
		out[name] = ""
		switch {
		case strings.HasPrefix(name, "sqlite_"):
			out[name] = "SQLite's own"
		case strings.HasPrefix(strings.ToUpper(stmt), "CREATE VIRTUAL TABLE"):
			// A virtual table here is a full-text index: PostgreSQL searches with its own.
			virtual = append(virtual, name)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for _, v := range virtual {
		out[v] = "SQLite's search index"
		for _, suffix := range fts4Shadow {
			if _, ok := out[v+"_"+suffix]; ok {
				out[v+"_"+suffix] = "SQLite's search index"
			}
		}
	}
	return out, nil
}

// destColumns returns the columns of every table of the destination's schema.
func destColumns(ctx context.Context, tx pgx.Tx) (map[string][]column, error) {
	rows, err := query3(ctx, tx, `SELECT c.table_name, c.column_name, c.data_type
		FROM information_schema.columns c JOIN information_schema.tables t USING (table_schema, table_name)
		WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE'
		ORDER BY c.table_name, c.ordinal_position`)
	if err != nil {
		return nil, err
	}
	out := map[string][]column{}
	for _, r := range rows {
		out[r[0]] = append(out[r[0]], column{name: r[1], typ: r[2]})
	}
	return out, nil
}

// query3 returns the rows of a catalog query of three text columns.
func query3(ctx context.Context, tx pgx.Tx, q string) ([][3]string, error) {
	rows, err := tx.Query(ctx, q)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, func(r pgx.CollectableRow) ([3]string, error) {
		var v [3]string
		err := r.Scan(&v[0], &v[1], &v[2])
		return v, err
	})
}

// destKeys returns the primary key columns of every table of the destination's schema.
func destKeys(ctx context.Context, tx pgx.Tx) (map[string][]string, error) {
	rows, err := tx.Query(ctx, `SELECT t.relname, a.attname
		FROM pg_index i
		JOIN pg_class t ON t.oid = i.indrelid
		JOIN unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord) ON true
		JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
		WHERE i.indisprimary AND t.relnamespace = current_schema()::regnamespace
		ORDER BY t.relname, k.ord`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string][]string{}
	for rows.Next() {
		var table, col string
		if err := rows.Scan(&table, &col); err != nil {
			return nil, err
		}
		out[table] = append(out[table], col)
	}
	return out, rows.Err()
}

// matchColumns checks that the SQLite table has exactly the destination's columns,
// so no column's data is left behind or made up.
func matchColumns(ctx context.Context, src *sql.Conn, t *copyTable) error {
	rows, err := src.QueryContext(ctx, "SELECT name FROM pragma_table_info(?)", t.name)
	if err != nil {
		return err
	}
	defer rows.Close()
	have := map[string]bool{}
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			return err
		}
		have[name] = true
	}
	if err := rows.Err(); err != nil {
		return err
	}
	for _, c := range t.cols {
		if !have[c.name] {
			return fmt.Errorf("%s.%s is in PostgreSQL's schema but not in the SQLite desk's", t.name, c.name)
		}
		delete(have, c.name)
	}
	if len(have) > 0 {
		return fmt.Errorf("%s.%s is in the SQLite desk's schema but not in PostgreSQL's", t.name, slices.Sorted(maps.Keys(have))[0])
	}
	return nil
}

// checkEmpty refuses a destination that holds rows in any copied or rebuilt table,
// but for the rows its migrations put in the tables copyReplaced names.
func checkEmpty(ctx context.Context, tx pgx.Tx, plan *copyPlan) error {
	names := []string{}
	for _, t := range plan.copied {
		if t.how == CopyCopied {
			names = append(names, t.name)
		}
	}
	names = append(names, "claims_search")
	for _, name := range names {
		var n int64
		if err := tx.QueryRow(ctx, "SELECT count(*) FROM "+pgx.Identifier{name}.Sanitize()).Scan(&n); err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		if n > 0 {
			return &NotEmptyError{Table: name, Rows: n}
		}
	}
	return nil
}

// setSearchTriggers disables or enables the triggers that keep the search index.
func setSearchTriggers(ctx context.Context, tx pgx.Tx, op string) error {
	for _, table := range slices.Sorted(maps.Keys(searchTriggers)) {
		for _, trigger := range searchTriggers[table] {
			stmt := fmt.Sprintf("ALTER TABLE %s %s TRIGGER %s", pgx.Identifier{table}.Sanitize(), op, pgx.Identifier{trigger}.Sanitize())
			if _, err := tx.Exec(ctx, stmt); err != nil {
				return fmt.Errorf("%s trigger %s on %s: %w", strings.ToLower(op), trigger, table, err)
			}
		}
	}
	return nil
}

// copyTable1 copies one table with COPY and returns how many rows went in and their
// checksum.
func copyTable1(ctx context.Context, src *sql.Conn, tx pgx.Tx, t *copyTable) (int64, string, error) {
	rs, err := readSource(ctx, src, t)
	if err != nil {
		return 0, "", err
	}
	defer rs.rows.Close()
	names := make([]string, len(t.cols))
	for i, c := range t.cols {
		names[i] = c.name
	}
	n, err := tx.CopyFrom(ctx, pgx.Identifier{t.name}, names, rs)
	if err != nil {
		return 0, "", fmt.Errorf("%s: %w", t.name, err)
	}
	if n != rs.sum.rows {
		return 0, "", fmt.Errorf("%s: COPY took %d rows of %d", t.name, n, rs.sum.rows)
	}
	return n, rs.sum.hex(), nil
}

// sumSource reads a table of the source and returns its count and checksum.
func sumSource(ctx context.Context, src *sql.Conn, t *copyTable) (int64, string, error) {
	rs, err := readSource(ctx, src, t)
	if err != nil {
		return 0, "", err
	}
	defer rs.rows.Close()
	for rs.Next() {
	}
	if err := rs.Err(); err != nil {
		return 0, "", err
	}
	return rs.sum.rows, rs.sum.hex(), nil
}

// verifyTable reads a table of the destination back and compares its count and
// checksum with the source's.
func verifyTable(ctx context.Context, tx pgx.Tx, t *copyTable, fromRows int64, fromSum string) (TableCopy, error) {
	names := make([]string, len(t.cols))
	for i, c := range t.cols {
		names[i] = pgx.Identifier{c.name}.Sanitize()
	}
	rows, err := tx.Query(ctx, fmt.Sprintf("SELECT %s FROM %s ORDER BY %s",
		strings.Join(names, ", "), pgx.Identifier{t.name}.Sanitize(), orderBy(t, `COLLATE "C"`)))
	if err != nil {
		return TableCopy{}, fmt.Errorf("%s: %w", t.name, err)
	}
	defer rows.Close()
	sum := newChecksum()
	for rows.Next() {
		vals, err := rows.Values()
		if err != nil {
			return TableCopy{}, fmt.Errorf("%s: %w", t.name, err)
		}
		if err := sum.add(t, vals); err != nil {
			return TableCopy{}, err
		}
	}
	if err := rows.Err(); err != nil {
		return TableCopy{}, fmt.Errorf("%s: %w", t.name, err)
	}
	toSum := sum.hex()
	if sum.rows != fromRows || toSum != fromSum {
		return TableCopy{}, &MismatchError{Table: t.name, FromRows: fromRows, ToRows: sum.rows, FromSum: fromSum, ToSum: toSum}
	}
	return TableCopy{Name: t.name, How: t.how, Rows: sum.rows, Checksum: toSum}, nil
}

// orderBy is the ORDER BY list that walks t by its primary key, each text column
// compared byte by byte (collate is how the dialect says so), so both sides list
// the rows in one order whatever the database's collation.
func orderBy(t *copyTable, collate string) string {
	types := map[string]string{}
	for _, c := range t.cols {
		types[c.name] = c.typ
	}
	parts := make([]string, len(t.pk))
	for i, k := range t.pk {
		parts[i] = pgx.Identifier{k}.Sanitize()
		if types[k] == "text" || types[k] == "character varying" {
			parts[i] += " " + collate
		}
	}
	return strings.Join(parts, ", ")
}

// rebuild works out the rebuilt tables on the destination, once the rows are in.
func rebuild(ctx context.Context, src *sql.Conn, tx pgx.Tx) ([]TableCopy, error) {
	// The function the search triggers call, for every claim at once.
	if _, err := tx.Exec(ctx, "SELECT claims_search_refresh(array_agg(id)) FROM claims"); err != nil {
		return nil, fmt.Errorf("claims_search: %w", err)
	}
	var fromVersion int64
	if err := src.QueryRowContext(ctx, "SELECT n FROM desk_version WHERE id = 1").Scan(&fromVersion); err != nil {
		return nil, fmt.Errorf("desk_version: %w", err)
	}
	if _, err := tx.Exec(ctx, "UPDATE desk_version SET n = greatest(n, $1) + 1 WHERE id = 1", fromVersion); err != nil {
		return nil, fmt.Errorf("desk_version: %w", err)
	}
	return checkRebuilt(ctx, tx)
}

// checkRebuilt checks that the search index holds every claim, and reports the
// rebuilt tables.
func checkRebuilt(ctx context.Context, tx pgx.Tx) ([]TableCopy, error) {
	var claims, indexed, version int64
	err := tx.QueryRow(ctx, `SELECT (SELECT count(*) FROM claims), (SELECT count(*) FROM claims_search),
		(SELECT n FROM desk_version WHERE id = 1)`).Scan(&claims, &indexed, &version)
	if err != nil {
		return nil, err
	}
	if claims != indexed {
		return nil, fmt.Errorf("the search index holds %d claims of %d", indexed, claims)
	}
	return []TableCopy{
		{Name: "claims_search", How: CopyRebuilt, Why: copyRebuilt["claims_search"], Rows: indexed},
		{Name: "desk_version", How: CopyRebuilt, Why: fmt.Sprintf("%s, to %d", copyRebuilt["desk_version"], version), Rows: 1},
	}, nil
}

// resetSequences moves every sequence that fills a column of a copied table (identity
// or serial) past the largest value copied, so the desk's next insert takes a new id.
func resetSequences(ctx context.Context, tx pgx.Tx, plan *copyPlan) error {
	for _, t := range plan.copied {
		for _, c := range t.cols {
			var seq *string
			err := tx.QueryRow(ctx, "SELECT pg_get_serial_sequence($1, $2)", pgx.Identifier{t.name}.Sanitize(), c.name).Scan(&seq)
			if err != nil {
				return fmt.Errorf("%s.%s: %w", t.name, c.name, err)
			}
			if seq == nil {
				continue
			}
			stmt := fmt.Sprintf("SELECT setval($1, coalesce((SELECT max(%s) FROM %s), 0) + 1, false)",
				pgx.Identifier{c.name}.Sanitize(), pgx.Identifier{t.name}.Sanitize())
			if _, err := tx.Exec(ctx, stmt, *seq); err != nil {
				return fmt.Errorf("sequence of %s.%s: %w", t.name, c.name, err)
			}
		}
	}
	return nil
}

// sourceRows streams one table of the SQLite snapshot, ordered by primary key, each
// value converted to its destination column's type, and hashes the rows as they pass:
// a pgx.CopyFromSource.
type sourceRows struct {
	t    *copyTable
	rows *sql.Rows
	raw  []any
	ptrs []any
	vals []any
	sum  *checksum
	err  error
}

// readSource starts reading t from the snapshot.
func readSource(ctx context.Context, src *sql.Conn, t *copyTable) (*sourceRows, error) {
	exprs := make([]string, len(t.cols))
	for i, c := range t.cols {
		exprs[i] = pgx.Identifier{c.name}.Sanitize()
		if c.typ == "timestamp with time zone" || c.typ == "date" || c.typ == "boolean" {
			// An expression has no declared type, so the driver hands the stored value
			// over as it is instead of guessing (a time it cannot parse would become
			// year 1 without an error).
			exprs[i] = "+" + exprs[i]
		}
	}
	rows, err := src.QueryContext(ctx, fmt.Sprintf("SELECT %s FROM %s ORDER BY %s",
		strings.Join(exprs, ", "), pgx.Identifier{t.name}.Sanitize(), orderBy(t, "COLLATE BINARY")))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", t.name, err)
	}
	rs := &sourceRows{t: t, rows: rows, raw: make([]any, len(t.cols)), ptrs: make([]any, len(t.cols)),
		vals: make([]any, len(t.cols)), sum: newChecksum()}
	for i := range rs.raw {
		rs.ptrs[i] = &rs.raw[i]
	}
	return rs, nil
}

func (r *sourceRows) Next() bool {
	if r.err != nil || !r.rows.Next() {
		return false
	}
	if err := r.rows.Scan(r.ptrs...); err != nil {
		r.err = fmt.Errorf("%s: %w", r.t.name, err)
		return false
	}
	for i, c := range r.t.cols {
		v, err := convert(r.raw[i], c.typ)
		if err != nil {
			r.err = fmt.Errorf("%s.%s, row %d by primary key: %w", r.t.name, c.name, r.sum.rows+1, err)
			return false
		}
		r.vals[i] = v
	}
	if err := r.sum.add(r.t, r.vals); err != nil {
		r.err = err
		return false
	}
	return true
}

func (r *sourceRows) Values() ([]any, error) { return r.vals, nil }

func (r *sourceRows) Err() error {
	if r.err != nil {
		return r.err
	}
	return r.rows.Err()
}

// convert turns a value as SQLite stores it into the Go value for a PostgreSQL column
// of type typ: SQLite keeps booleans as 0 and 1 and times as text, and any column may
// hold any type. Times are cut to microseconds, as PostgreSQL keeps them.
func convert(v any, typ string) (any, error) {
	if v == nil {
		return nil, nil
	}
	if b, ok := v.([]byte); ok && typ != "bytea" {
		v = string(b)
	}
	switch typ {
	case "bigint", "integer", "smallint":
		switch x := v.(type) {
		case int64:
			return x, nil
		case float64:
			if x == float64(int64(x)) {
				return int64(x), nil
			}
		case bool:
			if x {
				return int64(1), nil
			}
			return int64(0), nil
		case string:
			if n, err := strconv.ParseInt(x, 10, 64); err == nil {
				return n, nil
			}
		}
	case "double precision":
		switch x := v.(type) {
		case float64:
			return x, nil
		case int64:
			return float64(x), nil
		case string:
			if f, err := strconv.ParseFloat(x, 64); err == nil {
				return f, nil
			}
		}
	case "boolean":
		switch x := v.(type) {
		case bool:
			return x, nil
		case int64:
			if x == 0 || x == 1 {
				return x == 1, nil
			}
		case string:
			if b, err := strconv.ParseBool(x); err == nil {
				return b, nil
			}
		}
	case "text", "character varying":
		switch x := v.(type) {
		case string:
			if utf8.ValidString(x) && !strings.ContainsRune(x, 0) {
				return x, nil
			}
		case int64:
			return strconv.FormatInt(x, 10), nil
		case float64:
			return strconv.FormatFloat(x, 'g', -1, 64), nil
		}
	case "timestamp with time zone", "date":
		t, err := sqliteTime(v)
		if err != nil {
			return nil, err
		}
		if typ == "date" {
			return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC), nil
		}
		return t.UTC().Truncate(time.Microsecond), nil
	case "bytea":
		switch x := v.(type) {
		case []byte:
			return x, nil
		case string:
			return []byte(x), nil
		}
	default:
		return nil, fmt.Errorf("no conversion to %s", typ)
	}
	return nil, fmt.Errorf("cannot store %T %.40q as %s", v, fmt.Sprint(v), typ)
}

// sqliteTime reads a time as the driver writes one (text in one of its formats), or
// as a Unix time in seconds or milliseconds, the way the driver reads integers.
func sqliteTime(v any) (time.Time, error) {
	switch x := v.(type) {
	case time.Time:
		return x, nil
	case int64:
		if x > 1e12 || x < -1e12 {
			return time.UnixMilli(x).UTC(), nil
		}
		return time.Unix(x, 0).UTC(), nil
	case string:
		s := strings.TrimSuffix(x, "Z")
		for _, layout := range sqlite3.SQLiteTimestampFormats {
			if t, err := time.ParseInLocation(layout, s, time.UTC); err == nil {
				return t, nil
			}
		}
	}
	return time.Time{}, fmt.Errorf("cannot read %T %.40q as a time", v, fmt.Sprint(v))
}

// checksum hashes a table's rows in order, each value in one canonical form whether
// it came from SQLite (converted) or from PostgreSQL.
type checksum struct {
	h    hash.Hash
	rows int64
	buf  []byte
}

func newChecksum() *checksum { return &checksum{h: sha256.New()} }

// add hashes one row: per value, a NULL mark, or a length and the value's text.
func (c *checksum) add(t *copyTable, vals []any) error {
	c.buf = c.buf[:0]
	for i, v := range vals {
		if v == nil {
			c.buf = append(c.buf, 0)
			continue
		}
		c.buf = append(c.buf, 1)
		text, err := canonical(v, t.cols[i].typ)
		if err != nil {
			return fmt.Errorf("%s.%s: %w", t.name, t.cols[i].name, err)
		}
		c.buf = binary.AppendUvarint(c.buf, uint64(len(text)))
		c.buf = append(c.buf, text...)
	}
	c.h.Write(c.buf)
	c.rows++
	return nil
}

func (c *checksum) hex() string { return hex.EncodeToString(c.h.Sum(nil)) }

// canonical is the text a checksum takes for a value of a column of type typ.
func canonical(v any, typ string) (string, error) {
	switch x := v.(type) {
	case int64:
		return strconv.FormatInt(x, 10), nil
	case int32:
		return strconv.FormatInt(int64(x), 10), nil
	case int16:
		return strconv.FormatInt(int64(x), 10), nil
	case float64:
		return strconv.FormatFloat(x, 'g', -1, 64), nil
	case bool:
		return strconv.FormatBool(x), nil
	case string:
		return x, nil
	case []byte:
		return string(x), nil
	case time.Time:
		if typ == "date" {
			return x.Format(time.DateOnly), nil
		}
		return x.UTC().Format("2006-01-02T15:04:05.000000Z"), nil
	}
	return "", fmt.Errorf("no checksum for %T in a %s column", v, typ)
}
