package claims

import "testing"

// The cases of /work/shared/seeds: US bases in Syria and Iraq, 18-19 October 2023.
func TestWeighEvidenceSeedReports(t *testing.T) {
	const harirQuote = "an “armed” drone crashed yesterday in a “desert” area, without causing any injuries"
	runEvidence(t, []evCase{
		{
			// An anonymous US official told AP two drones came (one intercepted, one injured
			// a few); Al Mayadeen had earlier said three. Nobody claimed it; nothing official.
			name:      "AlTanf",
			attackers: []PartyID{evIranBacked},
			targets:   []PartyID{evUS},
			cites: []evCite{
				said(1, evMayadeen, StanceReports).figures(FigureSet{Weapon: WeaponReport{Category: WeaponDrone}, Launched: fig("3")}).at(oct2023(19, 10)),
				said(2, evAP, StanceReports).relays(evUS).figures(FigureSet{
					Weapon: WeaponReport{Category: WeaponDrone}, Launched: fig("2"), Intercepted: fig("1"),
					Injured: Casualties{Military: fig("a few")},
				}).at(oct2023(19, 18)),
			},
			now:            oct2023(20, 10),
			occurred:       "Corroborated by 2 independent sources.",
			responsibility: "Unclaimed.",
			response:       "No official response yet, 24 hours since the first report.",
			independence:   "2 independent sources: Al Mayadeen, AP.",
			reasons:        []string{"Sources disagree on launched: 3 (Al Mayadeen) vs 2 (AP)"},
			keys:           []string{"figure:launched:2|3"},
			contested:      true,
			suggested:      "Disputed: 1 open disagreement.",
		},
		{
			// Politico cited a US official; Al Mayadeen reported a missile attack; the Islamic
			// Resistance in Iraq claimed it; SOHR heard explosions. "No official verification."
			name:      "Conoco",
			attackers: []PartyID{evIRI},
			targets:   []PartyID{evUS},
			cites: []evCite{
				said(1, evMayadeen, StanceReports).weapon(WeaponMissile).at(oct2023(19, 9)),
				said(2, evIRIOwn, StanceClaimsResponsibility).at(oct2023(19, 11)),
				said(3, evPolitico, StanceReports).relays(evUS).at(oct2023(19, 20)),
				said(4, evSOHR, StanceReports).at(oct2023(19, 21)),
			},
			now:            oct2023(20, 9),
			occurred:       "Corroborated by 3 independent sources.",
			responsibility: "Claimed by Islamic Resistance in Iraq.",
			response:       "No official response yet, 24 hours since the first report.",
			independence:   "3 independent sources: Al Mayadeen, Politico, SOHR; not counted: Islamic Resistance in Iraq (claims responsibility).",
			suggested:      "Confirmed: corroborated by 3 independent sources.",
		},
		{
			// The groups claimed a drone attack on Al Harir; Kurdistan's counter-terrorism
			// service said a drone crashed in the desert and hurt nobody.
			name:      "Harir",
			attackers: []PartyID{evIRI},
			targets:   []PartyID{evUS},
			cites: []evCite{
				said(1, evIRIOwn, StanceClaimsResponsibility).weapon(WeaponDrone),
				said(2, evKurdCTS, StanceDenies).denies(DeniesTarget, harirQuote).figures(FigureSet{
					Weapon: WeaponReport{Category: WeaponDrone}, Injured: Casualties{Unknown: fig("none")},
				}),
			},
			occurred:       "Confirmed by a neutral official: Kurdistan Counter-Terrorism Service.",
			responsibility: "Claimed by Islamic Resistance in Iraq.",
			independence:   "No independent source; not counted: Islamic Resistance in Iraq (claims responsibility), Kurdistan Counter-Terrorism Service (disputes the target).",
			reasons:        []string{"Kurdistan Counter-Terrorism Service disputes the target: “" + harirQuote + "”"},
			contested:      true,
			suggested:      "Disputed: 1 open disagreement.",
		},
		{
			// CENTCOM confirmed Iran-backed militias targeted US and coalition troops at al-Asad;
			// the Islamic Resistance in Iraq, one of them, claimed it.
			name:      "AlAsad",
			attackers: []PartyID{evIranBacked},
			targets:   []PartyID{evUS},
			cites: []evCite{
				said(1, evCENTCOM, StanceConfirms).blames(evIranBacked).weapon(WeaponDrone),
				said(2, evIRIOwn, StanceClaimsResponsibility),
			},
			occurred:       "Confirmed by the targeted side's officials: CENTCOM.",
			responsibility: "Claimed by Islamic Resistance in Iraq. Officials attribute it: CENTCOM blames Iran-backed militias.",
			suggested:      "Confirmed: confirmed by an official not on the attacker's side (CENTCOM).",
		},
	})
}
