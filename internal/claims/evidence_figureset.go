package claims

import (
	"cmp"
	"slices"
	"sort"
	"strings"
	"time"
	"unicode/utf8"
)

// Casualties is a toll split by who the dead or wounded were.
type Casualties struct {
	Military FigureValue `json:"military,omitzero"`
	Civilian FigureValue `json:"civilian,omitzero"`
	Unknown  FigureValue `json:"unknown,omitzero"` // those the source did not say were military or civilian
}

// Given reports whether the source gave any part of the toll.
func (c Casualties) Given() bool {
	return c.Military.Given() || c.Civilian.Given() || c.Unknown.Given()
}

// whole reports whether the source gave the whole toll: an unsplit figure, or both military and civilian.
func (c Casualties) whole() bool {
	return c.Unknown.Given() || (c.Military.Given() && c.Civilian.Given())
}

// total is the range of the whole toll: the sum of the parts given, open-ended unless whole.
func (c Casualties) total() span {
	var t span
	for _, v := range []FigureValue{c.Military, c.Civilian, c.Unknown} {
		if v.Given() {
			lo, hi := v.Bounds()
			t.lo += lo
			t.hi = addBounded(t.hi, hi)
		}
	}
	if !c.whole() {
		t.hi = Unbounded
	}
	return t
}

func addBounded(a, b int) int {
	if a == Unbounded || b == Unbounded {
		return Unbounded
	}
	return a + b
}

// String is the toll as a reader would see it: "4", "3 military, 1 civilian".
func (c Casualties) String() string {
	if !c.Military.Given() && !c.Civilian.Given() {
		return c.Unknown.String()
	}
	var parts []string
	if c.Military.Given() {
		parts = append(parts, c.Military.String()+" military")
	}
	if c.Civilian.Given() {
		parts = append(parts, c.Civilian.String()+" civilian")
	}
	if c.Unknown.Given() {
		parts = append(parts, c.Unknown.String()+" unspecified")
	}
	return strings.Join(parts, ", ")
}

// keyForm is the toll in the fixed form contest keys use: "4", or "m3/c1/u2" when split.
func (c Casualties) keyForm() string {
	if !c.Military.Given() && !c.Civilian.Given() {
		return c.Unknown.keyForm()
	}
	var parts []string
	for _, p := range []struct {
		tag string
		v   FigureValue
	}{{"m", c.Military}, {"c", c.Civilian}, {"u", c.Unknown}} {
		if p.v.Given() {
			parts = append(parts, p.tag+p.v.keyForm())
		}
	}
	return strings.Join(parts, "/")
}

// FigureSet is the weapon and numbers one citation gives; a zero field means not given.
type FigureSet struct {
	Weapon      WeaponReport `json:"weapon,omitzero"`
	Launched    FigureValue  `json:"launched,omitzero"`
	Intercepted FigureValue  `json:"intercepted,omitzero"`
	Killed      Casualties   `json:"killed,omitzero"`
	Injured     Casualties   `json:"injured,omitzero"`
}

// Problems maps each form field whose figure is wrong to what is wrong with it.
func (f FigureSet) Problems() ValidationError {
	problems := ValidationError{}
	if f.Weapon.Category != "" && !f.Weapon.Category.Valid() {
		problems["weapon"] = "Choose a weapon from the list, or leave it empty and describe it."
	}
	if utf8.RuneCountInString(f.Weapon.Text) > 100 {
		problems["weapon_text"] = "Keep the weapon to 100 characters."
	}
	for field, v := range map[string]FigureValue{
		"launched": f.Launched, "intercepted": f.Intercepted,
		"killed_military": f.Killed.Military, "killed_civilian": f.Killed.Civilian, "killed_unknown": f.Killed.Unknown,
		"injured_military": f.Injured.Military, "injured_civilian": f.Injured.Civilian, "injured_unknown": f.Injured.Unknown,
	} {
		if p := v.Problem(); p != "" {
			problems[field] = p
		}
	}
	if _, ok := problems["intercepted"]; !ok && f.Launched.Given() && f.Intercepted.Given() {
		if lo, _ := f.Intercepted.Bounds(); lo > f.Launched.span().hi {
			problems["intercepted"] = "More intercepted than launched."
		}
	}
	return problems
}

// Measure names one thing sources give figures for, as compared and shown on a timeline.
type Measure string

// Measures; killed and injured stand for the whole toll, the others for one part of it.
const (
	MeasureWeapon          Measure = "weapon"
	MeasureLaunched        Measure = "launched"
	MeasureIntercepted     Measure = "intercepted"
	MeasureKilled          Measure = "killed"
	MeasureKilledMilitary  Measure = "killed_military"
	MeasureKilledCivilian  Measure = "killed_civilian"
	MeasureInjured         Measure = "injured"
	MeasureInjuredMilitary Measure = "injured_military"
	MeasureInjuredCivilian Measure = "injured_civilian"
)

