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

func partyPath(id claims.PartyID) string { return "/parties/" + strconv.FormatInt(int64(id), 10) }

// partyForm is the form to add or edit a party of the registry.
type partyForm struct {
	Name, Kind, ParentID, Notes string
	Version                     string
}

func (f *partyForm) fields() []binding {
	return []binding{
		{claims.PartyName, &f.Name}, {claims.PartyKindField, &f.Kind},
		{claims.PartyParent, &f.ParentID}, {claims.PartyNotes, &f.Notes},
	}
}

func (f *partyForm) hidden() []binding {
	return []binding{{claims.Field{Name: fieldVersion}, &f.Version}}
}

// toDomain turns the form into a party; p gains the party's own validation.
func (f *partyForm) toDomain(p problems) *claims.PartyRecord {
	rec := &claims.PartyRecord{Party: claims.Party{Name: f.Name, Kind: claims.PartyKind(f.Kind),
		ParentID: claims.PartyID(positiveID(f.ParentID))}, Notes: f.Notes}
	if f.ParentID != "" && rec.ParentID == 0 {
		setOnce(p, claims.PartyParent.Name, "Choose a party from the list.")
	}
	rec.Version, _ = strconv.Atoi(f.Version)
	return rec
}

// partyFormOf is a stored party as its form shows it.
func partyFormOf(r *claims.PartyRecord) *partyForm {
	f := &partyForm{Name: r.Name, Kind: string(r.Kind), Notes: r.Notes, Version: strconv.Itoa(r.Version)}
	if r.ParentID != 0 {
		f.ParentID = strconv.FormatInt(int64(r.ParentID), 10)
	}
	return f
}

// listParties shows the registry: who belongs to whom, and which sources speak for each.
func (s *Server) listParties(c echo.Context) error {
	ctx := c.Request().Context()
	parties, err := s.cfg.Claims.Parties(ctx)
	if err != nil {
		return err
	}
	sources, err := s.cfg.Claims.Sources(ctx)
	if err != nil {
		return err
	}
	return s.render(c, http.StatusOK, views.PartyList(s.session(c), views.Parties{Parties: parties, Sources: sources}))
}

// partyFormPage shows the party form again with f.
func (s *Server) partyFormPage(c echo.Context, id claims.PartyID) func(views.Form) (templ.Component, error) {
	return func(f views.Form) (templ.Component, error) {
		parties, err := s.cfg.Claims.Parties(c.Request().Context())
		return views.PartyEdit(s.session(c), views.PartyForm{ID: id, Form: f, Parties: parties}), err
	}
}

func (s *Server) newParty(c echo.Context) error {
	page, err := s.partyFormPage(c, 0)(views.Form{Values: map[string]string{claims.PartyKindField.Name: string(claims.PartyArmedGroup)}})
	if err != nil {
		return err
	}
	return s.render(c, http.StatusOK, page)
}

func (s *Server) createParty(c echo.Context) error {
	return saveForm(s, c, saveFlow[claims.PartyRecord]{
		form: &partyForm{},
		save: func(ctx context.Context, p *claims.PartyRecord) error {
			return s.cfg.Claims.CreateParty(ctx, currentUser(c).ID, p)
		},
		edit: s.partyFormPage(c, 0),
		done: func(p *claims.PartyRecord) error { return s.flash(c, "/parties", "Party added: "+p.Name+".") },
	})
}

func (s *Server) editParty(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	p, err := s.cfg.Claims.PartyByID(c.Request().Context(), claims.PartyID(id))
	if err != nil {
		return err
	}
	page, err := s.partyFormPage(c, p.ID)(formView(partyFormOf(p), nil))
	if err != nil {
		return err
	}
	return s.render(c, http.StatusOK, page)
}

// updateParty saves an edit; a lost race shows both versions (409).
func (s *Server) updateParty(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	pid := claims.PartyID(id)
	return saveForm(s, c, saveFlow[claims.PartyRecord]{
		form: &partyForm{},
		save: func(ctx context.Context, p *claims.PartyRecord) error {
			p.ID = pid
			return s.cfg.Claims.UpdateParty(ctx, currentUser(c).ID, p)
		},
		edit: s.partyFormPage(c, pid),
		saved: func(ctx context.Context) (typedForm, views.Conflict, error) {
			saved, err := s.cfg.Claims.PartyByID(ctx, pid)
			if err != nil {
				return nil, views.Conflict{}, err
			}
			return partyFormOf(saved), views.Conflict{What: "party", SavedBy: saved.UpdatedBy.Display(),
				SavedAt: saved.UpdatedAt, Back: "/parties"}, nil
		},
		conflict: func(cf views.Conflict, mine views.Form) templ.Component {
			parties, _ := s.cfg.Claims.Parties(c.Request().Context())
			return views.PartyConflictPage(s.session(c), cf, views.PartyForm{ID: pid, Form: mine, Parties: parties})
		},
		done: func(p *claims.PartyRecord) error { return s.flash(c, "/parties#"+partyAnchor(pid), "Party saved.") },
	})
}

func partyAnchor(id claims.PartyID) string { return "party-" + strconv.FormatInt(int64(id), 10) }
