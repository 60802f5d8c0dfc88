package claims_test

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"claimdesk/internal/claims"
	"claimdesk/internal/claims/claimstest"
)

// The incidents themselves, with who reported what on which day and what a fact-checker
// expects at each stage, are in claimstest.Incidents, shared with the web scenarios.

// typed reads a figure as typed into the form; the incidents only hold readable ones.
func typed(t *testing.T, s string) claims.FigureValue {
	t.Helper()
	v, err := claims.ParseFigureValue(s)
	if err != nil {
		t.Fatalf("figure %q: %v", s, err)
	}
	return v
}

func casualties(t *testing.T, tl claimstest.Toll) claims.Casualties {
	t.Helper()
	return claims.Casualties{Military: typed(t, tl.Mil), Civilian: typed(t, tl.Civ), Unknown: typed(t, tl.Unk)}
}

// incDesk is an incident entered into a desk that holds nothing else: parties and sources
// numbered in the order given, citations in the order added.
type incDesk struct {
	t        *testing.T
	inc      claimstest.Incident
	parties  map[string]claims.PartyID
	sources  map[string]claimstest.Source
	ids      map[string]int64
	refs     map[string]int64
	in       claims.EvidenceInput
	verdict  claims.Verdict
	reviewed map[string]bool
}

func newIncDesk(t *testing.T, inc claimstest.Incident) *incDesk {
	d := &incDesk{t: t, inc: inc, parties: map[string]claims.PartyID{}, sources: map[string]claimstest.Source{},
		ids: map[string]int64{}, refs: map[string]int64{}, verdict: claims.VerdictUnverified, reviewed: map[string]bool{}}
	for i, p := range inc.Parties {
		d.parties[p.Name] = claims.PartyID(i + 1)
	}
	for _, p := range inc.Parties {
		pt := claims.Party{ID: d.party(p.Name), Name: p.Name, Kind: p.Kind, ParentID: d.party(p.Parent)}
		if err := pt.Validate(); err != nil {
			t.Fatalf("%s: party %q: %v", inc.Name, p.Name, err)
		}
		d.in.Parties = append(d.in.Parties, pt)
	}
	for i, s := range inc.Sources {
		d.sources[s.Name] = s
		d.ids[s.Name] = int64(i + 1)
	}
	for _, p := range inc.Attackers {
		d.in.Attackers = append(d.in.Attackers, d.party(p))
	}
	for _, p := range inc.Targets {
		d.in.Targets = append(d.in.Targets, d.party(p))
	}
	return d
}

func (d *incDesk) party(name string) claims.PartyID {
	if name == "" {
		return 0
	}
	id, ok := d.parties[name]
	if !ok {
		d.t.Fatalf("%s: no party %q", d.inc.Name, name)
	}
	return id
}

func (d *incDesk) source(name string) (claimstest.Source, int64) {
	s, ok := d.sources[name]
	if !ok {
		d.t.Fatalf("%s: no source %q", d.inc.Name, name)
	}
	return s, d.ids[name]
}

// add enters a citation as the form would: validated, figures read from what was typed.
func (d *incDesk) add(c claimstest.Cite) {
	t := d.t
	s, sid := d.source(c.Source)
	cs := claims.CitedStatement{
		ID: int64(len(d.in.Citations) + 1), SourceID: sid, SourceName: s.Name,
		PartyID: d.party(s.Party), Relation: s.Rel, Stance: c.Stance, DenialScope: c.Scope, Quote: c.Quote,
		RelaysParty: d.party(c.RelaysParty), AttributesTo: d.party(c.Blames),
		Figures: claims.FigureSet{
			Weapon:   claims.WeaponReport{Category: c.Weapon, Text: c.WeaponText},
			Launched: typed(t, c.Launched), Killed: casualties(t, c.Killed), Injured: casualties(t, c.Injured),
		},
	}
	if c.RelaysSource != "" {
		rs, rid := d.source(c.RelaysSource)
		cs.RelaysSourceID, cs.RelaysSourceName = rid, rs.Name
	}
	if c.On != "" {
		at := claimstest.Day(c.On)
		cs.PublishedAt = &at
	}
	if err := cs.Validate(); err != nil {
		t.Fatalf("%s: citation of %s: %v", d.inc.Name, c.Source, err)
	}
	if c.Ref != "" {
		d.refs[c.Ref] = cs.ID
	}
	d.in.Citations = append(d.in.Citations, cs)
}

