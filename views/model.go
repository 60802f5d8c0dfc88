// Package views renders Claimdesk's pages with templ. Components read the view models
// defined here; they never call a service.
package views

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"claimdesk/internal/auth"
	"claimdesk/internal/claims"
)

// Session is who is looking at a page, and what the page was asked for.
type Session struct {
	User  *auth.User
	Flash string
	Path  string
	// Unread counts the viewer's unread notifications, for the header (see claims.Unread).
	Unread int
}

// Can reports whether the viewer's role allows what needs role r.
func (s Session) Can(r auth.Role) bool { return s.User != nil && s.User.Role.Allows(r) }

// Form holds what a user typed into a form, and what is wrong with it, field by field.
type Form struct {
	Values map[string]string
	Errors map[string]string
	// Unsaved, when set, says why nothing was saved though the input was fine (the
	// desk was busy, its disk full); the input is shown again to send once more.
	Unsaved string
}

// NewForm returns a form holding the first value of each field in v.
func NewForm(v url.Values, errs map[string]string) Form {
	f := Form{Values: map[string]string{}, Errors: errs}
	for k, vs := range v {
		if len(vs) > 0 {
			f.Values[k] = vs[0]
		}
	}
	return f
}

// Get returns the value of a field.
func (f Form) Get(name string) string { return f.Values[name] }

// Err returns the problem with a field, or "".
func (f Form) Err(name string) string { return f.Errors[name] }

// Dashboard is the front page: counts and one page of claims.
type Dashboard struct {
	Counts    *claims.Counts
	Page      *claims.Page
	Filter    claims.Filter
	Sources   []claims.Source
	Countries []string
	Parties   []claims.PartyRecord
	People    []claims.Person // those a claim can be assigned to
	// Views are the person's saved views; ViewForm is the "Save this view" form.
	Views    []claims.SavedView
	ViewForm Form
	// CountsFiltered says Counts respect the source and country filters; when they do
	// not, the tiles are labelled as desk-wide totals.
	CountsFiltered bool
	// AwaitingHours is the desk's setting: how long after its first report a claim with
	// no official response is awaiting one.
	AwaitingHours int
	// Now is when the page was asked for, to say how long claims have waited.
	Now time.Time
	// SearchText is what the search box shows: the search as typed, even one that could
	// not be run; SearchError says why it could not (Filter.Query is then empty).
	SearchText  string
	SearchError string
}

// URL returns the dashboard's address with the filter changed by edit, so links keep
// the other filters. Page and cursor reset to the first page unless edit sets them.
func (d Dashboard) URL(edit func(*claims.Filter)) string {
	f := d.Filter
	f.Page, f.After, f.Before = 1, nil, nil
	if edit != nil {
		edit(&f)
	}
	q := FilterQuery(f)
	if len(q) == 0 {
		return "/"
	}
	return "/?" + q.Encode()
}

// FilterQuery is f as the dashboard's query string, without empty parameters: the
// canonical form of a view, which saved views store too.
func FilterQuery(f claims.Filter) url.Values {
	q := url.Values{}
	if f.Query != "" {
		q.Set("q", f.Query)
	}
	if f.Bucket != "" {
		q.Set("bucket", f.Bucket)
	}
	if f.SourceID != 0 {
		q.Set("source", strconv.FormatInt(f.SourceID, 10))
	}
	if f.Country != "" {
		q.Set("country", f.Country)
	}
	if f.Occurred != "" {
		q.Set("occurred", string(f.Occurred))
	}
	if f.Responsibility != "" {
		q.Set("responsibility", string(f.Responsibility))
	}
	if f.Response != "" {
		q.Set("response", string(f.Response))
	}
	if !f.From.IsZero() {
		q.Set("from", f.From.Format(time.DateOnly))
	}
	if !f.To.IsZero() {
		q.Set("to", f.To.Format(time.DateOnly))
	}
	if f.AttackType != "" {
		q.Set("type", string(f.AttackType))
	}
	if f.SourceKind != "" {
		q.Set("kind", string(f.SourceKind))
	}
	if f.PartyID != 0 {
		q.Set("party", strconv.FormatInt(int64(f.PartyID), 10))
	}
	if f.AssigneeID != 0 {
		q.Set("assignee", strconv.FormatInt(f.AssigneeID, 10))
	}
	if f.Mine {
		q.Set("mine", "1")
	}
	if f.Sort != claims.SortDefault {
		q.Set("sort", string(f.Sort))
	}
	switch {
	case f.After != nil:
		q.Set("after", f.After.String())
	case f.Before != nil:
		q.Set("before", f.Before.String())
	case f.Page > 1:
		q.Set("page", strconv.Itoa(f.Page))
	}
	return q
}

