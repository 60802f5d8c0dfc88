package claims

import "testing"

func TestWeighEvidenceAxes(t *testing.T) {
	runEvidence(t, []evCase{
		{
			name:           "NoSources",
			occurred:       "No sources yet.",
			responsibility: "Unclaimed.",
			response:       "No official response yet.",
			independence:   "No independent source.",
			suggested:      "Unverified: no sources yet.",
		},
		{
			name:         "TargetedSideOfficialConfirms",
			attackers:    []PartyID{evIRI},
			targets:      []PartyID{evUS},
			cites:        []evCite{said(1, evCENTCOM, StanceConfirms)},
			occurred:     "Confirmed by the targeted side's officials: CENTCOM.",
			response:     "Confirmed by CENTCOM.",
			independence: "1 independent source: CENTCOM.",
			suggested:    "Confirmed: confirmed by an official not on the attacker's side (CENTCOM).",
		},
		{
			name:         "NeutralOfficialConfirms",
			attackers:    []PartyID{evIRI},
			targets:      []PartyID{evUS},
			cites:        []evCite{said(1, evJordanGov, StanceConfirms), said(2, evAP, StanceReports)},
			occurred:     "Confirmed by a neutral official: Government of Jordan.",
			response:     "Confirmed by Government of Jordan.",
			independence: "2 independent sources: Government of Jordan, AP.",
			suggested:    "Confirmed: confirmed by an official not on the attacker's side (Government of Jordan).",
		},
		{
			name:           "AttackerOfficialConfirmsIsClaimedNotConfirmed",
			attackers:      []PartyID{evIRGC},
			targets:        []PartyID{evIsrael},
			cites:          []evCite{said(1, evIRGCOwn, StanceConfirms)},
			occurred:       "Single source: no independent source reports it.",
			responsibility: "Claimed by IRGC.",
			response:       "No official response yet.",
			independence:   "No independent source; not counted: IRGC (claims responsibility).",
			suggested:      "Unverified: no independent source reports it.",
		},
		{
			name:           "AttackerStateBodyConfirmsIsClaimed",
			attackers:      []PartyID{evIRGC},
			targets:        []PartyID{evIsrael},
			cites:          []evCite{said(1, evIranFM, StanceConfirms)},
			occurred:       "Single source: no independent source reports it.",
			responsibility: "Claimed by Iran.",
			response:       "No official response yet.",
		},
		{
			name:           "USAttributesToIranBackedGroups",
			targets:        []PartyID{evUS},
			cites:          []evCite{said(1, evCENTCOM, StanceConfirms).blames(evIranBacked)},
			occurred:       "Confirmed by the targeted side's officials: CENTCOM.",
			responsibility: "Unclaimed; attributed by an official: CENTCOM blames Iran-backed militias.",
		},
		{
			name:           "AttributionMatchingTheClaimant",
			targets:        []PartyID{evUS},
			cites:          []evCite{said(1, evCENTCOM, StanceConfirms).blames(evIranBacked), said(2, voiceOf(evKH), StanceClaimsResponsibility)},
			responsibility: "Claimed by Kataib Hezbollah. Officials attribute it: CENTCOM blames Iran-backed militias.",
		},
		{
			name:           "AttributionAgainstTheClaimant",
			targets:        []PartyID{evUS},
			cites:          []evCite{said(1, evCENTCOM, StanceConfirms).blames(evKH), said(2, evWarOwn, StanceClaimsResponsibility)},
			responsibility: "Claimed by Tashkil al-Waritheen. Officials attribute it: CENTCOM blames Kataib Hezbollah.",
			reasons:        []string{"CENTCOM blames Kataib Hezbollah, but responsibility is claimed by Tashkil al-Waritheen"},
			keys:           []string{"attribution:p11:p12"},
			contested:      true,
			suggested:      "Disputed: 1 open disagreement.",
		},
		{
			name:           "TwoGroupsClaimCompete",
			targets:        []PartyID{evUS},
			cites:          []evCite{said(1, evIRIOwn, StanceClaimsResponsibility), said(2, evWarOwn, StanceClaimsResponsibility), said(3, evIRIOwn, StanceClaimsResponsibility)},
			responsibility: "Competing claims: Islamic Resistance in Iraq, Tashkil al-Waritheen.",
			independence:   "No independent source; not counted: Islamic Resistance in Iraq (claims responsibility), Tashkil al-Waritheen (claims responsibility).",
			reasons:        []string{"Responsibility claimed by more than one party: Islamic Resistance in Iraq, Tashkil al-Waritheen"},
			keys:           []string{"claims:p10|p12"},
			contested:      true,
		},
		{
			name:           "GroupAndItsUmbrellaDoNotCompete",
			targets:        []PartyID{evUS},
			cites:          []evCite{said(1, evIRIOwn, StanceClaimsResponsibility), said(2, voiceOf(evKH), StanceClaimsResponsibility)},
			responsibility: "Claimed by Islamic Resistance in Iraq, Kataib Hezbollah.",
		},
		{
			name:           "AffiliatedMediaRelaysAClaim",
			targets:        []PartyID{evUS},
			cites:          []evCite{said(1, evMayadeen, StanceClaimsResponsibility).relays(evIRI)},
			responsibility: "Claimed by Islamic Resistance in Iraq.",
			independence:   "No independent source; not counted: Al Mayadeen (claims responsibility).",
		},
		{
			name:      "NoOfficialResponseHoursSinceFirstReport",
			attackers: []PartyID{evIRI},
			targets:   []PartyID{evUS},
			cites:     []evCite{said(1, evMayadeen, StanceReports).at(oct2023(19, 8)), said(2, evAP, StanceReports).relays(evUS).at(oct2023(19, 11))},
			now:       oct2023(19, 22),
			response:  "No official response yet, 14 hours since the first report.",
			occurred:  "Corroborated by 2 independent sources.",
		},
		{
			name:      "OfficialResponseHoursAfterFirstReport",
			attackers: []PartyID{evIRI},
			targets:   []PartyID{evUS},
			cites: []evCite{
				said(1, evMayadeen, StanceReports).at(oct2023(18, 20)),
				said(2, evCENTCOM, StanceConfirms).at(oct2023(19, 16)),
				said(3, evCENTCOM, StanceConfirms).at(oct2023(19, 17)),
			},
			now:      oct2023(20, 9),
			response: "Confirmed by CENTCOM, 20 hours after the first report.",
		},
		{
			name:     "OneHourSingular",
			targets:  []PartyID{evUS},
			cites:    []evCite{said(1, evAP, StanceReports).at(oct2023(19, 8))},
			now:      oct2023(19, 9),
			response: "No official response yet, 1 hour since the first report.",
		},
		{
			name:     "UndatedCitationsGiveNoHours",
			targets:  []PartyID{evUS},
			cites:    []evCite{said(1, evAP, StanceReports)},
			now:      oct2023(19, 9),
			response: "No official response yet.",
		},
		{
			name:         "WithdrawnCitationIsIgnored",
			targets:      []PartyID{evUS},
			cites:        []evCite{said(1, evCENTCOM, StanceConfirms).withdrawn(), said(2, evAP, StanceReports)},
			occurred:     "Single source: only 1 independent source reports it.",
			response:     "No official response yet.",
			independence: "1 independent source: AP; not counted: CENTCOM (withdrawn).",
			suggested:    "Unverified: only 1 independent source reports it.",
		},
	})
}

