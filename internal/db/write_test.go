package db

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"gorm.io/gorm"
)

func openTest(t *testing.T) *DB {
	t.Helper()
	d, err := Open(context.Background(), filepath.Join(t.TempDir(), "w.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { d.Close() })
	return d
}

func addUser(tx *gorm.DB, email string) error {
	return tx.Exec("INSERT INTO users (email, role, password_hash, created_at, updated_at) VALUES (?, 'viewer', 'x', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)", email).Error
}

func users(t *testing.T, d *DB) int64 {
	t.Helper()
	var n int64
	if err := d.Read(context.Background()).Table("users").Count(&n).Error; err != nil {
		t.Fatal(err)
	}
	return n
}

// TestWriteWaitsItsTurn: 32 writers at once all commit, none sees "database is locked".
func TestWriteWaitsItsTurn(t *testing.T) {
	d := openTest(t)
	var wg sync.WaitGroup
	errs := make(chan error, 32)
	for i := range 32 {
		wg.Go(func() {
			errs <- d.Write(context.Background(), func(tx *gorm.DB) error { return addUser(tx, fmt.Sprintf("u%d@desk.test", i)) })
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Errorf("write: %v", err)
		}
	}
	if got := users(t, d); got != 32 {
		t.Errorf("users = %d, want 32", got)
	}
}

// TestWriteBusy: a write that cannot get its turn in time fails with ErrBusy, which
// says when to retry, and writes nothing.
func TestWriteBusy(t *testing.T) {
	d := openTest(t)
	d.WriteWait = 50 * time.Millisecond
	holding, release := make(chan struct{}), make(chan struct{})
	done := make(chan error)
	go func() {
		done <- d.Write(context.Background(), func(tx *gorm.DB) error {
			close(holding)
			<-release
			return nil
		})
	}()
	<-holding
	err := d.Write(context.Background(), func(tx *gorm.DB) error { return addUser(tx, "late@desk.test") })
	close(release)
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if !errors.Is(err, ErrBusy) {
		t.Fatalf("err = %v, want ErrBusy", err)
	}
	var ra interface{ RetryAfter() time.Duration }
	if !errors.As(err, &ra) || ra.RetryAfter() <= 0 {
		t.Errorf("ErrBusy does not say when to retry: %v", err)
	}
	if got := users(t, d); got != 0 {
		t.Errorf("users = %d after a busy write, want 0", got)
	}
	// Once the gate is free, the same write goes through.
	if err := d.Write(context.Background(), func(tx *gorm.DB) error { return addUser(tx, "late@desk.test") }); err != nil {
		t.Errorf("write after the gate freed: %v", err)
	}
}

// TestWriteFull: when SQLite reports its file cannot grow, the write fails with ErrFull
// and nothing is saved; when room returns, writes work again.
func TestWriteFull(t *testing.T) {
	d := openTest(t)
	sqlDB, _ := d.Gorm().DB()
	sqlDB.SetMaxOpenConns(1) // max_page_count is per connection: keep one
	var pages int
	if err := d.Gorm().Raw("PRAGMA page_count").Scan(&pages).Error; err != nil {
		t.Fatal(err)
	}
	if err := d.Gorm().Exec(fmt.Sprintf("PRAGMA max_page_count = %d", pages)).Error; err != nil {
		t.Fatal(err)
	}
	big := func(tx *gorm.DB) error {
		for i := range 200 {
			if err := addUser(tx, fmt.Sprintf("%0500d@desk.test", i)); err != nil {
				return err
			}
		}
		return nil
	}
	err := d.Write(context.Background(), big)
	if !errors.Is(err, ErrFull) {
		t.Fatalf("err = %v, want ErrFull", err)
	}
	if got := users(t, d); got != 0 {
		t.Errorf("users = %d after a failed write, want 0 (the transaction must roll back)", got)
	}
	if err := d.Gorm().Exec("PRAGMA max_page_count = 1073741823").Error; err != nil {
		t.Fatal(err)
	}
	if err := d.Write(context.Background(), big); err != nil {
		t.Errorf("write once there is room again: %v", err)
	}
}

// TestReady: ready while the database takes writes; not ready, with ErrFull, while its
// disk is nearly full or with ErrBusy while writes cannot get a turn; ready again after.
func TestReady(t *testing.T) {
	d := openTest(t)
	ctx := context.Background()
	if err := d.Ready(ctx); err != nil {
		t.Fatalf("fresh database not ready: %v", err)
	}
	d.free = func(string) (uint64, bool) { return 1 << 20, true }
	if err := d.Ready(ctx); !errors.Is(err, ErrFull) {
		t.Errorf("with 1 MiB free: %v, want ErrFull", err)
	}
	d.free = func(string) (uint64, bool) { return 1 << 30, true }
	if err := d.Ready(ctx); err != nil {
		t.Errorf("with 1 GiB free again: %v", err)
	}
	if free, ok := freeBytes(t.TempDir()); !ok || free == 0 {
		t.Errorf("freeBytes of a real directory = %d, %v", free, ok)
	}
}

// TestWriteOutlivesCaller: a write that has started commits even if its caller's
// context ends, so a save is never half-acknowledged.
func TestWriteOutlivesCaller(t *testing.T) {
	d := openTest(t)
	ctx, cancel := context.WithCancel(context.Background())
	err := d.Write(ctx, func(tx *gorm.DB) error {
		cancel()
		return addUser(tx, "kept@desk.test")
	})
	if err != nil {
		t.Fatal(err)
	}
	if got := users(t, d); got != 1 {
		t.Errorf("users = %d, want 1", got)
	}
}

// TestQueueLength counts the write at the gate and those waiting behind it.
func TestQueueLength(t *testing.T) {
	d := openTest(t)
	holding, release := make(chan struct{}), make(chan struct{})
	done := make(chan error, 3)
	go func() {
		done <- d.Write(context.Background(), func(tx *gorm.DB) error {
			close(holding)
			<-release
			return nil
		})
	}()
	<-holding
	for i := range 2 {
		go func() {
			done <- d.Write(context.Background(), func(tx *gorm.DB) error { return addUser(tx, fmt.Sprintf("q%d@desk.test", i)) })
		}()
	}
	deadline := time.Now().Add(2 * time.Second)
	for d.QueueLength() != 3 && time.Now().Before(deadline) {
		time.Sleep(time.Millisecond)
	}
	if got := d.QueueLength(); got != 3 {
		t.Errorf("queue = %d, want 3 (one writing, two waiting)", got)
	}
	close(release)
	for range 3 {
		if err := <-done; err != nil {
			t.Error(err)
		}
	}
	if got := d.QueueLength(); got != 0 {
		t.Errorf("queue = %d after all wrote, want 0", got)
	}
}
