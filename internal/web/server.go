// Package web is Claimdesk's HTTP layer: routes, handlers, sessions and middleware.
// It is the only package that knows about Echo.
package web

import (
	"bytes"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"sync"

	"claimdesk/internal/auth"
	"claimdesk/internal/claims"
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
	// SetupToken, when not empty and no account exists, lets /setup?token=… create the
	// first admin, once.
	SetupToken string
}

// Server serves the desk.
type Server struct {
	cfg     Config
	log     *slog.Logger
	echo    *echo.Echo
	handler http.Handler

	mu         sync.Mutex
	setupToken string
}

// New returns a Server with every route registered.
func New(cfg Config) *Server {
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	s := &Server{cfg: cfg, log: cfg.Logger, setupToken: cfg.SetupToken}
	e := echo.New()
	e.HideBanner, e.HidePort = true, true
	e.IPExtractor = echo.ExtractIPDirect()
	e.HTTPErrorHandler = s.handleError
	s.echo = e
	s.routes()
	// Cross-site state-changing requests are refused before they reach a handler.
	cop := http.NewCrossOriginProtection()
	cop.SetDenyHandler(http.HandlerFunc(s.crossOriginDenied))
	s.handler = cop.Handler(e)
	return s
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

// errorText gives the title and message of an error page for a status.
func errorText(code int) (string, string) {
	switch code {
	case http.StatusNotFound:
		return "Not found", "There is nothing at this address. The claim or source may have been mistyped in the link."
	case http.StatusForbidden:
		return "Not allowed", "Your role does not allow this. Ask an admin of your desk if you need it."
	case http.StatusRequestEntityTooLarge:
		return "Too much at once", "What you sent is larger than the desk accepts (1 MB). Shorten the text and try again."
	case http.StatusTooManyRequests:
		return "Slow down", "Too many attempts in a short time. Wait a minute and try again."
	case http.StatusMethodNotAllowed:
		return "Not allowed here", "This address does not take that kind of request."
	case http.StatusBadRequest:
		return "Bad request", "The request could not be understood. Check the link or the form and try again."
	}
	return "Something went wrong", "Something went wrong on our side. It has been logged; please try again in a moment."
}

// handleError renders every error as a page in the desk's layout. Details of a 5xx
// are logged, never shown.
func (s *Server) handleError(err error, c echo.Context) {
	if c.Response().Committed {
		return
	}
	code := http.StatusInternalServerError
	var he *echo.HTTPError
	switch {
	case errors.Is(err, claims.ErrNotFound):
		code = http.StatusNotFound
	case errors.As(err, &he):
		code = he.Code
	}
	if code >= 500 {
		s.log.Error("request failed", "method", c.Request().Method, "path", c.Request().URL.Path, "err", err)
	}
	title, msg := errorText(code)
	if he != nil && code == http.StatusBadRequest {
		if m, ok := he.Message.(string); ok {
			msg = m
		}
	}
	if rerr := s.render(c, code, views.Error(s.session(c), views.ErrorPage{Status: code, Title: title, Message: msg})); rerr != nil {
		s.log.Error("render error page", "err", rerr)
		c.String(code, title)
	}
}

func (s *Server) crossOriginDenied(w http.ResponseWriter, r *http.Request) {
	setSecurityHeaders(w.Header())
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(http.StatusForbidden)
	views.Error(views.Session{}, views.ErrorPage{Status: http.StatusForbidden, Title: "Not allowed",
		Message: "This request came from another site, so it was refused. Use the desk's own forms."}).Render(r.Context(), w)
}

// badRequest is a 400 with a message a person can act on.
func badRequest(msg string) error { return echo.NewHTTPError(http.StatusBadRequest, msg) }
