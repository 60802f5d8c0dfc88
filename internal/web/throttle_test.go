package web

import (
	"context"
	"fmt"
	"testing"
	"time"
)

func TestMemoryThrottle(t *testing.T) {
	ctx := context.Background()
	now := time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC)
	th := &MemoryThrottle{MaxKeys: 100, Now: func() time.Time { return now }}

	t.Run("CountsWithinWindow", func(t *testing.T) {
		for range 3 {
			th.Fail(ctx, "account:a", time.Minute)
		}
		now = now.Add(20 * time.Second)
		if n, resetIn, _ := th.Failures(ctx, "account:a"); n != 3 || resetIn != 40*time.Second {
			t.Errorf("failures = %d, reset in %v; want 3, 40s", n, resetIn)
		}
		now = now.Add(40 * time.Second)
		if n, _, _ := th.Failures(ctx, "account:a"); n != 0 {
			t.Errorf("after the window: %d failures, want 0", n)
		}
	})
	t.Run("Reset", func(t *testing.T) {
		th.Fail(ctx, "account:b", time.Minute)
		th.Reset(ctx, "account:b")
		if n, _, _ := th.Failures(ctx, "account:b"); n != 0 {
			t.Errorf("after reset: %d failures", n)
		}
	})
	t.Run("Bounded", func(t *testing.T) {
		for i := range 1000 {
			th.Fail(ctx, fmt.Sprint("address:", i), time.Minute)
			now = now.Add(time.Millisecond)
		}
		if n := th.Len(); n > 100 {
			t.Errorf("%d keys held, want at most 100", n)
		}
		if n, _, _ := th.Failures(ctx, "address:999"); n != 1 {
			t.Errorf("newest key lost: %d failures", n)
		}
		now = now.Add(2 * time.Minute)
		th.Fail(ctx, "address:new", time.Minute)
		if n := th.Len(); n != 1 {
			t.Errorf("%d keys held after every window ended, want 1", n)
		}
	})
}
