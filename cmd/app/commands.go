package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"

	"claimdesk/internal/claims"
	"claimdesk/internal/db"
	"claimdesk/internal/demo"
	"claimdesk/internal/loadtest"
)

// command runs one subcommand with the arguments after its name.
type command func(ctx context.Context, args []string, getenv func(string) string, stdout io.Writer) error

// commands are the subcommands besides serving and user add.
var commands = map[string]command{
	"gen":      gen,
	"backup":   backup,
	"copy":     copyDesk,
	"load":     load,
	"baseline": baseline,
}

// dispatch runs the subcommand args name, if args name one; ok says whether it did.
func dispatch(ctx context.Context, args []string, getenv func(string) string, stdout io.Writer) (ok bool, err error) {
	if len(args) == 0 {
		return false, nil
	}
	cmd, ok := commands[args[0]]
	if !ok {
		return false, nil
	}
	return true, cmd(ctx, args[1:], getenv, stdout)
}

// newFlags returns a flag set for a subcommand that prints its usage to stdout.
func newFlags(name string, stdout io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stdout)
	return fs
}

// parse parses args and refuses anything left over.
func parse(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("%s: unexpected argument %q", fs.Name(), fs.Arg(0))
	}
	return nil
}

// gen fills a database with synthetic claims for load tests.
func gen(ctx context.Context, args []string, getenv func(string) string, stdout io.Writer) error {
	fs := newFlags("gen", stdout)
	n := fs.Int("claims", 0, "how many claims to generate")
	dsn := fs.String("db", envOr(getenv, "DATABASE_URL", "claimdesk.db"), "SQLite database file (env DATABASE_URL)")
	seed := fs.Int64("seed", 1, "random seed: the same seed makes the same claims")
	add := fs.Bool("append", false, "add to a database that has claims already")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *n <= 0 {
		return errors.New("gen: give the number of claims with -claims N")
	}
	start := time.Now()
	d, err := db.Open(ctx, *dsn)
	if err != nil {
		return err
	}
	defer d.Close()
	counts, err := claims.NewService(d).Count(ctx, claims.Filter{})
	if err != nil {
		return err
	}
	if counts.Total > 0 && !*add {
		return fmt.Errorf("gen: %s holds %d claims already; add -append to add more", *dsn, counts.Total)
	}
	if err := demo.Generate(ctx, d, *n, *seed); err != nil {
		return err
	}
	if err := d.Close(); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Generated %d claims into %s in %s; the file is %s.\n", *n, *dsn, time.Since(start).Round(10*time.Millisecond), fileSize(*dsn))
	return nil
}

// backup copies a database, consistently, while the desk may be serving from it.
func backup(ctx context.Context, args []string, getenv func(string) string, stdout io.Writer) error {
	fs := newFlags("backup", stdout)
	dsn := fs.String("db", envOr(getenv, "DATABASE_URL", "claimdesk.db"), "SQLite database file (env DATABASE_URL)")
	to := fs.String("to", "", "the new file to write the copy to")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *to == "" {
		return errors.New("backup: give the file to copy to with -to FILE")
	}
	if _, err := os.Stat(*dsn); err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	start := time.Now()
	d, err := db.Open(ctx, *dsn)
	if err != nil {
		return err
	}
	defer d.Close()
	if err := d.Backup(ctx, *to); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Backed up %s to %s in %s; the copy is %s and passes the integrity check.\n", *dsn, *to, time.Since(start).Round(10*time.Millisecond), fileSize(*to))
	return nil
}

// copyDesk copies a desk from its SQLite file into an empty PostgreSQL database and
// checks the copy table by table.
func copyDesk(ctx context.Context, args []string, getenv func(string) string, stdout io.Writer) error {
	fs := newFlags("copy", stdout)
	from := fs.String("from", "claimdesk.db", "the SQLite desk to copy")
	to := fs.String("to", "", "the empty PostgreSQL database to copy it into (postgres://...)")
	verbose := fs.Bool("v", false, "say how long each step takes")
	if err := parse(fs, args); err != nil {
		return err
	}
	if !db.IsPostgres(*to) {
		return errors.New("copy: give the PostgreSQL database to copy into with -to postgres://...")
	}
	// Open would make a new, empty desk of a mistyped name.
	if _, err := os.Stat(*from); err != nil {
		return fmt.Errorf("copy: %w", err)
	}
	src, err := db.Open(ctx, *from)
	if err != nil {
		return err
	}
	defer src.Close()
	dst, err := db.Open(ctx, *to)
	if err != nil {
		return err
	}
	defer dst.Close()
	progress := io.Discard
	if *verbose {
		progress = stdout
	}
	rep, err := db.Copy(ctx, src, dst, progress)
	if err != nil {
		return err
	}
	printCopy(stdout, rep)
	fmt.Fprintf(stdout, "Copied %s into PostgreSQL in %s; every copied table's rows and checksum match.\n", *from, rep.Took.Round(10*time.Millisecond))
	return nil
}

