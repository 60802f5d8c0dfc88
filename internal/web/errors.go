package web

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"claimdesk/internal/auth"
	"claimdesk/internal/claims"
	"claimdesk/internal/db"

	"github.com/a-h/templ"
	"github.com/labstack/echo/v4"
)

// errorStatus maps domain errors to the status and kind of page they show: a new
// domain error is one line here.
var errorStatus = []struct {
	target error
	status int
	kind   string
}{
	{claims.ErrNotFound, http.StatusNotFound, ""},
	{claims.ErrConflict, http.StatusConflict, ""},
	{claims.ErrNotAllowed, http.StatusForbidden, ""},
	{auth.ErrBadCredentials, http.StatusUnauthorized, ""},
	{auth.ErrNoSession, http.StatusUnauthorized, ""},
	{auth.ErrSetupDone, http.StatusNotFound, ""},
	{db.ErrFull, http.StatusServiceUnavailable, "full"},
	{db.ErrBusy, http.StatusServiceUnavailable, "busy"},
}

// retryLater is an error after which the same request may succeed: any error with
// this method (db.ErrBusy, say) is a 503 "busy" page with that Retry-After.
type retryLater interface{ RetryAfter() time.Duration }

// tooManyAttempts is a login refused by the throttle until wait has passed.
type tooManyAttempts struct{ wait time.Duration }

func (e tooManyAttempts) Error() string { return fmt.Sprintf("too many attempts: wait %v", e.wait) }

// errorPage is what an error page says.
type errorPage struct{ title, message string }

// errorPages holds the text of each error page, by status and kind.
var errorPages = map[struct {
	status int
	kind   string
}]errorPage{
	{http.StatusBadRequest, ""}:            {"Bad request", "The request could not be understood. Check the link or the form and try again."},
	{http.StatusUnauthorized, ""}:          {"Not logged in", "Log in to continue."},
	{http.StatusForbidden, ""}:             {"Not allowed", "Your role does not allow this. Ask an admin of your desk if you need it."},
	{http.StatusNotFound, ""}:              {"Not found", "There is nothing at this address. The claim or source may have been mistyped in the link."},
	{http.StatusMethodNotAllowed, ""}:      {"Not allowed here", "This address does not take that kind of request."},
	{http.StatusConflict, ""}:              {"Changed meanwhile", "Someone saved this since you opened it, so nothing was saved. Reload it and make your change again."},
	{http.StatusRequestEntityTooLarge, ""}: {"Too much at once", "What you sent is larger than the desk accepts (1 MB). Shorten the text and try again."},
	{http.StatusUnprocessableEntity, ""}:   {"Check the form", "Some of what you entered cannot be saved as it is. Go back, correct it and try again."},
	{http.StatusTooManyRequests, ""}:       {"Slow down", "Too many attempts in a short time. Wait a minute and try again."},
	{http.StatusServiceUnavailable, ""}:    {"Not available", "The desk cannot answer right now. Try again in a minute."},
	{http.StatusServiceUnavailable, "busy"}: {"The desk is busy", "The desk is busy, so nothing was saved. Go back (your browser keeps what you typed) " +
		"and send it again in a few seconds."},
	{http.StatusServiceUnavailable, "full"}: {"Cannot save", "The desk cannot save right now: its disk is full. Nothing was saved; tell your admin."},
	{http.StatusInternalServerError, ""}:    {"Something went wrong", "Something went wrong on our side. It has been logged; please try again in a moment."},
}

// errorText gives the title and message of an error page for a status and kind.
func errorText(status int, kind string) (string, string) {
	for _, k := range []string{kind, ""} {
		if p, ok := errorPages[struct {
			status int
			kind   string
		}{status, k}]; ok {
			return p.title, p.message
		}
	}
	p := errorPages[struct {
		status int
		kind   string
	}{http.StatusInternalServerError, ""}]
	return p.title, p.message
}

// clientGone reports whether err only says that the client hung up: nothing to show
// and nothing wrong on our side.
func clientGone(c echo.Context, err error) bool {
	return errors.Is(err, context.Canceled) && c.Request().Context().Err() != nil
}

// errorResponse is how an error is answered: status, kind of page, its message
// (empty for the page's own), and the Retry-After, if any.
type errorResponse struct {
	status     int
	kind       string
	message    string
	retryAfter time.Duration
}

// respondTo maps err to its response; anything not known is a 500.
func respondTo(err error) errorResponse {
	var (
		ve claims.ValidationError
		he *echo.HTTPError
		tm tooManyAttempts
		rl retryLater
	)
	for _, e := range errorStatus {
		if errors.Is(err, e.target) {
			r := errorResponse{status: e.status, kind: e.kind}
			if errors.As(err, &rl) {
				r.retryAfter = rl.RetryAfter()
			}
			return r
		}
	}
	var me *claims.MergedError
	switch {
	case errors.As(err, &me):
		return errorResponse{status: http.StatusConflict, message: fmt.Sprintf("Claim %d was merged into claim %d, so it can no longer be changed. "+
			"Make your change on claim %d.", me.ID, me.Into, me.Into)}
	case errors.As(err, &ve):
		return errorResponse{status: http.StatusUnprocessableEntity}
	case errors.As(err, &tm):
		return errorResponse{status: http.StatusTooManyRequests, retryAfter: tm.wait,
			message: "Too many failed attempts to log in. Try again in " + minutes(tm.wait) + "."}
	case errors.As(err, &rl):
		return errorResponse{status: http.StatusServiceUnavailable, kind: "busy", retryAfter: rl.RetryAfter()}
	case errors.As(err, &he):
		r := errorResponse{status: he.Code}
		if m, ok := he.Message.(string); ok && he.Code == http.StatusBadRequest {
			r.message = m
		}
		return r
	}
	return errorResponse{status: http.StatusInternalServerError}
}

// minutes says how long d is in whole minutes, rounded up: "1 minute", "3 minutes".
func minutes(d time.Duration) string {
	n := int((d + time.Minute - 1) / time.Minute)
	if n <= 1 {
		return "1 minute"
	}
	return strconv.Itoa(n) + " minutes"
}

// retryAfterSeconds is d as a Retry-After value: whole seconds, rounded up, at least 1.
func retryAfterSeconds(d time.Duration) string {
	return strconv.Itoa(max(1, int((d+time.Second-1)/time.Second)))
}

// unavailable reports whether err means the database cannot save now (busy, disk
// full): the user's input was fine and can be sent again as it is.
func unavailable(err error) bool {
	return errors.Is(err, db.ErrBusy) || errors.Is(err, db.ErrFull)
}

// unsavedText says, above a form shown again, why nothing was saved.
func unsavedText(err error) string {
	if errors.Is(err, db.ErrFull) {
		return "Nothing was saved: the desk's disk is full. Your input is kept below; tell your admin, then send it again."
	}
	return "Nothing was saved: the desk is busy. Your input is kept below; send it again in a few seconds."
}

// renderUnavailable answers a write the database could not take with 503, its
// Retry-After, and page: the form again with the user's input.
func (s *Server) renderUnavailable(c echo.Context, err error, page templ.Component) error {
	r := respondTo(err)
	if r.retryAfter > 0 {
		c.Response().Header().Set("Retry-After", retryAfterSeconds(r.retryAfter))
	}
	log := s.log.Warn // busy passes by itself
	if errors.Is(err, db.ErrFull) {
		log = s.log.Error // a full disk needs the admin
	}
	log("write refused", "method", c.Request().Method, "path", c.Request().URL.Path, "err", err)
	return s.render(c, http.StatusServiceUnavailable, page)
}
