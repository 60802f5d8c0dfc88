// Package claimstest holds scenario data for tests of the evidence rules and of the
// pages that show them: real, publicly reported incidents, entered stage by stage.
package claimstest

import (
	"time"

	"claimdesk/internal/claims"
)

// Scenario incidents for Evidence v2: real, publicly reported attacks (none of the demo's),
// entered as a desk would enter them, stage by stage as the reports came in, with what a
// careful fact-checker expects to read at each stage.
//
// Dates are the day each statement was published, as reported; the time of day is not
// relied on, so every citation is entered at 12:00 UTC of its day and every stage is
// weighed at 12:00 UTC of its "as of" day. Hours between statements of the same day
// therefore read 0. Figures are typed as a person would type them into the form, and read
// with ParseFigureValue. Where a detail was not reliably reported it is left out.
//
// Where the engine gives something other than what a fact-checker would expect, the stage's
// Want stays as the fact-checker would have it, and Engine records what the engine gives
// and Why the rule that causes it (TestIncidentEngineDifferencesAreAsRecorded, in
// internal/claims, keeps that record true). TestIncidentsAsAFactCheckerExpects therefore
// fails on exactly those stages; the web scenarios (internal/web/scenarios_test.go) check
// that the pages show what the engine gives (Stage.WithEngine).
//
// What the incidents cover, and what they do not:
//   - Occurred: confirmed by target (most), by a neutral official (True Confidence), officially
//     denied (Eisenhower), single source (Eisenhower), no sources (Quetta, before any citation).
//     Not covered by a real incident: corroborated (no case here with independent reports and
//     no official word at all; the demo's Conoco field covers it).
//   - Responsibility: claimed (with attributions), competing (Quetta), attributed (Kokuka
//     Courageous), unclaimed (Quetta, stage 0); an attacker's own body confirming its strike
//     reads as a claim (IRGC on Erbil); attribution against a claim (Abqaiq).
//   - Official response: confirmed, denied, none yet (timed, and untimed with no citation).
//   - Independence: withdrawn, claims, denies, relays the attacker's side (IRIB), speaks for
//     the attacker's side (Mehr), same party (White House after CENTCOM), same source in both
//     forms (Reuters and the papers that reprint it, on Erbil).
//   - Figures: timelines (CENTCOM on Tower 22, DoD on Ain al-Asad, a Houthi weapon), whole-toll
//     conflicts (True Confidence, Ain al-Asad), launched (Abqaiq), a split civilian figure that
//     fits an unsplit toll, "dozens" fitting "at least 34", more than / at least / about / none,
//     missile fitting anti-ship ballistic missile, drone fitting one-way attack drone, a weapon
//     in words only. Not covered: intercepted, between / at most / fewer than, and two weapon
//     categories in conflict (no real case reliably known here).
//   - Reviews: reviewed reasons leave the contested bucket; a source revising into a reviewed
//     figure disagreement reopens it (Ain al-Asad); a new value that fits does not (True
//     Confidence).
//   - Suggested verdict: no sources, official denial, open contest, official confirmation, thin.
//     Not covered: corroborated.
//   - Buckets: officially-confirmed, contested, every verdict, awaiting official response.

// Party is a party as an editor enters it on /parties.
type Party struct {
	Name   string
	Kind   claims.PartyKind
	Parent string // the party it belongs to, by name
}

// Source is a source as an editor enters it on /sources.
type Source struct {
	Name  string
	Party string // by name; "" for none
	Rel   claims.Relation
}

// Toll is a casualty figure split as the form splits it, each part typed as a person would.
type Toll struct{ Mil, Civ, Unk string }

// Cite is one citation as an editor enters it on the claim's citation form.
type Cite struct {
	Ref          string // to withdraw it later; "" when never needed
	Source       string
	Stance       claims.Stance
	Scope        claims.DenialScope
	Quote        string // the source's own words
	RelaysParty  string // by name
	RelaysSource string // by name
	Blames       string // party, by name
	On           string // publication day, YYYY-MM-DD
	Weapon       claims.WeaponCategory
	WeaponText   string
	Launched     string
	Killed       Toll
	Injured      Toll
}

// Outcome is what the desk shows for a claim: the three axes (state and words), the
// independence count, every reason (" (reviewed)" appended when reviewed), every figure
// timeline, the suggested verdict and the dashboard buckets it is listed under.
type Outcome struct {
	Occurred            claims.OccurredState
	OccurredWords       string
	Responsibility      claims.ResponsibilityState
	ResponsibilityWords string
	Response            claims.ResponseState
	ResponseWords       string
	Independence        string
	Reasons             []string
	Timelines           []string
	Suggested           string
	Buckets             []string
}

// Stage is what the desk does on one day, and what it then reads.
type Stage struct {
	AsOf     string   // YYYY-MM-DD; the stage is weighed at 12:00 UTC that day
	Cites    []Cite   // added at this stage
	Withdraw []string // refs of citations withdrawn at this stage
	Review   []string // reasons a fact-checker reviews at this stage, by the start of their words
	Verdict  claims.Verdict
	// Note is what the desk writes at this stage: the review note, the verdict's reason,
	// the reason for a withdrawal.
	Note string
	Want Outcome
	// Engine holds the fields where the engine gives something else (nil when it agrees),
	// and Why names the rule in docs/EVIDENCE.md that causes it.
	Engine *Outcome
	Why    string
}

// Incident is one real attack as the desk files it.
type Incident struct {
	Name                              string
	Title, Place, Country, OccurredOn string
	AttackType                        claims.AttackType
	Parties                           []Party
	Sources                           []Source
	Attackers, Targets                []string
	Stages                            []Stage
}

// Bucket names as the dashboard lists them.
const (
	BucketOfficial   = "officially-confirmed"
	BucketContested  = "contested"
	BucketUnverified = "unverified"
	BucketConfirmed  = "confirmed"
	BucketDisputed   = "disputed"
	BucketFalse      = "false"
	BucketAwaiting   = claims.BucketAwaiting
)

// Parties several incidents share.
var (
	pUS       = Party{"United States", claims.PartyState, ""}
	pUSForces = Party{"US forces", claims.PartyForces, "United States"}
	pIran     = Party{"Iran", claims.PartyState, ""}
	pIRGC     = Party{"IRGC", claims.PartyForces, "Iran"}
	pIraq     = Party{"Iraq", claims.PartyState, ""}
	pHouthis  = Party{"Houthis", claims.PartyArmedGroup, ""}
)

const (
	noCasualties = "none"
	dod          = "US DoD"
)

