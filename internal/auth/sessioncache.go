package auth

import (
	"context"
	"sync"
	"time"
)

// The sessions a desk instance has checked lately, kept by the sessions' version: a
// number in the database (desk_version.sessions) that every change that could end a
// session or alter its user moves on in its own transaction (logging out, an expired
// session deleted, a new password, a new account), on whichever instance it is saved.
// So a session checked at the version a request reads is still good at that version,
// and the request needs no query of its own for it; saving a verdict or a comment does
// not move this number, only the desk's. A session due to be recorded as used, or that
// looks expired, is read afresh.
type sessionCache struct {
	mu      sync.Mutex
	entries map[string]cachedSession // by token hash
}

type cachedSession struct {
	version  int64
	user     User
	created  time.Time
	lastSeen time.Time
}

// maxCachedSessions bounds the cache; when full it is emptied, a cheap and rare reset.
const maxCachedSessions = 10_000

func (c *sessionCache) get(hash string, version int64) (cachedSession, bool) {
	if c == nil {
		return cachedSession{}, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.entries[hash]
	return e, ok && e.version == version
}

func (c *sessionCache) put(hash string, e cachedSession) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.entries == nil || len(c.entries) >= maxCachedSessions {
		c.entries = map[string]cachedSession{}
	}
	c.entries[hash] = e
}

// SessionUserAt is SessionUser for a request that has read the sessions' version
// (db.Versions.Sessions): a session this instance checked at that same version is
// taken from memory.
func (s *Service) SessionUserAt(ctx context.Context, token string, version int64) (*User, error) {
	if token == "" {
		return nil, ErrNoSession
	}
	hash := hashToken(token)
	now := s.now()
	if e, ok := s.sessions.get(hash, version); ok && now.Sub(e.lastSeen) <= touchEvery && now.Sub(e.created) <= s.AbsoluteTimeout {
		u := e.user
		return &u, nil
	}
	u, seen, err := s.sessionUser(ctx, token)
	if err == nil {
		s.sessions.put(hash, cachedSession{version: version, user: *u, created: seen.CreatedAt, lastSeen: seen.LastSeenAt})
	}
	return u, err
}
