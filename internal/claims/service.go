package claims

import (
	"cmp"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"claimdesk/internal/db"
	"claimdesk/internal/events"

	"gorm.io/gorm"
)

// Service reads and writes claims, sources, citations and verdicts.
type Service struct {
	store *db.DB
	tx    *gorm.DB         // set inside InTx: every call joins this transaction
	Now   func() time.Time // nil means time.Now
	// Events, when set, hears of each saved change to a claim once it is committed.
	Events  events.Broker
	pending *[]events.Event // inside InTx: published when the outer transaction commits
	text    textIndex       // the database's full-text index
	// RankLimit is how many matches a search ranks by how well they match; a search
	// matching more lists them newest attack first. 0 means MaxRanked.
	RankLimit int64
}

// NewService returns a Service over the database d.
func NewService(d *db.DB) *Service {
	var text textIndex = fts4Index{}
	if d.Dialect() == db.Postgres {
		text = tsIndex{}
	}
	return &Service{store: d, text: text}
}

// InTx runs fn with a service whose every write joins one transaction, so several
// calls are saved together or not at all.
func (s *Service) InTx(ctx context.Context, fn func(*Service) error) error {
	var pending []events.Event
	err := s.write(ctx, func(tx *gorm.DB) error {
		pending = nil
		return fn(&Service{store: s.store, tx: tx, Now: s.Now, Events: s.Events, pending: &pending, text: s.text})
	})
	for _, e := range pending {
		err = s.publish(ctx, err, e.Kind, e.ClaimID, e.ActorID)
	}
	return err
}

// publish tells s.Events of a change once its write succeeded (err == nil), and
// returns err. Inside InTx it waits for the outer transaction to commit.
func (s *Service) publish(ctx context.Context, err error, kind string, claimID, actor int64) error {
	switch {
	case err != nil || s.Events == nil:
	case s.pending != nil:
		*s.pending = append(*s.pending, events.Event{Kind: kind, ClaimID: claimID, ActorID: actor})
	default:
		s.Events.Publish(ctx, events.Event{Kind: kind, ClaimID: claimID, ActorID: actor, At: s.now()})
	}
	return err
}

// Ping checks that the database answers.
func (s *Service) Ping(ctx context.Context) error { return s.store.Ping(ctx) }

// Ready reports whether the database can take a write now (see db.DB.Ready).
func (s *Service) Ready(ctx context.Context) error { return s.store.Ready(ctx) }

func (s *Service) now() time.Time {
	if s.Now != nil {
		return s.Now().UTC()
	}
	return time.Now().UTC()
}

// db is the handle for reads: the open transaction inside InTx, else the database.
func (s *Service) db(ctx context.Context) *gorm.DB {
	if s.tx != nil {
		return s.tx
	}
	return s.store.Read(ctx)
}

// write runs fn in a write transaction: a savepoint inside InTx, else a transaction
// that waits its turn at the database's write gate.
func (s *Service) write(ctx context.Context, fn func(tx *gorm.DB) error) error {
	if s.tx != nil {
		return s.tx.Transaction(fn)
	}
	return s.store.Write(ctx, func(tx *gorm.DB) error {
		if isPostgres(tx) {
			// First, not last: the row lock on desk_version then queues the desk's
			// writers, across app instances, as SQLite's single writer does, so no two
			// writes take their other row locks in opposite orders (a deadlock).
			if err := db.BumpVersion(tx); err != nil {
				return err
			}
			return fn(tx)
		}
		if err := fn(tx); err != nil {
			return err
		}
		return db.BumpVersion(tx)
	})
}

// Version is a number that moves on with every saved change to claims, sources,
// parties, citations, reviews, verdicts, comments or settings: a page rendered at one
// version is current while the version stays.
func (s *Service) Version(ctx context.Context) (int64, error) {
	v, err := s.Versions(ctx)
	return v.Desk, err
}

// Versions is Version with, beside it, the number that only changes to sessions and
// accounts move on (db.Versions), read in the same query.
func (s *Service) Versions(ctx context.Context) (db.Versions, error) {
	if s.tx == nil {
		return s.store.Versions(ctx)
	}
	var v db.Versions
	if err := s.db(ctx).Raw(db.VersionsQuery).Row().Scan(&v.Desk, &v.Sessions); err != nil {
		return v, fmt.Errorf("claims: desk version: %w", err)
	}
	return v, nil
}

