package demo

import (
	"cmp"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"claimdesk/internal/auth"
	"claimdesk/internal/claims"
	"claimdesk/internal/db/dbtest"
)

// specBook gives the spec's parties and sources the IDs the evidence rules read: their
// place in demoParties and demoSources, from 1.
type specBook struct {
	parties []claims.Party
	party   map[string]claims.PartyID
	source  map[string]int64
	sources map[string]sourceSpec
}

func newSpecBook(t *testing.T) specBook {
	t.Helper()
	b := specBook{party: map[string]claims.PartyID{}, source: map[string]int64{}, sources: map[string]sourceSpec{}}
	for i, p := range demoParties {
		if _, dup := b.party[p.name]; dup {
			t.Fatalf("party %q twice", p.name)
		}
		id := claims.PartyID(i + 1)
		var parent claims.PartyID
		if p.parent != "" {
			var ok bool
			if parent, ok = b.party[p.parent]; !ok {
				t.Fatalf("party %q: parent %q is not listed before it", p.name, p.parent)
			}
		}
		party := claims.Party{ID: id, Name: p.name, Kind: p.kind, ParentID: parent}
		if err := party.Validate(); err != nil {
			t.Fatalf("party %q: %v", p.name, err)
		}
		b.party[p.name] = id
		b.parties = append(b.parties, party)
	}
	for i, s := range demoSources {
		if _, dup := b.source[s.name]; dup {
			t.Fatalf("source %q twice", s.name)
		}
		if s.party != "" {
			b.partyID(t, s.party)
		}
		src := claims.Source{Name: s.name, Kind: s.kind, Homepage: s.homepage, Affiliation: s.affiliation}
		if err := src.Validate(); err != nil {
			t.Fatalf("source %q: %v", s.name, err)
		}
		b.source[s.name] = int64(i + 1)
		b.sources[s.name] = s
	}
	return b
}

func (b specBook) partyID(t *testing.T, name string) claims.PartyID {
	t.Helper()
	if name == "" {
		return 0
	}
	id, ok := b.party[name]
	if !ok {
		t.Fatalf("no party %q", name)
	}
	return id
}

func (b specBook) sourceID(t *testing.T, name string) int64 {
	t.Helper()
	id, ok := b.source[name]
	if !ok {
		t.Fatalf("no source %q", name)
	}
	return id
}

// figure reads a figure as the spec types it.
func figure(t *testing.T, what, s string) claims.FigureValue {
	t.Helper()
	v, err := claims.ParseFigureValue(s)
	if err != nil {
		t.Fatalf("%s %q: %v", what, s, err)
	}
	return v
}

// when reads a citation's date as Load does.
func when(t *testing.T, s string) *time.Time {
	t.Helper()
	at, err := publishedAt(s)
	if err != nil {
		t.Fatal(err)
	}
	return at
}

// statement maps one spec citation onto what the evidence rules read.
func (b specBook) statement(t *testing.T, id int64, c citeV2) claims.CitedStatement {
	t.Helper()
	src, ok := b.sources[c.source]
	if !ok {
		t.Fatalf("no source %q", c.source)
	}
	st := claims.CitedStatement{
		ID:           id,
		SourceID:     b.sourceID(t, c.source),
		SourceName:   c.source,
		PartyID:      b.partyID(t, src.party),
		Relation:     src.relation,
		Stance:       c.stance,
		DenialScope:  c.scope,
		RelaysParty:  b.partyID(t, c.relaysParty),
		AttributesTo: b.partyID(t, c.attributesTo),
		Quote:        c.quote,
		PublishedAt:  when(t, c.published),
		Figures: claims.FigureSet{
			Weapon:      claims.WeaponReport{Category: c.weaponCategory, Text: c.weapon},
			Launched:    figure(t, "launched", c.launched),
			Intercepted: figure(t, "intercepted", c.intercepted),
			Killed: claims.Casualties{
				Military: figure(t, "killed (military)", c.killedMilitary),
				Civilian: figure(t, "killed (civilian)", c.killedCivilian),
				Unknown:  figure(t, "killed (unknown)", c.killedUnknown),
			},
			Injured: claims.Casualties{
				Military: figure(t, "injured (military)", c.injuredMilitary),
				Civilian: figure(t, "injured (civilian)", c.injuredCivilian),
				Unknown:  figure(t, "injured (unknown)", c.injuredUnknown),
			},
		},
	}
	if c.relaysSource != "" {
		st.RelaysSourceID, st.RelaysSourceName = b.sourceID(t, c.relaysSource), c.relaysSource
	}
	return st
}

