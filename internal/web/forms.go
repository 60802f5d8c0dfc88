package web

import (
	"context"
	"errors"
	"fmt"
	"math"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"

	"claimdesk/internal/claims"
	"claimdesk/views"

	"github.com/a-h/templ"
	"github.com/labstack/echo/v4"
)

// formValues parses a posted form. A body over the limit is a 413; any other parse
// failure a 400, unless the client hung up while sending it: that is the request's
// own context error, so it is answered as a client gone, not as a fault.
// (c.FormValue would hide all of these and hand back empty fields.)
func formValues(c echo.Context) (url.Values, error) {
	v, err := c.FormParams()
	if err != nil {
		if cerr := c.Request().Context().Err(); cerr != nil {
			return nil, fmt.Errorf("read form: %w", cerr)
		}
		var he *echo.HTTPError
		var mbe *http.MaxBytesError
		if errors.As(err, &he) || errors.As(err, &mbe) {
			return nil, echo.NewHTTPError(http.StatusRequestEntityTooLarge)
		}
		return nil, badRequest("The form could not be read.")
	}
	return v, nil
}

// pathID reads the :id of a route; anything but a positive number is a 404.
func pathID(c echo.Context) (int64, error) {
	id, ok := parseID(c.Param("id"))
	if !ok {
		return 0, echo.NewHTTPError(http.StatusNotFound)
	}
	return id, nil
}

// idAndForm reads the :id of a route and the posted form: the start of every handler
// that acts on one record from a form of its own.
func idAndForm(c echo.Context) (int64, url.Values, error) {
	id, err := pathID(c)
	if err != nil {
		return 0, nil, err
	}
	v, err := formValues(c)
	return id, v, err
}

// problems collects what is wrong with a form while it is parsed.
type problems = claims.ValidationError

// Hidden fields the forms carry besides what the user types.
const (
	fieldVersion  = "version"   // the version of the record the editor loaded
	fieldRevision = "revision"  // the revision of the claim a fact-checker looked at
	fieldForClaim = "for_claim" // the claim to return to after adding a source
	// fieldConfirmNew says the editor saw the likely duplicates of a new claim and
	// saves it anyway: a second attack on the same place.
	fieldConfirmNew = "confirm_new"
)

// multiFields are the fields a person may choose several values in; their values are
// kept joined by commas.
var multiFields = map[string]bool{claims.ClaimAttackers.Name: true, claims.ClaimTargets.Name: true}

// partyIDs reads a multi-choice field of party numbers; anything else is a problem.
func partyIDs(s, name string, p problems) []claims.PartyID {
	var out []claims.PartyID
	for _, part := range strings.Split(s, ",") {
		if part = strings.TrimSpace(part); part == "" {
			continue
		}
		id, ok := parseID(part)
		if !ok {
			setOnce(p, name, "Choose parties from the list.")
			return nil
		}
		out = append(out, claims.PartyID(id))
	}
	return out
}

// joinIDs is the inverse of partyIDs.
func joinIDs(ids []claims.PartyID) string {
	parts := make([]string, len(ids))
	for i, id := range ids {
		parts[i] = strconv.FormatInt(int64(id), 10)
	}
	return strings.Join(parts, ",")
}

// binding ties one field of a typed form to the string holding what was typed in it.
type binding struct {
	claims.Field
	value *string
}

// typedForm is a form with one field table: the fields it reads, shows and compares,
// in the order the form shows them, and the hidden fields it carries along.
type typedForm interface {
	fields() []binding
	hidden() []binding
}

// readForm copies each field of f from v and returns the fields whose value is not
// text. Hidden fields are not the user's to fix: junk there is ignored where it is used.
func readForm(f typedForm, v url.Values) problems {
	p := problems{}
	for _, b := range f.fields() {
		*b.value = v.Get(b.Name)
		if multiFields[b.Name] {
			*b.value = strings.Join(v[b.Name], ",")
		}
		if !claims.IsText(*b.value) {
			p[b.Name] = claims.NotText
		}
	}
	for _, b := range f.hidden() {
		*b.value = v.Get(b.Name)
	}
	return p
}

// valuesOf returns the values of f by field name, as a page may show them: whatever
// is not text becomes U+FFFD, so a refused value is never served back raw.
func valuesOf(f typedForm) map[string]string {
	out := map[string]string{}
	for _, b := range append(f.fields(), f.hidden()...) {
		out[b.Name] = printable(*b.value)
	}
	return out
}

