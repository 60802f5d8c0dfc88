// Package demo fills a database with demo data drawn from two news reports of 19 October
// 2023 on drone attacks against US forces in Syria and Iraq (spec.go), and with synthetic
// claims for load tests (generate.go).
package demo

import (
	"context"
	"errors"
	"fmt"
	"time"
	"unicode/utf8"

	"claimdesk/internal/auth"
	"claimdesk/internal/claims"
)

// Result says what Load created; accounts that existed only had their password reset.
type Result struct {
	Accounts int
	Parties  int
	Sources  int
	Claims   int
}

// Created reports whether Load added anything.
func (r *Result) Created() bool { return r.Accounts+r.Parties+r.Sources+r.Claims > 0 }

// String is the line the console prints after loading.
func (r *Result) String() string {
	if !r.Created() {
		return "demo data present already"
	}
	return fmt.Sprintf("demo: %d claims, %d sources, %d parties, %d accounts loaded", r.Claims, r.Sources, r.Parties, r.Accounts)
}

type account struct {
	email, name string
	role        auth.Role
}

// accounts are the documented demo logins, one for each role.
var accounts = []account{
	{"admin@demo.test", "Dana Admin", auth.RoleAdmin},
	{"editor@demo.test", "Eli Editor", auth.RoleEditor},
	{"factchecker@demo.test", "Farah Factchecker", auth.RoleFactchecker},
	{"viewer@demo.test", "Vic Viewer", auth.RoleViewer},
}

// Load adds the demo accounts, parties, sources and claims that are missing, and sets
// every demo account's password to password. It is safe to run again: a party or source
// whose name exists, or a claim whose title exists, is left as it is; each claim goes in
// with its sides, citations, reviews and verdict or not at all.
func Load(ctx context.Context, cs *claims.Service, as *auth.Service, password string) (*Result, error) {
	// SetPassword does not check the length, so check it here for accounts that exist.
	if utf8.RuneCountInString(password) < auth.MinPassword {
		return nil, claims.ValidationError{"password": fmt.Sprintf("Use at least %d characters.", auth.MinPassword)}
	}
	r := &Result{}
	ids := map[auth.Role]int64{}
	for _, a := range accounts {
		id, created, err := ensureAccount(ctx, as, a, password)
		if err != nil {
			return r, err
		}
		ids[a.role] = id
		if created {
			r.Accounts++
		}
	}
	editor, factchecker := ids[auth.RoleEditor], ids[auth.RoleFactchecker]
	ref := refs{parties: map[string]claims.PartyID{}, sources: map[string]int64{}}
	for _, p := range demoParties {
		id, created, err := ensureParty(ctx, cs, editor, p, ref.parties[p.parent])
		if err != nil {
			return r, err
		}
		ref.parties[p.name] = id
		if created {
			r.Parties++
		}
	}
	for _, s := range demoSources {
		id, created, err := ensureSource(ctx, cs, editor, s, ref.parties[s.party])
		if err != nil {
			return r, err
		}
		ref.sources[s.name] = id
		if created {
			r.Sources++
		}
	}
	for _, spec := range demoClaimsV2 {
		created, err := ensureClaim(ctx, cs, editor, factchecker, ref, spec)
		if err != nil {
			return r, err
		}
		if created {
			r.Claims++
		}
	}
	return r, nil
}

// ensureAccount creates the account, or resets its password if it exists, and returns its id.
func ensureAccount(ctx context.Context, as *auth.Service, a account, password string) (int64, bool, error) {
	existing, err := as.UserByEmail(ctx, a.email)
	if err != nil && !errors.Is(err, claims.ErrNotFound) {
		return 0, false, fmt.Errorf("demo: account %s: %w", a.email, err)
	}
	if existing == nil {
		u, err := as.CreateUser(ctx, auth.NewUser{Email: a.email, Name: a.name, Role: a.role, Password: password})
		if err != nil {
			return 0, false, fmt.Errorf("demo: account %s: %w", a.email, err)
		}
		return u.ID, true, nil
	}
	if err := as.SetPassword(ctx, a.email, password); err != nil {
		return 0, false, fmt.Errorf("demo: account %s: %w", a.email, err)
	}
	return existing.ID, false, nil
}

// ensureParty returns the id of the party with p's name, creating it if there is none.
// A party that exists is left as its editors made it.
func ensureParty(ctx context.Context, cs *claims.Service, actor int64, p partySpec, parent claims.PartyID) (claims.PartyID, bool, error) {
	if found, err := cs.PartyByName(ctx, p.name); err == nil {
		return found.ID, false, nil
	} else if !errors.Is(err, claims.ErrNotFound) {
		return 0, false, fmt.Errorf("demo: party %s: %w", p.name, err)
	}
	rec := &claims.PartyRecord{Party: claims.Party{Name: p.name, Kind: p.kind, ParentID: parent}, Notes: p.notes}
	err := cs.CreateParty(ctx, actor, rec)
	var ve claims.ValidationError
	if errors.As(err, &ve) && ve[claims.PartyName.Name] != "" {
		// Someone created it between the look-up and the insert.
		found, err := cs.PartyByName(ctx, p.name)
		if err != nil {
			return 0, false, fmt.Errorf("demo: party %s: %w", p.name, err)
		}
		return found.ID, false, nil
	}
	if err != nil {
		return 0, false, fmt.Errorf("demo: party %s: %w", p.name, err)
	}
	return rec.ID, true, nil
}

