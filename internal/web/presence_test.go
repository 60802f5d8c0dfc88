package web

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"slices"
	"sync/atomic"
	"testing"
	"time"

	"claimdesk/internal/auth"
	"claimdesk/internal/db/dbtest"
	"claimdesk/internal/events"
	"claimdesk/internal/events/eventstest"
)

// clock is a time that moves only when a test says.
type clock struct{ t time.Time }

func (c *clock) now() time.Time          { return c.t }
func (c *clock) advance(d time.Duration) { c.t = c.t.Add(d) }

func here(instance string, claim, user int64, name string) events.Event {
	return events.Event{Kind: events.Presence, ClaimID: claim, ActorID: user, Actor: name, Instance: instance}
}

func left(instance string, claim, user int64) events.Event {
	return events.Event{Kind: events.Presence, ClaimID: claim, ActorID: user, Instance: instance, Left: true}
}

// TestPresenceTable: who has a claim open, from this instance's streams and the other
// instances' announcements, as the claim page names them.
func TestPresenceTable(t *testing.T) {
	const period = 10 * time.Second // announcements hold 25 s
	newTable := func() (*presence, *clock) {
		c := &clock{time.Date(2023, 10, 19, 7, 0, 0, 0, time.UTC)}
		return newPresence("self", period, c.now), c
	}
	check := func(t *testing.T, p *presence, claim, me int64, want ...string) {
		t.Helper()
		if got := p.others(claim, me); !slices.Equal(got, want) {
			t.Errorf("others on claim %d for user %d: got %q, want %q", claim, me, got, want)
		}
	}

	t.Run("Join", func(t *testing.T) {
		p, _ := newTable()
		if !p.hear(here("b", 1, 2, "Ed Editor")) {
			t.Error("someone opening the claim elsewhere is no change")
		}
		check(t, p, 1, 1, "Ed Editor")
		check(t, p, 2, 1)
		if p.hear(here("b", 1, 2, "Ed Editor")) {
			t.Error("a renewed announcement counts as a change")
		}
		if !p.hear(here("b", 1, 2, "Edna Editor")) {
			t.Error("a new name is no change")
		}
		check(t, p, 1, 1, "Edna Editor")
	})
	t.Run("Leave", func(t *testing.T) {
		p, _ := newTable()
		p.hear(here("b", 1, 2, "Ed Editor"))
		if !p.hear(left("b", 1, 2)) {
			t.Error("someone leaving is no change")
		}
		check(t, p, 1, 1)
		if p.hear(left("b", 1, 2)) {
			t.Error("leaving twice counts as a change")
		}
	})
	t.Run("Expiry", func(t *testing.T) {
		p, c := newTable()
		p.hear(here("b", 1, 2, "Ed Editor"))
		p.hear(here("c", 3, 4, "Abe Admin"))
		c.advance(20 * time.Second)
		p.hear(here("b", 1, 2, "Ed Editor")) // b is alive; c has gone quiet
		c.advance(5 * time.Second)
		check(t, p, 3, 1) // expired even before the sweep
		if got, want := p.expire(), []int64{3}; !slices.Equal(got, want) {
			t.Errorf("expire: got claims %v, want %v", got, want)
		}
		check(t, p, 1, 1, "Ed Editor")
		c.advance(20 * time.Second)
		if got, want := p.expire(), []int64{1}; !slices.Equal(got, want) {
			t.Errorf("expire a period later: got claims %v, want %v", got, want)
		}
		check(t, p, 1, 1)
		if got := p.expire(); len(got) != 0 {
			t.Errorf("expire with nothing left: got claims %v", got)
		}
		if !p.hear(here("c", 3, 4, "Abe Admin")) {
			t.Error("an instance heard again after its people expired is no change")
		}
	})
	t.Run("OwnInstance", func(t *testing.T) {
		p, _ := newTable()
		p.open(1, 2, "Ed Editor")
		if p.hear(here("self", 1, 2, "Ed Editor")) || p.hear(here("self", 1, 5, "Echo")) {
			t.Error("the instance's own announcement coming back counts as a change")
		}
		if p.hear(left("self", 1, 2)) {
			t.Error("the instance's own goodbye coming back counts as a change")
		}
		p.hear(here("b", 1, 2, "Ed Editor")) // the same person on another instance too
		check(t, p, 1, 1, "Ed Editor")
		p.close(1, 2)
		check(t, p, 1, 1, "Ed Editor")
		p.hear(left("b", 1, 2))
		check(t, p, 1, 1)
	})
	t.Run("Unusable", func(t *testing.T) {
		p, _ := newTable()
		for _, e := range []events.Event{
			{Kind: events.Presence, ClaimID: 1, ActorID: 2, Actor: "Ed Editor"}, // from an instance before this version
			{Kind: events.Commented, ClaimID: 1, ActorID: 2, Instance: "b"},
			{Kind: events.Presence, ClaimID: 0, ActorID: 2, Instance: "b"},
		} {
			if p.hear(e) {
				t.Errorf("%+v counts as a change", e)
			}
		}
		check(t, p, 1, 1)
	})
	t.Run("SortedWithoutMe", func(t *testing.T) {
		p, _ := newTable()
		p.open(1, 1, "Vic Viewer")
		p.open(1, 1, "Vic Viewer") // a second tab
		p.open(1, 3, "Farah Factchecker")
		p.hear(here("b", 1, 4, "Abe Admin"))
		p.hear(here("b", 1, 1, "Vic Viewer"))
		p.hear(here("c", 1, 5, "Vic Viewer")) // another person of the same name
		check(t, p, 1, 1, "Abe Admin", "Farah Factchecker", "Vic Viewer")
		check(t, p, 1, 3, "Abe Admin", "Vic Viewer", "Vic Viewer")
		p.close(1, 1)
		check(t, p, 1, 3, "Abe Admin", "Vic Viewer", "Vic Viewer")
	})
}

