package claims

import (
	"fmt"
	"strconv"
	"strings"
)

// Evidence is what a claim's citations and verdict add up to.
type Evidence struct {
	OfficiallyConfirmed bool
	ConfirmedBy         []string // official sources that confirm
	OfficiallyDenied    bool
	DeniedBy            []string // official sources that deny
	ClaimedBy           []string // sources that claim responsibility
	IndependentSources  int      // distinct sources citing the claim
	Contested           bool
	Reasons             []string // why it is contested, in words
}

// Summarize works out the evidence for a claim from its citations (each with its
// Source loaded) and its verdict. It is pure: no database, no clock.
func Summarize(cites []Citation, verdict Verdict) Evidence {
	var ev Evidence
	sources := map[int64]bool{}
	var deniers []string
	for _, c := range cites {
		sources[c.SourceID] = true
		name, kind := sourceName(c), SourceKind("")
		if c.Source != nil {
			kind = c.Source.Kind
		}
		switch c.Stance {
		case StanceConfirms:
			if kind == KindOfficial {
				ev.OfficiallyConfirmed = true
				ev.ConfirmedBy = appendOnce(ev.ConfirmedBy, name)
			}
		case StanceDenies:
			deniers = appendOnce(deniers, name)
			if kind == KindOfficial {
				ev.OfficiallyDenied = true
				ev.DeniedBy = appendOnce(ev.DeniedBy, name)
			}
		case StanceClaimsResponsibility:
			ev.ClaimedBy = appendOnce(ev.ClaimedBy, name)
		}
	}
	ev.IndependentSources = len(sources)

	if len(deniers) > 0 {
		ev.Reasons = append(ev.Reasons, "Denied by "+strings.Join(deniers, ", "))
	}
	ev.Reasons = append(ev.Reasons, figureConflicts(cites)...)
	if len(ev.ClaimedBy) > 1 {
		ev.Reasons = append(ev.Reasons, "Responsibility claimed by more than one party: "+strings.Join(ev.ClaimedBy, ", "))
	}
	if verdict == VerdictDisputed {
		ev.Reasons = append(ev.Reasons, "Fact-checkers marked it disputed")
	}
	ev.Contested = len(ev.Reasons) > 0
	return ev
}

// Apply copies the evidence a dashboard filters on onto the claim.
func (ev Evidence) Apply(c *Claim) {
	c.OfficiallyConfirmed = ev.OfficiallyConfirmed
	c.OfficiallyDenied = ev.OfficiallyDenied
	c.Contested = ev.Contested
	c.ContestedReasons = strings.Join(ev.Reasons, "\n")
	c.SourceCount = ev.IndependentSources
}

// Figure names one figure a citation can give, for comparing sources side by side.
type Figure struct {
	Key   string
	Label string
	Value func(Figures) string // "" when the source did not give it
}

func intFigure(p func(Figures) *int) func(Figures) string {
	return func(f Figures) string {
		if n := p(f); n != nil {
			return strconv.Itoa(*n)
		}
		return ""
	}
}

// FigureList is every figure, in the order the claim page shows them.
var FigureList = []Figure{
	{"weapon", "Weapon", func(f Figures) string { return strings.ToLower(strings.TrimSpace(f.Weapon)) }},
	{"launched", "Launched", intFigure(func(f Figures) *int { return f.Launched })},
	{"intercepted", "Intercepted", intFigure(func(f Figures) *int { return f.Intercepted })},
	{"killed", "Killed", intFigure(func(f Figures) *int { return f.Killed })},
	{"injured", "Injured", intFigure(func(f Figures) *int { return f.Injured })},
}

// ConflictingFigures returns the keys of the figures on which the citations differ.
func ConflictingFigures(cites []Citation) map[string]bool {
	out := map[string]bool{}
	for _, f := range FigureList {
		if len(distinctValues(cites, f)) > 1 {
			out[f.Key] = true
		}
	}
	return out
}

// figureConflicts describes, one line a figure, where the citations disagree.
func figureConflicts(cites []Citation) []string {
	var out []string
	for _, f := range FigureList {
		values := distinctValues(cites, f)
		if len(values) < 2 {
			continue
		}
		parts := make([]string, len(values))
		for i, v := range values {
			parts[i] = fmt.Sprintf("%s (%s)", v.value, strings.Join(v.sources, ", "))
		}
		out = append(out, fmt.Sprintf("Sources disagree on %s: %s", strings.ToLower(f.Label), strings.Join(parts, " vs ")))
	}
	return out
}

type sourcedValue struct {
	value   string
	sources []string
}

// distinctValues lists the different values the citations give for one figure, each
// with the sources that gave it, in the order they first appear.
func distinctValues(cites []Citation, f Figure) []sourcedValue {
	var out []sourcedValue
	index := map[string]int{}
	for _, c := range cites {
		v := f.Value(c.Figures)
		if v == "" {
			continue
		}
		i, ok := index[v]
		if !ok {
			i = len(out)
			index[v] = i
			out = append(out, sourcedValue{value: v})
		}
		out[i].sources = appendOnce(out[i].sources, sourceName(c))
	}
	return out
}

func sourceName(c Citation) string {
	if c.Source != nil && c.Source.Name != "" {
		return c.Source.Name
	}
	return "source #" + strconv.FormatInt(c.SourceID, 10)
}

func appendOnce(list []string, s string) []string {
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
}

// GroupByStance returns the citations grouped in the order of Stances, skipping empty groups.
func GroupByStance(cites []Citation) []StanceGroup {
	var groups []StanceGroup
	for _, s := range Stances {
		g := StanceGroup{Stance: Stance(s.Value)}
		for _, c := range cites {
			if c.Stance == g.Stance {
				g.Citations = append(g.Citations, c)
			}
		}
		if len(g.Citations) > 0 {
			groups = append(groups, g)
		}
	}
	return groups
}

// StanceGroup is the citations that take one stance.
type StanceGroup struct {
	Stance    Stance
	Citations []Citation
}
