package db

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"gorm.io/gorm"
)

// TestBackupWhileWriting: a backup taken while a writer commits one account after
// another holds every account committed before it began, and the ones it holds are a
// whole prefix of the writer's sequence: a snapshot, not a mix.
func TestBackupWhileWriting(t *testing.T) {
	d := openTest(t)
	ctx := context.Background()
	// Enough rows that the copy takes a while and overlaps the writer's commits.
	err := d.Write(ctx, func(tx *gorm.DB) error {
		return tx.Exec(`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM n WHERE i < 50000)
			INSERT INTO users (email, name, role, password_hash, created_at, updated_at)
			SELECT 'bulk' || i || '@desk.test', printf('%.200c', 'x'), 'viewer', 'x', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP FROM n`).Error
	})
	if err != nil {
		t.Fatal(err)
	}

	var committed atomic.Int64 // accounts seq0..seq(committed-1) are committed
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			default:
			}
			if err := d.Write(ctx, func(tx *gorm.DB) error { return addUser(tx, fmt.Sprintf("seq%d@desk.test", i)) }); err != nil {
				t.Errorf("write seq%d: %v", i, err)
				return
			}
			committed.Store(int64(i + 1))
		}
	})
	for committed.Load() < 20 {
		if t.Failed() {
			t.FailNow()
		}
		time.Sleep(time.Millisecond)
	}
	before := committed.Load()
	out := filepath.Join(t.TempDir(), "copy.db")
	err = d.Backup(ctx, out)
	after := committed.Load()
	close(stop)
	wg.Wait()
	if err != nil {
		t.Fatalf("backup: %v", err)
	}

	cp, err := Open(ctx, out)
	if err != nil {
		t.Fatalf("open the copy: %v", err)
	}
	defer cp.Close()
	var emails []string
	if err := cp.Read(ctx).Table("users").Where("email LIKE 'seq%'").Pluck("email", &emails).Error; err != nil {
		t.Fatal(err)
	}
	got := map[string]bool{}
	for _, e := range emails {
		got[e] = true
	}
	n := int64(len(emails))
	if n < before || n > after+1 {
		t.Errorf("the copy holds %d of the writer's accounts; %d were committed before the backup began and %d when it ended", n, before, after)
	}
	for i := range n {
		if e := fmt.Sprintf("seq%d@desk.test", i); !got[e] {
			t.Errorf("the copy holds %d of the writer's accounts but lacks %s: not one snapshot", n, e)
		}
	}
	var bulk int64
	if err := cp.Read(ctx).Table("users").Where("email LIKE 'bulk%'").Count(&bulk).Error; err != nil {
		t.Fatal(err)
	}
	if bulk != 50000 {
		t.Errorf("the copy holds %d of the 50000 bulk accounts", bulk)
	}
	t.Logf("backup began after %d commits, ended after %d; the copy holds %d", before, after, n)
}

func TestBackupRefusesExistingFile(t *testing.T) {
	d := openTest(t)
	out := filepath.Join(t.TempDir(), "copy.db")
	if err := d.Backup(context.Background(), out); err != nil {
		t.Fatalf("first backup: %v", err)
	}
	err := d.Backup(context.Background(), out)
	if err == nil || !strings.Contains(err.Error(), "exists already") {
		t.Errorf("backup over an existing file: got %v, want a refusal", err)
	}
}
