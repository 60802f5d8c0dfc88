// Package claims is Claimdesk's domain: claims of attacks, the sources that speak of
// them, the citations linking the two, and the verdicts fact-checkers give.
package claims

import (
	"errors"
	"fmt"
	"math"
	"net/url"
	"sort"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Errors the service returns; callers match them with errors.Is.
var (
	ErrNotFound = errors.New("not found")
	ErrConflict = errors.New("changed by someone else since it was loaded")
)

// ValidationError maps a form field to what is wrong with it.
type ValidationError map[string]string

func (v ValidationError) Error() string {
	keys := make([]string, 0, len(v))
	for k := range v {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = k + ": " + v[k]
	}
	return "invalid input: " + strings.Join(parts, "; ")
}

// orNil returns v as an error, or nil when it holds no problem.
func (v ValidationError) orNil() error {
	if len(v) == 0 {
		return nil
	}
	return v
}

// NotText is the message for a value holding broken encoding or control characters.
const NotText = "This contains characters that are not text (broken encoding or control characters); retype or paste it again."

// IsText reports whether s is valid UTF-8 free of NUL and other control characters;
// tab, newline and carriage return are allowed. Anything else would be stored and
// served back raw.
func IsText(s string) bool {
	if !utf8.ValidString(s) {
		return false
	}
	for _, r := range s {
		if unicode.IsControl(r) && r != '\t' && r != '\n' && r != '\r' {
			return false
		}
	}
	return true
}

// checkText sets NotText as the problem of every field whose value is not text: it is
// the first thing to fix, whatever else is wrong with the value.
func (v ValidationError) checkText(fields map[string]string) {
	for field, s := range fields {
		if !IsText(s) {
			v[field] = NotText
		}
	}
}

// Field is one field of a record: its name in forms and the label people read. Forms,
// conflict pages and the change history all name fields through these.
type Field struct {
	Name  string
	Label string
}

// A claim's fields.
var (
	ClaimTitle         = Field{"title", "Title"}
	ClaimSummary       = Field{"summary", "Summary"}
	ClaimPlace         = Field{"place", "Place"}
	ClaimCountry       = Field{"country", "Country"}
	ClaimTarget        = Field{"target", "Target"}
	ClaimLatitude      = Field{"latitude", "Latitude"}
	ClaimLongitude     = Field{"longitude", "Longitude"}
	ClaimOccurredOn    = Field{"occurred_on", "Date it happened"}
	ClaimDatePrecision = Field{"date_precision", "Date precision"}
	ClaimAttackType    = Field{"attack_type", "Attack type"}
	ClaimAttackers     = Field{"attackers", "Alleged attackers"}
	ClaimTargets       = Field{"targets", "Targeted"}
)

// A source's fields.
var (
	SourceName        = Field{"name", "Name"}
	SourceKindField   = Field{"kind", "Kind"}
	SourceAffiliation = Field{"affiliation", "Affiliation notes"}
	SourceHomepage    = Field{"homepage", "Homepage"}
)

// A party's fields.
var (
	PartyName      = Field{"name", "Name"}
	PartyKindField = Field{"kind", "Kind"}
	PartyParent    = Field{"parent_id", "Belongs to"}
	PartyNotes     = Field{"notes", "Notes"}
)

// A source's place among the parties.
var (
	SourceParty    = Field{"party_id", "Party"}
	SourceRelation = Field{"relation", "Speaks as"}
)

// A review's fields.
var (
	ReviewKey  = Field{"key", "Disagreement"}
	ReviewNote = Field{"note", "Why it is settled"}
)

// A citation's fields.
var (
	CitationSource      = Field{"source_id", "Source"}
	CitationStance      = Field{"stance", "Stance"}
	CitationURL         = Field{"url", "Link"}
	CitationPublishedAt = Field{"published_at", "Published"}
	CitationAttribution = Field{"attribution", "Attributed to"}
	CitationQuote       = Field{"quote", "What the source said"}
	CitationQuoteKind   = Field{"quote_kind", "Quote or paraphrase"}
	CitationDenialScope = Field{"denial_scope", "What it denies"}
	CitationRelays      = Field{"relays", "Passes on"}
	CitationAttributes  = Field{"attributes_to", "Blames"}
	CitationWeaponKind  = Field{"weapon", "Weapon"}
	CitationWeapon      = Field{"weapon_text", "Weapon, in the source's words"}
	CitationLaunched    = Field{"launched", "Launched"}
	CitationIntercepted = Field{"intercepted", "Intercepted"}
	CitationKilledMil   = Field{"killed_military", "Killed: military"}
	CitationKilledCiv   = Field{"killed_civilian", "Killed: civilians"}
	CitationKilledUnk   = Field{"killed_unknown", "Killed: not said which"}
	CitationInjuredMil  = Field{"injured_military", "Injured: military"}
	CitationInjuredCiv  = Field{"injured_civilian", "Injured: civilians"}
	CitationInjuredUnk  = Field{"injured_unknown", "Injured: not said which"}
	CitationWhy         = Field{"why", "Why"}
)

// A merge's fields.
var (
	MergeInto   = Field{"into", "Merge into claim number"}
	MergeReason = Field{"reason", "Why they are the same attack"}
)

// A verdict's fields.
var (
	VerdictField  = Field{"verdict", "Verdict"}
	VerdictReason = Field{"reason", "Reason"}
)

// Earliest is the earliest date the desk accepts for an attack or a publication.
var Earliest = time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC)

