package web

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func TestPageCacheEvictsLeastRecentlyUsed(t *testing.T) {
	p := newPageCache(3)
	now := time.Now()
	for i := range 3 {
		p.put(fmt.Sprint(i), []byte{byte(i)}, time.Time{})
	}
	p.get("0", now) // 0 is now the most recently used; 1 the least
	p.put("3", []byte{3}, time.Time{})
	if _, ok := p.get("1", now); ok {
		t.Error("the least recently used entry was kept")
	}
	for _, k := range []string{"0", "2", "3"} {
		if _, ok := p.get(k, now); !ok {
			t.Errorf("entry %s was dropped", k)
		}
	}
}

func TestPageCacheOutOfDate(t *testing.T) {
	p := newPageCache(3)
	now := time.Date(2023, 10, 19, 12, 0, 0, 0, time.UTC)
	p.put("hours", []byte("3 hours"), now.Add(time.Hour))
	p.put("timeless", []byte("CENTCOM"), time.Time{})
	if _, ok := p.get("hours", now.Add(59*time.Minute)); !ok {
		t.Error("a body was dropped before its wording went out of date")
	}
	if _, ok := p.get("hours", now.Add(time.Hour)); ok {
		t.Error("a body was served once its wording was out of date")
	}
	if _, ok := p.get("timeless", now.AddDate(1, 0, 0)); !ok {
		t.Error("a body that does not depend on the clock was dropped by the clock")
	}
}

// TestPageCacheMakesOnce: requests for a body not kept, arriving together, wait for
// one making and all get its body; the body is kept for the next.
func TestPageCacheMakesOnce(t *testing.T) {
	p := newPageCache(3)
	now := time.Now()
	var makings atomic.Int32
	release := make(chan struct{})
	mk := func() (made, error) {
		makings.Add(1)
		<-release
		return made{body: []byte("dashboard"), status: http.StatusOK, keep: true}, nil
	}
	var wg sync.WaitGroup
	bodies := make([]string, 8)
	for i := range bodies {
		wg.Go(func() {
			m, err := p.keep(context.Background(), "k", now, mk)
			if err != nil {
				t.Error(err)
			}
			bodies[i] = string(m.body)
		})
	}
	time.Sleep(50 * time.Millisecond) // let them all arrive while the first is making
	close(release)
	wg.Wait()
	if n := makings.Load(); n != 1 {
		t.Errorf("8 requests together made the body %d times, want 1", n)
	}
	for i, b := range bodies {
		if b != "dashboard" {
			t.Errorf("request %d got %q", i, b)
		}
	}
	if _, err := p.keep(context.Background(), "k", now, func() (made, error) {
		t.Error("a kept body was made again")
		return made{}, nil
	}); err != nil {
		t.Error(err)
	}
}

// TestPageCacheLeaderGone: when the request making a body goes away mid-way, a request
// waiting for it whose client is still there makes the body itself, rather than
// failing with the other's cancellation.
func TestPageCacheLeaderGone(t *testing.T) {
	p := newPageCache(3)
	now := time.Now()
	leaderCtx, cancel := context.WithCancel(context.Background())
	started := make(chan struct{})
	leaderDone := make(chan error, 1)
	go func() {
		_, err := p.keep(leaderCtx, "k", now, func() (made, error) {
			close(started)
			<-leaderCtx.Done()
			return made{}, leaderCtx.Err()
		})
		leaderDone <- err
	}()
	<-started
	followerDone := make(chan made, 1)
	go func() {
		m, err := p.keep(context.Background(), "k", now, func() (made, error) {
			return made{body: []byte("claim page"), status: http.StatusOK, keep: true}, nil
		})
		if err != nil {
			t.Errorf("the waiting request failed with the gone one's error: %v", err)
		}
		followerDone <- m
	}()
	time.Sleep(50 * time.Millisecond) // the follower is waiting on the leader's making
	cancel()
	if err := <-leaderDone; !errors.Is(err, context.Canceled) {
		t.Errorf("leader: %v, want context.Canceled", err)
	}
	if m := <-followerDone; string(m.body) != "claim page" {
		t.Errorf("follower got %q", m.body)
	}
}

// TestPageCachePanicShared: a making that panics while others wait answers each of them
// with an error, as any failed page: it does not take the desk down.
func TestPageCachePanicShared(t *testing.T) {
	p := newPageCache(3)
	now := time.Now()
	release := make(chan struct{})
	var wg sync.WaitGroup
	errs := make([]error, 4)
	for i := range errs {
		wg.Go(func() {
			_, errs[i] = p.keep(context.Background(), "k", now, func() (made, error) {
				<-release
				panic("a template bug")
			})
		})
	}
	time.Sleep(50 * time.Millisecond)
	close(release)
	wg.Wait()
	for i, err := range errs {
		if err == nil || !strings.Contains(err.Error(), "a template bug") {
			t.Errorf("request %d: %v, want the panic as an error", i, err)
		}
	}
}
