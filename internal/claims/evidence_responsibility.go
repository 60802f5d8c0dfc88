package claims

import (
	"slices"
	"sort"
	"strings"
)

// ResponsibilityState says who is said to have done it.
type ResponsibilityState string

// Responsibility states.
const (
	ResponsibilityClaimed    ResponsibilityState = "claimed"
	ResponsibilityCompeting  ResponsibilityState = "competing"
	ResponsibilityAttributed ResponsibilityState = "attributed"
	ResponsibilityUnclaimed  ResponsibilityState = "unclaimed"
)

// ResponsibilityStates lists every state with the words a badge shows.
var ResponsibilityStates = []Choice{
	{string(ResponsibilityClaimed), "Claimed"},
	{string(ResponsibilityCompeting), "Competing claims"},
	{string(ResponsibilityAttributed), "Attributed by an official"},
	{string(ResponsibilityUnclaimed), "Unclaimed"},
}

// Valid reports whether s is one of ResponsibilityStates.
func (s ResponsibilityState) Valid() bool { return valid(ResponsibilityStates, string(s)) }

// Label is the state as a badge shows it.
func (s ResponsibilityState) Label() string { return label(ResponsibilityStates, string(s)) }

// Claimant is who claims an attack: a party, or a source that names none.
type Claimant struct {
	PartyID   PartyID
	SourceID  int64   // the source, when PartyID is zero
	Sources   []int64 // every source that carries this claim
	Citations []int64
}

func (c Claimant) key() string {
	if c.PartyID != 0 {
		return "p" + itoa64(int64(c.PartyID))
	}
	return "s" + itoa64(c.SourceID)
}

// Attribution is an official's word on who did it.
type Attribution struct {
	SourceID  int64   // the official, or the source relaying it
	PartyID   PartyID // the party blamed
	Citations []int64
}

// ResponsibilityAxis is who claims the attack and whom officials blame.
type ResponsibilityAxis struct {
	State        ResponsibilityState
	Claimants    []Claimant
	Attributions []Attribution
}

// responsibility collects claims (including an attacker's own voice confirming or
// reporting its strike) and attributions by parties off the attacker's side.
// w.attackers already holds the explicit claimants.
func (w weigher) responsibility(live []CitedStatement) ResponsibilityAxis {
	var ax ResponsibilityAxis
	index := map[string]int{}
	for _, c := range live {
		cl, ok := w.claimOf(c)
		if !ok {
			continue
		}
		i, seen := index[cl.key()]
		if !seen {
			i = len(ax.Claimants)
			index[cl.key()] = i
			ax.Claimants = append(ax.Claimants, cl)
		}
		ax.Claimants[i].Sources = appendID(ax.Claimants[i].Sources, c.SourceID)
		ax.Claimants[i].Citations = append(ax.Claimants[i].Citations, c.ID)
	}
	for _, c := range live {
		if p := c.speaksFor(); c.AttributesTo == 0 || p == 0 || !(c.official() || c.RelaysParty != 0) || w.tree.onSide(p, w.attackers) || w.claims(c) {
			continue
		}
		i := slices.IndexFunc(ax.Attributions, func(at Attribution) bool { return at.SourceID == c.SourceID && at.PartyID == c.AttributesTo })
		if i < 0 {
			i = len(ax.Attributions)
			ax.Attributions = append(ax.Attributions, Attribution{SourceID: c.SourceID, PartyID: c.AttributesTo})
		}
		ax.Attributions[i].Citations = append(ax.Attributions[i].Citations, c.ID)
	}
	switch {
	case len(w.unrelatedClaimants(ax.Claimants)) > 0:
		ax.State = ResponsibilityCompeting
	case len(ax.Claimants) > 0:
		ax.State = ResponsibilityClaimed
	case len(ax.Attributions) > 0:
		ax.State = ResponsibilityAttributed
	default:
		ax.State = ResponsibilityUnclaimed
	}
	return ax
}

