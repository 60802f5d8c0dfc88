package claims_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"claimdesk/internal/claims"
	"claimdesk/internal/db/dbtest"

	"gorm.io/gorm"
)

var ctx = context.Background()

func exactly(n int) claims.FigureValue {
	return claims.FigureValue{Qualifier: claims.QualExactly, N: n}
}

// setup returns a service over a fresh database with one user (id 1) to act as.
func setup(t *testing.T) (*claims.Service, *gorm.DB) {
	t.Helper()
	d := dbtest.Open(t)
	gdb := d.Gorm()
	if err := gdb.Exec("INSERT INTO users (email, name, role, password_hash, created_at, updated_at) VALUES ('fc@desk.test', 'Fact Checker', 'factchecker', 'x', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)").Error; err != nil {
		t.Fatal(err)
	}
	return claims.NewService(d), gdb
}

func newClaim(t *testing.T, svc *claims.Service, title string) *claims.Claim {
	t.Helper()
	c := &claims.Claim{Title: title, Country: "Syria", Place: "al-Tanf garrison",
		OccurredOn: time.Date(2023, 10, 19, 0, 0, 0, 0, time.UTC), DatePrecision: "day", AttackType: "drone"}
	if err := svc.CreateClaim(ctx, 1, c); err != nil {
		t.Fatalf("create claim: %v", err)
	}
	return c
}

// newSource adds a source; an official or armed group's is the voice of a party of its
// own name.
func newSource(t *testing.T, svc *claims.Service, name string, kind claims.SourceKind) *claims.Source {
	t.Helper()
	s := &claims.Source{Name: name, Kind: kind}
	switch kind {
	case claims.KindOfficial:
		s.PartyID, s.Relation = newParty(t, svc, name, claims.PartyForces, 0), claims.RelationVoice
	case claims.KindArmedGroup:
		s.PartyID, s.Relation = newParty(t, svc, name, claims.PartyArmedGroup, 0), claims.RelationVoice
	}
	if err := svc.CreateSource(ctx, 1, s); err != nil {
		t.Fatalf("create source: %v", err)
	}
	return s
}

func newParty(t *testing.T, svc *claims.Service, name string, kind claims.PartyKind, parent claims.PartyID) claims.PartyID {
	t.Helper()
	p := &claims.PartyRecord{Party: claims.Party{Name: name, Kind: kind, ParentID: parent}}
	if err := svc.CreateParty(ctx, 1, p); err != nil {
		t.Fatalf("create party: %v", err)
	}
	return p.ID
}

func count(t *testing.T, gdb *gorm.DB, table string) int64 {
	t.Helper()
	var n int64
	gdb.Table(table).Count(&n)
	return n
}

