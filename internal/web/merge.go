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

// mergePage asks which claim to merge this one into; with ?into= it compares the two
// side by side, or asks again with the problem beside the field (422).
func (s *Server) mergePage(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	from, err := s.cfg.Claims.Claim(ctx, id)
	if err != nil {
		return err
	}
	p := views.MergePage{From: from}
	raw, given := c.QueryParams()[claims.MergeInto.Name]
	if !given {
		if p.Candidates, err = s.cfg.Claims.Duplicates(ctx, from); err != nil {
			return err
		}
		return s.render(c, http.StatusOK, views.MergeChoose(s.session(c), p))
	}
	into := strings.TrimSpace(raw[0])
	p.Form = views.Form{Values: map[string]string{claims.MergeInto.Name: printable(into)}}
	var ve claims.ValidationError
	intoID := positiveID(strings.TrimPrefix(into, "#"))
	if intoID == 0 {
		err = claims.ValidationError{claims.MergeInto.Name: "Give the other claim's number, like 12."}
	} else {
		p.Into, err = s.cfg.Claims.MergeTarget(ctx, id, intoID)
	}
	if errors.As(err, &ve) {
		p.Form.Errors = ve
		if p.Candidates, err = s.cfg.Claims.Duplicates(ctx, from); err != nil {
			return err
		}
		return s.render(c, http.StatusUnprocessableEntity, views.MergeChoose(s.session(c), p))
	}
	if err != nil {
		return err
	}
	return s.render(c, http.StatusOK, views.MergeConfirm(s.session(c), p))
}

// mergeClaim merges the claim into the one chosen and goes to that one (303). A
// missing reason shows the comparison again (422); if either claim changed since
// the editor compared them, it is shown afresh (409), reason kept.
func (s *Server) mergeClaim(c echo.Context) error {
	id, v, err := idAndForm(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	intoID := positiveID(v.Get(claims.MergeInto.Name))
	fromRev, _ := strconv.Atoi(v.Get(fieldRevision))
	intoRev, _ := strconv.Atoi(v.Get("into_revision"))
	reason := v.Get(claims.MergeReason.Name)
	err = s.cfg.Claims.MergeClaim(ctx, currentUser(c).ID, id, fromRev, intoID, intoRev, reason)
	again := func(status int, p problems, notice string) error {
		page := views.MergePage{Form: views.Form{Values: map[string]string{claims.MergeInto.Name: printable(v.Get(claims.MergeInto.Name)),
			claims.MergeReason.Name: printable(reason)}, Errors: p, Unsaved: notice}}
		var lerr error
		if page.From, lerr = s.cfg.Claims.Claim(ctx, id); lerr != nil {
			return lerr
		}
		if _, bad := p[claims.MergeInto.Name]; !bad && intoID > 0 {
			if page.Into, lerr = s.cfg.Claims.MergeTarget(ctx, id, intoID); lerr == nil {
				return s.render(c, status, views.MergeConfirm(s.session(c), page))
			}
		}
		if page.Candidates, lerr = s.cfg.Claims.Duplicates(ctx, page.From); lerr != nil {
			return lerr
		}
		return s.render(c, status, views.MergeChoose(s.session(c), page))
	}
	var ve claims.ValidationError
	switch {
	case errors.As(err, &ve):
		return again(http.StatusUnprocessableEntity, ve, "")
	case unavailable(err):
		return again(http.StatusServiceUnavailable, nil, unsavedText(err))
	case errors.Is(err, claims.ErrConflict):
		return again(http.StatusConflict, nil, "Nothing was merged: one of the claims changed since you compared them. Compare them as they are now, then merge again.")
	case err != nil:
		return err
	}
	return s.flash(c, claimPath(intoID), "Claim "+strconv.FormatInt(id, 10)+" merged into this claim.")
}

// movedTo is where a GET for a merged claim's address goes: the same page of the
// claim it was merged into.
func movedTo(c echo.Context, me *claims.MergedError) string {
	path := c.Request().URL.Path
	old := claimPath(me.ID)
	if !strings.HasPrefix(path, old) {
		return claimPath(me.Into)
	}
	return claimPath(me.Into) + strings.TrimPrefix(path, old)
}
