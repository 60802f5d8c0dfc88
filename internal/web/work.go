package web

import (
	"errors"
	"net/http"
	"strconv"

	"claimdesk/internal/auth"
	"claimdesk/internal/claims"
	"claimdesk/views"

	"github.com/labstack/echo/v4"
)

// claimDesk loads the desk's part of a claim page for the viewer: work, following,
// comments.
func (s *Server) claimDesk(c echo.Context, id int64) (views.ClaimDesk, error) {
	ctx, me := c.Request().Context(), currentUser(c)
	d := views.ClaimDesk{Now: s.cfg.Claims.Time()}
	var err error
	if d.Work, err = s.cfg.Claims.WorkOf(ctx, id); err != nil {
		return d, err
	}
	d.WorkForm = views.Form{Values: map[string]string{claims.WorkStatusField.Name: string(d.Work.WorkStatus)}}
	if d.Work.AssigneeID != nil {
		d.WorkForm.Values[claims.WorkAssignee.Name] = strconv.FormatInt(*d.Work.AssigneeID, 10)
	}
	if me.Role.Allows(auth.RoleEditor) {
		if d.Assignable, err = s.cfg.Claims.Assignable(ctx); err != nil {
			return d, err
		}
	}
	if d.Following, err = s.cfg.Claims.Following(ctx, me.ID, id); err != nil {
		return d, err
	}
	d.Comments, err = s.cfg.Claims.Comments(ctx, id)
	return d, err
}

// setWork sets a claim's work status and assignee. A form sent from a stale page (the
// claim changed since) is refused with 409 and the page shown afresh, choices kept.
func (s *Server) setWork(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	v, err := formValues(c)
	if err != nil {
		return err
	}
	revision, _ := strconv.Atoi(v.Get(fieldRevision))
	status, who := v.Get(claims.WorkStatusField.Name), v.Get(claims.WorkAssignee.Name)
	p := problems{}
	var assignee *int64
	switch n := positiveID(who); {
	case !claims.IsText(who):
		p[claims.WorkAssignee.Name] = claims.NotText
	case who != "" && n == 0:
		p[claims.WorkAssignee.Name] = "Choose someone from the list."
	case n > 0:
		assignee = &n
	}
	if !claims.IsText(status) {
		p[claims.WorkStatusField.Name] = claims.NotText
	}
	var changes []claims.Change
	if len(p) == 0 {
		changes, err = s.cfg.Claims.SetWork(c.Request().Context(), currentUser(c).ID, id, revision, claims.WorkStatus(status), assignee)
		merge(p, err)
	}
	form := views.Form{Values: map[string]string{claims.WorkStatusField.Name: printable(status), claims.WorkAssignee.Name: printable(who)}}
	sentBack := func(code int, f views.Form, notice string) error {
		return s.claimPageWith(c, id, code, func(page *views.ClaimPage) { page.Desk.WorkForm, page.Notice = f, notice })
	}
	switch {
	case len(p) > 0:
		form.Errors = p
		return sentBack(http.StatusUnprocessableEntity, form, "")
	case unavailable(err):
		form.Unsaved = unsavedText(err)
		return s.claimPageUnavailable(c, id, err, func(page *views.ClaimPage) { page.Desk.WorkForm = form })
	case errors.Is(err, claims.ErrConflict):
		return sentBack(http.StatusConflict, form,
			"Your change to the work status was not saved: the claim changed since you opened it. Check it as it is now, then save again.")
	case err != nil:
		return err
	}
	if len(changes) == 0 {
		return s.flash(c, claimPath(id)+"#work", "Nothing to change: the work stood so already.")
	}
	return s.flash(c, claimPath(id)+"#work", "Work saved.")
}

// workPage answers a reload of the address a refused work form left in the browser.
func (s *Server) workPage(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, claimPath(id)+"#work")
}

// queue lists the claims assigned to the viewer; done=1 includes the done ones.
func (s *Server) queue(c echo.Context) error {
	done := c.QueryParam("done")
	if done != "" && done != "1" {
		return badRequest("done is 1 or left out.")
	}
	items, err := s.cfg.Claims.Queue(c.Request().Context(), currentUser(c).ID, done == "1")
	if err != nil {
		return err
	}
	return s.render(c, http.StatusOK, views.QueuePage(s.session(c), views.Queue{Items: items, WithDone: done == "1"}))
}
