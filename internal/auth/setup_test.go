package auth_test

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"testing"
	"time"

	"gorm.io/gorm"

	"claimdesk/internal/auth"
	"claimdesk/internal/db/dbtest"
)

// TestSetupTokenInDatabase: two services over one database (two instances) hand out
// the same setup token and both accept it; creating the first admin uses it up.
func TestSetupTokenInDatabase(t *testing.T) {
	store := dbtest.Open(t)
	one, two := auth.NewService(store), auth.NewService(store)
	a, err := one.SetupToken(ctx)
	if err != nil || len(a) < 20 {
		t.Fatalf("SetupToken = %q, %v; want a long token", a, err)
	}
	b, err := two.SetupToken(ctx)
	if err != nil || b != a {
		t.Fatalf("second instance's SetupToken = %q, %v; want the first's %q", b, err, a)
	}
	for _, tc := range []struct {
		token string
		want  bool
	}{{a, true}, {"", false}, {a + "x", false}, {a[:len(a)-1], false}} {
		if got, err := two.SetupAllowed(ctx, tc.token); err != nil || got != tc.want {
			t.Errorf("SetupAllowed(%q) = %v, %v; want %v", tc.token, got, err, tc.want)
		}
	}
	if _, err := two.CreateFirstAdmin(ctx, auth.NewUser{Email: "ada@desk.test", Name: "Ada", Password: "long enough password"}); err != nil {
		t.Fatal(err)
	}
	if got, err := one.SetupAllowed(ctx, a); err != nil || got {
		t.Errorf("after the first admin, SetupAllowed(token) = %v, %v; want false", got, err)
	}
	if tok, err := one.SetupToken(ctx); err != nil || tok != "" {
		t.Errorf("after the first admin, SetupToken = %q, %v; want none", tok, err)
	}
}

// sessionsVersion reads the number that logouts, new passwords and new accounts move on,
// as the web layer does for SessionUserAt.
func sessionsVersion(t *testing.T, store interface {
	Read(context.Context) *gorm.DB
}) int64 {
	t.Helper()
	var v int64
	if err := store.Read(ctx).Raw("SELECT sessions FROM desk_version WHERE id = 1").Scan(&v).Error; err != nil {
		t.Fatal(err)
	}
	return v
}

// TestSessionKeptByVersion: an instance keeps a session it checked by the sessions'
// version, yet a logout, a new password or expiry on another instance ends it there
// at once, and its use is still recorded every minute.
func TestSessionKeptByVersion(t *testing.T) {
	store := dbtest.Open(t)
	now := time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC)
	clock := func() time.Time { return now }
	a, b := auth.NewService(store), auth.NewService(store)
	a.Now, b.Now = clock, clock
	u, err := a.CreateUser(ctx, auth.NewUser{Email: "ed@desk.test", Name: "Ed", Role: auth.RoleEditor, Password: "long enough password"})
	if err != nil {
		t.Fatal(err)
	}
	token, err := b.StartSession(ctx, u.ID)
	if err != nil {
		t.Fatal(err)
	}
	v := sessionsVersion(t, store)
	if got, err := a.SessionUserAt(ctx, token, v); err != nil || got.ID != u.ID {
		t.Fatalf("SessionUserAt = %v, %v; want Ed", got, err)
	}

	t.Run("KeptAtTheSameVersion", func(t *testing.T) {
		other, err := b.StartSession(ctx, u.ID)
		if err != nil {
			t.Fatal(err)
		}
		v := sessionsVersion(t, store)
		if _, err := a.SessionUserAt(ctx, other, v); err != nil {
			t.Fatal(err)
		}
		// Behind the desk's back (no version moved on) the row goes: the kept session
		// still answers at that version, which shows no query was made, and not at the next.
		if err := store.Gorm().Exec("DELETE FROM sessions WHERE token_hash = ?", fmt.Sprintf("%x", sha256.Sum256([]byte(other)))).Error; err != nil {
			t.Fatal(err)
		}
		if got, err := a.SessionUserAt(ctx, other, v); err != nil || got.ID != u.ID {
			t.Errorf("kept session at the same version = %v, %v; want Ed", got, err)
		}
		if got, err := a.SessionUserAt(ctx, other, v+1); !errors.Is(err, auth.ErrNoSession) {
			t.Errorf("at the next version = %v, %v; want ErrNoSession", got, err)
		}
	})
	t.Run("UseRecordedEveryMinute", func(t *testing.T) {
		now = now.Add(2 * time.Minute)
		if _, err := a.SessionUserAt(ctx, token, v); err != nil {
			t.Fatal(err)
		}
		var seen time.Time
		if err := store.Read(ctx).Raw("SELECT last_seen_at FROM sessions").Scan(&seen).Error; err != nil {
			t.Fatal(err)
		}
		if !seen.Equal(now) {
			t.Errorf("last seen = %v, want %v: the use was not recorded", seen, now)
		}
	})
	t.Run("NewPasswordEndsKeptSessions", func(t *testing.T) {
		before := sessionsVersion(t, store)
		if err := b.SetPassword(ctx, "ed@desk.test", "another long password"); err != nil {
			t.Fatal(err)
		}
		if after := sessionsVersion(t, store); after == before {
			t.Error("a new password did not move the sessions' version on")
		}
	})
	t.Run("LogoutOnAnotherInstance", func(t *testing.T) {
		v := sessionsVersion(t, store)
		if _, err := a.SessionUserAt(ctx, token, v); err != nil {
			t.Fatal(err)
		}
		if err := b.EndSession(ctx, token); err != nil {
			t.Fatal(err)
		}
		if got, err := a.SessionUserAt(ctx, token, sessionsVersion(t, store)); !errors.Is(err, auth.ErrNoSession) {
			t.Errorf("after logout on B, A's SessionUserAt = %v, %v; want ErrNoSession", got, err)
		}
	})
	t.Run("Expired", func(t *testing.T) {
		token, err := b.StartSession(ctx, u.ID)
		if err != nil {
			t.Fatal(err)
		}
		v := sessionsVersion(t, store)
		if _, err := a.SessionUserAt(ctx, token, v); err != nil {
			t.Fatal(err)
		}
		now = now.Add(3 * time.Hour) // past the 2 hour idle timeout
		if got, err := a.SessionUserAt(ctx, token, v); !errors.Is(err, auth.ErrNoSession) {
			t.Errorf("idle for 3 hours: %v, %v; want ErrNoSession", got, err)
		}
	})
}
