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
	tanf    = "Drone attack on the al-Tanf garrison in Syria"
	conoco  = "Attack on the Conoco gas field base in Deir ez-Zor"
	asad    = "Drone attack on Ain al-Asad air base in Iraq"
	harir   = "Drone attack on Al Harir air base in Iraqi Kurdistan"
	centcom = "CENTCOM: three drones countered near US and coalition forces in Iraq"
	gaza    = "Strike on a hospital in Gaza"
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
	for _, table := range []string{"users", "sources", "claims", "citations", "verdict_changes", "claim_history", "parties"} {
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
		if got, want := *res, (demo.Result{Accounts: 4, Sources: 12, Claims: 7}); got != want {
			t.Errorf("result = %+v, want %+v", got, want)
		}
		if got, want := res.String(), "demo: 7 claims, 12 sources, 4 accounts loaded"; got != want {
			t.Errorf("String() = %q, want %q", got, want)
		}

		official := bucket(t, cs, "officially-confirmed")
		contested := bucket(t, cs, "contested")
		unverified := bucket(t, cs, "unverified")
		for _, title := range []string{centcom, harir} {
			if _, ok := official[title]; !ok {
				t.Errorf("%q is not officially confirmed", title)
			}
		}
		for _, title := range []string{tanf, conoco} {
			if _, ok := contested[title]; !ok {
				t.Errorf("%q is not contested", title)
			}
			if _, ok := official[title]; ok {
				t.Errorf("%q is officially confirmed", title)
			}
		}
		for _, title := range []string{asad, gaza} {
			if _, ok := unverified[title]; !ok {
				t.Errorf("%q is not unverified", title)
			}
			if _, ok := official[title]; ok {
				t.Errorf("%q is officially confirmed", title)
			}
			if _, ok := contested[title]; ok {
				t.Errorf("%q is contested", title)
			}
		}
		if got := bucket(t, cs, "disputed"); len(got) != 1 || got[conoco].ID == 0 {
			t.Errorf("disputed = %v, want only the Conoco claim", slices.Collect(maps.Keys(got)))
		}
		if got := bucket(t, cs, "confirmed"); len(got) != 1 || got[centcom].ID == 0 {
			t.Errorf("confirmed = %v, want only the CENTCOM claim", slices.Collect(maps.Keys(got)))
		}

		if r := reasonKeys(contested[conoco]); !strings.Contains(r, "weapon:drone|missile") {
			t.Errorf("Conoco reasons = %q, want drone vs missile", r)
		}
		if r := reasonKeys(contested[tanf]); !strings.Contains(r, "figure:launched:2|3") {
			t.Errorf("al-Tanf reasons = %q, want 2 vs 3 launched", r)
		}
	})
	t.Run("DetailAndActors", func(t *testing.T) {
		cs, as, _ := services(t)
		if _, err := demo.Load(ctx, cs, as, "first password"); err != nil {
			t.Fatal(err)
		}
		c := bucket(t, cs, "contested")[conoco]
		d, err := cs.Detail(ctx, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got, want := len(d.Citations), 4; got != want {
			t.Errorf("Conoco citations = %d, want %d", got, want)
		}
		if got := d.Evidence.Responsibility.Words(d.Names); !strings.Contains(got, "Islamic Resistance in Iraq") {
			t.Errorf("responsibility = %q, want claimed by the Islamic Resistance in Iraq", got)
		}
		if len(d.Verdicts) != 1 || d.Verdicts[0].ChangedBy.Email != "factchecker@demo.test" || d.Verdicts[0].Reason == "" {
			t.Errorf("verdict history = %+v, want one change by the fact-checker with a reason", d.Verdicts)
		}
		if got := d.Claim.CreatedBy.Email; got != "editor@demo.test" {
			t.Errorf("created by %q, want the editor", got)
		}
		for _, cit := range d.Citations {
			if cit.PublishedAt == nil || cit.Attribution == "" || cit.Quote == "" {
				t.Errorf("citation of %s lacks date, attribution or quote", cit.Source.Name)
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
		if got, want := *res, (demo.Result{Accounts: 3, Sources: 11, Claims: 7}); got != want {
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
		"sources":         {"name", "affiliation", "homepage"},
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
