package claims

// SuggestRule names the row of the suggested-verdict table (docs/EVIDENCE.md) that decided.
type SuggestRule string

// Suggested-verdict rules, in the order they are tried.
const (
	SuggestNoSources    SuggestRule = "no_sources"
	SuggestDenied       SuggestRule = "official_denial"
	SuggestOpenContest  SuggestRule = "open_contest"
	SuggestOfficial     SuggestRule = "official_confirmation"
	SuggestCorroborated SuggestRule = "corroborated"
	SuggestThin         SuggestRule = "thin"
)

// SuggestedVerdict is the verdict the evidence points to and the rule that decided it.
type SuggestedVerdict struct {
	Verdict Verdict
	Rule    SuggestRule
	Sources []int64 // the officials behind a denial or confirmation
	Count   int     // open reasons, or independent sources
}

// suggestVerdict applies the table's rules in order; the first that holds decides.
func suggestVerdict(a Assessment) SuggestedVerdict {
	open := a.OpenReasons()
	independent := a.Independence.Count()
	switch {
	case a.Occurred.State == OccurredNoSources:
		return SuggestedVerdict{Verdict: VerdictUnverified, Rule: SuggestNoSources}
	case a.Occurred.State == OccurredDenied && independent < 2 && openEventDenial(open, a.Occurred.By):
		return SuggestedVerdict{Verdict: VerdictFalse, Rule: SuggestDenied, Sources: a.Occurred.By, Count: independent}
	case len(open) > 0:
		return SuggestedVerdict{Verdict: VerdictDisputed, Rule: SuggestOpenContest, Count: len(open)}
	case a.Occurred.State == OccurredConfirmedByTarget || a.Occurred.State == OccurredConfirmedByNeutral:
		return SuggestedVerdict{Verdict: VerdictConfirmed, Rule: SuggestOfficial, Sources: a.Occurred.By}
	case independent >= 2:
		return SuggestedVerdict{Verdict: VerdictConfirmed, Rule: SuggestCorroborated, Count: independent}
	}
	return SuggestedVerdict{Verdict: VerdictUnverified, Rule: SuggestThin, Count: independent}
}

// openEventDenial reports whether one of the deniers' event denials is still open.
func openEventDenial(open []ContestReason, deniers []int64) bool {
	for _, r := range open {
		for _, id := range deniers {
			if r.Rule == ContestDenial && r.Scope == DeniesEvent && r.SourceID == id {
				return true
			}
		}
	}
	return false
}

// Words says the suggestion and why: "Disputed: 2 open disagreements.".
func (s SuggestedVerdict) Words(b NameBook) string {
	v := s.Verdict.Label() + ": "
	switch s.Rule {
	case SuggestNoSources:
		return v + "no sources yet."
	case SuggestDenied:
		return v + "officially denied by " + b.sourceList(s.Sources) + ", and " + independentPhrase(s.Count) + " reports it."
	case SuggestOpenContest:
		return v + plural(s.Count, "open disagreement", "open disagreements") + "."
	case SuggestOfficial:
		return v + "confirmed by an official not on the attacker's side (" + b.sourceList(s.Sources) + ")."
	case SuggestCorroborated:
		return v + "corroborated by " + plural(s.Count, "independent source", "independent sources") + "."
	}
	return v + independentPhrase(s.Count) + " reports it."
}

func independentPhrase(n int) string {
	switch n {
	case 0:
		return "no independent source"
	case 1:
		return "only 1 independent source"
	}
	return plural(n, "independent source", "independent sources")
}
