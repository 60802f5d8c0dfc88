package main

import (
	"bytes"
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"claimdesk/internal/claims"
	"claimdesk/internal/db"
	"claimdesk/internal/db/dbtest"
)

// runCmd calls run with args and no environment and returns what it printed.
func runCmd(t *testing.T, args ...string) (string, error) {
	t.Helper()
	var out bytes.Buffer
	err := run(t.Context(), args, func(string) string { return "" }, strings.NewReader(""), &out)
	return out.String(), err
}

// claimCount opens the database at path and returns how many claims it holds.
func claimCount(t *testing.T, path string) int64 {
	t.Helper()
	d, err := db.Open(context.Background(), path)
	if err != nil {
		t.Fatalf("open %s: %v", path, err)
	}
	defer d.Close()
	var n int64
	if err := d.Read(context.Background()).Model(&claims.Claim{}).Count(&n).Error; err != nil {
		t.Fatal(err)
	}
	return n
}

func TestGenAndBackup(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	dbPath, copyPath := filepath.Join(dir, "gen.db"), filepath.Join(dir, "copy.db")

	out, err := runCmd(t, "gen", "-claims", "300", "-db", dbPath, "-seed", "7")
	if err != nil {
		t.Fatalf("gen: %v\n%s", err, out)
	}
	if !strings.HasPrefix(out, "Generated 300 claims into "+dbPath+" in ") || !strings.Contains(out, " MiB.") {
		t.Errorf("gen printed %q, want the count, the time taken and the file size", out)
	}
	if out, err := runCmd(t, "gen", "-claims", "10", "-db", dbPath); err == nil || !strings.Contains(err.Error(), "holds 300 claims already") {
		t.Errorf("gen into a database with claims: got %v (%q), want a refusal naming the 300 claims", err, out)
	}
	if out, err := runCmd(t, "gen", "-claims", "50", "-db", dbPath, "-append"); err != nil {
		t.Fatalf("gen -append: %v\n%s", err, out)
	}
	if got, want := claimCount(t, dbPath), int64(350); got != want {
		t.Errorf("after gen and gen -append the database holds %d claims, want %d", got, want)
	}

	out, err = runCmd(t, "backup", "-db", dbPath, "-to", copyPath)
	if err != nil {
		t.Fatalf("backup: %v\n%s", err, out)
	}
	if !strings.Contains(out, "passes the integrity check") {
		t.Errorf("backup printed %q, want it to say the copy passes the integrity check", out)
	}
	if got, want := claimCount(t, copyPath), int64(350); got != want {
		t.Errorf("the backup holds %d claims, want %d", got, want)
	}
	before, err := os.ReadFile(copyPath)
	if err != nil {
		t.Fatal(err)
	}
	if out, err := runCmd(t, "backup", "-db", dbPath, "-to", copyPath); err == nil || !strings.Contains(err.Error(), "exists already") {
		t.Errorf("backup over an existing file: got %v (%q), want a refusal", err, out)
	}
	if after, _ := os.ReadFile(copyPath); !bytes.Equal(before, after) {
		t.Errorf("a refused backup changed the existing file")
	}
	missing := filepath.Join(dir, "missing.db")
	if _, err := runCmd(t, "backup", "-db", missing, "-to", filepath.Join(dir, "c2.db")); err == nil {
		t.Errorf("backup of a missing database: got nil error, want one")
	}
	if _, err := os.Stat(missing); err == nil {
		t.Errorf("backup of a missing database created it")
	}
}

func TestCommandsBadArgs(t *testing.T) {
	t.Parallel()
	dbPath := filepath.Join(t.TempDir(), "x.db")
	for _, args := range [][]string{
		{"gen", "-db", dbPath},
		{"gen", "-claims", "-5", "-db", dbPath},
		{"gen", "-claims", "5", "-db", dbPath, "extra"},
		{"backup", "-db", dbPath},
		{"copy", "-from", dbPath, "-to", "postgres://127.0.0.1:1/none"},
		{"copy", "-from", dbPath, "-to", "other.db"},
		{"load", "-routes", "no-such-route"},
		{"baseline", "-no-such-flag"},
	} {
		if out, err := runCmd(t, args...); err == nil {
			t.Errorf("run %q: got nil error, want one\n%s", args, out)
		}
	}
}

// TestCopyCommand copies a generated desk into a PostgreSQL schema of its own and prints
// every table's rows and checksum; a second copy into it is refused. Without
// CLAIMDESK_TEST_POSTGRES (CI's first run) it checks only the refusals that need no
// PostgreSQL.
func TestCopyCommand(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	missing, dbPath := filepath.Join(dir, "missing.db"), filepath.Join(dir, "desk.db")
	if _, err := runCmd(t, "copy", "-from", missing, "-to", "postgres://127.0.0.1:1/none"); err == nil || !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("copy of a missing desk: %v, want it refused as missing", err)
	}
	if _, err := os.Stat(missing); err == nil {
		t.Errorf("copy of a missing desk created it")
	}
	if _, err := runCmd(t, "copy", "-from", missing, "-to", filepath.Join(dir, "other.db")); err == nil || !strings.Contains(err.Error(), "postgres://") {
		t.Errorf("copy into a SQLite file: %v, want a refusal asking for postgres://", err)
	}
	if !dbtest.NeedPostgres(t, "a copy needs PostgreSQL to copy into") {
		return
	}
	if out, err := runCmd(t, "gen", "-claims", "60", "-db", dbPath); err != nil {
		t.Fatalf("gen: %v\n%s", err, out)
	}
	dsn := dbtest.DSN(t)
	out, err := runCmd(t, "copy", "-from", dbPath, "-to", dsn)
	if err != nil {
		t.Fatalf("copy: %v\n%s", err, out)
	}
	for _, want := range []*regexp.Regexp{
		regexp.MustCompile(`(?m)^claims +60  checksum ok [0-9a-f]{12}$`),
		regexp.MustCompile(`(?m)^citations +[1-9][0-9]*  checksum ok [0-9a-f]{12}$`),
		regexp.MustCompile(`(?m)^claims_search +60  rebuilt: `),
		regexp.MustCompile(`(?m)^Left out: sessions \(`),
		regexp.MustCompile(`(?m)^Copied ` + regexp.QuoteMeta(dbPath) + ` into PostgreSQL in [0-9.]+m?s; every copied table's rows and checksum match\.$`),
	} {
		if !want.MatchString(out) {
			t.Errorf("copy printed\n%s\nwant a line matching %s", out, want)
		}
	}
	if got := claimCount(t, dsn); got != 60 {
		t.Errorf("the copy holds %d claims, want 60", got)
	}
	_, err = runCmd(t, "copy", "-from", dbPath, "-to", dsn)
	var notEmpty *db.NotEmptyError
	if !errors.As(err, &notEmpty) {
		t.Errorf("a second copy into the same database: %v, want a refusal", err)
	}
	if got := claimCount(t, dsn); got != 60 {
		t.Errorf("after the refused copy the database holds %d claims, want 60", got)
	}
}