// ClaimPage is a claim with everything known about it.
type ClaimPage struct {
	*claims.ClaimDetail
	Sources      []claims.Source      // choices for the citation form
	PartyChoices []claims.PartyRecord // choices for relays and blames
	CitationForm Form
	VerdictForm  Form
	// ReviewForm is a review sent back with problems, for the reason ReviewKey.
	ReviewForm Form
	ReviewKey  string
	Notice     string // e.g. why a verdict was not saved
	Desk       ClaimDesk
}

// OutOfDate is when the page, as viewer sees it, would say something else by the clock
// alone, with nothing saved: the hours counted since the first report while no
// official response has come grow by one, or one of the viewer's comments may no longer
// be edited. Zero when nothing on it depends on the clock.
func (p ClaimPage) OutOfDate(viewer int64) time.Time {
	var at time.Time
	sooner := func(t time.Time) {
		if !t.IsZero() && (at.IsZero() || t.Before(at)) {
			at = t
		}
	}
	if p.ClaimDetail != nil {
		sooner(p.Evidence.Response.Next)
	}
	for _, cm := range p.Desk.Comments {
		if cm.EditableBy(viewer, p.Desk.Now) {
			sooner(cm.EditableUntil())
		}
	}
	return at
}

// Party names a party as the registry has it now.
func (p ClaimPage) Party(id claims.PartyID) string {
	if party, ok := p.Parties[id]; ok {
		return party.Name
	}
	return ""
}

// PartyList names parties, joined with commas.
func (p ClaimPage) PartyList(ids []claims.PartyID) string {
	names := make([]string, 0, len(ids))
	for _, id := range ids {
		if n := p.Party(id); n != "" {
			names = append(names, n)
		}
	}
	return strings.Join(names, ", ")
}

// FigureRow is one live citation's figures, with the ones in an open disagreement marked.
type FigureRow struct {
	Citation claims.Citation
	Cells    []FigureCell
}

// FigureCell is one figure as one source gave it.
type FigureCell struct {
	Value   string
	Differs bool
}

// FigureColumns are the figures the claim page compares, in order.
var FigureColumns = []struct {
	Label    string
	measures []claims.Measure
	value    func(claims.FigureSet) string
}{
	{"Weapon", []claims.Measure{claims.MeasureWeapon}, func(f claims.FigureSet) string { return f.Weapon.String() }},
	{"Launched", []claims.Measure{claims.MeasureLaunched}, func(f claims.FigureSet) string { return given(f.Launched) }},
	{"Intercepted", []claims.Measure{claims.MeasureIntercepted}, func(f claims.FigureSet) string { return given(f.Intercepted) }},
	{"Killed", []claims.Measure{claims.MeasureKilled, claims.MeasureKilledMilitary, claims.MeasureKilledCivilian},
		func(f claims.FigureSet) string { return f.Killed.String() }},
	{"Injured", []claims.Measure{claims.MeasureInjured, claims.MeasureInjuredMilitary, claims.MeasureInjuredCivilian},
		func(f claims.FigureSet) string { return f.Injured.String() }},
}

func given(v claims.FigureValue) string {
	if !v.Given() {
		return ""
	}
	return v.String()
}

// Figures lays out the figures each live citation gave, side by side, marking those
// in an open disagreement; citations that gave no figure are left out.
func (p ClaimPage) Figures() []FigureRow {
	disputed := map[int64]map[claims.Measure]bool{}
	for _, r := range p.Evidence.OpenReasons() {
		if r.Measure == "" {
			continue
		}
		for _, v := range r.Values {
			for _, id := range v.CitationIDs {
				if disputed[id] == nil {
					disputed[id] = map[claims.Measure]bool{}
				}
				disputed[id][r.Measure] = true
			}
		}
	}
	var rows []FigureRow
	for _, c := range p.Citations {
		if c.Withdrawn() {
			continue
		}
		row := FigureRow{Citation: c}
		anyGiven := false
		for _, col := range FigureColumns {
			v := col.value(c.Figures)
			anyGiven = anyGiven || v != ""
			differs := false
			for _, m := range col.measures {
				differs = differs || disputed[c.ID][m]
			}
			row.Cells = append(row.Cells, FigureCell{Value: v, Differs: v != "" && differs})
		}
		if anyGiven {
			rows = append(rows, row)
		}
	}
	return rows
}

// ClaimForm is the form to create or edit a claim.
type ClaimForm struct {
	Form
	ID      int64                // 0 for a new claim
	Parties []claims.PartyRecord // choices for attackers and targets
	// Duplicates are claims on file that are likely the same attack as a new claim.
	Duplicates []claims.Claim
}

