package auth_test

import (
	"testing"
	"time"

	"claimdesk/internal/auth"
	"claimdesk/internal/db/dbtest"
)

// TestThrottleInDatabase: failures count within their window, a new window starts
// after it ends, a reset forgets them, and two services over one database (two
// instances) see the same counts.
func TestThrottleInDatabase(t *testing.T) {
	store := dbtest.Open(t)
	now := time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC)
	clock := func() time.Time { return now }
	one, two := auth.NewService(store), auth.NewService(store)
	one.Now, two.Now = clock, clock
	a, b := auth.NewThrottle(one), auth.NewThrottle(two)
	for range 3 {
		if err := a.Fail(ctx, "account:ed@desk.test", 15*time.Minute); err != nil {
			t.Fatal(err)
		}
	}
	now = now.Add(5 * time.Minute)
	if err := b.Fail(ctx, "account:ed@desk.test", 15*time.Minute); err != nil {
		t.Fatal(err)
	}
	n, left, err := a.Failures(ctx, "account:ed@desk.test")
	if err != nil || n != 4 || left != 10*time.Minute {
		t.Errorf("failures = %d, %v left, %v; want 4 with 10m left, from both instances", n, left, err)
	}
	if n, _, _ := b.Failures(ctx, "address:192.0.2.1"); n != 0 {
		t.Errorf("another key has %d failures", n)
	}
	now = now.Add(11 * time.Minute) // the window has ended
	if n, _, _ := a.Failures(ctx, "account:ed@desk.test"); n != 0 {
		t.Errorf("after the window: %d failures, want 0", n)
	}
	if err := a.Fail(ctx, "account:ed@desk.test", 15*time.Minute); err != nil {
		t.Fatal(err)
	}
	if n, left, _ := b.Failures(ctx, "account:ed@desk.test"); n != 1 || left != 15*time.Minute {
		t.Errorf("a failure after the window: %d with %v left, want 1 with a new 15m window", n, left)
	}
	if err := b.Reset(ctx, "account:ed@desk.test"); err != nil {
		t.Fatal(err)
	}
	if n, _, _ := a.Failures(ctx, "account:ed@desk.test"); n != 0 {
		t.Errorf("after a reset: %d failures", n)
	}
}