var Incidents = []Incident{
	{
		// Tower 22, north-east Jordan, 28 January 2024.
		// 28 Jan: CENTCOM said three US service members were killed and 25 injured in a one-way
		// attack drone strike on a base in north-east Jordan, then that at least 34 were injured.
		// 28 Jan: President Biden's statement: three service members killed "during an unmanned
		// aerial drone attack", "carried out by radical Iran-backed militant groups operating in
		// Syria and Iraq". 28 Jan: Jordan's government spokesman Muhannad Mubaidin (Al-Mamlaka TV)
		// said the attack took place outside Jordan, at al-Tanf in Syria. 28 Jan: the Islamic
		// Resistance in Iraq claimed drone attacks on bases on the Syria-Jordan border.
		// 29 Jan: Jordan condemned the attack on an advance post just inside its border (Reuters);
		// Reuters reported dozens injured; Iran's foreign ministry spokesman Nasser Kanaani denied
		// any Iranian involvement. Left out: the later "more than 40" injured (day not certain).
		Name: "Tower22", Title: "Drone strike kills three US soldiers at Tower 22",
		Place: "Tower 22, Rukban", Country: "Jordan", OccurredOn: "2024-01-28", AttackType: "drone",
		Parties: []Party{pUS, pUSForces, pIran,
			{"Jordan", claims.PartyState, ""},
			{"Iran-backed militias", claims.PartyCoalition, ""},
			{"Islamic Resistance in Iraq", claims.PartyCoalition, "Iran-backed militias"},
		},
		Sources: []Source{
			{"CENTCOM", "US forces", claims.RelationVoice},
			{"The White House", "United States", claims.RelationVoice},
			{"Government of Jordan", "Jordan", claims.RelationVoice},
			{"Islamic Resistance in Iraq", "Islamic Resistance in Iraq", claims.RelationVoice},
			{"Iran's foreign ministry", "Iran", claims.RelationVoice},
			{"Reuters", "", claims.RelationIndependent},
		},
		Attackers: []string{"Iran-backed militias"},
		Targets:   []string{"United States"},
		Stages: []Stage{{
			AsOf: "2024-01-28",
			Cites: []Cite{
				{Source: "CENTCOM", Stance: claims.StanceConfirms, On: "2024-01-28", Weapon: claims.WeaponOneWayAttackDrone,
					WeaponText: "one-way attack drone", Killed: Toll{Mil: "3"}, Injured: Toll{Mil: "25"}},
				{Source: "CENTCOM", Stance: claims.StanceConfirms, On: "2024-01-28", Injured: Toll{Mil: "at least 34"}},
				{Source: "The White House", Stance: claims.StanceConfirms, On: "2024-01-28", Weapon: claims.WeaponDrone,
					WeaponText: "unmanned aerial drone", Killed: Toll{Mil: "3"}, Blames: "Iran-backed militias"},
				{Source: "Government of Jordan", Stance: claims.StanceDenies, Scope: claims.DeniesLocation, On: "2024-01-28"},
				{Source: "Islamic Resistance in Iraq", Stance: claims.StanceClaimsResponsibility, On: "2024-01-28", Weapon: claims.WeaponDrone, WeaponText: "drones"},
			},
			Want: Outcome{
				Occurred:            claims.OccurredConfirmedByTarget,
				OccurredWords:       "Confirmed by the targeted side's officials: CENTCOM, The White House.",
				Responsibility:      claims.ResponsibilityClaimed,
				ResponsibilityWords: "Claimed by Islamic Resistance in Iraq. Officials attribute it: The White House blames Iran-backed militias.",
				Response:            claims.ResponseConfirmed,
				ResponseWords:       "Confirmed by CENTCOM, The White House, Government of Jordan, 0 hours after the first report.",
				Independence: "1 independent source: CENTCOM; not counted: The White House (speaks for United States, already counted through CENTCOM), " +
					"Government of Jordan (disputes the location), Islamic Resistance in Iraq (claims responsibility).",
				Reasons:   []string{"Government of Jordan disputes the location"},
				Timelines: []string{"CENTCOM, injured: 25 military (28 Jan) → at least 34 military (28 Jan)"},
				Suggested: "Disputed: 1 open disagreement.",
				Buckets:   []string{BucketOfficial, BucketContested, BucketUnverified},
			},
		}, {
			AsOf: "2024-01-29",
			Cites: []Cite{
				{Source: "Iran's foreign ministry", Stance: claims.StanceDenies, Scope: claims.DeniesResponsibility, On: "2024-01-29"},
				{Source: "Government of Jordan", Stance: claims.StanceConfirms, On: "2024-01-29"},
				{Source: "Reuters", Stance: claims.StanceReports, On: "2024-01-29", Killed: Toll{Mil: "3"}, Injured: Toll{Unk: "dozens"}},
			},
			Want: Outcome{
				Occurred:            claims.OccurredConfirmedByTarget,
				OccurredWords:       "Confirmed by the targeted side's officials: CENTCOM, The White House.",
				Responsibility:      claims.ResponsibilityClaimed,
				ResponsibilityWords: "Claimed by Islamic Resistance in Iraq. Officials attribute it: The White House blames Iran-backed militias.",
				Response:            claims.ResponseConfirmed,
				ResponseWords:       "Confirmed by CENTCOM, The White House, Government of Jordan, Iran's foreign ministry, 0 hours after the first report.",
				Independence: "3 independent sources: CENTCOM, Government of Jordan, Reuters; not counted: " +
					"The White House (speaks for United States, already counted through CENTCOM), " +
					"Islamic Resistance in Iraq (claims responsibility), Iran's foreign ministry (disputes responsibility).",
				Reasons:   []string{"Government of Jordan disputes the location", "Iran's foreign ministry disputes responsibility"},
				Timelines: []string{"CENTCOM, injured: 25 military (28 Jan) → at least 34 military (28 Jan)"},
				Suggested: "Disputed: 2 open disagreements.",
				Buckets:   []string{BucketOfficial, BucketContested, BucketUnverified},
			},
		}, {
			// Jordan's own statement of 29 Jan places the post inside its border; Iran is not
			// among the alleged attackers, so its denial does not dispute the claim as filed.
			AsOf:    "2024-01-30",
			Note:    "Jordan's statement of 29 Jan places the post just inside its border; Iran is not among the alleged attackers, so its denial does not dispute the claim as filed.",
			Review:  []string{"Government of Jordan disputes the location", "Iran's foreign ministry disputes responsibility"},
			Verdict: claims.VerdictConfirmed,
			Want: Outcome{
				Occurred:            claims.OccurredConfirmedByTarget,
				OccurredWords:       "Confirmed by the targeted side's officials: CENTCOM, The White House.",
				Responsibility:      claims.ResponsibilityClaimed,
				ResponsibilityWords: "Claimed by Islamic Resistance in Iraq. Officials attribute it: The White House blames Iran-backed militias.",
				Response:            claims.ResponseConfirmed,
				ResponseWords:       "Confirmed by CENTCOM, The White House, Government of Jordan, Iran's foreign ministry, 0 hours after the first report.",
				Independence: "3 independent sources: CENTCOM, Government of Jordan, Reuters; not counted: " +
					"The White House (speaks for United States, already counted through CENTCOM), " +
					"Islamic Resistance in Iraq (claims responsibility), Iran's foreign ministry (disputes responsibility).",
				Reasons:   []string{"Government of Jordan disputes the location (reviewed)", "Iran's foreign ministry disputes responsibility (reviewed)"},
				Timelines: []string{"CENTCOM, injured: 25 military (28 Jan) → at least 34 military (28 Jan)"},
				Suggested: "Confirmed: confirmed by an official not on the attacker's side (CENTCOM, The White House).",
				Buckets:   []string{BucketOfficial, BucketConfirmed},
			},
		}},
	},
	{
		// IRGC ballistic missiles on Erbil, night of 15-16 January 2024.
		// The IRGC said "one of the main Mossad espionage headquarters in Iraq's Kurdistan region
		// was destroyed with ballistic missiles" (carried by IRNA and Tasnim, dated 16 Jan).
		// 16 Jan: the Kurdistan Region Security Council: IRGC ballistic missiles hit civilian areas
		// of Erbil, four civilians killed and six injured; "We categorically reject this unfounded
		// pretext." 16 Jan: Iraq's foreign ministry condemned Iran's "aggression" on Erbil, which
		// caused civilian casualties (Iraq also recalled its ambassador from Tehran). 16 Jan: the US
		// State Department (Matthew Miller) condemned Iran's attacks in Erbil. 16 Jan: Reuters'
		// report, reprinted by the Hindustan Times and The Age.
		// Dated by the day the statements carry (16 Jan), though the strikes came late on 15 Jan.
		Name: "Erbil", Title: "IRGC ballistic missiles strike Erbil, killing four civilians",
		Place: "Erbil", Country: "Iraq", OccurredOn: "2024-01-15", AttackType: "missile",
		Parties: []Party{pIran, pIRGC, pIraq, pUS, {"Kurdistan Region", claims.PartyState, "Iraq"}},
		Sources: []Source{
			{"IRGC", "IRGC", claims.RelationVoice},
			{"Hindustan Times", "", claims.RelationIndependent},
			{"Kurdistan Region Security Council", "Kurdistan Region", claims.RelationVoice},
			{"Iraq's foreign ministry", "Iraq", claims.RelationVoice},
			{"US Department of State", "United States", claims.RelationVoice},
			{"Reuters", "", claims.RelationIndependent},
			{"The Age", "", claims.RelationIndependent},
		},
		Attackers: []string{"Iran"},
		Targets:   []string{"Kurdistan Region"},
		Stages: []Stage{{
			AsOf: "2024-01-16",
			Cites: []Cite{
				{Source: "IRGC", Stance: claims.StanceConfirms, On: "2024-01-16", Weapon: claims.WeaponBallisticMissile, WeaponText: "ballistic missiles"},
				{Source: "Hindustan Times", Stance: claims.StanceReports, RelaysSource: "Reuters", On: "2024-01-16"},
				{Source: "Kurdistan Region Security Council", Stance: claims.StanceDenies, Scope: claims.DeniesTarget,
					Quote: "We categorically reject this unfounded pretext.", On: "2024-01-16", Blames: "IRGC",
					Weapon: claims.WeaponBallisticMissile, WeaponText: "ballistic missiles", Killed: Toll{Civ: "4"}, Injured: Toll{Civ: "6"}},
				{Source: "Iraq's foreign ministry", Stance: claims.StanceConfirms, On: "2024-01-16"},
				{Source: "US Department of State", Stance: claims.StanceConfirms, On: "2024-01-16"},
				{Source: "Reuters", Stance: claims.StanceReports, On: "2024-01-16"},
				{Source: "The Age", Stance: claims.StanceReports, RelaysSource: "Reuters", On: "2024-01-16"},
			},
			Want: Outcome{
				Occurred:            claims.OccurredConfirmedByTarget,
				OccurredWords:       "Confirmed by the targeted side's officials: Kurdistan Region Security Council, Iraq's foreign ministry.",
				Responsibility:      claims.ResponsibilityClaimed,
				ResponsibilityWords: "Claimed by IRGC. Officials attribute it: Kurdistan Region Security Council blames IRGC.",
				Response:            claims.ResponseConfirmed,
				ResponseWords:       "Confirmed by Kurdistan Region Security Council, Iraq's foreign ministry, US Department of State, 0 hours after the first report.",
				Independence: "3 independent sources: Hindustan Times, Iraq's foreign ministry, US Department of State; not counted: " +
					"IRGC (claims responsibility), Kurdistan Region Security Council (disputes the target), " +
					"Reuters (already counted through Hindustan Times, which relays it), The Age (relays Reuters, already counted through Hindustan Times).",
				Reasons:   []string{"Kurdistan Region Security Council disputes the target: “We categorically reject this unfounded pretext.”"},
				Suggested: "Disputed: 1 open disagreement.",
				Buckets:   []string{BucketOfficial, BucketContested, BucketUnverified},
			},
		}, {
			AsOf:    "2024-01-17",
			Note:    "The IRGC's stated target is disputed; that its missiles hit Erbil is not.",
			Review:  []string{"Kurdistan Region Security Council disputes the target"},
			Verdict: claims.VerdictConfirmed,
			Want: Outcome{
				Occurred:            claims.OccurredConfirmedByTarget,
				OccurredWords:       "Confirmed by the targeted side's officials: Kurdistan Region Security Council, Iraq's foreign ministry.",
				Responsibility:      claims.ResponsibilityClaimed,
				ResponsibilityWords: "Claimed by IRGC. Officials attribute it: Kurdistan Region Security Council blames IRGC.",
				Response:            claims.ResponseConfirmed,
				ResponseWords:       "Confirmed by Kurdistan Region Security Council, Iraq's foreign ministry, US Department of State, 0 hours after the first report.",
				Independence: "3 independent sources: Hindustan Times, Iraq's foreign ministry, US Department of State; not counted: " +
					"IRGC (claims responsibility), Kurdistan Region Security Council (disputes the target), " +
					"Reuters (already counted through Hindustan Times, which relays it), The Age (relays Reuters, already counted through Hindustan Times).",
				Reasons:   []string{"Kurdistan Region Security Council disputes the target: “We categorically reject this unfounded pretext.” (reviewed)"},
				Suggested: "Confirmed: confirmed by an official not on the attacker's side (Kurdistan Region Security Council, Iraq's foreign ministry).",
				Buckets:   []string{BucketOfficial, BucketConfirmed},
			},
		}},
	},
	{
		// Iranian ballistic missiles on Ain al-Asad air base, Iraq, 8 January 2020.
		// 8 Jan: the IRGC announced "Operation Martyr Soleimani", "dozens of ground-to-ground
		// missiles". 8 Jan: Iranian state TV (IRIB), citing a Revolutionary Guards source, said at
		// least 80 "American terrorists" were killed; Mehr News Agency, crediting IRIB, said over
		// 80 killed and some 200 wounded. 8 Jan: President Trump: "no Americans were harmed", "we
		// suffered no casualties". 8 Jan: the Iraqi military said 22 missiles were fired at two
		// bases and no Iraqi was hurt. Then the Pentagon: 16 Jan, 11 flown out for treatment of
		// concussion symptoms (so at least 11 injured); 24 Jan, 34; 28 Jan, 50; 30 Jan, 64;
		// 10 Feb, 109 with traumatic brain injury. Left out: the later 110 (day not certain).
		Name: "AinAlAsad2020", Title: "Iranian ballistic missiles strike Ain al-Asad air base",
		Place: "Ain al-Asad air base", Country: "Iraq", OccurredOn: "2020-01-08", AttackType: "missile",
		Parties: []Party{pUS, pIran, pIRGC, pIraq},
		Sources: []Source{
			{"IRGC", "IRGC", claims.RelationVoice},
			{"IRIB", "Iran", claims.RelationAffiliated},
			{"Mehr News Agency", "Iran", claims.RelationAffiliated},
			{"The White House", "United States", claims.RelationVoice},
			{"Iraqi Joint Operations Command", "Iraq", claims.RelationVoice},
			{dod, "United States", claims.RelationVoice},
		},
		Attackers: []string{"Iran"},
		Targets:   []string{"United States"},
		Stages: []Stage{{
			AsOf: "2020-01-09",
			Cites: []Cite{
				{Source: "IRGC", Stance: claims.StanceClaimsResponsibility, On: "2020-01-08", Weapon: claims.WeaponMissile, WeaponText: "ground-to-ground missiles"},
				{Source: "IRIB", Stance: claims.StanceReports, RelaysParty: "IRGC", On: "2020-01-08", Killed: Toll{Unk: "at least 80"}},
				{Source: "Mehr News Agency", Stance: claims.StanceReports, RelaysSource: "IRIB", On: "2020-01-08",
					Killed: Toll{Unk: "over 80"}, Injured: Toll{Unk: "some 200"}},
				{Source: "The White House", Stance: claims.StanceConfirms, On: "2020-01-08", Killed: Toll{Unk: noCasualties}, Injured: Toll{Unk: noCasualties}},
				{Source: "Iraqi Joint Operations Command", Stance: claims.StanceConfirms, On: "2020-01-08"},
			},
			Want: Outcome{
				Occurred:            claims.OccurredConfirmedByTarget,
				OccurredWords:       "Confirmed by the targeted side's officials: The White House.",
				Responsibility:      claims.ResponsibilityClaimed,
				ResponsibilityWords: "Claimed by IRGC.",
				Response:            claims.ResponseConfirmed,
				ResponseWords:       "Confirmed by The White House, Iraqi Joint Operations Command, 0 hours after the first report.",
				Independence: "2 independent sources: The White House, Iraqi Joint Operations Command; not counted: IRGC (claims responsibility), " +
					"IRIB (relays IRGC), Mehr News Agency (speaks for Iran, on the attacker's side).",
				Reasons: []string{
					"Sources disagree on killed: at least 80 (IRIB), more than 80 (Mehr News Agency) vs 0 (The White House)",
					"Sources disagree on injured: about 200 (Mehr News Agency) vs 0 (The White House)",
				},
				Suggested: "Disputed: 2 open disagreements.",
				Buckets:   []string{BucketOfficial, BucketContested, BucketUnverified},
			},
		}, {
			AsOf: "2020-01-31",
			Note: "IRIB's and Mehr's tolls rest on an unnamed IRGC source and nothing supports them; the US count is the Pentagon's, revised as injuries were diagnosed.",
			Cites: []Cite{
				{Source: dod, Stance: claims.StanceConfirms, On: "2020-01-16", Injured: Toll{Unk: "at least 11"}},
				{Source: dod, Stance: claims.StanceConfirms, On: "2020-01-24", Injured: Toll{Unk: "34"}},
				{Source: dod, Stance: claims.StanceConfirms, On: "2020-01-28", Injured: Toll{Unk: "50"}},
				{Source: dod, Stance: claims.StanceConfirms, On: "2020-01-30", Injured: Toll{Unk: "64"}},
			},
			Review:  []string{"Sources disagree on killed", "Sources disagree on injured"},
			Verdict: claims.VerdictConfirmed,
			Want: Outcome{
				Occurred:            claims.OccurredConfirmedByTarget,
				OccurredWords:       "Confirmed by the targeted side's officials: The White House, US DoD.",
				Responsibility:      claims.ResponsibilityClaimed,
				ResponsibilityWords: "Claimed by IRGC.",
				Response:            claims.ResponseConfirmed,
				ResponseWords:       "Confirmed by The White House, Iraqi Joint Operations Command, US DoD, 0 hours after the first report.",
				Independence: "2 independent sources: The White House, Iraqi Joint Operations Command; not counted: IRGC (claims responsibility), " +
					"IRIB (relays IRGC), Mehr News Agency (speaks for Iran, on the attacker's side), " +
					"US DoD (speaks for United States, already counted through The White House).",
				// The US government's own count went from none (the President, 8 Jan) to 64 (the
				// Pentagon, 30 Jan): a revision by one party's voices, not a second US position.
				Reasons: []string{
					"Sources disagree on killed: at least 80 (IRIB), more than 80 (Mehr News Agency) vs 0 (The White House) (reviewed)",
					"Sources disagree on injured: about 200 (Mehr News Agency) vs 64 (US DoD) (reviewed)",
				},
				Timelines: []string{"United States, injured: 0 (8 Jan) → at least 11 (16 Jan) → 34 (24 Jan) → 50 (28 Jan) → 64 (30 Jan)"},
				Suggested: "Confirmed: confirmed by an official not on the attacker's side (The White House, US DoD).",
				Buckets:   []string{BucketOfficial, BucketConfirmed},
			},
		}, {
			// The Pentagon's count rises into the reviewed disagreement: it must reopen.
			AsOf: "2020-02-11",
			Cites: []Cite{
				{Source: dod, Stance: claims.StanceConfirms, On: "2020-02-10", Injured: Toll{Unk: "109"}},
			},
			Want: Outcome{
				Occurred:            claims.OccurredConfirmedByTarget,
				OccurredWords:       "Confirmed by the targeted side's officials: The White House, US DoD.",
				Responsibility:      claims.ResponsibilityClaimed,
				ResponsibilityWords: "Claimed by IRGC.",
				Response:            claims.ResponseConfirmed,
				ResponseWords:       "Confirmed by The White House, Iraqi Joint Operations Command, US DoD, 0 hours after the first report.",
				Independence: "2 independent sources: The White House, Iraqi Joint Operations Command; not counted: IRGC (claims responsibility), " +
					"IRIB (relays IRGC), Mehr News Agency (speaks for Iran, on the attacker's side), " +
					"US DoD (speaks for United States, already counted through The White House).",
				Reasons: []string{
					"Sources disagree on killed: at least 80 (IRIB), more than 80 (Mehr News Agency) vs 0 (The White House) (reviewed)",
					"Sources disagree on injured: about 200 (Mehr News Agency) vs 109 (US DoD)",
				},
				Timelines: []string{"United States, injured: 0 (8 Jan) → at least 11 (16 Jan) → 34 (24 Jan) → 50 (28 Jan) → 64 (30 Jan) → 109 (10 Feb)"},
				Suggested: "Disputed: 1 open disagreement.",
				Buckets:   []string{BucketOfficial, BucketContested, BucketConfirmed},
			},
		}},
	},
	{
		// Houthi missile on the bulk carrier True Confidence, Gulf of Aden, 6 March 2024.
		// 6 Mar: the British Embassy in Yemen said two crew were killed. 6 Mar: CENTCOM: an
		// anti-ship ballistic missile launched from Houthi-controlled Yemen struck the
		// Barbados-flagged, Liberian-owned True Confidence; three crew killed, at least four injured.
		// 6 Mar: the Houthi military spokesman Yahya Saree claimed the strike, "with a number of
		// appropriate naval missiles". 7 Mar: the Philippine Department of Migrant Workers confirmed
		// the deaths of two Filipino seafarers and two severely injured; the ship's owners and
		// manager confirmed crew were killed and wounded.
		Name: "TrueConfidence", Title: "Houthi missile kills three crew on the True Confidence",
		Place: "Gulf of Aden", Country: "Yemen", OccurredOn: "2024-03-06", AttackType: "missile",
		Parties: []Party{pHouthis, pUS, pUSForces,
			{"United Kingdom", claims.PartyState, ""},
			{"Philippines", claims.PartyState, ""},
			{"True Confidence's owners and manager", claims.PartyOther, ""},
		},
		Sources: []Source{
			{"British Embassy in Yemen", "United Kingdom", claims.RelationVoice},
			{"CENTCOM", "US forces", claims.RelationVoice},
			{"Houthi military spokesman", "Houthis", claims.RelationVoice},
			{"Philippine Department of Migrant Workers", "Philippines", claims.RelationVoice},
			{"True Confidence's owners and manager", "True Confidence's owners and manager", claims.RelationVoice},
		},
		Attackers: []string{"Houthis"},
		Targets:   []string{"True Confidence's owners and manager"},
		Stages: []Stage{{
			AsOf: "2024-03-06",
			Cites: []Cite{
				{Source: "British Embassy in Yemen", Stance: claims.StanceConfirms, On: "2024-03-06", Killed: Toll{Unk: "2"}},
				{Source: "CENTCOM", Stance: claims.StanceConfirms, On: "2024-03-06", Weapon: claims.WeaponAntiShipBallisticMissile,
					WeaponText: "anti-ship ballistic missile", Killed: Toll{Unk: "3"}, Injured: Toll{Unk: "at least 4"}},
				{Source: "Houthi military spokesman", Stance: claims.StanceClaimsResponsibility, On: "2024-03-06", Weapon: claims.WeaponMissile, WeaponText: "naval missiles"},
			},
			Want: Outcome{
				Occurred:            claims.OccurredConfirmedByNeutral,
				OccurredWords:       "Confirmed by a neutral official: British Embassy in Yemen, CENTCOM.",
				Responsibility:      claims.ResponsibilityClaimed,
				ResponsibilityWords: "Claimed by Houthis.",
				Response:            claims.ResponseConfirmed,
				ResponseWords:       "Confirmed by British Embassy in Yemen, CENTCOM, 0 hours after the first report.",
				Independence:        "2 independent sources: British Embassy in Yemen, CENTCOM; not counted: Houthi military spokesman (claims responsibility).",
				Reasons:             []string{"Sources disagree on killed: 2 (British Embassy in Yemen) vs 3 (CENTCOM)"},
				Suggested:           "Disputed: 1 open disagreement.",
				Buckets:             []string{BucketOfficial, BucketContested, BucketUnverified},
			},
		}, {
			// The embassy's two was the early count; CENTCOM's later statement gives three.
			AsOf:    "2024-03-06",
			Note:    "The embassy's two was the early count; CENTCOM's later statement gives three.",
			Review:  []string{"Sources disagree on killed"},
			Verdict: claims.VerdictConfirmed,
			Want: Outcome{
				Occurred:            claims.OccurredConfirmedByNeutral,
				OccurredWords:       "Confirmed by a neutral official: British Embassy in Yemen, CENTCOM.",
				Responsibility:      claims.ResponsibilityClaimed,
				ResponsibilityWords: "Claimed by Houthis.",
				Response:            claims.ResponseConfirmed,
				ResponseWords:       "Confirmed by British Embassy in Yemen, CENTCOM, 0 hours after the first report.",
				Independence:        "2 independent sources: British Embassy in Yemen, CENTCOM; not counted: Houthi military spokesman (claims responsibility).",
				Reasons:             []string{"Sources disagree on killed: 2 (British Embassy in Yemen) vs 3 (CENTCOM) (reviewed)"},
				Suggested:           "Confirmed: confirmed by an official not on the attacker's side (British Embassy in Yemen, CENTCOM).",
				Buckets:             []string{BucketOfficial, BucketConfirmed},
			},
		}, {
			// Two Filipino dead fits both counts: the reviewed disagreement stays as it was.
			AsOf: "2024-03-07",
			Cites: []Cite{
				{Source: "Philippine Department of Migrant Workers", Stance: claims.StanceConfirms, On: "2024-03-07",
					Killed: Toll{Civ: "at least 2"}, Injured: Toll{Civ: "at least 2"}},
				{Source: "True Confidence's owners and manager", Stance: claims.StanceConfirms, On: "2024-03-07"},
			},
			Want: Outcome{
				Occurred:            claims.OccurredConfirmedByTarget,
				OccurredWords:       "Confirmed by the targeted side's officials: True Confidence's owners and manager.",
				Responsibility:      claims.ResponsibilityClaimed,
				ResponsibilityWords: "Claimed by Houthis.",
				Response:            claims.ResponseConfirmed,
				ResponseWords: "Confirmed by British Embassy in Yemen, CENTCOM, Philippine Department of Migrant Workers, " +
					"True Confidence's owners and manager, 0 hours after the first report.",
				Independence: "4 independent sources: British Embassy in Yemen, CENTCOM, Philippine Department of Migrant Workers, " +
					"True Confidence's owners and manager; not counted: Houthi military spokesman (claims responsibility).",
				Reasons:   []string{"Sources disagree on killed: 2 (British Embassy in Yemen) vs 3 (CENTCOM) (reviewed)"},
				Suggested: "Confirmed: confirmed by an official not on the attacker's side (True Confidence's owners and manager).",
				Buckets:   []string{BucketOfficial, BucketConfirmed},
			},
		}},
	},
	{
		// Drone and missile attack on Saudi Aramco's Abqaiq and Khurais facilities, 14 September 2019.
		// 14 Sep: the Houthi military spokesman Yahya Saree claimed it, with 10 drones. 14 Sep: the
		// Saudi interior ministry (via SPA): fires at the two Aramco facilities after drone attacks.
		// 14 Sep: US Secretary of State Pompeo blamed Iran: "There is no evidence the attacks came
		// from Yemen." 15 Sep: Iran's foreign ministry spokesman Abbas Mousavi rejected the
		// accusation. 18 Sep: the Saudi defence ministry spokesman Turki al-Maliki: 18 drones and
		// 7 cruise missiles, "unquestionably sponsored by Iran".
		Name: "Abqaiq", Title: "Drones strike Saudi Aramco's Abqaiq and Khurais facilities",
		Place: "Abqaiq and Khurais", Country: "Saudi Arabia", OccurredOn: "2019-09-14", AttackType: "drone",
		Parties: []Party{pHouthis, pIran, pUS, {"Saudi Arabia", claims.PartyState, ""}},
		Sources: []Source{
			{"Houthi military spokesman", "Houthis", claims.RelationVoice},
			{"Saudi Interior Ministry", "Saudi Arabia", claims.RelationVoice},
			{"US Department of State", "United States", claims.RelationVoice},
			{"Iran's foreign ministry", "Iran", claims.RelationVoice},
			{"Saudi Ministry of Defence", "Saudi Arabia", claims.RelationVoice},
		},
		Attackers: []string{"Houthis", "Iran"},
		Targets:   []string{"Saudi Arabia"},
		Stages: []Stage{{
			AsOf: "2019-09-14",
			Cites: []Cite{
				{Source: "Houthi military spokesman", Stance: claims.StanceClaimsResponsibility, On: "2019-09-14", Weapon: claims.WeaponDrone, WeaponText: "drones", Launched: "10"},
				{Source: "Saudi Interior Ministry", Stance: claims.StanceConfirms, On: "2019-09-14", Weapon: claims.WeaponDrone, WeaponText: "drones"},
				{Source: "US Department of State", Stance: claims.StanceConfirms, On: "2019-09-14", Blames: "Iran",
					Quote: "There is no evidence the attacks came from Yemen."},
			},
			Want: Outcome{
				Occurred:            claims.OccurredConfirmedByTarget,
				OccurredWords:       "Confirmed by the targeted side's officials: Saudi Interior Ministry.",
				Responsibility:      claims.ResponsibilityClaimed,
				ResponsibilityWords: "Claimed by Houthis. Officials attribute it: US Department of State blames Iran.",
				Response:            claims.ResponseConfirmed,
				ResponseWords:       "Confirmed by Saudi Interior Ministry, US Department of State, 0 hours after the first report.",
				Independence:        "2 independent sources: Saudi Interior Ministry, US Department of State; not counted: Houthi military spokesman (claims responsibility).",
				Reasons:             []string{"US Department of State blames Iran, but responsibility is claimed by Houthis"},
				Suggested:           "Disputed: 1 open disagreement.",
				Buckets:             []string{BucketOfficial, BucketContested, BucketUnverified},
			},
		}, {
			AsOf: "2019-09-18",
			Note: "Who launched it is disputed: the Houthis claim it, the US and Saudi Arabia blame Iran.",
			Cites: []Cite{
				{Source: "Iran's foreign ministry", Stance: claims.StanceDenies, Scope: claims.DeniesResponsibility, On: "2019-09-15"},
				{Source: "Saudi Ministry of Defence", Stance: claims.StanceConfirms, On: "2019-09-18", Blames: "Iran",
					WeaponText: "18 drones and 7 cruise missiles", Launched: "25"},
			},
			Verdict: claims.VerdictDisputed,
			Want: Outcome{
				Occurred:            claims.OccurredConfirmedByTarget,
				OccurredWords:       "Confirmed by the targeted side's officials: Saudi Interior Ministry, Saudi Ministry of Defence.",
				Responsibility:      claims.ResponsibilityClaimed,
				ResponsibilityWords: "Claimed by Houthis. Officials attribute it: US Department of State blames Iran; Saudi Ministry of Defence blames Iran.",
				Response:            claims.ResponseConfirmed,
				ResponseWords:       "Confirmed by Saudi Interior Ministry, US Department of State, Saudi Ministry of Defence, 0 hours after the first report.",
				Independence: "2 independent sources: Saudi Interior Ministry, US Department of State; not counted: Houthi military spokesman (claims responsibility), " +
					"Iran's foreign ministry (disputes responsibility), Saudi Ministry of Defence (speaks for Saudi Arabia, already counted through Saudi Interior Ministry).",
				// One disagreement (Iran blamed, the Houthis claim), held by two officials.
				Reasons: []string{
					"Iran's foreign ministry disputes responsibility",
					"Sources disagree on launched: 10 (Houthi military spokesman) vs 25 (Saudi Ministry of Defence)",
					"US Department of State, Saudi Ministry of Defence blames Iran, but responsibility is claimed by Houthis",
				},
				Suggested: "Disputed: 3 open disagreements.",
				Buckets:   []string{BucketOfficial, BucketContested, BucketDisputed},
			},
		}},
	},
	{
		// The tanker Kokuka Courageous, Gulf of Oman, 13 June 2019.
		// 13 Jun: Secretary of State Pompeo: the assessment of the US government is that Iran is
		// responsible. 13 Jun: CENTCOM released video it said showed an IRGC boat removing an
		// unexploded limpet mine from the Kokuka Courageous. 13 Jun: Iran's mission to the UN
		// rejected the US claim. 14 Jun: Kokuka Sangyo's president Yutaka Katada said the crew saw
		// "flying objects" before the second blast and doubted a mine.
		Name: "KokukaCourageous", Title: "Tanker Kokuka Courageous attacked in the Gulf of Oman",
		Place: "Gulf of Oman", Country: "Oman", OccurredOn: "2019-06-13", AttackType: "other",
		Parties: []Party{pIran, pUS, pUSForces, {"Kokuka Sangyo", claims.PartyOther, ""}},
		Sources: []Source{
			{"US Department of State", "United States", claims.RelationVoice},
			{"CENTCOM", "US forces", claims.RelationVoice},
			{"Iran's mission to the UN", "Iran", claims.RelationVoice},
			{"Kokuka Sangyo", "Kokuka Sangyo", claims.RelationVoice},
		},
		Attackers: []string{"Iran"},
		Targets:   []string{"Kokuka Sangyo"},
		Stages: []Stage{{
			AsOf: "2019-06-14",
			Cites: []Cite{
				{Source: "US Department of State", Stance: claims.StanceConfirms, On: "2019-06-13", Blames: "Iran"},
				{Source: "CENTCOM", Stance: claims.StanceConfirms, On: "2019-06-13", Weapon: claims.WeaponOther, WeaponText: "limpet mine"},
				{Source: "Iran's mission to the UN", Stance: claims.StanceDenies, Scope: claims.DeniesResponsibility, On: "2019-06-13"},
				{Source: "Kokuka Sangyo", Stance: claims.StanceConfirms, On: "2019-06-14", WeaponText: "flying objects"},
			},
			Want: Outcome{
				Occurred:            claims.OccurredConfirmedByTarget,
				OccurredWords:       "Confirmed by the targeted side's officials: Kokuka Sangyo.",
				Responsibility:      claims.ResponsibilityAttributed,
				ResponsibilityWords: "Unclaimed; attributed by an official: US Department of State blames Iran.",
				Response:            claims.ResponseConfirmed,
				ResponseWords:       "Confirmed by US Department of State, CENTCOM, Kokuka Sangyo, 0 hours after the first report.",
				Independence: "2 independent sources: US Department of State, Kokuka Sangyo; not counted: " +
					"CENTCOM (speaks for US forces, already counted through US Department of State), Iran's mission to the UN (disputes responsibility).",
				// The ship's operator contradicts the mine: that is a disagreement on the weapon.
				Reasons: []string{
					"Iran's mission to the UN disputes responsibility",
					"Sources disagree on the weapon: limpet mine (CENTCOM) vs flying objects (Kokuka Sangyo)",
				},
				Suggested: "Disputed: 2 open disagreements.",
				Buckets:   []string{BucketOfficial, BucketContested, BucketUnverified},
			},
			Engine: &Outcome{
				Reasons:   []string{"Iran's mission to the UN disputes responsibility"},
				Suggested: "Disputed: 1 open disagreement.",
			},
			Why: "Figures, weapon: \"A weapon given only in words is shown but not compared\", and the vocabulary has no " +
				"mine: CENTCOM's limpet mine can only be `other`, and the operator's \"flying objects\" fits no category, " +
				"so the two accounts of the weapon never meet (and two `other` weapons would not conflict either).",
		}, {
			AsOf:   "2019-06-15",
			Note:   "Iran denies the US attribution: recorded, not settled.",
			Review: []string{"Iran's mission to the UN disputes responsibility"},
			Want: Outcome{
				Occurred:            claims.OccurredConfirmedByTarget,
				OccurredWords:       "Confirmed by the targeted side's officials: Kokuka Sangyo.",
				Responsibility:      claims.ResponsibilityAttributed,
				ResponsibilityWords: "Unclaimed; attributed by an official: US Department of State blames Iran.",
				Response:            claims.ResponseConfirmed,
				ResponseWords:       "Confirmed by US Department of State, CENTCOM, Kokuka Sangyo, 0 hours after the first report.",
				Independence: "2 independent sources: US Department of State, Kokuka Sangyo; not counted: " +
					"CENTCOM (speaks for US forces, already counted through US Department of State), Iran's mission to the UN (disputes responsibility).",
				Reasons: []string{
					"Iran's mission to the UN disputes responsibility (reviewed)",
					"Sources disagree on the weapon: limpet mine (CENTCOM) vs flying objects (Kokuka Sangyo)",
				},
				Suggested: "Disputed: 1 open disagreement.",
				Buckets:   []string{BucketOfficial, BucketContested, BucketUnverified},
			},
			Engine: &Outcome{
				Reasons:   []string{"Iran's mission to the UN disputes responsibility (reviewed)"},
				Suggested: "Confirmed: confirmed by an official not on the attacker's side (Kokuka Sangyo).",
				Buckets:   []string{BucketOfficial, BucketUnverified},
			},
			Why: "as above: with the weapon not compared, nothing stays open, and the claim leaves the contested bucket.",
		}},
	},
	{
		// The Houthi claim to have struck the USS Dwight D. Eisenhower, 31 May 2024.
		// 31 May: the Houthi military spokesman Yahya Saree said missiles were fired at the
		// Eisenhower in the Red Sea; a US defense official told Business Insider it was untrue.
		// 1 Jun: Saree repeated the claim, "missiles and drones". 5 Jun: CENTCOM: "There is no
		// truth to the Houthi claim of striking the USS Eisenhower or any U.S. Navy vessel."
		// 22 Jun: Reuters, two US officials on a later Houthi claim against the Eisenhower
		// ("That is incorrect"): attached here by mistake, then withdrawn.
		Name: "Eisenhower", Title: "Houthis say they struck the aircraft carrier USS Dwight D. Eisenhower",
		Place: "Red Sea", Country: "Yemen", OccurredOn: "2024-05-31", AttackType: "missile",
		Parties: []Party{pHouthis, pUS, pUSForces},
		Sources: []Source{
			{"Houthi military spokesman", "Houthis", claims.RelationVoice},
			{"Business Insider", "", claims.RelationIndependent},
			{"CENTCOM", "US forces", claims.RelationVoice},
			{"Reuters", "", claims.RelationIndependent},
		},
		Attackers: []string{"Houthis"},
		Targets:   []string{"US forces"},
		Stages: []Stage{{
			AsOf: "2024-06-02",
			Cites: []Cite{
				{Source: "Houthi military spokesman", Stance: claims.StanceClaimsResponsibility, On: "2024-05-31", Weapon: claims.WeaponMissile},
				{Source: "Business Insider", Stance: claims.StanceDenies, Scope: claims.DeniesEvent, RelaysParty: "United States", On: "2024-05-31"},
				{Source: "Houthi military spokesman", Stance: claims.StanceClaimsResponsibility, On: "2024-06-01", WeaponText: "missiles and drones"},
			},
			Want: Outcome{
				Occurred:            claims.OccurredSingleSource,
				OccurredWords:       "Single source: no independent source reports it.",
				Responsibility:      claims.ResponsibilityClaimed,
				ResponsibilityWords: "Claimed by Houthis.",
				Response:            claims.ResponseNoneYet,
				ResponseWords:       "No official response yet, 2 days since the first report.",
				Independence:        "No independent source; not counted: Houthi military spokesman (claims responsibility), Business Insider (denies it happened).",
				Reasons:             []string{"Business Insider denies it happened"},
				Timelines:           []string{"Houthi military spokesman, the weapon: missile (31 May) → missiles and drones (1 Jun)"},
				Suggested:           "Disputed: 1 open disagreement.",
				Buckets:             []string{BucketContested, BucketUnverified, BucketAwaiting},
			},
		}, {
			// An anonymous official is noted, not weighed as the Pentagon's word.
			AsOf:   "2024-06-03",
			Note:   "An anonymous official relayed by Business Insider, not the Pentagon's word.",
			Review: []string{"Business Insider denies it happened"},
			Want: Outcome{
				Occurred:            claims.OccurredSingleSource,
				OccurredWords:       "Single source: no independent source reports it.",
				Responsibility:      claims.ResponsibilityClaimed,
				ResponsibilityWords: "Claimed by Houthis.",
				Response:            claims.ResponseNoneYet,
				ResponseWords:       "No official response yet, 3 days since the first report.",
				Independence:        "No independent source; not counted: Houthi military spokesman (claims responsibility), Business Insider (denies it happened).",
				Reasons:             []string{"Business Insider denies it happened (reviewed)"},
				Timelines:           []string{"Houthi military spokesman, the weapon: missile (31 May) → missiles and drones (1 Jun)"},
				Suggested:           "Unverified: no independent source reports it.",
				Buckets:             []string{BucketUnverified, BucketAwaiting},
			},
		}, {
			AsOf: "2024-06-05",
			Note: "CENTCOM denies it on the record, and no independent report describes a strike.",
			Cites: []Cite{
				{Source: "CENTCOM", Stance: claims.StanceDenies, Scope: claims.DeniesEvent, On: "2024-06-05",
					Quote: "There is no truth to the Houthi claim of striking the USS Eisenhower or any U.S. Navy vessel."},
			},
			Verdict: claims.VerdictFalse,
			Want: Outcome{
				Occurred:            claims.OccurredDenied,
				OccurredWords:       "Officially denied: CENTCOM says it did not happen.",
				Responsibility:      claims.ResponsibilityClaimed,
				ResponsibilityWords: "Claimed by Houthis.",
				Response:            claims.ResponseDenied,
				ResponseWords:       "Denied by CENTCOM, 5 days after the first report.",
				Independence: "No independent source; not counted: Houthi military spokesman (claims responsibility), Business Insider (denies it happened), " +
					"CENTCOM (denies it happened).",
				Reasons: []string{
					"Business Insider denies it happened (reviewed)",
					"CENTCOM denies it happened: “There is no truth to the Houthi claim of striking the USS Eisenhower or any U.S. Navy vessel.”",
				},
				Timelines: []string{"Houthi military spokesman, the weapon: missile (31 May) → missiles and drones (1 Jun)"},
				Suggested: "False: officially denied by CENTCOM, and no independent source reports it.",
				Buckets:   []string{BucketContested, BucketFalse},
			},
		}, {
			AsOf: "2024-06-23",
			Note: "This Reuters report is about the Houthi claim of 22 June, not this one.",
			Cites: []Cite{
				{Ref: "reuters-22jun", Source: "Reuters", Stance: claims.StanceDenies, Scope: claims.DeniesEvent, RelaysParty: "United States",
					On: "2024-06-22", Quote: "That is incorrect"},
			},
			Withdraw: []string{"reuters-22jun"},
			Want: Outcome{
				Occurred:            claims.OccurredDenied,
				OccurredWords:       "Officially denied: CENTCOM says it did not happen.",
				Responsibility:      claims.ResponsibilityClaimed,
				ResponsibilityWords: "Claimed by Houthis.",
				Response:            claims.ResponseDenied,
				ResponseWords:       "Denied by CENTCOM, 5 days after the first report.",
				Independence: "No independent source; not counted: Houthi military spokesman (claims responsibility), Business Insider (denies it happened), " +
					"CENTCOM (denies it happened), Reuters (withdrawn).",
				Reasons: []string{
					"Business Insider denies it happened (reviewed)",
					"CENTCOM denies it happened: “There is no truth to the Houthi claim of striking the USS Eisenhower or any U.S. Navy vessel.”",
				},
				Timelines: []string{"Houthi military spokesman, the weapon: missile (31 May) → missiles and drones (1 Jun)"},
				Suggested: "False: officially denied by CENTCOM, and no independent source reports it.",
				Buckets:   []string{BucketContested, BucketFalse},
			},
		}, {
			// The desk weighs CENTCOM's denial and accepts it: the claim is still false.
			AsOf:   "2024-06-24",
			Note:   "CENTCOM's denial is on the record and nothing contradicts it.",
			Review: []string{"CENTCOM denies it happened"},
			Want: Outcome{
				Occurred:            claims.OccurredDenied,
				OccurredWords:       "Officially denied: CENTCOM says it did not happen.",
				Responsibility:      claims.ResponsibilityClaimed,
				ResponsibilityWords: "Claimed by Houthis.",
				Response:            claims.ResponseDenied,
				ResponseWords:       "Denied by CENTCOM, 5 days after the first report.",
				Independence: "No independent source; not counted: Houthi military spokesman (claims responsibility), Business Insider (denies it happened), " +
					"CENTCOM (denies it happened), Reuters (withdrawn).",
				Reasons: []string{
					"Business Insider denies it happened (reviewed)",
					"CENTCOM denies it happened: “There is no truth to the Houthi claim of striking the USS Eisenhower or any U.S. Navy vessel.” (reviewed)",
				},
				Timelines: []string{"Houthi military spokesman, the weapon: missile (31 May) → missiles and drones (1 Jun)"},
				Suggested: "False: officially denied by CENTCOM, and no independent source reports it.",
				Buckets:   []string{BucketFalse},
			},
			Engine: &Outcome{Suggested: "Unverified: no independent source reports it."},
			Why: "Suggested verdict, official_denial: it holds only while \"one of those officials' event denials is still open\"; " +
				"once the desk has reviewed (weighed and accepted) CENTCOM's denial, the suggestion falls through to thin.",
		}},
	},
	{
		// Suicide bombing at Quetta's Civil Hospital, Pakistan, 8 August 2016.
		// 8 Aug: Jamaat-ul-Ahrar, a faction of the Pakistani Taliban, claimed it (spokesman
		// Ehsanullah Ehsan, by email); the Islamic State claimed it through Amaq. 8 Aug: Balochistan's
		// home minister Sarfraz Bugti described the blast; Reuters, citing a senior official of the
		// government-run hospital: at least 70 killed, more than 112 wounded; Long War Journal: at
		// least 72 killed, more than 90 wounded; the US State Department condemned the attack.
		Name: "QuettaHospital", Title: "Suicide bombing at Quetta's Civil Hospital",
		Place: "Quetta", Country: "Pakistan", OccurredOn: "2016-08-08", AttackType: "other",
		Parties: []Party{pUS,
			{"Pakistan", claims.PartyState, ""},
			{"Government of Balochistan", claims.PartyState, "Pakistan"},
			{"Pakistani Taliban", claims.PartyArmedGroup, ""},
			{"Jamaat-ul-Ahrar", claims.PartyArmedGroup, "Pakistani Taliban"},
			{"Islamic State", claims.PartyArmedGroup, ""},
		},
		Sources: []Source{
			{"Jamaat-ul-Ahrar spokesman", "Jamaat-ul-Ahrar", claims.RelationVoice},
			{"Amaq", "Islamic State", claims.RelationAffiliated},
			{"Government of Balochistan", "Government of Balochistan", claims.RelationVoice},
			{"Reuters", "", claims.RelationIndependent},
			{"Long War Journal", "", claims.RelationIndependent},
			{"US Department of State", "United States", claims.RelationVoice},
		},
		Attackers: []string{"Jamaat-ul-Ahrar", "Islamic State"},
		Targets:   []string{"Pakistan"},
		Stages: []Stage{{
			// The claim as filed, before any citation.
			AsOf: "2016-08-08",
			Want: Outcome{
				Occurred:            claims.OccurredNoSources,
				OccurredWords:       "No sources yet.",
				Responsibility:      claims.ResponsibilityUnclaimed,
				ResponsibilityWords: "Unclaimed.",
				Response:            claims.ResponseNoneYet,
				ResponseWords:       "No official response yet.",
				Independence:        "No independent source.",
				Suggested:           "Unverified: no sources yet.",
				Buckets:             []string{BucketUnverified},
			},
		}, {
			AsOf: "2016-08-09",
			Note: "The provincial government confirms the bombing; who carried it out is disputed.",
			Cites: []Cite{
				{Source: "Jamaat-ul-Ahrar spokesman", Stance: claims.StanceClaimsResponsibility, On: "2016-08-08"},
				{Source: "Amaq", Stance: claims.StanceClaimsResponsibility, On: "2016-08-08"},
				{Source: "Government of Balochistan", Stance: claims.StanceConfirms, On: "2016-08-08"},
				{Source: "Reuters", Stance: claims.StanceReports, RelaysParty: "Government of Balochistan", On: "2016-08-08",
					Killed: Toll{Unk: "at least 70"}, Injured: Toll{Unk: "more than 112"}},
				{Source: "Long War Journal", Stance: claims.StanceReports, On: "2016-08-08", Killed: Toll{Unk: "at least 72"}, Injured: Toll{Unk: "more than 90"}},
				{Source: "US Department of State", Stance: claims.StanceConfirms, On: "2016-08-08"},
			},
			Verdict: claims.VerdictConfirmed,
			Want: Outcome{
				Occurred:            claims.OccurredConfirmedByTarget,
				OccurredWords:       "Confirmed by the targeted side's officials: Government of Balochistan.",
				Responsibility:      claims.ResponsibilityCompeting,
				ResponsibilityWords: "Competing claims: Jamaat-ul-Ahrar, Islamic State.",
				Response:            claims.ResponseConfirmed,
				ResponseWords:       "Confirmed by Government of Balochistan, US Department of State, 0 hours after the first report.",
				Independence: "3 independent sources: Government of Balochistan, Long War Journal, US Department of State; not counted: " +
					"Jamaat-ul-Ahrar spokesman (claims responsibility), Amaq (claims responsibility), " +
					"Reuters (speaks for Government of Balochistan, already counted through Government of Balochistan).",
				Reasons:   []string{"Responsibility claimed by more than one party: Jamaat-ul-Ahrar, Islamic State"},
				Suggested: "Disputed: 1 open disagreement.",
				Buckets:   []string{BucketOfficial, BucketContested, BucketConfirmed},
			},
		}},
	},
}

// Day is noon UTC of a YYYY-MM-DD day: the desk knows the day of each statement, not the hour.
func Day(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t.Add(12 * time.Hour)
}

// WithEngine is the stage's Want with the fields the engine gives otherwise put in: what
// the desk's pages show today.
func (st Stage) WithEngine() Outcome {
	o := st.Want
	e := st.Engine
	if e == nil {
		return o
	}
	if e.Occurred != "" {
		o.Occurred, o.OccurredWords = e.Occurred, e.OccurredWords
	}
	if e.Responsibility != "" {
		o.Responsibility, o.ResponsibilityWords = e.Responsibility, e.ResponsibilityWords
	}
	if e.Response != "" {
		o.Response, o.ResponseWords = e.Response, e.ResponseWords
	}
	if e.Independence != "" {
		o.Independence = e.Independence
	}
	if e.Reasons != nil {
		o.Reasons = e.Reasons
	}
	if e.Timelines != nil {
		o.Timelines = e.Timelines
	}
	if e.Suggested != "" {
		o.Suggested = e.Suggested
	}
	if e.Buckets != nil {
		o.Buckets = e.Buckets
	}
	return o
}
