package claims

import "testing"

func TestWeighEvidenceIndependence(t *testing.T) {
	runEvidence(t, []evCase{
		{
			name:      "ConocoWithAlMayadeenRelayingTheGroup",
			attackers: []PartyID{evIRI},
			targets:   []PartyID{evUS},
			cites: []evCite{
				said(1, evAP, StanceReports),
				said(2, evPolitico, StanceReports).relays(evUS),
				said(3, evMayadeen, StanceReports).relays(evIRI),
				said(4, evIRIOwn, StanceClaimsResponsibility),
				said(5, evSOHR, StanceReports),
			},
			independence: "3 independent sources: AP, Politico, SOHR; not counted: Al Mayadeen (relays Islamic Resistance in Iraq), Islamic Resistance in Iraq (claims responsibility).",
			occurred:     "Corroborated by 3 independent sources.",
			suggested:    "Confirmed: corroborated by 3 independent sources.",
		},
		{
			name:         "OneSourceIsSingular",
			cites:        []evCite{said(1, evAP, StanceReports)},
			independence: "1 independent source: AP.",
			occurred:     "Single source: only 1 independent source reports it.",
		},
		{
			name:         "SameSourceTwiceCountsOnce",
			cites:        []evCite{said(1, evAP, StanceReports), said(2, evAP, StanceReports)},
			independence: "1 independent source: AP.",
		},
		{
			name:      "SourcesOfOnePartyCountOnce",
			attackers: []PartyID{evIRI},
			targets:   []PartyID{evUS},
			cites: []evCite{
				said(1, evAP, StanceReports).relays(evUS),
				said(2, evPolitico, StanceReports).relays(evUS),
				said(3, evCENTCOM, StanceConfirms),
			},
			independence: "1 independent source: AP; not counted: Politico (speaks for United States, already counted through AP), CENTCOM (speaks for US forces, already counted through AP).",
		},
		{
			name:         "RelayedSourceCountsOnce",
			cites:        []evCite{said(1, evNewArab, StanceReports).relaysSource(evSOHR), said(2, evSOHR, StanceReports)},
			independence: "1 independent source: The New Arab; not counted: SOHR (already counted through The New Arab, which relays it).",
		},
		{
			name:         "TwoOutletsRelayingOneSourceCountOnce",
			cites:        []evCite{said(1, evNewArab, StanceReports).relaysSource(evSOHR), said(2, evAP, StanceReports).relaysSource(evSOHR)},
			independence: "1 independent source: The New Arab; not counted: AP (relays SOHR, already counted through The New Arab).",
		},
		{
			name:         "AttackersOwnMediaIsNotCorroboration",
			attackers:    []PartyID{evHezbollah},
			targets:      []PartyID{evUS},
			cites:        []evCite{said(1, evMayadeen, StanceReports), said(2, evAP, StanceReports)},
			independence: "1 independent source: AP; not counted: Al Mayadeen (speaks for Hezbollah, on the attacker's side).",
		},
		{
			name:         "ClaimantsMemberGroupsMediaIsAttackerSide",
			attackers:    []PartyID{evIRI},
			cites:        []evCite{said(1, evAP, StanceReports).relays(evKH)},
			independence: "No independent source; not counted: AP (relays Kataib Hezbollah).",
		},
		{
			name:         "DeniersAreNotCorroboration",
			targets:      []PartyID{evUS},
			cites:        []evCite{said(1, evAP, StanceReports), said(2, evJordanGov, StanceDenies).denies(DeniesLocation, "")},
			independence: "1 independent source: AP; not counted: Government of Jordan (disputes the location).",
			reasons:      []string{"Government of Jordan disputes the location"},
			contested:    true,
		},
	})
}
