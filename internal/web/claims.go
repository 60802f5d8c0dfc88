package web

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"time"

	"claimdesk/internal/auth"
	"claimdesk/internal/claims"
	"claimdesk/views"

	"github.com/a-h/templ"
	"github.com/labstack/echo/v4"
)

// dashboard lists claims with the counts of each bucket; filters come from the query
// string so a filtered view can be shared as a link.
func (s *Server) dashboard(c echo.Context) error {
	f, err := parseFilter(c.QueryParams())
	if err != nil {
		return err
	}
	return s.showDashboard(c, f, http.StatusOK, views.Form{})
}

// showDashboard renders the dashboard for f, with the "Save this view" form as given
// (its problems and the status they call for, or empty).
func (s *Server) showDashboard(c echo.Context, f claims.Filter, status int, viewForm views.Form) error {
	f.Me = currentUser(c).ID
	version, err := s.deskVersion(c)
	if err != nil {
		return err
	}
	// The dashboard's body is kept by the desk's version (and the minute, for the
	// hours claims have waited), per viewer and address: a change to the desk moves the
	// version on. A body with a form sent back is not kept.
	now := time.Now()
	key := fmt.Sprintf("dashboard|%d|%d|%d|%s|%s", version, now.Unix()/60, f.Me, currentUser(c).Role, c.Request().URL.RawQuery)
	var frag []byte
	if status == http.StatusOK && len(viewForm.Values) == 0 && len(viewForm.Errors) == 0 {
		m, err := s.pages.keep(c.Request().Context(), key, now, func() (made, error) {
			frag, status, err := s.dashboardBody(c, f, now, http.StatusOK, viewForm)
			// The minute in its key dates it; a search that cannot be run is not kept.
			return made{body: frag, status: status, keep: status == http.StatusOK}, err
		})
		if err != nil {
			return err
		}
		frag, status = m.body, m.status
	} else if frag, status, err = s.dashboardBody(c, f, now, status, viewForm); err != nil {
		return err
	}
	// htmx swaps only the dashboard's body in; a history restore needs the whole page.
	c.Response().Header().Add("Vary", "HX-Request")
	h := c.Request().Header
	if h.Get("HX-Request") == "true" && h.Get("HX-History-Restore-Request") != "true" {
		return c.HTMLBlob(status, frag)
	}
	return s.render(c, status, views.DashboardPage(s.session(c), rendered(frag)))
}

// dashboardBody renders the dashboard's body: counts, filters, saved views and one
// page of claims. A search that cannot be run shows the desk without it, its message
// beside the box (422).
func (s *Server) dashboardBody(c echo.Context, f claims.Filter, now time.Time, status int, viewForm views.Form) ([]byte, int, error) {
	ctx := c.Request().Context()
	d := views.Dashboard{Filter: f, CountsFiltered: true, Now: now, SearchText: printable(f.Query), ViewForm: viewForm}
	settings, err := s.cfg.Claims.Settings(ctx)
	if err != nil {
		return nil, 0, err
	}
	d.AwaitingHours = settings.AwaitingHours
	load := func() (err error) {
		if d.Counts, err = s.cfg.Claims.Count(ctx, d.Filter); err != nil {
			return err
		}
		d.Page, err = s.cfg.Claims.List(ctx, d.Filter, d.Counts)
		return err
	}
	var ve claims.ValidationError
	if err = load(); errors.As(err, &ve) && ve[claims.SearchField.Name] != "" {
		d.SearchError, d.Filter.Query, status = ve[claims.SearchField.Name], "", http.StatusUnprocessableEntity
		err = load()
	}
	if err != nil {
		return nil, 0, err
	}
	if d.Sources, err = s.cfg.Claims.Sources(ctx); err != nil {
		return nil, 0, err
	}
	if d.Countries, err = s.cfg.Claims.Countries(ctx); err != nil {
		return nil, 0, err
	}
	if d.Parties, err = s.cfg.Claims.Parties(ctx); err != nil {
		return nil, 0, err
	}
	if d.People, err = s.cfg.Claims.Assignable(ctx); err != nil {
		return nil, 0, err
	}
	if d.Views, err = s.cfg.Claims.Views(ctx, f.Me); err != nil {
		return nil, 0, err
	}
	var buf bytes.Buffer
	if err := views.DashboardFragment(d).Render(ctx, &buf); err != nil {
		return nil, 0, fmt.Errorf("render: %w", err)
	}
	return buf.Bytes(), status, nil
}

