// Command app runs Claimdesk, the verification desk for claims of attacks.
//
//	go run ./cmd/app [-demo] [-addr 127.0.0.1:8080] [-db claimdesk.db]
//	go run ./cmd/app user add -email E -role R   (password on standard input)
//	go run ./cmd/app gen | backup | load ...      (see -h)
package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"claimdesk/internal/auth"
	"claimdesk/internal/claims"
	"claimdesk/internal/db"
	"claimdesk/internal/demo"
	"claimdesk/internal/events"
	"claimdesk/internal/metrics"
	"claimdesk/internal/web"

	"golang.org/x/term"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Getenv, os.Stdin, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "claimdesk:", err)
		os.Exit(1)
	}
}

// commandList names the commands besides serving, as usage shows them.
const commandList = `  claimdesk user add -email E -role R [-name N]   add an account (password on standard input)
  claimdesk gen -claims N                         fill a database with synthetic claims
  claimdesk backup -to FILE                       copy the database safely while the desk runs
  claimdesk copy -from FILE -to postgres://…      move a SQLite desk into an empty PostgreSQL database
  claimdesk load [-claims N] [-routes LIST]       measure the desk against a trivial handler
`

// config is what the flags and environment say.
type config struct {
	addr, dsn, baseURL string
	demo               bool
	trustedProxies     cidrList
	logFormat          string
	logLevel           slog.Level
	metricsAddr        string
}

// cidrList is a repeatable flag of address ranges, each "10.0.0.0/8" or a single address.
type cidrList []*net.IPNet

func (l *cidrList) String() string {
	var s []string
	for _, n := range *l {
		s = append(s, n.String())
	}
	return strings.Join(s, ",")
}

// Set adds the comma-separated ranges in v.
func (l *cidrList) Set(v string) error {
	for _, part := range strings.Split(v, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		if ip := net.ParseIP(part); ip != nil {
			bits := 8 * len(ip.To16())
			if ip.To4() != nil {
				ip, bits = ip.To4(), 32
			}
			*l = append(*l, &net.IPNet{IP: ip, Mask: net.CIDRMask(bits, bits)})
			continue
		}
		_, n, err := net.ParseCIDR(part)
		if err != nil {
			return fmt.Errorf("%q is not an address or a range like 10.0.0.0/8", part)
		}
		*l = append(*l, n)
	}
	return nil
}

func parseFlags(fs *flag.FlagSet, args []string, getenv func(string) string) (*config, error) {
	cfg := &config{}
	fs.StringVar(&cfg.addr, "addr", envOr(getenv, "CLAIMDESK_ADDR", "127.0.0.1:8080"), "address to listen on (env CLAIMDESK_ADDR)")
	fs.StringVar(&cfg.dsn, "db", envOr(getenv, "DATABASE_URL", "claimdesk.db"), "SQLite database file or postgres:// URL (env DATABASE_URL)")
	fs.StringVar(&cfg.baseURL, "base-url", getenv("CLAIMDESK_BASE_URL"), "address users reach the desk at, e.g. https://desk.example.org; https makes cookies Secure (env CLAIMDESK_BASE_URL)")
	fs.BoolVar(&cfg.demo, "demo", false, "load the demo claims, sources and accounts into the database")
	if err := cfg.trustedProxies.Set(getenv("CLAIMDESK_TRUSTED_PROXY")); err != nil {
		return nil, fmt.Errorf("CLAIMDESK_TRUSTED_PROXY: %w", err)
	}
	fs.StringVar(&cfg.logFormat, "log-format", envOr(getenv, "CLAIMDESK_LOG_FORMAT", "text"), "log lines as text or json (env CLAIMDESK_LOG_FORMAT)")
	if err := cfg.logLevel.UnmarshalText([]byte(envOr(getenv, "CLAIMDESK_LOG_LEVEL", "info"))); err != nil {
		return nil, fmt.Errorf("CLAIMDESK_LOG_LEVEL: %w", err)
	}
	fs.TextVar(&cfg.logLevel, "log-level", cfg.logLevel, "least level logged: debug, info, warn or error (env CLAIMDESK_LOG_LEVEL)")
	fs.StringVar(&cfg.metricsAddr, "metrics-addr", getenv("CLAIMDESK_METRICS_ADDR"), "address to serve Prometheus metrics on at /metrics, apart from the desk; empty: off (env CLAIMDESK_METRICS_ADDR)")
	fs.Var(&cfg.trustedProxies, "trusted-proxy", "address range (CIDR) of a reverse proxy whose X-Forwarded-For names the client; repeatable or comma-separated (env CLAIMDESK_TRUSTED_PROXY)")
	if err := fs.Parse(args); err != nil {
		return nil, err
	}
	if cfg.logFormat != "text" && cfg.logFormat != "json" {
		return nil, fmt.Errorf("-log-format %q: use text or json", cfg.logFormat)
	}
	return cfg, nil
}

