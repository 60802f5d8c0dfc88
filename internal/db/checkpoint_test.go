package db

import (
	"context"
	"crypto/rand"
	"database/sql"
	"os"
	"sync"
	"testing"
	"time"

	"gorm.io/gorm"
)

// walSize is the size of the SQLite log of d's file: the high-water mark of what was
// written to it since a checkpoint last let it start again.
func walSize(t *testing.T, d *DB) int64 {
	t.Helper()
	fi, err := os.Stat(d.path + "-wal")
	if err != nil {
		t.Fatal(err)
	}
	return fi.Size()
}

func addBlobs(tx *gorm.DB, n, size int) error {
	for range n {
		if err := tx.Exec("INSERT INTO blobs (b) VALUES (?)", rand.Text()+string(make([]byte, size))).Error; err != nil {
			return err
		}
	}
	return nil
}

// logFrames is how many frames SQLite's log of d's file holds now, read on a plain
// connection of the test's (which copies them into the file as it reads the count).
func logFrames(t *testing.T, d *DB) int {
	t.Helper()
	full, _ := sqliteDSN(d.path)
	conn, err := sql.Open(driverName, full)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	var busy, frames, copied int
	if err := conn.QueryRow("PRAGMA wal_checkpoint(PASSIVE)").Scan(&busy, &frames, &copied); err != nil {
		t.Fatal(err)
	}
	return frames
}

// TestCheckpointsBesideTheWriter: the desk's commits leave checkpoints to the
// checkpointer until the log passes 64 MiB. After a burst of 8 MB of saves and a pause,
// the checkpointer has copied the log into the file, so the next save starts the log
// again: it holds that save's few pages, not the burst's 2,000 and more.
func TestCheckpointsBesideTheWriter(t *testing.T) {
	t.Parallel()
	d := openTest(t)
	var auto int
	if err := d.Read(context.Background()).Raw("PRAGMA wal_autocheckpoint").Scan(&auto).Error; err != nil || auto != autocheckpointPages {
		t.Fatalf("wal_autocheckpoint on a desk connection = %d (%v), want %d", auto, err, autocheckpointPages)
	}
	if err := d.Write(context.Background(), func(tx *gorm.DB) error {
		return tx.Exec("CREATE TABLE blobs (id INTEGER PRIMARY KEY, b BLOB)").Error
	}); err != nil {
		t.Fatal(err)
	}
	const writers, each, size = 16, 125, 4000 // 8 MB
	var wg sync.WaitGroup
	errs := make(chan error, writers)
	for range writers {
		wg.Go(func() {
			for range each {
				if err := d.Write(context.Background(), func(tx *gorm.DB) error { return addBlobs(tx, 1, size) }); err != nil {
					errs <- err
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	time.Sleep(checkpointRest + 400*time.Millisecond) // the pause
	if err := d.Write(context.Background(), func(tx *gorm.DB) error { return addBlobs(tx, 1, 10) }); err != nil {
		t.Fatal(err)
	}
	if got := logFrames(t, d); got > 20 {
		t.Errorf("log = %d frames after a pause and one small save, want only that save's: the checkpointer did not copy the burst", got)
	}
	var n int64
	if err := d.Read(context.Background()).Raw("SELECT count(*) FROM blobs").Scan(&n).Error; err != nil || n != writers*each+1 {
		t.Errorf("blobs = %d (%v), want %d", n, err, writers*each+1)
	}
}

// TestCheckpointsBulkWrites: a bulk tool writing through Gorm, past the writer (claimdesk
// gen), gets its log checkpointed too, by the checkpointer's idle round.
func TestCheckpointsBulkWrites(t *testing.T) {
	t.Parallel()
	d := openTest(t)
	d.ckpt.stop()
	full, _ := sqliteDSN(d.path)
	var err error
	if d.ckpt, err = startCheckpointer(full, 0, 10*time.Millisecond); err != nil {
		t.Fatal(err)
	}
	g := d.Gorm()
	if err := g.Exec("CREATE TABLE blobs (id INTEGER PRIMARY KEY, b BLOB)").Error; err != nil {
		t.Fatal(err)
	}
	const txs, rows, size = 60, 25, 4000 // 6 MB, 100 KB a transaction
	for range txs {
		if err := g.Transaction(func(tx *gorm.DB) error { return addBlobs(tx, rows, size) }); err != nil {
			t.Fatal(err)
		}
		time.Sleep(15 * time.Millisecond) // an idle round's time
	}
	if got := walSize(t, d); got > 2<<20 {
		t.Errorf("log = %.1f MB after 6 MB written in 100 KB transactions, want under 2 MB", float64(got)/(1<<20))
	}
}