// input maps a spec claim onto an evidence input, citations numbered from 1 in order.
func (b specBook) input(t *testing.T, c claimV2) claims.EvidenceInput {
	t.Helper()
	in := claims.EvidenceInput{Parties: b.parties, Reviewed: map[string]bool{}}
	for _, name := range c.attackers {
		in.Attackers = append(in.Attackers, b.partyID(t, name))
	}
	for _, name := range c.targets {
		in.Targets = append(in.Targets, b.partyID(t, name))
	}
	for i, cite := range c.cites {
		in.Citations = append(in.Citations, b.statement(t, int64(i+1), cite))
	}
	for _, r := range c.reviews {
		in.Reviewed[r.key] = true
	}
	return in
}

// specWant is what a reader of the claim page should see for one claim.
type specWant struct {
	occurred, responsibility, response, independence string
	reasons                                          []string // "(reviewed)" appended when reviewed
	keys                                             []string
	contested                                        bool
	suggested                                        string
	verdict                                          claims.Verdict
}

// TestSpecEvidence weighs every claim of the spec with the evidence rules: the proof that
// the data says what the reports say, axis by axis.
func TestSpecEvidence(t *testing.T) {
	want := map[string]specWant{
		tTanf: {
			occurred:       "Corroborated by 3 independent sources.",
			responsibility: "Unclaimed.",
			response:       "No official response yet.",
			independence:   "3 independent sources: The Associated Press, Al Mayadeen, Breaking-news website.",
			suggested:      "Confirmed: corroborated by 3 independent sources.",
			verdict:        claims.VerdictConfirmed,
		},
		tTanfEarlier: {
			occurred:       "Single source: only 1 independent source reports it.",
			responsibility: "Unclaimed.",
			response:       "No official response yet.",
			independence:   "1 independent source: Breaking-news website.",
			suggested:      "Unverified: only 1 independent source reports it.",
			verdict:        claims.VerdictUnverified,
		},
		tConoco: {
			occurred:       "Corroborated by 4 independent sources.",
			responsibility: "Claimed by Islamic Resistance in Iraq.",
			response:       "No official response yet.",
			independence:   "4 independent sources: Politico, Al Mayadeen, Syrian Observatory for Human Rights, Breaking-news website; not counted: Islamic Resistance in Iraq (claims responsibility).",
			reasons:        []string{"Sources disagree on the weapon: drone (Politico) vs missile (Al Mayadeen) (reviewed)"},
			keys:           []string{"weapon:drone|missile"},
			suggested:      "Confirmed: corroborated by 4 independent sources.",
			verdict:        claims.VerdictConfirmed,
		},
		tAsad: {
			occurred:       "Single source: no independent source reports it.",
			responsibility: "Claimed by Islamic Resistance in Iraq, Iran-backed militias.",
			response:       "No official response yet.",
			independence:   "No independent source; not counted: Islamic Resistance in Iraq (claims responsibility), Middle East news digest (claims responsibility).",
			suggested:      "Unverified: no independent source reports it.",
			verdict:        claims.VerdictUnverified,
		},
		tHarir: {
			// The Kurdistan Region's service reports a crash in the desert: it neither
			// confirms an attack on the base nor denies one, so nothing is official here.
			occurred:       "Single source: only 1 independent source reports it.",
			responsibility: "Claimed by Iran-backed militias, Tashkil al-Waritheen.",
			response:       "No official response yet.",
			independence:   "1 independent source: Kurdistan Region Counter-Terrorism Service; not counted: Middle East news digest (claims responsibility), Tashkil al-Waritheen (claims responsibility).",
			suggested:      "Unverified: only 1 independent source reports it.",
			verdict:        claims.VerdictUnverified,
		},
		tCENTCOM: {
			occurred:       "Confirmed by the targeted side's officials: CENTCOM.",
			responsibility: "Unclaimed.",
			response:       "Confirmed by CENTCOM, 0 hours after the first report.",
			independence:   "1 independent source: CENTCOM.",
			suggested:      "Confirmed: confirmed by an official not on the attacker's side (CENTCOM).",
			verdict:        claims.VerdictConfirmed,
		},
		tGaza: {
			occurred:       "Single source: only 1 independent source reports it.",
			responsibility: "Unclaimed.",
			response:       "No official response yet.",
			independence:   "1 independent source: Middle East news digest.",
			suggested:      "Unverified: only 1 independent source reports it.",
			verdict:        claims.VerdictUnverified,
		},
	}
	b := newSpecBook(t)
	seen := map[string]bool{}
	for _, c := range demoClaimsV2 {
		t.Run(c.claim.Title, func(t *testing.T) {
			if seen[c.claim.Title] {
				t.Fatal("title used twice")
			}
			seen[c.claim.Title] = true
			w, ok := want[c.claim.Title]
			if !ok {
				t.Fatal("no expectation for this claim")
			}
			in := b.input(t, c)
			for _, st := range in.Citations {
				if err := st.Validate(); err != nil {
					t.Errorf("citation %d (%s) is invalid: %v", st.ID, st.SourceName, err)
				}
			}
			a := claims.WeighEvidence(in)
			names := claims.NamesOf(in)
			check := func(what, got, want string) {
				t.Helper()
				if got != want {
					t.Errorf("%s:\n got %q\nwant %q", what, got, want)
				}
			}
			check("occurred", a.Occurred.Words(names), w.occurred)
			check("responsibility", a.Responsibility.Words(names), w.responsibility)
			check("response", a.Response.Words(names), w.response)
			check("independence", a.Independence.Words(names), w.independence)
			check("suggested", a.Suggested.Words(names), w.suggested)
			var reasons, keys []string
			for _, r := range a.Reasons {
				s := r.Words(names)
				if r.Reviewed {
					s += " (reviewed)"
				}
				reasons = append(reasons, s)
				keys = append(keys, r.Key)
			}
			if !reflect.DeepEqual(reasons, w.reasons) {
				t.Errorf("reasons:\n got %q\nwant %q", reasons, w.reasons)
			}
			if !reflect.DeepEqual(keys, w.keys) {
				t.Errorf("keys:\n got %q\nwant %q", keys, w.keys)
			}
			if a.Contested != w.contested {
				t.Errorf("contested = %v, want %v", a.Contested, w.contested)
			}
			// A review stored against a key no reason has is a review of nothing.
			for _, r := range c.reviews {
				if !slices.Contains(keys, r.key) {
					t.Errorf("review of %q, which is no contest reason of this claim (%q)", r.key, keys)
				}
				if strings.TrimSpace(r.note) == "" {
					t.Errorf("review of %q has no note", r.key)
				}
			}
			// The desk's verdict is its own; here it agrees with the suggestion, and says why.
			verdict := c.verdict
			if verdict == "" {
				verdict = claims.VerdictUnverified
			}
			if verdict != w.verdict || a.Suggested.Verdict != w.verdict {
				t.Errorf("verdict %q, suggested %q, want both %q", verdict, a.Suggested.Verdict, w.verdict)
			}
			if c.verdict != "" {
				if _, err := claims.ValidateVerdict(c.verdict, c.reason); err != nil {
					t.Errorf("verdict: %v", err)
				}
			}
		})
	}
	for title := range want {
		if !seen[title] {
			t.Errorf("expected claim %q is not in the spec", title)
		}
	}
}

