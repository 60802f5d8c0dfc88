package demo_test

import (
	"slices"
	"testing"
	"time"

	"claimdesk/internal/claims"
	"claimdesk/internal/demo"
)

func TestGenerate(t *testing.T) {
	t.Run("OK", func(t *testing.T) {
		cs, _, gdb := services(t)
		if err := demo.Generate(ctx, gdb, 500, 1); err != nil {
			t.Fatal(err)
		}
		got := rows(t, gdb)
		if got["claims"] != 500 || got["sources"] != 200 || got["users"] != 1 {
			t.Errorf("claims, sources, users = %d, %d, %d, want 500, 200, 1", got["claims"], got["sources"], got["users"])
		}
		if got["citations"] < 500 || got["citations"] > 2000 {
			t.Errorf("citations = %d, want 1 to 4 a claim", got["citations"])
		}
		if want := got["claims"] + got["citations"] + got["verdict_changes"]; got["claim_history"] != want {
			t.Errorf("history = %d, want one a claim, a citation and a verdict (%d)", got["claim_history"], want)
		}

		counts, err := cs.Count(ctx, claims.Filter{})
		if err != nil {
			t.Fatal(err)
		}
		if counts.Total != 500 {
			t.Errorf("total = %d, want 500", counts.Total)
		}
		// A realistic mix: every bucket has claims, and none has most of them but unverified.
		for _, b := range claims.Buckets {
			n := counts.Bucket(b.Value)
			if n == 0 || (b.Value != "unverified" && b.Value != claims.BucketAwaiting && n > 250) {
				t.Errorf("bucket %s has %d of 500 claims", b.Value, n)
			}
		}
		if v := counts.Bucket(string(claims.VerdictUnverified)); got["verdict_changes"] != 500-v {
			t.Errorf("verdict changes = %d, want one a claim with a verdict (%d)", got["verdict_changes"], 500-v)
		}
		countries, err := cs.Countries(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(countries) != 8 {
			t.Errorf("countries = %v, want 8", countries)
		}
		// The desk goes on after the generator: a new claim takes the next id.
		c := &claims.Claim{Title: "After the generator", OccurredOn: time.Date(2024, 1, 2, 0, 0, 0, 0, time.UTC), DatePrecision: "day", AttackType: "drone"}
		if err := cs.CreateClaim(ctx, 1, c); err != nil || c.ID != 501 {
			t.Errorf("claim after generating: id %d, err %v; want 501", c.ID, err)
		}
	})
	t.Run("StoredEvidenceMatchesCitations", func(t *testing.T) {
		cs, _, gdb := services(t)
		if err := demo.Generate(ctx, gdb, 300, 2); err != nil {
			t.Fatal(err)
		}
		for id := int64(1); id <= 300; id += 7 {
			d, err := cs.Detail(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			// The page weighs the evidence afresh; the stored evidence must agree with it.
			c := d.Claim
			a := d.Evidence
			if c.OccurredState != a.Occurred.State || c.ResponseState != a.Response.State || c.ResponsibilityState != a.Responsibility.State ||
				c.Contested != a.Contested || c.SourceCount != a.Independence.Count() || c.SuggestedVerdict != a.Suggested.Verdict ||
				len(c.ContestReasons) != len(a.Reasons) {
				t.Errorf("claim %d stores %q %q %q %v %d %q %d reasons; its citations give %q %q %q %v %d %q %d", id,
					c.OccurredState, c.ResponseState, c.ResponsibilityState, c.Contested, c.SourceCount, c.SuggestedVerdict, len(c.ContestReasons),
					a.Occurred.State, a.Response.State, a.Responsibility.State, a.Contested, a.Independence.Count(), a.Suggested.Verdict, len(a.Reasons))
			}
			for i := range min(len(c.ContestReasons), len(a.Reasons)) {
				if c.ContestReasons[i].Key != a.Reasons[i].Key {
					t.Errorf("claim %d reason %d: stored %q, page %q", id, i, c.ContestReasons[i].Key, a.Reasons[i].Key)
				}
			}
			if got, want := c.Revision, 1+len(d.Citations)+len(d.Verdicts); got != want {
				t.Errorf("claim %d revision = %d, want %d", id, got, want)
			}
			if c.Version != 1 {
				t.Errorf("claim %d version = %d, want 1 (never edited)", id, c.Version)
			}
			for _, cit := range d.Citations {
				if err := cit.Validate(); err != nil {
					t.Errorf("claim %d: citation %d invalid: %v", id, cit.ID, err)
				}
			}
			if err := c.Validate(); err != nil {
				t.Errorf("claim %d invalid: %v", id, err)
			}
		}
	})
	t.Run("SameSeedSameClaimsAndSourcesReused", func(t *testing.T) {
		_, _, a := services(t)
		_, _, b := services(t)
		if err := demo.Generate(ctx, a, 50, 7); err != nil {
			t.Fatal(err)
		}
		if err := demo.Generate(ctx, b, 50, 7); err != nil {
			t.Fatal(err)
		}
		titles := func(t *testing.T, cs *claims.Service) []string {
			p, err := cs.List(ctx, claims.Filter{}, nil)
			if err != nil {
				t.Fatal(err)
			}
			var out []string
			for _, c := range p.Claims {
				out = append(out, c.Title+c.OccurredOn.String()+reasonKeys(c))
			}
			return out
		}
		if !slices.Equal(titles(t, claims.NewService(a)), titles(t, claims.NewService(b))) {
			t.Error("two runs with one seed made different claims")
		}
		if err := demo.Generate(ctx, a, 50, 8); err != nil {
			t.Fatal(err)
		}
		got := rows(t, a)
		if got["claims"] != 100 || got["sources"] != 200 {
			t.Errorf("after a second run: claims, sources = %d, %d, want 100, 200", got["claims"], got["sources"])
		}
	})
	t.Run("UsesExistingUser", func(t *testing.T) {
		cs, as, gdb := services(t)
		if _, err := demo.Load(ctx, cs, as, "demo password"); err != nil {
			t.Fatal(err)
		}
		before := rows(t, gdb)["users"]
		if err := demo.Generate(ctx, gdb, 20, 3); err != nil {
			t.Fatal(err)
		}
		if got := rows(t, gdb); got["users"] != before || got["claims"] != 27 {
			t.Errorf("users, claims = %d, %d, want %d, 27", got["users"], got["claims"], before)
		}
	})
}