func parseFilter(q url.Values) (claims.Filter, error) {
	f := claims.Filter{Query: q.Get("q"), Bucket: q.Get("bucket"), Country: q.Get("country"), Page: 1}
	if !claims.ValidBucket(f.Bucket) {
		return f, badRequest("There is no bucket called “" + printable(f.Bucket) + "”.")
	}
	if !claims.IsText(f.Country) {
		return f, badRequest("The country filter is not text.")
	}
	if v := q.Get("source"); v != "" {
		id, ok := parseID(v)
		if !ok {
			return f, badRequest("The source filter must be a source's number.")
		}
		f.SourceID = id
	}
	for _, a := range []struct {
		param, question string
		choices         []claims.Choice
		set             func(string)
	}{
		{"occurred", "Did it happen?", claims.OccurredStates, func(v string) { f.Occurred = claims.OccurredState(v) }},
		{"responsibility", "Who did it?", claims.ResponsibilityStates, func(v string) { f.Responsibility = claims.ResponsibilityState(v) }},
		{"response", "Official response", claims.ResponseStates, func(v string) { f.Response = claims.ResponseState(v) }},
	} {
		v := q.Get(a.param)
		if v == "" {
			continue
		}
		if !slices.ContainsFunc(a.choices, func(c claims.Choice) bool { return c.Value == v }) {
			return f, badRequest("The “" + a.question + "” filter has no answer called “" + printable(v) + "”.")
		}
		a.set(v)
	}
	if err := parseMoreFilters(q, &f); err != nil {
		return f, err
	}
	var err error
	f.Page, err = parsePage(q.Get("page"))
	return f, err
}

// parseMoreFilters reads the filters beyond the counters' (dates, attack type, source
// kind, party, assignee, mine), the order and the keyset cursor.
func parseMoreFilters(q url.Values, f *claims.Filter) error {
	for _, d := range []struct {
		param, label string
		set          *time.Time
	}{{"from", "From", &f.From}, {"to", "To", &f.To}} {
		v := q.Get(d.param)
		if v == "" {
			continue
		}
		t, err := time.Parse(time.DateOnly, v)
		if err != nil || len(v) != len(time.DateOnly) {
			return badRequest("The “" + d.label + "” date must be a day written YYYY-MM-DD, like 2024-05-31.")
		}
		*d.set = t
	}
	if !f.From.IsZero() && !f.To.IsZero() && f.To.Before(f.From) {
		return badRequest("The “To” date is before the “From” date.")
	}
	for _, e := range []struct {
		param, label string
		choices      []claims.Choice
		set          func(string)
	}{
		{"type", "attack type", claims.AttackTypes, func(v string) { f.AttackType = claims.AttackType(v) }},
		{"kind", "source kind", claims.SourceKinds, func(v string) { f.SourceKind = claims.SourceKind(v) }},
		{"sort", "order", claims.Sorts, func(v string) { f.Sort = claims.Sort(v) }},
	} {
		v := q.Get(e.param)
		if v == "" {
			continue
		}
		if !slices.ContainsFunc(e.choices, func(c claims.Choice) bool { return c.Value == v }) {
			return badRequest("There is no " + e.label + " called “" + printable(v) + "”.")
		}
		e.set(v)
	}
	for _, n := range []struct {
		param, what string
		set         func(int64)
	}{
		{"party", "The party filter must be a party's number.", func(id int64) { f.PartyID = claims.PartyID(id) }},
		{"assignee", "The assignee filter must be a person's number.", func(id int64) { f.AssigneeID = id }},
	} {
		if v := q.Get(n.param); v != "" {
			id, ok := parseID(v)
			if !ok {
				return badRequest(n.what)
			}
			n.set(id)
		}
	}
	switch q.Get("mine") {
	case "":
	case "1":
		f.Mine = true
	default:
		return badRequest("“mine” is 1 or left out.")
	}
	for _, c := range []struct {
		param string
		set   **claims.ListCursor
	}{{"after", &f.After}, {"before", &f.Before}} {
		if v := q.Get(c.param); v != "" {
			cur, ok := claims.ParseListCursor(v)
			if !ok {
				return badRequest("This link's place in the list cannot be read; start again from the first page.")
			}
			*c.set = &cur
		}
	}
	if f.After != nil && f.Before != nil {
		return badRequest("A link goes either after or before a place in the list, not both.")
	}
	return nil
}

// newClaim shows an empty claim form. The date is left empty, so nobody saves today's
// date by mistake; the choices start on the usual answers.
func (s *Server) newClaim(c echo.Context) error {
	f := &claimForm{DatePrecision: "day", AttackType: "unknown"}
	parties, err := s.cfg.Claims.Parties(c.Request().Context())
	if err != nil {
		return err
	}
	return s.render(c, http.StatusOK, views.ClaimEdit(s.session(c), views.ClaimForm{Form: formView(f, nil), Parties: parties}))
}

