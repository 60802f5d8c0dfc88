package db_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"
	"time"

	"claimdesk/internal/auth"
	"claimdesk/internal/claims"
	"claimdesk/internal/db"
	"claimdesk/internal/db/dbtest"
	"claimdesk/internal/demo"
)

// copyPassword is the demo accounts' password in the copy tests.
const copyPassword = "copy test password"

// needPostgres reports whether there is a PostgreSQL database to copy into.
func needPostgres(t *testing.T) bool {
	t.Helper()
	return dbtest.NeedPostgres(t, "a copy needs PostgreSQL to copy into")
}

// demoDesk opens a SQLite desk holding the demo data, with a comment that tells a
// person they are named in it, a saved view, a visit to the activity page and a login.
func demoDesk(t *testing.T) *db.DB {
	t.Helper()
	ctx := context.Background()
	d := dbtest.OpenSQLite(t)
	cs, as := claims.NewService(d), auth.NewService(d)
	if _, err := demo.Load(ctx, cs, as, copyPassword); err != nil {
		t.Fatalf("load the demo: %v", err)
	}
	editor, err := as.UserByEmail(ctx, "editor@demo.test")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := cs.AddComment(ctx, editor.ID, 1, "Checked with the wire desk, @viewer."); err != nil {
		t.Fatalf("comment: %v", err)
	}
	if _, err := cs.SaveView(ctx, editor.ID, "Iraq", "country=Iraq"); err != nil {
		t.Fatalf("save a view: %v", err)
	}
	if err := cs.MarkVisited(ctx, editor.ID, time.Now()); err != nil {
		t.Fatalf("mark a visit: %v", err)
	}
	if _, err := as.StartSession(ctx, editor.ID); err != nil {
		t.Fatalf("log in: %v", err)
	}
	return d
}

// count returns the number of rows in table.
func count(t *testing.T, d *db.DB, table string) int64 {
	t.Helper()
	var n int64
	if err := d.Gorm().Table(table).Count(&n).Error; err != nil {
		t.Fatalf("count %s: %v", table, err)
	}
	return n
}

// tables lists the tables of d's schema.
func tables(t *testing.T, d *db.DB) []string {
	t.Helper()
	q := "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY 1"
	if d.Dialect() == db.Postgres {
		q = "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY 1"
	}
	var out []string
	if err := d.Gorm().Raw(q).Scan(&out).Error; err != nil {
		t.Fatal(err)
	}
	return out
}

// catalog describes the destination's indexes, constraints and triggers (with whether
// each is enabled), which a copy takes off and puts back.
func catalog(t *testing.T, d *db.DB) string {
	t.Helper()
	var lines []string
	err := d.Gorm().Raw(`SELECT 'index ' || indexdef FROM pg_indexes WHERE schemaname = current_schema()
		UNION ALL SELECT 'constraint ' || conrelid::regclass || ' ' || conname || ' ' || pg_get_constraintdef(oid)
			FROM pg_constraint WHERE connamespace = current_schema()::regnamespace
		UNION ALL SELECT 'trigger ' || tgrelid::regclass || ' ' || tgname || ' ' || tgenabled::text
			FROM pg_trigger WHERE NOT tgisinternal AND tgrelid IN (SELECT oid FROM pg_class WHERE relnamespace = current_schema()::regnamespace)
		ORDER BY 1`).Scan(&lines).Error
	if err != nil {
		t.Fatal(err)
	}
	if len(lines) < 50 {
		t.Fatalf("the catalog lists %d indexes, constraints and triggers; is this the desk's schema?", len(lines))
	}
	return strings.Join(lines, "\n")
}

// claimLine is what the dashboard shows of a claim, times to the microsecond that
// PostgreSQL keeps.
func claimLine(c claims.Claim) string {
	at := func(t *time.Time) string {
		if t == nil {
			return "-"
		}
		return t.UTC().Truncate(time.Microsecond).Format(time.RFC3339Nano)
	}
	return fmt.Sprintf("%d %q %s %s %s/%s/%s %s contested=%v confirmed=%v denied=%v sources=%d reported=%s responded=%s v%d r%d reasons=%d",
		c.ID, c.Title, c.OccurredOn.Format(time.DateOnly), c.Verdict, c.OccurredState, c.ResponsibilityState, c.ResponseState,
		c.SuggestedVerdict, c.Contested, c.OfficiallyConfirmed, c.OfficiallyDenied, c.SourceCount,
		at(c.FirstReportedAt), at(c.RespondedAt), c.Version, c.Revision, len(c.ContestReasons))
}

