package auth_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"claimdesk/internal/auth"
	"claimdesk/internal/claims"
	"claimdesk/internal/db"
	"claimdesk/internal/db/dbtest"

	"gorm.io/gorm"
)

var ctx = context.Background()

func TestPassword(t *testing.T) {
	hash, err := auth.HashPassword("correct horse battery")
	if err != nil {
		t.Fatal(err)
	}
	if !auth.CheckPassword(hash, "correct horse battery") {
		t.Error("right password rejected")
	}
	if auth.CheckPassword(hash, "correct horse batterY") {
		t.Error("wrong password accepted")
	}
	if again, _ := auth.HashPassword("correct horse battery"); again == hash {
		t.Error("two hashes of one password are equal: no salt")
	}
}

func TestRoleAllows(t *testing.T) {
	tests := []struct {
		role, need auth.Role
		want       bool
	}{
		{auth.RoleViewer, auth.RoleViewer, true},
		{auth.RoleViewer, auth.RoleEditor, false},
		{auth.RoleEditor, auth.RoleFactchecker, false},
		{auth.RoleFactchecker, auth.RoleEditor, true},
		{auth.RoleFactchecker, auth.RoleAdmin, false},
		{auth.RoleAdmin, auth.RoleFactchecker, true},
		{"", auth.RoleViewer, false},
	}
	for _, tt := range tests {
		if got := tt.role.Allows(tt.need); got != tt.want {
			t.Errorf("%q.Allows(%q) = %v, want %v", tt.role, tt.need, got, tt.want)
		}
	}
}

func TestUsersAndSessions(t *testing.T) {
	svc := auth.NewService(dbtest.Open(t))
	now := time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC)
	svc.Now = func() time.Time { return now }

	t.Run("CreateFirstAdmin", func(t *testing.T) {
		u, err := svc.CreateFirstAdmin(ctx, auth.NewUser{Email: " Admin@Desk.test ", Password: "long enough pw"})
		if err != nil {
			t.Fatal(err)
		}
		if u.Email != "admin@desk.test" || u.Role != auth.RoleAdmin {
			t.Errorf("got %q %q", u.Email, u.Role)
		}
		if _, err := svc.CreateFirstAdmin(ctx, auth.NewUser{Email: "second@desk.test", Password: "long enough pw"}); !errors.Is(err, auth.ErrSetupDone) {
			t.Errorf("second setup err = %v, want ErrSetupDone", err)
		}
	})
	t.Run("ErrInvalid", func(t *testing.T) {
		_, err := svc.CreateUser(ctx, auth.NewUser{Email: "nope", Role: "chief", Password: "short"})
		var ve claims.ValidationError
		if !errors.As(err, &ve) || ve["email"] == "" || ve["role"] == "" || ve["password"] == "" {
			t.Fatalf("err = %v", err)
		}
	})
	t.Run("ErrNameNotText", func(t *testing.T) {
		for _, name := range []string{"Dana\x00Admin", "Dana \xff", "Dana\x1bAdmin"} {
			_, err := svc.CreateUser(ctx, auth.NewUser{Email: "dana@desk.test", Name: name, Role: auth.RoleViewer, Password: "long enough pw"})
			var ve claims.ValidationError
			if !errors.As(err, &ve) || ve["name"] != claims.NotText {
				t.Errorf("name %q: err = %v", name, err)
			}
		}
	})
	t.Run("ErrEmailTaken", func(t *testing.T) {
		_, err := svc.CreateUser(ctx, auth.NewUser{Email: "ADMIN@desk.test", Role: auth.RoleViewer, Password: "long enough pw"})
		var ve claims.ValidationError
		if !errors.As(err, &ve) || ve["email"] == "" {
			t.Fatalf("err = %v", err)
		}
	})
	t.Run("Authenticate", func(t *testing.T) {
		if _, err := svc.Authenticate(ctx, "admin@desk.test", "long enough pw"); err != nil {
			t.Errorf("right password: %v", err)
		}
		if _, err := svc.Authenticate(ctx, "admin@desk.test", "wrong"); !errors.Is(err, auth.ErrBadCredentials) {
			t.Errorf("wrong password: %v", err)
		}
		if _, err := svc.Authenticate(ctx, "ghost@desk.test", "long enough pw"); !errors.Is(err, auth.ErrBadCredentials) {
			t.Errorf("unknown email: %v", err)
		}
	})
	t.Run("SessionTimeouts", func(t *testing.T) {
		u, _ := svc.Authenticate(ctx, "admin@desk.test", "long enough pw")
		token, err := svc.StartSession(ctx, u.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got, err := svc.SessionUser(ctx, token); err != nil || got.ID != u.ID {
			t.Fatalf("fresh session: %v", err)
		}
		// Used every hour, it stays alive until the absolute timeout.
		for range 11 {
			now = now.Add(time.Hour)
			if _, err := svc.SessionUser(ctx, token); err != nil {
				t.Fatalf("session at %v: %v", now, err)
			}
		}
		now = now.Add(time.Hour + time.Second)
		if _, err := svc.SessionUser(ctx, token); !errors.Is(err, auth.ErrNoSession) {
			t.Errorf("past absolute timeout: %v", err)
		}
		token, _ = svc.StartSession(ctx, u.ID)
		now = now.Add(2*time.Hour + time.Second)
		if _, err := svc.SessionUser(ctx, token); !errors.Is(err, auth.ErrNoSession) {
			t.Errorf("past idle timeout: %v", err)
		}
	})
	t.Run("EndSession", func(t *testing.T) {
		u, _ := svc.Authenticate(ctx, "admin@desk.test", "long enough pw")
		token, _ := svc.StartSession(ctx, u.ID)
		if err := svc.EndSession(ctx, token); err != nil {
			t.Fatal(err)
		}
		if _, err := svc.SessionUser(ctx, token); !errors.Is(err, auth.ErrNoSession) {
			t.Errorf("after logout: %v", err)
		}
	})
}

