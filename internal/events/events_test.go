package events_test

import (
	"context"
	"encoding/json"
	"runtime"
	"sync"
	"testing"
	"time"

	"claimdesk/internal/events"
)

// receive waits a little for one event on ch.
func receive(t *testing.T, ch <-chan events.Event) (events.Event, bool) {
	t.Helper()
	select {
	case e, ok := <-ch:
		return e, ok
	case <-time.After(time.Second):
		t.Fatal("no event within a second")
		return events.Event{}, false
	}
}

// quiet checks that nothing arrives on ch.
func quiet(t *testing.T, ch <-chan events.Event) {
	t.Helper()
	select {
	case e, ok := <-ch:
		t.Fatalf("got %+v (open %v), want nothing", e, ok)
	case <-time.After(20 * time.Millisecond):
	}
}

func TestFanOutAndFilter(t *testing.T) {
	b := events.NewMemory()
	all, stopAll := b.Subscribe(t.Context(), events.Filter{})
	defer stopAll()
	one, stopOne := b.Subscribe(t.Context(), events.Filter{ClaimID: 1})
	defer stopOne()
	two, stopTwo := b.Subscribe(t.Context(), events.Filter{ClaimID: 2})
	defer stopTwo()

	want := events.Event{Kind: events.VerdictSet, ClaimID: 1, ActorID: 7}
	b.Publish(t.Context(), want)
	for name, ch := range map[string]<-chan events.Event{"every claim": all, "claim 1": one} {
		if got, _ := receive(t, ch); got != want {
			t.Errorf("%s: got %+v, want %+v", name, got, want)
		}
	}
	quiet(t, two)
}

// TestPresenceFilter: presence events, which come every few seconds, reach only the
// subscribers that ask for them, and those get nothing else.
func TestPresenceFilter(t *testing.T) {
	b := events.NewMemory()
	all, stopAll := b.Subscribe(t.Context(), events.Filter{})
	defer stopAll()
	one, stopOne := b.Subscribe(t.Context(), events.Filter{ClaimID: 1})
	defer stopOne()
	presence, stopPresence := b.Subscribe(t.Context(), events.Filter{Presence: true})
	defer stopPresence()

	here := events.Event{Kind: events.Presence, ClaimID: 1, ActorID: 7, Actor: "Rana Haddad", Instance: "a"}
	cited := events.Event{Kind: events.Cited, ClaimID: 1, ActorID: 7}
	b.Publish(t.Context(), here)
	b.Publish(t.Context(), cited)
	if got, _ := receive(t, presence); got != here {
		t.Errorf("presence subscriber: got %+v, want %+v", got, here)
	}
	for name, ch := range map[string]<-chan events.Event{"every claim": all, "claim 1": one} {
		if got, _ := receive(t, ch); got != cited {
			t.Errorf("%s: got %+v, want only %+v", name, got, cited)
		}
	}
	quiet(t, presence)
}

// TestEventJSON: the fields presence added are left out of other events, so their
// payload reads as before to an instance that does not know them.
func TestEventJSON(t *testing.T) {
	at := time.Date(2023, 10, 19, 7, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		e    events.Event
		want string
	}{
		{events.Event{Kind: events.Cited, ClaimID: 1, ActorID: 3, At: at},
			`{"Kind":"cited","ClaimID":1,"ActorID":3,"Actor":"","At":"2023-10-19T07:00:00Z"}`},
		{events.Event{Kind: events.Presence, ClaimID: 1, ActorID: 3, At: at, Instance: "a", Left: true},
			`{"Kind":"presence","ClaimID":1,"ActorID":3,"Actor":"","At":"2023-10-19T07:00:00Z","Instance":"a","Left":true}`},
	} {
		b, err := json.Marshal(tc.e)
		if got := string(b); err != nil || got != tc.want {
			t.Errorf("%+v: got %s (%v), want %s", tc.e, got, err, tc.want)
		}
	}
}

func TestUnsubscribe(t *testing.T) {
	b := events.NewMemory()
	ch, stop := b.Subscribe(t.Context(), events.Filter{})
	stop()
	stop() // twice is harmless
	if _, ok := <-ch; ok {
		t.Fatal("channel still open after unsubscribing")
	}
	if got := b.Subscribers(); got != 0 {
		t.Errorf("subscribers after unsubscribing: got %d, want 0", got)
	}
	b.Publish(t.Context(), events.Event{Kind: events.Cited, ClaimID: 1}) // no panic on a closed channel

	ctx, cancel := context.WithCancel(t.Context())
	ch, stop = b.Subscribe(ctx, events.Filter{})
	defer stop()
	cancel()
	if _, ok := receive(t, ch); ok {
		t.Fatal("channel still open after its context ended")
	}
	if got := b.Subscribers(); got != 0 {
		t.Errorf("subscribers after the context ended: got %d, want 0", got)
	}
}

