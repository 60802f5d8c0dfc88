package web

import (
	"errors"
	"net/http"
	"net/url"
	"strings"
	"time"

	"claimdesk/internal/auth"
	"claimdesk/views"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"
	"golang.org/x/time/rate"
)

const (
	sessionCookie = "claimdesk_session"
	flashCookie   = "claimdesk_flash"
	userKey       = "user"
	flashKey      = "flash"
	goneKey       = "client-gone"
	versionKey    = "desk-version"
)

// csp allows only the desk's own scripts, styles and forms: no inline code at all.
const csp = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
	"connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

// hsts keeps browsers on HTTPS for two years, subdomains included.
const hsts = "max-age=63072000; includeSubDomains"

func (s *Server) setSecurityHeaders(h http.Header) {
	if s.cfg.HSTS {
		h.Set("Strict-Transport-Security", hsts)
	}
	h.Set("Content-Security-Policy", csp)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("X-Frame-Options", "DENY")
	h.Set("Referrer-Policy", "same-origin")
	h.Set("Cross-Origin-Opener-Policy", "same-origin")
}

// securityHeaders sets the strict CSP and friends (HSTS over HTTPS), and keeps pages
// out of caches.
func (s *Server) securityHeaders(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		h := c.Response().Header()
		s.setSecurityHeaders(h)
		if !strings.HasPrefix(c.Request().URL.Path, "/static/") {
			h.Set("Cache-Control", "no-store")
		}
		return next(c)
	}
}

// loadSession puts the logged-in user, if any, and a pending flash message into the
// request's context. Static files and health checks need neither and skip the database.
//
// A database fault while checking the session is a 503, not "logged out": sending a
// working editor to the login page (losing a posted form) would hide the fault and
// the login could not work either. If only recording the session's use failed, the
// user is let through and the fault logged.
func (s *Server) loadSession(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if p := c.Request().URL.Path; strings.HasPrefix(p, "/static/") || p == "/healthz" || p == "/readyz" {
			return next(c)
		}
		if ck, err := c.Cookie(sessionCookie); err == nil {
			u, err := s.sessionUser(c, ck.Value)
			switch {
			case u != nil:
				c.Set(userKey, u)
				if err != nil {
					s.log.Error("record session use", "path", c.Request().URL.Path, "err", err)
				}
			case errors.Is(err, auth.ErrNoSession):
			case clientGone(c, err):
				return err
			case err != nil:
				return &echo.HTTPError{Code: http.StatusServiceUnavailable, Message: http.StatusText(http.StatusServiceUnavailable), Internal: err}
			}
		}
		if ck, err := c.Cookie(flashCookie); err == nil {
			if msg, err := url.QueryUnescape(ck.Value); err == nil {
				c.Set(flashKey, msg)
			}
			s.setCookie(c, flashCookie, "", -1)
		}
		return next(c)
	}
}

// sessionUser is the user of a session token. It reads the desk's two numbers first,
// in one query: a session this instance checked at the same sessions' version needs
// no query, and the pages the request shows are kept by the desk's version.
func (s *Server) sessionUser(c echo.Context, token string) (*auth.User, error) {
	ctx := c.Request().Context()
	v, err := s.cfg.Claims.Versions(ctx)
	if err != nil {
		return s.cfg.Auth.SessionUser(ctx, token)
	}
	c.Set(versionKey, v.Desk)
	return s.cfg.Auth.SessionUserAt(ctx, token, v.Sessions)
}

// deskVersion is the desk's version as the request read it at its start, or now.
func (s *Server) deskVersion(c echo.Context) (int64, error) {
	if v, ok := c.Get(versionKey).(int64); ok {
		return v, nil
	}
	return s.cfg.Claims.Version(c.Request().Context())
}

func currentUser(c echo.Context) *auth.User {
	u, _ := c.Get(userKey).(*auth.User)
	return u
}

// need lets a request through only for a logged-in user whose role allows min; others
// are sent to log in (303) or refused (403).
func (s *Server) need(min auth.Role) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			u := currentUser(c)
			if u == nil {
				next := c.Request().URL.RequestURI()
				if c.Request().Method != http.MethodGet {
					next = "/"
				}
				return c.Redirect(http.StatusSeeOther, "/login?next="+url.QueryEscape(next))
			}
			if !u.Role.Allows(min) {
				return echo.NewHTTPError(http.StatusForbidden)
			}
			return next(c)
		}
	}
}

// session is what the views need to know about the viewer.
func (s *Server) session(c echo.Context) views.Session {
	flash, _ := c.Get(flashKey).(string)
	return views.Session{User: currentUser(c), Flash: flash, Path: c.Request().URL.Path, Unread: s.unread(c)}
}

func (s *Server) setCookie(c echo.Context, name, value string, maxAge int) {
	c.SetCookie(&http.Cookie{
		Name: name, Value: value, Path: "/", MaxAge: maxAge,
		HttpOnly: true, Secure: s.cfg.SecureCookies, SameSite: http.SameSiteLaxMode,
	})
}

// flash shows msg on the next page the user sees, then redirects there (303).
func (s *Server) flash(c echo.Context, to, msg string) error {
	s.setCookie(c, flashCookie, url.QueryEscape(msg), 60)
	return c.Redirect(http.StatusSeeOther, to)
}

// setupLimiter allows each client address a burst of 10 attempts at the setup link,
// then one every 6 seconds.
func setupLimiter() echo.MiddlewareFunc {
	store := middleware.NewRateLimiterMemoryStoreWithConfig(middleware.RateLimiterMemoryStoreConfig{
		Rate: rate.Every(6 * time.Second), Burst: 10, ExpiresIn: 10 * time.Minute,
	})
	return middleware.RateLimiterWithConfig(middleware.RateLimiterConfig{
		Store: store,
		DenyHandler: func(c echo.Context, _ string, _ error) error {
			return echo.NewHTTPError(http.StatusTooManyRequests)
		},
	})
}

// requestLogger logs each request through slog.
func (s *Server) requestLogger() echo.MiddlewareFunc {
	return middleware.RequestLoggerWithConfig(middleware.RequestLoggerConfig{
		LogMethod: true, LogURIPath: true, LogStatus: true, LogLatency: true, LogError: true, HandleError: true,
		LogValuesFunc: func(c echo.Context, v middleware.RequestLoggerValues) error {
			if v.URIPath == "/events" && v.Status == http.StatusOK {
				// A live stream lasts as long as the page: not a slow request.
				s.log.Debug("stream ended", "path", v.URIPath, "lasted", v.Latency)
				return nil
			}
			if clientGone(c, v.Error) {
				s.log.Debug("request", "method", v.Method, "path", v.URIPath, "status", "client went away", "latency", v.Latency)
				return nil
			}
			s.log.Info("request", "method", v.Method, "path", v.URIPath, "status", v.Status, "latency", v.Latency)
			return nil
		},
	})
}

// compress gzips pages, styles and scripts above a kilobyte (a dashboard of 35 KB goes
// out as about 5 KB); event streams are left alone so each event leaves at once.
func compress() echo.MiddlewareFunc {
	return middleware.GzipWithConfig(middleware.GzipConfig{
		Level:     1, // fastest: a 35 KB dashboard still goes out as about 6 KB
		MinLength: 1024,
		Skipper: func(c echo.Context) bool {
			return c.Request().URL.Path == "/events" || strings.HasPrefix(c.Request().Header.Get("Accept"), "text/event-stream")
		},
	})
}
