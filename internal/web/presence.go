package web

import (
	"context"
	"crypto/rand"
	"maps"
	"slices"
	"sync"
	"time"

	"claimdesk/internal/events"
)

// presence is who has which claim open: the streams of this instance, and the people
// the other instances on the same broker announce. Each instance announces a visit
// when it begins and ends, and every keep-alive period again while it lasts; a visit
// another instance stops announcing expires after 2.5 periods, so the people of an
// instance that died without a word vanish within three (45 s at the default 15 s).
// It is all in memory: nothing is written to the database when someone opens a page.
type presence struct {
	self string        // this instance, as its events name it
	ttl  time.Duration // how long another instance's announcement holds
	now  func() time.Time
	wake chan struct{} // a visit here began or ended: announce it

	mu     sync.Mutex
	local  map[visit]*localVisit
	remote map[remoteVisit]heard
	dirty  map[visit]struct{} // visits here begun or ended since last announced

	sending sync.Mutex // announcements go out one batch at a time, in order
	quiet   bool       // goodbye said: nothing more goes out
}

// visit is one user with one claim open.
type visit struct{ claim, user int64 }

type localVisit struct {
	name    string
	streams int
}

// remoteVisit is a visit on another instance.
type remoteVisit struct {
	instance string
	visit
}

type heard struct {
	name  string
	until time.Time
}

// newInstanceID names this process among the instances sharing a broker.
func newInstanceID() string { return rand.Text()[:12] }

// newPresence returns an empty table for the instance self, which announces its
// visits every period.
func newPresence(self string, period time.Duration, now func() time.Time) *presence {
	return &presence{self: self, ttl: period * 5 / 2, now: now, wake: make(chan struct{}, 1),
		local: map[visit]*localVisit{}, remote: map[remoteVisit]heard{}, dirty: map[visit]struct{}{}}
}

// open counts a stream of user's on claim; it reports whether the user had no other
// stream on it here.
func (p *presence) open(claim, user int64, name string) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	v := visit{claim, user}
	lv := p.local[v]
	if lv == nil {
		lv = &localVisit{}
		p.local[v] = lv
	}
	lv.name = name
	if lv.streams++; lv.streams > 1 {
		return false
	}
	p.changed(v)
	return true
}

// close uncounts a stream opened with open; it reports whether it was the user's last
// on the claim here.
func (p *presence) close(claim, user int64) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	v := visit{claim, user}
	lv := p.local[v]
	if lv == nil {
		return false
	}
	if lv.streams--; lv.streams > 0 {
		return false
	}
	delete(p.local, v)
	p.changed(v)
	return true
}

// changed marks v to be announced; p.mu is held.
func (p *presence) changed(v visit) {
	p.dirty[v] = struct{}{}
	select {
	case p.wake <- struct{}{}:
	default:
	}
}

// hear takes in a Presence event from another instance; it reports whether the
// people on the event's claim changed. The instance's own events are known already.
func (p *presence) hear(e events.Event) bool {
	if e.Kind != events.Presence || e.Instance == "" || e.Instance == p.self || e.ClaimID <= 0 {
		return false
	}
	k := remoteVisit{e.Instance, visit{e.ClaimID, e.ActorID}}
	now := p.now()
	p.mu.Lock()
	defer p.mu.Unlock()
	old, ok := p.remote[k]
	was := ok && now.Before(old.until)
	if e.Left {
		delete(p.remote, k)
		return was
	}
	p.remote[k] = heard{name: e.Actor, until: now.Add(p.ttl)}
	return !was || old.name != e.Actor
}

// expire forgets the announcements not renewed in time and returns the claims they
// were on.
func (p *presence) expire() []int64 {
	now := p.now()
	p.mu.Lock()
	defer p.mu.Unlock()
	var claims []int64
	for k, h := range p.remote {
		if !now.Before(h.until) {
			delete(p.remote, k)
			claims = append(claims, k.claim)
		}
	}
	slices.Sort(claims)
	return slices.Compact(claims)
}