// printable replaces broken encoding and control characters (but tab, newline and
// carriage return) with U+FFFD.
// shownForm is views.NewForm with every value made printable, for forms without a
// typed form of their own (login, setup, users).
func shownForm(v url.Values, errs map[string]string) views.Form {
	f := views.NewForm(v, errs)
	for k, val := range f.Values {
		f.Values[k] = printable(val)
	}
	return f
}

func printable(s string) string {
	if claims.IsText(s) {
		return s
	}
	return strings.Map(func(r rune) rune {
		if unicode.IsControl(r) && r != '\t' && r != '\n' && r != '\r' {
			return unicode.ReplacementChar
		}
		return r
	}, strings.ToValidUTF8(s, string(unicode.ReplacementChar)))
}

// fieldsOf lists the fields of f a person edits.
func fieldsOf(f typedForm) []claims.Field {
	bs := f.fields()
	out := make([]claims.Field, len(bs))
	for i, b := range bs {
		out[i] = b.Field
	}
	return out
}

// formView is f as a page shows it, with the problems beside its fields.
func formView(f typedForm, p problems) views.Form {
	return views.Form{Values: valuesOf(f), Errors: p}
}

// positiveID reads a record's number; anything but a positive number is 0.
func positiveID(s string) int64 {
	id, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
	if err != nil || id <= 0 {
		return 0
	}
	return id
}

// decimal is a number as people write coordinates: 33.51, -38.6 (no hex, exponents or underscores).
var decimal = regexp.MustCompile(`^[-+]?[0-9]+(\.[0-9]+)?$`)

// coordinate reads an optional finite number; NaN and infinities are refused.
func coordinate(s, name string, p problems) *float64 {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) || !decimal.MatchString(s) {
		setOnce(p, name, "Give a number, like 33.51.")
		return nil
	}
	return &f
}

func optInt(s, name string, p problems) *int {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		setOnce(p, name, "Give a whole number.")
		return nil
	}
	return &n
}

// setOnce records a problem with a field unless it already has one.
func setOnce(p problems, name, msg string) {
	if _, ok := p[name]; !ok {
		p[name] = msg
	}
}

// claimForm is the claim form as typed.
type claimForm struct {
	Title, Summary, Place, Country, Target string
	Latitude, Longitude                    string
	OccurredOn, DatePrecision, AttackType  string
	Attackers, Targets                     string
	Version                                string
	ConfirmNew                             string // "1": saved though likely duplicates were shown
}

func (f *claimForm) fields() []binding {
	return []binding{
		{claims.ClaimTitle, &f.Title}, {claims.ClaimSummary, &f.Summary},
		{claims.ClaimPlace, &f.Place}, {claims.ClaimCountry, &f.Country}, {claims.ClaimTarget, &f.Target},
		{claims.ClaimLatitude, &f.Latitude}, {claims.ClaimLongitude, &f.Longitude},
		{claims.ClaimOccurredOn, &f.OccurredOn}, {claims.ClaimDatePrecision, &f.DatePrecision},
		{claims.ClaimAttackType, &f.AttackType},
		{claims.ClaimAttackers, &f.Attackers}, {claims.ClaimTargets, &f.Targets},
	}
}

func (f *claimForm) hidden() []binding {
	return []binding{{claims.Field{Name: fieldVersion}, &f.Version}, {claims.Field{Name: fieldConfirmNew}, &f.ConfirmNew}}
}

// toDomain turns the form into a claim; p gains the claim's own validation.
func (f *claimForm) toDomain(p problems) *claims.Claim {
	c := &claims.Claim{
		Title: f.Title, Summary: f.Summary, Place: f.Place, Country: f.Country, Target: f.Target,
		Latitude:      coordinate(f.Latitude, claims.ClaimLatitude.Name, p),
		Longitude:     coordinate(f.Longitude, claims.ClaimLongitude.Name, p),
		OccurredOn:    day(f.OccurredOn, claims.ClaimOccurredOn.Name, p),
		DatePrecision: claims.DatePrecision(f.DatePrecision),
		AttackType:    claims.AttackType(f.AttackType),
		Attackers:     partyIDs(f.Attackers, claims.ClaimAttackers.Name, p),
		Targets:       partyIDs(f.Targets, claims.ClaimTargets.Name, p),
	}
	c.Version, _ = strconv.Atoi(f.Version)
	merge(p, c.Validate())
	return c
}

