package claims

// DenialScope is what a denial denies: the event itself, or one detail of it.
type DenialScope string

// Denial scopes.
const (
	DeniesEvent          DenialScope = "event"
	DeniesLocation       DenialScope = "location"
	DeniesTarget         DenialScope = "target"
	DeniesFigures        DenialScope = "figures"
	DeniesResponsibility DenialScope = "responsibility"
)

// DenialScopes lists every scope in the order forms show them.
var DenialScopes = []Choice{
	{string(DeniesEvent), "That it happened at all"},
	{string(DeniesLocation), "Where it happened"},
	{string(DeniesTarget), "What or who was targeted"},
	{string(DeniesFigures), "The figures"},
	{string(DeniesResponsibility), "Who did it"},
}

var disputedThing = map[DenialScope]string{
	DeniesLocation:       "the location",
	DeniesTarget:         "the target",
	DeniesFigures:        "the figures",
	DeniesResponsibility: "responsibility",
}

// Valid reports whether d is one of DenialScopes.
func (d DenialScope) Valid() bool { return valid(DenialScopes, string(d)) }

// Label is the scope as editors read it.
func (d DenialScope) Label() string { return label(DenialScopes, string(d)) }

// denialScope is what c denies: its scope, the event when none is given (as stored before scopes existed).
func denialScope(c CitedStatement) DenialScope {
	if c.DenialScope == "" {
		return DeniesEvent
	}
	return c.DenialScope
}

// denialReasons makes one contest reason for each denial, whoever makes it.
func denialReasons(live []CitedStatement) []ContestReason {
	var out []ContestReason
	for _, c := range live {
		if c.Stance != StanceDenies {
			continue
		}
		scope := denialScope(c)
		out = append(out, ContestReason{
			Key:         "denial:" + string(scope) + ":" + itoa64(c.ID),
			Rule:        ContestDenial,
			Scope:       scope,
			SourceID:    c.SourceID,
			CitationIDs: []int64{c.ID},
			Quote:       c.Quote,
		})
	}
	return out
}

// acknowledges reports whether c, without confirming, takes the event as given: it
// denies a detail (where, what, how many, who), which presupposes that it happened.
func acknowledges(c CitedStatement) bool {
	return c.Stance == StanceConfirms || (c.Stance == StanceDenies && denialScope(c) != DeniesEvent)
}
