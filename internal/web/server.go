// Package web is Claimdesk's HTTP layer: routes, handlers, sessions and middleware.
// It is the only package that knows about Echo.
package web

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"sync"
	"time"

	"claimdesk/internal/auth"
	"claimdesk/internal/claims"
	"claimdesk/internal/events"
	"claimdesk/internal/metrics"
	"claimdesk/views"

	"github.com/a-h/templ"
	"github.com/labstack/echo/v4"
)

// Config is what the web layer needs from the program that runs it.
type Config struct {
	Claims *claims.Service
	Auth   *auth.Service
	Logger *slog.Logger
	// SecureCookies marks cookies Secure; set it when users reach the desk over HTTPS.
	SecureCookies bool
	// Origin is the scheme, host and port users reach the desk at (from -base-url), or
	// empty. A form posted from it is accepted even when a proxy in front rewrites Host.
	Origin string
	// HSTS tells browsers to reach the desk only over HTTPS; set it when the base URL is https.
	HSTS bool
	// TrustedProxies are the addresses of proxies whose X-Forwarded-For names the client;
	// with none, the client is the address that connected.
	TrustedProxies []*net.IPNet
	// Throttle counts failed logins; nil means a MemoryThrottle (one instance). The
	// desk's binary counts them in the database (auth.Throttle).
	Throttle Throttle
	// Events carries changes to the live pages; give Claims.Events the same broker.
	// nil means an in-process broker of the server's own (presence only).
	Events events.Broker
	// Live, when done, ends every live stream: pass the program's shutdown signal,
	// since http.Server.Shutdown would wait for streams that never end by themselves.
	// The other instances are then told that nobody here has a claim open any more.
	Live context.Context
	// KeepAlive is how often an idle stream sends a comment and checks its session
	// still holds, and how often the other instances are told who has which claim
	// open here; 0 means 15 s. Every instance on one broker should use the same.
	KeepAlive time.Duration
	// StreamsPerUser caps the live streams one user may have open; 0 means 4.
	StreamsPerUser int
	// Metrics, when set, receives counts and latencies of requests by route and the
	// number of open live streams.
	Metrics *metrics.Registry
	// Migrated, when set, reports whether the database's schema is current; /readyz
	// answers 503 while it is not.
	Migrated func(context.Context) (bool, error)
}

// Server serves the desk.
type Server struct {
	cfg     Config
	log     *slog.Logger
	echo    *echo.Echo
	handler http.Handler

	events         events.Broker
	live           *hub
	presence       *presence       // who has which claim open, here and on other instances
	liveDone       <-chan struct{} // nil: streams end only with their client or session
	keepAlive      time.Duration
	streamsPerUser int

	pages        *pageCache      // rendered page parts by the desk's version
	unreadCounts unreadCounts    // unread notifications by person and the desk's version
	metrics      *requestMetrics // nil: requests are not counted
}

// New returns a Server with every route registered.
func New(cfg Config) *Server {
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	if cfg.Throttle == nil {
		cfg.Throttle = NewMemoryThrottle()
	}
	s := &Server{pages: newPageCache(512), cfg: cfg, log: cfg.Logger, events: cfg.Events, live: newHub(),
		keepAlive: cmp.Or(cfg.KeepAlive, defaultKeepAlive), streamsPerUser: cmp.Or(cfg.StreamsPerUser, defaultStreamsPerUser)}
	if s.events == nil {
		s.events = events.NewMemory()
	}
	live := context.Background()
	if cfg.Live != nil {
		s.liveDone, live = cfg.Live.Done(), cfg.Live
	}
	s.presence = newPresence(newInstanceID(), s.keepAlive, time.Now)
	s.followPresence(live)
	go s.announcePresence(live)
	e := echo.New()
	e.HideBanner, e.HidePort = true, true
	e.IPExtractor = ipExtractor(cfg.TrustedProxies)
	e.HTTPErrorHandler = s.handleError
	s.echo = e
	if cfg.Metrics != nil {
		s.registerMetrics(cfg.Metrics)
	}
	s.routes()
	// Cross-site state-changing requests are refused before they reach a handler.
	cop := http.NewCrossOriginProtection()
	cop.SetDenyHandler(http.HandlerFunc(s.crossOriginDenied))
	if cfg.Origin != "" {
		if err := cop.AddTrustedOrigin(cfg.Origin); err != nil {
			s.log.Warn("the base URL is not an origin: forms are checked against Host only", "origin", cfg.Origin, "err", err)
		}
	}
	s.handler = cop.Handler(e)
	return s
}

