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
  claimdesk load [-claims N] [-routes LIST]       measure the desk against a trivial handler
`

// config is what the flags and environment say.
type config struct {
	addr, dsn, baseURL string
	demo               bool
	trustedProxies     cidrList
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
	fs.Var(&cfg.trustedProxies, "trusted-proxy", "address range (CIDR) of a reverse proxy whose X-Forwarded-For names the client; repeatable or comma-separated (env CLAIMDESK_TRUSTED_PROXY)")
	return cfg, fs.Parse(args)
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
	logger := slog.New(slog.NewTextHandler(stdout, &slog.HandlerOptions{Level: slog.LevelInfo}))

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
	setupToken := ""
	if n, err := as.CountUsers(ctx); err != nil {
		return err
	} else if n == 0 {
		setupToken = auth.RandomToken(24)
		fmt.Fprintf(stdout, "No accounts yet. Create the first admin with this one-time link:\n  %s/setup?token=%s\n", base, setupToken)
	}

	https := strings.HasPrefix(base, "https://")
	// Saved changes reach the live pages; ctx, cancelled at shutdown, ends their streams
	// before srv.Shutdown waits for open requests.
	broker := events.NewMemory()
	cs.Events = broker
	srv := &http.Server{
		Handler: web.New(web.Config{Claims: cs, Auth: as, Logger: logger, Events: broker, Live: ctx,
			SecureCookies: https, HSTS: https, SetupToken: setupToken, TrustedProxies: cfg.trustedProxies}),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       2 * time.Minute,
	}
	fmt.Fprintf(stdout, "Claimdesk listening on http://%s\n", ln.Addr())
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		return err
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
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