// stage applies what the desk does at st and weighs the claim as of its day.
func (d *incDesk) stage(st claimstest.Stage) claims.Assessment {
	for _, c := range st.Cites {
		d.add(c)
	}
	for _, ref := range st.Withdraw {
		id, ok := d.refs[ref]
		if !ok {
			d.t.Fatalf("%s: no citation %q to withdraw", d.inc.Name, ref)
		}
		d.in.Citations[id-1].Withdrawn = true
	}
	d.in.Now = claimstest.Day(st.AsOf)
	d.in.Reviewed = d.reviewed
	if len(st.Review) > 0 {
		a, b := claims.WeighEvidence(d.in), claims.NamesOf(d.in)
		for _, start := range st.Review {
			found := false
			for _, r := range a.Reasons {
				if strings.HasPrefix(r.Words(b), start) {
					d.reviewed[r.Key], found = true, true
				}
			}
			if !found {
				d.t.Fatalf("%s %s: no reason to review starting %q", d.inc.Name, st.AsOf, start)
			}
		}
	}
	if st.Verdict != "" {
		d.verdict = st.Verdict
	}
	return claims.WeighEvidence(d.in)
}

// outcome is what the desk shows for a, in the terms of claimstest.Outcome.
func (d *incDesk) outcome(a claims.Assessment) claimstest.Outcome {
	b := claims.NamesOf(d.in)
	o := claimstest.Outcome{
		Occurred: a.Occurred.State, OccurredWords: a.Occurred.Words(b),
		Responsibility: a.Responsibility.State, ResponsibilityWords: a.Responsibility.Words(b),
		Response: a.Response.State, ResponseWords: a.Response.Words(b),
		Independence: a.Independence.Words(b), Suggested: a.Suggested.Words(b),
		Buckets: incBuckets(a, d.verdict),
	}
	for _, r := range a.Reasons {
		w := r.Words(b)
		if r.Reviewed {
			w += " (reviewed)"
		}
		o.Reasons = append(o.Reasons, w)
	}
	for _, tl := range a.Timelines {
		o.Timelines = append(o.Timelines, tl.Words(b))
	}
	return o
}

// incBuckets lists the dashboard buckets a claim is in: officially confirmed (confirmed by an
// official of the targeted side or a neutral one), contested (an open reason), its verdict, and
// awaiting an official response (none yet, the first report 24 hours old or more: the desk's
// default setting).
func incBuckets(a claims.Assessment, v claims.Verdict) []string {
	var out []string
	if a.Occurred.State == claims.OccurredConfirmedByTarget || a.Occurred.State == claims.OccurredConfirmedByNeutral {
		out = append(out, claimstest.BucketOfficial)
	}
	if a.Contested {
		out = append(out, claimstest.BucketContested)
	}
	out = append(out, string(v))
	if a.Response.State == claims.ResponseNoneYet && a.Response.Timed && a.Response.Hours >= 24 {
		out = append(out, claimstest.BucketAwaiting)
	}
	return out
}

// diffOutcome lists every field where got is not want.
func diffOutcome(got, want claimstest.Outcome) []string {
	var out []string
	check := func(what string, g, w any) {
		if !reflect.DeepEqual(g, w) {
			out = append(out, fmt.Sprintf("%s:\n  got  %q\n  want %q", what, g, w))
		}
	}
	check("occurred", got.Occurred, want.Occurred)
	check("occurred words", got.OccurredWords, want.OccurredWords)
	check("responsibility", got.Responsibility, want.Responsibility)
	check("responsibility words", got.ResponsibilityWords, want.ResponsibilityWords)
	check("response", got.Response, want.Response)
	check("response words", got.ResponseWords, want.ResponseWords)
	check("independence", got.Independence, want.Independence)
	check("reasons", got.Reasons, want.Reasons)
	check("timelines", got.Timelines, want.Timelines)
	check("suggested", got.Suggested, want.Suggested)
	check("buckets", got.Buckets, want.Buckets)
	return out
}