// notFound maps GORM's missing-row error to ErrNotFound and wraps the rest.
func notFound(op string, err error) error {
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return ErrNotFound
	}
	return fmt.Errorf("claims: %s: %w", op, err)
}

// CreateClaim validates c and stores it as a new, unverified claim made by actor,
// with its alleged attackers and targeted parties.
func (s *Service) CreateClaim(ctx context.Context, actor int64, c *Claim) error {
	c.Verdict = VerdictUnverified
	if err := c.Validate(); err != nil {
		return err
	}
	now := s.now()
	c.ID, c.Version, c.Revision, c.CreatedAt, c.UpdatedAt = 0, 1, 1, now, now
	c.CreatedByID, c.UpdatedByID = &actor, &actor
	err := s.write(ctx, func(tx *gorm.DB) error {
		if err := checkParties(tx, c); err != nil {
			return err
		}
		a, err := s.weigh(tx, c, nil)
		if err != nil {
			return err
		}
		SetEvidence(c, a, nil)
		if err := tx.Omit("CreatedBy", "UpdatedBy").Create(c).Error; err != nil {
			return fmt.Errorf("claims: create claim: %w", err)
		}
		if err := saveParties(tx, c); err != nil {
			return err
		}
		if err := moveCounts(tx, placement{}, placeOf(c, nil)); err != nil {
			return err
		}
		if err := follow(tx, c.ID, actor, now); err != nil {
			return err
		}
		return addEvent(tx, Event{ClaimID: c.ID, Kind: "created", UserID: &actor, At: now})
	})
	return s.publish(ctx, err, events.ClaimCreated, c.ID, actor)
}

// Claim returns the claim with the given id, with its parties. A merged claim is a
// MergedError naming the claim it was merged into.
func (s *Service) Claim(ctx context.Context, id int64) (*Claim, error) {
	var c Claim
	db := s.db(ctx)
	if err := db.Preload("CreatedBy").Preload("UpdatedBy").First(&c, id).Error; err != nil {
		return nil, notFound("get claim", err)
	}
	if err := mergedErr(&c); err != nil {
		return nil, err
	}
	if err := loadParties(db, &c); err != nil {
		return nil, err
	}
	return &c, nil
}

// ClaimTitled reports whether a claim with exactly this title exists.
func (s *Service) ClaimTitled(ctx context.Context, title string) (bool, error) {
	var n int64
	if err := s.db(ctx).Model(&Claim{}).Where("title = ?", title).Limit(1).Count(&n).Error; err != nil {
		return false, fmt.Errorf("claims: claim by title: %w", err)
	}
	return n > 0, nil
}

// UpdateClaim saves an editor's changes to c's own fields and parties. c.Version must be
// the version the editor loaded: if someone edited it in between, nothing is written
// and ErrConflict is returned. New citations, reviews and verdicts do not make an edit
// stale.
func (s *Service) UpdateClaim(ctx context.Context, actor int64, c *Claim) error {
	if err := c.Validate(); err != nil {
		return err
	}
	err := s.write(ctx, func(tx *gorm.DB) error {
		var old Claim
		if err := tx.First(&old, c.ID).Error; err != nil {
			return notFound("update claim", err)
		}
		if err := mergedErr(&old); err != nil {
			return err
		}
		if err := loadParties(tx, &old); err != nil {
			return err
		}
		if old.Version != c.Version {
			return ErrConflict
		}
		if err := checkParties(tx, c); err != nil {
			return err
		}
		names, err := partyNames(tx)
		if err != nil {
			return err
		}
		changes := claimChanges(&old, c, names)
		if len(changes) == 0 {
			*c = old
			return nil
		}
		now := s.now()
		res := tx.Model(&Claim{}).Where("id = ? AND version = ?", c.ID, c.Version).Updates(map[string]any{
			"title": c.Title, "summary": c.Summary, "place": c.Place, "country": c.Country,
			"latitude": c.Latitude, "longitude": c.Longitude, "occurred_on": c.OccurredOn,
			"date_precision": c.DatePrecision, "attack_type": c.AttackType, "target": c.Target,
			"version": gorm.Expr("version + 1"), "updated_at": now, "updated_by_id": actor,
		})
		if res.Error != nil {
			return fmt.Errorf("claims: update claim: %w", res.Error)
		}
		if res.RowsAffected == 0 {
			return ErrConflict
		}
		if err := saveParties(tx, c); err != nil {
			return err
		}
		if err := addEvent(tx, Event{ClaimID: c.ID, Kind: "edited", Changes: changes, UserID: &actor, At: now}); err != nil {
			return err
		}
		// The sides decide whose word counts, and the country where the claim is
		// counted: work the evidence out again, without making it a person's edit.
		old.Version++
		moved := old
		moved.Country, moved.Attackers, moved.Targets = c.Country, c.Attackers, c.Targets
		sources, err := sourcesOf(tx, c.ID)
		if err != nil {
			return err
		}
		if err := moveCounts(tx, placeOf(&old, sources), placeOf(&moved, sources)); err != nil {
			return err
		}
		if err := s.reweigh(tx, &moved, nil); err != nil {
			return err
		}
		c.Version = old.Version
		return nil
	})
	return s.publish(ctx, err, events.ClaimEdited, c.ID, actor)
}

