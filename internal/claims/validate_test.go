package claims

import (
	"errors"
	"math"
	"strings"
	"testing"
	"time"
)

func f64(x float64) *float64 { return &x }

func okClaim() Claim {
	return Claim{Title: "Drones hit al-Tanf", Place: "al-Tanf", Country: "Syria",
		OccurredOn: time.Date(2023, 10, 19, 0, 0, 0, 0, time.UTC), DatePrecision: "day", AttackType: "drone"}
}

// problemsOf returns the problems of a validation error, failing on any other error.
func problemsOf(t *testing.T, err error) ValidationError {
	t.Helper()
	if err == nil {
		return nil
	}
	var ve ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("error %v is not a ValidationError", err)
	}
	return ve
}

func TestIsText(t *testing.T) {
	for s, want := range map[string]bool{
		"":                         true,
		"al-Tanf, سوريا":           true,
		"two\nlines\r\n\tindented": true,
		"\uFFFD typed on purpose":  true,
		"nul\x00byte":              false,
		"broken \xff utf-8":        false,
		"cut é\xc3":                false,
		"bell\a":                   false,
		"escape\x1b[31m":           false,
		"delete\x7f":               false,
		"c1 \u0085 control":        false,
	} {
		if got := IsText(s); got != want {
			t.Errorf("IsText(%q) = %v, want %v", s, got, want)
		}
	}
}

func TestClaimValidate(t *testing.T) {
	today := time.Now().UTC().Truncate(24 * time.Hour)
	tests := []struct {
		name  string
		edit  func(*Claim)
		field string // "" when the claim is valid
		msg   string // part of the message, if it matters
	}{
		{"OK", func(*Claim) {}, "", ""},
		{"OKCoordinates", func(c *Claim) { c.Latitude, c.Longitude = f64(33.5), f64(38.6) }, "", ""},
		{"OKToday", func(c *Claim) { c.OccurredOn = today }, "", ""},
		{"OK1900", func(c *Claim) { c.OccurredOn = time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC) }, "", ""},
		{"ErrTitleNUL", func(c *Claim) { c.Title = "Drones\x00" }, "title", "not text"},
		{"ErrTitleInvalidUTF8", func(c *Claim) { c.Title = "Drones \xff\xfe" }, "title", "not text"},
		{"ErrSummaryControl", func(c *Claim) { c.Summary = "see \x1b[2J" }, "summary", "not text"},
		{"ErrPlaceNUL", func(c *Claim) { c.Place = "\x00" }, "place", "not text"},
		{"ErrCountryInvalid", func(c *Claim) { c.Country = "Syr\xc3" }, "country", "not text"},
		{"ErrTargetNUL", func(c *Claim) { c.Target = "base\x00" }, "target", "not text"},
		{"ErrLatitudeNaN", func(c *Claim) { c.Latitude, c.Longitude = f64(math.NaN()), f64(38) }, "latitude", ""},
		{"ErrLongitudeNaN", func(c *Claim) { c.Latitude, c.Longitude = f64(33), f64(math.NaN()) }, "longitude", ""},
		{"ErrLatitudeInf", func(c *Claim) { c.Latitude, c.Longitude = f64(math.Inf(1)), f64(38) }, "latitude", ""},
		{"ErrLongitudeMinusInf", func(c *Claim) { c.Latitude, c.Longitude = f64(33), f64(math.Inf(-1)) }, "longitude", ""},
		{"ErrLatitudeAlone", func(c *Claim) { c.Latitude = f64(33) }, "longitude", "both"},
		{"ErrLongitudeAlone", func(c *Claim) { c.Longitude = f64(38) }, "latitude", "both"},
		{"ErrYearZero", func(c *Claim) { c.OccurredOn = time.Date(0, 1, 1, 0, 0, 0, 0, time.UTC) }, "occurred_on", "1 Jan 1900 to today"},
		{"ErrYearOne", func(c *Claim) { c.OccurredOn = time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC) }, "occurred_on", "1 Jan 1900 to today"},
		{"Err1899", func(c *Claim) { c.OccurredOn = time.Date(1899, 12, 31, 0, 0, 0, 0, time.UTC) }, "occurred_on", "1 Jan 1900"},
		{"ErrFuture", func(c *Claim) { c.OccurredOn = today.AddDate(0, 0, 3) }, "occurred_on", "to today"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := okClaim()
			tt.edit(&c)
			p := problemsOf(t, c.Validate())
			if tt.field == "" {
				if p != nil {
					t.Fatalf("problems = %v, want none", p)
				}
				return
			}
			if got := p[tt.field]; got == "" || !strings.Contains(got, tt.msg) {
				t.Errorf("problem with %s = %q, want one saying %q (all: %v)", tt.field, got, tt.msg, p)
			}
		})
	}
}