// reportQuotes are the statements the two reports give in quotation marks as a source's
// words; only these may be cited as quotes.
var reportQuotes = []string{
	"During the past 24 hours, the US military has defended against three drones located near US and coalition forces in Iraq",
	"At this time of heightened vigilance, we are vigilantly monitoring the situation in Iraq and the region",
}

// TestSpecCitations checks each citation as an editor's form would, and the desk's rules
// for quotes, dates and relays.
func TestSpecCitations(t *testing.T) {
	b := newSpecBook(t)
	for _, c := range demoClaimsV2 {
		claim := c.claim
		if err := claim.Validate(); err != nil {
			t.Errorf("%s: %v", c.claim.Title, err)
		}
		if len(c.cites) == 0 {
			t.Errorf("%s: no citation", c.claim.Title)
		}
		for i, cite := range c.cites {
			where := fmt.Sprintf("%s, citation %d (%s)", c.claim.Title, i+1, cite.source)
			st := b.statement(t, int64(i+1), cite)
			cit := claims.Citation{SourceID: st.SourceID, Stance: cite.stance, DenialScope: cite.scope, Quote: cite.quote,
				QuoteKind: claims.QuoteKind(cite.quoteKind), Attribution: cite.attribution, PublishedAt: st.PublishedAt,
				RelaysPartyID: st.RelaysParty, AttributesToID: st.AttributesTo, Figures: st.Figures}
			if err := cit.Validate(); err != nil {
				t.Errorf("%s: %v", where, err)
			}
			if cite.published == "" || cite.quote == "" || cite.attribution == "" {
				t.Errorf("%s: lacks a date, an account of what was said or an attribution", where)
			}
			switch cite.quoteKind {
			case kindQuote:
				if !slices.Contains(reportQuotes, cite.quote) {
					t.Errorf("%s: %q is cited as a quote, but no report gives these words as said", where, cite.quote)
				}
			case kindParaphrase:
				if strings.HasPrefix(cite.quote, "“") || strings.HasPrefix(cite.quote, "\"") {
					t.Errorf("%s: a paraphrase in quotation marks: %q", where, cite.quote)
				}
			default:
				t.Errorf("%s: quote kind %q, want %q or %q", where, cite.quoteKind, kindQuote, kindParaphrase)
			}
			if cite.weapon != "" && cite.weaponCategory == "" {
				t.Errorf("%s: weapon %q has no category", where, cite.weapon)
			}
			if cite.weapon != "" && claims.WeaponFromText(cite.weapon) != cite.weaponCategory {
				t.Errorf("%s: weapon %q filed as %q", where, cite.weapon, cite.weaponCategory)
			}
			// An outlet that only passes a statement on is not cited for it: the statement
			// is cited from whoever made it.
			if cite.relaysSource != "" {
				t.Errorf("%s: relays the source %q; cite %q itself", where, cite.relaysSource, cite.relaysSource)
			}
		}
	}
}