// TestSlowSubscriber: a subscriber that reads nothing holds up nobody; once its buffer
// is full it is dropped, and the others still get every event.
func TestSlowSubscriber(t *testing.T) {
	b := events.NewMemory()
	slow, stopSlow := b.Subscribe(t.Context(), events.Filter{})
	defer stopSlow()
	fast, stopFast := b.Subscribe(t.Context(), events.Filter{})
	defer stopFast()

	var got int
	done := make(chan struct{})
	go func() {
		defer close(done)
		for range fast {
			got++
			if got == 3*events.Buffer {
				return
			}
		}
	}()
	start := time.Now()
	for i := range 3 * events.Buffer {
		b.Publish(t.Context(), events.Event{Kind: events.Cited, ClaimID: int64(i)})
		time.Sleep(100 * time.Microsecond) // let the fast reader keep up
	}
	if d := time.Since(start); d > time.Second {
		t.Errorf("publishing past a stuck subscriber took %v", d)
	}
	<-done
	if got != 3*events.Buffer {
		t.Errorf("the reading subscriber got %d events, want %d", got, 3*events.Buffer)
	}
	n := 0
	for range slow {
		n++
	}
	if n != events.Buffer {
		t.Errorf("the stuck subscriber kept %d events before being dropped, want its buffer of %d", n, events.Buffer)
	}
	if got := b.Subscribers(); got != 1 {
		t.Errorf("subscribers after dropping the stuck one: got %d, want 1", got)
	}
}

// TestBufferCap: events wait in a subscriber's buffer up to its capacity, in order.
func TestBufferCap(t *testing.T) {
	b := events.NewMemory()
	ch, stop := b.Subscribe(t.Context(), events.Filter{})
	defer stop()
	for i := range events.Buffer {
		b.Publish(t.Context(), events.Event{ClaimID: int64(i)})
	}
	if got := len(ch); got != events.Buffer {
		t.Fatalf("buffered: got %d, want %d", got, events.Buffer)
	}
	for i := range events.Buffer {
		if e, _ := receive(t, ch); e.ClaimID != int64(i) {
			t.Fatalf("event %d: got claim %d", i, e.ClaimID)
		}
	}
	b.Publish(t.Context(), events.Event{ClaimID: 99})
	if e, ok := receive(t, ch); !ok || e.ClaimID != 99 {
		t.Errorf("after draining: got %+v (open %v), want claim 99", e, ok)
	}
}

// streams subscribes n readers that each signal wg on every event.
func streams(tb testing.TB, b *events.Memory, n int, wg *sync.WaitGroup) {
	for range n {
		ch, stop := b.Subscribe(context.Background(), events.Filter{})
		tb.Cleanup(stop)
		go func() {
			for range ch {
				wg.Done()
			}
		}()
	}
}

// TestFanOut500 is the live desk's goal: one event reaches 500 open streams within 100 ms.
func TestFanOut500(t *testing.T) {
	b := events.NewMemory()
	var wg sync.WaitGroup
	streams(t, b, 500, &wg)
	for range 5 {
		wg.Add(500)
		start := time.Now()
		b.Publish(t.Context(), events.Event{Kind: events.VerdictSet, ClaimID: 1})
		wg.Wait()
		if d := time.Since(start); d > 100*time.Millisecond {
			t.Errorf("one event to 500 subscribers took %v, want under 100ms", d)
		}
	}
}

// BenchmarkFanOut500 publishes one event and waits until all 500 subscribers have it.
// It reports the broker's memory per subscription (bytes/stream).
func BenchmarkFanOut500(b *testing.B) {
	const n = 500
	br := events.NewMemory()
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	var wg sync.WaitGroup
	streams(b, br, n, &wg)
	runtime.GC()
	runtime.ReadMemStats(&after)
	perStream := float64(after.HeapAlloc+after.StackInuse-before.HeapAlloc-before.StackInuse) / n
	b.ResetTimer()
	for b.Loop() {
		wg.Add(n)
		br.Publish(context.Background(), events.Event{Kind: events.VerdictSet, ClaimID: 1})
		wg.Wait()
	}
	b.ReportMetric(perStream, "bytes/stream")
}