// claimChanges lists, field by field with old and new values, how b differs from a.
func claimChanges(a, b *Claim, parties map[PartyID]string) []Change {
	var out []Change
	add := func(f Field, old, new string) {
		if old != new {
			out = append(out, Change{Field: f.Name, Label: f.Label, Old: old, New: new})
		}
	}
	add(ClaimTitle, a.Title, b.Title)
	add(ClaimSummary, a.Summary, b.Summary)
	add(ClaimPlace, a.Place, b.Place)
	add(ClaimCountry, a.Country, b.Country)
	add(ClaimTarget, a.Target, b.Target)
	add(ClaimLatitude, floatText(a.Latitude), floatText(b.Latitude))
	add(ClaimLongitude, floatText(a.Longitude), floatText(b.Longitude))
	add(ClaimOccurredOn, a.OccurredOn.Format(time.DateOnly), b.OccurredOn.Format(time.DateOnly))
	add(ClaimDatePrecision, label(DatePrecisions, string(a.DatePrecision)), label(DatePrecisions, string(b.DatePrecision)))
	add(ClaimAttackType, a.AttackType.Label(), b.AttackType.Label())
	add(ClaimAttackers, partyList(a.Attackers, parties), partyList(b.Attackers, parties))
	add(ClaimTargets, partyList(a.Targets, parties), partyList(b.Targets, parties))
	return out
}

func floatText(f *float64) string {
	if f == nil {
		return ""
	}
	return strconv.FormatFloat(*f, 'f', -1, 64)
}

// partyList names parties in the order given, for a change record.
func partyList(ids []PartyID, names map[PartyID]string) string {
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = names[id]
	}
	return strings.Join(out, ", ")
}

// HistoryShown and VerdictsShown bound how much of a claim's history and verdicts its
// page lists, newest first: a claim worked on for weeks gathers hundreds of entries,
// which made its page half a megabyte. The rest are in the desk's activity filtered to
// the claim, a page at a time.
const (
	HistoryShown  = 20
	VerdictsShown = 10
)

// ClaimDetail is everything the claim page shows.
type ClaimDetail struct {
	Claim     *Claim
	Citations []Citation      // every citation, withdrawn ones too, oldest publication first
	Verdicts  []VerdictChange // the newest VerdictsShown, newest first
	History   []Event         // the newest HistoryShown, newest first
	// VerdictCount and HistoryCount are how many there are in all.
	VerdictCount, HistoryCount int64
	Reviews                    []ContestReview
	// Evidence is worked out afresh for the page, with today's names and hours.
	Evidence Assessment
	Names    NameBook
	Parties  map[PartyID]Party
	// FirstReport is the live citation published first, if any.
	FirstReport *Citation
}

// Review returns the desk's review of the contest reason with this key, if any.
func (d *ClaimDetail) Review(key string) *ContestReview {
	for i := range d.Reviews {
		if d.Reviews[i].Key == key {
			return &d.Reviews[i]
		}
	}
	return nil
}

