package views_test

import (
	"strings"
	"testing"
	"time"

	"claimdesk/internal/claims"
	"claimdesk/views"
)

func TestSourceTrackRecord(t *testing.T) {
	src := &claims.Source{ID: 7, Name: "AP", Kind: claims.KindWire}
	tests := []struct {
		name  string
		track claims.TrackRecord
		want  []string // cited, first, response; "" where the line is not shown
	}{
		{"Busy", claims.TrackRecord{Claims: 42, First: 7, Responded: 12, MedianResponse: 5*time.Hour + 40*time.Minute,
			ByVerdict: map[claims.Verdict]int64{claims.VerdictConfirmed: 10, claims.VerdictDisputed: 3, claims.VerdictFalse: 1, claims.VerdictUnverified: 28}},
			[]string{"Cited on 42 claims: 10 later confirmed, 3 disputed, 1 false, 28 not yet decided.", "Reported first on 7.",
				"An official response came a median of 5 hours after its report (on 12 claims)."}},
		{"One", claims.TrackRecord{Claims: 1, First: 1, Responded: 1, MedianResponse: 20 * time.Minute,
			ByVerdict: map[claims.Verdict]int64{claims.VerdictConfirmed: 1}},
			[]string{"Cited on 1 claim: 1 later confirmed.", "Reported first on 1.",
				"An official response came a median of less than an hour after its report (on 1 claim)."}},
		{"NeverAnswered", claims.TrackRecord{Claims: 12500, ByVerdict: map[claims.Verdict]int64{claims.VerdictUnverified: 12500}},
			[]string{"Cited on 12,500 claims: 12,500 not yet decided.", "Never the first to report.",
				"No official response came after any of its reports."}},
		{"Uncited", claims.TrackRecord{ByVerdict: map[claims.Verdict]int64{}},
			[]string{"Not cited on any claim yet (withdrawn citations aside).", "", ""}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := render(t, views.SourceShow(editor, views.SourcePage{Source: src, Track: tt.track, Page: 1}))
			for i, id := range []string{"track-cited", "track-first", "track-response"} {
				got := strings.Join(strings.Fields(doc.Find(`[data-testid="track-record"] [data-testid="`+id+`"]`).Text()), " ")
				if got != tt.want[i] {
					t.Errorf("%s = %q, want %q", id, got, tt.want[i])
				}
			}
		})
	}
}
