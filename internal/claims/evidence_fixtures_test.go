package claims

import (
	"reflect"
	"testing"
	"time"
)

// Parties of the seed reports and the cases.
const (
	evUS         PartyID = 1
	evUSForces   PartyID = 2 // belongs to evUS
	evIranBacked PartyID = 9 // umbrella: "Iran-backed militias"
	evIRI        PartyID = 10
	evKH         PartyID = 11 // belongs to evIRI
	evWaritheen  PartyID = 12
	evHezbollah  PartyID = 13
	evIran       PartyID = 14
	evIRGC       PartyID = 15 // belongs to evIran
	evJordan     PartyID = 20
	evKurdistan  PartyID = 21
	evIsrael     PartyID = 22
)

var evParties = []Party{
	{ID: evUS, Name: "United States", Kind: PartyState},
	{ID: evUSForces, Name: "US forces", Kind: PartyForces, ParentID: evUS},
	{ID: evIranBacked, Name: "Iran-backed militias", Kind: PartyCoalition},
	{ID: evIRI, Name: "Islamic Resistance in Iraq", Kind: PartyCoalition, ParentID: evIranBacked},
	{ID: evKH, Name: "Kataib Hezbollah", Kind: PartyArmedGroup, ParentID: evIRI},
	{ID: evWaritheen, Name: "Tashkil al-Waritheen", Kind: PartyArmedGroup},
	{ID: evHezbollah, Name: "Hezbollah", Kind: PartyArmedGroup},
	{ID: evIran, Name: "Iran", Kind: PartyState},
	{ID: evIRGC, Name: "IRGC", Kind: PartyForces, ParentID: evIran},
	{ID: evJordan, Name: "Jordan", Kind: PartyState},
	{ID: evKurdistan, Name: "Kurdistan Region", Kind: PartyState},
	{ID: evIsrael, Name: "Israel", Kind: PartyState},
}

// evSource is a source as the fixtures cite it.
type evSource struct {
	id    int64
	name  string
	party PartyID
	rel   Relation
}

var (
	evCENTCOM   = evSource{1, "CENTCOM", evUSForces, RelationVoice}
	evAP        = evSource{2, "AP", 0, RelationIndependent}
	evMayadeen  = evSource{3, "Al Mayadeen", evHezbollah, RelationAffiliated}
	evIRIOwn    = evSource{4, "Islamic Resistance in Iraq", evIRI, RelationVoice}
	evWarOwn    = evSource{5, "Tashkil al-Waritheen", evWaritheen, RelationVoice}
	evPolitico  = evSource{6, "Politico", 0, RelationIndependent}
	evSOHR      = evSource{7, "SOHR", 0, RelationIndependent}
	evDoD       = evSource{8, "US DoD", evUS, RelationVoice}
	evJordanGov = evSource{9, "Government of Jordan", evJordan, RelationVoice}
	evKRSC      = evSource{10, "Kurdistan Region Security Council", evKurdistan, RelationVoice}
	evIRGCOwn   = evSource{11, "IRGC", evIRGC, RelationVoice}
	evReuters   = evSource{12, "Reuters", 0, RelationIndependent}
	evKurdCTS   = evSource{13, "Kurdistan Counter-Terrorism Service", evKurdistan, RelationVoice}
	evIranFM    = evSource{14, "Iran's foreign ministry", evIran, RelationVoice}
	evNewArab   = evSource{15, "The New Arab", 0, RelationIndependent}
)

// said starts a cited statement: source s took stance st in citation id.
func said(id int64, s evSource, st Stance) evCite {
	return evCite{ID: id, SourceID: s.id, SourceName: s.name, PartyID: s.party, Relation: s.rel, Stance: st}
}

// evCite lets a fixture set one field at a time.
type evCite CitedStatement

