package claims

import (
	"reflect"
	"testing"
)

func TestWeighEvidenceFigures(t *testing.T) {
	injured := func(s string) FigureSet { return FigureSet{Injured: Casualties{Unknown: fig(s)}} }
	launched := func(s string) FigureSet { return FigureSet{Launched: fig(s)} }
	killed := func(mil, civ, unk string) FigureSet {
		var c Casualties
		for _, p := range []struct {
			v *FigureValue
			s string
		}{{&c.Military, mil}, {&c.Civilian, civ}, {&c.Unknown, unk}} {
			if p.s != "" {
				*p.v = fig(p.s)
			}
		}
		return FigureSet{Killed: c}
	}
	us := []PartyID{evUS}
	runEvidence(t, []evCase{
		{
			name:    "PentagonRevisesItsOwnFigure",
			targets: us,
			cites: []evCite{
				said(2, evDoD, StanceConfirms).figures(injured("40")).at(jan2024(30, 12)),
				said(1, evDoD, StanceConfirms).figures(injured("34")).at(jan2024(28, 18)),
			},
			timelines: []string{"US DoD, injured: 34 (28 Jan) → 40 (30 Jan)"},
		},
		{
			name:    "RevisedFigureIsComparedByItsLatestValue",
			targets: us,
			cites: []evCite{
				said(1, evDoD, StanceConfirms).figures(injured("34")).at(jan2024(28, 18)),
				said(2, evAP, StanceReports).figures(injured("34")).at(jan2024(29, 9)),
				said(3, evDoD, StanceConfirms).figures(injured("40")).at(jan2024(30, 12)),
			},
			timelines: []string{"US DoD, injured: 34 (28 Jan) → 40 (30 Jan)"},
			reasons:   []string{"Sources disagree on injured: 40 (US DoD) vs 34 (AP)"},
			keys:      []string{"figure:injured:34|40"},
			contested: true,
		},
		{
			name:    "AtLeast34FitsForty",
			targets: us,
			cites: []evCite{
				said(1, evAP, StanceReports).figures(injured("at least 34")),
				said(2, evDoD, StanceConfirms).figures(injured("40")),
			},
		},
		{
			name:      "ThreeToFiveAgainstSevenConflicts",
			targets:   us,
			cites:     []evCite{said(1, evAP, StanceReports).figures(launched("3-5")), said(2, evMayadeen, StanceReports).figures(launched("7"))},
			reasons:   []string{"Sources disagree on launched: 3–5 (AP) vs 7 (Al Mayadeen)"},
			keys:      []string{"figure:launched:3-5|7"},
			contested: true,
		},
		{
			name:    "DozensFitsForty",
			targets: us,
			cites:   []evCite{said(1, evAP, StanceReports).figures(killed("", "", "dozens")), said(2, evSOHR, StanceReports).figures(killed("", "", "40"))},
		},
		{
			name:      "DozensAgainstTwelveConflicts",
			targets:   us,
			cites:     []evCite{said(1, evAP, StanceReports).figures(killed("", "", "dozens")), said(2, evSOHR, StanceReports).figures(killed("", "", "12"))},
			reasons:   []string{"Sources disagree on killed: dozens (AP) vs 12 (SOHR)"},
			keys:      []string{"figure:killed:12|dozens"},
			contested: true,
		},
		{
			name:    "AboutFortyReachesFortyFour",
			targets: us,
			cites:   []evCite{said(1, evAP, StanceReports).figures(injured("about 40")), said(2, evSOHR, StanceReports).figures(injured("44"))},
		},
		{
			name:      "AboutFortyFallsShortOfFortyFive",
			targets:   us,
			cites:     []evCite{said(1, evAP, StanceReports).figures(injured("about 40")), said(3, evReuters, StanceReports).figures(injured("45"))},
			reasons:   []string{"Sources disagree on injured: about 40 (AP) vs 45 (Reuters)"},
			keys:      []string{"figure:injured:45|~40"},
			contested: true,
		},
		{
			name:    "CompatibleValuesShareACamp",
			targets: us,
			cites: []evCite{
				said(1, evAP, StanceReports).figures(injured("about 40")),
				said(2, evSOHR, StanceReports).figures(injured("45")),
				said(3, evReuters, StanceReports).figures(injured("44")),
			},
			reasons:   []string{"Sources disagree on injured: about 40 (AP), 44 (Reuters) vs 45 (SOHR)"},
			keys:      []string{"figure:injured:44|45|~40"},
			contested: true,
		},
		{
			name:    "UnsplitTollFitsItsSplit",
			targets: us,
			cites:   []evCite{said(1, evKRSC, StanceReports).figures(killed("", "", "4")), said(2, evReuters, StanceReports).figures(killed("1", "3", ""))},
		},
		{
			name:      "SplitExceedingTheUnsplitTollConflicts",
			targets:   us,
			cites:     []evCite{said(1, evKRSC, StanceReports).figures(killed("", "", "4")), said(2, evReuters, StanceReports).figures(killed("", "5", ""))},
			reasons:   []string{"Sources disagree on killed: 4 (Kurdistan Region Security Council) vs 5 civilian (Reuters)"},
			keys:      []string{"figure:killed:4|c5"},
			contested: true,
		},
		{
			name:    "PartOfASplitLeavesTheTotalOpen",
			targets: us,
			cites:   []evCite{said(1, evKRSC, StanceReports).figures(killed("", "", "4")), said(2, evReuters, StanceReports).figures(killed("2", "", ""))},
		},
		{
			name:      "MilitaryAgainstMilitaryConflictsOnce",
			targets:   us,
			cites:     []evCite{said(1, evAP, StanceReports).figures(killed("2", "1", "")), said(2, evReuters, StanceReports).figures(killed("3", "1", ""))},
			reasons:   []string{"Sources disagree on military killed: 2 (AP) vs 3 (Reuters)"},
			keys:      []string{"figure:killed_military:2|3"},
			contested: true,
		},
		{
			name:    "ValueThatFitsEveryOtherStaysOutOfTheContest",
			targets: us,
			cites: []evCite{
				said(1, evAP, StanceReports).figures(launched("2")),
				said(2, evMayadeen, StanceReports).figures(launched("3")),
				said(3, evReuters, StanceReports).figures(launched("at least 1")),
			},
			reasons:   []string{"Sources disagree on launched: 2 (AP) vs 3 (Al Mayadeen)"},
			keys:      []string{"figure:launched:2|3"},
			contested: true,
		},
		{
			name:    "MissileFitsAntiShipBallisticMissile",
			targets: us,
			cites:   []evCite{said(1, evCENTCOM, StanceConfirms).weapon(WeaponAntiShipBallisticMissile), said(2, evAP, StanceReports).weapon(WeaponMissile)},
		},
		{
			name:    "DroneFitsOneWayAttackDrone",
			targets: us,
			cites:   []evCite{said(1, evCENTCOM, StanceConfirms).weapon(WeaponOneWayAttackDrone), said(2, evAP, StanceReports).weapon(WeaponDrone)},
		},
		{
			name:      "DroneAgainstMissileConflicts",
			targets:   us,
			cites:     []evCite{said(1, evPolitico, StanceReports).weapon(WeaponDrone), said(2, evMayadeen, StanceReports).weapon(WeaponMissile), said(3, evAP, StanceReports).weapon(WeaponOneWayAttackDrone)},
			reasons:   []string{"Sources disagree on the weapon: drone (Politico), one-way attack drone (AP) vs missile (Al Mayadeen)"},
			keys:      []string{"weapon:drone|missile|one_way_attack_drone"},
			contested: true,
		},
		{
			name:    "WeaponInWordsOnlyIsNotCompared",
			targets: us,
			cites: []evCite{
				said(1, evAP, StanceReports).figures(FigureSet{Weapon: WeaponReport{Text: "glide bomb"}}),
				said(2, evMayadeen, StanceReports).weapon(WeaponMissile),
			},
		},
	})
}

