package claims

// GroupByStance returns the citations grouped in the order of Stances, skipping empty groups.
func GroupByStance(cites []Citation) []StanceGroup {
	var groups []StanceGroup
	for _, s := range Stances {
		g := StanceGroup{Stance: Stance(s.Value)}
		for _, c := range cites {
			if c.Stance == g.Stance {
				g.Citations = append(g.Citations, c)
			}
		}
		if len(g.Citations) > 0 {
			groups = append(groups, g)
		}
	}
	return groups
}

// StanceGroup is the citations that take one stance.
type StanceGroup struct {
	Stance    Stance
	Citations []Citation
}
