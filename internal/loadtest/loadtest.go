// Package loadtest measures the desk's throughput as a share of a trivial echo/v4
// handler's: timed runs of the same length against both servers, interleaved round by
// round, so the machine's noise hits both alike and the ratio is what to compare.
package loadtest

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"slices"
	"strings"
	"sync"
	"time"
)

// Config says what to measure and against what.
type Config struct {
	// BaseURL is the desk, e.g. http://127.0.0.1:8080, without a trailing slash.
	BaseURL string
	// BaselineURL is the page of the trivial handler, e.g. http://127.0.0.1:18080/.
	BaselineURL string
	// Client sends every request; nil means NewClient(). It must not follow redirects.
	Client *http.Client
	// Cookie is sent with every request to the desk, e.g. "claimdesk_session=…" from Login.
	Cookie string
	// Routes are measured in order; nil means every route of Routes().
	Routes []Route
	// Rounds is how many pairs of runs (baseline, then desk) each route gets.
	Rounds int
	// Duration is the length of each run.
	Duration time.Duration
	// Conns is how many requests are in flight at once, unless a route says otherwise.
	Conns int
	// ClaimIDs and SourceIDs are existing records the routes pick from.
	ClaimIDs, SourceIDs []int64
	// Progress, if not nil, gets a line per run as the test goes.
	Progress io.Writer
	// MetricsURL, if set, is the desk's /metrics: around its runs of the write routes,
	// the harness reads how busy SQLite's writer was (see WriterLoad).
	MetricsURL string
}

// Report is the outcome of Run: a row per route.
type Report struct {
	Rounds   int
	Duration time.Duration
	Rows     []Row
	// PeakRSSKB is the desk process's peak resident memory in KiB, 0 when unknown.
	PeakRSSKB int64
}

// Row is one route's measurement over all its rounds.
type Row struct {
	Route, Path string
	Write       bool
	Conns       int
	// Ratios are each round's desk requests/s divided by the baseline's of that round.
	Ratios []float64
	// Ratio is the median of Ratios.
	Ratio float64
	// PerSec and BaselinePerSec are the medians over rounds of requests per second.
	PerSec, BaselinePerSec float64
	// Requests is how many timed requests the desk answered over all rounds.
	Requests int64
	// P50 and P99 are latency percentiles of the desk's requests over all rounds.
	P50, P99 time.Duration
	// Errors counts transport errors and unexpected statuses (reads expect 200, writes 2xx or 3xx).
	Errors int64
	// FirstError describes one of the errors, to start looking from.
	FirstError string
	// Writer is how SQLite's one writer fared over the desk's runs of a write route;
	// nil for reads, on PostgreSQL, or without Config.MetricsURL.
	Writer *WriterLoad
}

// WriterLoad is SQLite's writer over the desk's runs of a route, from its metrics.
type WriterLoad struct {
	// Busy is the share of the runs' time the writer spent running saves and committing
	// them: near 1, it is what bounds the route.
	Busy float64
	// SavesPerCommit is how many saves shared a commit, on average.
	SavesPerCommit float64
	// PerSave is the writer's time per save, its commit's share included; Commit is the
	// mean time of one COMMIT (the log written, the disk waited for, checkpoints).
	PerSave, Commit time.Duration
}

