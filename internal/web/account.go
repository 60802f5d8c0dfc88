package web

import (
	"errors"
	"net/http"
	"net/url"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"claimdesk/internal/auth"
	"claimdesk/internal/claims"
	"claimdesk/internal/db"
	"claimdesk/views"

	"github.com/labstack/echo/v4"
)

// healthz says the process is alive and its database answers.
func (s *Server) healthz(c echo.Context) error {
	if err := s.cfg.Claims.Ping(c.Request().Context()); err != nil {
		s.log.Error("health check", "err", err)
		return c.String(http.StatusServiceUnavailable, "database unreachable\n")
	}
	return c.String(http.StatusOK, "ok\n")
}

// readyz says whether the desk can take writes now and its schema is current; a proxy
// sends users elsewhere while it cannot (disk full, database busy or gone, migrations
// missing). It recovers by itself.
func (s *Server) readyz(c echo.Context) error {
	err := s.cfg.Claims.Ready(c.Request().Context())
	if err == nil && s.cfg.Migrated != nil {
		current, merr := s.cfg.Migrated(c.Request().Context())
		switch {
		case merr != nil:
			err = merr
		case !current:
			s.log.Warn("not ready: migrations pending")
			return c.String(http.StatusServiceUnavailable, "not ready: the database's migrations are not current\n")
		}
	}
	switch {
	case err == nil:
		return c.String(http.StatusOK, "ready\n")
	case errors.Is(err, db.ErrFull):
		s.log.Warn("not ready", "err", err)
		return c.String(http.StatusServiceUnavailable, "not ready: the database's disk is full\n")
	case errors.Is(err, db.ErrBusy):
		s.log.Warn("not ready", "err", err)
		return c.String(http.StatusServiceUnavailable, "not ready: the database is busy\n")
	}
	s.log.Error("not ready", "err", err)
	return c.String(http.StatusServiceUnavailable, "not ready: the database cannot take writes\n")
}

// safeNext keeps a post-login redirect on this site: a path on this origin, starting
// with a single "/", with no scheme, host, backslash or control character (a browser
// drops tabs and newlines, so "/\t/evil.example" would become "//evil.example").
// Anything else is "/".
func safeNext(next string) string {
	if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.ContainsRune(next, '\\') ||
		strings.ContainsFunc(next, unicode.IsControl) || !utf8.ValidString(next) {
		return "/"
	}
	u, err := url.Parse(next)
	if err != nil || u.Scheme != "" || u.Host != "" || u.User != nil || u.Opaque != "" ||
		!strings.HasPrefix(u.Path, "/") || strings.HasPrefix(u.Path, "//") ||
		strings.ContainsRune(u.Path, '\\') || strings.ContainsFunc(u.Path, unicode.IsControl) {
		return "/"
	}
	return next
}

func (s *Server) loginPage(c echo.Context) error {
	if currentUser(c) != nil {
		return c.Redirect(http.StatusSeeOther, "/")
	}
	return s.render(c, http.StatusOK, views.LoginPage(s.session(c), views.Login{Next: safeNext(c.QueryParam("next"))}))
}

// Login throttling: failures only count, per account tried (whether or not it
// exists, so a refusal reveals nothing) and per client address.
const (
	loginWindow          = 15 * time.Minute
	loginAccountFailures = 5
	loginAddressFailures = 20
)

// loginKeys are the throttle keys of a login attempt with their limits.
func loginKeys(c echo.Context, email string) []struct {
	key   string
	limit int
} {
	email = strings.ToLower(strings.TrimSpace(email))
	if len(email) > 320 {
		email = email[:320]
	}
	return []struct {
		key   string
		limit int
	}{{"account:" + email, loginAccountFailures}, {"address:" + c.RealIP(), loginAddressFailures}}
}

