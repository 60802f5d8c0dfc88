package claims

import (
	"strings"
	"unicode/utf8"
)

// PartyID identifies a party to a conflict; zero means none.
type PartyID int64

// PartyKind says what sort of party it is.
type PartyKind string

// Party kinds.
const (
	PartyState      PartyKind = "state"
	PartyForces     PartyKind = "forces"
	PartyArmedGroup PartyKind = "armed_group"
	PartyCoalition  PartyKind = "coalition"
	PartyOther      PartyKind = "other"
)

// PartyKinds lists every kind of party in the order forms show them.
var PartyKinds = []Choice{
	{string(PartyState), "State (government)"},
	{string(PartyForces), "A state's forces"},
	{string(PartyArmedGroup), "Armed group"},
	{string(PartyCoalition), "Coalition or umbrella"},
	{string(PartyOther), "Other"},
}

// Valid reports whether k is one of PartyKinds.
func (k PartyKind) Valid() bool { return valid(PartyKinds, string(k)) }

// Label is the kind as editors read it.
func (k PartyKind) Label() string { return label(PartyKinds, string(k)) }

// Party is a side in a conflict: a state, its forces, an armed group or a coalition.
type Party struct {
	ID   PartyID
	Name string
	Kind PartyKind
	// ParentID is the party this one belongs to (a state for its forces, a coalition
	// for a member group); zero when it belongs to none.
	ParentID PartyID
}

// Validate checks a party as an editor submitted it.
func (p *Party) Validate() error {
	problems := ValidationError{}
	p.Name = strings.Join(strings.Fields(p.Name), " ")
	switch n := utf8.RuneCountInString(p.Name); {
	case n == 0:
		problems["name"] = "Give the party a name."
	case n > 200:
		problems["name"] = "Keep the name to 200 characters."
	}
	if !p.Kind.Valid() {
		problems["kind"] = "Choose what kind of party this is."
	}
	if p.ParentID != 0 && p.ParentID == p.ID {
		problems["parent_id"] = "A party cannot belong to itself."
	}
	return problems.orNil()
}

// Relation says how a source stands to the party it belongs to.
type Relation string

// Relations of a source to a party.
const (
	RelationVoice       Relation = "voice"
	RelationAffiliated  Relation = "affiliated"
	RelationIndependent Relation = "independent"
)

// Relations lists every relation in the order forms show them.
var Relations = []Choice{
	{string(RelationVoice), "The party's own voice (spokesperson, ministry, military)"},
	{string(RelationAffiliated), "Media affiliated with the party"},
	{string(RelationIndependent), "Independent"},
}

// Valid reports whether r is one of Relations.
func (r Relation) Valid() bool { return valid(Relations, string(r)) }

// Label is the relation as editors read it.
func (r Relation) Label() string { return label(Relations, string(r)) }

// partyTree answers who belongs to whom, from the parties the caller passes.
type partyTree map[PartyID]Party

func newPartyTree(parties []Party) partyTree {
	t := partyTree{}
	for _, p := range parties {
		t[p.ID] = p
	}
	return t
}

// lineage returns id and the parties above it, nearest first; a cycle stops it.
func (t partyTree) lineage(id PartyID) []PartyID {
	var out []PartyID
	seen := map[PartyID]bool{}
	for id != 0 && !seen[id] {
		seen[id] = true
		out = append(out, id)
		id = t[id].ParentID
	}
	return out
}

// within reports whether a is b or belongs to b, directly or through others.
func (t partyTree) within(a, b PartyID) bool {
	if a == 0 || b == 0 {
		return false
	}
	for _, x := range t.lineage(a) {
		if x == b {
			return true
		}
	}
	return false
}

// related reports whether one of a and b belongs to the other (or they are the same).
func (t partyTree) related(a, b PartyID) bool { return t.within(a, b) || t.within(b, a) }

// onSide reports whether p is related to any party of side.
func (t partyTree) onSide(p PartyID, side []PartyID) bool {
	for _, s := range side {
		if t.related(p, s) {
			return true
		}
	}
	return false
}

// home is the party whose sources count once together with p's: p's topmost
// ancestor reached without climbing into a coalition.
func (t partyTree) home(p PartyID) PartyID {
	if p == 0 {
		return 0
	}
	h := p
	for _, x := range t.lineage(p)[1:] {
		if t[x].Kind == PartyCoalition {
			break
		}
		h = x
	}
	return h
}