// TestSessionUserFaults checks that a database fault is reported as one, never as a
// session that is simply not there.
func TestSessionUserFaults(t *testing.T) {
	store := dbtest.Open(t)
	gdb := store.Gorm()
	svc := auth.NewService(store)
	now := time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC)
	svc.Now = func() time.Time { return now }
	u, err := svc.CreateUser(ctx, auth.NewUser{Email: "ed@desk.test", Role: auth.RoleEditor, Password: "long enough pw"})
	if err != nil {
		t.Fatal(err)
	}
	exec := func(sql string) {
		t.Helper()
		if err := gdb.Exec(sql).Error; err != nil {
			t.Fatal(err)
		}
	}
	t.Run("ErrLoadUser", func(t *testing.T) {
		token, _ := svc.StartSession(ctx, u.ID)
		exec("ALTER TABLE users RENAME TO users_away")
		defer exec("ALTER TABLE users_away RENAME TO users")
		if _, err := svc.SessionUser(ctx, token); err == nil || errors.Is(err, auth.ErrNoSession) {
			t.Errorf("users table missing: err = %v, want a database error", err)
		}
	})
	t.Run("ErrEndExpired", func(t *testing.T) {
		token, _ := svc.StartSession(ctx, u.ID)
		defer dbtest.FailOn(t, store, "sessions", "DELETE", "disk on fire")()
		now = now.Add(3 * time.Hour)
		if _, err := svc.SessionUser(ctx, token); err == nil || errors.Is(err, auth.ErrNoSession) {
			t.Errorf("expired session not deleted: err = %v, want a database error", err)
		}
	})
	t.Run("ErrTouch", func(t *testing.T) {
		token, _ := svc.StartSession(ctx, u.ID)
		defer dbtest.FailOn(t, store, "sessions", "UPDATE", "disk full")()
		now = now.Add(time.Hour)
		got, err := svc.SessionUser(ctx, token)
		if !errors.Is(err, auth.ErrTouch) || got == nil || got.ID != u.ID {
			t.Errorf("touch failed: user %v, err %v; want the user and ErrTouch", got, err)
		}
	})
	t.Run("UserGoneIsNoSession", func(t *testing.T) {
		token, _ := svc.StartSession(ctx, u.ID)
		// Without the cascade, so the session outlives its user.
		noForeignKeys := func(tx *gorm.DB) error {
			tx.Exec("PRAGMA foreign_keys = OFF")
			defer tx.Exec("PRAGMA foreign_keys = ON")
			return tx.Exec("DELETE FROM users WHERE id = ?", u.ID).Error
		}
		if store.Dialect() == db.Postgres {
			// Foreign keys are triggers there, which a replica's session does not fire.
			noForeignKeys = func(tx *gorm.DB) error {
				return tx.Transaction(func(tx *gorm.DB) error {
					tx.Exec("SET LOCAL session_replication_role = replica")
					return tx.Exec("DELETE FROM users WHERE id = ?", u.ID).Error
				})
			}
		}
		err := gdb.Connection(noForeignKeys)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := svc.SessionUser(ctx, token); !errors.Is(err, auth.ErrNoSession) {
			t.Errorf("user deleted: err = %v, want ErrNoSession", err)
		}
	})
}