// Choice is one value of an enumeration with the words people read for it.
type Choice struct {
	Value string
	Label string
}

func label(choices []Choice, v string) string {
	for _, c := range choices {
		if c.Value == v {
			return c.Label
		}
	}
	return v
}

func valid(choices []Choice, v string) bool {
	for _, c := range choices {
		if c.Value == v {
			return true
		}
	}
	return false
}

// Verdict is what the fact-checkers decided about a claim.
type Verdict string

// Verdicts a claim can have.
const (
	VerdictUnverified Verdict = "unverified"
	VerdictConfirmed  Verdict = "confirmed"
	VerdictDisputed   Verdict = "disputed"
	VerdictFalse      Verdict = "false"
)

// Verdicts lists every verdict in the order forms show them.
var Verdicts = []Choice{
	{string(VerdictUnverified), "Unverified"},
	{string(VerdictConfirmed), "Confirmed"},
	{string(VerdictDisputed), "Disputed"},
	{string(VerdictFalse), "False"},
}

// Valid reports whether v is one of Verdicts.
func (v Verdict) Valid() bool { return valid(Verdicts, string(v)) }

// Label is the verdict as editors read it.
func (v Verdict) Label() string { return label(Verdicts, string(v)) }

// CanBecome reports whether a claim with verdict v may be given verdict t.
func (v Verdict) CanBecome(t Verdict) bool { return t.Valid() && t != v }

// AttackType is how an attack was carried out.
type AttackType string

// AttackTypes lists the kinds of attack a claim can describe.
var AttackTypes = []Choice{
	{"drone", "Drone"},
	{"missile", "Missile"},
	{"rocket", "Rocket"},
	{"other", "Other"},
	{"unknown", "Unknown"},
}

// Label is the attack type as editors read it.
func (a AttackType) Label() string { return label(AttackTypes, string(a)) }

// DatePrecision says how exactly the date of a claim is known.
type DatePrecision string

// DatePrecisions lists how exactly a date can be known.
var DatePrecisions = []Choice{
	{"day", "Exact day"},
	{"week", "Within a week"},
	{"month", "Within a month"},
}

// SourceKind says what sort of body a source is; it decides what its word is worth.
type SourceKind string

// Source kinds.
const (
	KindOfficial   SourceKind = "official"
	KindWire       SourceKind = "wire"
	KindOutlet     SourceKind = "outlet"
	KindAffiliated SourceKind = "affiliated"
	KindMonitor    SourceKind = "monitor"
	KindArmedGroup SourceKind = "armed_group"
	KindOther      SourceKind = "other"
)

