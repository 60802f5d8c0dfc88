package claims

import (
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// CitedStatement is one citation as the evidence rules read it: who said what, for which side, when.
type CitedStatement struct {
	ID               int64
	SourceID         int64
	SourceName       string
	PartyID          PartyID  // the party the source belongs to; zero for none
	Relation         Relation // how the source stands to PartyID
	Stance           Stance
	DenialScope      DenialScope // what a denial denies; "" is read as the event
	RelaysSourceID   int64       // the source this citation passes on ("citing Reuters"); zero for none
	RelaysSourceName string
	// RelaysSourceParty and RelaysSourceRelation are the relayed source's own party and
	// relation, so passing on a party's voice counts as that party.
	RelaysSourceParty    PartyID
	RelaysSourceRelation Relation
	RelaysParty          PartyID // the party this citation passes on ("citing a US official"); zero for none
	AttributesTo         PartyID // the party the statement blames; zero for none
	Quote                string
	PublishedAt          *time.Time
	Figures              FigureSet
	Withdrawn            bool
}

// Validate checks a cited statement as an editor submitted it.
func (c *CitedStatement) Validate() error {
	problems := ValidationError{}
	c.Quote = strings.TrimSpace(c.Quote)
	if c.SourceID <= 0 {
		problems["source_id"] = "Choose the source."
	}
	if !valid(Stances, string(c.Stance)) {
		problems["stance"] = "Choose what the source says."
	}
	if c.Relation == "" {
		c.Relation = RelationIndependent
	}
	switch {
	case !c.Relation.Valid():
		problems["relation"] = "Choose how the source stands to its party."
	case c.Relation != RelationIndependent && c.PartyID == 0:
		problems["party_id"] = "Choose the party the source speaks for or is affiliated with."
	}
	switch {
	case c.DenialScope != "" && c.Stance != StanceDenies:
		problems["denial_scope"] = "Only a denial has a scope."
	case c.DenialScope != "" && !c.DenialScope.Valid():
		problems["denial_scope"] = "Choose what the source denies."
	}
	switch {
	case c.RelaysSourceID != 0 && c.RelaysParty != 0:
		problems["relays"] = "Choose either the source or the party it passes on, not both."
	case c.RelaysSourceID != 0 && c.RelaysSourceID == c.SourceID:
		problems["relays"] = "A source cannot pass on itself."
	}
	if c.Stance == StanceClaimsResponsibility && c.RelaysParty == 0 && c.Relation == RelationIndependent {
		problems["relays"] = "Say which party claims responsibility: an independent source only passes a claim on."
	}
	if utf8.RuneCountInString(c.Quote) > 5000 {
		problems["quote"] = "Keep the quote to 5000 characters."
	}
	for field, msg := range c.Figures.Problems() {
		problems[field] = msg
	}
	return problems.orNil()
}

// speaksFor is the party whose word c carries: the one it relays (directly, or through
// a relayed source that is its voice or media), else its own party when it is that
// party's voice or affiliated media; zero for an independent source.
func (c CitedStatement) speaksFor() PartyID {
	if c.RelaysParty != 0 {
		return c.RelaysParty
	}
	if c.RelaysSourceID != 0 && c.RelaysSourceParty != 0 &&
		(c.RelaysSourceRelation == RelationVoice || c.RelaysSourceRelation == RelationAffiliated) {
		return c.RelaysSourceParty
	}
	if c.Relation == RelationVoice || c.Relation == RelationAffiliated {
		return c.PartyID
	}
	return 0
}

// official reports whether c is a party's own voice speaking on the record, not passed on.
func (c CitedStatement) official() bool {
	return c.Relation == RelationVoice && c.PartyID != 0 && c.RelaysParty == 0 && c.RelaysSourceID == 0
}

// EvidenceInput is everything the evidence rules read: the citations, the parties and the sides.
type EvidenceInput struct {
	Citations []CitedStatement
	Parties   []Party         // every party the citations and sides mention, for who belongs to whom
	Attackers []PartyID       // alleged attacker(s), as the desk recorded them
	Targets   []PartyID       // targeted party(ies)
	Reviewed  map[string]bool // keys of contest reasons the desk has reviewed
	Now       time.Time       // for hours since the first report; zero leaves them out
}

// Assessment is what a claim's citations add up to, axis by axis; IDs only, no names.
type Assessment struct {
	Occurred       OccurredAxis
	Responsibility ResponsibilityAxis
	Response       ResponseAxis
	Independence   Independence
	Timelines      []FigureTimeline
	Reasons        []ContestReason
	Contested      bool // some reason is still open (not reviewed)
	Suggested      SuggestedVerdict
}

// OpenReasons returns the contest reasons nobody has reviewed yet.
func (a Assessment) OpenReasons() []ContestReason {
	var out []ContestReason
	for _, r := range a.Reasons {
		if !r.Reviewed {
			out = append(out, r)
		}
	}
	return out
}

// WeighEvidence works out a claim's evidence from its citations. It is pure: no database, no clock.
func WeighEvidence(in EvidenceInput) Assessment {
	var live []CitedStatement
	for _, c := range in.Citations {
		if !c.Withdrawn {
			live = append(live, c)
		}
	}
	w := weigher{tree: newPartyTree(in.Parties), targets: in.Targets}
	w.attackers = append(slices.Clone(in.Attackers), explicitClaimants(live)...)
	var a Assessment
	a.Responsibility = w.responsibility(live)
	a.Independence = w.independence(in.Citations)
	a.Occurred = w.occurred(live, a.Independence.Count())
	a.Response = w.response(live, in.Now)
	a.Timelines, a.Reasons = figureEvidence(live, w.figureKeeper)
	a.Reasons = append(denialReasons(live), a.Reasons...)
	a.Reasons = append(a.Reasons, w.responsibilityReasons(a.Responsibility)...)
	a.Reasons = mergeReasons(a.Reasons)
	for i := range a.Reasons {
		if in.Reviewed[a.Reasons[i].Key] {
			a.Reasons[i].Reviewed = true
		} else {
			a.Contested = true
		}
	}
	a.Suggested = suggestVerdict(a)
	return a
}

// figureKeeper is whose figures supersede each other: a party's own officials speak
// for one party (the White House's word is superseded by the Pentagon's later count),
// any other source for itself; weapons always by source (two officials' words for one
// weapon are not a revision). A negative key is a party's, a positive a source's.
func (w weigher) figureKeeper(c CitedStatement, m Measure) int64 {
	if c.official() && m != MeasureWeapon {
		return -int64(w.tree.home(c.PartyID))
	}
	return c.SourceID
}

// mergeReasons keeps one reason a key: two sources blaming the same party against the
// same claim are one disagreement, with both sources' citations.
func mergeReasons(rs []ContestReason) []ContestReason {
	var out []ContestReason
	at := map[string]int{}
	for _, r := range rs {
		i, seen := at[r.Key]
		if !seen {
			at[r.Key] = len(out)
			out = append(out, r)
			continue
		}
		for _, id := range r.CitationIDs {
			out[i].CitationIDs = appendID(out[i].CitationIDs, id)
		}
		for _, v := range r.Values {
			merged := false
			for j := range out[i].Values {
				if out[i].Values[j].Value == v.Value && out[i].Values[j].PartyID == v.PartyID {
					for _, id := range v.SourceIDs {
						out[i].Values[j].SourceIDs = appendID(out[i].Values[j].SourceIDs, id)
					}
					for _, id := range v.CitationIDs {
						out[i].Values[j].CitationIDs = appendID(out[i].Values[j].CitationIDs, id)
					}
					merged = true
				}
			}
			if !merged {
				out[i].Values = append(out[i].Values, v)
			}
		}
	}
	return out
}

// weigher holds what every rule needs to know: who belongs to whom, and the sides.
type weigher struct {
	tree      partyTree
	attackers []PartyID // as recorded, plus every party that explicitly claims responsibility
	targets   []PartyID
}

type side int

const (
	sideNeutral side = iota
	sideAttacker
	sideTarget
)

// sideOf places a party: on the attacker's side first (a party on both is treated as the attacker), then the target's, else neutral.
func (w weigher) sideOf(p PartyID) side {
	switch {
	case w.tree.onSide(p, w.attackers):
		return sideAttacker
	case w.tree.onSide(p, w.targets):
		return sideTarget
	}
	return sideNeutral
}

// OccurredState says how far the event itself is established.
type OccurredState string

// Occurred states, strongest first.
const (
	OccurredConfirmedByTarget  OccurredState = "confirmed_by_target"
	OccurredConfirmedByNeutral OccurredState = "confirmed_by_neutral"
	OccurredDenied             OccurredState = "denied"
	OccurredCorroborated       OccurredState = "corroborated"
	OccurredSingleSource       OccurredState = "single_source"
	OccurredNoSources          OccurredState = "no_sources"
)

// OccurredStates lists every state with the words a badge shows.
var OccurredStates = []Choice{
	{string(OccurredConfirmedByTarget), "Confirmed by the targeted side"},
	{string(OccurredConfirmedByNeutral), "Confirmed by a neutral official"},
	{string(OccurredDenied), "Officially denied"},
	{string(OccurredCorroborated), "Corroborated"},
	{string(OccurredSingleSource), "Single source"},
	{string(OccurredNoSources), "No sources yet"},
}

// Valid reports whether s is one of OccurredStates.
func (s OccurredState) Valid() bool { return valid(OccurredStates, string(s)) }

// Label is the state as a badge shows it.
func (s OccurredState) Label() string { return label(OccurredStates, string(s)) }

// OccurredAxis is whether the event happened, and on whose word.
type OccurredAxis struct {
	State       OccurredState
	By          []int64 // the officials whose word decided it (confirmed or denied)
	Independent int     // independent sources that report it
}

// occurred applies the Occurred rules in order; the first that holds decides.
func (w weigher) occurred(live []CitedStatement, independent int) OccurredAxis {
	var byTarget, byNeutral, deniers []int64
	for _, c := range live {
		if !c.official() {
			continue
		}
		s := w.sideOf(c.PartyID)
		switch {
		case s == sideAttacker:
		case acknowledges(c) && s == sideTarget:
			byTarget = appendID(byTarget, c.SourceID)
		case acknowledges(c):
			byNeutral = appendID(byNeutral, c.SourceID)
		case c.Stance == StanceDenies:
			deniers = appendID(deniers, c.SourceID)
		}
	}
	ax := OccurredAxis{Independent: independent}
	switch {
	case len(byTarget) > 0:
		ax.State, ax.By = OccurredConfirmedByTarget, byTarget
	case len(byNeutral) > 0:
		ax.State, ax.By = OccurredConfirmedByNeutral, byNeutral
	case len(deniers) > 0:
		ax.State, ax.By = OccurredDenied, deniers
	case independent >= 2:
		ax.State = OccurredCorroborated
	case len(live) > 0:
		ax.State = OccurredSingleSource
	default:
		ax.State = OccurredNoSources
	}
	return ax
}

// Words says the axis in a sentence.
func (a OccurredAxis) Words(b NameBook) string {
	switch a.State {
	case OccurredConfirmedByTarget:
		return "Confirmed by the targeted side's officials: " + b.sourceList(a.By) + "."
	case OccurredConfirmedByNeutral:
		return "Confirmed by a neutral official: " + b.sourceList(a.By) + "."
	case OccurredDenied:
		return "Officially denied: " + b.sourceList(a.By) + " says it did not happen."
	case OccurredCorroborated:
		return "Corroborated by " + plural(a.Independent, "independent source", "independent sources") + "."
	case OccurredSingleSource:
		if a.Independent == 0 {
			return "Single source: no independent source reports it."
		}
		return "Single source: only 1 independent source reports it."
	}
	return "No sources yet."
}

// ResponseState is whether officials off the attacker's side have spoken.
type ResponseState string

// Official response states.
const (
	ResponseConfirmed ResponseState = "confirmed"
	ResponseDenied    ResponseState = "denied"
	ResponseNoneYet   ResponseState = "none_yet"
)

// ResponseStates lists every state with the words a badge shows.
var ResponseStates = []Choice{
	{string(ResponseConfirmed), "Officially confirmed"},
	{string(ResponseDenied), "Officially denied"},
	{string(ResponseNoneYet), "No official response yet"},
}

// Valid reports whether s is one of ResponseStates.
func (s ResponseState) Valid() bool { return valid(ResponseStates, string(s)) }

// Label is the state as a badge shows it.
func (s ResponseState) Label() string { return label(ResponseStates, string(s)) }

// ResponseAxis is the official response and how long it took, or how long it has been awaited.
type ResponseAxis struct {
	State ResponseState
	By    []int64 // the officials who responded
	Hours int     // from the first report to the first response, or to now when none yet
	Timed bool    // whether Hours could be worked out (dated citations, and a now for none yet)
	// Next is when Hours, counted to now while no response has come, grows by one: a
	// page that says the axis in words is current until then. Zero when Hours is fixed.
	Next time.Time
}

// response finds the first official word from off the attacker's side.
func (w weigher) response(live []CitedStatement, now time.Time) ResponseAxis {
	var first *time.Time
	for _, c := range live {
		first = earlier(first, c.PublishedAt)
	}
	var confirmers, deniers []int64
	var confirmedAt, deniedAt *time.Time
	for _, c := range live {
		if !c.official() || w.sideOf(c.PartyID) == sideAttacker {
			continue
		}
		switch {
		case acknowledges(c):
			confirmers = appendID(confirmers, c.SourceID)
			confirmedAt = earlier(confirmedAt, c.PublishedAt)
		case c.Stance == StanceDenies:
			deniers = appendID(deniers, c.SourceID)
			deniedAt = earlier(deniedAt, c.PublishedAt)
		}
	}
	ax := ResponseAxis{State: ResponseNoneYet}
	end := &now
	switch {
	case len(confirmers) > 0:
		ax.State, ax.By, end = ResponseConfirmed, confirmers, confirmedAt
	case len(deniers) > 0:
		ax.State, ax.By, end = ResponseDenied, deniers, deniedAt
	case now.IsZero():
		end = nil
	}
	if first != nil && end != nil {
		ax.Hours, ax.Timed = max(0, int(end.Sub(*first)/time.Hour)), true
		if end == &now {
			ax.Next = first.Add(time.Duration(ax.Hours+1) * time.Hour)
		}
	}
	return ax
}

// earlier returns the earlier of two times, ignoring a missing one.
func earlier(a, b *time.Time) *time.Time {
	if a == nil || (b != nil && b.Before(*a)) {
		return b
	}
	return a
}

// Words says the axis in a sentence.
func (a ResponseAxis) Words(b NameBook) string {
	hours := Duration(a.Hours)
	switch {
	case a.State == ResponseConfirmed && a.Timed:
		return "Confirmed by " + b.sourceList(a.By) + ", " + hours + " after the first report."
	case a.State == ResponseConfirmed:
		return "Confirmed by " + b.sourceList(a.By) + "."
	case a.State == ResponseDenied && a.Timed:
		return "Denied by " + b.sourceList(a.By) + ", " + hours + " after the first report."
	case a.State == ResponseDenied:
		return "Denied by " + b.sourceList(a.By) + "."
	case a.Timed:
		return "No official response yet, " + hours + " since the first report."
	}
	return "No official response yet."
}

// plural writes a count with the singular or plural noun: "1 source", "3 sources".
// Duration says a number of hours as a person would: hours up to two days, then days up
// to two months, then months up to two years, then years ("3 hours", "5 days", "about 3 years").
func Duration(hours int) string {
	switch {
	case hours < 48:
		return plural(hours, "hour", "hours")
	case hours < 60*24:
		return plural(hours/24, "day", "days")
	case hours < 2*365*24:
		return "about " + plural(hours/(30*24), "month", "months")
	}
	return "about " + plural(hours/(365*24), "year", "years")
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}

func appendID(list []int64, id int64) []int64 {
	for _, x := range list {
		if x == id {
			return list
		}
	}
	return append(list, id)
}

func itoa64(n int64) string { return strconv.FormatInt(n, 10) }
