package db_test

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"claimdesk/internal/db"
	"claimdesk/internal/db/dbtest"
)

// TestMigrationVersionsMatch checks that the SQLite and PostgreSQL folders hold the
// same migration versions, so a desk on either engine reports the same schema.
func TestMigrationVersionsMatch(t *testing.T) {
	versions := func(folder string) []string {
		files, err := fs.Glob(os.DirFS("migrations/"+folder), "*.sql")
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, f := range files {
			v, _, _ := strings.Cut(filepath.Base(f), "_")
			out = append(out, v)
		}
		return out
	}
	lite, pg := versions("sqlite"), versions("postgres")
	if len(lite) == 0 || !slices.Equal(lite, pg) {
		t.Errorf("migration versions differ:\nsqlite   %v\npostgres %v", lite, pg)
	}
}

// TestSchemasMatch checks that every table and column of a migrated SQLite database
// exists in a migrated PostgreSQL one and the other way round, leaving out each
// engine's own search tables. It compares against PostgreSQL when
// CLAIMDESK_TEST_POSTGRES names one (CI's second run); without it there is only one
// engine to look at, and it checks that the SQLite schema reads.
func TestSchemasMatch(t *testing.T) {
	ctx := context.Background()
	lite, err := db.Open(ctx, filepath.Join(t.TempDir(), "schema.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer lite.Close()
	var liteCols []string
	err = lite.Read(ctx).Raw(`SELECT m.name || '.' || p.name FROM sqlite_master m, pragma_table_info(m.name) p
		WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name NOT LIKE '%_fts%' AND m.name <> 'goose_db_version'
		ORDER BY 1`).Scan(&liteCols).Error
	if err != nil || len(liteCols) == 0 {
		t.Fatalf("SQLite columns: %v (%d)", err, len(liteCols))
	}
	if dbtest.Postgres() == "" {
		t.Logf("%s unset: %d SQLite columns read, none compared", dbtest.PostgresEnv, len(liteCols))
		return
	}
	pg := dbtest.Open(t)
	var pgCols []string
	err = pg.Read(ctx).Raw(`SELECT table_name || '.' || column_name FROM information_schema.columns
		WHERE table_schema = current_schema() AND table_name NOT IN ('claims_search', 'claims_search_doc', 'goose_db_version')
		ORDER BY 1`).Scan(&pgCols).Error
	if err != nil {
		t.Fatal(err)
	}
	liteCols = slices.DeleteFunc(liteCols, func(c string) bool { return strings.HasPrefix(c, "claims_search_doc.") })
	for _, c := range liteCols {
		if !slices.Contains(pgCols, c) {
			t.Errorf("%s is in SQLite's schema, not in PostgreSQL's", c)
		}
	}
	for _, c := range pgCols {
		if !slices.Contains(liteCols, c) {
			t.Errorf("%s is in PostgreSQL's schema, not in SQLite's", c)
		}
	}
}
