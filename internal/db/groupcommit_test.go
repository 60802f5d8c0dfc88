package db

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"gorm.io/gorm"
)

// hold starts a write that keeps the writer busy until release is called, and returns
// once that write is running; wait gives its outcome. Writes sent meanwhile wait in the
// queue, and are committed together as the next batch once it is released.
func hold(t testing.TB, d *DB) (release func(), wait func() error) {
	t.Helper()
	holding, free := make(chan struct{}), make(chan struct{})
	done := make(chan error, 1)
	go func() {
		done <- d.Write(context.Background(), func(tx *gorm.DB) error {
			close(holding)
			<-free
			return nil
		})
	}()
	<-holding
	var once sync.Once
	release = func() { once.Do(func() { close(free) }) }
	t.Cleanup(release)
	return release, func() error { return <-done }
}

// waitQueued waits until n writes are in the queue (taken by no batch yet).
func waitQueued(t testing.TB, d *DB, n int) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for {
		d.gc.mu.Lock()
		got := len(d.gc.waiting)
		d.gc.mu.Unlock()
		if got == n {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("queue holds %d writes, want %d", got, n)
		}
		time.Sleep(time.Millisecond)
	}
}

// queue sends the writes one after another, each once the one before is in the queue,
// so they queue in this order, and returns their outcomes, in the same order, once
// all are answered. The writer must be held (see hold) while they queue.
func queue(t testing.TB, d *DB, fns ...func(tx *gorm.DB) error) func() []error {
	t.Helper()
	d.gc.mu.Lock()
	before := len(d.gc.waiting)
	d.gc.mu.Unlock()
	errs := make([]error, len(fns))
	var wg sync.WaitGroup
	for i, fn := range fns {
		wg.Go(func() { errs[i] = d.Write(context.Background(), fn) })
		waitQueued(t, d, before+i+1)
	}
	return func() []error { wg.Wait(); return errs }
}

func hasUser(t testing.TB, d *DB, email string) bool {
	t.Helper()
	var n int64
	if err := d.Read(context.Background()).Table("users").Where("email = ?", email).Count(&n).Error; err != nil {
		t.Fatal(err)
	}
	return n == 1
}

// userIn counts, inside a write's transaction, the users with this email.
func userIn(tx *gorm.DB, email string) (int64, error) {
	var n int64
	err := tx.Table("users").Where("email = ?", email).Count(&n).Error
	return n, err
}

var errRefused = errors.New("refused by the test")

// TestBatchOneFails: of three writes committed together, the middle one fails after
// writing: it leaves no trace, the others are saved, the last one saw the first one's
// row and not the failed one's, and each caller hears its own outcome.
func TestBatchOneFails(t *testing.T) {
	t.Parallel()
	d := openTest(t)
	release, held := hold(t, d)
	results := queue(t, d,
		func(tx *gorm.DB) error { return addUser(tx, "first@desk.test") },
		func(tx *gorm.DB) error {
			if err := addUser(tx, "failed@desk.test"); err != nil {
				return err
			}
			return errRefused
		},
		func(tx *gorm.DB) error {
			if n, err := userIn(tx, "first@desk.test"); err != nil || n != 1 {
				return fmt.Errorf("the first write is not visible to the third: %d, %v", n, err)
			}
			if n, err := userIn(tx, "failed@desk.test"); err != nil || n != 0 {
				return fmt.Errorf("the failed write is visible to the third: %d, %v", n, err)
			}
			return addUser(tx, "third@desk.test")
		},
	)
	batches := d.gc.batches.Load()
	release()
	if err := held(); err != nil {
		t.Fatal(err)
	}
	errs := results()
	if errs[0] != nil || errs[2] != nil {
		t.Errorf("the writes that succeeded: %v, %v", errs[0], errs[2])
	}
	if !errors.Is(errs[1], errRefused) {
		t.Errorf("the failed write: %v, want its own error", errs[1])
	}
	if got := d.gc.batches.Load() - batches; got != 2 {
		t.Errorf("%d batches after the held one's, want 2 (the held one, then the three together)", got)
	}
	for email, want := range map[string]bool{"first@desk.test": true, "failed@desk.test": false, "third@desk.test": true} {
		if got := hasUser(t, d, email); got != want {
			t.Errorf("%s saved = %v, want %v", email, got, want)
		}
	}
}