// NewClient returns a keep-alive client for load: many idle connections per host, no
// redirects followed, no compression.
func NewClient() *http.Client {
	return &http.Client{
		Transport: &http.Transport{
			Proxy:               nil,
			MaxIdleConns:        1024,
			MaxIdleConnsPerHost: 1024,
			IdleConnTimeout:     90 * time.Second,
			DisableCompression:  true,
		},
		Timeout:       30 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
}

// Run measures every route of cfg and returns the report. It stops early, with the
// context's error, when ctx is cancelled.
func Run(ctx context.Context, cfg Config) (*Report, error) {
	if cfg.Client == nil {
		cfg.Client = NewClient()
	}
	if cfg.Routes == nil {
		cfg.Routes = Routes()
	}
	if cfg.Rounds < 1 || cfg.Duration <= 0 || cfg.Conns < 1 {
		return nil, errors.New("loadtest: rounds, duration and conns must be positive")
	}
	if len(cfg.ClaimIDs) == 0 || len(cfg.SourceIDs) == 0 {
		return nil, errors.New("loadtest: no claims or sources to load")
	}
	r := newRunner(cfg)
	rep := &Report{Rounds: cfg.Rounds, Duration: cfg.Duration}
	for _, route := range cfg.Routes {
		row, err := r.measureRoute(ctx, route)
		if err != nil {
			return rep, err
		}
		rep.Rows = append(rep.Rows, row)
	}
	return rep, nil
}

// measureRoute interleaves the rounds of baseline and desk runs of one route.
func (r *runner) measureRoute(ctx context.Context, route Route) (Row, error) {
	conns := r.cfg.Conns
	if route.Conns > 0 {
		conns = route.Conns
	}
	row := Row{Route: route.Name, Path: route.Path, Write: route.Write, Conns: conns}
	var perSec, basePerSec []float64
	var lats []time.Duration
	var writer writerTotals // summed over the desk's runs
	var writerTime time.Duration
	watch := route.Write && r.cfg.MetricsURL != ""
	for round := 1; round <= r.cfg.Rounds; round++ {
		base := r.measure(ctx, conns, false, func(w *worker) outcome { return w.get(r.cfg.BaselineURL, "") })
		var before writerTotals
		if watch {
			before, watch = r.writerTotals(ctx)
		}
		app := r.measure(ctx, conns, true, route.do)
		if watch {
			var after writerTotals
			if after, watch = r.writerTotals(ctx); watch {
				writer = writer.plus(after.minus(before))
				writerTime += app.elapsed
			}
		}
		if err := ctx.Err(); err != nil {
			return row, err
		}
		ratio := 0.0
		if base.perSec() > 0 {
			ratio = app.perSec() / base.perSec()
		}
		row.Ratios = append(row.Ratios, ratio)
		perSec, basePerSec = append(perSec, app.perSec()), append(basePerSec, base.perSec())
		lats = append(lats, app.lats...)
		row.Requests += app.count
		row.Errors += app.errors
		if row.FirstError == "" {
			row.FirstError = app.firstError
		}
		if base.errors > 0 {
			return row, fmt.Errorf("loadtest: the baseline failed %d times: %s", base.errors, base.firstError)
		}
		if r.cfg.Progress != nil {
			fmt.Fprintf(r.cfg.Progress, "%s round %d: baseline %.0f req/s, desk %.0f req/s, ratio %.4f, errors %d\n",
				route.Name, round, base.perSec(), app.perSec(), ratio, app.errors)
		}
	}
	row.Ratio, row.PerSec, row.BaselinePerSec = median(row.Ratios), median(perSec), median(basePerSec)
	if watch && writer.commits > 0 && writer.saves > 0 {
		row.Writer = &WriterLoad{Busy: writer.busy / writerTime.Seconds(), SavesPerCommit: writer.saves / writer.commits,
			PerSave: seconds(writer.busy / writer.saves), Commit: seconds(writer.committing / writer.commits)}
	}
	slices.Sort(lats)
	row.P50, row.P99 = percentile(lats, 50), percentile(lats, 99)
	return row, nil
}

// runner holds what the workers of every run share.
type runner struct {
	cfg Config
	// writePool is the few claims verdicts are given to, so a worker mostly knows their
	// versions and seldom has to fetch a page first; worker i of n writes to the claims at
	// i, i+n, i+2n… so two workers never race on one claim.
	writePool []int64
	inPool    map[int64]bool
	mu        sync.Mutex
	claims    map[int64]claimState // what the last write or fetch left each pool claim at
}

// claimState is a claim's version and verdict as last seen.
type claimState struct {
	version int
	verdict string
}

// writePoolSize is how many claims verdict writes go to.
const writePoolSize = 256

func newRunner(cfg Config) *runner {
	pool := slices.Clone(cfg.ClaimIDs)
	rand.New(rand.NewPCG(1, 2)).Shuffle(len(pool), func(i, j int) { pool[i], pool[j] = pool[j], pool[i] })
	r := &runner{cfg: cfg, writePool: pool[:min(writePoolSize, len(pool))], inPool: map[int64]bool{}, claims: map[int64]claimState{}}
	for _, id := range r.writePool {
		r.inPool[id] = true
	}
	return r
}

// outcome is one timed request: its latency, and why it failed if it did.
type outcome struct {
	lat     time.Duration
	failure string
}

// result is what one worker, or one whole run, counted.
type result struct {
	count, errors int64
	lats          []time.Duration
	firstError    string
	elapsed       time.Duration
}

func (r *result) add(o outcome, keep bool) {
	r.count++
	if o.failure != "" {
		r.errors++
		if r.firstError == "" {
			r.firstError = o.failure
		}
	}
	if keep && o.lat > 0 {
		r.lats = append(r.lats, o.lat)
	}
}

func (r result) perSec() float64 {
	if r.elapsed <= 0 {
		return 0
	}
	return float64(r.count) / r.elapsed.Seconds()
}

// measure runs conns workers calling do until the run's time is up, and adds up what
// they counted. Latencies are kept only when keep is set (the baseline's are not used).
func (r *runner) measure(ctx context.Context, conns int, keep bool, do func(*worker) outcome) result {
	start := time.Now()
	end := start.Add(r.cfg.Duration)
	results := make([]result, conns)
	var wg sync.WaitGroup
	for i := range conns {
		w := &worker{r: r, ctx: ctx, index: i, of: conns, rng: rand.New(rand.NewPCG(uint64(i), uint64(start.UnixNano())))}
		wg.Go(func() {
			for time.Now().Before(end) && ctx.Err() == nil {
				results[i].add(do(w), keep)
			}
		})
	}
	wg.Wait()
	total := result{elapsed: time.Since(start)}
	for _, res := range results {
		total.count += res.count
		total.errors += res.errors
		total.lats = append(total.lats, res.lats...)
		if total.firstError == "" {
			total.firstError = res.firstError
		}
	}
	return total
}

// median returns the middle value of xs (the lower middle of an even count), 0 for none.
func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Sorted(slices.Values(xs))
	return s[(len(s)-1)/2]
}

