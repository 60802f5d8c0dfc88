// Package demo fills a database with demo data drawn from two news reports of October
// 2023 on attacks against US bases in Syria and Iraq, and with synthetic claims for
// load tests.
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
	Sources  int
	Claims   int
}

// Created reports whether Load added anything.
func (r *Result) Created() bool { return r.Accounts+r.Sources+r.Claims > 0 }

// String is the line the console prints after loading.
func (r *Result) String() string {
	if !r.Created() {
		return "demo data present already"
	}
	return fmt.Sprintf("demo: %d claims, %d sources, %d accounts loaded", r.Claims, r.Sources, r.Accounts)
}

// Load adds the demo accounts, sources and claims that are missing, and sets every demo
// account's password to password. It is safe to run again: a claim whose title exists
// is left alone, and each claim goes in with its citations and verdict or not at all.
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
	sourceIDs := map[string]int64{}
	for _, s := range sources {
		id, created, err := ensureSource(ctx, cs, ids[auth.RoleEditor], s)
		if err != nil {
			return r, err
		}
		sourceIDs[s.Name] = id
		if created {
			r.Sources++
		}
	}
	for _, spec := range demoClaims {
		created, err := ensureClaim(ctx, cs, ids[auth.RoleEditor], ids[auth.RoleFactchecker], sourceIDs, spec)
		if err != nil {
			return r, err
		}
		if created {
			r.Claims++
		}
	}
	return r, nil
}

type account struct {
	email, name string
	role        auth.Role
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

// ensureSource returns the id of the source with s's name, creating it if there is none.
// A source that exists is left as its editors made it.
func ensureSource(ctx context.Context, cs *claims.Service, actor int64, s claims.Source) (int64, bool, error) {
	if found, err := cs.SourceByName(ctx, s.Name); err == nil {
		return found.ID, false, nil
	} else if !errors.Is(err, claims.ErrNotFound) {
		return 0, false, fmt.Errorf("demo: source %s: %w", s.Name, err)
	}
	if s.Kind == claims.KindOfficial || s.Kind == claims.KindArmedGroup {
		// An official body or a group speaks for a party of its own name.
		p := &claims.PartyRecord{Party: claims.Party{Name: s.Name, Kind: claims.PartyOther}}
		if s.Kind == claims.KindArmedGroup {
			p.Kind = claims.PartyArmedGroup
		}
		if found, err := cs.PartyByName(ctx, s.Name); err == nil {
			p = found
		} else if err := cs.CreateParty(ctx, actor, p); err != nil {
			return 0, false, fmt.Errorf("demo: party %s: %w", s.Name, err)
		}
		s.PartyID, s.Relation = p.ID, claims.RelationVoice
	}
	err := cs.CreateSource(ctx, actor, &s)
	var ve claims.ValidationError
	if errors.As(err, &ve) && ve["name"] != "" {
		// Someone created it between the look-up and the insert.
		found, err := cs.SourceByName(ctx, s.Name)
		if err != nil {
			return 0, false, fmt.Errorf("demo: source %s: %w", s.Name, err)
		}
		return found.ID, false, nil
	}
	if err != nil {
		return 0, false, fmt.Errorf("demo: source %s: %w", s.Name, err)
	}
	return s.ID, true, nil
}

type citeSpec struct {
	source      string
	stance      claims.Stance
	attribution string
	quote       string
	published   string // YYYY-MM-DD; the reports give no times
	figures     figures
}

// figures are a citation's numbers as whole counts, nil where not given.
type figures struct {
	Weapon                                 string
	Launched, Intercepted, Killed, Injured *int
}

// set is the figures as the desk stores them.
func (f figures) set() claims.FigureSet {
	v := func(p *int) claims.FigureValue {
		if p == nil {
			return claims.FigureValue{}
		}
		return claims.FigureValue{Qualifier: claims.QualExactly, N: *p}
	}
	return claims.FigureSet{Weapon: claims.WeaponReport{Category: claims.WeaponFromText(f.Weapon), Text: f.Weapon},
		Launched: v(f.Launched), Intercepted: v(f.Intercepted),
		Killed: claims.Casualties{Unknown: v(f.Killed)}, Injured: claims.Casualties{Unknown: v(f.Injured)}}
}

type claimSpec struct {
	claim   claims.Claim
	cites   []citeSpec
	verdict claims.Verdict // "" leaves it unverified
	reason  string
}

// ensureClaim stores the claim with its citations and verdict in one transaction, unless
// a claim with its title exists. The transaction is immediate, so two loads running at
// once cannot both miss the title and insert it twice.
func ensureClaim(ctx context.Context, cs *claims.Service, editor, factchecker int64, sourceIDs map[string]int64, spec claimSpec) (bool, error) {
	created := false
	err := cs.InTx(ctx, func(svc *claims.Service) error {
		if exists, err := svc.ClaimTitled(ctx, spec.claim.Title); err != nil || exists {
			return err
		}
		c := spec.claim
		if err := svc.CreateClaim(ctx, editor, &c); err != nil {
			return err
		}
		for _, cp := range spec.cites {
			cit := &claims.Citation{
				ClaimID:     c.ID,
				SourceID:    sourceIDs[cp.source],
				Stance:      cp.stance,
				Attribution: cp.attribution,
				Quote:       cp.quote,
				PublishedAt: date(cp.published),
				Figures:     cp.figures.set(),
			}
			if err := svc.AddCitation(ctx, editor, cit); err != nil {
				return fmt.Errorf("citing %s: %w", cp.source, err)
			}
		}
		if spec.verdict != "" {
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

// date parses a YYYY-MM-DD date as midnight UTC.
func date(s string) *time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic("demo: bad date " + s) // the dates are constants in this package
	}
	return &t
}

func n(i int) *int { return &i }

// day is date for a claim's OccurredOn.
func day(s string) time.Time { return *date(s) }