// SourceKinds lists every kind of source.
var SourceKinds = []Choice{
	{string(KindOfficial), "Official (government or military)"},
	{string(KindWire), "Wire service"},
	{string(KindOutlet), "News outlet"},
	{string(KindAffiliated), "Affiliated media (tied to a party)"},
	{string(KindMonitor), "Monitor"},
	{string(KindArmedGroup), "Armed group"},
	{string(KindOther), "Other"},
}

// Label is the kind as editors read it.
func (k SourceKind) Label() string { return label(SourceKinds, string(k)) }

// Stance is what a citation's source says about the claim.
type Stance string

// Stances a source can take.
const (
	StanceReports              Stance = "reports"
	StanceConfirms             Stance = "confirms"
	StanceDenies               Stance = "denies"
	StanceClaimsResponsibility Stance = "claims_responsibility"
)

// Stances lists every stance in the order the claim page groups them.
var Stances = []Choice{
	{string(StanceConfirms), "Confirms"},
	{string(StanceReports), "Reports"},
	{string(StanceDenies), "Denies"},
	{string(StanceClaimsResponsibility), "Claims responsibility"},
}

// Label is the stance as editors read it.
func (s Stance) Label() string { return label(Stances, string(s)) }

// MaxTitle is the longest title a claim may have, in characters.
const MaxTitle = 200

// Claim is one reported attack.
type Claim struct {
	ID            int64
	Title         string
	Summary       string
	Place         string
	Country       string
	Latitude      *float64
	Longitude     *float64
	OccurredOn    time.Time
	DatePrecision DatePrecision
	AttackType    AttackType
	Target        string
	Verdict       Verdict
	// Attackers and Targets are the parties alleged to have attacked and those targeted.
	Attackers []PartyID `gorm:"-"`
	Targets   []PartyID `gorm:"-"`

	// Worked out from the citations by WeighEvidence and stored, so the dashboard can
	// filter and count without reading every citation. Recomputing them never changes
	// Version or who last changed the claim.
	OccurredState       OccurredState
	ResponsibilityState ResponsibilityState
	ResponseState       ResponseState
	SuggestedVerdict    Verdict
	OfficiallyConfirmed bool            // an official not on the attacker's side confirms it happened
	OfficiallyDenied    bool            // the targeted side or a neutral official denies the event
	Contested           bool            // a contest reason nobody has reviewed yet
	ContestReasons      []ContestReason `gorm:"column:reasons;serializer:json"`
	SourceCount         int             // independent sources
	FirstReportedAt     *time.Time
	RespondedAt         *time.Time // the first official response off the attacker's side
	EvidenceRules       int        // the version of the rules the stored evidence was worked out by

	// Version counts a person's edits of the claim's own fields; Revision counts every
	// change to the claim, its citations, reviews and verdict.
	Version     int
	Revision    int
	CreatedAt   time.Time
	UpdatedAt   time.Time
	CreatedByID *int64
	UpdatedByID *int64
	CreatedBy   *Person `gorm:"foreignKey:CreatedByID"`
	UpdatedBy   *Person `gorm:"foreignKey:UpdatedByID"`
	// MergedInto is the claim this one was merged into: it is then out of every list
	// and count, and cannot be changed.
	MergedInto *int64
}

