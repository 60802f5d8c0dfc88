package web

import (
	"errors"
	"net/http"
	"net/url"

	"claimdesk/internal/claims"
	"claimdesk/views"

	"github.com/labstack/echo/v4"
)

// saveView saves the dashboard view posted (its query, made canonical) under a name
// for the person, and shows it. A bad name shows the dashboard again with the view's
// filters and the problem beside the name (422).
func (s *Server) saveView(c echo.Context) error {
	name, raw := c.FormValue("name"), c.FormValue("query")
	q, err := url.ParseQuery(raw)
	if err != nil {
		return badRequest("The view to save is not a dashboard address.")
	}
	f, err := parseFilter(q)
	if err != nil {
		return err
	}
	f.Page, f.After, f.Before = 1, nil, nil
	query := views.FilterQuery(f).Encode()
	v, err := s.cfg.Claims.SaveView(c.Request().Context(), currentUser(c).ID, name, query)
	var ve claims.ValidationError
	if errors.As(err, &ve) {
		form := views.Form{Values: map[string]string{claims.ViewName.Name: printable(name)}, Errors: ve}
		return s.showDashboard(c, f, http.StatusUnprocessableEntity, form)
	}
	if err != nil {
		return err
	}
	return s.flash(c, v.URL(), "View “"+v.Name+"” saved.")
}

// deleteView deletes one of the person's saved views.
func (s *Server) deleteView(c echo.Context) error {
	id, ok := parseID(c.Param("id"))
	if !ok {
		return claims.ErrNotFound
	}
	if err := s.cfg.Claims.DeleteView(c.Request().Context(), currentUser(c).ID, id); err != nil {
		return err
	}
	return s.flash(c, "/", "View deleted.")
}
