package db

import (
	"context"
	"fmt"
	"runtime/debug"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"gorm.io/gorm"
)

// maxBatch bounds how many waiting writes share one SQLite transaction, so a write
// taken last in a batch does not wait behind too many others' work before its commit.
const maxBatch = 64

// ErrClosed is the error of a write that was still waiting for its turn when the
// database was closed (the desk is stopping): nothing of it was saved. It wraps
// ErrBusy, so callers answer it as they answer a busy desk: send it again later.
var ErrClosed = fmt.Errorf("db: the database was closed before the write got its turn, so nothing was saved: %w", ErrBusy)

// States of a write in the queue. The writer takes a write, or its caller abandons it
// (it waited too long, or its context ended), by one compare-and-swap from waiting:
// whichever comes first decides, so an abandoned write never runs later and a taken
// one always gets its answer.
const (
	writeWaiting int32 = iota
	writeTaken
	writeAbandoned
)

// writeReq is one caller's write, waiting in the queue or in a batch.
type writeReq struct {
	ctx   context.Context // the caller's context, without its cancellation
	fn    func(tx *gorm.DB) error
	state atomic.Int32
	done  chan error // buffered: the write's outcome, sent once its batch committed or failed
}

// groupCommit is SQLite's single writer in this process: one goroutine that takes the
// writes in the order they arrived and commits those already waiting together, in one
// durable transaction (group commit). Each write runs in a savepoint of its own, so a
// write that fails leaves no trace while the others of its batch are saved, and each
// caller hears back only once the commit that holds its write is on disk.
type groupCommit struct {
	mu      sync.Mutex
	waiting []*writeReq   // oldest first; abandoned ones are dropped when reached
	closed  bool          // set by Close: no more writes are taken into the queue
	wake    chan struct{} // holds one signal when writes may be waiting
	closing chan struct{} // closed by Close: the writer ends once its batch is done
	stopped chan struct{} // closed when the writer goroutine has ended
	once    sync.Once

	// Totals since Open: batches committed or failed, the writes they held, the time
	// the writer spent on them (running their writes and committing), and the part of it
	// spent in COMMIT (writing the log, waiting for the disk, checkpoints).
	batches, writes      atomic.Int64
	busyNS, committingNS atomic.Int64
}

// WriterStats are the totals of SQLite's writer since the database was opened. Saves ÷
// Commits is how many saves shared a commit; Busy's growth over a stretch of time, as a
// share of it, is how close the writer is to its limit (1: every moment of it).
type WriterStats struct {
	Commits, Saves   int64
	Busy, Committing time.Duration
}

// WriterStats returns the writer's totals; false on PostgreSQL, which has no writer here.
func (d *DB) WriterStats() (WriterStats, bool) {
	g := d.gc
	if g == nil {
		return WriterStats{}, false
	}
	return WriterStats{Commits: g.batches.Load(), Saves: g.writes.Load(),
		Busy: time.Duration(g.busyNS.Load()), Committing: time.Duration(g.committingNS.Load())}, true
}

func newGroupCommit() *groupCommit {
	return &groupCommit{wake: make(chan struct{}, 1), closing: make(chan struct{}), stopped: make(chan struct{})}
}

// startWriter starts the writer goroutine of a SQLite database.
func (d *DB) startWriter() {
	d.gc = newGroupCommit()
	go d.writeLoop()
}

// writeSQLite queues fn and waits until the transaction holding it has committed, or
// until it gives up waiting for its turn (after limit, or when ctx ends).
func (d *DB) writeSQLite(ctx context.Context, limit time.Duration, fn func(tx *gorm.DB) error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	g := d.gc
	r := &writeReq{ctx: context.WithoutCancel(ctx), fn: fn, done: make(chan error, 1)}
	g.mu.Lock()
	if g.closed {
		g.mu.Unlock()
		return ErrClosed
	}
	g.waiting = append(g.waiting, r)
	g.mu.Unlock()
	select {
	case g.wake <- struct{}{}:
	default: // a signal is pending already
	}

	wait := time.NewTimer(limit)
	defer wait.Stop()
	select {
	case err := <-r.done:
		return err
	case <-wait.C:
		if r.state.CompareAndSwap(writeWaiting, writeAbandoned) {
			return fmt.Errorf("db: waited %s for a turn to write: %w", limit, ErrBusy)
		}
	case <-ctx.Done():
		if r.state.CompareAndSwap(writeWaiting, writeAbandoned) {
			return ctx.Err()
		}
	}
	// The writer took it first: once started, a write runs to its end.
	return <-r.done
}

// take removes up to limit writes from the head of the queue, marking each taken;
// writes their callers abandoned are dropped on the way.
func (g *groupCommit) take(limit int) []*writeReq {
	g.mu.Lock()
	defer g.mu.Unlock()
	var batch []*writeReq
	n := 0
	for _, r := range g.waiting {
		if len(batch) == limit {
			break
		}
		n++
		if r.state.CompareAndSwap(writeWaiting, writeTaken) {
			batch = append(batch, r)
		}
	}
	clear(g.waiting[:n])
	g.waiting = g.waiting[n:]
	if len(g.waiting) == 0 {
		g.waiting = nil
	}
	return batch
}