// desk is what a person reads of a desk through the claims service: the dashboard,
// its counts, each claim's evidence, citations, history and comments, and searches.
func desk(t *testing.T, d *db.DB) map[string]string {
	t.Helper()
	ctx := context.Background()
	cs := claims.NewService(d)
	out := map[string]string{}
	page, err := cs.List(ctx, claims.Filter{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, c := range page.Claims {
		lines = append(lines, claimLine(c))
		det, err := cs.Detail(ctx, c.ID)
		if err != nil {
			t.Fatalf("claim %d: %v", c.ID, err)
		}
		evidence, err := json.Marshal(det.Evidence)
		if err != nil {
			t.Fatal(err)
		}
		comments, err := cs.Comments(ctx, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		var bodies []string
		for _, cm := range comments {
			bodies = append(bodies, cm.Body)
		}
		var cites []string
		for _, ct := range det.Citations {
			cites = append(cites, fmt.Sprintf("%d %d %s %q", ct.ID, ct.SourceID, ct.Stance, ct.Quote))
		}
		key := fmt.Sprintf("claim %d", c.ID)
		out[key+" evidence"] = string(evidence)
		out[key+" citations"] = strings.Join(cites, "\n")
		out[key+" history"] = fmt.Sprint(len(det.History), len(det.Verdicts), len(det.Reviews))
		out[key+" comments"] = strings.Join(bodies, "\n")
	}
	out["dashboard"] = strings.Join(lines, "\n")
	counts, err := cs.Count(ctx, claims.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	out["counts"] = fmt.Sprint(counts.Total, counts.ByBucket)
	for _, q := range []string{"tanf", "drone", "Mayadeen", "Kataib Hezbollah"} {
		p, err := cs.List(ctx, claims.Filter{Query: q}, nil)
		if err != nil {
			t.Fatalf("search %q: %v", q, err)
		}
		var ids []int64
		for _, c := range p.Claims {
			ids = append(ids, c.ID)
		}
		out["search "+q] = fmt.Sprint(p.Total, ids)
	}
	return out
}

// TestCopyDemoDesk copies the demo desk into PostgreSQL: a person reads the same
// claims, counts, evidence, comments and search results there; logins stay behind;
// every table of both schemas is accounted for; and the next rows saved there take
// new ids.
func TestCopyDemoDesk(t *testing.T) {
	if !needPostgres(t) {
		return
	}
	t.Parallel()
	ctx := context.Background()
	from, to := demoDesk(t), dbtest.Open(t)
	before, err := claims.NewService(to).Version(ctx)
	if err != nil {
		t.Fatal(err)
	}
	schema := catalog(t, to)
	var progress strings.Builder
	rep, err := db.Copy(ctx, from, to, &progress)
	if err != nil {
		t.Fatalf("copy: %v\n%s", err, progress.String())
	}

	if after := catalog(t, to); after != schema {
		t.Errorf("the copy left the schema's indexes, constraints and triggers as\n%s\nwant\n%s", after, schema)
	}
	want, got := desk(t, from), desk(t, to)
	for _, k := range slices.Sorted(maps.Keys(want)) {
		if got[k] != want[k] {
			t.Errorf("%s on PostgreSQL:\n%s\nwant, as on SQLite:\n%s", k, got[k], want[k])
		}
	}
	for _, q := range []string{"search tanf", "search Mayadeen"} {
		if strings.HasPrefix(want[q], "0 ") {
			t.Errorf("%s on the demo found %s, want claims, so the comparison means something", q, want[q])
		}
	}

	byName := map[string]db.TableCopy{}
	for _, tc := range rep.Tables {
		byName[tc.Name] = tc
	}
	for _, d := range []*db.DB{from, to} {
		for _, name := range tables(t, d) {
			if _, ok := byName[name]; !ok {
				t.Errorf("the report does not say what became of %s's table %s", d.Dialect(), name)
			}
		}
	}
	for _, name := range []string{"users", "sources", "parties", "claims", "citations", "claim_parties", "claim_history", "comments", "notifications", "saved_views", "activity_marks", "claim_counts", "settings"} {
		tc := byName[name]
		if tc.How != db.CopyCopied && tc.How != db.CopyReplaced {
			t.Errorf("%s: %s, want it copied", name, tc.How)
		}
		if n := count(t, from, name); n == 0 || tc.Rows != n || count(t, to, name) != n || len(tc.Checksum) != 64 {
			t.Errorf("%s: report says %d rows (checksum %q), SQLite holds %d, PostgreSQL %d; want the same, not none", name, tc.Rows, tc.Checksum, n, count(t, to, name))
		}
	}
	for _, name := range []string{"sessions", "goose_db_version", "claims_fts", "claims_fts_content", "sqlite_sequence"} {
		if byName[name].How != db.CopyLeftOut {
			t.Errorf("%s: %q, want it left out", name, byName[name].How)
		}
	}
	if n := count(t, from, "sessions"); n != 1 {
		t.Errorf("the source holds %d sessions, want the one login", n)
	}
	if n := count(t, to, "sessions"); n != 0 {
		t.Errorf("the copy holds %d sessions, want none: people log in again", n)
	}
	if n := count(t, to, "claims_search"); n != count(t, from, "claims") {
		t.Errorf("the search index holds %d claims of %d", n, count(t, from, "claims"))
	}
	after, err := claims.NewService(to).Version(ctx)
	if err != nil {
		t.Fatal(err)
	}
	fromVersion, err := claims.NewService(from).Version(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if after <= before || after <= fromVersion {
		t.Errorf("the desk version is %d after the copy, want past the destination's %d and the source's %d", after, before, fromVersion)
	}

	// The next rows saved on PostgreSQL take ids past the copied ones.
	cs, as := claims.NewService(to), auth.NewService(to)
	editor, err := as.Authenticate(ctx, "editor@demo.test", copyPassword)
	if err != nil {
		t.Fatalf("log in on the copy with the password set on SQLite: %v", err)
	}
	c := &claims.Claim{Title: "Drone attack after the move to PostgreSQL", Country: "Syria", Place: "al-Tanf garrison",
		OccurredOn: time.Date(2023, 10, 20, 0, 0, 0, 0, time.UTC), DatePrecision: "day", AttackType: "drone"}
	if err := cs.CreateClaim(ctx, editor.ID, c); err != nil {
		t.Fatalf("save a claim on the copy: %v", err)
	}
	if want := count(t, from, "claims") + 1; c.ID != want {
		t.Errorf("the first claim saved on the copy has id %d, want %d", c.ID, want)
	}
	if _, err := cs.AddComment(ctx, editor.ID, c.ID, "First comment on PostgreSQL."); err != nil {
		t.Errorf("comment on the copy: %v", err)
	}
	if _, err := as.CreateUser(ctx, auth.NewUser{Email: "new@demo.test", Name: "New", Role: auth.RoleEditor, Password: copyPassword}); err != nil {
		t.Errorf("add an account on the copy: %v", err)
	}
	if p, err := cs.List(ctx, claims.Filter{Query: "PostgreSQL"}, nil); err != nil || p.Total != 1 {
		t.Errorf("search the copy for the new claim: %v, %+v", err, p)
	}
	if t.Failed() {
		t.Logf("progress:\n%s", progress.String())
	}
}

// TestCopyRefusesNonEmpty: a destination holding any account, claim or other desk row
// is refused, by name and count, and left as it was.
func TestCopyRefusesNonEmpty(t *testing.T) {
	if !needPostgres(t) {
		return
	}
	t.Parallel()
	ctx := context.Background()
	from, to := demoDesk(t), dbtest.Open(t)
	if _, err := auth.NewService(to).CreateUser(ctx, auth.NewUser{Email: "someone@desk.test", Name: "Someone", Role: auth.RoleAdmin, Password: copyPassword}); err != nil {
		t.Fatal(err)
	}
	before := map[string]int64{}
	for _, name := range tables(t, to) {
		before[name] = count(t, to, name)
	}
	_, err := db.Copy(ctx, from, to, nil)
	var notEmpty *db.NotEmptyError
	if !errors.As(err, &notEmpty) || notEmpty.Table != "users" || notEmpty.Rows != 1 {
		t.Fatalf("copy into a database with one account: %v, want a refusal naming users and 1 row", err)
	}
	if !strings.Contains(err.Error(), "users holds 1 row") {
		t.Errorf("the refusal reads %q, want it to name the table and its rows", err)
	}
	for _, name := range tables(t, to) {
		if n := count(t, to, name); n != before[name] {
			t.Errorf("after the refusal %s holds %d rows, had %d", name, n, before[name])
		}
	}
	// The search triggers are on as before: an account's claim is indexed.
	cs := claims.NewService(to)
	c := &claims.Claim{Title: "Rocket attack on Conoco", OccurredOn: time.Now(), DatePrecision: "day", AttackType: "rocket"}
	if err := cs.CreateClaim(ctx, 1, c); err != nil {
		t.Fatal(err)
	}
	if p, err := cs.List(ctx, claims.Filter{Query: "conoco"}, nil); err != nil || p.Total != 1 {
		t.Errorf("search after a refused copy: %v, %+v; want the new claim found", err, p)
	}
}

// TestCopyResetsSequences: after copying generated claims, whose ids were set by the
// generator, every sequence has moved past the copied ids.
func TestCopyResetsSequences(t *testing.T) {
	if !needPostgres(t) {
		return
	}
	t.Parallel()
	ctx := context.Background()
	from, to := dbtest.OpenSQLite(t), dbtest.Open(t)
	if err := demo.Generate(ctx, from, 40, 3); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Copy(ctx, from, to, nil); err != nil {
		t.Fatal(err)
	}
	cs := claims.NewService(to)
	c := &claims.Claim{Title: "A claim saved after the copy", OccurredOn: time.Now(), DatePrecision: "day", AttackType: "drone"}
	if err := cs.CreateClaim(ctx, 1, c); err != nil {
		t.Fatalf("save a claim after the copy: %v", err)
	}
	if c.ID != 41 {
		t.Errorf("the claim saved after copying 40 has id %d, want 41", c.ID)
	}
	var identities []string
	err := to.Gorm().Raw(`SELECT table_name FROM information_schema.columns
		WHERE table_schema = current_schema() AND column_name = 'id' AND is_identity = 'YES' ORDER BY 1`).Scan(&identities).Error
	if err != nil || len(identities) == 0 {
		t.Fatalf("identity columns: %v, %q", err, identities)
	}
	for _, table := range identities {
		var next, top int64
		if err := to.Gorm().Raw(fmt.Sprintf("SELECT nextval(pg_get_serial_sequence('%s', 'id')), (SELECT coalesce(max(id), 0) FROM %s)", table, table)).Row().Scan(&next, &top); err != nil {
			t.Fatal(err)
		}
		if next != top+1 {
			t.Errorf("%s: the next id is %d, want %d, just past the largest copied", table, next, top+1)
		}
	}
}

// TestCopyDetectsMismatch: a copy whose rows differ from the source's, by one title or
// by one microsecond, fails its check; inside Copy that undoes the whole copy.
func TestCopyDetectsMismatch(t *testing.T) {
	if !needPostgres(t) {
		return
	}
	t.Parallel()
	ctx := context.Background()
	from := demoDesk(t)

	t.Run("Verify", func(t *testing.T) {
		to := dbtest.Open(t)
		if _, err := db.Copy(ctx, from, to, nil); err != nil {
			t.Fatal(err)
		}
		if _, err := db.VerifyCopy(ctx, from, to); err != nil {
			t.Fatalf("verify an untouched copy: %v", err)
		}
		for _, tamper := range []struct{ table, do, undo string }{
			{"claims", "UPDATE claims SET title = title || '.' WHERE id = 2", "UPDATE claims SET title = left(title, -1) WHERE id = 2"},
			{"citations", "UPDATE citations SET published_at = published_at + interval '1 microsecond' WHERE id = 3",
				"UPDATE citations SET published_at = published_at - interval '1 microsecond' WHERE id = 3"},
			{"settings", "INSERT INTO settings (key, value) VALUES ('extra', '1')", "DELETE FROM settings WHERE key = 'extra'"},
		} {
			if err := to.Gorm().Exec(tamper.do).Error; err != nil {
				t.Fatal(err)
			}
			_, err := db.VerifyCopy(ctx, from, to)
			var mismatch *db.MismatchError
			if !errors.As(err, &mismatch) || mismatch.Table != tamper.table {
				t.Errorf("verify after %q: %v, want a mismatch in %s", tamper.do, err, tamper.table)
			}
			if err := to.Gorm().Exec(tamper.undo).Error; err != nil {
				t.Fatal(err)
			}
			if _, err := db.VerifyCopy(ctx, from, to); err != nil {
				t.Errorf("verify after %q: %v, want the copy to match again", tamper.undo, err)
			}
		}
	})

	t.Run("Copy", func(t *testing.T) {
		to := dbtest.Open(t)
		err := to.Gorm().Exec(`CREATE FUNCTION alter_quote() RETURNS trigger LANGUAGE plpgsql AS $$
			BEGIN NEW.quote := NEW.quote || ' (altered)'; RETURN NEW; END $$`).Error
		if err == nil {
			err = to.Gorm().Exec("CREATE TRIGGER alter_quote BEFORE INSERT ON citations FOR EACH ROW EXECUTE FUNCTION alter_quote()").Error
		}
		if err != nil {
			t.Fatal(err)
		}
		schema := catalog(t, to)
		_, err = db.Copy(ctx, from, to, nil)
		var mismatch *db.MismatchError
		if !errors.As(err, &mismatch) || mismatch.Table != "citations" {
			t.Fatalf("copy through a trigger that alters quotes: %v, want a mismatch in citations", err)
		}
		for _, name := range []string{"users", "claims", "citations", "claims_search"} {
			if n := count(t, to, name); n != 0 {
				t.Errorf("after a failed copy %s holds %d rows, want none", name, n)
			}
		}
		if after := catalog(t, to); after != schema {
			t.Errorf("a failed copy left the schema's indexes, constraints and triggers as\n%s\nwant\n%s", after, schema)
		}
	})
}

// TestCopyAccountsForEveryTable: a table on one side only, or a column, stops the copy
// before it writes anything, naming it; a new table on both sides is copied.
func TestCopyAccountsForEveryTable(t *testing.T) {
	if !needPostgres(t) {
		return
	}
	t.Parallel()
	ctx := context.Background()
	const (
		sqliteNotes = "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL, at DATETIME, ok BOOLEAN)"
		pgNotes     = "CREATE TABLE notes (id BIGINT PRIMARY KEY, body TEXT NOT NULL, at TIMESTAMPTZ, ok BOOLEAN)"
	)
	for _, tt := range []struct {
		name       string
		sqlite, pg string
		rows       string // inserted into the SQLite table
		wantErr    string
	}{
		{"SQLiteOnly", "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL)", "", "", "notes"},
		{"PostgresOnly", "", "CREATE TABLE notes (id BIGINT PRIMARY KEY, body TEXT NOT NULL)", "", "notes"},
		{"Column", "ALTER TABLE parties ADD COLUMN motto TEXT", "", "", "parties.motto"},
		{"Both", sqliteNotes, pgNotes, "(1, 'Moved with the desk', '2024-06-14 08:00:00.1234567+02:00', 1), (2, 'Second', NULL, 0)", ""},
		{"BadTime", sqliteNotes, pgNotes, "(1, 'When?', 'yesterday', 1)", "notes.at"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			from, to := dbtest.OpenSQLite(t), dbtest.Open(t)
			if err := demo.Generate(ctx, from, 5, 1); err != nil {
				t.Fatal(err)
			}
			exec := func(d *db.DB, stmt string) {
				if stmt == "" {
					return
				}
				if err := d.Gorm().Exec(stmt).Error; err != nil {
					t.Fatal(err)
				}
			}
			exec(from, tt.sqlite)
			exec(to, tt.pg)
			if tt.rows != "" {
				exec(from, "INSERT INTO notes VALUES "+tt.rows)
			}
			rep, err := db.Copy(ctx, from, to, nil)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) || !strings.HasPrefix(err.Error(), "db: copy: ") {
					t.Fatalf("copy: %v, want an error naming %s", err, tt.wantErr)
				}
				if n := count(t, to, "claims"); n != 0 {
					t.Errorf("a refused copy left %d claims", n)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			i := slices.IndexFunc(rep.Tables, func(tc db.TableCopy) bool { return tc.Name == "notes" })
			if i < 0 || rep.Tables[i].How != db.CopyCopied || rep.Tables[i].Rows != 2 {
				t.Fatalf("the new table in both schemas: %+v, want it copied with its 2 rows", rep.Tables)
			}
			var at time.Time
			var ok bool
			if err := to.Gorm().Raw("SELECT at, ok FROM notes WHERE id = 1").Row().Scan(&at, &ok); err != nil {
				t.Fatal(err)
			}
			if want := time.Date(2024, 6, 14, 6, 0, 0, 123456000, time.UTC); !at.Equal(want) || !ok {
				t.Errorf("note 1 reads at %s, ok %v; want %s (to the microsecond), true", at, ok, want)
			}
		})
	}
}