func (c evCite) at(t time.Time) evCite { c.PublishedAt = &t; return c }
func (c evCite) relays(p PartyID) evCite {
	c.RelaysParty = p
	return c
}
func (c evCite) relaysSource(s evSource) evCite {
	c.RelaysSourceID, c.RelaysSourceName = s.id, s.name
	return c
}
func (c evCite) denies(scope DenialScope, quote string) evCite {
	c.DenialScope, c.Quote = scope, quote
	return c
}
func (c evCite) blames(p PartyID) evCite        { c.AttributesTo = p; return c }
func (c evCite) figures(f FigureSet) evCite     { c.Figures = f; return c }
func (c evCite) withdrawn() evCite              { c.Withdrawn = true; return c }
func (c evCite) weapon(w WeaponCategory) evCite { c.Figures.Weapon.Category = w; return c }

// fig reads a figure as a person would type it; the fixtures only hold good ones.
func fig(s string) FigureValue {
	v, err := ParseFigureValue(s)
	if err != nil {
		panic(err)
	}
	return v
}

func jan2024(day, hour int) time.Time { return time.Date(2024, 1, day, hour, 0, 0, 0, time.UTC) }
func oct2023(day, hour int) time.Time { return time.Date(2023, 10, day, hour, 0, 0, 0, time.UTC) }

// evCase is one row of an evidence table: the input, and what a person would read.
type evCase struct {
	name      string
	attackers []PartyID
	targets   []PartyID
	cites     []evCite
	reviewed  []string
	now       time.Time

	// Checked when not empty.
	occurred, responsibility, response, independence, suggested string
	keys                                                        []string
	// Always checked: every reason ("(reviewed)" appended when reviewed), every timeline, contested.
	reasons   []string
	timelines []string
	contested bool
}

func (tc evCase) input() EvidenceInput {
	in := EvidenceInput{Parties: evParties, Attackers: tc.attackers, Targets: tc.targets, Now: tc.now, Reviewed: map[string]bool{}}
	for _, c := range tc.cites {
		in.Citations = append(in.Citations, CitedStatement(c))
	}
	for _, k := range tc.reviewed {
		in.Reviewed[k] = true
	}
	return in
}

func runEvidence(t *testing.T, cases []evCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			in := tc.input()
			a := WeighEvidence(in)
			b := NamesOf(in)
			for _, c := range in.Citations {
				if err := c.Validate(); err != nil {
					t.Fatalf("fixture citation %d is invalid: %v", c.ID, err)
				}
			}
			check := func(what, got, want string) {
				if want != "" && got != want {
					t.Errorf("%s:\n got %q\nwant %q", what, got, want)
				}
			}
			check("occurred", a.Occurred.Words(b), tc.occurred)
			check("responsibility", a.Responsibility.Words(b), tc.responsibility)
			check("response", a.Response.Words(b), tc.response)
			check("independence", a.Independence.Words(b), tc.independence)
			check("suggested", a.Suggested.Words(b), tc.suggested)
			var reasons, keys, timelines []string
			for _, r := range a.Reasons {
				w := r.Words(b)
				if r.Reviewed {
					w += " (reviewed)"
				}
				reasons = append(reasons, w)
				keys = append(keys, r.Key)
			}
			for _, tl := range a.Timelines {
				timelines = append(timelines, tl.Words(b))
			}
			if !reflect.DeepEqual(reasons, tc.reasons) {
				t.Errorf("reasons:\n got %q\nwant %q", reasons, tc.reasons)
			}
			if tc.keys != nil && !reflect.DeepEqual(keys, tc.keys) {
				t.Errorf("keys:\n got %q\nwant %q", keys, tc.keys)
			}
			if !reflect.DeepEqual(timelines, tc.timelines) {
				t.Errorf("timelines:\n got %q\nwant %q", timelines, tc.timelines)
			}
			if a.Contested != tc.contested {
				t.Errorf("contested = %v, want %v", a.Contested, tc.contested)
			}
		})
	}
}
