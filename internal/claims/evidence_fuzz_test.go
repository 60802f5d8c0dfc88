package claims

import "testing"

// Long run: go test ./internal/claims -run '^$' -fuzz FuzzSummarize -fuzztime 60s

// FuzzSummarize builds citations from bytes, three a citation (source, stance, kind
// and figure), and checks the summary never panics and stays consistent.
func FuzzSummarize(f *testing.F) {
	f.Add([]byte{}, "unverified")
	f.Add([]byte{1, 0, 0, 2, 1, 1}, "disputed")
	f.Add([]byte{1, 2, 0, 1, 0, 0, 3, 3, 6, 4, 3, 7}, "confirmed")
	f.Add([]byte{0, 9, 200, 255, 255, 255}, "\x00")
	f.Fuzz(func(t *testing.T, data []byte, verdict string) {
		var cites []Citation
		sources := map[int64]bool{}
		for i := 0; i+2 < len(data); i += 3 {
			id := int64(data[i] % 6)
			stance := Stance("junk")
			if k := int(data[i+1]) % (len(Stances) + 1); k < len(Stances) {
				stance = Stance(Stances[k].Value)
			}
			c := Citation{SourceID: id, Stance: stance}
			if k := int(data[i+2]) % (len(SourceKinds) + 1); k < len(SourceKinds) {
				c.Source = &Source{ID: id, Name: string(rune('A' + id)), Kind: SourceKind(SourceKinds[k].Value)}
			}
			if data[i+2]&1 == 1 {
				n := int(data[i+2] >> 4)
				c.Launched = &n
			}
			cites = append(cites, c)
			sources[id] = true
		}
		ev := Summarize(cites, Verdict(verdict))
		if ev.Contested != (len(ev.Reasons) > 0) {
			t.Fatalf("contested %v with reasons %q", ev.Contested, ev.Reasons)
		}
		if ev.IndependentSources != len(sources) {
			t.Fatalf("independent sources %d, want %d", ev.IndependentSources, len(sources))
		}
		if ev.OfficiallyConfirmed != (len(ev.ConfirmedBy) > 0) || ev.OfficiallyDenied != (len(ev.DeniedBy) > 0) {
			t.Fatalf("official flags disagree with names: %+v", ev)
		}
	})
}