// TestPresenceAnnounce: what an instance tells the others, as visits begin and end,
// every period, and when it stops.
func TestPresenceAnnounce(t *testing.T) {
	p := newPresence("self", time.Second, (&clock{time.Date(2023, 10, 19, 7, 0, 0, 0, time.UTC)}).now)
	said := func(all bool) []string {
		var got []string
		publish := func(e events.Event) {
			if e.Kind != events.Presence || e.Instance != "self" {
				t.Errorf("announced %+v", e)
			}
			what := "here " + e.Actor
			if e.Left {
				what = "left"
			}
			got = append(got, fmt.Sprintf("%d/%d %s", e.ClaimID, e.ActorID, what))
		}
		p.announce(all, publish)
		slices.Sort(got)
		return got
	}
	check := func(what string, got []string, want ...string) {
		t.Helper()
		if !slices.Equal(got, want) {
			t.Errorf("%s: announced %q, want %q", what, got, want)
		}
	}
	woken := func() bool {
		select {
		case <-p.wake:
			return true
		default:
			return false
		}
	}

	if !p.open(1, 1, "Vic Viewer") || p.open(1, 1, "Vic Viewer") || !p.open(2, 1, "Vic Viewer") {
		t.Error("open: only a user's first stream on a claim is a change")
	}
	if !woken() {
		t.Error("opening a claim does not wake the announcer")
	}
	check("opened", said(false), "1/1 here Vic Viewer", "2/1 here Vic Viewer")
	check("nothing new", said(false))
	if p.close(1, 1) {
		t.Error("closing one of two streams is a change")
	}
	check("one of two tabs closed", said(false))
	check("each period", said(true), "1/1 here Vic Viewer", "2/1 here Vic Viewer")
	if !p.close(1, 1) {
		t.Error("closing the last stream on a claim is no change")
	}
	check("last tab closed", said(false), "1/1 left")
	p.open(3, 2, "Ed Editor")
	var bye []string
	p.goodbye(func(e events.Event) { bye = append(bye, fmt.Sprintf("%d/%d left=%v", e.ClaimID, e.ActorID, e.Left)) })
	slices.Sort(bye)
	check("goodbye", bye, "2/1 left=true", "3/2 left=true")
	p.open(4, 2, "Ed Editor")
	check("after goodbye", said(true))
}