func TestCreateClaim(t *testing.T) {
	t.Run("OK", func(t *testing.T) {
		svc, _ := setup(t)
		c := newClaim(t, svc, "Drones hit the al-Tanf garrison")
		got, err := svc.Claim(ctx, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Title != "Drones hit the al-Tanf garrison" || got.Verdict != claims.VerdictUnverified || got.Version != 1 {
			t.Errorf("got %q %q v%d", got.Title, got.Verdict, got.Version)
		}
		if got.CreatedBy.Display() != "Fact Checker" {
			t.Errorf("created by = %q", got.CreatedBy.Display())
		}
	})
	t.Run("ErrTitleRequired", func(t *testing.T) {
		svc, gdb := setup(t)
		err := svc.CreateClaim(ctx, 1, &claims.Claim{Title: "  ", OccurredOn: time.Now(), DatePrecision: "day", AttackType: "drone"})
		var ve claims.ValidationError
		if !errors.As(err, &ve) || ve["title"] == "" {
			t.Fatalf("err = %v, want a title problem", err)
		}
		if got := count(t, gdb, "claims"); got != 0 {
			t.Errorf("claims stored = %d, want 0", got)
		}
	})
	t.Run("ErrBadEnums", func(t *testing.T) {
		svc, _ := setup(t)
		err := svc.CreateClaim(ctx, 1, &claims.Claim{Title: "x", OccurredOn: time.Now(), DatePrecision: "year", AttackType: "laser"})
		var ve claims.ValidationError
		if !errors.As(err, &ve) || ve["attack_type"] == "" || ve["date_precision"] == "" {
			t.Fatalf("err = %v", err)
		}
	})
}

func TestUpdateClaim(t *testing.T) {
	t.Run("OK", func(t *testing.T) {
		svc, _ := setup(t)
		c := newClaim(t, svc, "Drone attack")
		edit := *c
		edit.Title = "Drone attack on al-Tanf"
		if err := svc.UpdateClaim(ctx, 1, &edit); err != nil {
			t.Fatal(err)
		}
		got, _ := svc.Claim(ctx, c.ID)
		if got.Title != "Drone attack on al-Tanf" || got.Version != 2 {
			t.Errorf("got %q v%d", got.Title, got.Version)
		}
		d, _ := svc.Detail(ctx, c.ID)
		if len(d.History) != 2 || d.History[0].Kind != "edited" || len(d.History[0].Changes) != 1 {
			t.Fatalf("history = %+v", d.History)
		}
		if ch := d.History[0].Changes[0]; ch.Label != "Title" || ch.Old != "Drone attack" || ch.New != "Drone attack on al-Tanf" {
			t.Errorf("change = %+v, want the title's old and new values", ch)
		}
	})
	t.Run("ErrConflict", func(t *testing.T) {
		svc, _ := setup(t)
		c := newClaim(t, svc, "Drone attack")
		first, second := *c, *c
		first.Title = "First editor's title"
		second.Title = "Second editor's title"
		if err := svc.UpdateClaim(ctx, 1, &first); err != nil {
			t.Fatal(err)
		}
		if err := svc.UpdateClaim(ctx, 1, &second); !errors.Is(err, claims.ErrConflict) {
			t.Fatalf("second save err = %v, want ErrConflict", err)
		}
		got, _ := svc.Claim(ctx, c.ID)
		if got.Title != "First editor's title" {
			t.Errorf("title = %q: the first save was overwritten", got.Title)
		}
	})
	t.Run("ErrNotFound", func(t *testing.T) {
		svc, _ := setup(t)
		c := &claims.Claim{ID: 99, Title: "x", OccurredOn: time.Now(), DatePrecision: "day", AttackType: "drone", Version: 1}
		if err := svc.UpdateClaim(ctx, 1, c); !errors.Is(err, claims.ErrNotFound) {
			t.Fatalf("err = %v, want ErrNotFound", err)
		}
	})
}

func TestAddCitation(t *testing.T) {
	t.Run("OKUpdatesEvidence", func(t *testing.T) {
		svc, _ := setup(t)
		c := newClaim(t, svc, "Drones hit al-Tanf")
		ap := newSource(t, svc, "AP", claims.KindWire)
		may := newSource(t, svc, "Al Mayadeen", claims.KindAffiliated)
		if err := svc.AddCitation(ctx, 1, &claims.Citation{ClaimID: c.ID, SourceID: ap.ID, Stance: "reports", Figures: claims.FigureSet{Launched: exactly(2), Intercepted: exactly(1)}}); err != nil {
			t.Fatal(err)
		}
		if err := svc.AddCitation(ctx, 1, &claims.Citation{ClaimID: c.ID, SourceID: may.ID, Stance: "reports", URL: "https://example.org/a", Figures: claims.FigureSet{Launched: exactly(3)}}); err != nil {
			t.Fatal(err)
		}
		got, _ := svc.Claim(ctx, c.ID)
		if !got.Contested || got.SourceCount != 2 || len(got.ContestReasons) != 1 || got.ContestReasons[0].Key != "figure:launched:2|3" {
			t.Errorf("contested=%v sources=%d reasons=%+v", got.Contested, got.SourceCount, got.ContestReasons)
		}
		// Citations are evidence, not edits: an editor's open form stays valid.
		if got.Version != 1 || got.Revision != 3 {
			t.Errorf("version %d, revision %d; want 1, 3", got.Version, got.Revision)
		}
		d, _ := svc.Detail(ctx, c.ID)
		if words := d.Evidence.Reasons[0].Words(d.Names); !strings.Contains(words, "AP") || !strings.Contains(words, "Al Mayadeen") {
			t.Errorf("reason reads %q", words)
		}
	})
	t.Run("ErrBadURL", func(t *testing.T) {
		svc, gdb := setup(t)
		c := newClaim(t, svc, "x")
		ap := newSource(t, svc, "AP", claims.KindWire)
		err := svc.AddCitation(ctx, 1, &claims.Citation{ClaimID: c.ID, SourceID: ap.ID, Stance: "reports", URL: "javascript:alert(1)"})
		var ve claims.ValidationError
		if !errors.As(err, &ve) || ve["url"] == "" {
			t.Fatalf("err = %v, want url problem", err)
		}
		if got := count(t, gdb, "citations"); got != 0 {
			t.Errorf("citations = %d", got)
		}
	})
	t.Run("ErrUnknownSource", func(t *testing.T) {
		svc, _ := setup(t)
		c := newClaim(t, svc, "x")
		err := svc.AddCitation(ctx, 1, &claims.Citation{ClaimID: c.ID, SourceID: 42, Stance: "reports"})
		var ve claims.ValidationError
		if !errors.As(err, &ve) || ve["source_id"] == "" {
			t.Fatalf("err = %v", err)
		}
	})
	t.Run("ErrNotFound", func(t *testing.T) {
		svc, _ := setup(t)
		ap := newSource(t, svc, "AP", claims.KindWire)
		err := svc.AddCitation(ctx, 1, &claims.Citation{ClaimID: 7, SourceID: ap.ID, Stance: "reports"})
		if !errors.Is(err, claims.ErrNotFound) {
			t.Fatalf("err = %v", err)
		}
	})
}

func TestSetVerdict(t *testing.T) {
	t.Run("OK", func(t *testing.T) {
		svc, _ := setup(t)
		c := newClaim(t, svc, "Three drones near forces in Iraq")
		centcom := newSource(t, svc, "CENTCOM", claims.KindOfficial)
		if err := svc.AddCitation(ctx, 1, &claims.Citation{ClaimID: c.ID, SourceID: centcom.ID, Stance: "confirms"}); err != nil {
			t.Fatal(err)
		}
		if err := svc.SetVerdict(ctx, 1, c.ID, 2, claims.VerdictConfirmed, "CENTCOM press release"); err != nil {
			t.Fatal(err)
		}
		d, _ := svc.Detail(ctx, c.ID)
		if d.Claim.Verdict != claims.VerdictConfirmed || !d.Claim.OfficiallyConfirmed {
			t.Errorf("verdict %q, officially confirmed %v", d.Claim.Verdict, d.Claim.OfficiallyConfirmed)
		}
		if len(d.Verdicts) != 1 {
			t.Fatalf("history = %d entries", len(d.Verdicts))
		}
		h := d.Verdicts[0]
		if h.FromVerdict != "unverified" || h.ToVerdict != "confirmed" || h.Reason != "CENTCOM press release" || h.ChangedBy.Display() != "Fact Checker" {
			t.Errorf("history = %+v", h)
		}
	})
	t.Run("VerdictIsNotEvidence", func(t *testing.T) {
		svc, _ := setup(t)
		c := newClaim(t, svc, "x")
		if err := svc.SetVerdict(ctx, 1, c.ID, 1, claims.VerdictDisputed, "Weapon unclear"); err != nil {
			t.Fatal(err)
		}
		got, _ := svc.Claim(ctx, c.ID)
		if got.Contested || got.Verdict != claims.VerdictDisputed || got.Version != 1 {
			t.Errorf("contested %v, verdict %q, version %d: a verdict is the desk's, not a source's", got.Contested, got.Verdict, got.Version)
		}
		d, _ := svc.Detail(ctx, c.ID)
		if v := d.Verdicts[0]; !v.Override || v.Suggested != claims.VerdictUnverified {
			t.Errorf("verdict against the suggestion recorded as %+v, want an override", v)
		}
	})
	errCases := []struct {
		name    string
		verdict claims.Verdict
		reason  string
		field   string
	}{
		{"ErrReasonRequired", claims.VerdictDisputed, "  ", "reason"},
		{"ErrConfirmedNeedsCitation", claims.VerdictConfirmed, "Seen it", "verdict"},
		{"ErrUnknownVerdict", "probably", "hm", "verdict"},
		{"ErrSameVerdict", claims.VerdictUnverified, "no change", "verdict"},
	}
	for _, tc := range errCases {
		t.Run(tc.name, func(t *testing.T) {
			svc, gdb := setup(t)
			c := newClaim(t, svc, "x")
			err := svc.SetVerdict(ctx, 1, c.ID, 1, tc.verdict, tc.reason)
			var ve claims.ValidationError
			if !errors.As(err, &ve) || ve[tc.field] == "" {
				t.Fatalf("err = %v, want a %s problem", err, tc.field)
			}
			if got := count(t, gdb, "verdict_changes"); got != 0 {
				t.Errorf("history rows = %d, want 0", got)
			}
		})
	}
	t.Run("ErrConflict", func(t *testing.T) {
		svc, gdb := setup(t)
		c := newClaim(t, svc, "x")
		if err := svc.SetVerdict(ctx, 1, c.ID, 1, claims.VerdictDisputed, "first"); err != nil {
			t.Fatal(err)
		}
		if err := svc.SetVerdict(ctx, 1, c.ID, 1, claims.VerdictFalse, "second, on a stale page"); !errors.Is(err, claims.ErrConflict) {
			t.Fatalf("err = %v, want ErrConflict", err)
		}
		if got := count(t, gdb, "verdict_changes"); got != 1 {
			t.Errorf("history rows = %d, want 1", got)
		}
	})
	t.Run("ConcurrentWritersNeverLocked", func(t *testing.T) {
		svc, _ := setup(t)
		src := newSource(t, svc, "AP", claims.KindWire)
		var wg sync.WaitGroup
		errs := make(chan error, 64)
		for w := range 8 {
			wg.Go(func() {
				for i := range 8 {
					c := &claims.Claim{Title: fmt.Sprintf("w%d-%d", w, i), OccurredOn: time.Now(), DatePrecision: "day", AttackType: "drone"}
					if err := svc.CreateClaim(ctx, 1, c); err != nil {
						errs <- err
						continue
					}
					if err := svc.AddCitation(ctx, 1, &claims.Citation{ClaimID: c.ID, SourceID: src.ID, Stance: "reports"}); err != nil {
						errs <- err
					}
				}
			})
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Error(err)
		}
	})
}

func TestSources(t *testing.T) {
	t.Run("ErrDuplicateNameIgnoringCase", func(t *testing.T) {
		svc, _ := setup(t)
		newSource(t, svc, "CENTCOM", claims.KindOfficial)
		err := svc.CreateSource(ctx, 1, &claims.Source{Name: "centcom", Kind: claims.KindOfficial})
		var ve claims.ValidationError
		if !errors.As(err, &ve) || ve["name"] == "" {
			t.Fatalf("err = %v, want a name problem", err)
		}
	})
	t.Run("PartyChangeRecomputesEvidence", func(t *testing.T) {
		svc, _ := setup(t)
		c := newClaim(t, svc, "x")
		src := newSource(t, svc, "Kurdistan counter-terrorism service", claims.KindOther)
		svc.AddCitation(ctx, 1, &claims.Citation{ClaimID: c.ID, SourceID: src.ID, Stance: "confirms"})
		before, _ := svc.Claim(ctx, c.ID)
		src.PartyID, src.Relation = newParty(t, svc, "Kurdistan Region", claims.PartyState, 0), claims.RelationVoice
		if err := svc.UpdateSource(ctx, 1, src); err != nil {
			t.Fatal(err)
		}
		got, _ := svc.Claim(ctx, c.ID)
		if !got.OfficiallyConfirmed || got.OccurredState != claims.OccurredConfirmedByNeutral {
			t.Errorf("occurred %q: not officially confirmed after its source became a party's voice", got.OccurredState)
		}
		if got.Version != before.Version || !got.UpdatedAt.Equal(before.UpdatedAt) {
			t.Errorf("version %d → %d: recomputing evidence edited the claim", before.Version, got.Version)
		}
	})
	t.Run("RenameWritesOneRow", func(t *testing.T) {
		svc, _ := setup(t)
		c := newClaim(t, svc, "x")
		ap := newSource(t, svc, "AP", claims.KindWire)
		may := newSource(t, svc, "Al Mayadeen", claims.KindAffiliated)
		svc.AddCitation(ctx, 1, &claims.Citation{ClaimID: c.ID, SourceID: ap.ID, Stance: "reports", Figures: claims.FigureSet{Launched: exactly(2)}})
		svc.AddCitation(ctx, 1, &claims.Citation{ClaimID: c.ID, SourceID: may.ID, Stance: "reports", Figures: claims.FigureSet{Launched: exactly(3)}})
		before, _ := svc.Claim(ctx, c.ID)
		ap.Name = "The Associated Press"
		if err := svc.UpdateSource(ctx, 1, ap); err != nil {
			t.Fatal(err)
		}
		got, _ := svc.Claim(ctx, c.ID)
		if got.Revision != before.Revision || got.Version != before.Version {
			t.Errorf("claim revision %d → %d after a rename: claim rows were rewritten", before.Revision, got.Revision)
		}
		d, _ := svc.Detail(ctx, c.ID)
		if words := d.Evidence.Reasons[0].Words(d.Names); !strings.Contains(words, "The Associated Press") {
			t.Errorf("reason reads %q, want today's name", words)
		}
	})
}

func TestList(t *testing.T) {
	svc, _ := setup(t)
	centcom := newSource(t, svc, "CENTCOM", claims.KindOfficial)
	var ids []int64
	for i := range 60 {
		c := &claims.Claim{Title: fmt.Sprintf("claim %d", i), Country: []string{"Syria", "Iraq"}[i%2],
			OccurredOn: time.Date(2023, 10, 1+i%28, 0, 0, 0, 0, time.UTC), DatePrecision: "day", AttackType: "drone"}
		if err := svc.CreateClaim(ctx, 1, c); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, c.ID)
	}
	svc.AddCitation(ctx, 1, &claims.Citation{ClaimID: ids[3], SourceID: centcom.ID, Stance: "confirms"})
	tests := []struct {
		name      string
		f         claims.Filter
		total     int64
		onPage    int
		firstName string
	}{
		{"All", claims.Filter{}, 60, 50, "claim 55"},
		{"Page2", claims.Filter{Page: 2}, 60, 10, ""},
		{"Country", claims.Filter{Country: "Iraq"}, 30, 30, ""},
		{"OfficiallyConfirmed", claims.Filter{Bucket: "officially-confirmed"}, 1, 1, "claim 3"},
		{"Source", claims.Filter{SourceID: centcom.ID}, 1, 1, "claim 3"},
		{"Unverified", claims.Filter{Bucket: "unverified"}, 60, 50, ""},
		{"Contested", claims.Filter{Bucket: "contested"}, 0, 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := svc.List(ctx, tt.f, nil)
			if err != nil {
				t.Fatal(err)
			}
			if p.Total != tt.total || len(p.Claims) != tt.onPage {
				t.Errorf("total %d, on page %d; want %d, %d", p.Total, len(p.Claims), tt.total, tt.onPage)
			}
			if tt.firstName != "" && p.Claims[0].Title != tt.firstName {
				t.Errorf("first = %q, want %q (newest first)", p.Claims[0].Title, tt.firstName)
			}
		})
	}
	counts, err := svc.Count(ctx, claims.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if counts.Total != 60 || counts.Bucket("officially-confirmed") != 1 || counts.Bucket("unverified") != 60 || counts.Bucket("confirmed") != 0 {
		t.Errorf("counts = %+v", counts)
	}
	// With the counts at hand, List takes a bucket's total from them.
	p, err := svc.List(ctx, claims.Filter{Bucket: "officially-confirmed"}, counts)
	if err != nil || p.Total != 1 || len(p.Claims) != 1 {
		t.Errorf("List with counts: total %d, %d claims, err %v", p.Total, len(p.Claims), err)
	}
	countries, err := svc.Countries(ctx)
	if err != nil || strings.Join(countries, ",") != "Iraq,Syria" {
		t.Errorf("countries = %q, %v", countries, err)
	}
}