// others names the people other than the user me with the claim open, on any
// instance, in order.
func (p *presence) others(claim, me int64) []string {
	now := p.now()
	p.mu.Lock()
	defer p.mu.Unlock()
	names := map[int64]string{}
	for v, lv := range p.local {
		if v.claim == claim && v.user != me {
			names[v.user] = lv.name
		}
	}
	for k, h := range p.remote {
		if _, ok := names[k.user]; !ok && k.claim == claim && k.user != me && now.Before(h.until) {
			names[k.user] = h.name
		}
	}
	return slices.Sorted(maps.Values(names))
}

// announce passes to publish the visits here begun or ended since it last ran, or,
// when all, every open visit too, as the other instances should hear of them.
func (p *presence) announce(all bool, publish func(events.Event)) { p.send(all, false, publish) }

// goodbye passes to publish the end of every visit here, as when the instance stops,
// and silences announce.
func (p *presence) goodbye(publish func(events.Event)) { p.send(true, true, publish) }

func (p *presence) send(all, bye bool, publish func(events.Event)) {
	p.sending.Lock()
	defer p.sending.Unlock()
	if p.quiet {
		return
	}
	p.quiet = bye
	p.mu.Lock()
	if all {
		for v := range p.local {
			p.dirty[v] = struct{}{}
		}
	}
	evs := make([]events.Event, 0, len(p.dirty))
	for v := range p.dirty {
		e := events.Event{Kind: events.Presence, ClaimID: v.claim, ActorID: v.user, Instance: p.self, At: p.now()}
		if lv := p.local[v]; lv != nil && !bye {
			e.Actor = lv.name
		} else {
			e.Left = true
		}
		evs = append(evs, e)
	}
	clear(p.dirty)
	p.mu.Unlock()
	for _, e := range evs {
		publish(e)
	}
}

// followPresence keeps the presence table up with the other instances until ctx ends,
// and tells the streams on a claim when the people on it change. It listens before
// it returns, so nothing announced after is missed.
func (s *Server) followPresence(ctx context.Context) {
	evs, stop := s.events.Subscribe(ctx, events.Filter{Presence: true})
	go func() {
		sweep := time.NewTicker(s.keepAlive / 2)
		defer sweep.Stop()
		for {
			s.hearPresence(evs, sweep.C)
			stop() // the channel closed: ctx ended, or this fell behind and listens again
			if ctx.Err() != nil {
				return
			}
			evs, stop = s.events.Subscribe(ctx, events.Filter{Presence: true})
		}
	}()
}

func (s *Server) hearPresence(evs <-chan events.Event, sweep <-chan time.Time) {
	for {
		select {
		case e, ok := <-evs:
			if !ok {
				return
			}
			if s.presence.hear(e) {
				s.live.poke(e.ClaimID, nil)
			}
		case <-sweep:
			for _, claim := range s.presence.expire() {
				s.live.poke(claim, nil)
			}
		}
	}
}

// announcePresence tells the other instances of each visit here as it begins and
// ends, and of every open visit each keep-alive period; when ctx ends, it says goodbye.
func (s *Server) announcePresence(ctx context.Context) {
	tick := time.NewTicker(s.keepAlive)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			s.presenceGoodbye()
			return
		case <-s.presence.wake:
			s.presence.announce(false, s.publishPresence(ctx))
		case <-tick.C:
			s.presence.announce(true, s.publishPresence(ctx))
		}
	}
}

// presenceGoodbye tells the other instances that nobody here has a claim open any
// more. Streams ending at shutdown call it too, so it is said before they return.
func (s *Server) presenceGoodbye() {
	s.presence.goodbye(s.publishPresence(context.Background()))
}

func (s *Server) publishPresence(ctx context.Context) func(events.Event) {
	return func(e events.Event) { s.events.Publish(ctx, e) }
}
