package claims

import "testing"

func TestWeighEvidenceDenials(t *testing.T) {
	const jordanQuote = "The attack did not take place inside Jordan; it targeted the al-Tanf base in Syria"
	const erbilQuote = "There was no Mossad headquarters; the missiles killed four civilians in their home"
	runEvidence(t, []evCase{
		{
			// Tower 22, 28 January 2024: Jordan denied only where it happened.
			name:      "JordanDeniesTheLocationOfTower22",
			attackers: []PartyID{evIRI},
			targets:   []PartyID{evUS},
			cites: []evCite{
				said(1, evDoD, StanceConfirms).at(jan2024(28, 18)),
				said(2, evIRIOwn, StanceClaimsResponsibility).at(jan2024(28, 12)),
				said(3, evJordanGov, StanceDenies).denies(DeniesLocation, jordanQuote).at(jan2024(28, 15)),
			},
			occurred:       "Confirmed by the targeted side's officials: US DoD.",
			responsibility: "Claimed by Islamic Resistance in Iraq.",
			response:       "Confirmed by US DoD, Government of Jordan, 3 hours after the first report.",
			independence:   "1 independent source: US DoD; not counted: Islamic Resistance in Iraq (claims responsibility), Government of Jordan (disputes the location).",
			reasons:        []string{"Government of Jordan disputes the location: “" + jordanQuote + "”"},
			keys:           []string{"denial:location:3"},
			contested:      true,
			suggested:      "Disputed: 1 open disagreement.",
		},
		{
			// Erbil, 15 January 2024: the IRGC claimed a "Mossad headquarters"; the Kurdistan
			// Region's security council denied the target while giving four killed.
			name:      "KurdistanDeniesTheTargetOfTheErbilStrike",
			attackers: []PartyID{evIRGC},
			targets:   []PartyID{evIsrael},
			cites: []evCite{
				said(1, evIRGCOwn, StanceConfirms).weapon(WeaponBallisticMissile),
				said(2, evKRSC, StanceDenies).denies(DeniesTarget, erbilQuote).figures(FigureSet{Killed: Casualties{Civilian: fig("4")}}),
			},
			occurred:       "Confirmed by a neutral official: Kurdistan Region Security Council.",
			responsibility: "Claimed by IRGC.",
			response:       "Confirmed by Kurdistan Region Security Council.",
			independence:   "No independent source; not counted: IRGC (claims responsibility), Kurdistan Region Security Council (disputes the target).",
			reasons:        []string{"Kurdistan Region Security Council disputes the target: “" + erbilQuote + "”"},
			keys:           []string{"denial:target:2"},
			contested:      true,
			suggested:      "Disputed: 1 open disagreement.",
		},
		{
			name:      "TargetedSideDeniesTheEvent",
			attackers: []PartyID{evIRI},
			targets:   []PartyID{evUS},
			cites: []evCite{
				said(1, evMayadeen, StanceReports),
				said(2, evCENTCOM, StanceDenies),
			},
			occurred:     "Officially denied: CENTCOM says it did not happen.",
			response:     "Denied by CENTCOM.",
			independence: "1 independent source: Al Mayadeen; not counted: CENTCOM (denies it happened).",
			reasons:      []string{"CENTCOM denies it happened"},
			keys:         []string{"denial:event:2"},
			contested:    true,
			suggested:    "False: officially denied by CENTCOM, and only 1 independent source reports it.",
		},
		{
			name:      "NeutralOfficialDeniesTheEvent",
			attackers: []PartyID{evIRI},
			targets:   []PartyID{evUS},
			cites: []evCite{
				said(1, evMayadeen, StanceReports),
				said(2, evJordanGov, StanceDenies).denies(DeniesEvent, "No attack took place"),
			},
			occurred:  "Officially denied: Government of Jordan says it did not happen.",
			reasons:   []string{"Government of Jordan denies it happened: “No attack took place”"},
			contested: true,
			suggested: "False: officially denied by Government of Jordan, and only 1 independent source reports it.",
		},
		{
			name:      "DenialOfTheEventAgainstCorroborationIsDisputed",
			attackers: []PartyID{evIRI},
			targets:   []PartyID{evUS},
			cites: []evCite{
				said(1, evAP, StanceReports),
				said(2, evSOHR, StanceReports),
				said(3, evCENTCOM, StanceDenies),
			},
			occurred:  "Officially denied: CENTCOM says it did not happen.",
			reasons:   []string{"CENTCOM denies it happened"},
			contested: true,
			suggested: "Disputed: 1 open disagreement.",
		},
		{
			name:      "AttackersDenialIsNotAnOfficialDenial",
			attackers: []PartyID{evIRGC},
			targets:   []PartyID{evIsrael},
			cites: []evCite{
				said(1, evAP, StanceReports),
				said(2, evIranFM, StanceDenies),
			},
			occurred:  "Single source: only 1 independent source reports it.",
			response:  "No official response yet.",
			reasons:   []string{"Iran's foreign ministry denies it happened"},
			contested: true,
		},
		{
			name:      "IndependentOutletsDenialIsNotOfficial",
			attackers: []PartyID{evIRI},
			targets:   []PartyID{evUS},
			cites:     []evCite{said(1, evMayadeen, StanceReports), said(2, evAP, StanceDenies)},
			occurred:  "Single source: only 1 independent source reports it.",
			reasons:   []string{"AP denies it happened"},
			contested: true,
		},
		{
			name:      "DenialWithoutScopeIsOfTheEvent",
			targets:   []PartyID{evUS},
			cites:     []evCite{said(1, evCENTCOM, StanceDenies)},
			occurred:  "Officially denied: CENTCOM says it did not happen.",
			reasons:   []string{"CENTCOM denies it happened"},
			contested: true,
			suggested: "False: officially denied by CENTCOM, and no independent source reports it.",
		},
		{
			name:           "AccusedDeniesResponsibility",
			attackers:      []PartyID{evIRGC},
			targets:        []PartyID{evUS},
			cites:          []evCite{said(1, evCENTCOM, StanceConfirms).blames(evIRGC), said(2, evIranFM, StanceDenies).denies(DeniesResponsibility, "")},
			occurred:       "Confirmed by the targeted side's officials: CENTCOM.",
			responsibility: "Unclaimed; attributed by an official: CENTCOM blames IRGC.",
			reasons:        []string{"Iran's foreign ministry disputes responsibility"},
			contested:      true,
		},
	})
}
