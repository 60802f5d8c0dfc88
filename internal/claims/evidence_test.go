package claims

import "testing"

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

func TestGroupByStance(t *testing.T) {
	cites := []Citation{{ID: 1, Stance: StanceReports}, {ID: 2, Stance: StanceDenies}, {ID: 3, Stance: StanceReports}}
	groups := GroupByStance(cites)
	if len(groups) != 2 || groups[0].Stance != StanceReports || len(groups[0].Citations) != 2 || groups[1].Stance != StanceDenies {
		t.Errorf("groups = %+v", groups)
	}
}
