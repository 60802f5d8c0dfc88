package claims_test

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode"

	"claimdesk/internal/claims"

	"gorm.io/gorm"
)

// searchCorpus is a fixed desk of five claims, their sources and parties.
type searchCorpus struct {
	svc                                    *claims.Service
	gdb                                    *gorm.DB
	c                                      [6]int64 // claim ids by number, 1 to 5
	reuters, mayadeen, resistance, centcom *claims.Source
	houthis                                claims.PartyID
}

func newSearchCorpus(t *testing.T) *searchCorpus {
	t.Helper()
	svc, gdb := setup(t)
	k := &searchCorpus{svc: svc, gdb: gdb}
	k.reuters = newSource(t, svc, "Reuters", claims.KindWire)
	k.mayadeen = newSource(t, svc, "Al-Mayadeen", claims.KindOutlet)
	k.resistance = newSource(t, svc, "Islamic Resistance in Iraq", claims.KindArmedGroup)
	k.centcom = newSource(t, svc, "US Central Command", claims.KindOfficial)
	k.houthis = newParty(t, svc, "Houthis", claims.PartyArmedGroup, 0)
	add := func(n int, title, place, country, day, summary, target string, attackers []claims.PartyID) {
		c := &claims.Claim{Title: title, Place: place, Country: country, Summary: summary, Target: target,
			OccurredOn: time.Date(2024, 1, 0, 0, 0, 0, 0, time.UTC).AddDate(0, 0, atoi(day)), DatePrecision: "day",
			AttackType: "drone", Attackers: attackers}
		if err := svc.CreateClaim(ctx, 1, c); err != nil {
			t.Fatal(err)
		}
		k.c[n] = c.ID
	}
	add(1, "Drone strike on al-Tanf garrison", "al-Tanf garrison", "Syria", "10", "Two drones were shot down.", "Military base", nil)
	add(2, "Rocket fire on Ain al-Asad", "Ain al-Asad air base", "Iraq", "12", "A drone was also seen over the base.", "", nil)
	add(3, "Missile strike near Erbil", "Erbil", "Iraq", "15", "Officials deny any drone attack.", "", []claims.PartyID{k.resistance.PartyID})
	add(4, "Attack on Hodeidah port", "Hodeidah", "Yemen", "20", "Qāsim al-Rimi was named as the commander.", "Port", []claims.PartyID{k.houthis})
	add(5, "Explosion at Tower 22 <script>", "Tower 22", "Jordan", "28", "A drone, then a second drone.", "", nil)
	cite := func(n int, src *claims.Source, stance claims.Stance, quote string, relays *claims.Source) {
		cit := &claims.Citation{ClaimID: k.c[n], SourceID: src.ID, Stance: stance, Quote: quote}
		if relays != nil {
			cit.RelaysSourceID = &relays.ID
		}
		if err := svc.AddCitation(ctx, 1, cit); err != nil {
			t.Fatal(err)
		}
	}
	cite(1, k.reuters, claims.StanceReports, "Drones targeted the base near Tanf.", nil)
	cite(2, k.mayadeen, claims.StanceReports, "Rockets hit the base, said Abu Qāsim.", nil)
	cite(3, k.resistance, claims.StanceClaimsResponsibility, "We struck Erbil.", nil)
	cite(4, k.centcom, claims.StanceConfirms, "A strike was carried out.", nil)
	cite(5, k.reuters, claims.StanceReports, "Reports of a blast.", k.mayadeen)
	return k
}

func atoi(s string) int {
	n := 0
	fmt.Sscan(s, &n)
	return n
}

// search lists every claim (by corpus number) that f finds, in order.
func (k *searchCorpus) search(t *testing.T, f claims.Filter) []int {
	t.Helper()
	p, err := k.svc.List(ctx, f, nil)
	if err != nil {
		t.Fatalf("search %q: %v", f.Query, err)
	}
	var got []int
	for _, c := range p.Claims {
		got = append(got, slices.Index(k.c[:], c.ID))
	}
	if int64(len(got)) != p.Total {
		t.Errorf("search %q: total %d for %d claims", f.Query, p.Total, len(got))
	}
	return got
}