// printCopy prints what became of each table: rows and checksum of the copied ones,
// what was rebuilt, and what was left out, by reason.
func printCopy(w io.Writer, rep *db.CopyReport) {
	width := len("table")
	for _, t := range rep.Tables {
		if t.How != db.CopyLeftOut {
			width = max(width, len(t.Name))
		}
	}
	fmt.Fprintf(w, "%-*s %9s\n", width, "table", "rows")
	var reasons []string
	left := map[string][]string{}
	for _, t := range rep.Tables {
		switch t.How {
		case db.CopyCopied, db.CopyReplaced:
			fmt.Fprintf(w, "%-*s %9d  checksum ok %.12s\n", width, t.Name, t.Rows, t.Checksum)
		case db.CopyRebuilt:
			fmt.Fprintf(w, "%-*s %9d  rebuilt: %s\n", width, t.Name, t.Rows, t.Why)
		default:
			if left[t.Why] == nil {
				reasons = append(reasons, t.Why)
			}
			left[t.Why] = append(left[t.Why], t.Name)
		}
	}
	for _, why := range reasons {
		fmt.Fprintf(w, "Left out: %s (%s).\n", strings.Join(left[why], ", "), why)
	}
}

// fileSize describes the size of the file at path, or says it is unknown.
func fileSize(path string) string {
	fi, err := os.Stat(path)
	if err != nil {
		return "of unknown size"
	}
	return fmt.Sprintf("%.1f MiB", float64(fi.Size())/(1<<20))
}

// load measures the desk's routes against the trivial baseline handler, each served by
// a child process of this program, and prints the report.
func load(ctx context.Context, args []string, getenv func(string) string, stdout io.Writer) error {
	fs := newFlags("load", stdout)
	n := fs.Int("claims", 100_000, "claims in the database; generated if the file is missing")
	secs := fs.Float64("seconds", 5, "length of each timed run")
	rounds := fs.Int("rounds", 3, "interleaved baseline and desk runs per route")
	conns := fs.Int("conns", 4, "concurrent connections, unless a route says otherwise")
	path := fs.String("db", "", "database file (default: a cached file in the temporary directory, one per -claims)")
	list := fs.String("routes", "", "comma-separated routes to measure (default all): dashboard, contested, country, page500, claim, sources, search, verdict, citation, writers32, mixed")
	if err := parse(fs, args); err != nil {
		return err
	}
	routes, err := loadtest.SelectRoutes(*list)
	if err != nil {
		return err
	}
	if *path == "" {
		*path = filepath.Join(os.TempDir(), fmt.Sprintf("claimdesk-load-%d-gen%d.db", *n, demo.Generation))
	}
	fix, err := loadtest.Prepare(ctx, *path, *n, stdout)
	if err != nil {
		return err
	}
	exe, err := os.Executable()
	if err != nil {
		return err
	}
	logPath := filepath.Join(os.TempDir(), "claimdesk-load-children.log")
	logFile, err := os.Create(logPath)
	if err != nil {
		return err
	}
	defer logFile.Close()
	baseAddr, err := loadtest.FreeAddr()
	if err != nil {
		return err
	}
	appAddr, err := loadtest.FreeAddr()
	if err != nil {
		return err
	}
	base, err := loadtest.StartChild(ctx, logFile, "http://"+baseAddr+"/", exe, "baseline", "-addr", baseAddr)
	if err != nil {
		return fmt.Errorf("%w (output in %s)", err, logPath)
	}
	defer base.Stop()
	metricsAddr, err := loadtest.FreeAddr()
	if err != nil {
		return err
	}
	app, err := loadtest.StartChild(ctx, logFile, "http://"+appAddr+"/healthz", exe, "-db", *path, "-addr", appAddr, "-metrics-addr", metricsAddr)
	if err != nil {
		return fmt.Errorf("%w (output in %s)", err, logPath)
	}
	defer app.Stop()

	client := loadtest.NewClient()
	cookie, err := loadtest.Login(ctx, client, "http://"+appAddr, fix.Email, fix.Password)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Desk on %s over %s (%d claims), baseline on %s; children's output in %s.\n",
		appAddr, *path, len(fix.ClaimIDs), baseAddr, logPath)
	rep, err := loadtest.Run(ctx, loadtest.Config{
		BaseURL: "http://" + appAddr, BaselineURL: "http://" + baseAddr + "/", Client: client, Cookie: cookie,
		Routes: routes, Rounds: *rounds, Duration: time.Duration(*secs * float64(time.Second)), Conns: *conns,
		ClaimIDs: fix.ClaimIDs, SourceIDs: fix.SourceIDs, Progress: stdout, MetricsURL: "http://" + metricsAddr + "/metrics",
	})
	if rep != nil {
		rep.PeakRSSKB = app.PeakRSSKB()
		fmt.Fprintln(stdout)
		rep.Print(stdout)
	}
	return err
}

// baseline serves the trivial echo/v4 handler the load test compares the desk with.
func baseline(ctx context.Context, args []string, getenv func(string) string, stdout io.Writer) error {
	fs := newFlags("baseline", stdout)
	addr := fs.String("addr", "127.0.0.1:18080", "address to listen on")
	if err := parse(fs, args); err != nil {
		return err
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: loadtest.Baseline(), ReadHeaderTimeout: 10 * time.Second}
	go func() {
		<-ctx.Done()
		srv.Close()
	}()
	if err := srv.Serve(ln); !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