// writeLoop is the writer goroutine: batch after batch of what is waiting, until Close.
// It never lingers to collect more writes: a lone write is committed at once, and the
// writes that arrive meanwhile make the next batch.
func (d *DB) writeLoop() {
	g := d.gc
	defer close(g.stopped)
	for {
		select {
		case <-g.wake:
		case <-g.closing:
			return
		}
		for {
			// The token keeps the readiness probe's write (ready.go) from running
			// beside a batch.
			d.writes <- struct{}{}
			batch := g.take(maxBatch)
			if len(batch) == 0 {
				<-d.writes
				break
			}
			start := time.Now()
			errs := d.commitBatch(batch)
			g.busyNS.Add(int64(time.Since(start)))
			if d.ckpt != nil {
				d.ckpt.committed()
			}
			<-d.writes
			g.batches.Add(1)
			g.writes.Add(int64(len(batch)))
			for i, r := range batch {
				r.done <- errs[i]
			}
		}
	}
}

// commitBatch runs the writes of batch in order in one transaction, each in a
// savepoint of its own, and commits once. It returns each write's outcome: nil if it
// is saved, else the write's own error (its savepoint was rolled back), or, when the
// transaction as a whole failed, that failure for every write: none of them is saved.
func (d *DB) commitBatch(batch []*writeReq) []error {
	errs := make([]error, len(batch))
	// failAll gives err to every write that has no error of its own yet.
	failAll := func(err error) []error {
		for i := range errs {
			if errs[i] == nil {
				errs[i] = err
			}
		}
		return errs
	}
	tx := d.gorm.WithContext(context.Background()).Begin()
	if tx.Error != nil {
		return failAll(classify(tx.Error))
	}
	if len(batch) == 1 {
		// A lone write has the transaction to itself: no savepoint needed.
		if err := call(tx.WithContext(batch[0].ctx), batch[0].fn); err != nil {
			tx.Rollback()
			return failAll(classify(err))
		}
	} else if err := runSavepoints(tx, batch, errs); err != nil {
		tx.Rollback()
		return failAll(fmt.Errorf("db: nothing was saved: the transaction this write shared with %d others was rolled back: %w", len(batch)-1, err))
	}
	start := time.Now()
	err := tx.Commit().Error
	d.gc.committingNS.Add(int64(time.Since(start)))
	if err != nil {
		return failAll(classify(fmt.Errorf("db: commit of %d writes: %w", len(batch), err)))
	}
	return errs
}

// runSavepoints runs each write of batch in a savepoint of its own, in order, and
// records in errs the error of each write that failed (its savepoint rolled back, so
// nothing of it stays). It returns an error if the transaction itself is gone: on some
// errors (SQLITE_FULL among them) SQLite rolls back the whole transaction, and then
// ROLLBACK TO or RELEASE fails. What ran before is lost then, and nothing after runs.
func runSavepoints(tx *gorm.DB, batch []*writeReq, errs []error) error {
	// exec runs a savepoint command on the transaction's connection, past GORM.
	exec := func(sql string) error {
		_, err := tx.Statement.ConnPool.ExecContext(context.Background(), sql)
		return err
	}
	for i, r := range batch {
		sp := "claimdesk_write_" + strconv.Itoa(i)
		if err := exec("SAVEPOINT " + sp); err != nil {
			return classify(err)
		}
		if err := call(tx.WithContext(r.ctx), r.fn); err != nil {
			errs[i] = classify(err)
			if exec("ROLLBACK TO SAVEPOINT "+sp) != nil {
				return errs[i]
			}
		}
		if err := exec("RELEASE SAVEPOINT " + sp); err != nil {
			return classify(err)
		}
	}
	return nil
}

// call runs fn, turning a panic into the write's error: the panic happens on the writer
// goroutine, not the caller's, and must not stop the writes that share its batch.
func call(tx *gorm.DB, fn func(tx *gorm.DB) error) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = &PanicError{Value: p, Stack: debug.Stack()}
		}
	}()
	return fn(tx)
}

// PanicError is the error of a write whose function panicked; its savepoint was
// rolled back, so nothing of it is saved.
type PanicError struct {
	Value any    // what the function panicked with
	Stack []byte // the writer goroutine's stack at the panic
}

func (p *PanicError) Error() string {
	return fmt.Sprintf("db: the write panicked: %v\n%s", p.Value, p.Stack)
}

// Unwrap returns the panic's value if it is an error.
func (p *PanicError) Unwrap() error {
	err, _ := p.Value.(error)
	return err
}

// stop refuses new writes, fails those still waiting with ErrClosed, and waits for the
// writer to finish the batch it is committing, if any.
func (g *groupCommit) stop() {
	g.once.Do(func() {
		g.mu.Lock()
		g.closed = true
		waiting := g.waiting
		g.waiting = nil
		g.mu.Unlock()
		for _, r := range waiting {
			if r.state.CompareAndSwap(writeWaiting, writeTaken) {
				r.done <- ErrClosed
			}
		}
		close(g.closing)
	})
	<-g.stopped
}