// login checks the email and password and starts a new session; the old session
// token, if any, is dropped so a token planted before login is worthless after it.
func (s *Server) login(c echo.Context) error {
	v, err := formValues(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	next := safeNext(v.Get("next"))
	keys := loginKeys(c, v.Get("email"))
	var wait time.Duration
	for _, k := range keys {
		n, resetIn, err := s.cfg.Throttle.Failures(ctx, k.key)
		if err != nil {
			return err
		}
		if n >= k.limit {
			wait = max(wait, resetIn)
		}
	}
	if wait > 0 {
		return tooManyAttempts{wait}
	}
	u, err := s.cfg.Auth.Authenticate(ctx, v.Get("email"), v.Get("password"))
	if errors.Is(err, auth.ErrBadCredentials) {
		for _, k := range keys {
			if err := s.cfg.Throttle.Fail(ctx, k.key, loginWindow); err != nil {
				return err
			}
		}
		v.Del("password")
		page := views.Login{Form: shownForm(v, nil), Next: next, Error: "Wrong email or password."}
		return s.render(c, http.StatusUnauthorized, views.LoginPage(s.session(c), page))
	}
	if err != nil {
		return err
	}
	if err := s.cfg.Throttle.Reset(ctx, keys[0].key); err != nil {
		return err
	}
	return s.startSession(c, u, next, "Welcome, "+u.Display()+".")
}

func (s *Server) startSession(c echo.Context, u *auth.User, next, msg string) error {
	ctx := c.Request().Context()
	if old, err := c.Cookie(sessionCookie); err == nil {
		s.cfg.Auth.EndSession(ctx, old.Value)
	}
	token, err := s.cfg.Auth.StartSession(ctx, u.ID)
	if err != nil {
		return err
	}
	s.setCookie(c, sessionCookie, token, 0)
	return s.flash(c, next, msg)
}

func (s *Server) logout(c echo.Context) error {
	if ck, err := c.Cookie(sessionCookie); err == nil {
		if err := s.cfg.Auth.EndSession(c.Request().Context(), ck.Value); err != nil {
			return err
		}
		s.live.endSession(ck.Value)
	}
	s.setCookie(c, sessionCookie, "", -1)
	return s.flash(c, "/login", "You are logged out.")
}

// setupAllowed reports whether token is the desk's one-time setup token and no
// account exists. The token is kept in the database, so any instance accepts it.
func (s *Server) setupAllowed(c echo.Context, token string) (bool, error) {
	return s.cfg.Auth.SetupAllowed(c.Request().Context(), token)
}

func (s *Server) setupPage(c echo.Context) error {
	token := c.QueryParam("token")
	if ok, err := s.setupAllowed(c, token); err != nil {
		return err
	} else if !ok {
		return echo.NewHTTPError(http.StatusNotFound)
	}
	return s.render(c, http.StatusOK, views.SetupPage(s.session(c), views.Setup{Token: token}))
}

// setup creates the first admin with the one-time link printed on the console.
func (s *Server) setup(c echo.Context) error {
	v, err := formValues(c)
	if err != nil {
		return err
	}
	token := v.Get("token")
	if ok, err := s.setupAllowed(c, token); err != nil {
		return err
	} else if !ok {
		return echo.NewHTTPError(http.StatusNotFound)
	}
	u, err := s.cfg.Auth.CreateFirstAdmin(c.Request().Context(), auth.NewUser{Email: v.Get("email"), Name: v.Get("name"), Password: v.Get("password")})
	var ve claims.ValidationError
	if errors.As(err, &ve) {
		v.Del("password")
		return s.render(c, http.StatusUnprocessableEntity, views.SetupPage(s.session(c), views.Setup{Form: shownForm(v, ve), Token: token}))
	}
	if err != nil {
		return err // auth.ErrSetupDone is a 404, by errorStatus
	}
	return s.startSession(c, u, "/users", "Your admin account is ready. Add the people of your desk here.")
}

func (s *Server) listUsers(c echo.Context) error {
	return s.usersPage(c, http.StatusOK, views.Form{})
}

func (s *Server) usersPage(c echo.Context, status int, f views.Form) error {
	users, err := s.cfg.Auth.Users(c.Request().Context())
	if err != nil {
		return err
	}
	return s.render(c, status, views.UsersPage(s.session(c), views.Users{Users: users, Form: f}))
}

func (s *Server) createUser(c echo.Context) error {
	v, err := formValues(c)
	if err != nil {
		return err
	}
	u, err := s.cfg.Auth.CreateUser(c.Request().Context(), auth.NewUser{
		Email: v.Get("email"), Name: v.Get("name"), Role: auth.Role(v.Get("role")), Password: v.Get("password"),
	})
	var ve claims.ValidationError
	if errors.As(err, &ve) {
		v.Del("password")
		return s.usersPage(c, http.StatusUnprocessableEntity, shownForm(v, ve))
	}
	if err != nil {
		return err
	}
	return s.flash(c, "/users", "Added "+u.Email+" as "+string(u.Role)+".")
}
