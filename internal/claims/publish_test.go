package claims_test

import (
	"context"
	"errors"
	"slices"
	"testing"

	"claimdesk/internal/claims"
	"claimdesk/internal/events"
)

// heard collects what a service published.
type heard []events.Event

func (h *heard) Publish(_ context.Context, e events.Event) { *h = append(*h, e) }
func (h *heard) Subscribe(context.Context, events.Filter) (<-chan events.Event, func()) {
	return nil, func() {}
}

func (h *heard) take() []string {
	var out []string
	for _, e := range *h {
		out = append(out, e.Kind)
	}
	*h = nil
	return out
}

func TestPublishAfterCommit(t *testing.T) {
	svc, _ := setup(t)
	h := &heard{}
	svc.Events = h
	expect := func(what string, want ...string) {
		t.Helper()
		if got := h.take(); !slices.Equal(got, want) {
			t.Errorf("%s published %q, want %q", what, got, want)
		}
	}

	c := newClaim(t, svc, "Drones over al-Tanf")
	expect("creating a claim", events.ClaimCreated)
	c.Title = "Drones over the al-Tanf garrison"
	if err := svc.UpdateClaim(ctx, 1, c); err != nil {
		t.Fatal(err)
	}
	expect("an edit", events.ClaimEdited)
	c.Title = "Stale"
	c.Version = 1
	if err := svc.UpdateClaim(ctx, 1, c); !errors.Is(err, claims.ErrConflict) {
		t.Fatalf("stale edit: got %v, want ErrConflict", err)
	}
	expect("a refused edit")

	ap := newSource(t, svc, "AP", claims.KindWire)
	cit := &claims.Citation{ClaimID: c.ID, SourceID: ap.ID, Stance: "reports", Figures: claims.FigureSet{Launched: exactly(2)}}
	if err := svc.AddCitation(ctx, 1, cit); err != nil {
		t.Fatal(err)
	}
	expect("a citation", events.Cited)
	cit.Figures.Launched = exactly(3)
	if err := svc.UpdateCitation(ctx, 1, cit, "The wire corrected its count."); err != nil {
		t.Fatal(err)
	}
	expect("a correction", events.CitationCorrected)
	if err := svc.WithdrawCitation(ctx, 1, cit.ID, cit.Version, "Wrong attack."); err != nil {
		t.Fatal(err)
	}
	expect("a withdrawal", events.CitationWithdrawn)

	got, err := svc.Claim(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	if err := svc.SetVerdict(ctx, 1, c.ID, got.Revision, claims.VerdictDisputed, "Only one wire reports it."); err != nil {
		t.Fatal(err)
	}
	expect("a verdict", events.VerdictSet)
	if err := svc.SetVerdict(ctx, 1, c.ID, got.Revision, claims.VerdictFalse, "Stale page."); !errors.Is(err, claims.ErrConflict) {
		t.Fatalf("stale verdict: got %v, want ErrConflict", err)
	}
	expect("a refused verdict")
}

func TestPublishEventFields(t *testing.T) {
	svc, _ := setup(t)
	h := &heard{}
	svc.Events = h
	c := newClaim(t, svc, "Drones over al-Tanf")
	if len(*h) != 1 {
		t.Fatalf("got %d events, want 1", len(*h))
	}
	if e := (*h)[0]; e.ClaimID != c.ID || e.ActorID != 1 || e.At.IsZero() {
		t.Errorf("event %+v, want claim %d by user 1 with a time", e, c.ID)
	}
}

// TestInTxPublishesOnCommit: writes joined in one transaction are published once it
// commits, and not at all when it rolls back.
func TestInTxPublishesOnCommit(t *testing.T) {
	svc, _ := setup(t)
	h := &heard{}
	svc.Events = h
	boom := errors.New("boom")
	err := svc.InTx(ctx, func(tx *claims.Service) error {
		newClaim(t, tx, "Rolled back")
		if len(*h) != 0 {
			t.Errorf("published inside the transaction: %+v", *h)
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("InTx: got %v, want boom", err)
	}
	if len(*h) != 0 {
		t.Errorf("a rolled back transaction published %+v", *h)
	}
	err = svc.InTx(ctx, func(tx *claims.Service) error {
		newClaim(t, tx, "First")
		newClaim(t, tx, "Second")
		if len(*h) != 0 {
			t.Errorf("published inside the transaction: %+v", *h)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if got := h.take(); len(got) != 2 || got[0] != events.ClaimCreated || got[1] != events.ClaimCreated {
		t.Errorf("after commit: got %q, want two %q", got, events.ClaimCreated)
	}
}
