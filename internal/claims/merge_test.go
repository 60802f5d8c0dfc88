package claims_test

import (
	"errors"
	"testing"
	"time"

	"claimdesk/internal/claims"
)

func claimAt(t *testing.T, svc *claims.Service, title, place, country string, on time.Time, prec claims.DatePrecision) *claims.Claim {
	t.Helper()
	c := &claims.Claim{Title: title, Place: place, Country: country, OccurredOn: on, DatePrecision: prec, AttackType: "drone"}
	if err := svc.CreateClaim(ctx, 1, c); err != nil {
		t.Fatalf("create claim: %v", err)
	}
	return c
}

func TestDuplicates(t *testing.T) {
	svc, _ := setup(t)
	day := time.Date(2023, 10, 19, 0, 0, 0, 0, time.UTC)
	tanf := claimAt(t, svc, "Drones hit al-Tanf garrison", "al-Tanf garrison", "Syria", day, "day")
	claimAt(t, svc, "Drone attack on Conoco", "Conoco gas field", "Syria", day, "day")
	claimAt(t, svc, "Drones hit al-Tanf garrison", "al-Tanf garrison", "Syria", day.AddDate(0, 0, -10), "day")
	monthly := claimAt(t, svc, "Drone attacks on al-Tanf", "Tanf", "Syria", day.AddDate(0, 0, 20), "month")
	iraq := claimAt(t, svc, "Drones hit al-Tanf garrison", "al-Tanf garrison", "", day.AddDate(0, 0, 2), "day")
	ids := func(t *testing.T, c *claims.Claim) []int64 {
		t.Helper()
		got, err := svc.Duplicates(ctx, c)
		if err != nil {
			t.Fatal(err)
		}
		var out []int64
		for _, d := range got {
			out = append(out, d.ID)
		}
		return out
	}
	t.Run("Found", func(t *testing.T) {
		got := ids(t, &claims.Claim{Title: "Drone attack on the al-Tanf garrison", Place: "Al-Tanf Garrison", Country: "Syria",
			OccurredOn: day.AddDate(0, 0, 1), DatePrecision: "day"})
		// The month-precision claim is 19 days off: inside its window of 3 + 31 days.
		if want := []int64{tanf.ID, iraq.ID, monthly.ID}; !sameIDs(got, want) {
			t.Errorf("duplicates = %v, want %v", got, want)
		}
	})
	t.Run("NotFound", func(t *testing.T) {
		if got := ids(t, &claims.Claim{Title: "Missile strike on Erbil airport", Place: "Erbil", Country: "Iraq",
			OccurredOn: day, DatePrecision: "day"}); len(got) != 0 {
			t.Errorf("duplicates = %v, want none", got)
		}
	})
	t.Run("WindowByPrecision", func(t *testing.T) {
		probe := &claims.Claim{Title: "Drones hit al-Tanf garrison", Place: "al-Tanf garrison", Country: "Syria",
			OccurredOn: day.AddDate(0, 0, -6), DatePrecision: "day"}
		// Six days before: 6 days from tanf and 4 from the claim of the 9th (3 allowed
		// to the day, 10 to the week); 26 from the month-precision claim (34 allowed).
		if got, want := ids(t, probe), []int64{monthly.ID}; !sameIDs(got, want) {
			t.Errorf("a day: duplicates = %v, want %v", got, want)
		}
		probe.DatePrecision = "week"
		if got, want := ids(t, probe), []int64{tanf.ID, 3, iraq.ID, monthly.ID}; !sameIDs(got, want) {
			t.Errorf("a week: duplicates = %v, want %v", got, want)
		}
	})
	t.Run("NotItself", func(t *testing.T) {
		for _, id := range ids(t, tanf) {
			if id == tanf.ID {
				t.Errorf("a claim is its own duplicate")
			}
		}
	})
}

// sameIDs compares two lists as sets.
func sameIDs(a, b []int64) bool {
	if len(a) != len(b) {
		return false
	}
	seen := map[int64]bool{}
	for _, x := range a {
		seen[x] = true
	}
	for _, x := range b {
		if !seen[x] {
			return false
		}
	}
	return true
}