// TestBatchPanic: a write whose function panics is an error for its caller only; the
// writer goes on, and the others of its batch are saved.
func TestBatchPanic(t *testing.T) {
	t.Parallel()
	d := openTest(t)
	release, held := hold(t, d)
	results := queue(t, d,
		func(tx *gorm.DB) error { return addUser(tx, "before@desk.test") },
		func(tx *gorm.DB) error {
			addUser(tx, "panicked@desk.test")
			panic("boom")
		},
		func(tx *gorm.DB) error { return addUser(tx, "after@desk.test") },
	)
	release()
	held()
	errs := results()
	var pe *PanicError
	if !errors.As(errs[1], &pe) || pe.Value != "boom" || !strings.Contains(string(pe.Stack), "groupcommit_test.go") {
		t.Errorf("the panicking write: %v, want a PanicError with its value and stack", errs[1])
	}
	if errs[0] != nil || errs[2] != nil {
		t.Errorf("the other writes: %v, %v", errs[0], errs[2])
	}
	if hasUser(t, d, "panicked@desk.test") || !hasUser(t, d, "before@desk.test") || !hasUser(t, d, "after@desk.test") {
		t.Error("want the panicking write's row absent and the others' present")
	}
	if err := d.Write(context.Background(), func(tx *gorm.DB) error { return addUser(tx, "later@desk.test") }); err != nil {
		t.Errorf("a write after the panic: %v", err)
	}
}

// TestLoneWrite: a write alone in its transaction (no savepoint) leaves nothing when
// it fails or panics, and the writer goes on.
func TestLoneWrite(t *testing.T) {
	t.Parallel()
	d := openTest(t)
	err := d.Write(context.Background(), func(tx *gorm.DB) error {
		addUser(tx, "failed@desk.test")
		return errRefused
	})
	if !errors.Is(err, errRefused) {
		t.Errorf("failed write: %v", err)
	}
	var pe *PanicError
	err = d.Write(context.Background(), func(tx *gorm.DB) error {
		addUser(tx, "panicked@desk.test")
		panic(errRefused)
	})
	if !errors.As(err, &pe) || !errors.Is(err, errRefused) {
		t.Errorf("panicking write: %v, want a PanicError wrapping what it panicked with", err)
	}
	if err := d.Write(context.Background(), func(tx *gorm.DB) error { return addUser(tx, "saved@desk.test") }); err != nil {
		t.Error(err)
	}
	if users(t, d) != 1 || !hasUser(t, d, "saved@desk.test") {
		t.Error("want only the write that succeeded saved")
	}
}

// TestBatchOrder: writes run in the order they arrived, and rows get ids in that order.
func TestBatchOrder(t *testing.T) {
	t.Parallel()
	d := openTest(t)
	release, held := hold(t, d)
	var ran []int // appended by the writer goroutine only
	fns := make([]func(tx *gorm.DB) error, 20)
	for i := range fns {
		fns[i] = func(tx *gorm.DB) error {
			ran = append(ran, i)
			return addUser(tx, fmt.Sprintf("o%02d@desk.test", i))
		}
	}
	results := queue(t, d, fns...)
	release()
	held()
	for i, err := range results() {
		if err != nil {
			t.Errorf("write %d: %v", i, err)
		}
	}
	for i, got := range ran {
		if got != i {
			t.Fatalf("writes ran in the order %v", ran)
		}
	}
	var emails []string
	if err := d.Read(context.Background()).Table("users").Order("id").Pluck("email", &emails).Error; err != nil {
		t.Fatal(err)
	}
	for i, e := range emails {
		if want := fmt.Sprintf("o%02d@desk.test", i); e != want {
			t.Fatalf("rows in id order: %v", emails)
		}
	}
}

