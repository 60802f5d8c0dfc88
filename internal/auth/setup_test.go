package auth_test

import (
	"testing"

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
