package demo_test

import (
	"cmp"
	"slices"
	"strings"
	"testing"

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
		if want := got["claims"] + got["citations"]; got["claim_events"] != want {
			t.Errorf("events = %d, want one a claim and one a citation (%d)", got["claim_events"], want)
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
			if n == 0 || (b.Value != "unverified" && n > 250) {
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
			// The service summarises citations in the order they were added.
			cites := slices.SortedFunc(slices.Values(d.Citations), func(a, b claims.Citation) int { return cmp.Compare(a.ID, b.ID) })
			var want claims.Claim
			claims.Summarize(cites, d.Claim.Verdict).Apply(&want)
			c := d.Claim
			if c.OfficiallyConfirmed != want.OfficiallyConfirmed || c.OfficiallyDenied != want.OfficiallyDenied ||
				c.Contested != want.Contested || c.ContestedReasons != want.ContestedReasons || c.SourceCount != want.SourceCount {
				t.Errorf("claim %d stores %v %v %v %q %d, citations give %v %v %v %q %d", id,
					c.OfficiallyConfirmed, c.OfficiallyDenied, c.Contested, c.ContestedReasons, c.SourceCount,
					want.OfficiallyConfirmed, want.OfficiallyDenied, want.Contested, want.ContestedReasons, want.SourceCount)
			}
			if got := strings.Join(d.Evidence.Reasons, "\n"); got != c.ContestedReasons {
				t.Errorf("claim %d: the claim page's reasons %q differ from the stored %q", id, got, c.ContestedReasons)
			}
			if got, want := c.Version, 1+len(d.Citations)+len(d.Verdicts); got != want {
				t.Errorf("claim %d version = %d, want %d", id, got, want)
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
				out = append(out, c.Title+c.OccurredOn.String()+c.ContestedReasons)
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
