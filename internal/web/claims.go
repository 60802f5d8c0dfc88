package web

import (
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"claimdesk/internal/auth"
	"claimdesk/internal/claims"
	"claimdesk/views"

	"github.com/labstack/echo/v4"
)

// dashboard lists claims with the counts of each bucket; filters come from the query
// string so a filtered view can be shared as a link.
func (s *Server) dashboard(c echo.Context) error {
	f, err := parseFilter(c.QueryParams())
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	d := views.Dashboard{Filter: f, CountsFiltered: true}
	if d.Counts, err = s.cfg.Claims.Count(ctx, f); err != nil {
		return err
	}
	if d.Page, err = s.cfg.Claims.List(ctx, f, d.Counts); err != nil {
		return err
	}
	if d.Sources, err = s.cfg.Claims.Sources(ctx); err != nil {
		return err
	}
	if d.Countries, err = s.cfg.Claims.Countries(ctx); err != nil {
		return err
	}
	// htmx swaps only the dashboard's body in; a history restore needs the whole page.
	c.Response().Header().Add("Vary", "HX-Request")
	h := c.Request().Header
	if h.Get("HX-Request") == "true" && h.Get("HX-History-Restore-Request") != "true" {
		return s.render(c, http.StatusOK, views.DashboardFragment(d))
	}
	return s.render(c, http.StatusOK, views.DashboardPage(s.session(c), d))
}

func parseFilter(q url.Values) (claims.Filter, error) {
	f := claims.Filter{Bucket: q.Get("bucket"), Country: q.Get("country"), Page: 1}
	if !claims.ValidBucket(f.Bucket) {
		return f, badRequest("There is no bucket called “" + f.Bucket + "”.")
	}
	if v := q.Get("source"); v != "" {
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil || id <= 0 {
			return f, badRequest("The source filter must be a source's number.")
		}
		f.SourceID = id
	}
	if v := q.Get("page"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 1_000_000 {
			return f, badRequest("The page must be a number from 1 up.")
		}
		f.Page = n
	}
	return f, nil
}

func (s *Server) newClaim(c echo.Context) error {
	f := views.ClaimForm{Form: views.Form{Values: map[string]string{
		"occurred_on": time.Now().UTC().Format(time.DateOnly), "date_precision": "day", "attack_type": "unknown",
	}}}
	return s.render(c, http.StatusOK, views.ClaimEdit(s.session(c), f))
}

func (s *Server) createClaim(c echo.Context) error {
	v, err := formValues(c)
	if err != nil {
		return err
	}
	claim, p := claimFromForm(v)
	if len(p) == 0 {
		err = s.cfg.Claims.CreateClaim(c.Request().Context(), currentUser(c).ID, claim)
		merge(p, err)
	}
	if len(p) > 0 {
		return s.render(c, http.StatusUnprocessableEntity, views.ClaimEdit(s.session(c), views.ClaimForm{Form: views.NewForm(v, p)}))
	}
	if err != nil {
		return err
	}
	return s.flash(c, claimPath(claim.ID), "Claim created. Now cite its sources.")
}

func claimPath(id int64) string { return "/claims/" + strconv.FormatInt(id, 10) }

// claimPage loads everything the claim page shows, for the viewer's role.
func (s *Server) claimPage(c echo.Context, id int64) (views.ClaimPage, error) {
	ctx := c.Request().Context()
	d, err := s.cfg.Claims.Detail(ctx, id)
	if err != nil {
		return views.ClaimPage{}, err
	}
	p := views.ClaimPage{ClaimDetail: d}
	if currentUser(c).Role.Allows(auth.RoleEditor) {
		if p.Sources, err = s.cfg.Claims.Sources(ctx); err != nil {
			return p, err
		}
	}
	return p, nil
}

func (s *Server) showClaim(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	p, err := s.claimPage(c, id)
	if err != nil {
		return err
	}
	return s.render(c, http.StatusOK, views.ClaimShow(s.session(c), p))
}

