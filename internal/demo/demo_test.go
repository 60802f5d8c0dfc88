package demo_test

import (
	"context"
	"errors"
	"maps"
	"slices"
	"strings"
	"testing"

	"claimdesk/internal/auth"
	"claimdesk/internal/claims"
	"claimdesk/internal/db"
	"claimdesk/internal/db/dbtest"
	"claimdesk/internal/demo"
)

var ctx = context.Background()

const (
	tanf        = "Drone attack on the al-Tanf garrison in Syria"
	tanfEarlier = "Earlier attempted drone attack on the al-Tanf garrison"
	conoco      = "Attack on the Conoco gas field base in Deir ez-Zor"
	asad        = "Drone attack on Ain al-Asad air base in Iraq"
	harir       = "Drone attack on Al Harir air base in Iraqi Kurdistan"
	centcom     = "CENTCOM: three drones countered near US and coalition forces in Iraq"
	gaza        = "Hospital hit in Gaza"
)

var emails = []string{"admin@demo.test", "editor@demo.test", "factchecker@demo.test", "viewer@demo.test"}

func services(t *testing.T) (*claims.Service, *auth.Service, *db.DB) {
	t.Helper()
	d := dbtest.Open(t)
	return claims.NewService(d), auth.NewService(d), d
}

// bucket returns the first page of a bucket's claims by title.
func bucket(t *testing.T, cs *claims.Service, name string) map[string]claims.Claim {
	t.Helper()
	p, err := cs.List(ctx, claims.Filter{Bucket: name}, nil)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]claims.Claim{}
	for _, c := range p.Claims {
		out[c.Title] = c
	}
	return out
}

func rows(t *testing.T, d *db.DB) map[string]int64 {
	gdb := d.Gorm()
	t.Helper()
	out := map[string]int64{}
	for _, table := range []string{"users", "parties", "sources", "claims", "claim_parties", "citations", "contest_reviews", "verdict_changes", "claim_history"} {
		var n int64
		if err := gdb.Table(table).Count(&n).Error; err != nil {
			t.Fatal(err)
		}
		out[table] = n
	}
	return out
}

