package claims

import (
	"testing"
	"time"
)

// Long run: go test ./internal/claims -run '^$' -fuzz FuzzWeighEvidence -fuzztime 60s

// FuzzWeighEvidence builds citations and parties from bytes, four bytes a citation
// (source, stance and scope, party and relation, figure), and checks the rules never
// panic and stay consistent with themselves.
func FuzzWeighEvidence(f *testing.F) {
	f.Add([]byte{}, "3-5")
	f.Add([]byte{1, 0, 1, 2, 2, 8, 3, 7}, "at least 34")
	f.Add([]byte{1, 2, 0, 1, 0, 0, 3, 3, 6, 4, 3, 7, 9, 9, 9, 9}, "dozens")
	f.Add([]byte{0, 9, 200, 255, 255, 255, 17, 4}, "\x00")
	f.Fuzz(func(t *testing.T, data []byte, figure string) {
		parties := []Party{{ID: 1, Name: "A", Kind: PartyState}, {ID: 2, Name: "B", Kind: PartyForces, ParentID: 1},
			{ID: 3, Name: "C", Kind: PartyArmedGroup, ParentID: 4}, {ID: 4, Name: "D", Kind: PartyCoalition, ParentID: 3}}
		value, _ := ParseFigureValue(figure)
		in := EvidenceInput{Parties: parties, Attackers: []PartyID{3}, Targets: []PartyID{1}, Reviewed: map[string]bool{},
			Now: time.Date(2024, 2, 1, 0, 0, 0, 0, time.UTC)}
		for i := 0; i+3 < len(data); i += 4 {
			c := CitedStatement{ID: int64(i + 1), SourceID: int64(data[i]%6) + 1, SourceName: "S"}
			c.Stance = Stance(Stances[int(data[i+1])%len(Stances)].Value)
			if c.Stance == StanceDenies {
				c.DenialScope = DenialScope(DenialScopes[int(data[i+1]>>2)%len(DenialScopes)].Value)
			}
			c.PartyID = PartyID(data[i+2] % 5)
			c.Relation = Relation(Relations[int(data[i+2]>>3)%len(Relations)].Value)
			if data[i+3]&1 == 1 {
				c.Figures.Launched = value
			}
			if data[i+3]&2 == 2 {
				at := in.Now.Add(-time.Duration(data[i+3]) * time.Hour)
				c.PublishedAt = &at
			}
			c.Withdrawn = data[i+3]&4 == 4
			in.Citations = append(in.Citations, c)
		}
		a := WeighEvidence(in)
		if a.Contested != (len(a.OpenReasons()) > 0) {
			t.Fatalf("contested %v with open reasons %+v", a.Contested, a.OpenReasons())
		}
		if !a.Occurred.State.Valid() || !a.Response.State.Valid() || !a.Suggested.Verdict.Valid() {
			t.Fatalf("invalid states: %+v", a)
		}
		names := NamesOf(in)
		for _, r := range a.Reasons {
			if r.Key == "" || r.Words(names) == "" {
				t.Fatalf("reason without key or words: %+v", r)
			}
			in.Reviewed[r.Key] = true
		}
		if again := WeighEvidence(in); again.Contested {
			t.Fatalf("every reason reviewed, still contested: %+v", again.OpenReasons())
		}
	})
}
