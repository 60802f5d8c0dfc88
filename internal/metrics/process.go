package metrics

import (
	"database/sql"
	"runtime"
	"time"
)

// RegisterProcess adds the process's start time and the Go version it was built with.
func (r *Registry) RegisterProcess(start time.Time) {
	unix := float64(start.UnixNano()) / 1e9
	r.GaugeFunc("process_start_time_seconds", "Start time of the process since the Unix epoch, in seconds.", func() float64 { return unix })
	r.Info("go_info", "Version of Go the desk was built with.", "version", runtime.Version())
}

// RegisterDBPool adds a database connection pool's figures, read from stats at each
// scrape; any engine behind database/sql reports them the same way.
func (r *Registry) RegisterDBPool(stats func() sql.DBStats) {
	r.GaugeFunc("claimdesk_db_connections_open", "Connections to the database open now, in use or idle.", func() float64 { return float64(stats().OpenConnections) })
	r.GaugeFunc("claimdesk_db_connections_in_use", "Connections to the database serving a query now.", func() float64 { return float64(stats().InUse) })
	r.GaugeFunc("claimdesk_db_connections_idle", "Connections to the database open and idle now.", func() float64 { return float64(stats().Idle) })
	r.GaugeFunc("claimdesk_db_connections_max_open", "Most connections the pool opens at once.", func() float64 { return float64(stats().MaxOpenConnections) })
	r.CounterFunc("claimdesk_db_wait_total", "Times a query waited for a free connection.", func() float64 { return float64(stats().WaitCount) })
	r.CounterFunc("claimdesk_db_wait_seconds_total", "Time queries spent waiting for a free connection, in seconds.", func() float64 { return stats().WaitDuration.Seconds() })
}