func TestSearch(t *testing.T) {
	k := newSearchCorpus(t)
	tests := []struct {
		name, q string
		want    []int
	}{
		{"WordTitleFirstThenNewest", "drone", []int{1, 5, 3, 2}},
		{"CaseFolded", "DRONE", []int{1, 5, 3, 2}},
		{"Prefix", "dro*", []int{1, 5, 3, 2}},
		{"PrefixOfSourceName", "reu*", []int{5, 1}},
		{"TwoWordsBothRequired", "drone base", []int{1, 2}},
		{"Phrase", `"shot down"`, []int{1}},
		{"PhraseWordOrder", `"down shot"`, nil},
		{"PhraseWithHyphen", `"al-Tanf garrison"`, []int{1}},
		{"HyphenSplit", "Tanf", []int{1}},
		{"HyphenatedWord", "al-Asad", []int{2}},
		{"DiacriticsFolded", "qasim", []int{4, 2}},
		{"DiacriticsTyped", "Qāsim", []int{4, 2}},
		{"Exclude", "drone -Erbil", []int{1, 5, 2}},
		{"ExcludePhrase", `drone -"air base"`, []int{1, 5, 3}},
		{"ExcludeBySourceName", "drone -reuters", []int{3, 2}},
		{"SourceName", "Mayadeen", []int{5, 2}},
		{"SourceNameHyphenated", "Al-Mayadeen", []int{5, 2}},
		{"SourceNamePhrase", `"Al Mayadeen"`, []int{5, 2}},
		{"RelayedSource", "mayadeen blast", []int{5}},
		{"SourceAndPartyName", "islamic resistance", []int{3}},
		{"PartyName", "Houthis", []int{4}},
		{"OfficialSource", `"central command"`, []int{4}},
		{"TargetAndTitle", "port", []int{4}},
		{"QuoteOnly", "rockets", []int{2}},
		{"NoMatch", "tanker", nil},
		{"OperatorWordQuoted", `"near"`, []int{3, 1}},
		{"MarkupIsText", "script", []int{5}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := k.search(t, claims.Filter{Query: tt.q}); !slices.Equal(got, tt.want) {
				t.Errorf("%q found %v, want %v", tt.q, got, tt.want)
			}
		})
	}
}