// TestIncidentsAsAFactCheckerExpects weighs each incident stage by stage and holds the engine
// to what a careful fact-checker expects. The few stages where the desk's written rules
// knowingly part from that (listed under Limits in docs/EVIDENCE.md) record what the engine
// gives instead and why; TestIncidentEngineDifferencesAreAsRecorded holds those.
func TestIncidentsAsAFactCheckerExpects(t *testing.T) {
	for _, inc := range claimstest.Incidents {
		t.Run(inc.Name, func(t *testing.T) {
			d := newIncDesk(t, inc)
			for i, st := range inc.Stages {
				got := d.outcome(d.stage(st))
				if st.Engine != nil {
					continue
				}
				if diffs := diffOutcome(got, st.Want); len(diffs) > 0 {
					t.Errorf("stage %d (as of %s):\n%s", i, st.AsOf, strings.Join(diffs, "\n"))
				}
			}
		})
	}
}

// TestIncidentEngineDifferencesAreAsRecorded keeps the record of disagreements true: where a
// stage records what the engine gives instead, the engine gives exactly that, and everything
// else as the fact-checker expects. It is what the web scenarios rely on.
func TestIncidentEngineDifferencesAreAsRecorded(t *testing.T) {
	for _, inc := range claimstest.Incidents {
		t.Run(inc.Name, func(t *testing.T) {
			d := newIncDesk(t, inc)
			for i, st := range inc.Stages {
				got := d.outcome(d.stage(st))
				if diffs := diffOutcome(got, st.WithEngine()); len(diffs) > 0 {
					t.Errorf("stage %d (as of %s):\n%s", i, st.AsOf, strings.Join(diffs, "\n"))
				}
				if st.Engine != nil && st.Why == "" {
					t.Errorf("stage %d (as of %s): a disagreement without the rule that causes it", i, st.AsOf)
				}
			}
		})
	}
}

// TestIncidentsCoverTheRules checks that the incidents, taken together, reach the states and
// buckets they are meant to (claimstest's header lists what they do not).
func TestIncidentsCoverTheRules(t *testing.T) {
	seen := map[string]bool{}
	for _, inc := range claimstest.Incidents {
		d := newIncDesk(t, inc)
		for _, st := range inc.Stages {
			a := d.stage(st)
			o := d.outcome(a)
			seen["occurred:"+string(o.Occurred)] = true
			seen["responsibility:"+string(o.Responsibility)] = true
			seen["response:"+string(o.Response)] = true
			seen["suggest:"+string(a.Suggested.Rule)] = true
			for _, b := range o.Buckets {
				seen["bucket:"+b] = true
			}
			for _, sk := range a.Independence.Skipped {
				seen["skip:"+string(sk.Reason)] = true
			}
			for _, r := range a.Reasons {
				seen["reason:"+string(r.Rule)] = true
			}
		}
	}
	want := []string{
		"occurred:confirmed_by_target", "occurred:confirmed_by_neutral", "occurred:denied", "occurred:single_source", "occurred:no_sources",
		"responsibility:claimed", "responsibility:competing", "responsibility:attributed", "responsibility:unclaimed",
		"response:confirmed", "response:denied", "response:none_yet",
		"suggest:no_sources", "suggest:official_denial", "suggest:open_contest", "suggest:official_confirmation", "suggest:thin",
		"skip:withdrawn", "skip:claims", "skip:denies", "skip:relays_attacker", "skip:attacker_side", "skip:same_party", "skip:same_source",
		"reason:denial", "reason:figure", "reason:claims", "reason:attribution",
		"bucket:" + claimstest.BucketOfficial, "bucket:" + claimstest.BucketContested, "bucket:" + claimstest.BucketUnverified,
		"bucket:" + claimstest.BucketConfirmed, "bucket:" + claimstest.BucketDisputed, "bucket:" + claimstest.BucketFalse,
		"bucket:" + claimstest.BucketAwaiting,
	}
	for _, w := range want {
		if !seen[w] {
			t.Errorf("no incident reaches %s", w)
		}
	}
	if len(claimstest.Incidents) < 8 {
		t.Errorf("%d incidents; the issue asks for at least eight", len(claimstest.Incidents))
	}
	var names []string
	for _, inc := range claimstest.Incidents {
		if slices.Contains(names, inc.Name) {
			t.Errorf("two incidents named %s", inc.Name)
		}
		names = append(names, inc.Name)
	}
}