// claimFormOf is a stored claim as its form shows it.
func claimFormOf(c *claims.Claim) *claimForm {
	f := &claimForm{Title: c.Title, Summary: c.Summary, Place: c.Place, Country: c.Country, Target: c.Target,
		OccurredOn: c.OccurredOn.Format(time.DateOnly), DatePrecision: string(c.DatePrecision),
		AttackType: string(c.AttackType), Attackers: joinIDs(c.Attackers), Targets: joinIDs(c.Targets),
		Version: strconv.Itoa(c.Version)}
	if c.Latitude != nil {
		f.Latitude = strconv.FormatFloat(*c.Latitude, 'f', -1, 64)
	}
	if c.Longitude != nil {
		f.Longitude = strconv.FormatFloat(*c.Longitude, 'f', -1, 64)
	}
	return f
}

// day reads a date; an empty one is a problem, and the claim's rules judge the range.
func day(s, name string, p problems) time.Time {
	s = strings.TrimSpace(s)
	if s == "" {
		setOnce(p, name, "Give the date it happened.")
		return time.Time{}
	}
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		setOnce(p, name, "Give the date as YYYY-MM-DD.")
	}
	return t
}

// citationForm is the form that cites a source on a claim's page, and corrects a citation.
type citationForm struct {
	ClaimID                                                 int64 // from the address, not the form
	SourceID, Stance, DenialScope, URL, PublishedAt         string
	Attribution, Quote, QuoteKind, Relays, AttributesTo     string
	WeaponKind, Weapon, Launched, Intercepted               string
	KilledMil, KilledCiv, KilledUnk, InjuredMil, InjuredCiv string
	InjuredUnk, Why, Version                                string
}

func (f *citationForm) fields() []binding {
	return []binding{
		{claims.CitationSource, &f.SourceID}, {claims.CitationStance, &f.Stance}, {claims.CitationDenialScope, &f.DenialScope},
		{claims.CitationRelays, &f.Relays}, {claims.CitationAttributes, &f.AttributesTo},
		{claims.CitationURL, &f.URL}, {claims.CitationPublishedAt, &f.PublishedAt}, {claims.CitationAttribution, &f.Attribution},
		{claims.CitationQuote, &f.Quote}, {claims.CitationQuoteKind, &f.QuoteKind},
		{claims.CitationWeaponKind, &f.WeaponKind}, {claims.CitationWeapon, &f.Weapon},
		{claims.CitationLaunched, &f.Launched}, {claims.CitationIntercepted, &f.Intercepted},
		{claims.CitationKilledMil, &f.KilledMil}, {claims.CitationKilledCiv, &f.KilledCiv}, {claims.CitationKilledUnk, &f.KilledUnk},
		{claims.CitationInjuredMil, &f.InjuredMil}, {claims.CitationInjuredCiv, &f.InjuredCiv}, {claims.CitationInjuredUnk, &f.InjuredUnk},
		{claims.CitationWhy, &f.Why},
	}
}

func (f *citationForm) hidden() []binding {
	return []binding{{claims.Field{Name: fieldVersion}, &f.Version}}
}

// figure reads one figure as a person types it ("at least 34", "3-5", "dozens").
func figure(s, name string, p problems) claims.FigureValue {
	v, err := claims.ParseFigureValue(s)
	if err != nil {
		setOnce(p, name, err.Error())
	}
	return v
}

