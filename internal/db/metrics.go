package db

import "claimdesk/internal/metrics"

// RegisterMetrics adds SQLite's writer's totals to reg (see WriterStats); nothing on
// PostgreSQL.
func (d *DB) RegisterMetrics(reg *metrics.Registry) {
	if _, ok := d.WriterStats(); !ok {
		return
	}
	stat := func(f func(WriterStats) float64) func() float64 {
		return func() float64 {
			st, _ := d.WriterStats()
			return f(st)
		}
	}
	reg.CounterFunc("claimdesk_sqlite_commits_total", "Transactions SQLite's writer committed (or failed), each holding one or more saves.",
		stat(func(st WriterStats) float64 { return float64(st.Commits) }))
	reg.CounterFunc("claimdesk_sqlite_saves_total", "Saves SQLite's writer ran; divided by commits, how many shared a commit.",
		stat(func(st WriterStats) float64 { return float64(st.Saves) }))
	reg.CounterFunc("claimdesk_sqlite_writer_busy_seconds_total", "Time SQLite's writer spent running saves and committing them; its rate is the writer's load, 1 when it never rests.",
		stat(func(st WriterStats) float64 { return st.Busy.Seconds() }))
	reg.CounterFunc("claimdesk_sqlite_commit_seconds_total", "Time SQLite's writer spent in COMMIT: writing the log, waiting for the disk, checkpoints.",
		stat(func(st WriterStats) float64 { return st.Committing.Seconds() }))
}
