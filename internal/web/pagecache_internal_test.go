package web

import (
	"fmt"
	"testing"
)

func TestPageCacheEvictsLeastRecentlyUsed(t *testing.T) {
	p := newPageCache(3)
	for i := range 3 {
		p.put(fmt.Sprint(i), []byte{byte(i)})
	}
	p.get("0") // 0 is now the most recently used; 1 the least
	p.put("3", []byte{3})
	if _, ok := p.get("1"); ok {
		t.Error("the least recently used entry was kept")
	}
	for _, k := range []string{"0", "2", "3"} {
		if _, ok := p.get(k); !ok {
			t.Errorf("entry %s was dropped", k)
		}
	}
}