// toDomain turns the form into a citation; p gains the citation's own validation.
func (f *citationForm) toDomain(p problems) *claims.Citation {
	cit := &claims.Citation{
		ClaimID: f.ClaimID, SourceID: positiveID(f.SourceID), Stance: claims.Stance(f.Stance),
		DenialScope: claims.DenialScope(f.DenialScope), URL: f.URL, Quote: f.Quote,
		QuoteKind: claims.QuoteKind(f.QuoteKind), Attribution: f.Attribution,
		AttributesToID: claims.PartyID(positiveID(f.AttributesTo)),
		Figures: claims.FigureSet{
			Weapon:      claims.WeaponReport{Category: claims.WeaponCategory(f.WeaponKind), Text: f.Weapon},
			Launched:    figure(f.Launched, claims.CitationLaunched.Name, p),
			Intercepted: figure(f.Intercepted, claims.CitationIntercepted.Name, p),
			Killed: claims.Casualties{
				Military: figure(f.KilledMil, claims.CitationKilledMil.Name, p),
				Civilian: figure(f.KilledCiv, claims.CitationKilledCiv.Name, p),
				Unknown:  figure(f.KilledUnk, claims.CitationKilledUnk.Name, p),
			},
			Injured: claims.Casualties{
				Military: figure(f.InjuredMil, claims.CitationInjuredMil.Name, p),
				Civilian: figure(f.InjuredCiv, claims.CitationInjuredCiv.Name, p),
				Unknown:  figure(f.InjuredUnk, claims.CitationInjuredUnk.Name, p),
			},
		},
	}
	if f.AttributesTo != "" && cit.AttributesToID == 0 {
		setOnce(p, claims.CitationAttributes.Name, "Choose a party from the list.")
	}
	switch kind, id, _ := strings.Cut(f.Relays, ":"); {
	case f.Relays == "":
	case kind == "s" && positiveID(id) != 0:
		n := positiveID(id)
		cit.RelaysSourceID = &n
	case kind == "p" && positiveID(id) != 0:
		cit.RelaysPartyID = claims.PartyID(positiveID(id))
	default:
		setOnce(p, claims.CitationRelays.Name, "Choose whom it passes on from the list.")
	}
	if s := strings.TrimSpace(f.PublishedAt); s != "" {
		t, err := parseMoment(s)
		if err != nil {
			setOnce(p, claims.CitationPublishedAt.Name, "Give the date and time as YYYY-MM-DD HH:MM.")
		} else {
			cit.PublishedAt = &t
		}
	}
	cit.Version, _ = strconv.Atoi(f.Version)
	merge(p, cit.Validate())
	return cit
}

// citationFormOf is a stored citation as its form shows it.
func citationFormOf(c *claims.Citation) *citationForm {
	f := &citationForm{ClaimID: c.ClaimID, SourceID: strconv.FormatInt(c.SourceID, 10), Stance: string(c.Stance),
		DenialScope: string(c.DenialScope), URL: c.URL, Attribution: c.Attribution, Quote: c.Quote, QuoteKind: string(c.QuoteKind),
		WeaponKind: string(c.Figures.Weapon.Category), Weapon: c.Figures.Weapon.Text,
		Launched: figureInput(c.Figures.Launched), Intercepted: figureInput(c.Figures.Intercepted),
		KilledMil: figureInput(c.Figures.Killed.Military), KilledCiv: figureInput(c.Figures.Killed.Civilian),
		KilledUnk: figureInput(c.Figures.Killed.Unknown), InjuredMil: figureInput(c.Figures.Injured.Military),
		InjuredCiv: figureInput(c.Figures.Injured.Civilian), InjuredUnk: figureInput(c.Figures.Injured.Unknown),
		Version: strconv.Itoa(c.Version)}
	if c.PublishedAt != nil {
		f.PublishedAt = c.PublishedAt.UTC().Format("2006-01-02T15:04")
	}
	if c.RelaysSourceID != nil {
		f.Relays = "s:" + strconv.FormatInt(*c.RelaysSourceID, 10)
	} else if c.RelaysPartyID != 0 {
		f.Relays = "p:" + strconv.FormatInt(int64(c.RelaysPartyID), 10)
	}
	if c.AttributesToID != 0 {
		f.AttributesTo = strconv.FormatInt(int64(c.AttributesToID), 10)
	}
	return f
}

// figureInput is a stored figure as a person would type it again.
func figureInput(v claims.FigureValue) string {
	if !v.Given() {
		return ""
	}
	return strings.ReplaceAll(v.String(), "–", "-")
}