func TestCasualtiesString(t *testing.T) {
	tests := []struct {
		c    Casualties
		want string
	}{
		{Casualties{Unknown: fig("4")}, "4"},
		{Casualties{Military: fig("3"), Civilian: fig("1")}, "3 military, 1 civilian"},
		{Casualties{Military: fig("at least 3"), Unknown: fig("2")}, "at least 3 military, 2 unspecified"},
		{Casualties{}, ""},
	}
	for _, tt := range tests {
		if got := tt.c.String(); got != tt.want {
			t.Errorf("%+v.String() = %q, want %q", tt.c, got, tt.want)
		}
	}
}

func TestFigureSetProblems(t *testing.T) {
	tests := []struct {
		name string
		f    FigureSet
		want ValidationError
	}{
		{"Empty", FigureSet{}, ValidationError{}},
		{"Good", FigureSet{Launched: fig("3"), Intercepted: fig("2"), Weapon: WeaponReport{Category: WeaponDrone}}, ValidationError{}},
		{"MoreInterceptedThanLaunched", FigureSet{Launched: fig("2"), Intercepted: fig("at least 3")}, ValidationError{"intercepted": "More intercepted than launched."}},
		{"RangesThatMayFit", FigureSet{Launched: fig("2-4"), Intercepted: fig("3")}, ValidationError{}},
		{"UnknownWeapon", FigureSet{Weapon: WeaponReport{Category: "laser"}}, ValidationError{"weapon": "Choose a weapon from the list, or leave it empty and describe it."}},
		{"NegativeCivilians", FigureSet{Killed: Casualties{Civilian: FigureValue{Qualifier: QualExactly, N: -2}}}, ValidationError{"killed_civilian": "A figure cannot be negative."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.f.Problems(); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Problems() = %v, want %v", got, tt.want)
			}
		})
	}
}