// createClaim saves a new claim. If it is likely a duplicate of claims on file, the
// form is shown again (200: nothing in it is wrong) with those claims listed and a
// button to save it anyway.
func (s *Server) createClaim(c echo.Context) error {
	form := &claimForm{}
	return saveForm(s, c, saveFlow[claims.Claim]{
		form: form,
		save: func(ctx context.Context, claim *claims.Claim) error {
			return s.cfg.Claims.CreateClaim(ctx, currentUser(c).ID, claim)
		},
		edit: s.claimFormPage(c, 0),
		hold: func(ctx context.Context, claim *claims.Claim) (templ.Component, error) {
			if form.ConfirmNew == "1" {
				return nil, nil
			}
			dups, err := s.cfg.Claims.Duplicates(ctx, claim)
			if err != nil || len(dups) == 0 {
				return nil, err
			}
			parties, err := s.cfg.Claims.Parties(ctx)
			return views.ClaimEdit(s.session(c), views.ClaimForm{Form: formView(form, nil), Parties: parties, Duplicates: dups}), err
		},
		done: func(claim *claims.Claim) error {
			return s.flash(c, claimPath(claim.ID), "Claim created. Now cite its sources.")
		},
	})
}

func (s *Server) claimFormPage(c echo.Context, id int64) func(views.Form) (templ.Component, error) {
	return func(f views.Form) (templ.Component, error) {
		parties, err := s.cfg.Claims.Parties(c.Request().Context())
		return views.ClaimEdit(s.session(c), views.ClaimForm{ID: id, Form: f, Parties: parties}), err
	}
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
	if p.Desk, err = s.claimDesk(c, id); err != nil {
		return p, err
	}
	if currentUser(c).Role.Allows(auth.RoleEditor) {
		if p.Sources, err = s.cfg.Claims.Sources(ctx); err != nil {
			return p, err
		}
		if p.PartyChoices, err = s.cfg.Claims.Parties(ctx); err != nil {
			return p, err
		}
	}
	return p, nil
}

// claimPageUnavailable shows the claim page with 503 after a write the database could
// not take, the form sent back by edit.
func (s *Server) claimPageUnavailable(c echo.Context, id int64, cause error, edit func(*views.ClaimPage)) error {
	page, err := s.claimPage(c, id)
	if err != nil {
		return err
	}
	edit(&page)
	return s.renderUnavailable(c, cause, views.ClaimShow(s.session(c), page))
}

// claimPageWith shows the claim page with status, after edit has set the form sent
// back (or a notice) on it.
func (s *Server) claimPageWith(c echo.Context, id int64, status int, edit func(*views.ClaimPage)) error {
	page, err := s.claimPage(c, id)
	if err != nil {
		return err
	}
	edit(&page)
	return s.render(c, status, views.ClaimShow(s.session(c), page))
}

// showClaim shows a claim. A source_id in the query (after adding a missing source)
// is chosen in the citation form; anything else there is ignored. The page's body is
// kept by the desk's version, as the dashboard's is: a claim opened again by the same
// person, with nothing saved on the desk since, is not read again, until the clock
// alone would change its wording.
func (s *Server) showClaim(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	return s.cachedPage(c, "claim", func() (keptPage, error) {
		p, err := s.claimPage(c, id)
		if err != nil {
			return keptPage{}, err
		}
		if sid := positiveID(c.QueryParam(claims.CitationSource.Name)); sid > 0 {
			for _, src := range p.Sources {
				if src.ID == sid {
					p.CitationForm = formView(&citationForm{SourceID: strconv.FormatInt(sid, 10)}, nil)
				}
			}
		}
		return keptPage{title: p.Claim.Title, body: views.ClaimBody(s.session(c), p), until: p.OutOfDate(currentUser(c).ID)}, nil
	})
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
	parties, err := s.cfg.Claims.Parties(c.Request().Context())
	if err != nil {
		return err
	}
	f := views.ClaimForm{ID: id, Form: formView(claimFormOf(claim), nil), Parties: parties}
	return s.render(c, http.StatusOK, views.ClaimEdit(s.session(c), f))
}

// updateClaim saves an edit. If someone saved the claim since the editor loaded it,
// nothing is written and the editor sees both versions (409).
func (s *Server) updateClaim(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	return saveForm(s, c, saveFlow[claims.Claim]{
		form: &claimForm{},
		save: func(ctx context.Context, claim *claims.Claim) error {
			claim.ID = id
			return s.cfg.Claims.UpdateClaim(ctx, currentUser(c).ID, claim)
		},
		edit: s.claimFormPage(c, id),
		saved: func(ctx context.Context) (typedForm, views.Conflict, error) {
			saved, err := s.cfg.Claims.Claim(ctx, id)
			if err != nil {
				return nil, views.Conflict{}, err
			}
			return claimFormOf(saved), views.Conflict{What: "claim", SavedBy: saved.UpdatedBy.Display(),
				SavedAt: saved.UpdatedAt, Back: claimPath(id)}, nil
		},
		conflict: func(cf views.Conflict, mine views.Form) templ.Component {
			parties, _ := s.cfg.Claims.Parties(c.Request().Context()) // without them, the form still shows the rest
			return views.ClaimConflictPage(s.session(c), cf, views.ClaimForm{ID: id, Form: mine, Parties: parties})
		},
		done: func(*claims.Claim) error { return s.flash(c, claimPath(id), "Claim saved.") },
	})
}

