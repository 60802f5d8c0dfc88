package demo

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"time"

	"claimdesk/internal/auth"
	"claimdesk/internal/claims"
	"claimdesk/internal/db"

	"gorm.io/gorm"
)

// Generation changes whenever Generate makes different rows, so databases cached by
// benchmarks and the load harness are made anew.
const Generation = 2

// Generated rows are written in transactions of claimsPerTx claims, with at most
// rowsPerInsert rows (and SQLite's 32766 bound variables) in one INSERT.
const (
	claimsPerTx   = 10_000
	rowsPerInsert = 1000
	maxVariables  = 32766
	generatorMail = "generator@demo.test"
)

// Generate inserts count synthetic claims for load tests, the same ones for the same
// seed: three years of attacks over eight countries, each with one to four citations
// of 200 generated sources, a verdict history and created and cited events. The
// stored evidence is computed with claims.Summarize, as the service would. The claims
// are made by generator@demo.test, created if there is no user at all.
func Generate(ctx context.Context, d *db.DB, count int, seed int64) error {
	actor, err := generatorActor(ctx, d)
	if err != nil {
		return err
	}
	parties, err := generatedParties(ctx, d, actor)
	if err != nil {
		return err
	}
	srcs, err := generatedSources(ctx, d, actor, parties)
	if err != nil {
		return err
	}
	g := newGenerator(seed, srcs, actor, parties)
	for done := 0; done < count; done += claimsPerTx {
		size := min(claimsPerTx, count-done)
		if err := d.Write(ctx, func(tx *gorm.DB) error { return g.batch(tx, size) }); err != nil {
			return fmt.Errorf("demo: generate: %w", err)
		}
	}
	if err := d.Write(ctx, claims.Recount); err != nil {
		return fmt.Errorf("demo: generate: %w", err)
	}
	// The batches wrote their ids themselves; the next claim saved must not reuse one.
	if err := d.Write(ctx, db.ResetSequences); err != nil {
		return fmt.Errorf("demo: generate: %w", err)
	}
	return nil
}

// generatorActor returns the id of generator@demo.test, else of the first user, else of
// a generator account it creates with a password nobody knows.
func generatorActor(ctx context.Context, d *db.DB) (int64, error) {
	db := d.Read(ctx)
	var u auth.User
	if err := db.Where("email = ?", generatorMail).Limit(1).Find(&u).Error; err != nil {
		return 0, fmt.Errorf("demo: generator account: %w", err)
	}
	if u.ID == 0 {
		if err := db.Order("id").Limit(1).Find(&u).Error; err != nil {
			return 0, fmt.Errorf("demo: generator account: %w", err)
		}
	}
	if u.ID != 0 {
		return u.ID, nil
	}
	created, err := auth.NewService(d).CreateUser(ctx, auth.NewUser{
		Email: generatorMail, Name: "Load-test generator", Role: auth.RoleEditor, Password: auth.RandomToken(24),
	})
	if err != nil {
		return 0, fmt.Errorf("demo: generator account: %w", err)
	}
	return created.ID, nil
}

// genParties are the generator's parties: each country's state and its forces, a
// coalition of armed groups, and armed groups in it and outside it.
type genParties struct {
	all    []claims.Party
	state  map[string]claims.PartyID // by country
	forces map[string]claims.PartyID // by country
	groups []claims.PartyID
	byName map[string]claims.PartyID
}