// TestManyWritersAllAcknowledged: many writers at once; every write acknowledged is
// saved, and nothing else is. They share transactions (fewer commits than writes).
func TestManyWritersAllAcknowledged(t *testing.T) {
	t.Parallel()
	d := openTest(t)
	const writers, each, refused = 32, 25, 2 // writes 9 and 19 of each writer fail
	var acked atomic.Int64
	var wg sync.WaitGroup
	for w := range writers {
		wg.Go(func() {
			for i := range each {
				err := d.Write(context.Background(), func(tx *gorm.DB) error {
					if i%10 == 9 {
						addUser(tx, fmt.Sprintf("refused-%d-%d@desk.test", w, i))
						return errRefused
					}
					return addUser(tx, fmt.Sprintf("%d-%d@desk.test", w, i))
				})
				switch {
				case err == nil:
					acked.Add(1)
				case !errors.Is(err, errRefused):
					t.Errorf("write %d-%d: %v", w, i, err)
				}
			}
		})
	}
	wg.Wait()
	if got, want := users(t, d), acked.Load(); got != want || want != writers*(each-refused) {
		t.Errorf("users = %d, acknowledged = %d, want both %d", got, want, writers*(each-refused))
	}
	b, w := d.gc.batches.Load(), d.gc.writes.Load()
	t.Logf("%d writes in %d transactions (%.1f a commit)", w, b, float64(w)/float64(b))
	if b >= w {
		t.Errorf("%d writes took %d transactions: none were committed together", w, b)
	}
}

// TestAbandonedWriteNeverRuns: a write that gave up waiting for its turn, after
// WriteWait or because its context ended, is never run later.
func TestAbandonedWriteNeverRuns(t *testing.T) {
	t.Parallel()
	d := openTest(t)
	d.WriteWait = 50 * time.Millisecond
	release, held := hold(t, d)
	var ran atomic.Int32
	late := func(tx *gorm.DB) error {
		ran.Add(1)
		return addUser(tx, "late@desk.test")
	}
	if err := d.Write(context.Background(), late); !errors.Is(err, ErrBusy) {
		t.Errorf("a write that waited too long: %v, want ErrBusy", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error)
	go func() { done <- d.WriteWithin(ctx, time.Minute, late) }()
	waitQueued(t, d, 2)
	cancel()
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Errorf("a write whose context ended while it waited: %v, want context.Canceled", err)
	}
	if err := d.Write(ctx, late); !errors.Is(err, context.Canceled) {
		t.Errorf("a write sent with an ended context: %v, want context.Canceled", err)
	}
	release()
	if err := held(); err != nil {
		t.Fatal(err)
	}
	// Once this one is saved, the writer has passed where the abandoned ones were.
	if err := d.Write(context.Background(), func(tx *gorm.DB) error { return addUser(tx, "next@desk.test") }); err != nil {
		t.Fatal(err)
	}
	if n := ran.Load(); n != 0 || hasUser(t, d, "late@desk.test") {
		t.Errorf("abandoned writes ran %d times", n)
	}
	if d.QueueLength() != 0 {
		t.Errorf("queue length %d once all is done, want 0", d.QueueLength())
	}
}

// TestCommitFails: when the shared transaction cannot commit, every write of it fails
// with the commit's error and none is saved; the writer goes on with the next ones.
func TestCommitFails(t *testing.T) {
	t.Parallel()
	d := openTest(t)
	release, held := hold(t, d)
	results := queue(t, d,
		func(tx *gorm.DB) error { return addUser(tx, "a@desk.test") },
		// A foreign key checked only at COMMIT, which then fails. (Writes must not do
		// this: the setting lasts for the whole shared transaction.)
		func(tx *gorm.DB) error {
			if err := tx.Exec("PRAGMA defer_foreign_keys = ON").Error; err != nil {
				return err
			}
			return tx.Exec("INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at) VALUES ('t', 999999, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)").Error
		},
		func(tx *gorm.DB) error { return addUser(tx, "c@desk.test") },
		func(tx *gorm.DB) error { return errRefused },
	)
	release()
	held()
	errs := results()
	for i, err := range errs[:3] {
		if !errors.Is(err, gorm.ErrForeignKeyViolated) || !strings.Contains(err.Error(), "commit") {
			t.Errorf("write %d: %v, want the commit's error", i, err)
		}
	}
	if !errors.Is(errs[3], errRefused) {
		t.Errorf("the write that failed by itself: %v, want its own error", errs[3])
	}
	if n := users(t, d); n != 0 {
		t.Errorf("users = %d after a failed commit, want 0", n)
	}
	if err := d.Write(context.Background(), func(tx *gorm.DB) error { return addUser(tx, "next@desk.test") }); err != nil {
		t.Errorf("the next write: %v", err)
	}
}

