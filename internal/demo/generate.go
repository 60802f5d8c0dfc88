package demo

import (
	"context"
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
	srcs, err := generatedSources(ctx, d, actor)
	if err != nil {
		return err
	}
	g := newGenerator(seed, srcs, actor)
	for done := 0; done < count; done += claimsPerTx {
		size := min(claimsPerTx, count-done)
		if err := d.Write(ctx, func(tx *gorm.DB) error { return g.batch(tx, size) }); err != nil {
			return fmt.Errorf("demo: generate: %w", err)
		}
	}
	if err := d.Write(ctx, claims.Recount); err != nil {
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

// generatedSources inserts the generator's sources that are missing and returns all of them.
func generatedSources(ctx context.Context, d *db.DB, actor int64) ([]claims.Source, error) {
	now := time.Now().UTC()
	specs := sourceSpecs()
	keys := make([]string, len(specs))
	rows := make([][]any, len(specs))
	for i, s := range specs {
		if err := s.Validate(); err != nil {
			return nil, fmt.Errorf("demo: generated source %q: %w", s.Name, err)
		}
		keys[i] = s.NameKey
		rows[i] = []any{s.Name, s.NameKey, s.Kind, s.Affiliation, 1, now, now, actor, actor}
	}
	cols := []string{"name", "name_key", "kind", "affiliation", "version", "created_at", "updated_at", "created_by_id", "updated_by_id"}
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
func sourceSpecs() []claims.Source {
	var cities []string
	for _, c := range countries {
		cities = append(cities, c.cities...)
	}
	var out []claims.Source
	add := func(kind claims.SourceKind, count int, patterns, fillers []string) {
		for i := 0; i < count; i++ {
			name := fmt.Sprintf(patterns[i%len(patterns)], fillers[i/len(patterns)%len(fillers)])
			out = append(out, claims.Source{Name: name, Kind: kind,
				Affiliation: "Synthetic source made by demo.Generate for load tests; it does not exist."})
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
	actor          int64
	countryWeights []int
}

func newGenerator(seed int64, sources []claims.Source, actor int64) *generator {
	g := &generator{rng: rand.New(rand.NewPCG(uint64(seed), 0x636c61696d)), sources: sources, actor: actor}
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
	var claimRows, citeRows, verdictRows, eventRows [][]any
	for range count {
		claimID++
		c, cites := g.claim(claimID)
		for i := range cites {
			citeID++
			cites[i].ID = citeID
			citeRows = append(citeRows, citationRow(&cites[i], g.actor))
			eventRows = append(eventRows, []any{claimID, "cited", cites[i].Source.Name + ": " + cites[i].Stance.Label(), g.actor, cites[i].CreatedAt})
		}
		eventRows = append(eventRows, []any{claimID, "created", "", g.actor, c.CreatedAt})
		if c.Verdict != claims.VerdictUnverified {
			verdictRows = append(verdictRows, []any{claimID, claims.VerdictUnverified, c.Verdict,
				"Synthetic verdict: " + c.Verdict.Label() + " after weighing the citations.", g.actor, c.UpdatedAt})
		}
		claimRows = append(claimRows, claimRow(c))
	}
	if err := insertRows(tx, "claims", claimColumns, claimRows, ""); err != nil {
		return err
	}
	if err := insertRows(tx, "citations", citationColumns, citeRows, ""); err != nil {
		return err
	}
	if err := insertRows(tx, "verdict_changes", []string{"claim_id", "from_verdict", "to_verdict", "reason", "changed_by_id", "changed_at"}, verdictRows, ""); err != nil {
		return err
	}
	return insertRows(tx, "claim_events", []string{"claim_id", "kind", "detail", "user_id", "at"}, eventRows, "")
}

var attackWords = map[claims.AttackType]string{
	"drone": "Drone attack on", "missile": "Missile strike on", "rocket": "Rocket fire on",
	"other": "Attack on", "unknown": "Explosion at",
}

var weapons = map[claims.AttackType]string{"drone": "drone", "missile": "missile", "rocket": "rocket", "other": "mortar"}

// claim makes one claim with its citations and the evidence they add up to.
func (g *generator) claim(id int64) (*claims.Claim, []claims.Citation) {
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
		CreatedAt:     created,
		CreatedByID:   &g.actor,
		UpdatedByID:   &g.actor,
	}

	// What happened, which each source reports more or less faithfully.
	var truth claims.Figures
	truth.Weapon = weapons[attack]
	if truth.Weapon != "" {
		truth.Launched = n(1 + g.rng.IntN(8))
		truth.Intercepted = n(g.rng.IntN(*truth.Launched + 1))
	}
	truth.Killed = n(0)
	if g.chance(30) {
		truth.Killed = n(1 + g.rng.IntN(12))
	}
	truth.Injured = n(0)
	if g.chance(40) {
		truth.Injured = n(1 + g.rng.IntN(20))
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
		cites[i] = claims.Citation{
			ClaimID:     id,
			SourceID:    s.ID,
			Source:      s,
			Stance:      g.stance(s.Kind),
			URL:         fmt.Sprintf("https://example.com/%d/%d-%d", s.ID, id, i),
			PublishedAt: &published,
			Attribution: "Statement or report by " + s.Name,
			Figures:     g.figures(truth),
			CreatedAt:   created.Add(time.Duration(i+1) * time.Hour),
		}
		cites[i].Quote = fmt.Sprintf("%s %s the %s at %s.", s.Name, strings.ReplaceAll(string(cites[i].Stance), "_", " "), strings.ToLower(attackWords[attack]), place)
	}

	ev := claims.Summarize(cites, claims.VerdictUnverified)
	c.Verdict = g.verdict(ev)
	claims.Summarize(cites, c.Verdict).Apply(c)
	c.Version = 1 + len(cites)
	c.UpdatedAt = cites[len(cites)-1].CreatedAt
	if c.Verdict != claims.VerdictUnverified {
		c.Version++
		c.UpdatedAt = c.UpdatedAt.Add(time.Duration(1+g.rng.IntN(72)) * time.Hour)
	}
	return c, cites
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

func (g *generator) stance(kind claims.SourceKind) claims.Stance {
	switch kind {
	case claims.KindOfficial:
		return []claims.Stance{claims.StanceConfirms, claims.StanceDenies, claims.StanceReports}[g.pick(55, 20, 25)]
	case claims.KindArmedGroup:
		return []claims.Stance{claims.StanceClaimsResponsibility, claims.StanceDenies, claims.StanceReports}[g.pick(75, 10, 15)]
	}
	return []claims.Stance{claims.StanceReports, claims.StanceConfirms, claims.StanceDenies}[g.pick(90, 5, 5)]
}

// figures is what one source gives of the truth: some figures left out, a few wrong.
func (g *generator) figures(truth claims.Figures) claims.Figures {
	var f claims.Figures
	if truth.Weapon != "" && g.chance(80) {
		f.Weapon = truth.Weapon
		if g.chance(4) {
			f.Weapon = []string{"drone", "missile", "rocket"}[g.rng.IntN(3)]
		}
	}
	f.Launched = g.maybe(truth.Launched, 50)
	if f.Launched != nil && *f.Launched == 0 {
		f.Launched = n(1)
	}
	f.Intercepted = g.maybe(truth.Intercepted, 40)
	if f.Launched != nil && f.Intercepted != nil && *f.Intercepted > *f.Launched {
		f.Intercepted = n(*f.Launched)
	}
	f.Killed = g.maybe(truth.Killed, 35)
	f.Injured = g.maybe(truth.Injured, 30)
	return f
}

// maybe gives v with the given chance, one in twenty times off by one.
func (g *generator) maybe(v *int, percent int) *int {
	if v == nil || !g.chance(percent) {
		return nil
	}
	if g.chance(5) {
		return n(*v + 1)
	}
	return n(*v)
}

// verdict is what a fact-checker might have decided, given the evidence.
func (g *generator) verdict(ev claims.Evidence) claims.Verdict {
	vs := []claims.Verdict{claims.VerdictUnverified, claims.VerdictConfirmed, claims.VerdictDisputed, claims.VerdictFalse}
	switch {
	case ev.OfficiallyDenied:
		return vs[g.pick(40, 0, 25, 35)]
	case ev.Contested:
		return vs[g.pick(60, 10, 30, 0)]
	case ev.OfficiallyConfirmed:
		return vs[g.pick(40, 60, 0, 0)]
	}
	return vs[g.pick(75, 15, 5, 5)]
}

var claimColumns = []string{"id", "title", "summary", "place", "country", "occurred_on", "date_precision", "attack_type", "target", "verdict",
	"officially_confirmed", "officially_denied", "contested", "contested_reasons", "source_count", "version",
	"created_at", "updated_at", "created_by_id", "updated_by_id"}

func claimRow(c *claims.Claim) []any {
	return []any{c.ID, c.Title, c.Summary, c.Place, c.Country, c.OccurredOn, c.DatePrecision, c.AttackType, c.Target, c.Verdict,
		c.OfficiallyConfirmed, c.OfficiallyDenied, c.Contested, c.ContestedReasons, c.SourceCount, c.Version,
		c.CreatedAt, c.UpdatedAt, *c.CreatedByID, *c.UpdatedByID}
}

var citationColumns = []string{"id", "claim_id", "source_id", "stance", "url", "published_at", "quote", "attribution",
	"weapon", "launched", "intercepted", "killed", "injured", "created_at", "created_by_id"}

func citationRow(c *claims.Citation, actor int64) []any {
	return []any{c.ID, c.ClaimID, c.SourceID, c.Stance, c.URL, *c.PublishedAt, c.Quote, c.Attribution,
		c.Weapon, intOrNil(c.Launched), intOrNil(c.Intercepted), intOrNil(c.Killed), intOrNil(c.Injured), c.CreatedAt, actor}
}

func intOrNil(p *int) any {
	if p == nil {
		return nil
	}
	return *p
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
