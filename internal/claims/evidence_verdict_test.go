package claims

import (
	"os"
	"slices"
	"strings"
	"testing"
)

func TestSuggestVerdict(t *testing.T) {
	eventDenial := ContestReason{Rule: ContestDenial, Scope: DeniesEvent, SourceID: 1}
	figure := ContestReason{Rule: ContestFigure}
	counted := func(n int) Independence {
		var i Independence
		for k := range n {
			i.Counted = append(i.Counted, int64(10+k))
		}
		return i
	}
	tests := []struct {
		name string
		a    Assessment
		want SuggestRule
		v    Verdict
	}{
		{"NoSources", Assessment{Occurred: OccurredAxis{State: OccurredNoSources}}, SuggestNoSources, VerdictUnverified},
		{"DeniedAndThin", Assessment{Occurred: OccurredAxis{State: OccurredDenied, By: []int64{1}}, Reasons: []ContestReason{eventDenial}, Independence: counted(1)}, SuggestDenied, VerdictFalse},
		{"DeniedOutranksOtherOpenReasons", Assessment{Occurred: OccurredAxis{State: OccurredDenied, By: []int64{1}}, Reasons: []ContestReason{figure, eventDenial}}, SuggestDenied, VerdictFalse},
		{"DeniedButCorroborated", Assessment{Occurred: OccurredAxis{State: OccurredDenied, By: []int64{1}}, Reasons: []ContestReason{eventDenial}, Independence: counted(2)}, SuggestOpenContest, VerdictDisputed},
		{"OpenContestOutranksConfirmation", Assessment{Occurred: OccurredAxis{State: OccurredConfirmedByTarget}, Reasons: []ContestReason{figure}}, SuggestOpenContest, VerdictDisputed},
		{"ReviewedContestLeavesConfirmation", Assessment{Occurred: OccurredAxis{State: OccurredConfirmedByNeutral}, Reasons: []ContestReason{{Rule: ContestFigure, Reviewed: true}}}, SuggestOfficial, VerdictConfirmed},
		{"Corroborated", Assessment{Occurred: OccurredAxis{State: OccurredCorroborated}, Independence: counted(2)}, SuggestCorroborated, VerdictConfirmed},
		{"SingleSource", Assessment{Occurred: OccurredAxis{State: OccurredSingleSource}, Independence: counted(1)}, SuggestThin, VerdictUnverified},
		{"OnlyAClaim", Assessment{Occurred: OccurredAxis{State: OccurredSingleSource}}, SuggestThin, VerdictUnverified},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := suggestVerdict(tt.a)
			if got.Rule != tt.want || got.Verdict != tt.v {
				t.Errorf("suggestVerdict = %s (%s), want %s (%s)", got.Verdict, got.Rule, tt.v, tt.want)
			}
		})
	}
}

// TestEvidenceDocNamesEveryRule keeps docs/EVIDENCE.md and the code in step: each
// state, rule and key prefix the code can produce appears in the document in backticks.
func TestEvidenceDocNamesEveryRule(t *testing.T) {
	doc, err := os.ReadFile("../../docs/EVIDENCE.md")
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, list := range [][]Choice{OccurredStates, ResponsibilityStates, ResponseStates, DenialScopes, Relations, PartyKinds, Qualifiers, WeaponCategories, Measures} {
		for _, c := range list {
			names = append(names, c.Value)
		}
	}
	for _, r := range []SuggestRule{SuggestNoSources, SuggestDenied, SuggestOpenContest, SuggestOfficial, SuggestCorroborated, SuggestThin} {
		names = append(names, string(r))
	}
	for _, r := range []ContestRule{ContestDenial, ContestFigure, ContestWeapon, ContestClaims, ContestAttribution} {
		names = append(names, string(r)+":")
	}
	for _, r := range []SkipReason{SkipWithdrawn, SkipClaims, SkipDenies, SkipAttackerSide, SkipRelaysAttacker, SkipSameParty, SkipSameSource} {
		names = append(names, string(r))
	}
	for _, w := range vagueFigures {
		names = append(names, w.word)
	}
	for _, name := range names {
		if !strings.Contains(string(doc), "`"+name) {
			t.Errorf("docs/EVIDENCE.md does not mention `%s`", name)
		}
	}
}

func TestCitedStatementValidate(t *testing.T) {
	ok := CitedStatement{SourceID: 1, Stance: StanceReports}
	tests := []struct {
		name   string
		edit   func(c *CitedStatement)
		fields []string
	}{
		{"OK", func(c *CitedStatement) {}, nil},
		{"ErrSourceRequired", func(c *CitedStatement) { c.SourceID = 0 }, []string{"source_id"}},
		{"ErrStance", func(c *CitedStatement) { c.Stance = "maybe" }, []string{"stance"}},
		{"ErrVoiceWithoutParty", func(c *CitedStatement) { c.Relation = RelationVoice }, []string{"party_id"}},
		{"ErrScopeWithoutDenial", func(c *CitedStatement) { c.DenialScope = DeniesLocation }, []string{"denial_scope"}},
		{"ErrUnknownScope", func(c *CitedStatement) { c.Stance, c.DenialScope = StanceDenies, "weather" }, []string{"denial_scope"}},
		{"ErrRelaysBoth", func(c *CitedStatement) { c.RelaysSourceID, c.RelaysParty = 2, evUS }, []string{"relays"}},
		{"ErrRelaysItself", func(c *CitedStatement) { c.RelaysSourceID = 1 }, []string{"relays"}},
		{"ErrIndependentClaim", func(c *CitedStatement) { c.Stance = StanceClaimsResponsibility }, []string{"relays"}},
		{"ErrFigure", func(c *CitedStatement) { c.Figures.Launched = FigureValue{Qualifier: QualBetween, N: 5, M: 2} }, []string{"launched"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := ok
			tt.edit(&c)
			err := c.Validate()
			var got []string
			if ve, isVE := err.(ValidationError); isVE {
				for k := range ve {
					got = append(got, k)
				}
				slices.Sort(got)
			} else if err != nil {
				t.Fatalf("Validate returned %T: %v", err, err)
			}
			if strings.Join(got, ",") != strings.Join(tt.fields, ",") {
				t.Errorf("problems in %v, want %v (%v)", got, tt.fields, err)
			}
		})
	}
}

func TestPartyValidate(t *testing.T) {
	tests := []struct {
		name   string
		p      Party
		fields string
	}{
		{"OK", Party{ID: 1, Name: " Islamic  Resistance in Iraq ", Kind: PartyCoalition}, ""},
		{"ErrNameRequired", Party{Kind: PartyState}, "name"},
		{"ErrKind", Party{Name: "Iran", Kind: "empire"}, "kind"},
		{"ErrOwnParent", Party{ID: 3, Name: "Iran", Kind: PartyState, ParentID: 3}, "parent_id"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.p.Validate()
			var got []string
			if ve, isVE := err.(ValidationError); isVE {
				for k := range ve {
					got = append(got, k)
				}
			}
			if strings.Join(got, ",") != tt.fields {
				t.Errorf("problems in %v, want %q (%v)", got, tt.fields, err)
			}
		})
	}
}