// generatedParties inserts the generator's parties that are missing and returns all.
func generatedParties(ctx context.Context, d *db.DB, actor int64) (*genParties, error) {
	type spec struct{ name, kind, parent string }
	var specs []spec
	for _, c := range countries {
		specs = append(specs, spec{c.name, "state", ""}, spec{"Armed forces of " + c.name, "forces", c.name})
	}
	specs = append(specs, spec{"Axis of Resistance coalition", "coalition", ""})
	for i, r := range regions {
		parent := ""
		if i%2 == 0 {
			parent = "Axis of Resistance coalition"
		}
		specs = append(specs, spec{r + " Brigades", "armed_group", parent})
	}
	now := time.Now().UTC()
	gp := &genParties{state: map[string]claims.PartyID{}, forces: map[string]claims.PartyID{}, byName: map[string]claims.PartyID{}}
	err := d.Write(ctx, func(tx *gorm.DB) error {
		for _, sp := range specs { // parents come before their members
			var parent any
			if sp.parent != "" {
				parent = int64(gp.byName[sp.parent])
			}
			err := tx.Exec(`INSERT INTO parties (name, name_key, kind, parent_id, notes, version, created_at, updated_at, created_by_id, updated_by_id)
				VALUES (?, ?, ?, ?, 'Invented for load tests.', 1, ?, ?, ?, ?) ON CONFLICT (name_key) DO NOTHING`,
				sp.name, strings.ToLower(sp.name), sp.kind, parent, now, now, actor, actor).Error
			if err != nil {
				return err
			}
			var id int64
			if err := tx.Raw("SELECT id FROM parties WHERE name_key = ?", strings.ToLower(sp.name)).Scan(&id).Error; err != nil {
				return err
			}
			gp.byName[sp.name] = claims.PartyID(id)
			p := claims.Party{ID: claims.PartyID(id), Name: sp.name, Kind: claims.PartyKind(sp.kind), ParentID: gp.byName[sp.parent]}
			gp.all = append(gp.all, p)
			switch sp.kind {
			case "state":
				gp.state[sp.name] = p.ID
			case "forces":
				gp.forces[sp.parent] = p.ID
			case "armed_group":
				gp.groups = append(gp.groups, p.ID)
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("demo: generated parties: %w", err)
	}
	return gp, nil
}

// generatedSources inserts the generator's sources that are missing and returns all of them.
func generatedSources(ctx context.Context, d *db.DB, actor int64, gp *genParties) ([]claims.Source, error) {
	now := time.Now().UTC()
	specs := sourceSpecs(gp)
	keys := make([]string, len(specs))
	rows := make([][]any, len(specs))
	for i, s := range specs {
		if err := s.Validate(); err != nil {
			return nil, fmt.Errorf("demo: generated source %q: %w", s.Name, err)
		}
		keys[i] = s.NameKey
		rows[i] = []any{s.Name, s.NameKey, s.Kind, s.Affiliation, s.PartyID, s.Relation, 1, now, now, actor, actor}
	}
	cols := []string{"name", "name_key", "kind", "affiliation", "party_id", "relation", "version", "created_at", "updated_at", "created_by_id", "updated_by_id"}
	var out []claims.Source
	err := d.Write(ctx, func(tx *gorm.DB) error {
		if err := insertRows(tx, "sources", cols, rows, "ON CONFLICT (name_key) DO NOTHING"); err != nil {
			return err
		}
		return tx.Where("name_key IN ?", keys).Order("id").Find(&out).Error
	})
	if err != nil {
		return nil, fmt.Errorf("demo: generated sources: %w", err)
	}
	if len(out) != len(specs) {
		return nil, errors.New("demo: generated sources: some are missing after insert")
	}
	return out, nil
}

var (
	countries = []struct {
		name   string
		weight int
		places []string
		cities []string
	}{
		{"Syria", 24, []string{"al-Tanf garrison", "Conoco gas field base", "Green Village base", "al-Omar oil field base", "Shaddadi base", "Rumalayn landing zone"}, []string{"Damascus", "Aleppo"}},
		{"Iraq", 24, []string{"Ain al-Asad air base", "Al Harir air base", "Erbil air base", "Victory base complex", "Baghdad diplomatic support center", "Bashur airfield"}, []string{"Baghdad", "Erbil", "Basra"}},
		{"Yemen", 12, []string{"Hodeidah port", "Sanaa airport", "Saada", "Ras Isa port", "Marib"}, []string{"Sanaa", "Aden"}},
		{"Lebanon", 11, []string{"Naqoura", "Marjayoun", "Bint Jbeil", "Tyre", "Nabatieh"}, []string{"Beirut", "Sidon"}},
		{"Israel", 10, []string{"Eilat", "Kiryat Shmona", "Metula", "Shlomi", "Ashkelon"}, []string{"Haifa", "Jerusalem"}},
		{"Palestinian territories", 9, []string{"Gaza City", "Khan Younis", "Rafah", "Jenin", "Nablus"}, []string{"Gaza", "Ramallah"}},
		{"Jordan", 5, []string{"Tower 22", "Muwaffaq Salti air base", "Ruwaished"}, []string{"Amman"}},
		{"Saudi Arabia", 5, []string{"Jazan", "Abha airport", "Najran", "Ras Tanura terminal"}, []string{"Riyadh"}},
	}
	regions = []string{"Euphrates", "Tigris", "Golan", "Litani", "Anbar", "Nineveh", "Hauran", "Tihama", "Jazira"}
	targets = []string{"Military base", "US-led coalition base", "Port", "Airport", "Oil facility", "Residential area", "Convoy", "Checkpoint", "Vessel"}
)

// sourceSpecs returns the generator's 200 sources: 30 official, 10 wire, 60 outlets,
// 25 affiliated, 15 monitors, 40 armed groups and 20 others. Their names are invented
// and the same on every run, so a second Generate reuses them.
func sourceSpecs(gp *genParties) []claims.Source {
	var cities []string
	for _, c := range countries {
		cities = append(cities, c.cities...)
	}
	var out []claims.Source
	add := func(kind claims.SourceKind, count int, patterns, fillers []string) {
		for i := 0; i < count; i++ {
			filler := fillers[i/len(patterns)%len(fillers)]
			name := fmt.Sprintf(patterns[i%len(patterns)], filler)
			src := claims.Source{Name: name, Kind: kind, Relation: claims.RelationIndependent,
				Affiliation: "Synthetic source made by demo.Generate for load tests; it does not exist."}
			switch kind {
			case claims.KindOfficial:
				src.PartyID, src.Relation = gp.forces[filler], claims.RelationVoice
				if i%len(patterns) >= 2 {
					src.PartyID = gp.state[filler]
				}
			case claims.KindArmedGroup:
				src.PartyID, src.Relation = gp.byName[filler+" Brigades"], claims.RelationVoice
			case claims.KindAffiliated:
				src.PartyID, src.Relation = gp.byName[filler+" Brigades"], claims.RelationAffiliated
			}
			out = append(out, src)
		}
	}
	var countryNames []string
	for _, c := range countries {
		countryNames = append(countryNames, c.name)
	}
	add(claims.KindOfficial, 30, []string{"Ministry of Defence (%s)", "Armed forces spokesperson (%s)", "Interior Ministry (%s)", "Government media office (%s)"}, countryNames)
	add(claims.KindWire, 10, []string{"%s Press Agency", "%s Wire"}, []string{"Levant", "Meridian", "Crescent", "Atlas", "Continental"})
	add(claims.KindOutlet, 60, []string{"%s Evening Dispatch", "%s Chronicle", "%s Sentinel", "%s Courier", "%s Ledger"}, cities)
	add(claims.KindAffiliated, 25, []string{"Voice of the %s", "%s Resistance Media", "%s Front Radio"}, regions)
	add(claims.KindMonitor, 15, []string{"%s Monitoring Group", "%s Conflict Observatory"}, regions)
	add(claims.KindArmedGroup, 40, []string{"%s Brigades", "%s Resistance Front", "%s Defenders", "%s Liberation Movement", "%s Martyrs Battalion"}, regions)
	add(claims.KindOther, 20, []string{"Local activists in %s", "Hospital spokesperson in %s"}, cities)
	return out
}

type generator struct {
	rng            *rand.Rand
	sources        []claims.Source // shuffled, so the busiest sources are of every kind
	parties        *genParties
	actor          int64
	countryWeights []int
}

func newGenerator(seed int64, sources []claims.Source, actor int64, parties *genParties) *generator {
	g := &generator{rng: rand.New(rand.NewPCG(uint64(seed), 0x636c61696d)), sources: sources, actor: actor, parties: parties}
	g.rng.Shuffle(len(sources), func(i, j int) { sources[i], sources[j] = sources[j], sources[i] })
	for _, c := range countries {
		g.countryWeights = append(g.countryWeights, c.weight)
	}
	return g
}

// pick returns an index in [0, len(weights)) with probability proportional to its weight.
func (g *generator) pick(weights ...int) int {
	total := 0
	for _, w := range weights {
		total += w
	}
	r := g.rng.IntN(total)
	for i, w := range weights {
		if r < w {
			return i
		}
		r -= w
	}
	return len(weights) - 1
}

func (g *generator) chance(percent int) bool { return g.rng.IntN(100) < percent }

// genStart is the first day of generated claims; they span three years from it.
var genStart = time.Date(2022, 11, 1, 0, 0, 0, 0, time.UTC)

// batch generates count claims and inserts them with their citations, verdict changes
// and events, taking ids after the largest ones in the tables.
func (g *generator) batch(tx *gorm.DB, count int) error {
	var claimID, citeID int64
	if err := tx.Raw("SELECT COALESCE(MAX(id), 0) FROM claims").Scan(&claimID).Error; err != nil {
		return err
	}
	if err := tx.Raw("SELECT COALESCE(MAX(id), 0) FROM citations").Scan(&citeID).Error; err != nil {
		return err
	}
	var claimRows, citeRows, verdictRows, eventRows, partyRows [][]any
	for range count {
		claimID++
		c, cites := g.claim(claimID, &citeID)
		for i := range cites {
			citeRows = append(citeRows, citationRow(&cites[i], g.actor))
			eventRows = append(eventRows, []any{claimID, cites[i].ID, "cited", cites[i].Source.Name + ": " + cites[i].Stance.Label(), "[]", "", g.actor, cites[i].CreatedAt})
		}
		eventRows = append(eventRows, []any{claimID, nil, "created", "", "[]", "", g.actor, c.CreatedAt})
		if c.Verdict != claims.VerdictUnverified {
			reason := "Synthetic verdict: " + c.Verdict.Label() + " after weighing the citations."
			verdictRows = append(verdictRows, []any{claimID, claims.VerdictUnverified, c.Verdict, reason, g.actor, c.UpdatedAt,
				c.SuggestedVerdict, c.Verdict != c.SuggestedVerdict})
			changes := `[{"field":"verdict","label":"Verdict","old":"Unverified","new":"` + c.Verdict.Label() + `"}]`
			eventRows = append(eventRows, []any{claimID, nil, "verdict", "", changes, reason, g.actor, c.UpdatedAt})
		}
		for _, id := range c.Attackers {
			partyRows = append(partyRows, []any{claimID, int64(id), "attacker"})
		}
		for _, id := range c.Targets {
			partyRows = append(partyRows, []any{claimID, int64(id), "target"})
		}
		claimRows = append(claimRows, claimRow(c))
	}
	if err := insertRows(tx, "claims", claimColumns, claimRows, ""); err != nil {
		return err
	}
	if err := insertRows(tx, "citations", citationColumns, citeRows, ""); err != nil {
		return err
	}
	if err := insertRows(tx, "claim_parties", []string{"claim_id", "party_id", "role"}, partyRows, ""); err != nil {
		return err
	}
	if err := insertRows(tx, "verdict_changes", []string{"claim_id", "from_verdict", "to_verdict", "reason", "changed_by_id", "changed_at", "suggested", "override"}, verdictRows, ""); err != nil {
		return err
	}
	return insertRows(tx, "claim_history", []string{"claim_id", "citation_id", "kind", "detail", "changes", "reason", "user_id", "at"}, eventRows, "")
}

var attackWords = map[claims.AttackType]string{
	"drone": "Drone attack on", "missile": "Missile strike on", "rocket": "Rocket fire on",
	"other": "Attack on", "unknown": "Explosion at",
}

var weapons = map[claims.AttackType]claims.WeaponCategory{"drone": claims.WeaponDrone, "missile": claims.WeaponMissile,
	"rocket": claims.WeaponRocket, "other": claims.WeaponArtillery}

// claim makes one claim with its citations (ids from *citeID on) and the evidence they
// add up to, worked out by the same rules as the service's.
func (g *generator) claim(id int64, citeID *int64) (*claims.Claim, []claims.Citation) {
	country := countries[g.pick(g.countryWeights...)]
	place := country.places[g.rng.IntN(len(country.places))]
	attack := claims.AttackType(claims.AttackTypes[g.pick(45, 20, 25, 5, 5)].Value)
	occurred := genStart.AddDate(0, 0, g.rng.IntN(3*365))
	created := occurred.Add(time.Duration(6+g.rng.IntN(48)) * time.Hour)

	c := &claims.Claim{
		ID:            id,
		Title:         attackWords[attack] + " " + place,
		Place:         place,
		Country:       country.name,
		OccurredOn:    occurred,
		DatePrecision: claims.DatePrecision(claims.DatePrecisions[g.pick(80, 15, 5)].Value),
		AttackType:    attack,
		Target:        targets[g.rng.IntN(len(targets))],
		Attackers:     []claims.PartyID{g.parties.groups[g.rng.IntN(len(g.parties.groups))]},
		Targets:       []claims.PartyID{g.parties.state[country.name]},
		CreatedAt:     created,
		CreatedByID:   &g.actor,
		UpdatedByID:   &g.actor,
	}

	// What happened, which each source reports more or less faithfully.
	var truth claims.FigureSet
	if w := weapons[attack]; w != "" {
		truth.Weapon = claims.WeaponReport{Category: w}
		launched := 1 + g.rng.IntN(8)
		truth.Launched = exactly(launched)
		truth.Intercepted = exactly(g.rng.IntN(launched + 1))
	}
	truth.Killed.Unknown = exactly(0)
	if g.chance(30) {
		truth.Killed.Unknown = exactly(1 + g.rng.IntN(12))
	}
	truth.Injured.Unknown = exactly(0)
	if g.chance(40) {
		truth.Injured.Unknown = exactly(1 + g.rng.IntN(20))
	}
	c.Summary = fmt.Sprintf("Synthetic claim for load tests: a %s attack reported at %s, %s, on %s.",
		attack, place, country.name, occurred.Format("2 January 2006"))

	cites := make([]claims.Citation, 1+g.pick(35, 35, 20, 10))
	// Citations are added in the order their sources published, so the service's
	// evidence (citations by id) and the claim page (by publication) list them alike.
	delays := make([]int, len(cites))
	for i := range delays {
		delays[i] = g.rng.IntN(72)
	}
	slices.Sort(delays)
	used := map[int]bool{}
	for i := range cites {
		s := g.source(used)
		published := occurred.Add(time.Duration(delays[i]) * time.Hour)
		*citeID++
		cites[i] = claims.Citation{
			ID:          *citeID,
			ClaimID:     id,
			SourceID:    s.ID,
			Source:      s,
			Stance:      g.stance(s.Relation),
			URL:         fmt.Sprintf("https://example.com/%d/%d-%d", s.ID, id, i),
			PublishedAt: &published,
			QuoteKind:   claims.QuoteParaphrase,
			Attribution: "Statement or report by " + s.Name,
			Figures:     g.figures(truth),
			Version:     1,
			CreatedAt:   created.Add(time.Duration(i+1) * time.Hour),
		}
		if cites[i].Stance == claims.StanceDenies {
			cites[i].DenialScope = []claims.DenialScope{claims.DeniesEvent, claims.DeniesLocation, claims.DeniesFigures}[g.pick(60, 25, 15)]
		}
		if cites[i].Stance == claims.StanceClaimsResponsibility && s.Relation == claims.RelationIndependent {
			cites[i].RelaysPartyID = c.Attackers[0] // an independent source only passes a claim on
		}
		cites[i].Quote = fmt.Sprintf("%s %s the %s at %s.", s.Name, strings.ReplaceAll(string(cites[i].Stance), "_", " "), strings.ToLower(attackWords[attack]), place)
	}

	stmts := make([]claims.CitedStatement, len(cites))
	for i, cit := range cites {
		stmts[i] = claims.CitedStatement{ID: cit.ID, SourceID: cit.SourceID, SourceName: cit.Source.Name,
			PartyID: cit.Source.PartyID, Relation: cit.Source.Relation, Stance: cit.Stance, DenialScope: cit.DenialScope,
			RelaysParty: cit.RelaysPartyID, PublishedAt: cit.PublishedAt, Figures: cit.Figures}
	}
	a := claims.WeighEvidence(claims.EvidenceInput{Citations: stmts, Parties: g.parties.all, Attackers: c.Attackers,
		Targets: c.Targets, Now: genStart.AddDate(3, 1, 0)})
	c.Verdict = g.verdict(a)
	claims.SetEvidence(c, a, cites)
	c.Version, c.Revision = 1, 1+len(cites)
	c.UpdatedAt = cites[len(cites)-1].CreatedAt
	if c.Verdict != claims.VerdictUnverified {
		c.Revision++
		c.UpdatedAt = c.UpdatedAt.Add(time.Duration(1+g.rng.IntN(72)) * time.Hour)
	}
	return c, cites
}

func exactly(n int) claims.FigureValue {
	return claims.FigureValue{Qualifier: claims.QualExactly, N: n}
}

// source picks a source not yet used for this claim. The first few are cited far more
// often than the rest, as a few big sources are in a real desk.
func (g *generator) source(used map[int]bool) *claims.Source {
	for {
		u := g.rng.Float64()
		i := int(u * u * float64(len(g.sources)))
		if !used[i] {
			used[i] = true
			return &g.sources[i]
		}
	}
}

func (g *generator) stance(r claims.Relation) claims.Stance {
	switch r {
	case claims.RelationVoice:
		return []claims.Stance{claims.StanceConfirms, claims.StanceDenies, claims.StanceReports, claims.StanceClaimsResponsibility}[g.pick(45, 20, 20, 15)]
	case claims.RelationAffiliated:
		return []claims.Stance{claims.StanceReports, claims.StanceClaimsResponsibility}[g.pick(70, 30)]
	}
	return []claims.Stance{claims.StanceReports, claims.StanceConfirms, claims.StanceDenies}[g.pick(90, 5, 5)]
}

// figures is what one source gives of the truth: some figures left out, a few wrong,
// some hedged ("at least").
func (g *generator) figures(truth claims.FigureSet) claims.FigureSet {
	var f claims.FigureSet
	if truth.Weapon.Given() && g.chance(80) {
		f.Weapon = truth.Weapon
		if g.chance(4) {
			f.Weapon.Category = []claims.WeaponCategory{claims.WeaponDrone, claims.WeaponMissile, claims.WeaponRocket}[g.rng.IntN(3)]
		}
	}
	f.Launched = g.maybe(truth.Launched, 50)
	if f.Launched.Given() && f.Launched.N == 0 {
		f.Launched.N = 1
	}
	f.Intercepted = g.maybe(truth.Intercepted, 40)
	if f.Launched.Given() && f.Intercepted.Given() && f.Intercepted.N > f.Launched.N {
		f.Intercepted = exactly(f.Launched.N)
	}
	f.Killed.Unknown = g.maybe(truth.Killed.Unknown, 35)
	f.Injured.Unknown = g.maybe(truth.Injured.Unknown, 30)
	return f
}

// maybe gives v with the given chance: one in twenty times off by one, one in ten as
// "at least".
func (g *generator) maybe(v claims.FigureValue, percent int) claims.FigureValue {
	if !v.Given() || !g.chance(percent) {
		return claims.FigureValue{}
	}
	switch {
	case g.chance(5):
		v.N++
	case g.chance(10) && v.N > 0:
		v.Qualifier = claims.QualAtLeast
	}
	return v
}

// verdict is what a fact-checker might have decided, given the evidence.
func (g *generator) verdict(a claims.Assessment) claims.Verdict {
	vs := []claims.Verdict{claims.VerdictUnverified, claims.VerdictConfirmed, claims.VerdictDisputed, claims.VerdictFalse}
	switch {
	case a.Occurred.State == claims.OccurredDenied:
		return vs[g.pick(40, 0, 25, 35)]
	case a.Contested:
		return vs[g.pick(60, 10, 30, 0)]
	case a.Occurred.State == claims.OccurredConfirmedByTarget || a.Occurred.State == claims.OccurredConfirmedByNeutral:
		return vs[g.pick(40, 60, 0, 0)]
	}
	return vs[g.pick(75, 15, 5, 5)]
}

var claimColumns = []string{"id", "title", "summary", "place", "country", "occurred_on", "date_precision", "attack_type", "target", "verdict",
	"occurred_state", "responsibility_state", "response_state", "suggested_verdict",
	"officially_confirmed", "officially_denied", "contested", "reasons", "source_count", "first_reported_at", "responded_at",
	"evidence_rules", "version", "revision", "created_at", "updated_at", "created_by_id", "updated_by_id"}

func claimRow(c *claims.Claim) []any {
	reasons, _ := json.Marshal(c.ContestReasons)
	return []any{c.ID, c.Title, c.Summary, c.Place, c.Country, c.OccurredOn, c.DatePrecision, c.AttackType, c.Target, c.Verdict,
		c.OccurredState, c.ResponsibilityState, c.ResponseState, c.SuggestedVerdict,
		c.OfficiallyConfirmed, c.OfficiallyDenied, c.Contested, string(reasons), c.SourceCount, c.FirstReportedAt, c.RespondedAt,
		c.EvidenceRules, c.Version, c.Revision, c.CreatedAt, c.UpdatedAt, *c.CreatedByID, *c.UpdatedByID}
}

var citationColumns = []string{"id", "claim_id", "source_id", "stance", "denial_scope", "url", "published_at", "quote", "quote_kind",
	"attribution", "relays_party_id", "figures", "version", "created_at", "created_by_id", "updated_at", "updated_by_id"}

func citationRow(c *claims.Citation, actor int64) []any {
	figures, _ := json.Marshal(c.Figures)
	return []any{c.ID, c.ClaimID, c.SourceID, c.Stance, c.DenialScope, c.URL, *c.PublishedAt, c.Quote, c.QuoteKind,
		c.Attribution, c.RelaysPartyID, string(figures), c.Version, c.CreatedAt, actor, c.CreatedAt, actor}
}

// insertRows inserts rows into table with multi-row INSERT statements.
func insertRows(tx *gorm.DB, table string, cols []string, rows [][]any, suffix string) error {
	per := min(rowsPerInsert, maxVariables/len(cols))
	one := "(" + strings.TrimSuffix(strings.Repeat("?,", len(cols)), ",") + ")"
	for len(rows) > 0 {
		chunk := rows[:min(per, len(rows))]
		rows = rows[len(chunk):]
		var sql strings.Builder
		fmt.Fprintf(&sql, "INSERT INTO %s (%s) VALUES ", table, strings.Join(cols, ", "))
		args := make([]any, 0, len(chunk)*len(cols))
		for i, r := range chunk {
			if i > 0 {
				sql.WriteByte(',')
			}
			sql.WriteString(one)
			args = append(args, r...)
		}
		sql.WriteString(" " + suffix)
		if err := tx.Exec(sql.String(), args...).Error; err != nil {
			return fmt.Errorf("insert into %s: %w", table, err)
		}
	}
	return nil
}