// addCitation cites a source on a claim. On a problem the claim page is shown again,
// and the form's address ends in #cite, so the browser opens it at the form.
func (s *Server) addCitation(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	return saveForm(s, c, saveFlow[claims.Citation]{
		form: &citationForm{ClaimID: id},
		save: func(ctx context.Context, cit *claims.Citation) error {
			return s.cfg.Claims.AddCitation(ctx, currentUser(c).ID, cit)
		},
		edit: func(f views.Form) (templ.Component, error) {
			page, err := s.claimPage(c, id)
			page.CitationForm = f
			return views.ClaimShow(s.session(c), page), err
		},
		done: func(cit *claims.Citation) error {
			return s.flash(c, claimPath(id), "Citation added: "+cit.Source.Name+" "+cit.Stance.Label()+".")
		},
	})
}

// citationsPage answers a reload of the address a refused citation form left in the
// browser: back to the claim, at the form.
func (s *Server) citationsPage(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, claimPath(id)+"#cite")
}

// setVerdict records a fact-checker's verdict. A verdict given on a stale page (the
// claim changed since) is refused with 409 and the page shown afresh, reason kept.
func (s *Server) setVerdict(c echo.Context) error {
	id, v, err := idAndForm(c)
	if err != nil {
		return err
	}
	revision, _ := strconv.Atoi(v.Get(fieldRevision))
	to := claims.Verdict(v.Get(claims.VerdictField.Name))
	reason, err := claims.ValidateVerdict(to, v.Get(claims.VerdictReason.Name))
	if err == nil {
		err = s.cfg.Claims.SetVerdict(c.Request().Context(), currentUser(c).ID, id, revision, to, reason)
	}
	var ve claims.ValidationError
	switch {
	case errors.As(err, &ve):
		return s.verdictPage(c, id, http.StatusUnprocessableEntity, verdictView(v, ve), "")
	case unavailable(err):
		return s.claimPageUnavailable(c, id, err, func(page *views.ClaimPage) {
			page.VerdictForm = verdictView(v, nil)
			page.VerdictForm.Unsaved = unsavedText(err)
		})
	case errors.Is(err, claims.ErrConflict):
		return s.verdictPage(c, id, http.StatusConflict, verdictView(v, nil),
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

// verdictView is the posted verdict form as a page shows it again.
func verdictView(v url.Values, p problems) views.Form {
	f := views.Form{Values: map[string]string{}, Errors: p}
	for _, name := range []string{claims.VerdictField.Name, claims.VerdictReason.Name} {
		f.Values[name] = printable(v.Get(name))
	}
	return f
}

// reviewContest records that a fact-checker weighed one disagreement on a claim. A
// review sent on a stale page is refused (409) and the page shown afresh, note kept.
func (s *Server) reviewContest(c echo.Context) error {
	id, v, err := idAndForm(c)
	if err != nil {
		return err
	}
	revision, _ := strconv.Atoi(v.Get(fieldRevision))
	key, note := v.Get(claims.ReviewKey.Name), v.Get(claims.ReviewNote.Name)
	err = s.cfg.Claims.ReviewContest(c.Request().Context(), currentUser(c).ID, id, revision, key, note)
	sentBack := func(status int, p problems, notice string) error {
		return s.claimPageWith(c, id, status, func(page *views.ClaimPage) {
			page.ReviewKey, page.Notice = key, notice
			page.ReviewForm = views.Form{Values: map[string]string{claims.ReviewNote.Name: printable(note)}, Errors: p}
		})
	}
	var ve claims.ValidationError
	switch {
	case errors.As(err, &ve):
		if msg, ok := ve[claims.ReviewKey.Name]; ok {
			return sentBack(http.StatusUnprocessableEntity, nil, msg)
		}
		return sentBack(http.StatusUnprocessableEntity, ve, "")
	case unavailable(err):
		return s.claimPageUnavailable(c, id, err, func(page *views.ClaimPage) {
			page.ReviewKey = key
			page.ReviewForm = views.Form{Values: map[string]string{claims.ReviewNote.Name: printable(note)}, Unsaved: unsavedText(err)}
		})
	case errors.Is(err, claims.ErrConflict):
		return sentBack(http.StatusConflict, nil,
			"Your review was not saved: the claim changed since you opened it. Check the disagreement as it is now, then mark it again.")
	case err != nil:
		return err
	}
	return s.flash(c, claimPath(id), "Disagreement marked reviewed.")
}