// ipExtractor reads the client's address from X-Forwarded-For only when the request
// comes from one of the trusted proxies (never merely from a loopback or private address).
func ipExtractor(trusted []*net.IPNet) echo.IPExtractor {
	if len(trusted) == 0 {
		return echo.ExtractIPDirect()
	}
	opts := []echo.TrustOption{echo.TrustLoopback(false), echo.TrustLinkLocal(false), echo.TrustPrivateNet(false)}
	for _, n := range trusted {
		opts = append(opts, echo.TrustIPRange(n))
	}
	return echo.ExtractIPFromXFFHeader(opts...)
}

// ServeHTTP serves one request.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.handler.ServeHTTP(w, r) }

var bufPool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// render writes a templ component as the response, with the status given.
func (s *Server) render(c echo.Context, status int, comp templ.Component) error {
	buf := bufPool.Get().(*bytes.Buffer)
	buf.Reset()
	defer bufPool.Put(buf)
	if err := comp.Render(c.Request().Context(), buf); err != nil {
		return fmt.Errorf("render: %w", err)
	}
	return c.HTMLBlob(status, buf.Bytes())
}

// handleError renders every error as a page in the desk's layout, its status taken
// from errorStatus. Details of a 5xx are logged, never shown; a client that hung up
// gets nothing and is logged at debug.
func (s *Server) handleError(err error, c echo.Context) {
	if c.Response().Committed {
		return
	}
	req := c.Request()
	if clientGone(c, err) {
		if c.Get(goneKey) != nil {
			return
		}
		c.Set(goneKey, true)
		s.log.Debug("client went away", "method", req.Method, "path", req.URL.Path, "err", err)
		return
	}
	var me *claims.MergedError
	if errors.As(err, &me) && req.Method == http.MethodGet {
		c.Redirect(http.StatusMovedPermanently, movedTo(c, me))
		return
	}
	r := respondTo(err)
	switch {
	case r.kind == "busy":
		s.log.Warn("request refused: busy", "method", req.Method, "path", req.URL.Path, "err", err)
	case r.status >= 500:
		s.log.Error("request failed", "method", req.Method, "path", req.URL.Path, "err", err)
	}
	if r.retryAfter > 0 {
		c.Response().Header().Set("Retry-After", retryAfterSeconds(r.retryAfter))
	}
	title, msg := errorText(r.status, r.kind)
	if r.message != "" {
		msg = r.message
	}
	if rerr := s.render(c, r.status, views.Error(s.session(c), views.ErrorPage{Status: r.status, Title: title, Message: msg})); rerr != nil {
		if clientGone(c, rerr) {
			s.log.Debug("client went away before the error page", "method", req.Method, "path", req.URL.Path, "err", rerr)
			return
		}
		s.log.Error("render error page", "err", rerr)
		c.String(r.status, title)
	}
}

func (s *Server) crossOriginDenied(w http.ResponseWriter, r *http.Request) {
	s.setSecurityHeaders(w.Header())
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(http.StatusForbidden)
	views.Error(views.Session{}, views.ErrorPage{Status: http.StatusForbidden, Title: "Not allowed",
		Message: "This request came from another site, so it was refused. Use the desk's own forms."}).Render(r.Context(), w)
}

// badRequest is a 400 with a message a person can act on.
func badRequest(msg string) error { return echo.NewHTTPError(http.StatusBadRequest, msg) }