func TestSearchWithFilters(t *testing.T) {
	k := newSearchCorpus(t)
	tests := []struct {
		name string
		f    claims.Filter
		want []int
	}{
		{"Country", claims.Filter{Query: "drone", Country: "Iraq"}, []int{3, 2}},
		{"Source", claims.Filter{Query: "drone", SourceID: k.reuters.ID}, []int{1, 5}},
		{"Bucket", claims.Filter{Query: "drone", Bucket: "officially-confirmed"}, nil},
		{"BucketUnverified", claims.Filter{Query: "drone", Bucket: "unverified"}, []int{1, 5, 3, 2}},
		{"Axis", claims.Filter{Query: "strike", Responsibility: claims.ResponsibilityClaimed}, []int{3}},
		{"Blank", claims.Filter{Query: "   "}, []int{5, 4, 3, 2, 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := k.search(t, tt.f); !slices.Equal(got, tt.want) {
				t.Errorf("found %v, want %v", got, tt.want)
			}
		})
	}
	t.Run("Counts", func(t *testing.T) {
		f := claims.Filter{Query: "drone", Country: "Iraq"}
		c, err := k.svc.Count(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		if got, want := c.Total, int64(2); got != want {
			t.Errorf("total = %d, want %d", got, want)
		}
		if got := c.Bucket("unverified"); got != 2 {
			t.Errorf("unverified = %d, want 2", got)
		}
		f.Bucket = "unverified"
		p, err := k.svc.List(ctx, f, c)
		if err != nil || p.Total != 2 || len(p.Claims) != 2 {
			t.Errorf("list with counts: total %d, %d claims, %v", p.Total, len(p.Claims), err)
		}
	})
	t.Run("Pages", func(t *testing.T) {
		svc, _ := setup(t)
		for i := range claims.PerPage + 3 {
			newClaim(t, svc, fmt.Sprintf("Drone sighting %d", i))
		}
		newClaim(t, svc, "Nothing to see")
		f := claims.Filter{Query: "drone", Page: 2}
		p, err := svc.List(ctx, f, nil)
		if err != nil {
			t.Fatal(err)
		}
		if p.Total != claims.PerPage+3 || p.Pages != 2 || len(p.Claims) != 3 {
			t.Errorf("page 2: total %d, pages %d, %d claims", p.Total, p.Pages, len(p.Claims))
		}
	})
}

func TestSearchRefused(t *testing.T) {
	k := newSearchCorpus(t)
	for _, q := range []string{`"drone`, "NEAR(drone base)", "drone OR base", "*", "-", "-drone", strings.Repeat("drone ", 2000), "a\x00b", "\xff\xfe"} {
		_, err := k.svc.List(ctx, claims.Filter{Query: q}, nil)
		var ve claims.ValidationError
		if !errors.As(err, &ve) || ve["q"] == "" {
			t.Errorf("List(%.20q) = %v, want a message for q", q, err)
		}
		if _, err := k.svc.Count(ctx, claims.Filter{Query: q}); !errors.As(err, &ve) {
			t.Errorf("Count(%.20q) = %v, want a ValidationError", q, err)
		}
	}
}

func TestSearchHighlights(t *testing.T) {
	k := newSearchCorpus(t)
	marked := func(segs []claims.Segment) string {
		var b strings.Builder
		for _, s := range segs {
			if s.Match {
				b.WriteString("[" + s.Text + "]")
			} else {
				b.WriteString(s.Text)
			}
		}
		return b.String()
	}
	tests := []struct {
		q              string
		claim          int
		title, snippet string
	}{
		{"tanf", 1, "Drone strike on al-[Tanf] garrison", "Drones targeted the base near [Tanf]."},
		{"qasim", 4, "Attack on Hodeidah port", "[Qāsim] al-Rimi was named as the commander."},
		{"dro*", 5, "Explosion at Tower 22 <script>", "A [drone], then a second [drone]."},
		{`"tower 22"`, 5, "Explosion at [Tower 22] <script>", "[Tower 22]"},
		{"mayadeen", 2, "Rocket fire on Ain al-Asad", ""},
	}
	for _, tt := range tests {
		t.Run(tt.q, func(t *testing.T) {
			p, err := k.svc.List(ctx, claims.Filter{Query: tt.q}, nil)
			if err != nil {
				t.Fatal(err)
			}
			m, ok := p.Matches[k.c[tt.claim]]
			if !ok {
				t.Fatalf("no match for claim %d in %v", tt.claim, p.Matches)
			}
			if got := marked(m.Title); got != tt.title {
				t.Errorf("title = %q, want %q", got, tt.title)
			}
			if got := marked(m.Snippet); got != tt.snippet {
				t.Errorf("snippet = %q, want %q", got, tt.snippet)
			}
		})
	}
}

// TestSearchIndexFollowsEdits makes random edits (claims, parties, citations and their
// corrections and withdrawals, source and party renames) and after each batch compares
// what the search finds for every word with a plain scan of the same data.
func TestSearchIndexFollowsEdits(t *testing.T) {
	svc, gdb := setup(t)
	rng := rand.New(rand.NewPCG(7, 7))
	vocab := []string{"alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel"}
	words := func(n int) string {
		w := make([]string, n)
		for i := range w {
			w[i] = vocab[rng.IntN(len(vocab))]
		}
		return strings.Join(w, " ")
	}
	var sources []*claims.Source
	var parties []claims.PartyID
	for i := range 4 {
		parties = append(parties, newParty(t, svc, fmt.Sprintf("%s party %d", words(1), i), claims.PartyArmedGroup, 0))
		src := &claims.Source{Name: fmt.Sprintf("%s %d", words(1), i), Kind: claims.KindAffiliated}
		if i%2 == 0 { // half of them speak for a party, whose name finds them too
			src.PartyID, src.Relation = parties[i], claims.RelationAffiliated
		}
		if err := svc.CreateSource(ctx, 1, src); err != nil {
			t.Fatal(err)
		}
		sources = append(sources, src)
	}
	var ids []int64
	for range 8 {
		c := &claims.Claim{Title: words(2), Summary: words(3), Place: words(1), Target: words(1), Country: "Syria",
			OccurredOn: time.Date(2024, 2, 1+rng.IntN(20), 0, 0, 0, 0, time.UTC), DatePrecision: "day", AttackType: "drone",
			Attackers: []claims.PartyID{parties[rng.IntN(4)]}}
		if err := svc.CreateClaim(ctx, 1, c); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, c.ID)
	}
	edits := []func() error{
		func() error { // edit a claim's text and parties
			c, err := svc.Claim(ctx, ids[rng.IntN(len(ids))])
			if err != nil {
				return err
			}
			c.Title, c.Summary, c.Place, c.Target = words(2), words(2), words(1), words(1)
			c.Attackers, c.Targets = []claims.PartyID{parties[rng.IntN(4)]}, nil
			if rng.IntN(2) == 0 {
				c.Attackers = nil
			}
			return svc.UpdateClaim(ctx, 1, c)
		},
		func() error { // cite a source, sometimes passing another on
			cit := &claims.Citation{ClaimID: ids[rng.IntN(len(ids))], SourceID: sources[rng.IntN(4)].ID, Stance: claims.StanceReports,
				Quote: words(3), Attribution: words(1)}
			if r := sources[rng.IntN(4)].ID; r != cit.SourceID && rng.IntN(2) == 0 {
				cit.RelaysSourceID = &r
			}
			return svc.AddCitation(ctx, 1, cit)
		},
		func() error { // correct a live citation
			var cit claims.Citation
			if err := gdb.Where("withdrawn_at IS NULL").Order("RANDOM()").Limit(1).Find(&cit).Error; err != nil || cit.ID == 0 {
				return err
			}
			cit.Quote, cit.SourceID = words(2), sources[rng.IntN(4)].ID
			if cit.RelaysSourceID != nil && *cit.RelaysSourceID == cit.SourceID {
				cit.RelaysSourceID = nil
			}
			return svc.UpdateCitation(ctx, 1, &cit, "corrected")
		},
		func() error { // withdraw a live citation
			var cit claims.Citation
			if err := gdb.Where("withdrawn_at IS NULL").Order("RANDOM()").Limit(1).Find(&cit).Error; err != nil || cit.ID == 0 {
				return err
			}
			return svc.WithdrawCitation(ctx, 1, cit.ID, cit.Version, "wrong claim")
		},
		func() error { // rename a source
			i := rng.IntN(4)
			src, err := svc.Source(ctx, sources[i].ID)
			if err != nil {
				return err
			}
			src.Name = fmt.Sprintf("%s %d", words(1), i)
			return svc.UpdateSource(ctx, 1, src)
		},
		func() error { // merge one claim into another
			if len(ids) < 3 {
				return nil
			}
			i, j := rng.IntN(len(ids)), rng.IntN(len(ids))
			if i == j {
				return nil
			}
			from, err := svc.Claim(ctx, ids[i])
			if err != nil {
				return err
			}
			into, err := svc.Claim(ctx, ids[j])
			if err != nil {
				return err
			}
			if err := svc.MergeClaim(ctx, 1, from.ID, from.Revision, into.ID, into.Revision, "the same attack"); err != nil {
				return err
			}
			ids = slices.Delete(ids, i, i+1)
			return nil
		},
		func() error { // rename a party
			i := rng.IntN(4)
			p, err := svc.PartyByID(ctx, parties[i])
			if err != nil {
				return err
			}
			p.Name = fmt.Sprintf("%s party %d", words(1), i)
			return svc.UpdateParty(ctx, 1, p)
		},
	}
	for round := range 12 {
		for range 10 {
			if err := edits[rng.IntN(len(edits))](); err != nil {
				t.Fatalf("round %d: %v", round, err)
			}
		}
		scan := scanWords(t, gdb)
		for _, w := range append(vocab, "party") {
			p, err := svc.List(ctx, claims.Filter{Query: w}, nil)
			if err != nil {
				t.Fatal(err)
			}
			var got []int64
			for _, c := range p.Claims {
				got = append(got, c.ID)
			}
			slices.Sort(got)
			if want := scan[w]; !slices.Equal(got, want) {
				t.Fatalf("round %d: %q finds %v, a scan %v", round, w, got, want)
			}
		}
	}
}