// Validate checks a claim as an editor submitted it.
func (c *Claim) Validate() error {
	problems := ValidationError{}
	c.Title = strings.TrimSpace(c.Title)
	c.Place = strings.TrimSpace(c.Place)
	c.Country = strings.TrimSpace(c.Country)
	c.Target = strings.TrimSpace(c.Target)
	c.Summary = strings.TrimSpace(c.Summary)
	switch n := utf8.RuneCountInString(c.Title); {
	case n == 0:
		problems[ClaimTitle.Name] = "Give the claim a title."
	case n > MaxTitle:
		problems[ClaimTitle.Name] = fmt.Sprintf("Keep the title to %d characters (it has %d).", MaxTitle, n)
	}
	if utf8.RuneCountInString(c.Summary) > 5000 {
		problems[ClaimSummary.Name] = "Keep the summary to 5000 characters."
	}
	for field, v := range map[string]string{ClaimPlace.Name: c.Place, ClaimCountry.Name: c.Country, ClaimTarget.Name: c.Target} {
		if utf8.RuneCountInString(v) > 200 {
			problems[field] = "Keep this to 200 characters."
		}
	}
	if !c.OccurredOn.IsZero() {
		y, m, d := c.OccurredOn.Date()
		c.OccurredOn = time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	}
	// A day's grace past today: an editor east of UTC may already be on tomorrow.
	if c.OccurredOn.Before(Earliest) || c.OccurredOn.After(time.Now().AddDate(0, 0, 1)) {
		problems[ClaimOccurredOn.Name] = DateRange
	}
	if !valid(DatePrecisions, string(c.DatePrecision)) {
		problems[ClaimDatePrecision.Name] = "Choose how exactly the date is known."
	}
	if !valid(AttackTypes, string(c.AttackType)) {
		problems[ClaimAttackType.Name] = "Choose an attack type."
	}
	if c.Latitude != nil && !within(*c.Latitude, 90) {
		problems[ClaimLatitude.Name] = "Latitude runs from -90 to 90."
	}
	if c.Longitude != nil && !within(*c.Longitude, 180) {
		problems[ClaimLongitude.Name] = "Longitude runs from -180 to 180."
	}
	if (c.Latitude == nil) != (c.Longitude == nil) {
		field := ClaimLatitude.Name
		if c.Latitude != nil {
			field = ClaimLongitude.Name
		}
		if _, ok := problems[field]; !ok {
			problems[field] = "Give both latitude and longitude, or neither."
		}
	}
	problems.checkText(map[string]string{ClaimTitle.Name: c.Title, ClaimSummary.Name: c.Summary, ClaimPlace.Name: c.Place,
		ClaimCountry.Name: c.Country, ClaimTarget.Name: c.Target, ClaimDatePrecision.Name: string(c.DatePrecision), ClaimAttackType.Name: string(c.AttackType)})
	if c.Verdict == "" {
		c.Verdict = VerdictUnverified
	}
	return problems.orNil()
}

// DateRange is the message for a claim's date outside the range the desk accepts.
const DateRange = "Give a date from 1 Jan 1900 to today (YYYY-MM-DD)."

// within reports whether x is a finite number from -limit to limit; NaN is not.
func within(x, limit float64) bool {
	return !math.IsNaN(x) && x >= -limit && x <= limit
}

// Person is the part of a user account that the claims domain shows: who did something.
type Person struct {
	ID    int64
	Name  string
	Email string
}

// TableName maps Person onto the users table.
func (Person) TableName() string { return "users" }

// Display is how a person is named on a page.
func (p *Person) Display() string {
	if p == nil {
		return "—"
	}
	if p.Name != "" {
		return p.Name
	}
	return p.Email
}

// Source is a body that says things about claims: an army, a wire, a channel.
type Source struct {
	ID          int64
	Name        string
	NameKey     string
	Kind        SourceKind
	Affiliation string
	Homepage    string
	// PartyID is the party the source belongs to, and Relation how: its own voice,
	// media affiliated with it, or independent of it.
	PartyID  PartyID
	Relation Relation
	// CitationCount is kept by AddCitation in the same transaction.
	CitationCount int64
	Version       int
	CreatedAt     time.Time
	UpdatedAt     time.Time
	CreatedByID   *int64
	UpdatedByID   *int64
	UpdatedBy     *Person `gorm:"foreignKey:UpdatedByID"`
}