// Measures lists every measure with the words sentences use for it.
var Measures = []Choice{
	{string(MeasureWeapon), "the weapon"},
	{string(MeasureLaunched), "launched"},
	{string(MeasureIntercepted), "intercepted"},
	{string(MeasureKilled), "killed"},
	{string(MeasureKilledMilitary), "military killed"},
	{string(MeasureKilledCivilian), "civilians killed"},
	{string(MeasureInjured), "injured"},
	{string(MeasureInjuredMilitary), "military injured"},
	{string(MeasureInjuredCivilian), "civilians injured"},
}

// Label is the measure as sentences name it.
func (m Measure) Label() string { return label(Measures, string(m)) }

// figureGroups are what supersedes what: a source's later figure replaces its earlier one
// group by group (a toll as a whole, so a split replaces an unsplit total).
var figureGroups = []struct {
	m     Measure
	given func(FigureSet) bool
	text  func(FigureSet) string
}{
	{MeasureWeapon, func(f FigureSet) bool { return f.Weapon.Given() }, func(f FigureSet) string { return f.Weapon.String() }},
	{MeasureLaunched, func(f FigureSet) bool { return f.Launched.Given() }, func(f FigureSet) string { return f.Launched.String() }},
	{MeasureIntercepted, func(f FigureSet) bool { return f.Intercepted.Given() }, func(f FigureSet) string { return f.Intercepted.String() }},
	{MeasureKilled, func(f FigureSet) bool { return f.Killed.Given() }, func(f FigureSet) string { return f.Killed.String() }},
	{MeasureInjured, func(f FigureSet) bool { return f.Injured.Given() }, func(f FigureSet) string { return f.Injured.String() }},
}

// FigureTimeline is how one source's figure changed over time.
type FigureTimeline struct {
	SourceID int64
	Measure  Measure
	Steps    []TimelineStep
}

// TimelineStep is one value on a timeline and the citation that gave it.
type TimelineStep struct {
	CitationID int64
	At         *time.Time
	Value      string
}

// Words says the timeline: "US DoD, injured: 34 (28 Jan) → 40 (30 Jan)".
func (t FigureTimeline) Words(b NameBook) string {
	parts := make([]string, len(t.Steps))
	for i, s := range t.Steps {
		when := "undated"
		if s.At != nil {
			when = s.At.Format("2 Jan")
		}
		parts[i] = s.Value + " (" + when + ")"
	}
	return b.source(t.SourceID) + ", " + t.Measure.Label() + ": " + strings.Join(parts, " → ")
}

// chronological returns a source's citations oldest first; undated ones count as oldest, ties keep their order.
func chronological(cs []CitedStatement) []CitedStatement {
	out := slices.Clone(cs)
	slices.SortStableFunc(out, func(a, b CitedStatement) int {
		switch {
		case a.PublishedAt == nil && b.PublishedAt == nil:
			return 0
		case a.PublishedAt == nil:
			return -1
		case b.PublishedAt == nil:
			return 1
		}
		return a.PublishedAt.Compare(*b.PublishedAt)
	})
	return out
}

