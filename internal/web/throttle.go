package web

import (
	"context"
	"sync"
	"time"
)

// Throttle counts failed attempts by key (an account, a client address) within a
// window; an implementation backed by the database can serve several instances.
type Throttle interface {
	// Failures returns the failures of key in its current window and how long until
	// that window ends.
	Failures(ctx context.Context, key string) (n int, resetIn time.Duration, err error)
	// Fail records a failure of key; the first failure opens a window of the length given.
	Fail(ctx context.Context, key string, window time.Duration) error
	// Reset forgets the failures of key.
	Reset(ctx context.Context, key string) error
}

// MemoryThrottle is a Throttle for one instance. It holds at most MaxKeys keys,
// dropping expired windows first and then those closest to ending.
type MemoryThrottle struct {
	MaxKeys int
	Now     func() time.Time

	mu        sync.Mutex
	keys      map[string]*window
	lastSweep time.Time
}

type window struct {
	n   int
	end time.Time
}

// NewMemoryThrottle returns a MemoryThrottle holding up to 100,000 keys.
func NewMemoryThrottle() *MemoryThrottle {
	return &MemoryThrottle{MaxKeys: 100_000, keys: map[string]*window{}}
}

func (t *MemoryThrottle) now() time.Time {
	if t.Now != nil {
		return t.Now()
	}
	return time.Now()
}

// Failures implements Throttle.
func (t *MemoryThrottle) Failures(_ context.Context, key string) (int, time.Duration, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	now := t.now()
	w, ok := t.keys[key]
	if !ok || !now.Before(w.end) {
		return 0, 0, nil
	}
	return w.n, w.end.Sub(now), nil
}

// Fail implements Throttle.
func (t *MemoryThrottle) Fail(_ context.Context, key string, length time.Duration) error {
	t.mu.Lock()
	defer t.mu.Unlock()
	now := t.now()
	if w, ok := t.keys[key]; ok && now.Before(w.end) {
		w.n++
		return nil
	}
	if t.keys == nil {
		t.keys = map[string]*window{}
	}
	t.sweep(now, length)
	t.keys[key] = &window{n: 1, end: now.Add(length)}
	return nil
}

// Reset implements Throttle.
func (t *MemoryThrottle) Reset(_ context.Context, key string) error {
	t.mu.Lock()
	defer t.mu.Unlock()
	delete(t.keys, key)
	return nil
}

// Len returns how many keys are held.
func (t *MemoryThrottle) Len() int {
	t.mu.Lock()
	defer t.mu.Unlock()
	return len(t.keys)
}

// sweep drops ended windows once per window length, and makes room for one more key.
func (t *MemoryThrottle) sweep(now time.Time, every time.Duration) {
	full := t.MaxKeys > 0 && len(t.keys) >= t.MaxKeys
	if !full && now.Sub(t.lastSweep) < every {
		return
	}
	t.lastSweep = now
	for k, w := range t.keys {
		if !now.Before(w.end) {
			delete(t.keys, k)
		}
	}
	for t.MaxKeys > 0 && len(t.keys) >= t.MaxKeys {
		var oldest string
		var end time.Time
		for k, w := range t.keys {
			if end.IsZero() || w.end.Before(end) {
				oldest, end = k, w.end
			}
		}
		delete(t.keys, oldest)
	}
}