func TestLoad(t *testing.T) {
	t.Run("OK", func(t *testing.T) {
		cs, as, _ := services(t)
		res, err := demo.Load(ctx, cs, as, "first password")
		if err != nil {
			t.Fatal(err)
		}
		if got, want := *res, (demo.Result{Accounts: 4, Parties: 13, Sources: 10, Claims: 7}); got != want {
			t.Errorf("result = %+v, want %+v", got, want)
		}
		if got, want := res.String(), "demo: 7 claims, 10 sources, 13 parties, 4 accounts loaded"; got != want {
			t.Errorf("String() = %q, want %q", got, want)
		}

		// Only CENTCOM, the voice of the forces targeted, confirms anything on the record:
		// the Kurdistan Region's service reports a drone crash in the desert, not an
		// attack on Al Harir. The one disagreement (Conoco's weapon) has been reviewed.
		for name, want := range map[string][]string{
			"officially-confirmed": {centcom},
			"contested":            nil,
			"unverified":           {tanfEarlier, asad, harir, gaza},
			"confirmed":            {tanf, conoco, centcom},
			"disputed":             nil,
			"false":                nil,
		} {
			got := slices.Sorted(maps.Keys(bucket(t, cs, name)))
			if slices.Sort(want); !slices.Equal(got, want) {
				t.Errorf("bucket %s = %q, want %q", name, got, want)
			}
		}

		all := bucket(t, cs, "")
		for title, want := range map[string]struct {
			occurred       claims.OccurredState
			responsibility claims.ResponsibilityState
			response       claims.ResponseState
			sources        int
		}{
			tanf:        {claims.OccurredCorroborated, claims.ResponsibilityUnclaimed, claims.ResponseNoneYet, 3},
			tanfEarlier: {claims.OccurredSingleSource, claims.ResponsibilityUnclaimed, claims.ResponseNoneYet, 1},
			conoco:      {claims.OccurredCorroborated, claims.ResponsibilityClaimed, claims.ResponseNoneYet, 4},
			asad:        {claims.OccurredSingleSource, claims.ResponsibilityClaimed, claims.ResponseNoneYet, 0},
			harir:       {claims.OccurredSingleSource, claims.ResponsibilityClaimed, claims.ResponseNoneYet, 1},
			centcom:     {claims.OccurredConfirmedByTarget, claims.ResponsibilityUnclaimed, claims.ResponseConfirmed, 1},
			gaza:        {claims.OccurredSingleSource, claims.ResponsibilityUnclaimed, claims.ResponseNoneYet, 1},
		} {
			c, ok := all[title]
			if !ok {
				t.Errorf("%q not loaded", title)
				continue
			}
			if c.OccurredState != want.occurred || c.ResponsibilityState != want.responsibility || c.ResponseState != want.response || c.SourceCount != want.sources {
				t.Errorf("%q: occurred %s, responsibility %s, response %s, %d independent sources; want %s, %s, %s, %d", title,
					c.OccurredState, c.ResponsibilityState, c.ResponseState, c.SourceCount,
					want.occurred, want.responsibility, want.response, want.sources)
			}
			if c.SuggestedVerdict != c.Verdict {
				t.Errorf("%q: verdict %s, suggested %s; the desk agrees with the evidence on every claim", title, c.Verdict, c.SuggestedVerdict)
			}
		}
		if r := all[conoco].ContestReasons; len(r) != 1 || r[0].Key != "weapon:drone|missile" || !r[0].Reviewed {
			t.Errorf("Conoco reasons = %+v, want drone vs missile, reviewed", r)
		}
	})
	t.Run("DetailAndActors", func(t *testing.T) {
		cs, as, _ := services(t)
		if _, err := demo.Load(ctx, cs, as, "first password"); err != nil {
			t.Fatal(err)
		}
		all := bucket(t, cs, "")
		d, err := cs.Detail(ctx, all[conoco].ID)
		if err != nil {
			t.Fatal(err)
		}
		if got, want := len(d.Citations), 5; got != want {
			t.Errorf("Conoco citations = %d, want %d", got, want)
		}
		if got, want := d.Evidence.Responsibility.Words(d.Names), "Claimed by Islamic Resistance in Iraq."; got != want {
			t.Errorf("responsibility = %q, want %q", got, want)
		}
		if got := partyNames(d, d.Claim.Attackers); !slices.Equal(got, []string{"Islamic Resistance in Iraq"}) {
			t.Errorf("attackers = %q, want the Islamic Resistance in Iraq", got)
		}
		if got := partyNames(d, d.Claim.Targets); !slices.Equal(got, []string{"US forces"}) {
			t.Errorf("targets = %q, want US forces", got)
		}
		if len(d.Reviews) != 1 || d.Reviews[0].Key != "weapon:drone|missile" || d.Reviews[0].ReviewedBy.Email != "factchecker@demo.test" || d.Reviews[0].Note == "" {
			t.Errorf("reviews = %+v, want the weapon reviewed by the fact-checker with a note", d.Reviews)
		}
		if len(d.Verdicts) != 1 || d.Verdicts[0].ChangedBy.Email != "factchecker@demo.test" || d.Verdicts[0].Reason == "" || d.Verdicts[0].Override {
			t.Errorf("verdict history = %+v, want one change by the fact-checker with a reason, as suggested", d.Verdicts)
		}
		if got := d.Claim.CreatedBy.Email; got != "editor@demo.test" {
			t.Errorf("created by %q, want the editor", got)
		}
		for _, cit := range d.Citations {
			if cit.PublishedAt == nil || cit.Attribution == "" || cit.Quote == "" {
				t.Errorf("citation of %s lacks date, attribution or quote", cit.Source.Name)
			}
			if cit.QuoteKind != claims.QuoteParaphrase {
				t.Errorf("citation of %s is a %s; the reports quote nobody on Conoco", cit.Source.Name, cit.QuoteKind)
			}
		}

		// AP relays a US official; "a few" wounded is a vague figure, not an empty one.
		d, err = cs.Detail(ctx, all[tanf].ID)
		if err != nil {
			t.Fatal(err)
		}
		var ap *claims.Citation
		for i := range d.Citations {
			if d.Citations[i].Source.Name == "The Associated Press" {
				ap = &d.Citations[i]
			}
		}
		if ap == nil {
			t.Fatal("the al-Tanf claim does not cite the AP")
		}
		if got := d.Names.Parties[ap.RelaysPartyID]; got != "United States" {
			t.Errorf("the AP relays %q, want the United States", got)
		}
		if got, want := ap.Figures.Injured.Military, (claims.FigureValue{Qualifier: claims.QualVague, N: 2, M: 9, Word: "a few"}); got != want {
			t.Errorf("AP's military injured = %+v, want %+v", got, want)
		}

		// CENTCOM's press release is the one quote; Al Harir's official account is a report.
		d, err = cs.Detail(ctx, all[centcom].ID)
		if err != nil {
			t.Fatal(err)
		}
		if q := d.Citations[0]; q.QuoteKind != claims.QuoteWords || !strings.HasPrefix(q.Quote, "During the past 24 hours") {
			t.Errorf("CENTCOM's first citation = %s %q, want the press release quoted", q.QuoteKind, q.Quote)
		}
		d, err = cs.Detail(ctx, all[harir].ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, cit := range d.Citations {
			if cit.Source.Name == "Kurdistan Region Counter-Terrorism Service" && cit.Stance != claims.StanceReports {
				t.Errorf("the Kurdistan Region's service %s; it reports a crash in the desert", cit.Stance)
			}
		}
	})
	t.Run("TwiceAddsNothing", func(t *testing.T) {
		cs, as, gdb := services(t)
		if _, err := demo.Load(ctx, cs, as, "first password"); err != nil {
			t.Fatal(err)
		}
		before := rows(t, gdb)
		res, err := demo.Load(ctx, cs, as, "second password")
		if err != nil {
			t.Fatal(err)
		}
		if res.Created() || res.String() != "demo data present already" {
			t.Errorf("second load created %+v", *res)
		}
		if got := rows(t, gdb); !maps.Equal(got, before) {
			t.Errorf("rows after second load = %v, want %v", got, before)
		}
		for _, email := range emails {
			if _, err := as.Authenticate(ctx, email, "second password"); err != nil {
				t.Errorf("%s with the new password: %v", email, err)
			}
			if _, err := as.Authenticate(ctx, email, "first password"); !errors.Is(err, auth.ErrBadCredentials) {
				t.Errorf("%s with the old password: err = %v, want ErrBadCredentials", email, err)
			}
		}
	})
	t.Run("KeepsExistingAccountAndSource", func(t *testing.T) {
		cs, as, gdb := services(t)
		u, err := as.CreateUser(ctx, auth.NewUser{Email: "Editor@Demo.test", Name: "Real Editor", Role: auth.RoleAdmin, Password: "old password"})
		if err != nil {
			t.Fatal(err)
		}
		party := &claims.PartyRecord{Party: claims.Party{Name: "US Central Command", Kind: claims.PartyForces}}
		if err := cs.CreateParty(ctx, u.ID, party); err != nil {
			t.Fatal(err)
		}
		if err := cs.CreateSource(ctx, u.ID, &claims.Source{Name: "centcom", Kind: claims.KindOfficial, PartyID: party.ID, Relation: claims.RelationVoice}); err != nil {
			t.Fatal(err)
		}
		res, err := demo.Load(ctx, cs, as, "demo password")
		if err != nil {
			t.Fatal(err)
		}
		if got, want := *res, (demo.Result{Accounts: 3, Parties: 13, Sources: 9, Claims: 7}); got != want {
			t.Errorf("result = %+v, want %+v", got, want)
		}
		got, err := as.Authenticate(ctx, "editor@demo.test", "demo password")
		if err != nil {
			t.Fatal(err)
		}
		if got.ID != u.ID || got.Name != "Real Editor" || got.Role != auth.RoleAdmin {
			t.Errorf("existing account became %+v", got)
		}
		var n int64
		gdb.Gorm().Table("users").Where("email = ?", "editor@demo.test").Count(&n)
		if n != 1 {
			t.Errorf("editor accounts = %d, want 1", n)
		}
		if c := bucket(t, cs, "confirmed")[centcom]; !c.OfficiallyConfirmed {
			t.Error("CENTCOM claim not officially confirmed through the existing source")
		}
	})
	t.Run("ErrShortPassword", func(t *testing.T) {
		cs, as, gdb := services(t)
		_, err := demo.Load(ctx, cs, as, "short")
		var ve claims.ValidationError
		if !errors.As(err, &ve) || ve["password"] == "" {
			t.Fatalf("err = %v, want a password problem", err)
		}
		if got := rows(t, gdb)["users"]; got != 0 {
			t.Errorf("users = %d, want 0", got)
		}
	})
}

// TestVisibleTextNeutral: nothing a user reads in the demo data says how it was made.
// Account emails (admin@demo.test…) are left out: they are the documented logins.
func TestVisibleTextNeutral(t *testing.T) {
	cs, as, gdb := services(t)
	if _, err := demo.Load(ctx, cs, as, "first password"); err != nil {
		t.Fatal(err)
	}
	visible := map[string][]string{
		"users":           {"name"},
		"parties":         {"name", "notes"},
		"sources":         {"name", "affiliation", "homepage"},
		"contest_reviews": {"note"},
		"claim_history":   {"detail", "changes", "reason"},
		"claims":          {"title", "summary", "place", "country", "target"},
		"citations":       {"attribution", "quote", "url", "figures"},
		"verdict_changes": {"reason"},
	}
	checked := 0
	for table, cols := range visible {
		var texts []string
		for _, col := range cols {
			var vs []string
			if err := gdb.Gorm().Table(table).Pluck("COALESCE("+col+", '')", &vs).Error; err != nil {
				t.Fatalf("%s.%s: %v", table, col, err)
			}
			texts = append(texts, vs...)
		}
		for _, s := range texts {
			checked++
			low := strings.ToLower(s)
			for _, word := range []string{"seed", "demo", "generated", "synthetic"} {
				if strings.Contains(low, word) {
					t.Errorf("%s: %q speaks of how the demo was made (%q)", table, s, word)
				}
			}
		}
	}
	if checked < 50 {
		t.Errorf("checked only %d texts; the demo has more", checked)
	}
}

// reasonKeys lists a claim's contest reasons by key.
func reasonKeys(c claims.Claim) string {
	var keys []string
	for _, r := range c.ContestReasons {
		keys = append(keys, r.Key)
	}
	return strings.Join(keys, " ")
}

// partyNames names a claim's parties as its page does.
func partyNames(d *claims.ClaimDetail, ids []claims.PartyID) []string {
	var out []string
	for _, id := range ids {
		out = append(out, d.Names.Parties[id])
	}
	return out
}
