package web

import (
	"errors"
	"net/http"
	"strconv"

	"claimdesk/internal/claims"
	"claimdesk/views"

	"github.com/labstack/echo/v4"
)

// commentAnchor is the address of one comment on its claim's page.
func commentAnchor(cm *claims.Comment) string {
	return claimPath(cm.ClaimID) + "#comment-" + strconv.FormatInt(cm.ID, 10)
}

// addComment posts a comment on a claim. Anyone logged in may: they can all see the
// claim, and the desk discusses it.
func (s *Server) addComment(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	v, err := formValues(c)
	if err != nil {
		return err
	}
	body := v.Get(claims.CommentBody.Name)
	cm, err := s.cfg.Claims.AddComment(c.Request().Context(), currentUser(c).ID, id, body)
	form := views.Form{Values: map[string]string{claims.CommentBody.Name: printable(body)}}
	var ve claims.ValidationError
	switch {
	case errors.As(err, &ve):
		form.Errors = ve
		return s.claimPageWith(c, id, http.StatusUnprocessableEntity, func(p *views.ClaimPage) { p.Desk.CommentForm = form })
	case unavailable(err):
		form.Unsaved = unsavedText(err)
		return s.claimPageUnavailable(c, id, err, func(p *views.ClaimPage) { p.Desk.CommentForm = form })
	case err != nil:
		return err
	}
	return s.flash(c, commentAnchor(cm), "Comment posted.")
}

// editComment saves its author's change to a comment, within the edit window.
func (s *Server) editComment(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	v, err := formValues(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	cm, err := s.cfg.Claims.Comment(ctx, id)
	if err != nil {
		return err
	}
	body := v.Get(claims.CommentBody.Name)
	_, err = s.cfg.Claims.EditComment(ctx, currentUser(c).ID, id, body)
	form := views.Form{Values: map[string]string{claims.CommentBody.Name: printable(body)}}
	edit := func(p *views.ClaimPage) { p.Desk.EditID, p.Desk.EditForm = id, form }
	var ve claims.ValidationError
	switch {
	case errors.As(err, &ve):
		form.Errors = ve
		return s.claimPageWith(c, cm.ClaimID, http.StatusUnprocessableEntity, edit)
	case unavailable(err):
		form.Unsaved = unsavedText(err)
		return s.claimPageUnavailable(c, cm.ClaimID, err, edit)
	case err != nil:
		return err
	}
	return s.flash(c, commentAnchor(cm), "Comment saved.")
}

// removeComment takes a comment off its claim (admins only), leaving who removed it
// and when in its place.
func (s *Server) removeComment(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	cm, err := s.cfg.Claims.RemoveComment(c.Request().Context(), currentUser(c).ID, id)
	if err != nil {
		return err
	}
	return s.flash(c, commentAnchor(cm), "Comment removed.")
}

// commentsPage answers a reload of the address a refused comment form left: back to
// the claim, at its discussion.
func (s *Server) commentsPage(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, claimPath(id)+"#comments")
}

// showComment sends a comment's address to its place on its claim's page.
func (s *Server) showComment(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	cm, err := s.cfg.Claims.Comment(c.Request().Context(), id)
	if err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, commentAnchor(cm))
}
