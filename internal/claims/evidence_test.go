package claims

import (
	"reflect"
	"sort"
	"testing"
)

func n(i int) *int { return &i }

var (
	centcom   = &Source{ID: 1, Name: "CENTCOM", Kind: KindOfficial}
	ap        = &Source{ID: 2, Name: "AP", Kind: KindWire}
	mayadeen  = &Source{ID: 3, Name: "Al Mayadeen", Kind: KindAffiliated}
	iri       = &Source{ID: 4, Name: "Islamic Resistance in Iraq", Kind: KindArmedGroup}
	waritheen = &Source{ID: 5, Name: "Tashkil al-Waritheen", Kind: KindArmedGroup}
	politico  = &Source{ID: 6, Name: "Politico", Kind: KindOutlet}
)

func cite(s *Source, st Stance, f Figures) Citation {
	return Citation{SourceID: s.ID, Source: s, Stance: st, Figures: f}
}

func TestSummarize(t *testing.T) {
	tests := []struct {
		name    string
		cites   []Citation
		verdict Verdict
		want    Evidence
	}{
		{
			name:    "NoCitations",
			verdict: VerdictUnverified,
			want:    Evidence{},
		},
		{
			name:  "OfficialConfirms",
			cites: []Citation{cite(centcom, StanceConfirms, Figures{Launched: n(3)})},
			want:  Evidence{OfficiallyConfirmed: true, ConfirmedBy: []string{"CENTCOM"}, IndependentSources: 1},
		},
		{
			name:  "WireConfirmsIsNotOfficial",
			cites: []Citation{cite(ap, StanceConfirms, Figures{})},
			want:  Evidence{IndependentSources: 1},
		},
		{
			name:  "OfficialDenies",
			cites: []Citation{cite(mayadeen, StanceReports, Figures{}), cite(centcom, StanceDenies, Figures{})},
			want: Evidence{OfficiallyDenied: true, DeniedBy: []string{"CENTCOM"}, IndependentSources: 2,
				Contested: true, Reasons: []string{"Denied by CENTCOM"}},
		},
		{
			name:  "AnyDenialContests",
			cites: []Citation{cite(ap, StanceDenies, Figures{})},
			want:  Evidence{IndependentSources: 1, Contested: true, Reasons: []string{"Denied by AP"}},
		},
		{
			name: "LaunchedDiffers",
			cites: []Citation{
				cite(ap, StanceReports, Figures{Launched: n(2), Intercepted: n(1)}),
				cite(mayadeen, StanceReports, Figures{Launched: n(3)}),
			},
			want: Evidence{IndependentSources: 2, Contested: true,
				Reasons: []string{"Sources disagree on launched: 2 (AP) vs 3 (Al Mayadeen)"}},
		},
		{
			name: "WeaponDiffersIgnoringCase",
			cites: []Citation{
				cite(politico, StanceReports, Figures{Weapon: "Drone"}),
				cite(mayadeen, StanceReports, Figures{Weapon: "missile"}),
				cite(ap, StanceReports, Figures{Weapon: "drone "}),
			},
			want: Evidence{IndependentSources: 3, Contested: true,
				Reasons: []string{"Sources disagree on weapon: drone (Politico, AP) vs missile (Al Mayadeen)"}},
		},
		{
			name: "SameFiguresAgree",
			cites: []Citation{
				cite(centcom, StanceConfirms, Figures{Launched: n(3)}),
				cite(ap, StanceReports, Figures{Launched: n(3)}),
			},
			want: Evidence{OfficiallyConfirmed: true, ConfirmedBy: []string{"CENTCOM"}, IndependentSources: 2},
		},
		{
			name:  "OneClaimOfResponsibility",
			cites: []Citation{cite(iri, StanceClaimsResponsibility, Figures{})},
			want:  Evidence{ClaimedBy: []string{"Islamic Resistance in Iraq"}, IndependentSources: 1},
		},
		{
			name: "TwoPartiesClaim",
			cites: []Citation{
				cite(iri, StanceClaimsResponsibility, Figures{}),
				cite(waritheen, StanceClaimsResponsibility, Figures{}),
				cite(iri, StanceClaimsResponsibility, Figures{}),
			},
			want: Evidence{ClaimedBy: []string{"Islamic Resistance in Iraq", "Tashkil al-Waritheen"}, IndependentSources: 2,
				Contested: true, Reasons: []string{"Responsibility claimed by more than one party: Islamic Resistance in Iraq, Tashkil al-Waritheen"}},
		},
		{
			name:    "DisputedVerdict",
			cites:   []Citation{cite(ap, StanceReports, Figures{})},
			verdict: VerdictDisputed,
			want:    Evidence{IndependentSources: 1, Contested: true, Reasons: []string{"Fact-checkers marked it disputed"}},
		},
		{
			name:  "SameSourceTwiceCountsOnce",
			cites: []Citation{cite(ap, StanceReports, Figures{}), cite(ap, StanceReports, Figures{})},
			want:  Evidence{IndependentSources: 1},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Summarize(tt.cites, tt.verdict)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Summarize:\n got %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

func TestConflictingFigures(t *testing.T) {
	cites := []Citation{
		cite(ap, StanceReports, Figures{Weapon: "drone", Launched: n(2), Injured: n(0)}),
		cite(mayadeen, StanceReports, Figures{Weapon: "drone", Launched: n(3)}),
	}
	got, want := sortedKeys(ConflictingFigures(cites)), []string{"launched"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("ConflictingFigures = %v, want %v", got, want)
	}
}

func TestVerdictCanBecome(t *testing.T) {
	tests := []struct {
		from, to Verdict
		want     bool
	}{
		{VerdictUnverified, VerdictConfirmed, true},
		{VerdictConfirmed, VerdictDisputed, true},
		{VerdictDisputed, VerdictFalse, true},
		{VerdictFalse, VerdictUnverified, true},
		{VerdictConfirmed, VerdictConfirmed, false},
		{VerdictUnverified, "maybe", false},
		{VerdictUnverified, "", false},
	}
	for _, tt := range tests {
		if got := tt.from.CanBecome(tt.to); got != tt.want {
			t.Errorf("%q.CanBecome(%q) = %v, want %v", tt.from, tt.to, got, tt.want)
		}
	}
}

// sortedKeys returns a set's members in order, for comparing.
func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