// specTexts returns every text of the spec a user can read, with where it is.
func specTexts() map[string]string {
	out := map[string]string{}
	add := func(where, s string) {
		if s != "" {
			out[where+": "+s] = s
		}
	}
	for _, p := range demoParties {
		add("party", p.name)
		add("party notes", p.notes)
	}
	for _, s := range demoSources {
		add("source", s.name)
		add("source homepage", s.homepage)
		add("source affiliation", s.affiliation)
	}
	for _, c := range demoClaimsV2 {
		for what, s := range map[string]string{"title": c.claim.Title, "summary": c.claim.Summary, "place": c.claim.Place,
			"country": c.claim.Country, "target": c.claim.Target, "verdict reason": c.reason} {
			add(what, s)
		}
		for _, r := range c.reviews {
			add("review", r.note)
		}
		for _, cite := range c.cites {
			add("quote", cite.quote)
			add("attribution", cite.attribution)
			add("weapon", cite.weapon)
		}
	}
	for _, a := range accounts {
		add("account name", a.name)
	}
	return out
}

// TestSpecTextNeutral: nothing a user reads says how the data was made. Account emails
// (admin@demo.test...) are not in specTexts: they are the documented logins.
func TestSpecTextNeutral(t *testing.T) {
	texts := specTexts()
	if len(texts) < 80 {
		t.Errorf("checked only %d texts; the spec has more", len(texts))
	}
	for where, s := range texts {
		low := strings.ToLower(s)
		for _, word := range []string{"seed", "demo", "generated", "synthetic"} {
			if strings.Contains(low, word) {
				t.Errorf("%s speaks of how the data was made (%q)", where, word)
			}
		}
		if !claims.IsText(s) || strings.TrimSpace(s) != s {
			t.Errorf("%s: not clean text", where)
		}
	}
}

// TestLoadMatchesSpec: what Load stores weighs exactly as the spec does, claim by claim,
// so TestSpecEvidence speaks for the loaded data too.
func TestLoadMatchesSpec(t *testing.T) {
	d := dbtest.Open(t)
	cs := claims.NewService(d)
	if _, err := Load(t.Context(), cs, auth.NewService(d), "first password"); err != nil {
		t.Fatal(err)
	}
	b := newSpecBook(t)
	for _, c := range demoClaimsV2 {
		var id int64
		if err := d.Gorm().Table("claims").Where("title = ?", c.claim.Title).Pluck("id", &id).Error; err != nil || id == 0 {
			t.Fatalf("%q not loaded: %v", c.claim.Title, err)
		}
		got, err := cs.Detail(t.Context(), id)
		if err != nil {
			t.Fatal(err)
		}
		in := b.input(t, c)
		want := claims.WeighEvidence(in)
		names := claims.NamesOf(in)
		for _, pair := range [][3]string{
			{"occurred", got.Evidence.Occurred.Words(got.Names), want.Occurred.Words(names)},
			{"responsibility", got.Evidence.Responsibility.Words(got.Names), want.Responsibility.Words(names)},
			{"response", string(got.Evidence.Response.State), string(want.Response.State)},
			{"independence", got.Evidence.Independence.Words(got.Names), want.Independence.Words(names)},
			{"suggested", got.Evidence.Suggested.Words(got.Names), want.Suggested.Words(names)},
			{"reasons", reasonWords(got.Evidence, got.Names), reasonWords(want, names)},
			{"verdict", string(got.Claim.Verdict), string(cmp.Or(c.verdict, claims.VerdictUnverified))},
		} {
			if pair[1] != pair[2] {
				t.Errorf("%s, %s: loaded %q, spec %q", c.claim.Title, pair[0], pair[1], pair[2])
			}
		}
		if len(got.Citations) != len(c.cites) {
			t.Errorf("%s: %d citations loaded, %d in the spec", c.claim.Title, len(got.Citations), len(c.cites))
		}
	}
}

func reasonWords(a claims.Assessment, names claims.NameBook) string {
	var out []string
	for _, r := range a.Reasons {
		out = append(out, fmt.Sprintf("%s %v", r.Words(names), r.Reviewed))
	}
	return strings.Join(out, "; ")
}