// figureEvidence finds each source's current figures (its latest, which supersede its
// earlier ones, shown as timelines) and contests figures that cannot all be true.
func figureEvidence(live []CitedStatement) ([]FigureTimeline, []ContestReason) {
	var order []int64
	bySource := map[int64][]CitedStatement{}
	for _, c := range live {
		order = appendID(order, c.SourceID)
		bySource[c.SourceID] = append(bySource[c.SourceID], c)
	}
	var timelines []FigureTimeline
	current := make([]map[Measure]CitedStatement, len(order))
	for i, id := range order {
		current[i] = map[Measure]CitedStatement{}
		cs := chronological(bySource[id])
		for _, g := range figureGroups {
			tl := FigureTimeline{SourceID: id, Measure: g.m}
			for _, c := range cs {
				if !g.given(c.Figures) {
					continue
				}
				current[i][g.m] = c
				if v := g.text(c.Figures); len(tl.Steps) == 0 || tl.Steps[len(tl.Steps)-1].Value != v {
					tl.Steps = append(tl.Steps, TimelineStep{CitationID: c.ID, At: c.PublishedAt, Value: v})
				}
			}
			if len(tl.Steps) > 1 {
				timelines = append(timelines, tl)
			}
		}
	}
	var reasons []ContestReason
	add := func(r ContestReason, ok bool) bool {
		if ok {
			reasons = append(reasons, r)
		}
		return ok
	}
	numbers := func(m Measure, value func(FigureSet) FigureValue) []held {
		var hs []held
		for _, cur := range current {
			if c, ok := cur[m]; ok && value(c.Figures).Given() {
				v := value(c.Figures)
				hs = append(hs, held{c.SourceID, c.ID, v.keyForm(), v.String(), v.span(), ""})
			}
		}
		return hs
	}
	for _, g := range figureGroups {
		switch g.m {
		case MeasureWeapon:
			var hs []held
			for _, cur := range current {
				if c, ok := cur[g.m]; ok && c.Figures.Weapon.Category != "" {
					w := c.Figures.Weapon.Category
					hs = append(hs, held{c.SourceID, c.ID, string(w), w.Name(), span{}, w})
				}
			}
			add(contest(ContestWeapon, g.m, hs, func(a, b held) bool { return a.weapon.Compatible(b.weapon) }))
		case MeasureLaunched:
			add(contest(ContestFigure, g.m, numbers(g.m, func(f FigureSet) FigureValue { return f.Launched }), spansFit))
		case MeasureIntercepted:
			add(contest(ContestFigure, g.m, numbers(g.m, func(f FigureSet) FigureValue { return f.Intercepted }), spansFit))
		case MeasureKilled, MeasureInjured:
			toll := func(f FigureSet) Casualties { return f.Killed }
			mil, civ := MeasureKilledMilitary, MeasureKilledCivilian
			if g.m == MeasureInjured {
				toll = func(f FigureSet) Casualties { return f.Injured }
				mil, civ = MeasureInjuredMilitary, MeasureInjuredCivilian
			}
			split := add(contest(ContestFigure, mil, numbers(g.m, func(f FigureSet) FigureValue { return toll(f).Military }), spansFit))
			split = add(contest(ContestFigure, civ, numbers(g.m, func(f FigureSet) FigureValue { return toll(f).Civilian }), spansFit)) || split
			if split {
				continue
			}
			var hs []held
			for _, cur := range current {
				if c, ok := cur[g.m]; ok {
					t := toll(c.Figures)
					hs = append(hs, held{c.SourceID, c.ID, t.keyForm(), t.String(), t.total(), ""})
				}
			}
			add(contest(ContestFigure, g.m, hs, spansFit))
		}
	}
	return timelines, reasons
}

// held is one source's current value for one measure.
type held struct {
	sourceID, citationID int64
	key, text            string
	span                 span
	weapon               WeaponCategory
}

func spansFit(a, b held) bool { return overlap(a.span, b.span) }

// contest makes a reason when some two values cannot both be true; it names only the
// values in such a pair, so a value that fits every other neither shows nor changes the key.
func contest(rule ContestRule, m Measure, hs []held, fits func(a, b held) bool) (ContestReason, bool) {
	var in []held
	for i, a := range hs {
		for j, b := range hs {
			if i != j && !fits(a, b) {
				in = append(in, a)
				break
			}
		}
	}
	if len(in) == 0 {
		return ContestReason{}, false
	}
	r := ContestReason{Rule: rule, Measure: m}
	index := map[string]int{}
	var keys []string
	var camps [][]held
	for _, h := range in {
		i, ok := index[h.key]
		if !ok {
			i = len(r.Values)
			index[h.key] = i
			keys = append(keys, h.key)
			r.Values = append(r.Values, HeldValue{Value: h.text, Camp: campOf(&camps, h, fits)})
		}
		r.Values[i].SourceIDs = appendID(r.Values[i].SourceIDs, h.sourceID)
		r.Values[i].CitationIDs = append(r.Values[i].CitationIDs, h.citationID)
		r.CitationIDs = append(r.CitationIDs, h.citationID)
	}
	slices.SortStableFunc(r.Values, func(a, b HeldValue) int { return cmp.Compare(a.Camp, b.Camp) })
	sort.Strings(keys)
	slices.SortFunc(r.CitationIDs, cmp.Compare)
	r.Key = "weapon:" + strings.Join(keys, "|")
	if rule == ContestFigure {
		r.Key = "figure:" + string(m) + ":" + strings.Join(keys, "|")
	}
	return r, true
}

// campOf puts h in the first camp whose every value fits it, or opens a new camp, and returns its number.
func campOf(camps *[][]held, h held, fits func(a, b held) bool) int {
	for i, camp := range *camps {
		if !slices.ContainsFunc(camp, func(x held) bool { return !fits(x, h) }) {
			(*camps)[i] = append(camp, h)
			return i
		}
	}
	*camps = append(*camps, []held{h})
	return len(*camps) - 1
}