// claims reports whether c is read as a claim of responsibility.
func (w weigher) claims(c CitedStatement) bool {
	_, ok := w.claimOf(c)
	return ok
}

// explicitClaimants returns the parties that claim responsibility in so many words.
func explicitClaimants(live []CitedStatement) []PartyID {
	var out []PartyID
	for _, c := range live {
		if p := c.speaksFor(); c.Stance == StanceClaimsResponsibility && p != 0 && !slices.Contains(out, p) {
			out = append(out, p)
		}
	}
	return out
}

// claimOf reads c as a claim of responsibility: an explicit claim, or an official on
// the attacker's side confirming or reporting the attack ("claimed", never "confirmed").
func (w weigher) claimOf(c CitedStatement) (Claimant, bool) {
	switch {
	case c.Stance == StanceClaimsResponsibility:
		return Claimant{PartyID: c.speaksFor(), SourceID: c.SourceID}, true
	case (c.Stance == StanceConfirms || c.Stance == StanceReports) && c.official() && w.tree.onSide(c.PartyID, w.attackers):
		return Claimant{PartyID: c.PartyID, SourceID: c.SourceID}, true
	}
	return Claimant{}, false
}

// unrelatedClaimants returns the claimants if some two of them are unrelated parties
// (neither belongs to the other), else nil: a group and its umbrella do not compete.
func (w weigher) unrelatedClaimants(cls []Claimant) []Claimant {
	for i, a := range cls {
		for _, b := range cls[i+1:] {
			if a.PartyID == 0 || b.PartyID == 0 || !w.tree.related(a.PartyID, b.PartyID) {
				return cls
			}
		}
	}
	return nil
}

// responsibilityReasons contests competing claims, and an official attribution to a
// party unrelated to every claimant.
func (w weigher) responsibilityReasons(ax ResponsibilityAxis) []ContestReason {
	if len(ax.Claimants) == 0 {
		return nil
	}
	var out []ContestReason
	claimants := make([]HeldValue, len(ax.Claimants))
	keys := make([]string, len(ax.Claimants))
	var claimCites []int64
	for i, cl := range ax.Claimants {
		claimants[i] = HeldValue{PartyID: cl.PartyID, SourceIDs: cl.Sources, CitationIDs: cl.Citations}
		keys[i] = cl.key()
		claimCites = append(claimCites, cl.Citations...)
	}
	sort.Strings(keys)
	slices.Sort(claimCites)
	if ax.State == ResponsibilityCompeting {
		out = append(out, ContestReason{
			Key: "claims:" + strings.Join(keys, "|"), Rule: ContestClaims,
			Values: claimants, CitationIDs: claimCites,
		})
	}
	for _, at := range ax.Attributions {
		if slices.ContainsFunc(ax.Claimants, func(cl Claimant) bool {
			return cl.PartyID != 0 && w.tree.related(cl.PartyID, at.PartyID)
		}) {
			continue
		}
		blamed := HeldValue{PartyID: at.PartyID, SourceIDs: []int64{at.SourceID}, CitationIDs: at.Citations}
		out = append(out, ContestReason{
			Key:  "attribution:p" + itoa64(int64(at.PartyID)) + ":" + strings.Join(keys, "|"),
			Rule: ContestAttribution, Values: append([]HeldValue{blamed}, claimants...),
			CitationIDs: append(slices.Clone(at.Citations), claimCites...),
		})
	}
	return out
}

// Words says the axis in a sentence.
func (a ResponsibilityAxis) Words(b NameBook) string {
	var s string
	switch a.State {
	case ResponsibilityClaimed:
		s = "Claimed by " + b.claimantList(a.Claimants) + "."
	case ResponsibilityCompeting:
		s = "Competing claims: " + b.claimantList(a.Claimants) + "."
	case ResponsibilityAttributed:
		return "Unclaimed; attributed by an official: " + b.attributionList(a.Attributions) + "."
	default:
		return "Unclaimed."
	}
	if len(a.Attributions) > 0 {
		s += " Officials attribute it: " + b.attributionList(a.Attributions) + "."
	}
	return s
}