func TestSourceValidate(t *testing.T) {
	tests := []struct {
		name, field string
		src         Source
	}{
		{"OK", "", Source{Name: "CENTCOM", Kind: KindOfficial, Homepage: "https://www.centcom.mil"}},
		{"ErrNameNUL", "name", Source{Name: "CENT\x00COM", Kind: KindOfficial}},
		{"ErrNameInvalidUTF8", "name", Source{Name: "\xff", Kind: KindOfficial}},
		{"ErrAffiliationControl", "affiliation", Source{Name: "AP", Kind: KindWire, Affiliation: "wire\x07"}},
		{"ErrHomepageNUL", "homepage", Source{Name: "AP", Kind: KindWire, Homepage: "https://ap.org/\x00"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := problemsOf(t, tt.src.Validate())
			if tt.field == "" {
				if p != nil {
					t.Fatalf("problems = %v, want none", p)
				}
				return
			}
			if got := p[tt.field]; got != NotText {
				t.Errorf("problem with %s = %q, want %q", tt.field, got, NotText)
			}
		})
	}
}

func TestCitationValidate(t *testing.T) {
	at := func(y int, m time.Month, d int) *time.Time {
		t := time.Date(y, m, d, 12, 0, 0, 0, time.UTC)
		return &t
	}
	soon := time.Now().Add(2 * time.Hour)
	tests := []struct {
		name, field string
		edit        func(*Citation)
	}{
		{"OK", "", func(*Citation) {}},
		{"OKPublishedSoon", "", func(c *Citation) { c.PublishedAt = &soon }},
		{"ErrQuoteNUL", "quote", func(c *Citation) { c.Quote = "said\x00so" }},
		{"ErrAttributionInvalidUTF8", "attribution", func(c *Citation) { c.Attribution = "an official \xff" }},
		{"ErrWeaponControl", "weapon_text", func(c *Citation) { c.Figures.Weapon.Text = "drone\x1b" }},
		{"ErrWeaponCategory", "weapon", func(c *Citation) { c.Figures.Weapon.Category = "laser" }},
		{"ErrFigureBackwards", "launched", func(c *Citation) { c.Figures.Launched = FigureValue{Qualifier: QualBetween, N: 5, M: 3} }},
		{"ErrRelaysItself", "relays", func(c *Citation) { id := c.SourceID; c.RelaysSourceID = &id }},
		{"ErrRelaysBoth", "relays", func(c *Citation) { id := int64(9); c.RelaysSourceID, c.RelaysPartyID = &id, 3 }},
		{"ErrQuoteKind", "quote_kind", func(c *Citation) { c.QuoteKind = "hearsay" }},
		{"ErrDenialScope", "denial_scope", func(c *Citation) { c.Stance, c.DenialScope = StanceDenies, "weather" }},
		{"ErrURLNUL", "url", func(c *Citation) { c.URL = "https://ap.org/\x00" }},
		{"ErrPublishedYearZero", "published_at", func(c *Citation) { c.PublishedAt = at(0, 1, 1) }},
		{"ErrPublished1899", "published_at", func(c *Citation) { c.PublishedAt = at(1899, 12, 31) }},
		{"ErrPublishedNextWeek", "published_at", func(c *Citation) {
			t := time.Now().AddDate(0, 0, 7)
			c.PublishedAt = &t
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := Citation{ClaimID: 1, SourceID: 1, Stance: StanceReports, PublishedAt: at(2023, 10, 19)}
			tt.edit(&c)
			p := problemsOf(t, c.Validate())
			if tt.field == "" {
				if p != nil {
					t.Fatalf("problems = %v, want none", p)
				}
				return
			}
			if p[tt.field] == "" {
				t.Errorf("no problem with %s (all: %v)", tt.field, p)
			}
		})
	}
}

func TestValidateVerdict(t *testing.T) {
	tests := []struct {
		name, reason, field string
		to                  Verdict
	}{
		{"OK", "  CENTCOM press release ", "", VerdictConfirmed},
		{"ErrReasonNUL", "seen\x00", "reason", VerdictDisputed},
		{"ErrReasonInvalidUTF8", "seen \xff", "reason", VerdictDisputed},
		{"ErrReasonEmpty", " \n", "reason", VerdictDisputed},
		{"ErrVerdictUnknown", "why not", "verdict", "maybe"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			reason, err := ValidateVerdict(tt.to, tt.reason)
			p := problemsOf(t, err)
			if tt.field == "" {
				if p != nil || reason != strings.TrimSpace(tt.reason) {
					t.Fatalf("reason %q, problems %v", reason, p)
				}
				return
			}
			if p[tt.field] == "" {
				t.Errorf("no problem with %s (all: %v)", tt.field, p)
			}
		})
	}
}

func TestClaimChanges(t *testing.T) {
	a := okClaim()
	b := okClaim()
	b.Title, b.Target = "Three drones hit al-Tanf", "US base"
	b.Latitude, b.Longitude = f64(33.5), f64(38.6)
	b.Attackers = []PartyID{2}
	parties := map[PartyID]string{2: "Islamic Resistance in Iraq"}
	var got []string
	for _, c := range claimChanges(&a, &b, parties) {
		got = append(got, c.Label+": "+c.Old+" → "+c.New)
	}
	want := []string{"Title: " + a.Title + " → Three drones hit al-Tanf", "Target:  → US base", "Latitude:  → 33.5",
		"Longitude:  → 38.6", "Alleged attackers:  → Islamic Resistance in Iraq"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("changes =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if got := claimChanges(&b, &b, parties); len(got) != 0 {
		t.Errorf("a claim against itself changed %v", got)
	}
}