// newLogger writes log lines to w as text or one JSON object a line.
func newLogger(w io.Writer, format string, level slog.Level) *slog.Logger {
	opts := &slog.HandlerOptions{Level: level}
	if format == "json" {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}

// origin is the scheme and host (with any port) of the base URL, as a browser sends
// it in Origin; empty if the URL has none.
func origin(base string) string {
	u, err := url.Parse(base)
	if err != nil || u.Scheme == "" || u.Host == "" {
		return ""
	}
	return u.Scheme + "://" + u.Host
}

func envOr(getenv func(string) string, key, def string) string {
	if v := getenv(key); v != "" {
		return v
	}
	return def
}

// run is the whole program, testable: it returns when ctx is cancelled or on error.
func run(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout io.Writer) error {
	if len(args) >= 2 && args[0] == "user" && args[1] == "add" {
		return helpIsNoError(userAdd(ctx, args[2:], getenv, stdin, stdout))
	}
	if ok, err := dispatch(ctx, args, getenv, stdout); ok {
		return helpIsNoError(err)
	}
	fs := flag.NewFlagSet("claimdesk", flag.ContinueOnError)
	fs.SetOutput(stdout)
	fs.Usage = func() {
		fmt.Fprintf(stdout, "Usage: claimdesk [flags]   serves the desk\n\nFlags:\n")
		fs.PrintDefaults()
		fmt.Fprintf(stdout, "\nCommands (each takes -h):\n%s", commandList)
	}
	cfg, err := parseFlags(fs, args, getenv)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unknown command %q; the commands are:\n%s", strings.Join(fs.Args(), " "), commandList)
	}
	logger := newLogger(stdout, cfg.logFormat, cfg.logLevel)
	started := time.Now()

	gdb, err := db.Open(ctx, cfg.dsn)
	if err != nil {
		return err
	}
	defer gdb.Close()
	cs, as := claims.NewService(gdb), auth.NewService(gdb)
	// After an upgrade of the evidence rules, stored evidence is worked out again.
	if n, err := cs.RecomputeStale(ctx); err != nil {
		return err
	} else if n > 0 {
		fmt.Fprintf(stdout, "Worked out the evidence of %d claims again under the current rules.\n", n)
	}

	if cfg.demo {
		password := getenv("CLAIMDESK_DEMO_PASSWORD")
		if password == "" {
			password = auth.RandomToken(12)
		}
		res, err := demo.Load(ctx, cs, as, password)
		if err != nil {
			return fmt.Errorf("demo: %w", err)
		}
		fmt.Fprintln(stdout, res)
		fmt.Fprintf(stdout, "Demo accounts: admin@demo.test, editor@demo.test, factchecker@demo.test, viewer@demo.test\nDemo password: %s\n", password)
	}

	ln, err := net.Listen("tcp", cfg.addr)
	if err != nil {
		return err
	}
	base := strings.TrimSuffix(cfg.baseURL, "/")
	if base == "" {
		base = "http://" + ln.Addr().String()
	}
	// Made once for the desk and kept in its database, so every instance prints and
	// accepts the same link; empty once an account exists.
	if setupToken, err := as.SetupToken(ctx); err != nil {
		return err
	} else if setupToken != "" {
		fmt.Fprintf(stdout, "No accounts yet. Create the first admin with this one-time link:\n  %s/setup?token=%s\n", base, setupToken)
	}

	https := strings.HasPrefix(base, "https://")
	// Saved changes reach the live pages. Their streams end when live is cancelled, at
	// the start of shutdown, since srv.Shutdown would wait for them forever.
	live, endStreams := context.WithCancel(context.WithoutCancel(ctx))
	defer endStreams()
	var broker events.Broker = events.NewMemory()
	if gdb.Dialect() == db.Postgres {
		// Several instances may share the database: events cross between them.
		sqlDB, err := gdb.Gorm().DB()
		if err != nil {
			return err
		}
		if broker, err = events.NewPostgres(live, cfg.dsn, sqlDB, logger); err != nil {
			return err
		}
	}
	cs.Events = broker
	var reg *metrics.Registry
	if cfg.metricsAddr != "" {
		reg = newRegistry(started, gdb)
	}
	srv := &http.Server{
		Handler: web.New(web.Config{Claims: cs, Auth: as, Logger: logger, Events: broker, Live: live,
			SecureCookies: https, HSTS: https, Origin: origin(base), TrustedProxies: cfg.trustedProxies,
			Metrics: reg, Migrated: gdb.Migrated,
			Throttle: auth.NewThrottle(as)}), // counted in the database: every instance throttles alike
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       2 * time.Minute,
		ErrorLog:          slog.NewLogLogger(logger.Handler(), slog.LevelWarn),
	}
	servers := []*http.Server{srv}
	errc := make(chan error, 2)
	if reg != nil {
		mln, err := net.Listen("tcp", cfg.metricsAddr)
		if err != nil {
			ln.Close()
			return fmt.Errorf("metrics: %w", err)
		}
		mux := http.NewServeMux()
		mux.Handle("GET /metrics", reg.Handler())
		msrv := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second, WriteTimeout: 30 * time.Second,
			ErrorLog: slog.NewLogLogger(logger.Handler(), slog.LevelWarn)}
		servers = append(servers, msrv)
		fmt.Fprintf(stdout, "Metrics on http://%s/metrics\n", mln.Addr())
		go func() { errc <- msrv.Serve(mln) }()
	}
	fmt.Fprintf(stdout, "Claimdesk listening on http://%s\n", ln.Addr())
	go func() { errc <- srv.Serve(ln) }()
	var serveErr error
	select {
	case serveErr = <-errc:
	case <-ctx.Done():
	}
	return shutDown(logger, servers, endStreams, serveErr)
}

