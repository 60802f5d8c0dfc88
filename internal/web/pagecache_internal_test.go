package web

import (
	"fmt"
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