// TestTransactionLost: a statement that makes SQLite roll back the whole transaction
// (as SQLITE_FULL may) fails every write of the batch, including those that ran
// before it, and runs none after it outside a transaction.
func TestTransactionLost(t *testing.T) {
	t.Parallel()
	d := openTest(t)
	err := d.Gorm().Exec(`CREATE TRIGGER lose BEFORE INSERT ON users WHEN NEW.email LIKE 'lose%'
		BEGIN SELECT RAISE(ROLLBACK, 'transaction lost'); END`).Error
	if err != nil {
		t.Fatal(err)
	}
	release, held := hold(t, d)
	results := queue(t, d,
		func(tx *gorm.DB) error { return addUser(tx, "a@desk.test") },
		func(tx *gorm.DB) error { return addUser(tx, "lose@desk.test") },
		func(tx *gorm.DB) error { return addUser(tx, "c@desk.test") },
	)
	release()
	held()
	for i, err := range results() {
		if err == nil || !strings.Contains(err.Error(), "transaction lost") {
			t.Errorf("write %d: %v, want the lost transaction's error", i, err)
		}
	}
	if n := users(t, d); n != 0 {
		t.Errorf("users = %d, want 0", n)
	}
	if err := d.Write(context.Background(), func(tx *gorm.DB) error { return addUser(tx, "next@desk.test") }); err != nil {
		t.Errorf("the next write: %v", err)
	}
}

// TestNestedTransactions: a write's own tx.Transaction calls are savepoints inside its
// savepoint: an inner one that fails is undone alone, and an outer write that fails
// undoes its inner ones that succeeded.
func TestNestedTransactions(t *testing.T) {
	t.Parallel()
	d := openTest(t)
	release, held := hold(t, d)
	results := queue(t, d,
		func(tx *gorm.DB) error {
			if err := tx.Transaction(func(tx *gorm.DB) error { return addUser(tx, "inner-kept@desk.test") }); err != nil {
				return err
			}
			err := tx.Transaction(func(tx *gorm.DB) error {
				addUser(tx, "inner-undone@desk.test")
				return errRefused
			})
			if !errors.Is(err, errRefused) {
				return fmt.Errorf("inner transaction: %v", err)
			}
			return addUser(tx, "outer-kept@desk.test")
		},
		func(tx *gorm.DB) error {
			if err := tx.Transaction(func(tx *gorm.DB) error { return addUser(tx, "inner-of-failed@desk.test") }); err != nil {
				return err
			}
			return errRefused
		},
		func(tx *gorm.DB) error {
			return tx.Transaction(func(tx *gorm.DB) error {
				return tx.Transaction(func(tx *gorm.DB) error { return addUser(tx, "deep@desk.test") })
			})
		},
	)
	release()
	held()
	errs := results()
	if errs[0] != nil || !errors.Is(errs[1], errRefused) || errs[2] != nil {
		t.Errorf("outcomes %v", errs)
	}
	for email, want := range map[string]bool{
		"inner-kept@desk.test": true, "inner-undone@desk.test": false, "outer-kept@desk.test": true,
		"inner-of-failed@desk.test": false, "deep@desk.test": true,
	} {
		if got := hasUser(t, d, email); got != want {
			t.Errorf("%s saved = %v, want %v", email, got, want)
		}
	}
}