// MergePage merges one claim into another: first choosing the other (Into nil), then
// comparing both side by side before confirming.
type MergePage struct {
	From *claims.Claim
	Into *claims.Claim
	// Candidates are the likely duplicates of From, to pick from.
	Candidates []claims.Claim
	Form       Form
}

// chosen reports whether value is one of the comma-joined values of a multi-choice field.
func chosen(values, value string) bool {
	for _, v := range strings.Split(values, ",") {
		if v == value {
			return true
		}
	}
	return false
}

// Conflict shows what a user tried to save beside what someone else saved first.
type Conflict struct {
	What    string // "claim" or "source"
	Rows    []ConflictRow
	SavedBy string
	SavedAt time.Time
	Back    string // the page of the thing itself
}

// ConflictRow is one field in both versions.
type ConflictRow struct {
	Label, Mine, Saved string
}

// Differs reports whether the two versions disagree on this field.
func (r ConflictRow) Differs() bool { return r.Mine != r.Saved }

// choiceFields are the form fields whose values are shown by their labels.
var choiceFields = map[string][]claims.Choice{
	claims.ClaimDatePrecision.Name: claims.DatePrecisions, claims.ClaimAttackType.Name: claims.AttackTypes,
	claims.SourceKindField.Name: claims.SourceKinds,
}

// shown is a form value as a person reads it: a choice by its label.
func shown(field, value string) string {
	for _, c := range choiceFields[field] {
		if c.Value == value {
			return c.Label
		}
	}
	return value
}

// ConflictRows pairs the fields of two sets of form values under their labels.
func ConflictRows(fields []claims.Field, mine, saved map[string]string) []ConflictRow {
	rows := make([]ConflictRow, len(fields))
	for i, f := range fields {
		rows[i] = ConflictRow{Label: f.Label, Mine: shown(f.Name, mine[f.Name]), Saved: shown(f.Name, saved[f.Name])}
	}
	return rows
}

// SourceForm is the form to create or edit a source.
type SourceForm struct {
	Form
	ID      int64
	Parties []claims.PartyRecord // choices for the source's party
}

// SourcePage is a source with one page of its citations.
type SourcePage struct {
	Source    *claims.Source
	Track     claims.TrackRecord // how the claims it is cited on fared
	Citations []claims.Citation
	Total     int64
	Page      int
}

// Pages is how many pages of citations the source has.
func (p SourcePage) Pages() int { return int((p.Total + claims.PerPage - 1) / claims.PerPage) }

// Users is the admin's list of accounts and the form to add one.
type Users struct {
	Users []auth.User
	Form  Form
}

// Login is the login page.
type Login struct {
	Form
	Next  string
	Error string
}

// Setup is the first-run page that creates the first admin.
type Setup struct {
	Form
	Token string
}

// ErrorPage is a page for a 4xx or 5xx status.
type ErrorPage struct {
	Status  int
	Title   string
	Message string
}

func itoa[T ~int | ~int64](n T) string { return strconv.FormatInt(int64(n), 10) }

func claimURL(id int64) string  { return fmt.Sprintf("/claims/%d", id) }
func sourceURL(id int64) string { return fmt.Sprintf("/sources/%d", id) }

// when formats a moment for a page, in UTC, which is what a desk across time zones shares.
func when(t time.Time) string {
	if t.IsZero() {
		return "—"
	}
	return t.UTC().Format("2 Jan 2006 15:04 UTC")
}

// published formats when a source published, leaving out a time nobody gave.
func published(t time.Time) string {
	t = t.UTC()
	if t.Hour() == 0 && t.Minute() == 0 {
		return t.Format("2 Jan 2006")
	}
	return when(t)
}

// place joins a claim's place and country.
func place(c *claims.Claim) string {
	switch {
	case c.Place == "":
		return c.Country
	case c.Country == "":
		return c.Place
	}
	return c.Place + ", " + c.Country
}

// occurred formats a claim's date with its precision.
func occurred(c *claims.Claim) string {
	d := c.OccurredOn.Format("2 Jan 2006")
	switch c.DatePrecision {
	case "week":
		return "week of " + d
	case "month":
		return c.OccurredOn.Format("Jan 2006")
	}
	return d
}

// lowerFirst lower-cases the first character of s, however many bytes it takes.
func lowerFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 || r == utf8.RuneError {
		return s
	}
	return string(unicode.ToLower(r)) + s[n:]
}

func verdictClass(v claims.Verdict) string { return "verdict " + string(v) }
