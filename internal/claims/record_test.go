package claims_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"claimdesk/internal/claims"
)

// drones sets up al-Tanf with AP's 2 drones and Al Mayadeen's 3: one open disagreement.
func drones(t *testing.T, svc *claims.Service) (*claims.Claim, *claims.Citation, *claims.Citation) {
	t.Helper()
	c := newClaim(t, svc, "Drones hit al-Tanf")
	ap := newSource(t, svc, "AP", claims.KindWire)
	may := newSource(t, svc, "Al Mayadeen", claims.KindAffiliated)
	a := &claims.Citation{ClaimID: c.ID, SourceID: ap.ID, Stance: "reports", Figures: claims.FigureSet{Launched: exactly(2)}}
	b := &claims.Citation{ClaimID: c.ID, SourceID: may.ID, Stance: "reports", Figures: claims.FigureSet{Launched: exactly(3)}}
	for _, cit := range []*claims.Citation{a, b} {
		if err := svc.AddCitation(ctx, 1, cit); err != nil {
			t.Fatal(err)
		}
	}
	return c, a, b
}

func TestReviewContest(t *testing.T) {
	t.Run("ClearsAndReopens", func(t *testing.T) {
		svc, _ := setup(t)
		c, _, _ := drones(t, svc)
		got, _ := svc.Claim(ctx, c.ID)
		key := got.ContestReasons[0].Key
		if err := svc.ReviewContest(ctx, 1, c.ID, got.Revision, key, "2 vs 3: AP's count is of the later wave"); err != nil {
			t.Fatal(err)
		}
		got, _ = svc.Claim(ctx, c.ID)
		if got.Contested || !got.ContestReasons[0].Reviewed {
			t.Fatalf("after review: contested %v, reasons %+v", got.Contested, got.ContestReasons)
		}
		counts, _ := svc.Count(ctx, claims.Filter{})
		if counts.Bucket("contested") != 0 {
			t.Errorf("contested bucket = %d after the review", counts.Bucket("contested"))
		}
		d, _ := svc.Detail(ctx, c.ID)
		if h := d.History[0]; h.Kind != "reviewed" || h.Reason != "2 vs 3: AP's count is of the later wave" {
			t.Errorf("history = %+v", h)
		}
		// A new figure changes the disagreement: it is open again.
		sohr := newSource(t, svc, "SOHR", claims.KindMonitor)
		if err := svc.AddCitation(ctx, 1, &claims.Citation{ClaimID: c.ID, SourceID: sohr.ID, Stance: "reports", Figures: claims.FigureSet{Launched: exactly(5)}}); err != nil {
			t.Fatal(err)
		}
		got, _ = svc.Claim(ctx, c.ID)
		if !got.Contested {
			t.Errorf("a new conflicting figure did not reopen the disagreement: %+v", got.ContestReasons)
		}
	})
	t.Run("ErrNoteRequired", func(t *testing.T) {
		svc, gdb := setup(t)
		c, _, _ := drones(t, svc)
		got, _ := svc.Claim(ctx, c.ID)
		err := svc.ReviewContest(ctx, 1, c.ID, got.Revision, got.ContestReasons[0].Key, "  ")
		var ve claims.ValidationError
		if !errors.As(err, &ve) || ve["note"] == "" {
			t.Fatalf("err = %v", err)
		}
		if n := count(t, gdb, "contest_reviews"); n != 0 {
			t.Errorf("reviews = %d", n)
		}
	})
	t.Run("ErrUnknownKey", func(t *testing.T) {
		svc, _ := setup(t)
		c, _, _ := drones(t, svc)
		got, _ := svc.Claim(ctx, c.ID)
		err := svc.ReviewContest(ctx, 1, c.ID, got.Revision, "figure:launched:7|9", "looked at it")
		var ve claims.ValidationError
		if !errors.As(err, &ve) || ve["key"] == "" {
			t.Fatalf("err = %v", err)
		}
	})
	t.Run("ErrConflict", func(t *testing.T) {
		svc, _ := setup(t)
		c, _, _ := drones(t, svc)
		got, _ := svc.Claim(ctx, c.ID)
		err := svc.ReviewContest(ctx, 1, c.ID, got.Revision-1, got.ContestReasons[0].Key, "on a stale page")
		if !errors.Is(err, claims.ErrConflict) {
			t.Fatalf("err = %v, want ErrConflict", err)
		}
	})
}