// shutdownWait is how long shutdown waits for requests under way to finish.
const shutdownWait = 10 * time.Second

// shutDown ends the live streams, stops accepting connections, and waits up to
// shutdownWait for the requests under way; it returns serveErr, if a server failed,
// or the failure to drain in time.
func shutDown(logger *slog.Logger, servers []*http.Server, endStreams func(), serveErr error) error {
	begun := time.Now()
	logger.Info("shutting down", "wait", shutdownWait)
	endStreams()
	ctx, cancel := context.WithTimeout(context.Background(), shutdownWait)
	defer cancel()
	var errs []error
	for _, srv := range servers {
		if err := srv.Shutdown(ctx); err != nil {
			errs = append(errs, fmt.Errorf("shutdown: %w", err))
			srv.Close()
		}
	}
	if serveErr != nil && !errors.Is(serveErr, http.ErrServerClosed) {
		errs = append(errs, serveErr)
	}
	if err := errors.Join(errs...); err != nil {
		logger.Error("shut down with requests cut off", "took", time.Since(begun), "err", err)
		return err
	}
	logger.Info("shut down cleanly", "took", time.Since(begun))
	return nil
}

// newRegistry gathers the metrics of the process and its database; the web layer adds
// its own.
func newRegistry(started time.Time, gdb *db.DB) *metrics.Registry {
	reg := metrics.NewRegistry()
	reg.RegisterProcess(started)
	if sqlDB, err := gdb.Gorm().DB(); err == nil {
		reg.RegisterDBPool(sqlDB.Stats)
	}
	reg.GaugeFunc("claimdesk_db_write_queue", "Saves at the database's writer now: those being committed and those waiting their turn.", func() float64 { return float64(gdb.QueueLength()) })
	gdb.RegisterMetrics(reg)
	return reg
}

// helpIsNoError makes a command's -h, which printed its usage, succeed.
func helpIsNoError(err error) error {
	if errors.Is(err, flag.ErrHelp) {
		return nil
	}
	return err
}

// userAdd creates an account from the command line, reading the password from stdin.
func userAdd(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout io.Writer) error {
	fs := flag.NewFlagSet("user add", flag.ContinueOnError)
	fs.SetOutput(stdout)
	email := fs.String("email", "", "the user's email address")
	role := fs.String("role", "viewer", "viewer, editor, factchecker or admin")
	name := fs.String("name", "", "the user's name, as pages show it")
	dsn := fs.String("db", envOr(getenv, "DATABASE_URL", "claimdesk.db"), "SQLite database file or postgres:// URL (env DATABASE_URL)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if !auth.Role(*role).Valid() {
		return claims.ValidationError{"role": fmt.Sprintf("unknown role %q: use viewer, editor, factchecker or admin", *role)}
	}
	fmt.Fprintf(stdout, "Password for %s (at least %d characters): ", *email, auth.MinPassword)
	line, err := readPassword(stdin)
	if err != nil {
		return fmt.Errorf("read password: %w", err)
	}
	fmt.Fprintln(stdout)
	gdb, err := db.Open(ctx, *dsn)
	if err != nil {
		return err
	}
	defer gdb.Close()
	u, err := auth.NewService(gdb).CreateUser(ctx, auth.NewUser{
		Email: *email, Name: *name, Role: auth.Role(*role), Password: line,
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Added %s as %s.\n", u.Email, u.Role)
	return nil
}

// readPassword reads one line from r, without echoing it when r is a terminal.
func readPassword(r io.Reader) (string, error) {
	if f, ok := r.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		b, err := term.ReadPassword(int(f.Fd()))
		return string(b), err
	}
	line, err := bufio.NewReader(r).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return "", err
	}
	return strings.TrimRight(line, "\r\n"), nil
}
