// Package events carries word of saved changes from the services that make them to the
// pages that show them live. Payloads stay small (kinds and ids), so a PostgreSQL
// LISTEN/NOTIFY broker can carry the same events between instances.
package events

import (
	"context"
	"sync"
	"time"
)

// Kinds of event. Claim kinds are published by the claims service after a commit;
// Presence is published by the web layer when someone opens or leaves a claim page,
// and again while they keep it open, so other instances know who is there.
const (
	ClaimCreated      = "claim-created"
	ClaimEdited       = "claim-edited"
	Cited             = "cited"
	CitationCorrected = "citation-corrected"
	CitationWithdrawn = "citation-withdrawn"
	Reviewed          = "reviewed"
	VerdictSet        = "verdict-set"
	WorkChanged       = "work-changed"
	Commented         = "commented"
	SourceChanged     = "source-changed" // ClaimID 0: any claim may read differently
	Presence          = "presence"
)

// Event says that something happened to a claim. It holds ids, not content: whoever
// shows it reads the claim afresh.
type Event struct {
	Kind    string
	ClaimID int64
	ActorID int64 // the user who did it
	// Actor is the user's name when the publisher knows it; subscribers look it up
	// from ActorID otherwise.
	Actor string
	At    time.Time
	// Instance names the app instance that published a Presence event, so each
	// instance can tell its own people from those open on the others.
	Instance string `json:",omitempty"`
	// Left says a Presence event's user no longer has the claim open on Instance.
	Left bool `json:",omitempty"`
}

// Filter chooses which events a subscriber receives.
type Filter struct {
	ClaimID int64 // 0: every claim
	// Presence chooses Presence events alone; without it they are left out: every
	// instance repeats them each keep-alive period, and only its presence table wants them.
	Presence bool
}

func (f Filter) match(e Event) bool {
	return (f.ClaimID == 0 || f.ClaimID == e.ClaimID) && f.Presence == (e.Kind == Presence)
}

// Broker passes events from publishers to subscribers. Publish never waits for a
// subscriber.
type Broker interface {
	// Publish sends e to every matching subscriber.
	Publish(ctx context.Context, e Event)
	// Subscribe returns a channel of matching events and a function that ends the
	// subscription; it also ends when ctx does. The channel is closed when the
	// subscription ends, or when the subscriber fell too far behind and was dropped:
	// it should then read afresh what it shows and subscribe again.
	Subscribe(ctx context.Context, f Filter) (<-chan Event, func())
}

// Buffer is how many events a subscriber of a Memory broker may fall behind by before
// it is dropped.
const Buffer = 16

// Memory is a Broker within one process.
type Memory struct {
	mu   sync.Mutex
	subs map[*sub]struct{}
}

type sub struct {
	f  Filter
	ch chan Event
}

// NewMemory returns an empty in-process broker.
func NewMemory() *Memory { return &Memory{subs: map[*sub]struct{}{}} }

// Publish hands e to each matching subscriber without waiting: a subscriber whose
// buffer is full is dropped (its channel closed), never waited for.
func (m *Memory) Publish(_ context.Context, e Event) {
	m.mu.Lock()
	defer m.mu.Unlock()
	for s := range m.subs {
		if !s.f.match(e) {
			continue
		}
		select {
		case s.ch <- e:
		default:
			delete(m.subs, s)
			close(s.ch)
		}
	}
}

// Subscribe starts a subscription; see Broker.
func (m *Memory) Subscribe(ctx context.Context, f Filter) (<-chan Event, func()) {
	s := &sub{f: f, ch: make(chan Event, Buffer)}
	m.mu.Lock()
	m.subs[s] = struct{}{}
	m.mu.Unlock()
	var once sync.Once
	remove := func() {
		once.Do(func() {
			m.mu.Lock()
			defer m.mu.Unlock()
			if _, ok := m.subs[s]; ok {
				delete(m.subs, s)
				close(s.ch)
			}
		})
	}
	stop := context.AfterFunc(ctx, remove)
	return s.ch, func() { stop(); remove() }
}

// DropAll ends every subscription (closing its channel), as when events may have been
// missed: each subscriber then reads afresh what it shows.
func (m *Memory) DropAll() {
	m.mu.Lock()
	defer m.mu.Unlock()
	for s := range m.subs {
		delete(m.subs, s)
		close(s.ch)
	}
}

// Subscribers returns how many subscriptions are open.
func (m *Memory) Subscribers() int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return len(m.subs)
}
