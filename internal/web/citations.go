package web

import (
	"context"
	"errors"
	"net/http"
	"strconv"

	"claimdesk/internal/claims"
	"claimdesk/views"

	"github.com/a-h/templ"
	"github.com/labstack/echo/v4"
)

// citationEditPage loads the page that corrects or withdraws a citation.
func (s *Server) citationEditPage(c echo.Context, id int64) (views.CitationEditPage, error) {
	ctx := c.Request().Context()
	cit, err := s.cfg.Claims.Citation(ctx, id)
	if err != nil {
		return views.CitationEditPage{}, err
	}
	p := views.CitationEditPage{Citation: cit, Form: formView(citationFormOf(cit), nil)}
	claim, err := s.cfg.Claims.Claim(ctx, cit.ClaimID)
	if err != nil {
		return p, err
	}
	p.ClaimTitle = claim.Title
	if p.Sources, err = s.cfg.Claims.Sources(ctx); err != nil {
		return p, err
	}
	p.Parties, err = s.cfg.Claims.Parties(ctx)
	return p, err
}

// editCitation shows the form that corrects a citation, and the one that withdraws it.
func (s *Server) editCitation(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	p, err := s.citationEditPage(c, id)
	if err != nil {
		return err
	}
	if p.Citation.Withdrawn() {
		return s.flash(c, citationOnClaim(p.Citation), "That citation was withdrawn; it can no longer be corrected.")
	}
	return s.render(c, http.StatusOK, views.CitationEdit(s.session(c), p))
}

func citationOnClaim(cit *claims.Citation) string {
	return claimPath(cit.ClaimID) + "#citation-" + strconv.FormatInt(cit.ID, 10)
}

// updateCitation saves a correction. A citation changed meanwhile is refused (409) and
// shown as it is now, the correction to make again.
func (s *Server) updateCitation(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	form := &citationForm{}
	return saveForm(s, c, saveFlow[claims.Citation]{
		form: form,
		save: func(ctx context.Context, cit *claims.Citation) error {
			cit.ID = id
			return s.cfg.Claims.UpdateCitation(ctx, currentUser(c).ID, cit, form.Why)
		},
		edit: func(f views.Form) (templ.Component, error) {
			p, err := s.citationEditPage(c, id)
			p.Form = f
			return views.CitationEdit(s.session(c), p), err
		},
		saved: func(ctx context.Context) (typedForm, views.Conflict, error) {
			cit, err := s.cfg.Claims.Citation(ctx, id)
			if err != nil {
				return nil, views.Conflict{}, err
			}
			return citationFormOf(cit), views.Conflict{What: "citation", Back: citationOnClaim(cit)}, nil
		},
		conflict: func(_ views.Conflict, mine views.Form) templ.Component {
			p, err := s.citationEditPage(c, id)
			if err != nil {
				return views.Error(s.session(c), views.ErrorPage{Status: http.StatusConflict, Title: "Changed meanwhile",
					Message: "Someone changed this citation while you were editing it, so nothing was saved."})
			}
			p.Conflict = true
			return views.CitationEdit(s.session(c), p)
		},
		done: func(cit *claims.Citation) error {
			return s.flash(c, citationOnClaim(cit), "Citation corrected.")
		},
	})
}

// withdrawCitation takes a citation out of the evidence, keeping it struck through.
func (s *Server) withdrawCitation(c echo.Context) error {
	id, v, err := idAndForm(c)
	if err != nil {
		return err
	}
	version, _ := strconv.Atoi(v.Get(fieldVersion))
	why := v.Get("reason")
	err = s.cfg.Claims.WithdrawCitation(c.Request().Context(), currentUser(c).ID, id, version, why)
	sentBack := func(status int, f views.Form, conflict bool) error {
		p, perr := s.citationEditPage(c, id)
		if perr != nil {
			return perr
		}
		p.WithdrawForm, p.Conflict = f, conflict
		return s.render(c, status, views.CitationEdit(s.session(c), p))
	}
	kept := views.Form{Values: map[string]string{"reason": printable(why)}}
	var ve claims.ValidationError
	switch {
	case errors.As(err, &ve):
		kept.Errors = problems{"reason": ve[claims.CitationWhy.Name]}
		return sentBack(http.StatusUnprocessableEntity, kept, false)
	case unavailable(err):
		kept.Unsaved = unsavedText(err)
		p, perr := s.citationEditPage(c, id)
		if perr != nil {
			return perr
		}
		p.WithdrawForm = kept
		return s.renderUnavailable(c, err, views.CitationEdit(s.session(c), p))
	case errors.Is(err, claims.ErrConflict):
		return sentBack(http.StatusConflict, kept, true)
	case err != nil:
		return err
	}
	cit, err := s.cfg.Claims.Citation(c.Request().Context(), id)
	if err != nil {
		return err
	}
	return s.flash(c, citationOnClaim(cit), "Citation withdrawn; it no longer counts as evidence.")
}
