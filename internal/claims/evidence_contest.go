package claims

import "strings"

// ContestRule names the rule that found a disagreement.
type ContestRule string

// Contest rules.
const (
	ContestDenial      ContestRule = "denial"
	ContestFigure      ContestRule = "figure"
	ContestWeapon      ContestRule = "weapon"
	ContestClaims      ContestRule = "claims"
	ContestAttribution ContestRule = "attribution"
)

// HeldValue is one position in a disagreement and who holds it.
type HeldValue struct {
	Value       string  // a figure or weapon as a reader would see it; "" for a party
	PartyID     PartyID // the party claimed or blamed, for claims and attributions
	SourceIDs   []int64
	CitationIDs []int64
	Camp        int // values in one camp fit each other; camps are what disagree
}

// ContestReason is one disagreement, as structured data: rule, citations, values, no names.
type ContestReason struct {
	// Key identifies the disagreement itself (rule and the values or citation it rests on),
	// so a review stored against it holds until the disagreement changes.
	Key         string
	Rule        ContestRule
	Measure     Measure     // for figure and weapon
	Scope       DenialScope // for denial
	SourceID    int64       // the denier, for denial
	Values      []HeldValue // for figure, weapon, claims and attribution (the blamed party first)
	CitationIDs []int64
	Quote       string // the denier's words, for denial
	Reviewed    bool   // the desk has reviewed this very disagreement
}

// Words says the reason with today's names: "Government of Jordan disputes the location: “…”".
func (r ContestReason) Words(b NameBook) string {
	switch r.Rule {
	case ContestDenial:
		s := b.source(r.SourceID) + " denies it happened"
		if r.Scope != DeniesEvent {
			s = b.source(r.SourceID) + " disputes " + disputedThing[r.Scope]
		}
		if r.Quote != "" {
			s += ": “" + r.Quote + "”"
		}
		return s
	case ContestFigure, ContestWeapon:
		var s strings.Builder
		for i, v := range r.Values {
			switch {
			case i == 0:
			case v.Camp == r.Values[i-1].Camp:
				s.WriteString(", ")
			default:
				s.WriteString(" vs ")
			}
			s.WriteString(v.Value + " (" + b.sourceList(v.SourceIDs) + ")")
		}
		return "Sources disagree on " + r.Measure.Label() + ": " + s.String()
	case ContestClaims:
		parts := make([]string, len(r.Values))
		for i, v := range r.Values {
			parts[i] = b.holder(v)
		}
		return "Responsibility claimed by more than one party: " + strings.Join(parts, ", ")
	case ContestAttribution:
		if len(r.Values) < 2 {
			break
		}
		blamed := r.Values[0]
		parts := make([]string, len(r.Values)-1)
		for i, v := range r.Values[1:] {
			parts[i] = b.holder(v)
		}
		return b.sourceList(blamed.SourceIDs) + " blames " + b.party(blamed.PartyID) +
			", but responsibility is claimed by " + strings.Join(parts, ", ")
	}
	return string(r.Rule) + ": " + r.Key
}
