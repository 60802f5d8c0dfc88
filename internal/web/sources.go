package web

import (
	"context"
	"net/http"
	"strconv"

	"claimdesk/internal/claims"
	"claimdesk/views"

	"github.com/a-h/templ"
	"github.com/labstack/echo/v4"
)

func sourcePath(id int64) string { return "/sources/" + strconv.FormatInt(id, 10) }

func (s *Server) listSources(c echo.Context) error {
	return s.cachedPage(c, "sources", func() (keptPage, error) {
		rows, err := s.cfg.Claims.Sources(c.Request().Context())
		return keptPage{title: "Sources", body: views.SourceListBody(s.session(c), rows)}, err
	})
}

func (s *Server) showSource(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	page, err := parsePage(c.QueryParam("page"))
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	p := views.SourcePage{Page: page}
	if p.Source, err = s.cfg.Claims.Source(ctx, id); err != nil {
		return err
	}
	if p.Citations, p.Total, err = s.cfg.Claims.SourceCitations(ctx, id, page); err != nil {
		return err
	}
	if p.Track, err = s.cfg.Claims.TrackRecord(ctx, id); err != nil {
		return err
	}
	return s.render(c, http.StatusOK, views.SourceShow(s.session(c), p))
}

// newSource shows an empty source form. A for_claim in the query (the claim page's
// "Source missing?" link) is carried along, so saving goes back to that claim.
func (s *Server) newSource(c echo.Context) error {
	f := &sourceForm{}
	if id := s.claimRef(c, c.QueryParam(fieldForClaim)); id > 0 {
		f.ForClaim = strconv.FormatInt(id, 10)
	}
	parties, err := s.cfg.Claims.Parties(c.Request().Context())
	if err != nil {
		return err
	}
	return s.render(c, http.StatusOK, views.SourceEdit(s.session(c), views.SourceForm{Form: formView(f, nil), Parties: parties}))
}

func (s *Server) createSource(c echo.Context) error {
	form := &sourceForm{}
	return saveForm(s, c, saveFlow[claims.Source]{
		form: form,
		save: func(ctx context.Context, src *claims.Source) error {
			return s.cfg.Claims.CreateSource(ctx, currentUser(c).ID, src)
		},
		edit: s.sourceFormPage(c, 0),
		done: func(src *claims.Source) error {
			if id := s.claimRef(c, form.ForClaim); id > 0 {
				return s.flash(c, claimPath(id)+"?"+claims.CitationSource.Name+"="+strconv.FormatInt(src.ID, 10)+"#cite",
					"Source added: "+src.Name+". Now cite it.")
			}
			return s.flash(c, sourcePath(src.ID), "Source added.")
		},
	})
}

func (s *Server) sourceFormPage(c echo.Context, id int64) func(views.Form) (templ.Component, error) {
	return func(f views.Form) (templ.Component, error) {
		parties, err := s.cfg.Claims.Parties(c.Request().Context())
		return views.SourceEdit(s.session(c), views.SourceForm{ID: id, Form: f, Parties: parties}), err
	}
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
	parties, err := s.cfg.Claims.Parties(c.Request().Context())
	if err != nil {
		return err
	}
	return s.render(c, http.StatusOK, views.SourceEdit(s.session(c), views.SourceForm{ID: id, Form: formView(sourceFormOf(src), nil), Parties: parties}))
}

// updateSource saves an edit; a lost race shows both versions (409), as for claims.
func (s *Server) updateSource(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	return saveForm(s, c, saveFlow[claims.Source]{
		form: &sourceForm{},
		save: func(ctx context.Context, src *claims.Source) error {
			src.ID = id
			return s.cfg.Claims.UpdateSource(ctx, currentUser(c).ID, src)
		},
		edit: s.sourceFormPage(c, id),
		saved: func(ctx context.Context) (typedForm, views.Conflict, error) {
			saved, err := s.cfg.Claims.Source(ctx, id)
			if err != nil {
				return nil, views.Conflict{}, err
			}
			return sourceFormOf(saved), views.Conflict{What: "source", SavedBy: saved.UpdatedBy.Display(),
				SavedAt: saved.UpdatedAt, Back: sourcePath(id)}, nil
		},
		conflict: func(cf views.Conflict, mine views.Form) templ.Component {
			parties, _ := s.cfg.Claims.Parties(c.Request().Context()) // without them, the form still shows the rest
			return views.SourceConflictPage(s.session(c), cf, views.SourceForm{ID: id, Form: mine, Parties: parties})
		},
		done: func(*claims.Source) error { return s.flash(c, sourcePath(id), "Source saved.") },
	})
}

// claimRef reads the number of a claim to go back to; anything but an existing claim's
// number is 0.
func (s *Server) claimRef(c echo.Context, v string) int64 {
	id := positiveID(v)
	if id == 0 {
		return 0
	}
	if _, err := s.cfg.Claims.Claim(c.Request().Context(), id); err != nil {
		return 0
	}
	return id
}
