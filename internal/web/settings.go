package web

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"claimdesk/internal/claims"
	"claimdesk/views"

	"github.com/labstack/echo/v4"
)

// showSettings shows the desk-wide settings to an admin.
func (s *Server) showSettings(c echo.Context) error {
	st, err := s.cfg.Claims.Settings(c.Request().Context())
	if err != nil {
		return err
	}
	f := views.Form{Values: map[string]string{claims.SettingAwaitingHours.Name: strconv.Itoa(st.AwaitingHours)}}
	return s.render(c, http.StatusOK, views.SettingsPage(s.session(c), f))
}

// saveSettings stores the desk-wide settings.
func (s *Server) saveSettings(c echo.Context) error {
	v, err := formValues(c)
	if err != nil {
		return err
	}
	raw := v.Get(claims.SettingAwaitingHours.Name)
	f := views.Form{Values: map[string]string{claims.SettingAwaitingHours.Name: printable(raw)}}
	hours, perr := strconv.Atoi(strings.TrimSpace(raw))
	if perr != nil {
		f.Errors = problems{claims.SettingAwaitingHours.Name: "Give a whole number of hours from 1 to 720 (30 days)."}
		return s.render(c, http.StatusUnprocessableEntity, views.SettingsPage(s.session(c), f))
	}
	err = s.cfg.Claims.SaveSettings(c.Request().Context(), claims.Settings{AwaitingHours: hours})
	var ve claims.ValidationError
	switch {
	case errors.As(err, &ve):
		f.Errors = ve
		return s.render(c, http.StatusUnprocessableEntity, views.SettingsPage(s.session(c), f))
	case unavailable(err):
		f.Unsaved = unsavedText(err)
		return s.renderUnavailable(c, err, views.SettingsPage(s.session(c), f))
	case err != nil:
		return err
	}
	return s.flash(c, "/settings", "Settings saved.")
}
