package web

import (
	"errors"
	"net/http"
	"strconv"

	"claimdesk/internal/claims"
	"claimdesk/views"

	"github.com/labstack/echo/v4"
)

func sourcePath(id int64) string { return "/sources/" + strconv.FormatInt(id, 10) }

func (s *Server) listSources(c echo.Context) error {
	rows, err := s.cfg.Claims.Sources(c.Request().Context())
	if err != nil {
		return err
	}
	return s.render(c, http.StatusOK, views.SourceList(s.session(c), rows))
}

func (s *Server) showSource(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	page := 1
	if v := c.QueryParam("page"); v != "" {
		if page, err = strconv.Atoi(v); err != nil || page < 1 {
			return badRequest("The page must be a number from 1 up.")
		}
	}
	ctx := c.Request().Context()
	p := views.SourcePage{Page: page}
	if p.Source, err = s.cfg.Claims.Source(ctx, id); err != nil {
		return err
	}
	if p.Citations, p.Total, err = s.cfg.Claims.SourceCitations(ctx, id, page); err != nil {
		return err
	}
	return s.render(c, http.StatusOK, views.SourceShow(s.session(c), p))
}

func (s *Server) newSource(c echo.Context) error {
	return s.render(c, http.StatusOK, views.SourceEdit(s.session(c), views.SourceForm{}))
}

func (s *Server) createSource(c echo.Context) error {
	v, err := formValues(c)
	if err != nil {
		return err
	}
	src, p := sourceFromForm(v)
	if len(p) == 0 {
		err = s.cfg.Claims.CreateSource(c.Request().Context(), currentUser(c).ID, src)
		merge(p, err)
	}
	if len(p) > 0 {
		return s.render(c, http.StatusUnprocessableEntity, views.SourceEdit(s.session(c), views.SourceForm{Form: views.NewForm(v, p)}))
	}
	if err != nil {
		return err
	}
	return s.flash(c, sourcePath(src.ID), "Source added.")
}

func (s *Server) editSource(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	src, err := s.cfg.Claims.Source(c.Request().Context(), id)
	if err != nil {
		return err
	}
	return s.render(c, http.StatusOK, views.SourceEdit(s.session(c), views.SourceForm{ID: id, Form: views.Form{Values: views.SourceValues(src)}}))
}

func (s *Server) updateSource(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	v, err := formValues(c)
	if err != nil {
		return err
	}
	src, p := sourceFromForm(v)
	src.ID = id
	ctx := c.Request().Context()
	if len(p) == 0 {
		err = s.cfg.Claims.UpdateSource(ctx, currentUser(c).ID, src)
		merge(p, err)
	}
	if len(p) > 0 {
		return s.render(c, http.StatusUnprocessableEntity, views.SourceEdit(s.session(c), views.SourceForm{ID: id, Form: views.NewForm(v, p)}))
	}
	if errors.Is(err, claims.ErrConflict) {
		saved, err := s.cfg.Claims.Source(ctx, id)
		if err != nil {
			return err
		}
		mine := views.NewForm(v, nil)
		conflict := views.Conflict{What: "source", Rows: views.ConflictRows(views.SourceFields, mine.Values, views.SourceValues(saved)),
			SavedBy: saved.UpdatedBy.Display(), SavedAt: saved.UpdatedAt, Back: sourcePath(id)}
		mine.Values["version"] = strconv.Itoa(saved.Version)
		return s.render(c, http.StatusConflict, views.SourceConflictPage(s.session(c), conflict, views.SourceForm{ID: id, Form: mine}))
	}
	if err != nil {
		return err
	}
	return s.flash(c, sourcePath(id), "Source saved.")
}