// parseMoment reads what a datetime-local input sends (with or without seconds) or a
// bare date, in UTC.
func parseMoment(s string) (time.Time, error) {
	var err error
	for _, layout := range []string{"2006-01-02T15:04", "2006-01-02T15:04:05", time.DateOnly} {
		var t time.Time
		if t, err = time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, err
}

// sourceForm is the form to add or edit a source.
type sourceForm struct {
	Name, Kind, Affiliation, Homepage string
	PartyID, Relation                 string
	Version                           string
	ForClaim                          string // a claim to go back to once the source is added
}

func (f *sourceForm) fields() []binding {
	return []binding{
		{claims.SourceName, &f.Name}, {claims.SourceKindField, &f.Kind},
		{claims.SourceParty, &f.PartyID}, {claims.SourceRelation, &f.Relation},
		{claims.SourceAffiliation, &f.Affiliation}, {claims.SourceHomepage, &f.Homepage},
	}
}

func (f *sourceForm) hidden() []binding {
	return []binding{{claims.Field{Name: fieldVersion}, &f.Version}, {claims.Field{Name: fieldForClaim}, &f.ForClaim}}
}

// toDomain turns the form into a source; p gains the source's own validation.
func (f *sourceForm) toDomain(p problems) *claims.Source {
	if positiveID(f.ForClaim) == 0 {
		f.ForClaim = "" // junk: not carried on, nor linked to
	}
	src := &claims.Source{Name: f.Name, Kind: claims.SourceKind(f.Kind), Affiliation: f.Affiliation, Homepage: f.Homepage,
		PartyID: claims.PartyID(positiveID(f.PartyID)), Relation: claims.Relation(f.Relation)}
	if f.PartyID != "" && src.PartyID == 0 {
		setOnce(p, claims.SourceParty.Name, "Choose a party from the list.")
	}
	src.Version, _ = strconv.Atoi(f.Version)
	merge(p, src.Validate())
	return src
}

// sourceFormOf is a stored source as its form shows it.
func sourceFormOf(s *claims.Source) *sourceForm {
	f := &sourceForm{Name: s.Name, Kind: string(s.Kind), Affiliation: s.Affiliation, Homepage: s.Homepage,
		Relation: string(s.Relation), Version: strconv.Itoa(s.Version)}
	if s.PartyID != 0 {
		f.PartyID = strconv.FormatInt(int64(s.PartyID), 10)
	}
	return f
}

// merge adds the problems in err, if it is a ValidationError, to p; parse problems
// found first win.
func merge(p problems, err error) {
	var ve claims.ValidationError
	if errors.As(err, &ve) {
		for k, msg := range ve {
			setOnce(p, k, msg)
		}
	}
}

// recordForm is a typed form for a record of type T.
type recordForm[T any] interface {
	typedForm
	toDomain(p problems) *T
}

// saveFlow is how a record of type T is saved from its form: read and validate the
// form, save, then redirect (303), show the form again with the problems beside its
// fields (422), or show both versions after an edit lost a race (409).
type saveFlow[T any] struct {
	form recordForm[T]
	save func(ctx context.Context, rec *T) error
	// edit is the page showing the form again.
	edit func(f views.Form) (templ.Component, error)
	// saved loads the version someone else saved first, with who and when; nil where
	// saving cannot conflict.
	saved func(ctx context.Context) (typedForm, views.Conflict, error)
	// conflict is the page showing both versions, the user's ready to save again.
	conflict func(c views.Conflict, mine views.Form) templ.Component
	// hold, when set, may return a page to show (200) instead of saving a valid record:
	// a question to answer first, such as likely duplicates.
	hold func(ctx context.Context, rec *T) (templ.Component, error)
	done func(rec *T) error
}

// saveForm runs a saveFlow for one request.
func saveForm[T any](s *Server, c echo.Context, fl saveFlow[T]) error {
	v, err := formValues(c)
	if err != nil {
		return err
	}
	p := readForm(fl.form, v)
	rec := fl.form.toDomain(p)
	ctx := c.Request().Context()
	if len(p) == 0 && fl.hold != nil {
		page, err := fl.hold(ctx, rec)
		merge(p, err)
		var ve claims.ValidationError
		switch {
		case err != nil && !errors.As(err, &ve):
			return err
		case len(p) == 0 && page != nil:
			return s.render(c, http.StatusOK, page)
		}
	}
	if len(p) == 0 {
		err = fl.save(ctx, rec)
		merge(p, err)
	}
	switch {
	case len(p) > 0:
		page, err := fl.edit(formView(fl.form, p))
		if err != nil {
			return err
		}
		return s.render(c, http.StatusUnprocessableEntity, page)
	case unavailable(err):
		f := formView(fl.form, nil)
		f.Unsaved = unsavedText(err)
		page, perr := fl.edit(f)
		if perr != nil {
			return perr
		}
		return s.renderUnavailable(c, err, page)
	case errors.Is(err, claims.ErrConflict) && fl.saved != nil:
		saved, conflict, err := fl.saved(ctx)
		if err != nil {
			return err
		}
		mine, theirs := formView(fl.form, nil), valuesOf(saved)
		conflict.Rows = views.ConflictRows(fieldsOf(fl.form), mine.Values, theirs)
		mine.Values[fieldVersion] = theirs[fieldVersion]
		return s.render(c, http.StatusConflict, fl.conflict(conflict, mine))
	case err != nil:
		return err
	}
	return fl.done(rec)
}