// scanWords maps each word to the claims that hold it, read from the tables with Go:
// own fields, live citations' quotes and attributions, and the names of the sources
// cited and passed on, of the parties those speak for, and of the parties passed on or
// alleged.
func scanWords(t *testing.T, gdb *gorm.DB) map[string][]int64 {
	t.Helper()
	type row struct {
		ID   int64
		Text string
	}
	var rows []row
	err := gdb.Raw(`SELECT id, title || ' ' || summary || ' ' || place || ' ' || target AS text FROM claims WHERE merged_into IS NULL
		UNION ALL SELECT claim_id, quote || ' ' || attribution FROM citations WHERE withdrawn_at IS NULL
		UNION ALL SELECT c.claim_id, s.name FROM citations c JOIN sources s ON s.id = c.source_id OR s.id = c.relays_source_id WHERE c.withdrawn_at IS NULL
		UNION ALL SELECT c.claim_id, p.name FROM citations c JOIN sources s ON s.id = c.source_id OR s.id = c.relays_source_id
			JOIN parties p ON p.id = s.party_id WHERE c.withdrawn_at IS NULL
		UNION ALL SELECT c.claim_id, p.name FROM citations c JOIN parties p ON p.id = c.relays_party_id WHERE c.withdrawn_at IS NULL
		UNION ALL SELECT cp.claim_id, p.name FROM claim_parties cp JOIN parties p ON p.id = cp.party_id
			JOIN claims m ON m.id = cp.claim_id WHERE m.merged_into IS NULL`).Scan(&rows).Error
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]int64{}
	for _, r := range rows {
		for _, w := range strings.FieldsFunc(strings.ToLower(r.Text), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
			if !slices.Contains(out[w], r.ID) {
				out[w] = append(out[w], r.ID)
			}
		}
	}
	for w := range out {
		slices.Sort(out[w])
	}
	return out
}

// TestSearchTooManyToRank: a search matching more claims than the desk ranks lists them
// newest attack first, says so, and still finds every match; under the limit it ranks.
func TestSearchTooManyToRank(t *testing.T) {
	k := newSearchCorpus(t)
	k.svc.RankLimit = 3
	p, err := k.svc.List(ctx, claims.Filter{Query: "drone"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	var got []int
	for _, c := range p.Claims {
		got = append(got, slices.Index(k.c[:], c.ID))
	}
	if want := []int{5, 3, 2, 1}; !p.Unranked || p.Total != 4 || !slices.Equal(got, want) {
		t.Errorf("4 matches over a limit of 3: unranked %v, total %d, order %v; want unranked, 4, %v (newest attack first)", p.Unranked, p.Total, got, want)
	}
	if len(p.Matches) != 4 {
		t.Errorf("unranked matches are highlighted too: %d of 4 have matches", len(p.Matches))
	}
	if got := k.search(t, claims.Filter{Query: "drone base"}); !slices.Equal(got, []int{1, 2}) {
		t.Errorf("2 matches under the limit: %v, want ranked [1 2]", got)
	}
}
