package claims_test

import (
	"path/filepath"
	"testing"

	"claimdesk/internal/claims"
	"claimdesk/internal/db"

	"gorm.io/driver/sqlite"
	"gorm.io/gorm"
)

// TestUpgradeToEvidenceV2 opens a desk saved by v1 (schema version 5): "denies" becomes
// "denies the event", whole numbers become exact figures, an official source becomes
// the voice of a party so its confirmation still counts, and the stored evidence is
// worked out again by the new rules without editing any claim.
func TestUpgradeToEvidenceV2(t *testing.T) {
	path := filepath.Join(t.TempDir(), "v1.db")
	if err := db.CreateAt(ctx, path, 5); err != nil {
		t.Fatal(err)
	}
	old, err := gorm.Open(sqlite.Open(path), &gorm.Config{})
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		`INSERT INTO users (id, email, role, password_hash, created_at, updated_at) VALUES (1, 'fc@desk.test', 'factchecker', 'x', '2023-10-19', '2023-10-19')`,
		`INSERT INTO sources (id, name, name_key, kind, created_at, updated_at) VALUES
			(1, 'CENTCOM', 'centcom', 'official', '2023-10-19', '2023-10-19'),
			(2, 'AP', 'ap', 'wire', '2023-10-19', '2023-10-19'),
			(3, 'Al Mayadeen', 'al mayadeen', 'affiliated', '2023-10-19', '2023-10-19')`,
		`INSERT INTO claims (id, title, occurred_on, date_precision, attack_type, verdict, officially_confirmed, contested, source_count, version, created_at, updated_at, updated_by_id)
			VALUES (1, 'Drones near forces in Iraq', '2023-10-18', 'day', 'drone', 'confirmed', 1, 1, 3, 5, '2023-10-19', '2023-10-19', 1)`,
		`INSERT INTO citations (claim_id, source_id, stance, weapon, launched, injured, created_at) VALUES
			(1, 1, 'confirms', 'drone', 3, 2, '2023-10-19'),
			(1, 2, 'reports', 'drone', 2, NULL, '2023-10-19'),
			(1, 3, 'denies', '', NULL, NULL, '2023-10-19')`,
		`INSERT INTO claim_events (claim_id, kind, detail, user_id, at) VALUES (1, 'created', '', 1, '2023-10-19')`,
		`INSERT INTO verdict_changes (claim_id, from_verdict, to_verdict, reason, changed_by_id, changed_at) VALUES (1, 'unverified', 'confirmed', 'CENTCOM says so', 1, '2023-10-19')`,
		`UPDATE claim_counts SET n = 1 WHERE bucket IN ('all', 'confirmed', 'officially-confirmed', 'contested') AND scope = ''`,
	} {
		if err := old.Exec(q).Error; err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	if sqlDB, err := old.DB(); err == nil {
		sqlDB.Close()
	}

	d, err := db.Open(ctx, path)
	if err != nil {
		t.Fatalf("upgrade: %v", err)
	}
	defer d.Close()
	svc := claims.NewService(d)
	n, err := svc.RecomputeStale(ctx)
	if err != nil || n != 1 {
		t.Fatalf("recomputed %d claims, err %v", n, err)
	}
	detail, err := svc.Detail(ctx, 1)
	if err != nil {
		t.Fatal(err)
	}
	c := detail.Claim
	if c.Version != 5 || c.Verdict != claims.VerdictConfirmed || c.EvidenceRules != claims.EvidenceRules {
		t.Errorf("version %d, verdict %q, rules %d", c.Version, c.Verdict, c.EvidenceRules)
	}
	if !c.OfficiallyConfirmed || c.OccurredState != claims.OccurredConfirmedByNeutral {
		t.Errorf("occurred %q: CENTCOM's confirmation no longer counts", c.OccurredState)
	}
	var denial, centcom claims.Citation
	for _, cit := range detail.Citations {
		switch cit.SourceID {
		case 3:
			denial = cit
		case 1:
			centcom = cit
		}
	}
	if denial.DenialScope != claims.DeniesEvent {
		t.Errorf("denial scope = %q, want event", denial.DenialScope)
	}
	if f := centcom.Figures; f.Launched != exactly(3) || f.Injured.Unknown != exactly(2) || f.Weapon.Category != claims.WeaponDrone || f.Weapon.Text != "drone" {
		t.Errorf("figures = %+v", f)
	}
	if len(detail.History) != 2 {
		t.Errorf("history = %+v, want the created event and the verdict", detail.History)
	}
	counts, err := svc.Count(ctx, claims.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	// Al Mayadeen denies it happened, but is not an official of either side.
	if counts.Total != 1 || counts.Bucket("officially-confirmed") != 1 || counts.Bucket("confirmed") != 1 {
		t.Errorf("counts = %+v", counts)
	}
	if again, _ := svc.RecomputeStale(ctx); again != 0 {
		t.Errorf("a second start recomputed %d claims", again)
	}
}