// Detail loads a claim with its citations, verdict history, reviews and history, and
// weighs its evidence as of now.
func (s *Service) Detail(ctx context.Context, id int64) (*ClaimDetail, error) {
	c, err := s.Claim(ctx, id)
	if err != nil {
		return nil, err
	}
	d := &ClaimDetail{Claim: c}
	db := s.db(ctx)
	if err := db.Preload("Source").Preload("RelaysSource").Preload("CreatedBy").Preload("WithdrawnBy").Where("claim_id = ?", id).
		Order("published_at IS NULL, published_at, id").Find(&d.Citations).Error; err != nil {
		return nil, fmt.Errorf("claims: citations: %w", err)
	}
	if d.VerdictCount, err = newest(db.Preload("ChangedBy"), id, "changed_at DESC, id DESC", VerdictsShown, &d.Verdicts); err != nil {
		return nil, fmt.Errorf("claims: verdict history: %w", err)
	}
	if d.HistoryCount, err = newest(db.Preload("User"), id, "at DESC, id DESC", HistoryShown, &d.History); err != nil {
		return nil, fmt.Errorf("claims: history: %w", err)
	}
	if err := db.Preload("ReviewedBy").Where("claim_id = ?", id).Order("reviewed_at, id").Find(&d.Reviews).Error; err != nil {
		return nil, fmt.Errorf("claims: reviews: %w", err)
	}
	parties, err := allParties(db)
	if err != nil {
		return nil, err
	}
	in := s.evidenceInput(c, byID(d.Citations), parties, d.Reviews)
	d.Evidence, d.Names = WeighEvidence(in), NamesOf(in)
	d.Parties = map[PartyID]Party{}
	for _, p := range parties {
		d.Parties[p.ID] = p
	}
	for i := range d.Citations {
		if c := &d.Citations[i]; !c.Withdrawn() && c.PublishedAt != nil && (d.FirstReport == nil || c.PublishedAt.Before(*d.FirstReport.PublishedAt)) {
			d.FirstReport = c
		}
	}
	return d, nil
}

// newest loads into rows the first n of a claim's rows in order, and returns how many
// rows the claim has in all; only a claim with more than n pays for counting them.
func newest[T any](q *gorm.DB, claimID int64, order string, n int, rows *[]T) (int64, error) {
	if err := q.Where("claim_id = ?", claimID).Order(order).Limit(n + 1).Find(rows).Error; err != nil {
		return 0, err
	}
	if len(*rows) <= n {
		return int64(len(*rows)), nil
	}
	*rows = (*rows)[:n]
	var all int64
	err := q.Session(&gorm.Session{NewDB: true}).Model(new(T)).Where("claim_id = ?", claimID).Count(&all).Error
	return all, err
}

// byID returns the citations in the order they were added, which the rules read them in.
func byID(cites []Citation) []Citation {
	out := slices.Clone(cites)
	slices.SortFunc(out, func(a, b Citation) int { return cmp.Compare(a.ID, b.ID) })
	return out
}

// MaxReason is the longest verdict reason, in characters.
const MaxReason = 5000