// TestCountsMatchClaims checks that the counters kept by every write agree with counting
// the claims themselves.
func TestCountsMatchClaims(t *testing.T) {
	svc, gdb := setup(t)
	centcom := newSource(t, svc, "CENTCOM", claims.KindOfficial)
	ctsKurd := newSource(t, svc, "Kurdistan CTS", claims.KindOther)
	ap := newSource(t, svc, "AP", claims.KindWire)
	a, b, c := newClaim(t, svc, "a"), newClaim(t, svc, "b"), newClaim(t, svc, "c")
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(svc.AddCitation(ctx, 1, &claims.Citation{ClaimID: a.ID, SourceID: centcom.ID, Stance: "confirms"}))
	must(svc.SetVerdict(ctx, 1, a.ID, 2, claims.VerdictConfirmed, "CENTCOM says so"))
	must(svc.AddCitation(ctx, 1, &claims.Citation{ClaimID: b.ID, SourceID: ap.ID, Stance: "denies"}))
	must(svc.SetVerdict(ctx, 1, b.ID, 2, claims.VerdictDisputed, "AP denies"))
	must(svc.SetVerdict(ctx, 1, b.ID, 3, claims.VerdictFalse, "Nothing happened"))
	must(svc.AddCitation(ctx, 1, &claims.Citation{ClaimID: c.ID, SourceID: ctsKurd.ID, Stance: "confirms"}))
	ctsKurd.PartyID, ctsKurd.Relation = newParty(t, svc, "Kurdistan Region", claims.PartyState, 0), claims.RelationVoice
	must(svc.UpdateSource(ctx, 1, ctsKurd))
	// A failed write (stale version) must leave the counters alone.
	if err := svc.SetVerdict(ctx, 1, a.ID, 1, claims.VerdictFalse, "stale"); !errors.Is(err, claims.ErrConflict) {
		t.Fatalf("stale verdict: %v", err)
	}

	// A claim that moves country, and one that cites a second source, move their counts.
	must(svc.AddCitation(ctx, 1, &claims.Citation{ClaimID: a.ID, SourceID: ap.ID, Stance: "reports"}))
	cur, err := svc.Claim(ctx, c.ID)
	must(err)
	cur.Country = "Iraq"
	must(svc.UpdateClaim(ctx, 1, cur))

	buckets := map[string]string{
		"": "1 = 1", "officially-confirmed": "officially_confirmed", "contested": "contested",
		"unverified": "verdict = 'unverified'", "confirmed": "verdict = 'confirmed'", "disputed": "verdict = 'disputed'", "false": "verdict = 'false'",
	}
	check := func(t *testing.T, f claims.Filter) map[string]int64 {
		t.Helper()
		got, err := svc.Count(ctx, f)
		must(err)
		want := map[string]int64{}
		for bucket, where := range buckets {
			q := gdb.Model(&claims.Claim{}).Where(where)
			if f.Country != "" {
				q = q.Where("country = ?", f.Country)
			}
			if f.SourceID != 0 {
				q = q.Where("id IN (SELECT claim_id FROM citations WHERE source_id = ?)", f.SourceID)
			}
			var n int64
			q.Count(&n)
			want[bucket] = n
			if got.Bucket(bucket) != n {
				t.Errorf("%+v: count %q = %d, claims say %d", f, bucket, got.Bucket(bucket), n)
			}
		}
		return want
	}
	filters := []claims.Filter{{}, {Country: "Syria"}, {Country: "Iraq"}, {SourceID: centcom.ID}, {SourceID: ap.ID},
		{SourceID: ctsKurd.ID}, {Country: "Syria", SourceID: ap.ID}}
	for _, f := range filters {
		check(t, f)
	}
	want := check(t, claims.Filter{})
	if want[""] != 3 || want["officially-confirmed"] != 2 || want["false"] != 1 || want["contested"] != 1 {
		t.Errorf("scenario went wrong: %v", want)
	}
	if n := check(t, claims.Filter{Country: "Iraq"})[""]; n != 1 {
		t.Errorf("claims in Iraq = %d, want 1 (c moved there)", n)
	}
	// Recount, as bulk tools use it, arrives at the same counters.
	must(gdb.Transaction(claims.Recount))
	for _, f := range filters {
		check(t, f)
	}
}