func TestCorrectCitation(t *testing.T) {
	t.Run("RevisedFigureOldAndNew", func(t *testing.T) {
		svc, _ := setup(t)
		c, a, _ := drones(t, svc)
		a.Figures.Launched = exactly(3)
		if err := svc.UpdateCitation(ctx, 1, a, "AP corrected its count"); err != nil {
			t.Fatal(err)
		}
		got, _ := svc.Claim(ctx, c.ID)
		if got.Contested || got.Version != 1 {
			t.Errorf("contested %v, version %d: 3 vs 3 agree, and a citation is not the claim's edit", got.Contested, got.Version)
		}
		d, _ := svc.Detail(ctx, c.ID)
		h := d.History[0]
		if h.Kind != "citation_edited" || h.Reason != "AP corrected its count" || len(h.Changes) != 1 ||
			h.Changes[0].Old != "2" || h.Changes[0].New != "3" || h.Changes[0].Label != "Launched" {
			t.Errorf("history = %+v", h)
		}
	})
	t.Run("ErrConflict", func(t *testing.T) {
		svc, _ := setup(t)
		_, a, _ := drones(t, svc)
		first, second := *a, *a
		first.Quote, second.Quote = "first", "second"
		if err := svc.UpdateCitation(ctx, 1, &first, ""); err != nil {
			t.Fatal(err)
		}
		if err := svc.UpdateCitation(ctx, 1, &second, ""); !errors.Is(err, claims.ErrConflict) {
			t.Fatalf("err = %v, want ErrConflict", err)
		}
	})
	t.Run("Withdraw", func(t *testing.T) {
		svc, gdb := setup(t)
		c, _, b := drones(t, svc)
		if err := svc.WithdrawCitation(ctx, 1, b.ID, b.Version, ""); err == nil {
			t.Fatal("withdrawn without a reason")
		}
		if err := svc.WithdrawCitation(ctx, 1, b.ID, b.Version, "Al Mayadeen's 3 drones are of an earlier attack"); err != nil {
			t.Fatal(err)
		}
		got, _ := svc.Claim(ctx, c.ID)
		if got.Contested || got.SourceCount != 1 {
			t.Errorf("contested %v, sources %d: a withdrawn citation is no evidence", got.Contested, got.SourceCount)
		}
		d, _ := svc.Detail(ctx, c.ID)
		var kept *claims.Citation
		for i := range d.Citations {
			if d.Citations[i].ID == b.ID {
				kept = &d.Citations[i]
			}
		}
		if kept == nil || !kept.Withdrawn() || !strings.Contains(kept.WithdrawReason, "earlier attack") {
			t.Errorf("withdrawn citation = %+v, want it kept with its reason", kept)
		}
		if n := count(t, gdb, "citations"); n != 2 {
			t.Errorf("citations = %d, want 2 (kept)", n)
		}
		if err := svc.WithdrawCitation(ctx, 1, b.ID, kept.Version, "again"); err == nil {
			t.Error("withdrawn twice")
		}
	})
}

func TestParties(t *testing.T) {
	svc, _ := setup(t)
	iri := newParty(t, svc, "Islamic Resistance in Iraq", claims.PartyCoalition, 0)
	kh := newParty(t, svc, "Kataib Hezbollah", claims.PartyArmedGroup, iri)
	t.Run("ErrCycle", func(t *testing.T) {
		p, _ := svc.PartyByID(ctx, iri)
		p.ParentID = kh
		err := svc.UpdateParty(ctx, 1, p)
		var ve claims.ValidationError
		if !errors.As(err, &ve) || ve["parent_id"] == "" {
			t.Fatalf("err = %v, want a parent problem", err)
		}
	})
	t.Run("ErrDuplicate", func(t *testing.T) {
		err := svc.CreateParty(ctx, 1, &claims.PartyRecord{Party: claims.Party{Name: "kataib  hezbollah", Kind: claims.PartyArmedGroup}})
		var ve claims.ValidationError
		if !errors.As(err, &ve) || ve["name"] == "" {
			t.Fatalf("err = %v", err)
		}
	})
	t.Run("ClaimSides", func(t *testing.T) {
		us := newParty(t, svc, "United States", claims.PartyState, 0)
		c := &claims.Claim{Title: "Drone strike on Tower 22", OccurredOn: time.Date(2024, 1, 28, 0, 0, 0, 0, time.UTC),
			DatePrecision: "day", AttackType: "drone", Attackers: []claims.PartyID{kh, kh}, Targets: []claims.PartyID{us}}
		if err := svc.CreateClaim(ctx, 1, c); err != nil {
			t.Fatal(err)
		}
		got, _ := svc.Claim(ctx, c.ID)
		if len(got.Attackers) != 1 || got.Attackers[0] != kh || len(got.Targets) != 1 || got.Targets[0] != us {
			t.Errorf("attackers %v, targets %v", got.Attackers, got.Targets)
		}
		bad := *got
		bad.Targets = []claims.PartyID{kh}
		var ve claims.ValidationError
		if err := svc.UpdateClaim(ctx, 1, &bad); !errors.As(err, &ve) || ve["targets"] == "" {
			t.Errorf("a party on both sides: err = %v", err)
		}
	})
}
