package loadtest

import (
	"bufio"
	"context"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// writerTotals are the SQLite writer's counters as the desk's /metrics gives them.
type writerTotals struct {
	commits, saves, busy, committing float64 // busy and committing in seconds
}

// writerMetrics names the counters of writerTotals, in its order.
var writerMetrics = []string{
	"claimdesk_sqlite_commits_total",
	"claimdesk_sqlite_saves_total",
	"claimdesk_sqlite_writer_busy_seconds_total",
	"claimdesk_sqlite_commit_seconds_total",
}

func (a writerTotals) minus(b writerTotals) writerTotals {
	return writerTotals{a.commits - b.commits, a.saves - b.saves, a.busy - b.busy, a.committing - b.committing}
}

func (a writerTotals) plus(b writerTotals) writerTotals {
	return writerTotals{a.commits + b.commits, a.saves + b.saves, a.busy + b.busy, a.committing + b.committing}
}

// writerTotals reads the writer's counters from the desk's metrics; false when they
// cannot be read or the desk has none (on PostgreSQL).
func (r *runner) writerTotals(ctx context.Context) (writerTotals, bool) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, r.cfg.MetricsURL, nil)
	if err != nil {
		return writerTotals{}, false
	}
	res, err := r.cfg.Client.Do(req)
	if err != nil {
		return writerTotals{}, false
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		return writerTotals{}, false
	}
	return parseWriterTotals(bufio.NewScanner(res.Body))
}

// parseWriterTotals reads the writer's counters from the lines of a metrics page.
func parseWriterTotals(lines *bufio.Scanner) (writerTotals, bool) {
	values := map[string]float64{}
	for lines.Scan() {
		name, value, ok := strings.Cut(lines.Text(), " ")
		if !ok || strings.HasPrefix(name, "#") {
			continue
		}
		if v, err := strconv.ParseFloat(strings.TrimSpace(value), 64); err == nil {
			values[name] = v
		}
	}
	got := make([]float64, len(writerMetrics))
	for i, name := range writerMetrics {
		v, ok := values[name]
		if !ok {
			return writerTotals{}, false
		}
		got[i] = v
	}
	return writerTotals{got[0], got[1], got[2], got[3]}, lines.Err() == nil
}

// seconds turns a count of seconds into a Duration.
func seconds(s float64) time.Duration { return time.Duration(s * float64(time.Second)) }
