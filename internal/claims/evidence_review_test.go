package claims

import (
	"reflect"
	"testing"
)

func TestWeighEvidenceReviews(t *testing.T) {
	launched := func(s string) FigureSet { return FigureSet{Launched: fig(s)} }
	weighed := []evCite{
		said(1, evAP, StanceReports).figures(launched("2")),
		said(2, evMayadeen, StanceReports).figures(launched("3")),
		said(3, evCENTCOM, StanceConfirms),
	}
	runEvidence(t, []evCase{
		{
			name:      "OpenContest",
			targets:   []PartyID{evUS},
			cites:     weighed,
			reasons:   []string{"Sources disagree on launched: 2 (AP) vs 3 (Al Mayadeen)"},
			keys:      []string{"figure:launched:2|3"},
			contested: true,
			suggested: "Disputed: 1 open disagreement.",
		},
		{
			name:      "ReviewedContestClears",
			targets:   []PartyID{evUS},
			cites:     weighed,
			reviewed:  []string{"figure:launched:2|3"},
			reasons:   []string{"Sources disagree on launched: 2 (AP) vs 3 (Al Mayadeen) (reviewed)"},
			contested: false,
			suggested: "Confirmed: confirmed by an official not on the attacker's side (CENTCOM).",
		},
		{
			name:      "NewValueReopens",
			targets:   []PartyID{evUS},
			cites:     append(weighed[:3:3], said(4, evReuters, StanceReports).figures(launched("4"))),
			reviewed:  []string{"figure:launched:2|3"},
			reasons:   []string{"Sources disagree on launched: 2 (AP) vs 3 (Al Mayadeen) vs 4 (Reuters)"},
			keys:      []string{"figure:launched:2|3|4"},
			contested: true,
		},
		{
			name:      "SourceRevisingIntoTheDisagreementReopens",
			targets:   []PartyID{evUS},
			cites:     append(weighed[:3:3], said(4, evAP, StanceReports).figures(launched("1")).at(oct2023(20, 9))),
			reviewed:  []string{"figure:launched:2|3"},
			reasons:   []string{"Sources disagree on launched: 1 (AP) vs 3 (Al Mayadeen)"},
			keys:      []string{"figure:launched:1|3"},
			timelines: []string{"AP, launched: 2 (undated) → 1 (20 Oct)"},
			contested: true,
		},
		{
			name:      "SameValueAgainStaysReviewed",
			targets:   []PartyID{evUS},
			cites:     append(weighed[:3:3], said(4, evReuters, StanceReports).figures(launched("3"))),
			reviewed:  []string{"figure:launched:2|3"},
			reasons:   []string{"Sources disagree on launched: 2 (AP) vs 3 (Al Mayadeen, Reuters) (reviewed)"},
			contested: false,
		},
		{
			name:      "ReviewOfOneReasonLeavesAnotherOpen",
			targets:   []PartyID{evUS},
			cites:     append(weighed[:3:3], said(4, evJordanGov, StanceDenies).denies(DeniesLocation, "")),
			reviewed:  []string{"figure:launched:2|3"},
			reasons:   []string{"Government of Jordan disputes the location", "Sources disagree on launched: 2 (AP) vs 3 (Al Mayadeen) (reviewed)"},
			keys:      []string{"denial:location:4", "figure:launched:2|3"},
			contested: true,
		},
		{
			name:      "ReviewedOfficialDenialNoLongerSuggestsFalse",
			targets:   []PartyID{evUS},
			cites:     []evCite{said(1, evAP, StanceReports), said(2, evSOHR, StanceReports), said(3, evCENTCOM, StanceDenies)},
			reviewed:  []string{"denial:event:3"},
			reasons:   []string{"CENTCOM denies it happened (reviewed)"},
			occurred:  "Officially denied: CENTCOM says it did not happen.",
			suggested: "Confirmed: corroborated by 2 independent sources.",
		},
	})
}

// TestContestReasonsAreStructured checks that a reason holds rule, values and citations,
// not names: renaming a source changes the words and nothing else.
func TestContestReasonsAreStructured(t *testing.T) {
	tc := evCase{targets: []PartyID{evUS}, cites: []evCite{
		said(1, evAP, StanceReports).figures(FigureSet{Launched: fig("2")}),
		said(2, evMayadeen, StanceReports).figures(FigureSet{Launched: fig("3")}),
		said(3, evIRIOwn, StanceClaimsResponsibility),
		said(4, evWarOwn, StanceClaimsResponsibility),
		said(5, evIRIOwn, StanceClaimsResponsibility),
	}}
	in := tc.input()
	got := WeighEvidence(in).Reasons
	want := []ContestReason{
		{Key: "figure:launched:2|3", Rule: ContestFigure, Measure: MeasureLaunched, CitationIDs: []int64{1, 2}, Values: []HeldValue{
			{Value: "2", SourceIDs: []int64{evAP.id}, CitationIDs: []int64{1}, Camp: 0},
			{Value: "3", SourceIDs: []int64{evMayadeen.id}, CitationIDs: []int64{2}, Camp: 1},
		}},
		{Key: "claims:p10|p12", Rule: ContestClaims, CitationIDs: []int64{3, 4, 5}, Values: []HeldValue{
			{PartyID: evIRI, SourceIDs: []int64{evIRIOwn.id}, CitationIDs: []int64{3, 5}},
			{PartyID: evWaritheen, SourceIDs: []int64{evWarOwn.id}, CitationIDs: []int64{4}},
		}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("reasons:\n got %+v\nwant %+v", got, want)
	}
	names := NamesOf(in)
	names.Sources[evAP.id] = "Associated Press"
	names.Parties[evIRI] = "IRI"
	if w, want := got[0].Words(names), "Sources disagree on launched: 2 (Associated Press) vs 3 (Al Mayadeen)"; w != want {
		t.Errorf("renamed source: got %q, want %q", w, want)
	}
	if w, want := got[1].Words(names), "Responsibility claimed by more than one party: IRI, Tashkil al-Waritheen"; w != want {
		t.Errorf("renamed party: got %q, want %q", w, want)
	}
}
