package claims_test

import (
	"sync"
	"testing"
	"time"

	"claimdesk/internal/claims"
)

func TestTrackRecord(t *testing.T) {
	svc, _ := setup(t)
	ap := newSource(t, svc, "AP", claims.KindWire)
	centcom := newSource(t, svc, "CENTCOM", claims.KindOfficial)
	at := func(day, hour int) *time.Time {
		t := time.Date(2024, 1, day, hour, 0, 0, 0, time.UTC)
		return &t
	}
	cite := func(c *claims.Claim, src *claims.Source, stance claims.Stance, published *time.Time) *claims.Citation {
		t.Helper()
		cit := &claims.Citation{ClaimID: c.ID, SourceID: src.ID, Stance: stance, PublishedAt: published}
		if err := svc.AddCitation(ctx, 1, cit); err != nil {
			t.Fatal(err)
		}
		return cit
	}
	decide := func(c *claims.Claim, v claims.Verdict) {
		t.Helper()
		now, err := svc.Claim(ctx, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		if err := svc.SetVerdict(ctx, 1, c.ID, now.Revision, v, "Weighed."); err != nil {
			t.Fatal(err)
		}
	}

	// AP first; CENTCOM confirms 5 hours later.
	a := newClaim(t, svc, "A")
	cite(a, ap, claims.StanceReports, at(1, 10))
	cite(a, centcom, claims.StanceConfirms, at(1, 15))
	decide(a, claims.VerdictConfirmed)
	// CENTCOM first, AP an hour later: no response came after AP's report.
	b := newClaim(t, svc, "B")
	cite(b, centcom, claims.StanceConfirms, at(2, 8))
	cite(b, ap, claims.StanceReports, at(2, 9))
	decide(b, claims.VerdictDisputed)
	// AP first and again later (one claim, timed from its first report); denied an hour on.
	c := newClaim(t, svc, "C")
	cite(c, ap, claims.StanceReports, at(3, 12))
	cite(c, ap, claims.StanceReports, at(3, 20))
	cite(c, centcom, claims.StanceDenies, at(3, 13))
	decide(c, claims.VerdictFalse)
	// AP undated: counted, never first, never timed.
	d := newClaim(t, svc, "D")
	cite(d, ap, claims.StanceReports, nil)
	// AP first but withdrawn: not AP's at all.
	e := newClaim(t, svc, "E")
	withdrawn := cite(e, ap, claims.StanceReports, at(5, 6))
	cite(e, centcom, claims.StanceConfirms, at(5, 7))
	if err := svc.WithdrawCitation(ctx, 1, withdrawn.ID, 1, "Wrong incident."); err != nil {
		t.Fatal(err)
	}
	// AP first; confirmed 10 hours later.
	f := newClaim(t, svc, "F")
	cite(f, ap, claims.StanceReports, at(6, 0))
	cite(f, centcom, claims.StanceConfirms, at(6, 10))

	t.Run("OK", func(t *testing.T) {
		got, err := svc.TrackRecord(ctx, ap.ID)
		if err != nil {
			t.Fatal(err)
		}
		want := claims.TrackRecord{Claims: 5, First: 3, Responded: 3, MedianResponse: 5 * time.Hour,
			ByVerdict: map[claims.Verdict]int64{claims.VerdictConfirmed: 1, claims.VerdictDisputed: 1, claims.VerdictFalse: 1, claims.VerdictUnverified: 2}}
		if got.Claims != want.Claims || got.First != want.First || got.Responded != want.Responded || got.MedianResponse != want.MedianResponse {
			t.Errorf("got %+v, want %+v", got, want)
		}
		for v, n := range want.ByVerdict {
			if got.ByVerdict[v] != n {
				t.Errorf("%s: got %d, want %d", v, got.ByVerdict[v], n)
			}
		}
	})
	t.Run("EvenMedian", func(t *testing.T) {
		g := newClaim(t, svc, "G")
		cite(g, ap, claims.StanceReports, at(7, 0))
		cite(g, centcom, claims.StanceConfirms, at(7, 2))
		got, err := svc.TrackRecord(ctx, ap.ID)
		if err != nil {
			t.Fatal(err)
		}
		// 1, 2, 5, 10 hours: the mean of the middle two.
		if got, want := got.MedianResponse, 3*time.Hour+30*time.Minute; got != want {
			t.Errorf("median = %v, want %v", got, want)
		}
	})
	t.Run("TheResponderItself", func(t *testing.T) {
		got, err := svc.TrackRecord(ctx, centcom.ID)
		if err != nil {
			t.Fatal(err)
		}
		// Its own word is the response, never after itself; first on B, and on E once
		// AP's earlier report was withdrawn.
		if got.Claims != 6 || got.First != 2 || got.Responded != 0 || got.MedianResponse != 0 {
			t.Errorf("got %+v", got)
		}
	})
	t.Run("NoCitations", func(t *testing.T) {
		quiet := newSource(t, svc, "Quiet outlet", claims.KindOutlet)
		got, err := svc.TrackRecord(ctx, quiet.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Claims != 0 || got.First != 0 || got.Responded != 0 || len(got.ByVerdict) != 0 {
			t.Errorf("got %+v", got)
		}
	})
}

const trackBenchClaims = 20_000

var trackBench struct {
	once sync.Once
	svc  *claims.Service
	err  error
}

// BenchmarkTrackRecord times the track record of the source cited on the most claims,
// among 20,000 generated claims and among the 100,000 of the other benchmarks (where
// the busiest source is on more than 10,000 claims).
func BenchmarkTrackRecord(b *testing.B) {
	b.Run("20k", func(b *testing.B) {
		trackBench.once.Do(func() { trackBench.svc, trackBench.err = openBench(trackBenchClaims) })
		if trackBench.err != nil {
			b.Fatal(trackBench.err)
		}
		benchTrack(b, trackBench.svc)
	})
	b.Run("100k", func(b *testing.B) { benchTrack(b, benchService(b)) })
}

func benchTrack(b *testing.B, svc *claims.Service) {
	srcs, err := svc.Sources(ctx)
	if err != nil {
		b.Fatal(err)
	}
	busiest := srcs[0]
	for _, s := range srcs {
		if s.CitationCount > busiest.CitationCount {
			busiest = s
		}
	}
	var tr claims.TrackRecord
	for b.Loop() {
		if tr, err = svc.TrackRecord(ctx, busiest.ID); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(tr.Claims), "claims")
	b.ReportMetric(float64(tr.Responded), "responded")
}