// ensureSource returns the id of the source with s's name, creating it if there is none.
// A source that exists is left as its editors made it.
func ensureSource(ctx context.Context, cs *claims.Service, actor int64, s sourceSpec, party claims.PartyID) (int64, bool, error) {
	if found, err := cs.SourceByName(ctx, s.name); err == nil {
		return found.ID, false, nil
	} else if !errors.Is(err, claims.ErrNotFound) {
		return 0, false, fmt.Errorf("demo: source %s: %w", s.name, err)
	}
	src := &claims.Source{Name: s.name, Kind: s.kind, PartyID: party, Relation: s.relation,
		Homepage: s.homepage, Affiliation: s.affiliation}
	err := cs.CreateSource(ctx, actor, src)
	var ve claims.ValidationError
	if errors.As(err, &ve) && ve[claims.SourceName.Name] != "" {
		found, err := cs.SourceByName(ctx, s.name)
		if err != nil {
			return 0, false, fmt.Errorf("demo: source %s: %w", s.name, err)
		}
		return found.ID, false, nil
	}
	if err != nil {
		return 0, false, fmt.Errorf("demo: source %s: %w", s.name, err)
	}
	return src.ID, true, nil
}

// refs are the ids of the parties and sources the spec names.
type refs struct {
	parties map[string]claims.PartyID
	sources map[string]int64
}

func (r refs) partyList(names []string) []claims.PartyID {
	var out []claims.PartyID
	for _, n := range names {
		out = append(out, r.parties[n])
	}
	return out
}

// citation is a spec citation as the service stores it.
func (r refs) citation(claimID int64, c citeV2) (*claims.Citation, error) {
	at, err := publishedAt(c.published)
	if err != nil {
		return nil, err
	}
	fig := func(s string) claims.FigureValue {
		if err != nil {
			return claims.FigureValue{}
		}
		var v claims.FigureValue
		v, err = claims.ParseFigureValue(s)
		return v
	}
	cit := &claims.Citation{
		ClaimID:        claimID,
		SourceID:       r.sources[c.source],
		Stance:         c.stance,
		DenialScope:    c.scope,
		PublishedAt:    at,
		Quote:          c.quote,
		QuoteKind:      claims.QuoteKind(c.quoteKind),
		Attribution:    c.attribution,
		RelaysPartyID:  r.parties[c.relaysParty],
		AttributesToID: r.parties[c.attributesTo],
		Figures: claims.FigureSet{
			Weapon:      claims.WeaponReport{Category: c.weaponCategory, Text: c.weapon},
			Launched:    fig(c.launched),
			Intercepted: fig(c.intercepted),
			Killed:      claims.Casualties{Military: fig(c.killedMilitary), Civilian: fig(c.killedCivilian), Unknown: fig(c.killedUnknown)},
			Injured:     claims.Casualties{Military: fig(c.injuredMilitary), Civilian: fig(c.injuredCivilian), Unknown: fig(c.injuredUnknown)},
		},
	}
	if c.relaysSource != "" {
		id := r.sources[c.relaysSource]
		cit.RelaysSourceID = &id
	}
	return cit, err
}

// ensureClaim stores the claim with its sides, citations, reviews and verdict in one
// transaction, unless a claim with its title exists. The transaction is immediate, so
// two loads running at once cannot both miss the title and insert it twice.
func ensureClaim(ctx context.Context, cs *claims.Service, editor, factchecker int64, r refs, spec claimV2) (bool, error) {
	created := false
	err := cs.InTx(ctx, func(svc *claims.Service) error {
		if exists, err := svc.ClaimTitled(ctx, spec.claim.Title); err != nil || exists {
			return err
		}
		c := spec.claim
		c.Attackers, c.Targets = r.partyList(spec.attackers), r.partyList(spec.targets)
		if err := svc.CreateClaim(ctx, editor, &c); err != nil {
			return err
		}
		for _, cp := range spec.cites {
			cit, err := r.citation(c.ID, cp)
			if err != nil {
				return fmt.Errorf("citing %s: %w", cp.source, err)
			}
			if err := svc.AddCitation(ctx, editor, cit); err != nil {
				return fmt.Errorf("citing %s: %w", cp.source, err)
			}
		}
		for _, rv := range spec.reviews {
			cur, err := svc.Claim(ctx, c.ID)
			if err != nil {
				return err
			}
			if err := svc.ReviewContest(ctx, factchecker, c.ID, cur.Revision, rv.key, rv.note); err != nil {
				return fmt.Errorf("review of %s: %w", rv.key, err)
			}
		}
		if spec.verdict != "" && spec.verdict != claims.VerdictUnverified {
			cur, err := svc.Claim(ctx, c.ID)
			if err != nil {
				return err
			}
			if err := svc.SetVerdict(ctx, factchecker, c.ID, cur.Revision, spec.verdict, spec.reason); err != nil {
				return fmt.Errorf("verdict: %w", err)
			}
		}
		created = true
		return nil
	})
	if err != nil {
		return false, fmt.Errorf("demo: claim %q: %w", spec.claim.Title, err)
	}
	return created, nil
}

// publishedAt reads a spec date: a day (YYYY-MM-DD), or a day and a time in UTC.
func publishedAt(s string) (*time.Time, error) {
	if s == "" {
		return nil, nil
	}
	for _, layout := range []string{time.DateOnly, "2006-01-02 15:04"} {
		if t, err := time.Parse(layout, s); err == nil {
			return &t, nil
		}
	}
	return nil, fmt.Errorf("cannot read the date %q", s)
}

// day is a claim's OccurredOn from a YYYY-MM-DD date, midnight UTC.
func day(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic("demo: bad date " + s) // the dates are constants in this package
	}
	return t
}