// cuttable is a broker an instance can be cut off from, as if it died: what it
// publishes reaches nobody.
type cuttable struct {
	events.Broker
	cut atomic.Bool
}

func (c *cuttable) Publish(ctx context.Context, e events.Event) {
	if !c.cut.Load() {
		c.Broker.Publish(ctx, e)
	}
}

// TestPresenceAcrossInstances: two instances on one broker see each other's people;
// those of an instance that goes away without a word vanish once its announcements
// expire, while those of a live instance stay. On an in-process broker, and on
// PostgreSQL when CLAIMDESK_TEST_POSTGRES is set.
func TestPresenceAcrossInstances(t *testing.T) {
	t.Run("Memory", func(t *testing.T) {
		shared := events.NewMemory()
		a := &cuttable{Broker: shared}
		presenceAcross(t, a, shared, func() { a.cut.Store(true) })
	})
	t.Run("Postgres", func(t *testing.T) {
		base := dbtest.Postgres()
		if base == "" {
			t.Logf("%s unset: no PostgreSQL to carry presence", dbtest.PostgresEnv)
			return
		}
		dsn := dbtest.Schema(t, base)
		ctx, cancel := context.WithCancel(context.Background())
		t.Cleanup(cancel)
		a, aDB := eventstest.Postgres(t, ctx, dsn)
		b, _ := eventstest.Postgres(t, ctx, dsn)
		presenceAcross(t, a, b, func() { aDB.Close() }) // A's NOTIFYs fail from now on
	})
}

func presenceAcross(t *testing.T, brokerA, brokerB events.Broker, cutA func()) {
	const period = 100 * time.Millisecond // long enough for a loaded machine's NOTIFY
	server := func(b events.Broker) *Server {
		live, cancel := context.WithCancel(context.Background())
		t.Cleanup(cancel)
		return New(Config{Events: b, Live: live, KeepAlive: period, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	}
	a, b := server(brokerA), server(brokerB)
	open := func(s *Server, user *auth.User, claim int64) (*stream, func()) {
		st := &stream{user: user, claimID: claim, ended: make(chan struct{}), others: make(chan struct{}, 1)}
		s.live.open(st, defaultStreamsPerUser)
		leave := s.visit(st)
		return st, func() { leave(); s.live.close(st) }
	}
	// told waits until the stream is told who else is on its claim, as want.
	told := func(what string, s *Server, st *stream, want ...string) time.Time {
		t.Helper()
		deadline := time.After(3 * time.Second)
		var got []string
		for {
			select {
			case <-st.others:
				if got = s.presence.others(st.claimID, st.user.ID); slices.Equal(got, want) {
					return time.Now()
				}
			case <-deadline:
				t.Fatalf("%s: the stream was not told %q within 3 s; last told %q", what, want, got)
			}
		}
	}
	viewer := &auth.User{ID: 1, Name: "Vic Viewer"}
	editor := &auth.User{ID: 2, Name: "Ed Editor"}

	onB, closeB := open(b, viewer, 1)
	defer closeB()
	_, closeA := open(a, editor, 1)
	told("the editor opens claim 1 on A", b, onB, "Ed Editor")
	time.Sleep(4 * period)
	if got := b.presence.others(1, viewer.ID); !slices.Equal(got, []string{"Ed Editor"}) {
		t.Errorf("four periods on, with A alive, B names %q", got)
	}
	closeA()
	told("the editor leaves on A", b, onB)

	_, closeA = open(a, editor, 1)
	defer closeA()
	told("the editor opens claim 1 on A again", b, onB, "Ed Editor")
	for deadline := time.Now().Add(3 * time.Second); ; time.Sleep(period / 4) {
		got := a.presence.others(1, editor.ID)
		if slices.Equal(got, []string{"Vic Viewer"}) {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("A, where the editor is, names %q", got)
		}
	}
	cutA()
	cut := time.Now()
	gone := told("A is cut off", b, onB)
	if d := gone.Sub(cut); d < period {
		t.Errorf("A's people vanished %v after it was cut off, before even one period of %v", d, period)
	}
}
