package claims

import "strings"

// SkipReason says why a source was not counted as independent.
type SkipReason string

// Reasons a source is not counted.
const (
	SkipWithdrawn      SkipReason = "withdrawn"
	SkipClaims         SkipReason = "claims"
	SkipDenies         SkipReason = "denies"
	SkipAttackerSide   SkipReason = "attacker_side"
	SkipRelaysAttacker SkipReason = "relays_attacker"
	SkipSameParty      SkipReason = "same_party"
	SkipSameSource     SkipReason = "same_source"
)

// Skipped is a source left out of the independent count, and why.
type Skipped struct {
	SourceID int64
	Reason   SkipReason
	PartyID  PartyID     // the party it claims for, speaks for or relays
	Scope    DenialScope // what it denies, for SkipDenies
	Relayed  int64       // the source it passes on, for SkipSameSource
	Through  int64       // the counted source it duplicates, for SkipSameParty and SkipSameSource
}

// Independence is how many independent sources report the event, and how that count was reached.
type Independence struct {
	Counted []int64 // sources counted, in the order first cited
	Skipped []Skipped
}

// Count is the number of independent sources.
func (i Independence) Count() int { return len(i.Counted) }

// independence counts sources that report or confirm the event, one per party
// (a party's voice, its media and whoever relays it count once) and one per relayed
// source; claimants, deniers and the attacker's side are not corroboration.
func (w weigher) independence(cites []CitedStatement) Independence {
	var out Independence
	takenBy := map[string]int64{}
	counted := map[int64]bool{}
	firstSkip := map[int64]Skipped{}
	var order []int64
	for _, c := range cites {
		order = appendID(order, c.SourceID)
		key, skip := w.independenceKey(c)
		if key != "" {
			taker, taken := takenBy[key]
			switch {
			case !taken:
				takenBy[key] = c.SourceID
				counted[c.SourceID] = true
				continue
			case taker == c.SourceID:
				continue
			}
			skip.Through = taker
			if c.speaksFor() != 0 {
				skip.Reason, skip.PartyID = SkipSameParty, c.speaksFor()
			} else {
				skip.Reason, skip.Relayed = SkipSameSource, c.RelaysSourceID
				if c.RelaysSourceID == 0 {
					skip.Relayed = c.SourceID
				}
			}
		}
		if _, ok := firstSkip[c.SourceID]; !ok {
			firstSkip[c.SourceID] = skip
		}
	}
	for _, id := range order {
		if counted[id] {
			out.Counted = append(out.Counted, id)
		} else {
			out.Skipped = append(out.Skipped, firstSkip[id])
		}
	}
	return out
}

// independenceKey is what c counts as ("p<party>" or "s<source>"), or why it does not count.
func (w weigher) independenceKey(c CitedStatement) (string, Skipped) {
	skip := Skipped{SourceID: c.SourceID, PartyID: c.speaksFor()}
	p := c.speaksFor()
	switch {
	case c.Withdrawn:
		skip.Reason = SkipWithdrawn
	case w.claims(c):
		skip.Reason = SkipClaims
	case c.Stance == StanceDenies:
		skip.Reason, skip.Scope = SkipDenies, denialScope(c)
	case p != 0 && w.tree.onSide(p, w.attackers) && c.RelaysParty != 0:
		skip.Reason = SkipRelaysAttacker
	case p != 0 && w.tree.onSide(p, w.attackers):
		skip.Reason = SkipAttackerSide
	case p != 0:
		return "p" + itoa64(int64(w.tree.home(p))), skip
	case c.RelaysSourceID != 0:
		return "s" + itoa64(c.RelaysSourceID), skip
	default:
		return "s" + itoa64(c.SourceID), skip
	}
	return "", skip
}

// Words says how the count was reached: "3 independent sources: AP, Politico, SOHR; not counted: ...".
func (i Independence) Words(b NameBook) string {
	var s string
	if len(i.Counted) == 0 {
		s = "No independent source"
	} else {
		s = plural(len(i.Counted), "independent source", "independent sources") + ": " + b.sourceList(i.Counted)
	}
	if len(i.Skipped) > 0 {
		parts := make([]string, len(i.Skipped))
		for k, sk := range i.Skipped {
			parts[k] = b.source(sk.SourceID) + " (" + sk.words(b) + ")"
		}
		s += "; not counted: " + strings.Join(parts, ", ")
	}
	return s + "."
}

func (sk Skipped) words(b NameBook) string {
	switch sk.Reason {
	case SkipWithdrawn:
		return "withdrawn"
	case SkipClaims:
		return "claims responsibility"
	case SkipDenies:
		if sk.Scope == DeniesEvent {
			return "denies it happened"
		}
		return "disputes " + disputedThing[sk.Scope]
	case SkipRelaysAttacker:
		return "relays " + b.party(sk.PartyID)
	case SkipAttackerSide:
		return "speaks for " + b.party(sk.PartyID) + ", on the attacker's side"
	case SkipSameParty:
		return "speaks for " + b.party(sk.PartyID) + ", already counted through " + b.source(sk.Through)
	case SkipSameSource:
		if sk.Relayed == sk.SourceID {
			return "already counted through " + b.source(sk.Through) + ", which relays it"
		}
		return "relays " + b.source(sk.Relayed) + ", already counted through " + b.source(sk.Through)
	}
	return string(sk.Reason)
}