// voiceOf is a party's own voice as a source, for parties the fixtures name no source for.
func voiceOf(p PartyID) evSource {
	for _, x := range evParties {
		if x.ID == p {
			return evSource{100 + int64(p), x.Name, p, RelationVoice}
		}
	}
	panic("no such party")
}

func TestWeighEvidenceLeavesItsInputAlone(t *testing.T) {
	attackers := make([]PartyID, 1, 4)
	attackers[0] = evIRGC
	spare := attackers[:4]
	spare[1] = 99
	in := EvidenceInput{Parties: evParties, Attackers: attackers, Targets: []PartyID{evUS},
		Citations: []CitedStatement{CitedStatement(said(1, evIRIOwn, StanceClaimsResponsibility))}}
	WeighEvidence(in)
	if spare[1] != 99 || len(in.Attackers) != 1 {
		t.Errorf("WeighEvidence wrote into the caller's attackers: %v", spare)
	}
}

func TestDuration(t *testing.T) {
	for hours, want := range map[int]string{0: "0 hours", 1: "1 hour", 47: "47 hours", 48: "2 days", 24*59 + 23: "59 days",
		24 * 60: "about 2 months", 24 * 400: "about 13 months", 27120: "about 3 years"} {
		if got := Duration(hours); got != want {
			t.Errorf("Duration(%d) = %q, want %q", hours, got, want)
		}
	}
}
