package claims_test

import (
	"slices"
	"testing"
	"time"

	"claimdesk/internal/claims"
)

func TestWords(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"Drones hit the al-Tanf garrison", []string{"drone", "hit", "tanf", "garrison"}},
		{"Qāsim's ḤALAB strike", []string{"qasim", "halab", "strike"}},
		{"Al-Mayadeen: drone attacks on the base", []string{"mayadeen", "drone", "attack", "base"}},
		{"Ain al-Asad, Ain al-Asad", []string{"ain", "asad"}},
		{"Attacks on bases", []string{"attack", "base"}},
		{"", nil},
	}
	for _, tt := range tests {
		if got := claims.Words(tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("Words(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestSimilarTitles(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		{"Drone attack on the al-Tanf garrison", "Drones hit al-Tanf garrison", true},
		{"Drone attack on Conoco", "Drone attack on al-Tanf", false},
		{"Drone attack on the al-Tanf garrison", "drone attack on the AL-TANF garrison", true},
		{"Rocket attack on Ain al-Asad air base", "Rockets hit Ain al-Asad", true},
		{"Missile strike on Erbil airport", "Drone attack on Erbil airport", true},
		{"Missile strike on Erbil airport", "Missile strike on Harir base", false},
		{"Qāsim convoy hit", "Qasim convoy hit", true},
		{"Drone attack", "Missile attack", false},
		{"", "", false},
	}
	for _, tt := range tests {
		if got := claims.SimilarTitles(tt.a, tt.b); got != tt.want {
			t.Errorf("SimilarTitles(%q, %q) = %v (%.2f), want %v", tt.a, tt.b, got, claims.TitleSimilarity(tt.a, tt.b), tt.want)
		}
		if got, back := claims.TitleSimilarity(tt.a, tt.b), claims.TitleSimilarity(tt.b, tt.a); got != back {
			t.Errorf("TitleSimilarity(%q, %q) = %.2f one way, %.2f the other", tt.a, tt.b, got, back)
		}
	}
}

func TestSamePlace(t *testing.T) {
	tests := []struct {
		name             string
		placeA, countryA string
		placeB, countryB string
		want             bool
	}{
		{"SameNameOtherCase", "al-Tanf", "Syria", "AL-TANF", "", true},
		{"Diacritics", "Ḥalab", "", "Halab", "", true},
		{"SharedWordSameCountry", "al-Tanf garrison", "Syria", "Tanf", "syria", true},
		{"SharedWordOtherCountry", "al-Tanf garrison", "Syria", "Tanf", "Iraq", false},
		{"OnlyVocabularyShared", "Harir base", "Iraq", "Ain al-Asad base", "Iraq", false},
		{"NoPlaceSameCountry", "", "Iraq", "", "Iraq", true},
		{"NoPlaceNoCountry", "", "", "", "", false},
		{"OtherPlace", "Conoco gas field", "Syria", "al-Tanf", "Syria", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := &claims.Claim{Place: tt.placeA, Country: tt.countryA}
			b := &claims.Claim{Place: tt.placeB, Country: tt.countryB}
			if got := claims.SamePlace(a, b); got != tt.want {
				t.Errorf("SamePlace = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestLikelyDuplicateWindow(t *testing.T) {
	day := time.Date(2023, 10, 19, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name  string
		days  int
		precA claims.DatePrecision
		precB claims.DatePrecision
		want  bool
	}{
		{"SameDay", 0, "day", "day", true},
		{"ThreeDaysLate", 3, "day", "day", true},
		{"FourDaysLate", 4, "day", "day", false},
		{"FourDaysEarly", -4, "day", "day", false},
		{"WeekTen", 10, "week", "day", true},
		{"WeekEleven", 11, "day", "week", false},
		{"MonthThirtyFour", -34, "month", "day", true},
		{"MonthThirtyFive", 35, "month", "day", false},
		{"MonthAndWeek", 41, "month", "week", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := &claims.Claim{Title: "Drones hit al-Tanf", Place: "al-Tanf", OccurredOn: day, DatePrecision: tt.precA}
			b := &claims.Claim{Title: "Drone attack on al-Tanf", Place: "al-Tanf", OccurredOn: day.AddDate(0, 0, tt.days), DatePrecision: tt.precB}
			if got := claims.LikelyDuplicate(a, b); got != tt.want {
				t.Errorf("LikelyDuplicate %d days apart (%s, %s) = %v, want %v", tt.days, tt.precA, tt.precB, got, tt.want)
			}
		})
	}
}