// Validate checks a source as an editor submitted it, and sets its case-insensitive key.
func (s *Source) Validate() error {
	problems := ValidationError{}
	s.Name = strings.Join(strings.Fields(s.Name), " ")
	s.Affiliation = strings.TrimSpace(s.Affiliation)
	s.Homepage = strings.TrimSpace(s.Homepage)
	s.NameKey = strings.ToLower(s.Name)
	switch n := utf8.RuneCountInString(s.Name); {
	case n == 0:
		problems[SourceName.Name] = "Give the source a name."
	case n > 200:
		problems[SourceName.Name] = "Keep the name to 200 characters."
	}
	if !valid(SourceKinds, string(s.Kind)) {
		problems[SourceKindField.Name] = "Choose what kind of source this is."
	}
	if s.Relation == "" {
		s.Relation = RelationIndependent
	}
	switch {
	case !s.Relation.Valid():
		problems[SourceRelation.Name] = "Choose how the source speaks."
	case s.Relation != RelationIndependent && s.PartyID == 0:
		problems[SourceParty.Name] = "Choose the party it speaks for or is affiliated with."
	}
	if utf8.RuneCountInString(s.Affiliation) > 2000 {
		problems[SourceAffiliation.Name] = "Keep the affiliation notes to 2000 characters."
	}
	if s.Homepage != "" && !httpURL(s.Homepage) {
		problems[SourceHomepage.Name] = "Give a full web address starting with http:// or https://."
	}
	problems.checkText(map[string]string{SourceName.Name: s.Name, SourceKindField.Name: string(s.Kind), SourceAffiliation.Name: s.Affiliation, SourceHomepage.Name: s.Homepage})
	return problems.orNil()
}

// httpURL reports whether s is an absolute http or https URL with a host.
func httpURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" && len(s) <= 2000
}

// QuoteKind says whether a citation's text is the source's own words or the desk's
// paraphrase of them.
type QuoteKind string

// Quote kinds.
const (
	QuoteWords      QuoteKind = "quote"
	QuoteParaphrase QuoteKind = "paraphrase"
)

// QuoteKinds lists both, paraphrase first: words in quotation marks need the source
// to be reported saying them.
var QuoteKinds = []Choice{
	{string(QuoteParaphrase), "Paraphrase: the desk's words for what the source said"},
	{string(QuoteWords), "Quote: the source's own words, as reported"},
}

// Citation is what one source said about one claim.
type Citation struct {
	ID             int64
	ClaimID        int64
	Claim          *Claim
	SourceID       int64
	Source         *Source
	Stance         Stance
	DenialScope    DenialScope // what a denial denies
	URL            string      `gorm:"column:url"`
	PublishedAt    *time.Time
	Quote          string
	QuoteKind      QuoteKind
	Attribution    string
	RelaysSourceID *int64    // the source it passes on ("citing Reuters")
	RelaysSource   *Source   `gorm:"foreignKey:RelaysSourceID"`
	RelaysPartyID  PartyID   // the party it passes on ("citing a US official")
	AttributesToID PartyID   // the party it blames
	Figures        FigureSet `gorm:"serializer:json"`

	WithdrawnAt    *time.Time
	WithdrawnByID  *int64
	WithdrawnBy    *Person `gorm:"foreignKey:WithdrawnByID"`
	WithdrawReason string

	Version     int
	CreatedAt   time.Time
	CreatedByID *int64
	CreatedBy   *Person `gorm:"foreignKey:CreatedByID"`
	UpdatedAt   *time.Time
	UpdatedByID *int64
}

// Withdrawn reports whether an editor withdrew the citation; it is kept, struck through.
func (c *Citation) Withdrawn() bool { return c.WithdrawnAt != nil }