func (s *Server) editClaim(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	claim, err := s.cfg.Claims.Claim(c.Request().Context(), id)
	if err != nil {
		return err
	}
	f := views.ClaimForm{ID: id, Form: views.Form{Values: views.ClaimValues(claim)}}
	return s.render(c, http.StatusOK, views.ClaimEdit(s.session(c), f))
}

// updateClaim saves an edit. If someone saved the claim since the editor loaded it,
// nothing is written and the editor sees both versions (409).
func (s *Server) updateClaim(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	v, err := formValues(c)
	if err != nil {
		return err
	}
	claim, p := claimFromForm(v)
	claim.ID = id
	ctx := c.Request().Context()
	if len(p) == 0 {
		err = s.cfg.Claims.UpdateClaim(ctx, currentUser(c).ID, claim)
		merge(p, err)
	}
	if len(p) > 0 {
		return s.render(c, http.StatusUnprocessableEntity, views.ClaimEdit(s.session(c), views.ClaimForm{ID: id, Form: views.NewForm(v, p)}))
	}
	if errors.Is(err, claims.ErrConflict) {
		saved, err := s.cfg.Claims.Claim(ctx, id)
		if err != nil {
			return err
		}
		mine := views.NewForm(v, nil)
		conflict := views.Conflict{What: "claim", Rows: views.ConflictRows(views.ClaimFields, mine.Values, views.ClaimValues(saved)),
			SavedBy: saved.UpdatedBy.Display(), SavedAt: saved.UpdatedAt, Back: claimPath(id)}
		mine.Values["version"] = strconv.Itoa(saved.Version)
		return s.render(c, http.StatusConflict, views.ClaimConflictPage(s.session(c), conflict, views.ClaimForm{ID: id, Form: mine}))
	}
	if err != nil {
		return err
	}
	return s.flash(c, claimPath(id), "Claim saved.")
}

func (s *Server) addCitation(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	v, err := formValues(c)
	if err != nil {
		return err
	}
	cit, p := citationFromForm(id, v)
	if len(p) == 0 {
		err = s.cfg.Claims.AddCitation(c.Request().Context(), currentUser(c).ID, cit)
		merge(p, err)
	}
	if len(p) > 0 {
		page, err := s.claimPage(c, id)
		if err != nil {
			return err
		}
		page.CitationForm = views.NewForm(v, p)
		return s.render(c, http.StatusUnprocessableEntity, views.ClaimShow(s.session(c), page))
	}
	if err != nil {
		return err
	}
	return s.flash(c, claimPath(id), "Citation added: "+cit.Source.Name+" "+cit.Stance.Label()+".")
}

// setVerdict records a fact-checker's verdict. A verdict given on a stale page (the
// claim changed since) is refused with 409 and the page shown afresh, reason kept.
func (s *Server) setVerdict(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	v, err := formValues(c)
	if err != nil {
		return err
	}
	version, _ := strconv.Atoi(v.Get("version"))
	to := claims.Verdict(v.Get("verdict"))
	err = s.cfg.Claims.SetVerdict(c.Request().Context(), currentUser(c).ID, id, version, to, v.Get("reason"))
	var ve claims.ValidationError
	switch {
	case errors.As(err, &ve):
		return s.verdictPage(c, id, http.StatusUnprocessableEntity, views.NewForm(v, ve), "")
	case errors.Is(err, claims.ErrConflict):
		return s.verdictPage(c, id, http.StatusConflict, views.NewForm(v, nil),
			"Your verdict was not saved: the claim changed since you opened it. Review it as it is now, then save your verdict again.")
	case err != nil:
		return err
	}
	return s.flash(c, claimPath(id), "Verdict set: "+to.Label()+".")
}

func (s *Server) verdictPage(c echo.Context, id int64, status int, f views.Form, notice string) error {
	page, err := s.claimPage(c, id)
	if err != nil {
		return err
	}
	page.VerdictForm, page.Notice = f, notice
	return s.render(c, status, views.ClaimShow(s.session(c), page))
}