func TestSourceCitationCount(t *testing.T) {
	svc, _ := setup(t)
	ap := newSource(t, svc, "AP", claims.KindWire)
	newSource(t, svc, "Al Mayadeen", claims.KindAffiliated)
	for _, title := range []string{"a", "b"} {
		c := newClaim(t, svc, title)
		if err := svc.AddCitation(ctx, 1, &claims.Citation{ClaimID: c.ID, SourceID: ap.ID, Stance: "reports"}); err != nil {
			t.Fatal(err)
		}
	}
	// A rejected citation does not count.
	svc.AddCitation(ctx, 1, &claims.Citation{ClaimID: 999, SourceID: ap.ID, Stance: "reports"})
	rows, err := svc.Sources(ctx)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]int64{}
	for _, r := range rows {
		got[r.Name] = r.CitationCount
	}
	if got["AP"] != 2 || got["Al Mayadeen"] != 0 {
		t.Errorf("citation counts = %v", got)
	}
}

// A claim's page lists only the newest of its history and verdicts, and says how many
// there are; the activity filtered to the claim has them all, a page at a time.
func TestDetailShowsNewestHistory(t *testing.T) {
	svc, _ := setup(t)
	c := newClaim(t, svc, "Drones over al-Tanf")
	other := newClaim(t, svc, "Rockets at Ain al-Asad")
	const verdicts = 60
	to := []claims.Verdict{claims.VerdictDisputed, claims.VerdictFalse}
	for i := range verdicts {
		if err := svc.SetVerdict(ctx, 1, c.ID, 1+i, to[i%2], fmt.Sprintf("Round %d of the review", i+1)); err != nil {
			t.Fatal(err)
		}
	}
	if err := svc.SetVerdict(ctx, 1, other.ID, 1, claims.VerdictDisputed, "Elsewhere"); err != nil {
		t.Fatal(err)
	}
	d, err := svc.Detail(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Verdicts) != claims.VerdictsShown || d.VerdictCount != verdicts {
		t.Errorf("verdicts: %d shown of %d, want %d of %d", len(d.Verdicts), d.VerdictCount, claims.VerdictsShown, verdicts)
	}
	if d.Verdicts[0].Reason != "Round 60 of the review" {
		t.Errorf("newest verdict shown = %q, want round 60", d.Verdicts[0].Reason)
	}
	if len(d.History) != claims.HistoryShown || d.HistoryCount != verdicts+1 {
		t.Errorf("history: %d shown of %d, want %d of %d (created + verdicts)", len(d.History), d.HistoryCount, claims.HistoryShown, verdicts+1)
	}
	if d.History[0].Reason != "Round 60 of the review" || d.History[0].User.Display() != "Fact Checker" {
		t.Errorf("newest history entry = %+v", d.History[0])
	}

	// A claim with little history shows it all, and counts without a second query's help.
	d, err = svc.Detail(ctx, other.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(d.History) != 2 || d.HistoryCount != 2 || len(d.Verdicts) != 1 || d.VerdictCount != 1 {
		t.Errorf("small claim: history %d of %d, verdicts %d of %d", len(d.History), d.HistoryCount, len(d.Verdicts), d.VerdictCount)
	}

	// The whole history, page after page, is the claim's and nothing else's.
	seen := 0
	f := claims.ActivityFilter{ClaimID: c.ID}
	for {
		p, err := svc.Activity(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range p.Entries {
			if e.ClaimID != c.ID || e.ClaimTitle != "Drones over al-Tanf" {
				t.Fatalf("entry of claim %d (%q) in claim %d's history", e.ClaimID, e.ClaimTitle, c.ID)
			}
		}
		seen += len(p.Entries)
		if p.Next == nil {
			break
		}
		f.Before = p.Next
	}
	if seen != verdicts+1 {
		t.Errorf("claim's history over its pages = %d entries, want %d", seen, verdicts+1)
	}
}