// TestCloseStopsWriter: Close fails the writes still waiting with ErrClosed (a busy
// error: nothing saved, send again), lets the running batch commit, stops the writer,
// and later writes fail with ErrClosed at once.
func TestCloseStopsWriter(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "c.db")
	d, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	holding, free := make(chan struct{}), make(chan struct{})
	running := make(chan error, 1)
	go func() {
		running <- d.Write(context.Background(), func(tx *gorm.DB) error {
			close(holding)
			<-free
			return addUser(tx, "running@desk.test")
		})
	}()
	<-holding
	results := queue(t, d, func(tx *gorm.DB) error { return addUser(tx, "waiting@desk.test") })
	closed := make(chan error)
	go func() { closed <- d.Close() }()
	errs := results() // failed by Close at once, while the running batch goes on
	if !errors.Is(errs[0], ErrClosed) || !errors.Is(errs[0], ErrBusy) {
		t.Errorf("a write waiting at Close: %v, want ErrClosed and ErrBusy", errs[0])
	}
	select {
	case err := <-closed:
		t.Fatalf("Close returned (%v) before the running batch ended", err)
	case <-time.After(20 * time.Millisecond):
	}
	close(free)
	if err := <-running; err != nil {
		t.Errorf("the write running at Close: %v", err)
	}
	if err := <-closed; err != nil {
		t.Errorf("Close: %v", err)
	}
	select {
	case <-d.gc.stopped:
	default:
		t.Error("the writer goroutine still runs after Close")
	}
	if err := d.Write(context.Background(), func(tx *gorm.DB) error { return nil }); !errors.Is(err, ErrClosed) {
		t.Errorf("a write after Close: %v, want ErrClosed", err)
	}
	if err := d.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
	d, err = Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	if !hasUser(t, d, "running@desk.test") || hasUser(t, d, "waiting@desk.test") {
		t.Error("after reopening, want the running write saved and the waiting one not")
	}
}

// BenchmarkWrite: one small insert per write, by 1, 4 or 32 writers at once, with
// group commit ("group") and with one transaction per write behind a mutex, as the
// desk wrote before ("gate"). synchronous=FULL: each commit waits for its fsync.
func BenchmarkWrite(b *testing.B) {
	for _, mode := range []string{"gate", "group"} {
		for _, writers := range []int{1, 4, 32} {
			b.Run(fmt.Sprintf("%s/writers=%d", mode, writers), func(b *testing.B) {
				d, err := Open(context.Background(), filepath.Join(b.TempDir(), "b.db"))
				if err != nil {
					b.Fatal(err)
				}
				defer d.Close()
				var gate sync.Mutex
				write := func(fn func(tx *gorm.DB) error) error {
					if mode == "group" {
						return d.Write(context.Background(), fn)
					}
					gate.Lock()
					defer gate.Unlock()
					return d.Gorm().Transaction(fn)
				}
				var next atomic.Int64
				batches, writes := d.gc.batches.Load(), d.gc.writes.Load()
				b.ResetTimer()
				var wg sync.WaitGroup
				for range writers {
					wg.Go(func() {
						for {
							i := next.Add(1)
							if i > int64(b.N) {
								return
							}
							if err := write(func(tx *gorm.DB) error { return addUser(tx, fmt.Sprintf("b%d@desk.test", i)) }); err != nil {
								b.Error(err)
								return
							}
						}
					})
				}
				wg.Wait()
				b.StopTimer()
				b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "writes/s")
				if n := d.gc.batches.Load() - batches; mode == "group" && n > 0 {
					b.ReportMetric(float64(d.gc.writes.Load()-writes)/float64(n), "writes/commit")
				}
			})
		}
	}
}

// TestWriterStats: the writer counts its commits and the saves they held, and the time
// it was busy with them, of which the commits are a part; the figures only grow.
func TestWriterStats(t *testing.T) {
	t.Parallel()
	d := openTest(t)
	before, ok := d.WriterStats()
	if !ok {
		t.Fatal("no writer stats on SQLite")
	}
	release, held := hold(t, d)
	results := queue(t, d,
		func(tx *gorm.DB) error { return addUser(tx, "one@desk.test") },
		func(tx *gorm.DB) error { return addUser(tx, "two@desk.test") },
		func(tx *gorm.DB) error { return addUser(tx, "three@desk.test") },
	)
	const heldFor = 30 * time.Millisecond
	time.Sleep(heldFor)
	release()
	if err := held(); err != nil {
		t.Fatal(err)
	}
	for _, err := range results() {
		if err != nil {
			t.Fatal(err)
		}
	}
	after, _ := d.WriterStats()
	if got := after.Commits - before.Commits; got != 2 {
		t.Errorf("commits = %d, want 2: the held save's, then the three queued behind it together", got)
	}
	if got := after.Saves - before.Saves; got != 4 {
		t.Errorf("saves = %d, want 4", got)
	}
	busy, committing := after.Busy-before.Busy, after.Committing-before.Committing
	if busy < heldFor {
		t.Errorf("busy %s, want at least the %s the first save held the writer", busy, heldFor)
	}
	if committing <= 0 || committing >= busy {
		t.Errorf("committing %s of busy %s, want a part of it", committing, busy)
	}
}