// percentile returns the p-th percentile of sorted latencies, 0 for none.
func percentile(sorted []time.Duration, p int) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	i := (len(sorted)*p + 99) / 100
	return sorted[min(max(i-1, 0), len(sorted)-1)]
}

// Print writes the report as a table.
func (rep *Report) Print(w io.Writer) {
	fmt.Fprintf(w, "%d rounds of %s per route; ratio = desk req/s ÷ baseline req/s of the same round, median over rounds\n\n", rep.Rounds, rep.Duration)
	var b strings.Builder
	fmt.Fprintf(&b, "%-10s  %-28s  %5s  %7s  %10s  %10s  %9s  %9s  %9s  %6s\n",
		"route", "path", "conns", "ratio", "desk req/s", "base req/s", "requests", "p50", "p99", "errors")
	for _, row := range rep.Rows {
		fmt.Fprintf(&b, "%-10s  %-28s  %5d  %7.4f  %10.0f  %10.0f  %9d  %9s  %9s  %6d\n",
			row.Route, row.Path, row.Conns, row.Ratio, row.PerSec, row.BaselinePerSec, row.Requests,
			round(row.P50), round(row.P99), row.Errors)
	}
	io.WriteString(w, b.String())
	for _, row := range rep.Rows {
		if row.FirstError != "" {
			fmt.Fprintf(w, "first error of %s: %s\n", row.Route, row.FirstError)
		}
	}
	var writer strings.Builder
	for _, row := range rep.Rows {
		if l := row.Writer; l != nil {
			fmt.Fprintf(&writer, "%-10s  %5.0f%%  %12.1f  %9s  %9s\n", row.Route, 100*l.Busy, l.SavesPerCommit, round(l.PerSave), round(l.Commit))
		}
	}
	if writer.Len() > 0 {
		fmt.Fprintf(w, "\nSQLite's one writer over the desk's runs of the write routes (busy: share of the time it ran or committed saves):\n\n")
		fmt.Fprintf(w, "%-10s  %6s  %12s  %9s  %9s\n%s", "route", "busy", "saves/commit", "per save", "commit", writer.String())
	}
	if rep.PeakRSSKB > 0 {
		fmt.Fprintf(w, "\ndesk process peak RSS (VmHWM): %.1f MiB\n", float64(rep.PeakRSSKB)/1024)
	}
}

// round shortens a latency to three significant digits or so.
func round(d time.Duration) time.Duration {
	switch {
	case d >= 100*time.Millisecond:
		return d.Round(time.Millisecond)
	case d >= time.Millisecond:
		return d.Round(10 * time.Microsecond)
	}
	return d.Round(time.Microsecond)
}
