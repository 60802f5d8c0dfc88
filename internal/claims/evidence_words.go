package claims

import "strings"

// NameBook holds today's names of sources and parties, so reasons are rendered, never stored, in words.
type NameBook struct {
	Sources map[int64]string
	Parties map[PartyID]string
}

// NamesOf builds a name book from the names an evidence input carries.
func NamesOf(in EvidenceInput) NameBook {
	b := NameBook{Sources: map[int64]string{}, Parties: map[PartyID]string{}}
	for _, c := range in.Citations {
		if c.SourceName != "" {
			b.Sources[c.SourceID] = c.SourceName
		}
		if c.RelaysSourceID != 0 && c.RelaysSourceName != "" {
			b.Sources[c.RelaysSourceID] = c.RelaysSourceName
		}
	}
	for _, p := range in.Parties {
		b.Parties[p.ID] = p.Name
	}
	return b
}

func (b NameBook) source(id int64) string {
	if s, ok := b.Sources[id]; ok {
		return s
	}
	return "source #" + itoa64(id)
}

func (b NameBook) party(id PartyID) string {
	if s, ok := b.Parties[id]; ok {
		return s
	}
	return "party #" + itoa64(int64(id))
}

func (b NameBook) sourceList(ids []int64) string {
	names := make([]string, len(ids))
	for i, id := range ids {
		names[i] = b.source(id)
	}
	return strings.Join(names, ", ")
}

// holder names who holds a position: the party, else the sources.
func (b NameBook) holder(v HeldValue) string {
	if v.PartyID != 0 {
		return b.party(v.PartyID)
	}
	return b.sourceList(v.SourceIDs)
}

func (b NameBook) claimantList(cls []Claimant) string {
	names := make([]string, len(cls))
	for i, cl := range cls {
		if cl.PartyID != 0 {
			names[i] = b.party(cl.PartyID)
		} else {
			names[i] = b.source(cl.SourceID)
		}
	}
	return strings.Join(names, ", ")
}

func (b NameBook) attributionList(ats []Attribution) string {
	parts := make([]string, len(ats))
	for i, at := range ats {
		parts[i] = b.source(at.SourceID) + " blames " + b.party(at.PartyID)
	}
	return strings.Join(parts, "; ")
}