// SetVerdict gives a claim a new verdict with the fact-checker's reason, storing it in
// the verdict history and the claim's history in the same transaction. revision is the
// revision of the claim the fact-checker looked at: if anything changed since (an edit,
// a citation, a review, another verdict), ErrConflict is returned. A verdict other than
// the one the evidence suggests is recorded as an override.
func (s *Service) SetVerdict(ctx context.Context, actor, claimID int64, revision int, to Verdict, reason string) error {
	reason, err := ValidateVerdict(to, reason)
	if err != nil {
		return err
	}
	err = s.write(ctx, func(tx *gorm.DB) error {
		c, err := verdictState(tx, claimID)
		if err != nil {
			return err
		}
		if err := mergedErr(&c); err != nil {
			return err
		}
		if c.Revision != revision {
			return ErrConflict
		}
		if !c.Verdict.CanBecome(to) {
			return ValidationError{VerdictField.Name: "The claim is already " + c.Verdict.Label() + "."}
		}
		if to == VerdictConfirmed && c.OccurredState == OccurredNoSources {
			return ValidationError{VerdictField.Name: "Cite at least one source before confirming a claim."}
		}
		now := s.now()
		// The verdict's statements are plain SQL, not GORM's: they run in the desk's one
		// writer, where GORM's statement building was a third of a verdict's time.
		change := VerdictChange{ClaimID: c.ID, FromVerdict: c.Verdict, ToVerdict: to, Reason: reason, ChangedByID: &actor, ChangedAt: now,
			Suggested: c.SuggestedVerdict, Override: to != c.SuggestedVerdict}
		err = tx.Exec(`INSERT INTO verdict_changes (claim_id, from_verdict, to_verdict, reason, changed_by_id, changed_at, suggested, override)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, change.ClaimID, change.FromVerdict, change.ToVerdict, change.Reason, change.ChangedByID,
			change.ChangedAt, change.Suggested, change.Override).Error
		if err != nil {
			return fmt.Errorf("claims: record verdict: %w", err)
		}
		detail := ""
		if change.Override {
			detail = "Overrides the suggested verdict, " + c.SuggestedVerdict.Label() + "."
		}
		ev := Event{ClaimID: c.ID, Kind: "verdict", Detail: detail, Reason: reason, UserID: &actor, At: now,
			Changes: []Change{{Field: VerdictField.Name, Label: VerdictField.Label, Old: c.Verdict.Label(), New: to.Label()}}}
		if err := addEvent(tx, ev); err != nil {
			return err
		}
		if err := notifyFollowers(tx, NotifyVerdict, c.ID, actor, c.Verdict.Label()+" → "+to.Label(), now); err != nil {
			return err
		}
		sources, err := sourcesOf(tx, c.ID)
		if err != nil {
			return err
		}
		before := placeOf(&c, sources)
		c.Verdict = to
		if err := moveCounts(tx, before, placeOf(&c, sources)); err != nil {
			return err
		}
		res := tx.Exec("UPDATE claims SET verdict = ?, revision = revision + 1, updated_at = ?, updated_by_id = ? WHERE id = ? AND revision = ?",
			to, now, actor, c.ID, revision)
		if res.Error != nil {
			return fmt.Errorf("claims: set verdict: %w", res.Error)
		}
		if res.RowsAffected == 0 {
			return ErrConflict
		}
		return nil
	})
	return s.publish(ctx, err, events.VerdictSet, claimID, actor)
}

// verdictState reads what giving a claim a verdict depends on: its revision, verdict,
// the evidence's suggestion and state, where it is counted, and whether it was merged.
func verdictState(tx *gorm.DB, claimID int64) (Claim, error) {
	c := Claim{ID: claimID}
	err := tx.Raw(`SELECT revision, verdict, suggested_verdict, occurred_state, officially_confirmed, contested, country, merged_into
		FROM claims WHERE id = ?`, claimID).Row().Scan(&c.Revision, &c.Verdict, &c.SuggestedVerdict, &c.OccurredState,
		&c.OfficiallyConfirmed, &c.Contested, &c.Country, &c.MergedInto)
	if errors.Is(err, sql.ErrNoRows) {
		return c, ErrNotFound
	}
	if err != nil {
		return c, fmt.Errorf("claims: set verdict: %w", err)
	}
	return c, nil
}

// addEvent writes one entry of a claim's history.
func addEvent(tx *gorm.DB, ev Event) error {
	if ev.Changes == nil {
		ev.Changes = []Change{}
	}
	changes, err := json.Marshal(ev.Changes)
	if err != nil {
		return fmt.Errorf("claims: record %s: %w", ev.Kind, err)
	}
	// Plain SQL: every write records history, in the desk's one writer.
	err = tx.Exec(`INSERT INTO claim_history (claim_id, citation_id, kind, detail, changes, reason, user_id, at, from_claim_id)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, ev.ClaimID, ev.CitationID, ev.Kind, ev.Detail, string(changes), ev.Reason, ev.UserID, ev.At, ev.FromClaimID).Error
	if err != nil {
		return fmt.Errorf("claims: record %s: %w", ev.Kind, err)
	}
	return nil
}

// isPostgres reports whether tx speaks to PostgreSQL, for the few queries whose SQL
// differs between the two databases.
func isPostgres(tx *gorm.DB) bool { return tx.Dialector.Name() == "postgres" }
