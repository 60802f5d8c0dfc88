package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"claimdesk/internal/claims"
	"claimdesk/internal/db"
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
		{"load", "-routes", "no-such-route"},
		{"baseline", "-no-such-flag"},
	} {
		if out, err := runCmd(t, args...); err == nil {
			t.Errorf("run %q: got nil error, want one\n%s", args, out)
		}
	}
}
