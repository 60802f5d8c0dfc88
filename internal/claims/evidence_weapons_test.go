package claims

import "testing"

func TestWeaponCompatible(t *testing.T) {
	tests := []struct {
		name string
		a, b WeaponCategory
		want bool
	}{
		{"MissileVsAntiShipBallistic", WeaponMissile, WeaponAntiShipBallisticMissile, true},
		{"BallisticVsAntiShipBallistic", WeaponBallisticMissile, WeaponAntiShipBallisticMissile, true},
		{"DroneVsOneWayAttackDrone", WeaponDrone, WeaponOneWayAttackDrone, true},
		{"SameCategory", WeaponRocket, WeaponRocket, true},
		{"DroneVsMissile", WeaponDrone, WeaponMissile, false},
		{"OneWayDroneVsCruise", WeaponOneWayAttackDrone, WeaponCruiseMissile, false},
		{"CruiseVsBallisticSiblings", WeaponCruiseMissile, WeaponBallisticMissile, false},
		{"RocketVsMissile", WeaponRocket, WeaponMissile, false},
		{"OtherVsDrone", WeaponOther, WeaponDrone, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.a.Compatible(tt.b); got != tt.want {
				t.Errorf("%s.Compatible(%s) = %v, want %v", tt.a, tt.b, got, tt.want)
			}
			if got := tt.b.Compatible(tt.a); got != tt.want {
				t.Errorf("%s.Compatible(%s) = %v, want %v", tt.b, tt.a, got, tt.want)
			}
		})
	}
}

func TestWeaponFromText(t *testing.T) {
	tests := []struct {
		in   string
		want WeaponCategory
	}{
		{"anti-ship ballistic missile", WeaponAntiShipBallisticMissile},
		{"Ballistic missiles", WeaponBallisticMissile},
		{"one-way attack drone", WeaponOneWayAttackDrone},
		{"Shahed-136", WeaponOneWayAttackDrone},
		{"drone", WeaponDrone},
		{"armed UAV", WeaponDrone},
		{"missile", WeaponMissile},
		{"cruise missile", WeaponCruiseMissile},
		{"107mm rockets", WeaponRocket},
		{"glide bomb", ""},
	}
	for _, tt := range tests {
		if got := WeaponFromText(tt.in); got != tt.want {
			t.Errorf("WeaponFromText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestWeaponCategoriesAreComplete(t *testing.T) {
	for _, c := range WeaponCategories {
		w := WeaponCategory(c.Value)
		if _, ok := weaponNames[w]; !ok {
			t.Errorf("%s has no name for running text", w)
		}
		if p, ok := weaponParent[w]; ok && !p.Valid() {
			t.Errorf("%s has parent %s outside the vocabulary", w, p)
		}
	}
}