func TestMergeClaim(t *testing.T) {
	svc, gdb := setup(t)
	centcom := newSource(t, svc, "CENTCOM", claims.KindOfficial)
	ap := newSource(t, svc, "AP", claims.KindWire)
	reuters := newSource(t, svc, "Reuters", claims.KindWire)
	keep, gone := newClaim(t, svc, "Drone attack on the al-Tanf garrison"), newClaim(t, svc, "Drones hit al-Tanf")
	other := newClaim(t, svc, "Drones hit Conoco")
	gone.Country = "Iraq"
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(svc.UpdateClaim(ctx, 1, gone))
	must(svc.AddCitation(ctx, 1, &claims.Citation{ClaimID: keep.ID, SourceID: ap.ID, Stance: "reports"}))
	must(svc.AddCitation(ctx, 1, &claims.Citation{ClaimID: gone.ID, SourceID: centcom.ID, Stance: "confirms"}))
	must(svc.AddCitation(ctx, 1, &claims.Citation{ClaimID: gone.ID, SourceID: reuters.ID, Stance: "reports"}))
	must(svc.AddCitation(ctx, 1, &claims.Citation{ClaimID: other.ID, SourceID: reuters.ID, Stance: "reports"}))
	must(svc.SetVerdict(ctx, 1, gone.ID, revision(t, svc, gone.ID), claims.VerdictConfirmed, "CENTCOM says so"))
	before, err := svc.Detail(ctx, keep.ID)
	must(err)
	if before.Claim.OfficiallyConfirmed {
		t.Fatal("the survivor is officially confirmed before the merge")
	}
	citationCounts := func() map[int64]int64 {
		out := map[int64]int64{}
		rows, _ := gdb.Table("sources").Select("id", "citation_count").Rows()
		defer rows.Close()
		for rows.Next() {
			var id, n int64
			rows.Scan(&id, &n)
			out[id] = n
		}
		return out
	}
	sourceCounts := citationCounts()

	t.Run("ErrReasonRequired", func(t *testing.T) {
		var ve claims.ValidationError
		if err := svc.MergeClaim(ctx, 1, gone.ID, revision(t, svc, gone.ID), keep.ID, revision(t, svc, keep.ID), " "); !errors.As(err, &ve) || ve["reason"] == "" {
			t.Errorf("merge without a reason: %v", err)
		}
	})
	t.Run("ErrIntoItself", func(t *testing.T) {
		var ve claims.ValidationError
		if err := svc.MergeClaim(ctx, 1, gone.ID, 1, gone.ID, 1, "Same"); !errors.As(err, &ve) || ve["into"] == "" {
			t.Errorf("merge into itself: %v", err)
		}
	})
	t.Run("ErrIntoMissing", func(t *testing.T) {
		var ve claims.ValidationError
		if err := svc.MergeClaim(ctx, 1, gone.ID, revision(t, svc, gone.ID), 999, 1, "Same"); !errors.As(err, &ve) || ve["into"] != "There is no claim 999." {
			t.Errorf("merge into a missing claim: %v", err)
		}
	})
	t.Run("ErrConflict", func(t *testing.T) {
		if err := svc.MergeClaim(ctx, 1, gone.ID, revision(t, svc, gone.ID)-1, keep.ID, revision(t, svc, keep.ID), "Same"); !errors.Is(err, claims.ErrConflict) {
			t.Errorf("stale merged claim: %v", err)
		}
		if err := svc.MergeClaim(ctx, 1, gone.ID, revision(t, svc, gone.ID), keep.ID, revision(t, svc, keep.ID)+1, "Same"); !errors.Is(err, claims.ErrConflict) {
			t.Errorf("stale surviving claim: %v", err)
		}
	})

	t.Run("OK", func(t *testing.T) {
		keepRev := revision(t, svc, keep.ID)
		must(svc.MergeClaim(ctx, 1, gone.ID, revision(t, svc, gone.ID), keep.ID, keepRev, "Same attack, reported twice"))
		d, err := svc.Detail(ctx, keep.ID)
		must(err)
		if got, want := len(d.Citations), 3; got != want {
			t.Errorf("survivor cites %d, want %d", got, want)
		}
		if !d.Claim.OfficiallyConfirmed || d.Claim.SourceCount != 3 {
			t.Errorf("survivor's evidence not recomputed: officially confirmed %v, sources %d", d.Claim.OfficiallyConfirmed, d.Claim.SourceCount)
		}
		if d.Claim.Revision <= keepRev {
			t.Errorf("survivor's revision %d, want above %d", d.Claim.Revision, keepRev)
		}
		if got, want := d.History[0].Detail, "Merged claim 2 “Drones hit al-Tanf” into this claim"; got != want || d.History[0].Reason != "Same attack, reported twice" {
			t.Errorf("survivor's newest history = %q (%q), want %q", got, d.History[0].Reason, want)
		}
		moved := 0
		for _, e := range d.History {
			if e.FromClaimID != nil && *e.FromClaimID == gone.ID {
				moved++
			}
		}
		if moved != 5 { // created, edited, two citations, verdict
			t.Errorf("%d history entries moved, want 5", moved)
		}
		var ev claims.Event
		must(gdb.Where("claim_id = ?", gone.ID).First(&ev).Error)
		if ev.Kind != "merged" || ev.Detail != "Merged into claim 1 “Drone attack on the al-Tanf garrison”" || ev.UserID == nil {
			t.Errorf("merged claim's history = %+v", ev)
		}
		var err2 *claims.MergedError
		if _, err := svc.Claim(ctx, gone.ID); !errors.As(err, &err2) || err2.Into != keep.ID {
			t.Errorf("merged claim read: %v, want merged into %d", err, keep.ID)
		}
		if got := citationCounts(); len(got) != len(sourceCounts) || got[centcom.ID] != sourceCounts[centcom.ID] || got[reuters.ID] != sourceCounts[reuters.ID] {
			t.Errorf("sources' citation counts %v, were %v", got, sourceCounts)
		}
		p, err := svc.List(ctx, claims.Filter{}, nil)
		must(err)
		for _, c := range p.Claims {
			if c.ID == gone.ID {
				t.Error("the merged claim is listed")
			}
		}
		if p.Total != 2 {
			t.Errorf("list total %d, want 2", p.Total)
		}
	})

	t.Run("CountsMatchClaims", func(t *testing.T) {
		buckets := map[string]string{
			"": "1 = 1", "officially-confirmed": "officially_confirmed", "contested": "contested",
			"unverified": "verdict = 'unverified'", "confirmed": "verdict = 'confirmed'", "disputed": "verdict = 'disputed'", "false": "verdict = 'false'",
		}
		for _, f := range []claims.Filter{{}, {Country: "Syria"}, {Country: "Iraq"}, {SourceID: centcom.ID}, {SourceID: ap.ID}, {SourceID: reuters.ID}} {
			got, err := svc.Count(ctx, f)
			must(err)
			for bucket, where := range buckets {
				q := gdb.Model(&claims.Claim{}).Where("merged_into IS NULL").Where(where)
				if f.Country != "" {
					q = q.Where("country = ?", f.Country)
				}
				if f.SourceID != 0 {
					q = q.Where("id IN (SELECT claim_id FROM citations WHERE source_id = ?)", f.SourceID)
				}
				var n int64
				q.Count(&n)
				if got.Bucket(bucket) != n {
					t.Errorf("%+v: count %q = %d, claims say %d", f, bucket, got.Bucket(bucket), n)
				}
			}
		}
		if err := gdb.Transaction(claims.Recount); err != nil {
			t.Fatal(err)
		}
		after, err := svc.Count(ctx, claims.Filter{})
		must(err)
		if after.Total != 2 {
			t.Errorf("after a recount, %d claims, want 2 (the merged one is not counted)", after.Total)
		}
	})

	t.Run("ErrMergedAgain", func(t *testing.T) {
		var me *claims.MergedError
		if err := svc.MergeClaim(ctx, 1, gone.ID, 99, other.ID, revision(t, svc, other.ID), "Again"); !errors.As(err, &me) {
			t.Errorf("merge a merged claim again: %v", err)
		}
		var ve claims.ValidationError
		if err := svc.MergeClaim(ctx, 1, other.ID, revision(t, svc, other.ID), gone.ID, 1, "Into a merged one"); !errors.As(err, &ve) ||
			ve["into"] != "Claim 2 was itself merged into claim 1: merge into that one." {
			t.Errorf("merge into a merged claim: %v", err)
		}
	})
	t.Run("ErrMergedEdited", func(t *testing.T) {
		var me *claims.MergedError
		edit := &claims.Claim{ID: gone.ID, Title: "x", OccurredOn: time.Now(), DatePrecision: "day", AttackType: "drone", Version: 2}
		if err := svc.UpdateClaim(ctx, 1, edit); !errors.As(err, &me) {
			t.Errorf("edit a merged claim: %v", err)
		}
		if err := svc.AddCitation(ctx, 1, &claims.Citation{ClaimID: gone.ID, SourceID: ap.ID, Stance: "reports"}); !errors.As(err, &me) {
			t.Errorf("cite on a merged claim: %v", err)
		}
		if err := svc.SetVerdict(ctx, 1, gone.ID, 1, claims.VerdictFalse, "x"); !errors.As(err, &me) {
			t.Errorf("verdict on a merged claim: %v", err)
		}
	})
}

func revision(t *testing.T, svc *claims.Service, id int64) int {
	t.Helper()
	c, err := svc.Claim(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	return c.Revision
}
