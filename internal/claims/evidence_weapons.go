package claims

import "strings"

// WeaponCategory is a weapon from the desk's vocabulary; categories form a hierarchy.
type WeaponCategory string

// Weapon categories; the comment names each one's parent.
const (
	WeaponDrone                    WeaponCategory = "drone"
	WeaponOneWayAttackDrone        WeaponCategory = "one_way_attack_drone" // drone
	WeaponMissile                  WeaponCategory = "missile"
	WeaponBallisticMissile         WeaponCategory = "ballistic_missile"           // missile
	WeaponAntiShipBallisticMissile WeaponCategory = "anti_ship_ballistic_missile" // ballistic missile
	WeaponCruiseMissile            WeaponCategory = "cruise_missile"              // missile
	WeaponRocket                   WeaponCategory = "rocket"
	WeaponArtillery                WeaponCategory = "artillery"
	WeaponOther                    WeaponCategory = "other"
)

// WeaponCategories lists the vocabulary in the order forms show it, children after parents.
var WeaponCategories = []Choice{
	{string(WeaponDrone), "Drone"},
	{string(WeaponOneWayAttackDrone), "Drone › one-way attack drone"},
	{string(WeaponMissile), "Missile"},
	{string(WeaponBallisticMissile), "Missile › ballistic missile"},
	{string(WeaponAntiShipBallisticMissile), "Missile › ballistic › anti-ship ballistic missile"},
	{string(WeaponCruiseMissile), "Missile › cruise missile"},
	{string(WeaponRocket), "Rocket"},
	{string(WeaponArtillery), "Artillery"},
	{string(WeaponOther), "Other"},
}

var weaponParent = map[WeaponCategory]WeaponCategory{
	WeaponOneWayAttackDrone:        WeaponDrone,
	WeaponBallisticMissile:         WeaponMissile,
	WeaponAntiShipBallisticMissile: WeaponBallisticMissile,
	WeaponCruiseMissile:            WeaponMissile,
}

var weaponNames = map[WeaponCategory]string{
	WeaponDrone:                    "drone",
	WeaponOneWayAttackDrone:        "one-way attack drone",
	WeaponMissile:                  "missile",
	WeaponBallisticMissile:         "ballistic missile",
	WeaponAntiShipBallisticMissile: "anti-ship ballistic missile",
	WeaponCruiseMissile:            "cruise missile",
	WeaponRocket:                   "rocket",
	WeaponArtillery:                "artillery",
	WeaponOther:                    "other weapon",
}

// Valid reports whether w is one of WeaponCategories.
func (w WeaponCategory) Valid() bool { return valid(WeaponCategories, string(w)) }

// Label is the category with its place in the hierarchy, as forms show it.
func (w WeaponCategory) Label() string { return label(WeaponCategories, string(w)) }

// Name is the category in running text: "anti-ship ballistic missile".
func (w WeaponCategory) Name() string {
	if s, ok := weaponNames[w]; ok {
		return s
	}
	return string(w)
}

// Includes reports whether w is v or one of v's ancestors: missile includes cruise missile.
func (w WeaponCategory) Includes(v WeaponCategory) bool {
	for seen := 0; v != "" && seen < 10; seen++ {
		if v == w {
			return true
		}
		v = weaponParent[v]
	}
	return false
}

// Compatible reports whether two sources naming w and v can both be right: one includes the other.
func (w WeaponCategory) Compatible(v WeaponCategory) bool { return w.Includes(v) || v.Includes(w) }

// WeaponReport is the weapon a source named: a category from the vocabulary and its own words.
type WeaponReport struct {
	Category WeaponCategory `json:"category,omitempty"` // "" when the words fit no category; then it is not compared
	Text     string         `json:"text,omitempty"`     // the source's words, e.g. "Shahed-136"
}

// Given reports whether the source named a weapon at all.
func (w WeaponReport) Given() bool { return w.Category != "" || strings.TrimSpace(w.Text) != "" }

// String is the weapon as a reader would see it: the source's words, else the category.
func (w WeaponReport) String() string {
	if t := strings.TrimSpace(w.Text); t != "" {
		return t
	}
	return w.Category.Name()
}

// weaponWords maps words sources use to categories, most specific first.
var weaponWords = []struct {
	words string
	cat   WeaponCategory
}{
	{"anti-ship ballistic", WeaponAntiShipBallisticMissile},
	{"anti ship ballistic", WeaponAntiShipBallisticMissile},
	{"asbm", WeaponAntiShipBallisticMissile},
	{"ballistic", WeaponBallisticMissile},
	{"cruise", WeaponCruiseMissile},
	{"one-way attack", WeaponOneWayAttackDrone},
	{"one way attack", WeaponOneWayAttackDrone},
	{"owa", WeaponOneWayAttackDrone},
	{"shahed", WeaponOneWayAttackDrone},
	{"kamikaze", WeaponOneWayAttackDrone},
	{"loitering munition", WeaponOneWayAttackDrone},
	{"drone", WeaponDrone},
	{"uav", WeaponDrone},
	{"unmanned aerial", WeaponDrone},
	{"missile", WeaponMissile},
	{"rocket", WeaponRocket},
	{"katyusha", WeaponRocket},
	{"artillery", WeaponArtillery},
	{"shell", WeaponArtillery},
}

// WeaponFromText suggests a category for what a source called the weapon; "" when none fits.
func WeaponFromText(s string) WeaponCategory {
	s = strings.ToLower(strings.Join(strings.Fields(s), " "))
	for _, w := range weaponWords {
		if strings.Contains(s, w.words) {
			return w.cat
		}
	}
	return ""
}