// Validate checks a citation as an editor submitted it.
func (c *Citation) Validate() error {
	problems := ValidationError{}
	c.URL = strings.TrimSpace(c.URL)
	c.Quote = strings.TrimSpace(c.Quote)
	c.Attribution = strings.TrimSpace(c.Attribution)
	c.Figures.Weapon.Text = strings.TrimSpace(c.Figures.Weapon.Text)
	if c.QuoteKind == "" {
		c.QuoteKind = QuoteParaphrase
	}
	if c.SourceID <= 0 {
		problems[CitationSource.Name] = "Choose the source."
	}
	if !valid(Stances, string(c.Stance)) {
		problems[CitationStance.Name] = "Choose what the source says."
	}
	switch {
	case c.Stance == StanceDenies && c.DenialScope == "":
		c.DenialScope = DeniesEvent
	case c.Stance != StanceDenies && c.DenialScope != "":
		c.DenialScope = "" // only a denial has a scope; the form may send one left over
	}
	if c.DenialScope != "" && !c.DenialScope.Valid() {
		problems[CitationDenialScope.Name] = "Choose what the source denies."
	}
	if !valid(QuoteKinds, string(c.QuoteKind)) {
		problems[CitationQuoteKind.Name] = "Say whether these are the source's own words or a paraphrase."
	}
	if c.URL != "" && !httpURL(c.URL) {
		problems[CitationURL.Name] = "Give a full web address starting with http:// or https://."
	}
	if utf8.RuneCountInString(c.Quote) > 5000 {
		problems[CitationQuote.Name] = "Keep the quote to 5000 characters."
	}
	if utf8.RuneCountInString(c.Attribution) > 500 {
		problems[CitationAttribution.Name] = "Keep the attribution to 500 characters."
	}
	switch {
	case c.RelaysSourceID != nil && c.RelaysPartyID != 0:
		problems[CitationRelays.Name] = "Choose either the source or the party it passes on, not both."
	case c.RelaysSourceID != nil && *c.RelaysSourceID == c.SourceID:
		problems[CitationRelays.Name] = "A source cannot pass itself on."
	}
	for field, msg := range c.Figures.Problems() {
		if _, ok := problems[field]; !ok {
			problems[field] = msg
		}
	}
	if c.PublishedAt != nil && (c.PublishedAt.Before(Earliest) || c.PublishedAt.After(time.Now().Add(24*time.Hour))) {
		problems[CitationPublishedAt.Name] = PublishedRange
	}
	problems.checkText(map[string]string{CitationStance.Name: string(c.Stance), CitationURL.Name: c.URL, CitationQuote.Name: c.Quote,
		CitationAttribution.Name: c.Attribution, CitationWeapon.Name: c.Figures.Weapon.Text,
		CitationDenialScope.Name: string(c.DenialScope), CitationQuoteKind.Name: string(c.QuoteKind)})
	return problems.orNil()
}

// PublishedRange is the message for a publication time outside the range the desk accepts.
const PublishedRange = "Give a time from 1 Jan 1900 to a day from now (UTC)."

// ValidateVerdict checks a verdict a fact-checker gives with the reason they wrote, and
// returns the reason trimmed.
func ValidateVerdict(to Verdict, reason string) (string, error) {
	problems := ValidationError{}
	reason = strings.TrimSpace(reason)
	if !to.Valid() {
		problems[VerdictField.Name] = "Choose a verdict."
	}
	switch n := utf8.RuneCountInString(reason); {
	case !IsText(reason):
		problems[VerdictReason.Name] = NotText
	case n == 0:
		problems[VerdictReason.Name] = "Say why: every verdict needs a written reason."
	case n > MaxReason:
		problems[VerdictReason.Name] = fmt.Sprintf("Keep the reason to %d characters.", MaxReason)
	}
	return reason, problems.orNil()
}

// VerdictChange is one entry of a claim's verdict history.
type VerdictChange struct {
	ID          int64
	ClaimID     int64
	FromVerdict Verdict
	ToVerdict   Verdict
	Reason      string
	ChangedByID *int64
	ChangedBy   *Person `gorm:"foreignKey:ChangedByID"`
	ChangedAt   time.Time
	// Suggested is the verdict the evidence suggested then; Override says the
	// fact-checker chose another.
	Suggested Verdict
	Override  bool
}

// Change is one field of a record before and after a change, as people read it.
type Change struct {
	Field string `json:"field"`
	Label string `json:"label"`
	Old   string `json:"old"`
	New   string `json:"new"`
}

// Event is one entry of a claim's history: what changed, old and new values, who, when, why.
type Event struct {
	ID         int64
	ClaimID    int64
	CitationID *int64
	Kind       string // created, edited, cited, citation_edited, citation_withdrawn, reviewed, verdict, merged
	Detail     string
	Changes    []Change `gorm:"serializer:json"`
	Reason     string
	UserID     *int64
	User       *Person `gorm:"foreignKey:UserID"`
	At         time.Time
	// FromClaimID is the claim an entry was written on before that claim was merged
	// into this one.
	FromClaimID *int64
}

// TableName maps Event onto claim_history.
func (Event) TableName() string { return "claim_history" }
